"""Property tests: whatever the input, the JSONL reader and ``dateline.code`` give valid contract records or
documented errors, never anything else. (Longer runs: ``fuzz/fuzz_code.py``.)"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dateline
from dateline.errors import InputError
from dateline.ingest import Article, Rejected, iter_jsonl, normalise

from .contract_check import check_record

# words that wake every stage: events, figures, dates, places, quotes, attribution
WORDS = ["Gunmen", "killed", "three", "villagers", "in", "Mosul", "on", "Friday", "police", "said", "the", "army",
         "denied", '"', "“", "”", "(", ")", "--", "—", "12", "dozens", "wounded", "at", "least", ",", ".", "\n\n",
         "MOSUL", "(AP)", "\u200b", "\u00ad", "\ufeff", "\u202e", "\u0301", "\ud800", "\x00", "\t", "Jan.", "3",
         "2019", "hospital", "rebels", "claimed", "could", "not", "be", "verified", "were", "taken", "hostage"]

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join),
    st.lists(st.sampled_from(WORDS), max_size=80).map("".join),
)


def _json_values() -> st.SearchStrategy[object]:
    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=40))
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                        | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)


records = st.fixed_dictionaries({}, optional={"id": _json_values(), "text": st.one_of(texts, _json_values()),
                                              "title": _json_values(), "published": _json_values()})
raw_lines = st.one_of(
    records.map(lambda r: json.dumps(r)),
    st.text(max_size=200),
    st.binary(max_size=200),
    st.sampled_from(["[" * 5000 + "]" * 5000, '{"id": ' + "9" * 5000 + ', "text": "x"}', '{"id": NaN, "text": "x"}',
                     '{"id": "\\ud800", "text": "Gunmen killed two in Mosul."}', '{"text": "\\udfff killed"}']),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(raw_lines, max_size=6))
def test_jsonl_reader_yields_one_result_per_line_and_never_raises(lines: list[str | bytes]) -> None:
    out = list(iter_jsonl(lines))
    # blank = only JSON whitespace (a line of control characters is reported, not skipped)
    nonblank = [x for x in lines if (x.strip(" \t\r\n") if isinstance(x, str) else x.strip(b" \t\r\n"))]
    # a bytes line with newlines inside is still one line here; blank lines are skipped
    assert len(out) == len(nonblank)
    for item in out:
        assert isinstance(item, (Article, Rejected))
        if isinstance(item, Rejected):
            assert item.error.code in ("bad-record", "bad-encoding", "binary-input", "empty-text", "too-large",
                                       "not-english", "bad-date")
            json.dumps({"id": item.input_id, "message": item.error.message}, ensure_ascii=False).encode("utf-8")
        else:
            (item.input_id or "").encode("utf-8")
            item.text.encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(texts)
def test_normalise_is_idempotent_and_writable(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    once.encode("utf-8")


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_code_gives_a_valid_coding_or_a_documented_error(text: str) -> None:
    try:
        coding = dateline.code(text, published="2024-03-09")
    except InputError:
        return
    check_record(coding.to_dict(), normalise(text))
