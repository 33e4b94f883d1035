"""One check that a coding or error record is valid contract JSON for its text (used by property tests and the
fuzz harness)."""

from __future__ import annotations

import json
from typing import Any

ERROR_CODES_PER_RECORD = {"empty-text", "binary-input", "bad-encoding", "too-large", "not-english", "bad-record",
                          "bad-date", "internal-error", "timeout", "worker-lost"}


def _spans(obj: Any) -> list[tuple[str, Any]]:
    """Every ``span`` (and evidence pair) in a coding, with where it sits."""
    out: list[tuple[str, Any]] = []

    def walk(x: Any, path: str) -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                if k == "span" and v is not None:
                    out.append((f"{path}.span", v))
                elif k == "evidence":
                    out.extend((f"{path}.evidence", e) for e in v)
                else:
                    walk(v, f"{path}.{k}")
        elif isinstance(x, list):
            for i, v in enumerate(x):
                walk(v, f"{path}[{i}]")

    walk(obj, "")
    return out


def check_record(d: dict[str, Any], text: str | None = None, *, allow_internal_error: bool = False) -> None:
    """Raises AssertionError when ``d`` is not a valid record; ``text`` is the normalised text when known."""
    line = json.dumps(d, ensure_ascii=False)
    line.encode("utf-8")                      # valid UTF-8: no unpaired surrogates anywhere
    assert d["schema"] == "dateline/1"
    if "error" in d:
        code = d["error"]["code"]
        assert code in ERROR_CODES_PER_RECORD, code
        assert allow_internal_error or code != "internal-error", d["error"]["message"]
        assert d["error"]["message"]
        return
    art = d["article"]
    assert art["id"].startswith("sha256:") and len(art["id"]) == 71
    n = art["chars"]
    if text is not None:
        assert n == len(text)
    for where, span in _spans(d):
        assert isinstance(span, list) and len(span) == 2, where
        assert 0 <= span[0] <= span[1] <= n, (where, span, n)
    for ev in d["events"]:
        assert ev["status"] in ("reported", "background", "planned"), ev["status"]
        for kind, est in ev["estimates"].items():
            assert est["low"] <= est["best"] <= est["high"], (kind, est)
            assert est["low"] >= 0
        for c in ev["claims"]:
            assert c["stance"] in ("asserts", "denies", "unconfirmed", "confirmed"), c["stance"]
            if c["low"] is not None and c["high"] is not None:
                assert 0 <= c["low"] <= c["high"], c
            if text is not None and c["span"] is not None:
                assert text[c["span"][0]:c["span"][1]] == c["text"]
        if text is not None and ev["trigger"]["span"] is not None:
            s, e = ev["trigger"]["span"]
            assert text[s:e] == ev["trigger"]["text"]
    for q in d["quotes"]:
        if text is not None:
            assert text[q["span"][0]:q["span"][1]] == q["text"]
