"""The command line: codes files and streams, reports bad records, documents its exit status."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dateline.cli import main

ENGLISH = "Gunmen killed three villagers near the border on Tuesday, police said."


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.mark.slow
def test_code_jsonl_with_bad_records_exit_1(tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join([
        json.dumps({"id": "ok", "text": ENGLISH, "published": "2024-05-02"}),
        "{broken",
        json.dumps({"id": "empty", "text": " "}),
        json.dumps({"id": "ok2", "text": ENGLISH}),
    ]) + "\n")
    result = CliRunner().invoke(main, ["code", str(f)])
    assert result.exit_code == 1
    out = _lines(result.stdout)
    assert [o["article"]["input_id"] for o in out] == ["ok", None, "empty", "ok2"]
    assert [o.get("error", {}).get("code") for o in out] == [None, "bad-record", "empty-text", None]
    assert out[0]["schema"] == "dateline/1"
    assert out[0]["events"][0]["date"]["start"] == "2024-04-30"
    assert out[3]["events"][0]["date"]["precision"] == "unknown"   # no published date: unresolved


@pytest.mark.slow
def test_code_all_good_exit_0_and_published_override(tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "a.txt"
    f.write_text(ENGLISH)
    result = CliRunner().invoke(main, ["code", "--jsonl", "--published", "2024-05-02", str(f)])
    assert result.exit_code == 0, result.output
    (coding,) = _lines(result.stdout)
    assert coding["article"]["published"] == {"date": "2024-05-02", "source": "argument"}


@pytest.mark.slow
def test_code_stdin() -> None:
    result = CliRunner().invoke(main, ["code", "-"], input=json.dumps({"id": "s", "text": ENGLISH}) + "\n")
    assert result.exit_code == 0
    assert _lines(result.stdout)[0]["article"]["input_id"] == "s"


def test_usage_errors_exit_2() -> None:
    assert CliRunner().invoke(main, ["code", "no/such/file.txt"]).exit_code == 2
    assert CliRunner().invoke(main, ["code", "--published", "soon", "-"], input="x").exit_code == 2


@pytest.mark.slow
def test_include_text_offsets_index_the_text(example_path) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, ["code", "--include-text", str(example_path)])
    assert result.exit_code == 0
    coding = json.loads(result.stdout)
    text = coding["article"]["text"]
    assert any(ev["claims"] for ev in coding["events"]) and coding["quotes"]     # the loops below check something
    for ev in coding["events"]:
        for claim in ev["claims"]:
            s, e = claim["span"]
            assert text[s:e] == claim["text"]
    for q in coding["quotes"]:
        s, e = q["span"]
        assert text[s:e] == q["text"]
