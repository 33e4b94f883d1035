"""`dateline places add | search | import` against a user gazetteer in a temp directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline import gazetteer
from dateline.cli import main

from .test_gazetteer import geonames_line


@pytest.fixture()
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    monkeypatch.setenv("DATELINE_HOME", str(home))
    monkeypatch.setattr(gazetteer, "_LOADED", None)
    runner = CliRunner()

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        gazetteer._LOADED = None                           # each command is a new run
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_add_then_search(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("places", "add", "Camp Ashraf", "--lat", "33.63", "--lon", "44.93", "--country", "IRQ",
                 "--admin1", "Diyala", "--kind", "camp")
    assert result.exit_code == 0, result.output
    assert str(tmp_path / "home" / "places.tsv") in result.output
    result = run("places", "search", "camp ashraf")
    assert result.exit_code == 0
    assert result.output.splitlines() == ["Camp Ashraf\tcamp\tDiyala, IRQ\t33.63000 44.93000\tpop 0\tuser"]


@pytest.mark.parametrize("args,message", [
    (["--lat", "95", "--lon", "44", "--country", "IRQ"], "latitude"),
    (["--lat", "33", "--country", "IRQ"], "both"),
    (["--lat", "33", "--lon", "44", "--country", "Narnia"], "unknown country"),
])
def test_add_rejects_bad_input(run, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    result = run("places", "add", "Somewhere", *args)
    assert result.exit_code == 1 and message in result.output


def test_add_needs_a_country(run) -> None:  # type: ignore[no-untyped-def]
    assert run("places", "add", "Somewhere", "--lat", "1", "--lon", "1").exit_code == 2


@pytest.mark.parametrize("name,first_line_start", [
    ("Mosul", "Mosul\tcity\tNineveh, IRQ\t36."),
    ("Paris", "Paris\tcity\tIle-de-France, FRA"),
    ("Iraq", "Iraq\tcountry\tIRQ\tno coordinates"),
])
def test_search_shipped(run, name: str, first_line_start: str) -> None:  # type: ignore[no-untyped-def]
    result = run("places", "search", name)
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith(first_line_start)


def test_search_limit_and_no_match(run) -> None:  # type: ignore[no-untyped-def]
    result = run("places", "search", "Paris", "--limit", "2")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2 and "more" in result.stderr
    result = run("places", "search", "Nowhereville Xq")
    assert result.exit_code == 1 and "no place called" in result.stderr


def test_import_reports_count_and_bad_lines(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "IQ.txt"
    src.write_text(geonames_line(900001, "Qaryat Ashraf") + "broken line\n"
                   + geonames_line(900002, "Tall Zahra", admin1="15"), encoding="utf-8")
    result = run("places", "import", str(src))
    assert result.exit_code == 0
    assert f"{src}:2: skipped: expected 19 tab-separated columns, found 1" in result.stderr
    assert "added 2 places, updated 0, skipped 1 bad lines" in result.stdout
    search = run("places", "search", "Tall Zahra")
    assert search.output.startswith("Tall Zahra\tcity\tNineveh, IRQ\t33.50000 44.50000\tpop 1200\tgeonames:900002")


def test_import_missing_file(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("places", "import", str(tmp_path / "none.zip")).exit_code == 2
