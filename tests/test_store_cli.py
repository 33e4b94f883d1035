"""The store's commands: ingest (summary, exit status, idempotence), articles / events / claims, show, errors, db info.

The fast tests code with the fake coder (``dateline.code_many`` is replaced, so ``dateline.open_store`` binds it);
the slow one codes real text with the pipeline.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import dateline
from dateline.cli import main

from .test_store_support import article_text, fake_code_many, store_url  # noqa: F401


@pytest.fixture
def fake_coder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dateline, "code_many", fake_code_many)


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    recs = [{"id": "bagh", "text": article_text(1, country="IRQ", date="2024-05-01"), "published": "2024-05-02",
             "title": "Attack near Baghdad", "url": "https://news.example/1"},
            {"id": "homs", "text": article_text(2, country="SYR", date="2024-04-01") + " A car bomb went off.",
             "published": "2024-04-02", "title": "Homs blast"},
            {"id": "empty", "text": ""}]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs))
    return path


def run(*args: str, **kw: Any) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False, **kw)


def test_ingest_twice(fake_coder: None, inputs: Path, store_url: str) -> None:  # noqa: F811
    first = run("ingest", "--db", store_url, str(inputs))
    assert first.exit_code == 1                                   # an input became an error record, as `code`
    assert "3 inputs in" in first.stdout and "2 coded and stored, 0 already stored, 1 errors (1 new)" in first.stdout
    assert ": 2 articles, 2 events, 2 claims, 2 incidents, 1 error records" in first.stdout
    assert "incidents: 2 reported events placed, 2 new incidents" in first.stdout
    assert "could not be coded" in first.stderr
    second = run("ingest", "--db", store_url, str(inputs))
    assert "nothing new stored; 2 already stored, 1 errors (0 new)" in second.stdout
    assert ": 2 articles, 2 events, 2 claims, 2 incidents, 1 error records" in second.stdout
    assert "incidents: nothing new to place" in second.stdout


def test_ingest_all_good_exits_0_and_reads_dateline_db(fake_coder: None, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATELINE_DB", str(tmp_path / "env.sqlite"))
    result = run("ingest", "-", input=article_text(5))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "env.sqlite").exists() and "1 coded and stored" in result.stdout


def test_queries(fake_coder: None, inputs: Path, store_url: str) -> None:  # noqa: F811
    run("ingest", "--db", store_url, str(inputs))
    events = run("events", "--db", store_url)
    lines = events.stdout.splitlines()
    assert lines[0].split() == ["article", "event", "status", "date", "type", "acled", "place", "country", "killed",
                                "injured"]
    assert len(lines) == 3 and "2024-05-01" in lines[1] and "IRQ" in lines[1]
    rows = [json.loads(x) for x in run("events", "--db", store_url, "--country", "SYR", "--jsonl").stdout.split("\n")
            if x]
    assert [(r["input_id"], r["date_start"], r["killed"]) for r in rows] == [("homs", "2024-04-01", 3)]
    assert "homs" in run("articles", "--db", store_url, "--text", "car bomb").stdout
    assert "bagh" not in run("articles", "--db", store_url, "--text", "car bomb").stdout
    assert run("articles", "--db", store_url, "--since", "2024-05-01").stdout.count("sha256:") == 1
    claims = run("claims", "--db", store_url, "--source", "police", "--bbox", "38,29,49,38", "--type", "ASSAULT")
    assert claims.stdout.count("police") == 2
    nothing = run("events", "--db", store_url, "--until", "2000-01-01")
    assert nothing.exit_code == 0 and nothing.stdout == "" and "nothing found" in nothing.stderr
    assert run("events", "--db", store_url, "--since", "soon").exit_code == 2
    assert run("events", "--db", store_url, "--bbox", "1,2,3").exit_code == 2


def test_show_errors_info(fake_coder: None, inputs: Path, store_url: str) -> None:  # noqa: F811
    run("ingest", "--db", store_url, str(inputs))
    coding = json.loads(run("show", "--db", store_url, "bagh").stdout)
    assert coding["article"]["input_id"] == "bagh" and "text" not in coding["article"]
    cid = coding["article"]["id"]
    with_text = json.loads(run("show", "--db", store_url, cid[:16], "--include-text").stdout)
    # the record's headline opens the analysed text, and title_span says where it sits
    text, (s, e) = with_text["article"]["text"], with_text["article"]["title_span"]
    assert text[s:e] == with_text["article"]["title"] and text[e:].lstrip().startswith("Report number 1")
    missing = run("show", "--db", store_url, "no-such-article")
    assert missing.exit_code == 1 and "no stored article" in missing.stderr
    errors = run("errors", "--db", store_url)
    assert "empty-text" in errors.stdout and "in.jsonl:3" in errors.stdout
    (err,) = [json.loads(x) for x in run("errors", "--db", store_url, "--jsonl", "--code", "empty-text")
              .stdout.splitlines()]
    assert err["input_id"] == "empty"
    info = run("db", "info", "--db", store_url)
    assert "schema      0005" in info.stdout and "articles          2" in info.stdout
    as_json = json.loads(run("db", "info", "--db", store_url, "--json").stdout)
    assert as_json["counts"]["events"] == 2 and as_json["engine"] in ("sqlite", "postgresql")
    assert as_json["bytes"] > 0


def test_environment_errors_exit_2(tmp_path: Path) -> None:
    assert run("ingest", "--db", str(tmp_path / "s.sqlite"), "no/such.jsonl").exit_code == 2
    result = run("db", "info", "--db", "postgresql://127.0.0.1:1/none")
    assert result.exit_code == 2 and result.stderr.startswith("dateline: cannot open the store")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_ingest_real_articles_twice(tmp_path: Path) -> None:
    path = tmp_path / "real.jsonl"
    recs = [{"id": "r1", "text": "Gunmen killed three villagers near the border on Tuesday, police said.",
             "published": "2024-05-02"},
            {"id": "r2", "text": "Security forces arrested 12 protesters in the capital on Friday, witnesses said.",
             "published": "2024-05-04"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs))
    db = str(tmp_path / "real.sqlite")
    first = run("ingest", "--db", db, str(path))
    assert first.exit_code == 0 and "2 coded and stored" in first.stdout
    assert "nothing new stored; 2 already stored" in run("ingest", "--db", db, str(path)).stdout
    (ev,) = [json.loads(x) for x in run("events", "--db", db, "--jsonl", "--until", "2024-04-30").stdout.splitlines()]
    assert ev["input_id"] == "r1" and ev["date_start"] == "2024-04-30" and ev["killed"] == 3
    stored = json.loads(run("show", "--db", db, "r1").stdout)
    assert stored == dateline.code(recs[0]["text"], published="2024-05-02").to_dict() | {
        "article": stored["article"]}
