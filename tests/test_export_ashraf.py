"""The Camp Ashraf article (``../shared/examples/camp-ashraf.txt``) coded by the pipeline and exported in every
format, value by value (slow: it loads the model and reads ``../shared``).

Camp Ashraf is not in the shipped gazetteer: as the README shows, a desk adds it (``dateline places add``) and the
event is then located at the camp; without it the event is country-only, which ACLED does not record.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from dateline import export
from dateline.export import acled, ucdp

from .conftest import ROOT
from .test_export import check_rfc7946

ARTICLE = "sha256:572e4139d017a6b5165893f24500fa28a82e7577b8b7660fd4a5a4ce0cac3647"
ITEM = f"{ARTICLE}#e1"
MEK = "People’s Mujahedeen Organization of Iran, or MEK"
NOTES = (
    "On 15 December 2017, in Camp Ashraf, Diyala, Iraq: Iraq’s armed forces against members of an Iranian "
    "resistance movement, attack (reported as 'Clashes'). Figures: killed: 'killing dozens' (spokesman for the "
    f"movement, unconfirmed); '31 dead' ({MEK}, unconfirmed); injured: 'wounding hundreds' (spokesman for the "
    f"movement, unconfirmed); '300 wounded' ({MEK}, unconfirmed); 'Five Iraqi soldiers also were reported "
    "injured' (the reporter, asserts); 'wounded five soldiers' (Ali al-Dabbagh (Iraqi government), asserts). "
    "Denied: 'There was no shooting at the camp, it was a fight and scuffle without shooting' (Mohammed al-Askari, "
    "denies).")


def _dateline(home: Path, *args: str) -> str:
    env = {**os.environ, "DATELINE_HOME": str(home)}
    done = subprocess.run([sys.executable, "-m", "dateline.cli", *args], env=env, capture_output=True, text=True,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory, camp_ashraf: Path) -> dict[str, Path]:
    home = tmp_path_factory.mktemp("home")
    out = tmp_path_factory.mktemp("coded")
    plain = out / "plain.jsonl"
    _dateline(home, "code", str(camp_ashraf), "--jsonl", "--include-text", "-o", str(plain))
    _dateline(home, "places", "add", "Camp Ashraf", "--lat", "33.63", "--lon", "44.93", "--country", "IRQ",
              "--admin1", "Diyala", "--kind", "camp")
    placed = out / "placed.jsonl"
    _dateline(home, "code", str(camp_ashraf), "--jsonl", "--include-text", "-o", str(placed))
    return {"plain": plain, "placed": placed}


def _write(path: Path, fmt: str, **kw: Any) -> tuple[str, export.ExportReport]:
    out = io.StringIO()
    report = export.export(export.items_from_file(path), fmt, out, timestamp=1513555200, **kw)
    return out.getvalue(), report


def _one_row(text: str) -> dict[str, str]:
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 1
    return rows[0]


@pytest.mark.slow
def test_acled_row(coded: dict[str, Path]) -> None:
    text, report = _write(coded["placed"], "acled")
    assert report.rows == 1 and report.items == 1       # e2, e3 are background events: not exported
    assert _one_row(text) == dict(zip(acled.COLUMNS, [
        "IRQ943855417092", "2017-12-15", "2017", "1", "Political violence", "Violence against civilians", "Attack",
        "Military Forces of Iraq", "Iraq’s armed forces", "State forces",
        "Civilians (Iran)", "members of an Iranian resistance movement", "Civilians", "State forces-Civilians",
        "Civilian targeting", "368", "Middle East", "Iraq", "Diyala", "", "", "Camp Ashraf", "33.63", "44.93", "1",
        "", "", NOTES, "31", "", "1513555200"], strict=True))


@pytest.mark.slow
def test_acled_2020_row(coded: dict[str, Path]) -> None:
    row = _one_row(_write(coded["placed"], "acled", acled_version="2020")[0])
    assert row == dict(zip(acled.COLUMNS_2020, [
        "943855417092", "368", "IRQ943855417092", "943855417092", "2017-12-15", "2017", "1",
        "Violence against civilians", "Attack", "Military Forces of Iraq", "Iraq’s armed forces", "1",
        "Civilians (Iran)",
        "members of an Iranian resistance movement", "7", "17", "Middle East", "Iraq", "Diyala", "", "",
        "Camp Ashraf", "33.63", "44.93", "1", "", "", NOTES, "31", "1513555200", "IRQ"], strict=True))


@pytest.mark.slow
def test_acled_leaves_out_the_country_only_event(coded: dict[str, Path]) -> None:
    text, report = _write(coded["plain"], "acled")
    assert text.count("\n") == 1 and report.skipped == {"country-only place": 1}


@pytest.mark.slow
def test_ucdp_row(coded: dict[str, Path], camp_ashraf: Path) -> None:
    row = _one_row(_write(coded["placed"], "ucdp")[0])
    assert row == dict(zip(ucdp.COLUMNS, [
        "943855417092", ITEM, "2017", "", "", "3", "", "", "", "", "", "Government of Iraq - Civilians", "", "",
        "Government of Iraq", "", "", "Civilians", "1",
        f"{camp_ashraf}, 2017-12-18, Clashes at Iranian Rebel Camp in Iraq", "", "2017-12-18",
        "Clashes at Iranian Rebel Camp in Iraq", f"spokesman for the movement;{MEK};Mariam Rajavi;the reporter",
        "1", "Camp Ashraf", "Camp Ashraf, Diyala, Iraq", "Diyala", "", "33.63", "44.93", "POINT (44.93 33.63)",
        "178290", "Iraq", "645", "Middle East", "2", "1", "2017-12-15", "2017-12-15", "0", "0", "31", "0", "31", "31",
        "0", "645", ""], strict=True))
    plain = _one_row(_write(coded["plain"], "ucdp")[0])       # country-only: kept by UCDP, where_prec 6
    assert (plain["where_prec"], plain["latitude"], plain["priogrid_gid"], plain["adm_1"]) == ("6", "", "", "")


@pytest.mark.slow
def test_plover_record(coded: dict[str, Path], camp_ashraf: Path) -> None:
    text, _ = _write(coded["placed"], "plover")
    (record,) = [json.loads(line) for line in text.splitlines()]
    assert record["id"] == ITEM and record["date"] == "2017-12-15" and record["enddate"] is None
    assert record["actor"] == [{"code": "IRQ", "sector": "MIL", "entity_text": "Iraq’s armed forces",
                                "cameo": "IRQMIL"}]
    assert record["recipient"] == [{"code": "IRN", "sector": "OPP",
                                    "entity_text": "members of an Iranian resistance movement", "cameo": "IRNOPP"}]
    assert record["event"] == ["ASSAULT"] and record["mode"] == [] and record["context"] == []
    assert record["event_loc"] == {"extracted_place": "Camp Ashraf", "resolved_place": "Camp Ashraf",
                                   "geonameid": None, "lat": 33.63, "lon": 44.93, "district": None,
                                   "province": "Diyala", "country": "Iraq", "country_code": "IRQ", "resolution": 4,
                                   "precision": "exact"}
    assert record["size"] == {"dead": 31, "injured": 300}
    assert record["event_text"][:2] == [
        "Clashes at Iranian Rebel Camp in Iraq",
        "Iraq’s armed forces moved against a camp holding thousands of members of an Iranian resistance movement "
        "that’s based in Iraq Friday, killing dozens and wounding hundreds, according to a spokesman for the "
        "movement."] and len(record["event_text"]) == 12
    (cite,) = record["cite_info"]
    assert cite == {**cite, "citation": ARTICLE, "id": str(camp_ashraf), "url": None,
                    "title": "Clashes at Iranian Rebel Camp in Iraq", "publication": None, "date": "2017-12-18",
                    "language": "en"}
    assert record["dateline"]["estimates"] == {"killed": {"low": 0, "best": 31, "high": 31},
                                               "injured": {"low": 0, "best": 300, "high": 300}}


@pytest.mark.slow
def test_geojson_feature(coded: dict[str, Path]) -> None:
    doc = json.loads(_write(coded["placed"], "geojson")[0])
    check_rfc7946(doc)
    (feature,) = doc["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [44.93, 33.63]}
    assert feature["properties"] == {
        "id": ITEM, "level": "events", "plover": "ASSAULT", "cameo": "190",
        "acled_event_type": "Violence against civilians", "acled_sub_event_type": "Attack",
        "date_start": "2017-12-15", "date_end": "2017-12-15", "date_precision": "day", "location": "Camp Ashraf",
        "country": "IRQ", "admin1": "Diyala", "geonames_id": None, "location_precision": "exact",
        "actor1": "Iraq’s armed forces", "actor1_cameo": "IRQMIL",
        "actor2": "members of an Iranian resistance movement", "actor2_cameo": "IRNOPP", "killed": 31, "injured": 300,
        "estimates": {"killed": {"low": 0, "best": 31, "high": 31}, "injured": {"low": 0, "best": 300, "high": 300}},
        "sources": ["Ali al-Dabbagh", "Mariam Rajavi", "Mohammed al-Askari", MEK, "spokesman for the movement",
                    "the reporter"],
        "outlets": [], "articles": [ARTICLE], "published": "2017-12-18", "claims": 9}
    plain = json.loads(_write(coded["plain"], "geojson")[0])
    check_rfc7946(plain)
    assert plain["features"][0]["geometry"] is None
    assert _write(coded["plain"], "geojson", located_only=True)[1].skipped == {"no coordinates": 1}


@pytest.mark.slow
def test_parquet_tables(coded: dict[str, Path], tmp_path: Path) -> None:
    path = tmp_path / "ashraf.parquet"
    export.export(export.items_from_file(coded["placed"]), "parquet", path)
    (row,) = pq.read_table(path).to_pylist()
    assert {k: row[k] for k in ("id", "plover", "date_start", "location", "lat", "lon", "location_precision",
                                "actor1_cameo", "actor2_cameo", "killed_low", "killed_best", "killed_high",
                                "injured_best", "arrested_best", "acled_fatalities", "claims", "reports")} == {
        "id": ITEM, "plover": "ASSAULT", "date_start": __import__("datetime").date(2017, 12, 15),
        "location": "Camp Ashraf", "lat": 33.63, "lon": 44.93, "location_precision": "exact",
        "actor1_cameo": "IRQMIL", "actor2_cameo": "IRNOPP", "killed_low": 0, "killed_best": 31, "killed_high": 31,
        "injured_best": 300, "arrested_best": None, "acled_fatalities": 31, "claims": 9, "reports": 1}
    claims = pq.read_table(tmp_path / "ashraf.claims.parquet").to_pylist()
    assert [(c["kind"], c["low"], c["high"], c["stance"], c["partitive"]) for c in claims] == [
        ("killed", 24, 99, "unconfirmed", False), ("injured", 200, 999, "unconfirmed", False),
        ("killed", 31, 31, "unconfirmed", False), ("injured", 300, 300, "unconfirmed", False),
        ("injured", 5, 5, "asserts", False), ("injured", 5, 5, "asserts", False),
        ("killed", 6, 6, "unconfirmed", True), ("killed", 11, 11, "asserts", True),
        ("fact", None, None, "denies", False)]
    assert claims[2]["source_name"] == MEK and claims[8]["source_organization"] == "Iraq’s defense ministry"


@pytest.mark.slow
def test_jsonl_record(coded: dict[str, Path]) -> None:
    (record,) = [json.loads(line) for line in _write(coded["placed"], "jsonl")[0].splitlines()]
    assert record["article"]["id"] == ARTICLE and "text" not in record["article"]
    assert record["event"]["id"] == "e1" and record["event"]["location"]["lat"] == 33.63
