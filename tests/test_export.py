"""Exports (dateline.export, ``dateline export``): every format read back with a real reader (csv, pandas, json,
pyarrow), the column lists exactly, the code domains, the rules of each value, the store and incident paths.

The records are short ones written here; the Camp Ashraf article coded by the pipeline is in
``test_export_ashraf.py`` (slow).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from dateline import export
from dateline.cli import main
from dateline.export import acled, codes, geojson, parquet, plover, ucdp
from dateline.export.items import ExportInputError, Selection, items_from_coding
from dateline.store import Filters, open_store
from dateline.store.rows import coding_from_dict

from .test_store_support import store_url  # noqa: F401

TEXT = ("Gunmen killed 12 policemen in Baqubah on Monday, police said. Dozens were killed, a witness said. "
        "The army denied any attack.")


def source(name: str, type_: str = "official", organization: str | None = None) -> dict[str, Any]:
    return {"name": name, "type": type_, "span": None, "role": None, "organization": organization,
            "country": None, "sector": None, "cameo": None}


def claim(kind: str, low: int | None, high: int | None, text: str, src: dict[str, Any], *, who: str | None = None,
          stance: str = "asserts", partitive: bool = False, span: tuple[int, int] = (0, 1)) -> dict[str, Any]:
    return {"kind": kind, "low": low, "high": high, "who": who, "source": src, "stance": stance, "text": text,
            "span": list(span), "partitive": partitive}


def event(eid: str, *, status: str = "reported", plover_: str = "ASSAULT", cameo: str = "190",
          acled_type: str = "Violence against civilians", sub: str = "Attack",
          start: str | None = "2024-03-04", end: str | None = None, precision: str = "day",
          place: dict[str, Any] | None = None, actor1: dict[str, Any] | None = None,
          actor2: dict[str, Any] | None = None, claims: list[dict[str, Any]] | None = None,
          estimates: dict[str, Any] | None = None, trigger: str | None = "killed",
          evidence: list[list[int]] | None = None) -> dict[str, Any]:
    loc = place if place is not None else {"name": "Baqubah", "country": "IRQ", "admin1": "Diyala", "lat": 33.75,
                                           "lon": 44.64, "geonames_id": 98182, "precision": "exact",
                                           "span": [30, 37]}
    return {"id": eid, "status": status,
            "type": {"plover": plover_, "cameo": cameo, "acled": {"event_type": acled_type, "sub_event_type": sub},
                     "rule": None},
            "date": {"start": start, "end": end if end is not None else start, "precision": precision,
                     "text": "Monday", "span": [41, 47]},
            "location": loc, "actor1": actor1, "actor2": actor2, "claims": claims or [],
            "estimates": estimates or {}, "evidence": evidence if evidence is not None else [[0, 61]],
            "confidence": 0.8, "trigger": {"text": trigger, "span": [7, 13]} if trigger else None}


GUNMEN = {"name": "Gunmen", "country": "IRQ", "sector": "UAF", "cameo": "IRQUAF", "span": [0, 6]}
ARMY = {"name": "Iraqi army", "country": "IRQ", "sector": "MIL", "cameo": "IRQMIL", "span": None}
POLICE = {"name": "policemen", "country": "IRQ", "sector": "COP", "cameo": "IRQCOP", "span": [24, 33]}
CIVILIANS = {"name": "villagers", "country": "IRQ", "sector": "CVL", "cameo": "IRQCVL", "span": None}
US_TROOPS = {"name": "U.S. troops", "country": "USA", "sector": "MIL", "cameo": "USAMIL", "span": None}
PROTESTERS = {"name": "students", "country": "IRQ", "sector": "EDU", "cameo": "IRQEDU", "span": None}


def coding(events: list[dict[str, Any]], *, cid: str = "sha256:" + "ab" * 32, input_id: str = "a1",
           published: str | None = "2024-03-05", title: str = "Gunmen kill 12 policemen",
           text: str | None = None) -> dict[str, Any]:
    article = {"id": cid, "input_id": input_id, "title": title, "published": {"date": published, "source": "metadata"},
               "dateline": None, "language": "en", "chars": len(TEXT)}
    if text is not None:
        article["text"] = text
    return {"schema": "dateline/1", "article": article, "events": events, "quotes": [], "warnings": []}


def main_event(**kw: Any) -> dict[str, Any]:
    police = source("police", organization="Diyala police")
    witness = source("a witness", "witness")
    args: dict[str, Any] = {
        "actor1": GUNMEN, "actor2": POLICE,
        "claims": [claim("killed", 12, 12, "killed 12 policemen", police, who="policemen", span=(7, 33)),
                   claim("killed", 24, 99, "Dozens were killed", witness, span=(62, 80), stance="unconfirmed"),
                   claim("fact", None, None, "The army denied any attack.", source("the army"), stance="denies",
                         span=(98, 125))],
        "estimates": {"killed": {"low": 12, "best": 12, "high": 99}},
    }
    args.update(kw)
    return event("e1", **args)


@pytest.fixture
def codings_file(tmp_path: Path) -> Path:
    """Four articles: a main event (with a background one), a country-only event, a week-long protest and a
    month-precision event, and an error record."""
    recs = [
        coding([main_event(), event("e2", status="background", start=None, precision="unknown")], text=TEXT),
        coding([event("e1", place={"name": "Iraq", "country": "IRQ", "admin1": None, "lat": None, "lon": None,
                                   "geonames_id": 99237, "precision": "country", "span": None},
                       actor1=US_TROOPS, actor2=GUNMEN, acled_type="Battles", sub="Armed clash", cameo="190",
                       claims=[claim("killed", 3, 3, "three militants were killed", source("U.S. military"),
                                     who="militants")],
                       estimates={"killed": {"low": 3, "best": 3, "high": 3}})],
               cid="sha256:" + "cd" * 32, input_id="a2", title="Clash"),
        coding([event("e1", plover_="PROTEST", cameo="141", acled_type="Protests", sub="Peaceful protest",
                      start="2024-02-05", end="2024-02-11", precision="week", actor1=PROTESTERS, trigger="protested",
                      place={"name": "Basra", "country": "IRQ", "admin1": "Basra", "lat": 30.51, "lon": 47.78,
                             "geonames_id": 99532, "precision": "near", "span": None})],
               cid="sha256:" + "ef" * 32, input_id="a3", title="Students protest"),
        coding([event("e1", start="2024-01-01", end="2024-01-31", precision="month", actor1=ARMY,
                      actor2=CIVILIANS, acled_type="Violence against civilians", sub="Attack",
                      place={"name": "Diyala", "country": "IRQ", "admin1": "Diyala", "lat": None, "lon": None,
                             "geonames_id": 98229, "precision": "admin1", "span": None},
                      claims=[claim("killed", 3, 9, "several villagers were killed", source("residents", "witness"),
                                    who="villagers")],
                      estimates={"killed": {"low": 3, "best": 3, "high": 9}})],
               cid="sha256:" + "12" * 32, input_id="a4", title="Villagers killed"),
        {"schema": "dateline/1", "article": {"input_id": "bad"}, "error": {"code": "empty-text", "message": "x"}},
    ]
    path = tmp_path / "codings.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return path


def items_of(path: Path, level: str = "events", **sel: Any) -> list[export.Item]:
    return list(export.items_from_file(path, level, Selection(**sel)))


def write(items: list[export.Item], fmt: str, **kw: Any) -> tuple[str, export.ExportReport]:
    out = io.StringIO()
    report = export.export(items, fmt, out, timestamp=1700000000, **kw)
    return out.getvalue(), report


# -- items -------------------------------------------------------------------------------------------------

def test_items_are_the_reported_events(codings_file: Path) -> None:
    report = export.ExportReport()
    items = list(export.items_from_file(codings_file, "events", None, report))
    assert [i.id for i in items] == [f"sha256:{h * 32}#e1" for h in ("ab", "cd", "ef", "12")]
    assert report.inputs_skipped == {"error record": 1}
    first = items[0]
    assert first.reports[0].article == "a1" and first.reports[0].published == "2024-03-05"
    assert first.text == (TEXT[:61].strip(),)            # the evidence sentence, from article.text


def test_selection(codings_file: Path) -> None:
    assert [i.reports[0].article for i in items_of(codings_file, since=__import__("datetime").date(2024, 2, 1))] \
        == ["a1", "a2", "a3"]
    assert [i.reports[0].article for i in items_of(codings_file, type="PROTEST")] == ["a3"]
    assert [i.reports[0].article for i in items_of(codings_file, type="armed clash")] == ["a2"]
    assert items_of(codings_file, country="SYR") == []


def test_a_file_of_the_other_level_is_refused(codings_file: Path, tmp_path: Path) -> None:
    with pytest.raises(ExportInputError, match="use --level incidents"):
        items_of(incidents_file(tmp_path))
    with pytest.raises(ExportInputError, match="not an incident record"):
        items_of(codings_file, "incidents")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"schema": "dateline/1"}\nnot json\n')
    with pytest.raises(ExportInputError, match="broken.jsonl:1: not a coding"):
        items_of(broken)


# -- ACLED -------------------------------------------------------------------------------------------------

ACLED_DTYPES = {"year": "int64", "time_precision": "int64", "iso": "int64", "latitude": "float64",
                "longitude": "float64", "geo_precision": "int64", "fatalities": "int64", "timestamp": "int64",
                "event_id_cnty": "object", "event_date": "object", "inter1": "object", "interaction": "object"}


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_acled_columns_dtypes_and_domains(codings_file: Path) -> None:
    text, report = write(items_of(codings_file), "acled")
    header = next(csv.reader(io.StringIO(text)))
    assert tuple(header) == acled.COLUMNS and len(header) == 31
    assert report.rows == 3 and report.skipped == {"country-only place": 1}
    frame = pd.read_csv(io.StringIO(text))
    for column, dtype in ACLED_DTYPES.items():
        assert str(frame[column].dtype) in (dtype, "str"), (column, frame[column].dtype)
    assert set(frame["geo_precision"]) <= {1, 2, 3} and set(frame["time_precision"]) <= {1, 2, 3}
    assert frame["event_id_cnty"].str.match(r"^IRQ\d+$").all()
    assert set(frame["iso"]) == {368} and set(frame["region"]) == {"Middle East"} and set(frame["country"]) == {"Iraq"}


def test_acled_rows_value_by_value(codings_file: Path) -> None:
    rows = {r["event_date"]: r for r in read_csv(write(items_of(codings_file), "acled")[0])}
    main_row = rows["2024-03-04"]
    assert main_row == {**main_row, "year": "2024", "time_precision": "1", "disorder_type": "Political violence",
                        "event_type": "Violence against civilians", "sub_event_type": "Attack",
                        "actor1": "Unidentified Armed Group (Iraq)", "assoc_actor_1": "Gunmen",
                        "inter1": "Political militia", "actor2": "Police Forces of Iraq", "assoc_actor_2": "policemen",
                        "inter2": "State forces", "interaction": "Political militia-State forces",
                        "civilian_targeting": "", "iso": "368", "admin1": "Diyala", "admin2": "", "admin3": "",
                        "location": "Baqubah", "latitude": "33.75", "longitude": "44.64", "geo_precision": "1",
                        "source": "", "source_scale": "", "fatalities": "12", "tags": "",
                        "timestamp": "1700000000"}
    assert main_row["notes"] == (
        "On 4 March 2024, in Baqubah, Diyala, Iraq: Gunmen against policemen, attack (reported as 'killed'). "
        "Figures: killed: 'killed 12 policemen' (police (Diyala police), asserts); 'Dozens were killed' "
        "(a witness, unconfirmed). Denied: 'The army denied any attack.' (the army, denies).")
    protest = rows["2024-02-08"]                       # a week: its middle day, precision 2
    assert (protest["time_precision"], protest["geo_precision"], protest["actor1"], protest["inter1"],
            protest["interaction"], protest["disorder_type"], protest["fatalities"]) == \
        ("2", "2", "Protesters (Iraq)", "Protesters", "Protesters only", "Demonstrations", "0")
    month = rows["2024-01-15"]                         # a month: its middle, precision 3; a region: 3
    assert (month["time_precision"], month["geo_precision"], month["latitude"], month["location"],
            month["actor1"], month["actor2"], month["civilian_targeting"], month["fatalities"]) == \
        ("3", "3", "", "Diyala", "Military Forces of Iraq", "Civilians (Iraq)", "Civilian targeting", "3")


def test_acled_2020(codings_file: Path) -> None:
    text, report = write(items_of(codings_file), "acled", acled_version="2020")
    assert tuple(next(csv.reader(io.StringIO(text)))) == acled.COLUMNS_2020 and len(acled.COLUMNS_2020) == 31
    frame = pd.read_csv(io.StringIO(text))
    assert str(frame["inter1"].dtype) == "int64" and str(frame["interaction"].dtype) == "int64"
    by_date = {r["event_date"]: r for r in frame.to_dict("records")}
    assert (by_date["2024-03-04"]["inter1"], by_date["2024-03-04"]["inter2"],
            by_date["2024-03-04"]["interaction"]) == (3, 1, 13)        # smaller first
    assert (by_date["2024-02-08"]["inter1"], by_date["2024-02-08"]["inter2"],
            by_date["2024-02-08"]["interaction"]) == (6, 0, 60)        # one actor: x10
    assert (by_date["2024-01-15"]["interaction"]) == 17
    row = by_date["2024-03-04"]
    assert row["iso3"] == "IRQ" and row["event_id_cnty"] == f"IRQ{row['event_id_no_cnty']}" \
        and row["data_id"] == row["event_id_no_cnty"]


def _item_with_claims(claims: list[dict[str, Any]], estimates: dict[str, Any] | None = None) -> export.Item:
    return items_from_coding(coding([event("e1", claims=claims, estimates=estimates or {})]))[0]


@pytest.mark.parametrize(("claims", "expected"), [
    ([], 0),                                                                                  # unreported
    ([claim("killed", 24, 99, "killing dozens", source("x"))], 12),                            # vague only
    ([claim("killed", 3, 9, "several people died", source("x"))], 3),
    ([claim("killed", 200, 999, "hundreds were killed", source("x"))], 100),
    ([claim("killed", 24, 99, "killing dozens", source("x")), claim("killed", 31, 31, "31 dead", source("y"))], 31),
    ([claim("killed", 5, 5, "5 dead", source("x")), claim("killed", 8, 8, "8 dead", source("y"))], 5),   # lowest
    ([claim("killed", 0, 0, "no one died", source("army"), stance="denies"),
      claim("killed", 7, 7, "7 dead", source("y"))], 7),                                      # a denial's 0 is no count
    ([claim("killed", 5, 5, "5 soldiers", source("x"), who="soldiers"),
      claim("killed", 4, 4, "4 civilians", source("x"), who="civilians")], 9),                # disjoint groups add
    ([claim("killed", 10, 10, "10 dead", source("x")),
      claim("killed", 6, 6, "six of the dead", source("x"), partitive=True)], 10),            # details never add
    ([claim("killed", 4, None, "at least four", source("x"))], 4),
])
def test_acled_fatalities(claims: list[dict[str, Any]], expected: int) -> None:
    assert codes.acled_fatalities(_item_with_claims(claims)) == expected


def test_acled_skips_what_acled_does_not_record() -> None:
    items = items_from_coding(coding([
        event("e1", precision="year", start="2024-01-01", end="2024-12-31"),
        event("e2", start=None, precision="unknown"),
        event("e3", acled_type="none", sub="none"),
        event("e4", place={"name": "Atlantis", "country": None, "admin1": None, "lat": None, "lon": None,
                           "geonames_id": None, "precision": "unknown", "span": None})]))
    _, report = write(items, "acled")
    assert report.rows == 0 and report.skipped == {"no date of month precision or better": 2,
                                                   "no ACLED event type": 1, "no place": 1}


def test_acled_inter_of_foreign_state_forces() -> None:
    item = items_from_coding(coding([event("e1", actor1=US_TROOPS, actor2=GUNMEN, acled_type="Battles",
                                           sub="Armed clash")]))[0]
    assert acled.inter(item.actor1, item, 1) == "External/Other forces"
    assert acled.actor_name(item.actor1, "External/Other forces") == ("Military Forces of United States",
                                                                      "U.S. troops")


# -- UCDP GED ----------------------------------------------------------------------------------------------

def test_ucdp_columns_and_domains(codings_file: Path) -> None:
    text, report = write(items_of(codings_file), "ucdp")
    assert tuple(next(csv.reader(io.StringIO(text)))) == ucdp.COLUMNS and len(ucdp.COLUMNS) == 49
    frame = pd.read_csv(io.StringIO(text))
    assert report.rows == 3 and report.skipped == {"no deaths": 1}            # the protest
    assert set(frame["where_prec"]) <= set(range(1, 8)) and set(frame["date_prec"]) <= set(range(1, 6))
    assert set(frame["type_of_violence"].dropna()) <= {1, 2, 3}
    assert set(frame["event_clarity"]) <= {1, 2}
    assert (frame["deaths_a"] + frame["deaths_b"] + frame["deaths_civilians"] + frame["deaths_unknown"]
            == frame["best"]).all()
    assert (frame["low"] <= frame["best"]).all() and (frame["best"] <= frame["high"]).all()
    for column in ("conflict_dset_id", "conflict_new_id", "dyad_dset_id", "side_a_dset_id", "side_b_new_id"):
        assert frame[column].isna().all(), column


def test_ucdp_rows_value_by_value(codings_file: Path) -> None:
    rows = {r["relid"][7:9]: r for r in read_csv(write(items_of(codings_file), "ucdp")[0])}
    r = rows["ab"]
    assert r == {**r, "relid": "sha256:" + "ab" * 32 + "#e1", "year": "2024", "type_of_violence": "1",
                 "side_a": "Government of Iraq", "side_b": "Gunmen", "dyad_name": "Government of Iraq - Gunmen",
                 "number_of_sources": "1", "source_date": "2024-03-05", "source_headline": "Gunmen kill 12 policemen",
                 "source_article": "a1, 2024-03-05, Gunmen kill 12 policemen", "source_original": "police;a witness",
                 "where_prec": "1", "where_coordinates": "Baqubah", "where_description": "Baqubah, Diyala, Iraq",
                 "adm_1": "Diyala", "latitude": "33.75", "longitude": "44.64", "geom_wkt": "POINT (44.64 33.75)",
                 "priogrid_gid": str(ucdp.priogrid_gid(33.75, 44.64)), "country": "Iraq", "country_id": "645",
                 "region": "Middle East", "event_clarity": "2", "date_prec": "1", "date_end": "2024-03-04",
                 "deaths_a": "12", "deaths_b": "0", "deaths_civilians": "0", "deaths_unknown": "0",
                 "best": "12", "high": "99", "low": "12", "gwnoa": "645", "gwnob": ""}
    month = rows["12"]
    assert (month["type_of_violence"], month["side_b"], month["deaths_civilians"], month["where_prec"],
            month["date_prec"], month["geom_wkt"], month["priogrid_gid"]) == ("3", "Civilians", "3", "4", "4", "", "")
    clash = rows["cd"]
    assert (clash["where_prec"], clash["type_of_violence"], clash["side_a"], clash["gwnoa"], clash["deaths_b"]) == \
        ("6", "1", "Government of United States", "2", "3")


def test_priogrid() -> None:
    assert ucdp.priogrid_gid(-90, -180) == 1
    assert ucdp.priogrid_gid(-89.9, -179.4) == 2
    assert ucdp.priogrid_gid(-89.4, -180) == 721
    assert ucdp.priogrid_gid(89.99, 179.99) == 259200
    assert ucdp.priogrid_gid(90, 180) == 259200
    assert ucdp.priogrid_gid(33.34, 44.4) == 177569            # Baghdad


def test_type_of_violence() -> None:
    def tov(a1: dict[str, Any] | None, a2: dict[str, Any] | None) -> int | None:
        return ucdp.type_of_violence(items_from_coding(coding([event("e1", actor1=a1, actor2=a2)]))[0])

    rebels = {**GUNMEN, "sector": "REB"}
    assert tov(ARMY, rebels) == 1 and tov(rebels, ARMY) == 1 and tov(ARMY, US_TROOPS) == 1
    assert tov(rebels, GUNMEN) == 2
    assert tov(GUNMEN, CIVILIANS) == 3 and tov(ARMY, None) == 3
    assert tov(None, CIVILIANS) is None and tov(CIVILIANS, PROTESTERS) is None


# -- PLOVER ------------------------------------------------------------------------------------------------

PLOVER_FIELDS = {"id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "size", "event_text",
                 "cite_info"}


def test_plover(codings_file: Path) -> None:
    text, report = write(items_of(codings_file), "plover")
    records = [json.loads(line) for line in text.splitlines()]
    assert len(records) == report.rows == 4
    for r in records:
        assert PLOVER_FIELDS <= set(r)
        assert isinstance(r["event"], list) and isinstance(r["mode"], list) and isinstance(r["context"], list)
        assert r["event_loc"]["country_code"] == "IRQ" and r["event_loc"]["resolution"] in (1, 2, 3, 4, 5)
    first = records[0]
    assert first["actor"] == [{"code": "IRQ", "sector": "UAF", "entity_text": "Gunmen", "cameo": "IRQUAF"}]
    assert first["recipient"][0]["sector"] == "COP" and first["event"] == ["ASSAULT"]
    assert first["size"] == {"dead": 12} and first["date"] == "2024-03-04" and first["enddate"] is None
    assert first["event_loc"] == {**first["event_loc"], "geonameid": 98182, "lat": 33.75, "lon": 44.64,
                                  "province": "Diyala", "country": "Iraq", "resolution": 4}
    assert first["event_text"] == [TEXT[:61].strip()]
    assert first["cite_info"][0]["citation"] == "sha256:" + "ab" * 32 and first["cite_info"][0]["id"] == "a1"
    assert records[2]["mode"] == ["demo"] and records[2]["enddate"] == "2024-02-11"
    assert records[3]["event_loc"]["resolution"] == 2


# -- GeoJSON -----------------------------------------------------------------------------------------------

def check_rfc7946(doc: Any) -> None:
    """The structure RFC 7946 requires of a FeatureCollection of Points (sections 3.1.2, 3.2, 3.3, 4)."""
    assert isinstance(doc, dict) and doc["type"] == "FeatureCollection" and isinstance(doc["features"], list)
    assert "crs" not in doc                                     # RFC 7946 removed crs
    for f in doc["features"]:
        assert f["type"] == "Feature" and "geometry" in f and "properties" in f
        assert f["properties"] is None or isinstance(f["properties"], dict)
        if "id" in f:
            assert isinstance(f["id"], (str, int, float))
        g = f["geometry"]
        if g is None:
            continue
        assert g["type"] == "Point" and isinstance(g["coordinates"], list) and len(g["coordinates"]) in (2, 3)
        lon, lat = g["coordinates"][:2]
        assert all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (lon, lat))
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_geojson(codings_file: Path) -> None:
    text, report = write(items_of(codings_file), "geojson")
    doc = json.loads(text)
    check_rfc7946(doc)
    assert report.rows == 4 and [f["geometry"] is None for f in doc["features"]] == [False, True, False, True]
    first = doc["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [44.64, 33.75]}
    assert first["properties"] == {**first["properties"], "killed": 12, "location_precision": "exact",
                                   "date_precision": "day", "acled_sub_event_type": "Attack",
                                   "estimates": {"killed": {"low": 12, "best": 12, "high": 99}},
                                   "sources": ["a witness", "police", "the army"]}
    located, report = write(items_of(codings_file), "geojson", located_only=True)
    check_rfc7946(json.loads(located))
    assert report.rows == 2 and report.skipped == {"no coordinates": 2}


def test_geojson_empty_collection_is_valid() -> None:
    text, _ = write([], "geojson")
    assert json.loads(text) == {"type": "FeatureCollection", "features": []}


# -- Parquet -----------------------------------------------------------------------------------------------

def test_parquet_typed_tables(codings_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    report = export.export(items_of(codings_file), "parquet", path)
    assert report.paths == [path, tmp_path / "events.claims.parquet"]
    events = pq.read_table(path)
    claims = pq.read_table(tmp_path / "events.claims.parquet")
    assert events.num_rows == 4 and claims.num_rows == report.claims == 5
    assert events.schema.field("date_start").type == pa.date32()
    assert events.schema.field("killed_best").type == pa.int64()
    assert events.schema.field("lat").type == pa.float64()
    assert claims.schema.field("partitive").type == pa.bool_()
    frame = pd.read_parquet(path)
    assert frame["killed_best"].tolist()[:2] == [12, 3] and pd.isna(frame["killed_best"].iloc[2])
    assert str(frame["date_start"].iloc[0]) == "2024-03-04"
    cframe = pd.read_parquet(tmp_path / "events.claims.parquet")
    assert cframe.loc[0, "source_organization"] == "Diyala police" and cframe.loc[2, "stance"] == "denies"
    assert set(cframe["id"]) <= set(frame["id"])


def test_parquet_needs_a_path(codings_file: Path) -> None:
    with pytest.raises(ValueError, match="give a path"):
        export.export(items_of(codings_file), "parquet", io.StringIO())


# -- JSONL -------------------------------------------------------------------------------------------------

def test_jsonl_keeps_the_contract_records(codings_file: Path) -> None:
    text, report = write(items_of(codings_file), "jsonl")
    lines = [json.loads(line) for line in text.splitlines()]
    assert report.rows == 4 and set(lines[0]) == {"schema", "article", "event"}
    assert "text" not in lines[0]["article"] and lines[0]["event"]["id"] == "e1"


# -- incidents ---------------------------------------------------------------------------------------------

def incident_record(iid: str, *, members: int = 2) -> dict[str, Any]:
    police = source("police", organization="Diyala police")
    return {"schema": "dateline/1", "incident": {
        "id": iid,
        "type": {"plover": "ASSAULT", "cameo": "190",
                 "acled": {"event_type": "Violence against civilians", "sub_event_type": "Attack"}},
        "date": {"start": "2024-03-04", "end": "2024-03-04", "precision": "day", "text": None, "span": None},
        "location": {"name": "Baqubah", "country": "IRQ", "admin1": "Diyala", "lat": 33.75, "lon": 44.64,
                     "geonames_id": 98182, "precision": "exact", "span": None},
        "actor1": GUNMEN, "actor2": CIVILIANS,
        "estimates": {"killed": {"low": 10, "best": 12, "high": 14}},
        "members": [{"article": f"a{n}", "article_id": f"sha256:{n:064d}", "event": "e1",
                     "published": f"2024-03-0{4 + n}", "outlet": ["Reuters", "AP", "AFP"][n % 3]}
                    for n in range(members)],
        "claims": [{**claim("killed", 12, 12, "killed 12 villagers", police, who="villagers"), "article": "a0",
                    "event": "e1"},
                   {**claim("killed", 10, 14, "10 to 14 dead", source("a doctor", "witness")), "article": "a1",
                    "event": "e1"}],
        "first_reported": "2024-03-04", "last_reported": f"2024-03-0{3 + members}"}}


def incidents_file(tmp_path: Path) -> Path:
    path = tmp_path / "incidents.jsonl"
    path.write_text("".join(json.dumps(incident_record(f"inc-{n}", members=n + 1)) + "\n" for n in range(2)))
    return path


def test_incident_level_in_every_format(tmp_path: Path) -> None:
    items = items_of(incidents_file(tmp_path), "incidents")
    assert [i.id for i in items] == ["inc-0", "inc-1"] and items[1].level == "incidents"
    assert items[1].outlets == ["Reuters", "AP"]
    rows = read_csv(write(items, "acled")[0])
    assert rows[1]["source"] == "Reuters; AP" and rows[1]["fatalities"] == "12" and rows[1]["actor2"] == \
        "Civilians (Iraq)"
    ged = read_csv(write(items, "ucdp")[0])
    assert (ged[1]["number_of_sources"], ged[1]["source_office"], ged[1]["source_date"], ged[1]["relid"],
            ged[1]["best"], ged[1]["low"], ged[1]["high"], ged[1]["deaths_civilians"]) == \
        ("2", "Reuters;AP", "2024-03-04;2024-03-05", "inc-1", "12", "10", "14", "12")
    pl = [json.loads(line) for line in write(items, "plover")[0].splitlines()]
    assert [c["publication"] for c in pl[1]["cite_info"]] == ["Reuters", "AP"] and pl[1]["dateline"]["level"] == \
        "incidents"
    gj = json.loads(write(items, "geojson")[0])
    check_rfc7946(gj)
    assert gj["features"][1]["properties"]["outlets"] == ["Reuters", "AP"]
    path = tmp_path / "inc.parquet"
    export.export(items, "parquet", path)
    claims = pq.read_table(parquet.claims_path(path)).to_pylist()
    assert [(c["id"], c["article"]) for c in claims[:2]] == [("inc-0", "a0"), ("inc-0", "a1")]
    assert [json.loads(line)["incident"]["id"] for line in write(items, "jsonl")[0].splitlines()] == \
        ["inc-0", "inc-1"]


# -- data --------------------------------------------------------------------------------------------------

def test_country_table() -> None:
    table = codes.countries()
    assert len(table) == 252
    iraq, usa, yemen = table["IRQ"], table["USA"], table["YEM"]
    assert (iraq.name, iraq.iso_numeric, iraq.gwno, iraq.acled_region, iraq.ucdp_region) == \
        ("Iraq", 368, 645, "Middle East", "Middle East")
    assert (usa.iso_numeric, usa.gwno, usa.acled_region, usa.ucdp_region) == (840, 2, "North America", "Americas")
    assert yemen.gwno == 678 and table["VNM"].gwno == 816 and table["EGY"].ucdp_region == "Middle East"
    assert table["IRN"].acled_region == "Middle East" and table["GEO"].acled_region == "Caucasus and Central Asia"
    assert table["PSE"].gwno is None and table["PSE"].iso_numeric == 275
    for c in table.values():
        if c.iso3 != "ATA":
            assert c.acled_region and c.ucdp_region, c


def test_code_tables_cover_the_taxonomy() -> None:
    from dateline.lexicon import rows

    disorder = codes.code_table("acled_disorder")
    types = {r[3] for r in rows("taxonomy.tsv")} - {"none", "acled_event_type"}   # column 4: ACLED event type
    assert types <= set(disorder), types - set(disorder)
    assert set(codes.code_table("sector_class").values()) <= {"state", "rebel", "militia", "opposition",
                                                              "civilians", "external"}
    assert set(codes.code_table("plover_mode").values()) | set(codes.code_table("plover_mode_word").values()) <= {
        "abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms", "explosives",
        "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control", "unconventional", "demo", "riot"}


def test_every_country_of_the_gazetteer_is_in_the_table() -> None:
    from dateline.lexicon import data_lines

    gazetteer = {line.split("\t")[2] for line in data_lines("gazetteer_places.tsv.gz")
                 if not line.startswith("#") and line.split("\t")[7] == "country"}
    assert gazetteer == set(codes.countries())


# -- the command line and the store ------------------------------------------------------------------------

def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("fmt", ["acled", "ucdp", "plover", "geojson", "jsonl"])
def test_cli_from_a_codings_file(codings_file: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    result = run("export", str(codings_file), "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.exists() and " rows from 4 events in " in result.stderr and str(out) in result.stderr
    assert "1 (error record)" in result.stderr


def test_cli_to_stdout_with_filters(codings_file: Path) -> None:
    result = run("export", str(codings_file), "--format", "acled", "--type", "Protests", "--since", "2024-02-01")
    assert result.exit_code == 0 and len(read_csv(result.stdout)) == 1
    assert "1 acled rows from 1 events" in result.stderr


def test_cli_parquet_needs_output(codings_file: Path, tmp_path: Path) -> None:
    assert run("export", str(codings_file), "--format", "parquet").exit_code == 2
    result = run("export", str(codings_file), "--format", "parquet", "-o", str(tmp_path / "e.parquet"))
    assert result.exit_code == 0 and (tmp_path / "e.claims.parquet").exists()


def test_cli_wrong_level_and_missing_file(codings_file: Path, tmp_path: Path) -> None:
    result = run("export", str(codings_file), "--format", "jsonl", "--level", "incidents")
    assert result.exit_code == 2 and "not an incident record" in result.stderr
    assert run("export", str(tmp_path / "nope.jsonl"), "--format", "jsonl").exit_code == 2
    result = run("export", str(incidents_file(tmp_path)), "--format", "geojson", "--level", "incidents")
    assert result.exit_code == 0 and len(json.loads(result.stdout)["features"]) == 2


def test_cli_from_the_store(codings_file: Path, store_url: str) -> None:  # noqa: F811
    with open_store(store_url) as store:
        for n, (_, rec) in enumerate(export.items.read_records(codings_file)):
            if "error" not in rec:
                store.add(coding_from_dict(rec), TEXT, outlet=f"Outlet {n}", url=f"https://news.example/{n}")
    result = run("export", "--db", store_url, "--format", "acled", "--country", "IRQ")
    assert result.exit_code == 0, result.output
    rows = read_csv(result.stdout)
    assert len(rows) == 3 and {r["source"] for r in rows} == {"Outlet 0", "Outlet 2", "Outlet 3"}
    assert "left out: 1 (country-only place)" in result.stderr
    plover_out = run("export", "--db", store_url, "--format", "plover", "--type", "PROTEST")
    records = [json.loads(line) for line in plover_out.stdout.splitlines()]
    assert len(records) == 1 and records[0]["cite_info"][0]["url"] == "https://news.example/2"
    assert records[0]["event_text"] == [TEXT[:61].strip()]          # the stored text gives the sentences
    since = run("export", "--db", store_url, "--format", "jsonl", "--since", "2024-03-01")
    assert [json.loads(line)["article"]["input_id"] for line in since.stdout.splitlines()] == ["a1", "a2"]


def test_cli_incidents_from_the_store(codings_file: Path, store_url: str) -> None:  # noqa: F811
    with open_store(store_url) as store:
        for n, (_, rec) in enumerate(export.items.read_records(codings_file)):
            if "error" not in rec:
                store.add(coding_from_dict(rec), TEXT, outlet=f"Outlet {n}")
        store.merge()
        expected = store.incidents(Filters(limit=None))
    assert expected, "the merge made no incident"
    result = run("export", "--db", store_url, "--format", "geojson", "--level", "incidents")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    check_rfc7946(doc)
    assert sorted(f["id"] for f in doc["features"]) == sorted(r["incident"]["id"] for r in expected)
    assert {f["properties"]["level"] for f in doc["features"]} == {"incidents"}


def test_incidents_from_a_store_without_them() -> None:
    from dateline.export.sources import IncidentsUnavailable, items_from_store

    class OldStore:
        def codings(self, filters: Any, include_text: bool = False) -> list[dict[str, Any]]:
            return []

    with pytest.raises(IncidentsUnavailable, match="incidents are not available in this store yet"):
        list(items_from_store(OldStore(), "incidents"))


def test_store_incidents_are_read_when_the_store_has_them(tmp_path: Path) -> None:
    from dateline.export.sources import items_from_store

    class WithIncidents:
        def __init__(self) -> None:
            self.asked: list[Any] = []

        def incidents(self, filters: Any) -> list[dict[str, Any]]:
            self.asked.append(filters)
            return [incident_record("inc-a"), incident_record("inc-b")]

    store = WithIncidents()
    items = list(items_from_store(store, "incidents", Selection(country="IRQ")))
    assert [i.id for i in items] == ["inc-a", "inc-b"] and store.asked[0].country == "IRQ"
    assert store.asked[0].limit is None
    assert plover.record(items[0], "x")["dateline"]["level"] == "incidents"
    assert geojson.properties(items[0])["level"] == "incidents"
