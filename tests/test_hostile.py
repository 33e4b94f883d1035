"""Hostile input and a hostile environment: every record is accounted for, no traceback, the right exit status.

Each test stands for a class of input (huge numbers, deep nesting, unpaired surrogates, invisible characters,
a wrong encoding, output that cannot be written, a reader that goes away)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import dateline
from dateline.errors import BadEncoding
from dateline.ingest import article_from_txt, normalise, read_path

from .conftest import ROOT
from .contract_check import check_record

GOOD = "Gunmen killed three villagers in Mosul on Friday, police said."
CLI = [sys.executable, "-m", "dateline.cli"]


def run_cli(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, cwd=ROOT, env=full_env, timeout=300)


def hostile_lines() -> list[str]:
    return [
        json.dumps({"id": "a", "text": GOOD}),
        '{"id": ' + "9" * 5000 + ', "text": "x"}',        # an integer Python refuses to convert
        "[" * 200_000 + "]" * 200_000,                      # nesting deeper than any recursion limit
        '{"id": "\\ud800", "text": "no such character"}',   # an unpaired surrogate
        '{"id": NaN, "text": "x"}',
        '{"id": {"nested": 1}, "text": "x"}',
        "not json at all",
        json.dumps({"id": "z", "text": GOOD}),
    ]


# ---------------------------------------------------------------------------------------------- reading


def test_every_hostile_jsonl_line_is_a_record_and_the_good_ones_are_read() -> None:
    data = ("\n".join(hostile_lines()) + "\n").encode("utf-8")
    items = list(read_path("-", stdin=__import__("io").BytesIO(data)))
    assert len(items) == 8
    codes = [getattr(getattr(i, "error", None), "code", "ok") for i in items]
    assert codes == ["ok", "bad-record", "bad-record", "ok", "bad-record", "bad-record", "bad-record", "ok"]
    assert items[3].input_id == "\ufffd"   # type: ignore[union-attr]


def test_stdin_is_jsonl_when_any_line_is_an_object() -> None:
    import io

    data = b"a first line of prose\n" + json.dumps({"id": 1, "text": GOOD}).encode() + b"\n{\"id\": 2}\n"
    items = list(read_path("-", stdin=io.BytesIO(data)))
    assert len(items) == 3
    as_text = list(read_path("-", stdin=io.BytesIO(data), fmt="text"))
    assert len(as_text) == 1


@pytest.mark.parametrize("text", [
    GOOD.encode("utf-16"), GOOD.encode("utf-16-le"), GOOD.encode("utf-16-be"),
])
def test_utf16_bytes_are_an_encoding_error(text: bytes) -> None:
    with pytest.raises(BadEncoding, match="UTF-16"):
        article_from_txt(text)


def test_utf16_read_as_single_bytes_is_an_encoding_error() -> None:
    with pytest.raises(BadEncoding):
        dateline.code(GOOD.encode("utf-16-le").decode("latin-1"))


def test_an_impossible_date_header_is_a_warning_not_the_title() -> None:
    art = article_from_txt("February 31, 2017\nTitle of the story\n\n" + GOOD)
    assert art.title == "Title of the story" and art.published is None
    assert [code for code, _ in art.warnings] == ["bad-date"]


@pytest.mark.parametrize("invisible", ["\u200b", "\u200f", "\u202e", "\ufeff", "\u00ad", "\u2060"])
def test_invisible_characters_are_removed(invisible: str) -> None:
    dirty = GOOD.replace(" ", " " + invisible).replace("three", "three" + invisible)
    assert normalise(dirty) == GOOD


def test_space_like_characters_and_stray_marks() -> None:
    assert normalise("two\u00a0killed\u2009in\u3000Mosul") == "two killed in Mosul"
    assert normalise("two \u0301killed") == "two killed"
    assert normalise("cafe\u0301") == "caf\u00e9"


# ---------------------------------------------------------------------------------------------- coding


@pytest.mark.slow
def test_invisible_characters_never_change_the_figures() -> None:
    text = "Gunmen killed 19 people and wounded 4 in Mosul on Friday, police said."
    clean = dateline.code(text, published="2024-03-09").to_dict()
    for dirty in (text.replace(" ", " \u200b"), text.replace("19", "19\u200b").replace("4 ", "4\u200b "),
                  text.replace(" ", "\u00a0")):
        got = dateline.code(dirty, published="2024-03-09").to_dict()
        assert [e["estimates"] for e in got["events"]] == [e["estimates"] for e in clean["events"]]


@pytest.mark.slow
def test_unpaired_surrogates_in_the_api_become_replacement_characters() -> None:
    coding = dateline.code("Gunmen killed two \ud800people in Mosul.", published="2024-03-09", include_text=True)
    check_record(coding.to_dict())
    assert coding.article.text == "Gunmen killed two \ufffdpeople in Mosul."


@pytest.mark.slow
def test_cli_codes_every_hostile_line_and_prints_valid_utf8(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(hostile_lines()) + "\n", encoding="utf-8", errors="surrogatepass")
    done = run_cli("code", str(src), "--jsonl")
    assert done.returncode == 1, done.stderr        # some inputs were errors; all others coded
    assert b"Traceback" not in done.stderr
    lines = done.stdout.decode("utf-8").splitlines()
    assert len(lines) == 8
    records = [json.loads(line) for line in lines]
    for r in records:
        check_record(r)
    assert [("error" in r) for r in records] == [False, True, True, False, True, True, True, False]


@pytest.mark.slow
def test_a_tiny_budget_makes_timeout_records_and_the_run_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": str(i), "text": GOOD * 40}) for i in range(3)) + "\n")
    done = run_cli("code", str(src), "--jsonl", "--timeout", "0.001")
    records = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [r["error"]["code"] for r in records] == ["timeout"] * 3
    assert done.returncode == 1 and b"Traceback" not in done.stderr


# ---------------------------------------------------------------------------------------------- environment


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_line_and_exit_2() -> None:
    example = str(ROOT / "examples" / "riverside-market.txt")
    for args in (["-o", "/dev/full"], []):
        if args:
            done = run_cli("code", example, *args)
        else:
            with open("/dev/full", "wb") as full:
                done = subprocess.run([*CLI, "code", example], stdout=full, stderr=subprocess.PIPE, cwd=ROOT,
                                      timeout=300)
        assert done.returncode == 2, done.stderr
        assert b"Traceback" not in done.stderr and b"No space left" in done.stderr


def test_output_into_a_missing_folder_is_exit_2(tmp_path: Path) -> None:
    done = run_cli("code", str(ROOT / "examples" / "riverside-market.txt"), "-o", str(tmp_path / "no" / "x.json"))
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    assert b"No such file or directory" in done.stderr


def test_a_broken_places_file_stops_code_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "places.tsv").write_bytes(b"Camp\x00X\tIRQ\n")
    done = run_cli("code", str(ROOT / "examples" / "riverside-market.txt"), env={"DATELINE_HOME": str(tmp_path)})
    assert done.returncode == 2 and b"bad-place" in done.stderr and b"Traceback" not in done.stderr
    assert done.stdout == b""


@pytest.mark.slow
def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": str(i), "text": GOOD}) for i in range(40)) + "\n")
    proc = subprocess.Popen([*CLI, "code", str(src), "--jsonl"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=ROOT)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()            # the reader goes away, as `| head -1` does
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=300) == 0
    assert b"Traceback" not in err and b"BrokenPipe" not in err
