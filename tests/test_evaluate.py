"""Tests of the evaluation harness on small synthetic gold and codings, cross-checked with score.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import dateline
import dateline.pipeline as nlp
from dateline import evaluate as ev
from dateline.errors import GoldFormatError

from .conftest import shared_path

# -- builders -----------------------------------------------------------------------------------


def gold(rid: str, text: str = "Nothing happened.", published: str | None = None, **fields: Any) -> dict:
    return {"id": rid, "text": text, "title": None, "published": published, "gold": fields}


def event(*, killed: Any = None, injured: Any = None, displaced: Any = None, claims: list | None = None,
          date: tuple[str | None, str | None] | None = None, country: Any = None, admin1: Any = None,
          place: Any = None, lat: Any = None, lon: Any = None, acled: tuple[str, str] | None = None,
          actor1: str | None = None, actor2: str | None = None) -> dict:
    estimates = {k: v for k, v in (("killed", killed), ("injured", injured), ("displaced", displaced))
                 if v is not None}
    return {
        "id": "e1", "status": "reported",
        "type": {"plover": None, "cameo": None,
                 "acled": {"event_type": acled[0], "sub_event_type": acled[1]} if acled else None},
        "date": {"start": date[0], "end": date[1]} if date else None,
        "location": {"name": place, "country": country, "admin1": admin1, "lat": lat, "lon": lon},
        "actor1": {"name": actor1} if actor1 else None,
        "actor2": {"name": actor2} if actor2 else None,
        "claims": claims or [], "estimates": estimates, "evidence": [], "confidence": 0.5,
    }


def coding(rid: str, *events: dict, quotes: list | None = None) -> dict:
    return {"schema": "dateline/1", "article": {"id": "sha256:0", "input_id": rid},
            "events": list(events), "quotes": quotes or [], "warnings": []}


def error_record(rid: str) -> dict:
    return {"schema": "dateline/1", "article": {"input_id": rid},
            "error": {"code": "empty-text", "message": "no text"}}


def quote(span: tuple[int, int], speaker: str | None = None,
          speaker_span: tuple[int, int] | None = None) -> dict:
    return {"speaker": {"name": speaker, "role": None, "organization": None,
                        "span": list(speaker_span) if speaker_span else None},
            "cue": "said", "text": "", "span": list(span), "kind": "direct"}


def est(best: int, low: int | None = None, high: int | None = None) -> dict:
    return {"low": best if low is None else low, "best": best, "high": best if high is None else high}


def by_id(*codings: dict) -> dict[str, dict]:
    return {c["article"]["input_id"]: c for c in codings}


# -- loading --------------------------------------------------------------------------------------


def write_jsonl(path: Path, rows: list[Any]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def test_load_gold_keeps_first_of_repeated_ids_and_skips_blank_lines(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "g.jsonl", [gold("a", killed=1), "", gold("a", killed=2),
                                              {"id": "b", "text": "x"}])
    records = ev.load_gold(path)
    assert [r["id"] for r in records] == ["a", "b"]
    assert records[0]["gold"] == {"killed": 1}
    assert records[1]["gold"] == {}


@pytest.mark.parametrize("bad_line", [
    "{not json",
    "[1, 2]",
    json.dumps({"text": "no id"}),
    json.dumps({"id": "x", "text": 3}),
    json.dumps({"id": "x", "text": "t", "gold": [1]}),
    json.dumps({"id": "x", "text": "t", "published": 2015}),
])
def test_load_gold_names_the_bad_line(tmp_path: Path, bad_line: str) -> None:
    path = write_jsonl(tmp_path / "g.jsonl", [gold("a"), bad_line])
    with pytest.raises(GoldFormatError, match=r"g\.jsonl:2: "):
        ev.load_gold(path)


def test_read_predictions_counts_bad_lines() -> None:
    lines = [json.dumps(coding("a")), json.dumps(coding("a")), "garbage", "[]",
             json.dumps({"schema": "dateline/1"}), json.dumps(error_record("b")), ""]
    preds, stats = ev.read_predictions(lines)
    assert set(preds) == {"a", "b"}
    assert stats == {"lines": 6, "invalid": 2, "no_input_id": 1, "duplicates": 1, "error_lines": 1}


def test_system_inputs_never_show_gold() -> None:
    record = gold("a", "Text.", published="2015-01-02", killed=3)
    record["title"] = "T"
    assert list(ev.system_inputs([record, gold("b")])) == [
        {"id": "a", "text": "Text.", "title": "T", "published": "2015-01-02"},
        {"id": "b", "text": "Nothing happened."},
    ]


# -- coverage and counts ----------------------------------------------------------------------------


def test_coverage_counts_missing_and_error_records() -> None:
    result = ev.score([gold("a"), gold("b"), gold("c"), gold("d")],
                      by_id(coding("a"), coding("b"), error_record("c")))
    assert result["coverage"] == {"rate": 0.5, "n": 4, "covered": 2, "missing": 1, "error": 1}


def test_counts_exact_within_and_errors() -> None:
    records = [gold("a", killed=3), gold("b", killed=2), gold("c", killed=0), gold("d", killed=5),
               gold("e", injured=1)]
    preds = by_id(coding("a", event(killed=est(3, 3, 5))), coding("b", event(killed=est(1, 1, 3))),
                  error_record("d"))
    killed = ev.score(records, preds)["killed"]
    assert killed == {"n": 4, "exact": 0.5, "within": 0.75, "mae": 1.5, "median_ae": 0.5,
                      "n_gold_zero": 1, "exact_gold_zero": 1.0, "n_gold_pos": 3, "exact_gold_pos": 1 / 3}


@pytest.mark.parametrize("estimate, expected", [
    (None, (0, 0, 0)),                       # nothing coded counts as zero
    (est(4), (4, 4, 4)),
    ({"low": 2, "best": None, "high": 6}, (2, 2, 6)),   # best falls back on low
    ({"low": 5, "best": 3, "high": 1}, (3, 3, 3)),      # bounds widened around best
    (7, (7, 7, 7)),                          # a bare number is accepted
    ({"best": 2.6}, (3, 3, 3)),
    ({"best": True}, (0, 0, 0)),             # booleans are not counts
    ({"best": "12"}, (12, 12, 12)),
])
def test_count_reading(estimate: Any, expected: tuple[int, int, int]) -> None:
    assert ev._count(coding("a", event(killed=estimate)), "killed") == expected


def test_count_reads_only_the_main_event() -> None:
    preds = by_id(coding("a", event(), event(killed=est(9))))
    assert ev.score([gold("a", killed=9)], preds)["killed"]["exact"] == 0.0


def test_displaced_takes_the_largest_value_and_figure_recall() -> None:
    claim = {"kind": "displaced", "low": 300, "high": 500, "who": None, "source": {"name": "UN"},
             "stance": "asserts", "text": "", "span": [0, 1]}
    records = [
        gold("a", displaced=500, figures=[{"kind": "displaced", "value": 300, "unit": "people"},
                                           {"kind": "displaced", "value": 1200, "unit": "people"},
                                           {"kind": "housing_destroyed", "value": 40}]),
        gold("b", displaced=80, figures=[{"kind": "displaced", "value": 80}]),
    ]
    preds = by_id(coding("a", event(displaced=est(100)), event(claims=[claim])),
                  coding("b", event(displaced=est(80, 60, 90))))
    displaced = ev.score(records, preds)["displaced"]
    assert (displaced["exact"], displaced["n_figures"], displaced["figure_recall"]) == (1.0, 3, 2 / 3)


# -- dates --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, day, stated", [
    ("The attack on May 3 killed two.", "2015-05-03", True),
    ("It happened on the 3rd of May.", "2015-05-03", True),
    ("Police said on Sept. 14 that ...", "2015-09-14", True),
    ("Filed 5/3/15 by staff.", "2015-05-03", True),
    ("Filed 3/5/2015 by staff.", "2015-05-03", True),
    ("Dated 2015-05-03.", "2015-05-03", True),
    ("The attack on Sunday killed two.", "2015-05-03", False),
    ("The attack on May 13 killed two.", "2015-05-03", False),
    ("No date at all.", "2015-13-03", False),
])
def test_date_stated(text: str, day: str, stated: bool) -> None:
    assert ev.date_stated(text, day) is stated


def test_event_date_exact_within_and_answerable() -> None:
    records = [gold("a", "Shots on May 3.", event_date="2015-05-03"),
               gold("b", "Shots on Tuesday.", event_date="2015-06-09"),
               gold("c", "Shots on Tuesday.", published="2015-06-10", event_date="2015-06-09"),
               gold("d", "Shots.", event_date="2015-01-01")]
    preds = by_id(coding("a", event(date=("2015-05-03", None))),
                  coding("b", event(date=("2015-06-08", "2015-06-10"))),
                  coding("c", event(date=("2015-06-10", None))),
                  coding("d", event(date=(None, "2015-01-02"))))
    assert ev.score(records, preds)["event_date"] == {
        "n": 4, "exact": 0.25, "within": 0.5, "n_answerable": 2, "exact_answerable": 0.5,
        "within_answerable": 0.5}


# -- places ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("match, gold_value, predicted, expected", [
    (ev.country_match, "USA", "usa ", True),
    (ev.country_match, "USA", "MEX", False),
    (ev.country_match, "USA", None, False),
    (ev.admin1_match, "Ohio", "Ohio State", True),
    (ev.admin1_match, "San Salvador", "San Salvador Department", True),
    (ev.admin1_match, "Texas", "Texas Panhandle", False),
    (ev.admin1_match, "Ñuble", "Nuble Region", True),
    (ev.place_match, "North Dallas", "Dallas", True),
    (ev.place_match, "Dallas", "Dallas, Texas", True),
    (ev.place_match, "North Dallas", "Dallas County", True),   # generic words on both sides
    (ev.place_match, "Dar'a", "Dara city", True),
    (ev.place_match, "Springfield", "Springdale", False),
    (ev.place_match, "NEAR SAN MIGUEL | SAN MIGUEL", "San Miguel", True),
    (ev.place_match, "Houston", "", False),
])
def test_place_matching(match: Any, gold_value: str, predicted: Any, expected: bool) -> None:
    assert match(gold_value, predicted) is expected


def test_location_family_and_latlon() -> None:
    records = [gold("a", country="USA", admin1="Ohio", location="Springfield", lat=39.92, lon=-83.81),
               gold("b", country="USA", location="Columbus", lat=39.96, lon=-83.0),
               gold("c", lat=0.0, lon=0.0)]
    preds = by_id(coding("a", event(country="USA", admin1="Ohio", place="Springfield", lat=39.93, lon=-83.8)),
                  coding("b", event(country="CAN", place="Dayton", lat=39.96, lon=-83.9)),
                  coding("c", event(lat=91.0, lon=0.0)))
    location = ev.score(records, preds)["location"]
    assert location["country"] == {"n": 2, "acc": 0.5}
    assert location["admin1"] == {"n": 1, "acc": 1.0}
    assert location["name"] == {"n": 2, "acc": 0.5}
    latlon = location["latlon"]
    assert (latlon["n"], latlon["n_predicted"]) == (3, 2)    # latitude 91 is not a point
    assert latlon["within_25km"] == pytest.approx(1 / 3)
    assert latlon["within_100km"] == pytest.approx(2 / 3)
    assert 35 < latlon["median_km"] < 45     # (~1 km + ~77 km) / 2


def test_haversine_one_degree_of_latitude() -> None:
    assert ev.haversine_km(0.0, 0.0, 1.0, 0.0) == pytest.approx(111.2, abs=0.1)


# -- event types and actors --------------------------------------------------------------------------


@pytest.mark.parametrize("gold_value, predicted, expected", [
    ("Battles", "battles", True),
    ("Violence against civilians", "Violence  against  civilians", True),
    ("Riots | Protests", "Protests", True),
    ("Battles", "Riots", False),
    ("Battles", None, False),
    ("none", None, True),           # no political-violence event, none predicted
    ("none", "none", True),
    ("none", "Battles", False),
])
def test_label_match(gold_value: str, predicted: Any, expected: bool) -> None:
    assert ev.label_match(gold_value, predicted) is expected


@pytest.mark.parametrize("gold_value, predicted, expected", [
    ("BOMBING", "Explosions/Remote violence", True),
    ("ATTACK", "Battles", True),
    ("ATTACK", "Protests", False),
    ("KIDNAPPING | ATTACK", "Battles", True),
    ("Armed Assault", "Violence against civilians", True),
    ("UNKNOWN TYPE", "Battles", False),
    ("BOMBING", None, False),
])
def test_incident_match(gold_value: str, predicted: Any, expected: bool) -> None:
    assert ev.incident_match(gold_value, predicted) is expected


@pytest.mark.parametrize("gold_value, predicted, expected", [
    ("FARABUNDO MARTI NATIONAL LIBERATION FRONT | FMLN", "FMLN", True),
    ("Protesters (Iraq)", "protesters", True),
    ("ISRAELI ARMY", "Israel Defense Forces", False),   # only the country word in common
    ("ISRAEL", "Israeli forces", True),                  # nothing but the country word is left in gold
    ("PEASANTS", "peasant", True),
    ("URBAN GUERRILLAS", "unidentified armed men", False),
    ("SOLDIERS", "", False),
    ("ARMY", "the army", True),
])
def test_actor_match(gold_value: str, predicted: str, expected: bool) -> None:
    assert ev.actor_match(gold_value, predicted) is expected


def test_type_and_actor_families() -> None:
    records = [gold("a", acled_event_type="Battles", acled_sub_event_type="Armed clash",
                    incident_type="ATTACK", actor1="FMLN", actor2="SOLDIERS"),
               gold("b", acled_event_type="none", acled_sub_event_type="none")]
    preds = by_id(coding("a", event(acled=("Battles", "Attack"), actor1="the FMLN", actor2="police")),
                  coding("b"))
    result = ev.score(records, preds)
    assert result["acled_event_type"] == {"n": 2, "acc": 1.0}
    assert result["acled_sub_event_type"] == {"n": 2, "acc": 0.5}
    assert result["incident_type_compat"] == {"n": 1, "acc": 1.0}
    assert result["actors"] == {"actor1": {"n": 1, "acc": 1.0}, "actor2": {"n": 1, "acc": 0.0}}


# -- quotes ------------------------------------------------------------------------------------------------

QUOTE_TEXT = '"We will rebuild," the mayor said. Police said two men were held. "No comment," Smith added.'
#             0         1         2         3         4         5         6         7         8
#             0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890


def gold_quote(span: tuple[int, int], source: tuple[int, int] | None, kind: str,
               fragments: list | None = None) -> dict:
    q: dict[str, Any] = {"content_span": list(span), "source_span": list(source) if source else None,
                         "source_text": QUOTE_TEXT[source[0]:source[1]] if source else None,
                         "cue_span": None, "kind": kind}
    if fragments:
        q["content_fragments"] = fragments
    return q


@pytest.mark.parametrize("gold_parts, pred_spans, expected", [
    ([[(0, 20)]], [(0, 20)], [(0, 0)]),
    ([[(0, 20)]], [(8, 20)], [(0, 0)]),                 # 12 chars shared, shorter side 12
    ([[(0, 20)]], [(12, 40)], []),                      # 8 chars shared < half of 20
    ([[(0, 20)], [(22, 30)]], [(0, 30)], [(0, 0)]),     # one prediction matches one gold quote only
    ([[(0, 10)], [(0, 30)]], [(0, 30)], [(1, 0)]),      # ... the better-fitting one
    ([[(0, 5), (50, 60)]], [(48, 62)], [(0, 0)]),       # discontinuous gold: only fragments count
])
def test_match_quotes(gold_parts: list, pred_spans: list, expected: list) -> None:
    gold_quotes = [{"content_span": [p[0][0], p[-1][1]], "content_fragments": [list(s) for s in p]}
                   for p in gold_parts]
    pairs = ev.match_quotes(gold_quotes, [quote(s) for s in pred_spans], 100)
    assert [(p.gold, p.pred) for p in pairs] == expected


def test_quote_family() -> None:
    records = [gold("a", QUOTE_TEXT, quotes=[
        gold_quote((0, 18), (19, 28), "direct"),            # "We will rebuild,"  - the mayor
        gold_quote((47, 65), (35, 41), "indirect"),         # two men were held   - Police
        gold_quote((66, 80), (81, 86), "direct"),           # "No comment,"       - Smith
    ])]
    preds = by_id(coding("a", quotes=[
        quote((0, 18), "mayor", None),          # right, speaker by name
        quote((66, 80), "Jones", (20, 28)),     # right, wrong speaker
        quote((29, 34)),                        # spurious
    ]))
    quotes = ev.score(records, preds)["quotes"]
    assert quotes == {"n_articles": 1, "n_gold": 3, "n_pred": 3, "matched": 2,
                      "precision": 2 / 3, "recall": 2 / 3, "f1": pytest.approx(2 / 3),
                      "n_gold_direct": 2, "recall_direct": 1.0, "n_speaker": 2, "speaker_acc": 0.5}


def test_quotes_without_predictions_score_zero_f1() -> None:
    records = [gold("a", QUOTE_TEXT, quotes=[gold_quote((0, 18), None, "direct")])]
    quotes = ev.score(records, {})["quotes"]
    assert (quotes["precision"], quotes["recall"], quotes["f1"], quotes["n_speaker"]) == (None, 0.0, 0.0, 0)


# -- families present only when gold carries them; table; floors --------------------------------------


def test_score_leaves_out_unmeasured_families() -> None:
    assert set(ev.score([gold("a", killed=1)], {})) == {"n_gold", "coverage", "killed"}


def test_format_table_lists_measured_metrics() -> None:
    result = ev.score([gold("a", killed=1, event_date="2015-01-01")],
                      by_id(coding("a", event(killed=est(1)))))
    table = ev.format_table(result)
    lines = table.splitlines()
    assert lines[0].split() == ["metric", "value", "n"]
    assert any(line.split() == ["killed.exact", "1.000", "1"] for line in lines)
    assert any(line.split() == ["event_date.exact", "0.000", "1"] for line in lines)
    assert "quotes" not in table and "injured" not in table


@pytest.mark.parametrize("floors, failures", [
    ({"killed.exact": 0.5}, []),
    ({"killed.exact": 0.75}, ["killed.exact = 0.500 < floor 0.75"]),
    ({"killed.mae": 2.0}, []),                                    # an error measure: a ceiling
    ({"killed.mae": 1.0}, ["killed.mae = 1.500 > ceiling 1.0"]),
    ({"location.country": 1.0, "coverage": 1.0}, []),            # family headline value
    ({"quotes.f1": 0.1}, ["quotes.f1: not measured (floor 0.1)"]),
    ({"killed.exact_gold_zero": 0.1}, ["killed.exact_gold_zero: not measured (floor 0.1)"]),  # None
])
def test_check_floors(floors: dict[str, float], failures: list[str]) -> None:
    result = ev.score([gold("a", killed=2, country="USA"), gold("b", killed=4, country="USA")],
                      by_id(coding("a", event(killed=est(2), country="USA")),
                            coding("b", event(killed=est(1), country="USA"))))
    assert ev.check_floors(result, floors) == failures


# -- running the system ------------------------------------------------------------------------------


class FakeCoding:
    def __init__(self, record: dict) -> None:
        self.record = record

    def to_dict(self) -> dict:
        if not self.record["text"].strip():
            return error_record(self.record["id"])
        killed = est(int(self.record["text"].split()[0])) if self.record["text"][0].isdigit() else None
        return coding(self.record["id"], event(killed=killed))


def test_code_gold_feeds_inputs_only_and_keys_by_input_id(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[dict] = []

    def fake_code_many(records: list[dict]) -> Any:
        seen.extend(records)
        return (FakeCoding(r) for r in records)

    monkeypatch.setattr(dateline, "code_many", fake_code_many, raising=False)
    records = [gold("a", "2 dead.", killed=2), gold("b", " ", killed=1), gold("c", "3 dead.")]
    preds = ev.code_gold(records, limit=2)
    assert seen == [{"id": "a", "text": "2 dead."}, {"id": "b", "text": " "}]
    assert set(preds) == {"a", "b"}
    assert ev.score(records[:2], preds)["killed"]["exact"] == 0.5


def test_evaluate_runs_the_system_and_times_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(dateline, "code_many", lambda records: (FakeCoding(r) for r in records),
                        raising=False)
    monkeypatch.setattr(nlp, "load", lambda: None)
    path = write_jsonl(tmp_path / "g.jsonl", [gold("a", "2 dead.", killed=2), gold("b", "1 dead.", killed=3)])
    result = ev.evaluate(path, save_pred=tmp_path / "p.jsonl")
    assert result["killed"]["exact"] == 0.5
    assert result["timing"]["n_inputs"] == 2 and result["timing"]["articles_per_second"] > 0
    saved, _ = ev.read_predictions((tmp_path / "p.jsonl").read_text().splitlines())
    assert list(saved) == ["a", "b"]


def test_evaluate_scores_a_predictions_file(tmp_path: Path) -> None:
    gold_path = write_jsonl(tmp_path / "g.jsonl", [gold("a", killed=2), gold("b", killed=3), gold("c")])
    pred_path = write_jsonl(tmp_path / "p.jsonl", [coding("a", event(killed=est(2))), coding("zz"), "bad"])
    result = ev.evaluate(gold_path, pred_path=pred_path, limit=2)
    assert result["n_gold"] == 2 and result["killed"]["exact"] == 0.5
    assert (result["coverage"]["unknown_ids"], result["coverage"]["invalid"]) == (1, 1)
    assert "timing" not in result


# -- cross-check with the reference scorer --------------------------------------------------------------


def cross_check_corpus() -> tuple[list[dict], list[Any]]:
    """Gold and prediction lines touching every metric family and the odd cases of each."""
    claim = {"kind": "displaced", "low": 1500, "high": None, "who": None, "source": {"name": "UN"},
             "stance": "asserts", "text": "", "span": [0, 4]}
    records = [
        gold("gv-1", "Two killed, one hurt in Dayton on June 7.", killed=2, injured=1,
             event_date="2015-06-07", country="USA", admin1="Ohio", location="Dayton"),
        gold("gv-2", "A man was shot on Friday in East Austin.", killed=1, injured=0,
             event_date="2015-06-05", country="USA", admin1="Texas", location="East Austin"),
        gold("gv-3", "Three hurt.", killed=0, injured=3, event_date="2015-02-01", country="USA",
             location="Reno"),
        gold("gv-4", "No one was hurt.", published="2015-03-02", killed=0, injured=0,
             event_date="2015-03-01", country="USA"),
        gold("muc-1", "SAN SALVADOR, 3 JAN 90 -- GUERRILLAS ATTACKED A POST.", published="1990-01-03",
             killed=4, country="SLV", admin1="SAN SALVADOR", location="SAN SALVADOR",
             incident_type="ATTACK", actor1="FARABUNDO MARTI NATIONAL LIBERATION FRONT | FMLN",
             actor2="SOLDIERS"),
        gold("muc-2", "LIMA, 5 FEB 90 -- A BOMB EXPLODED.", published="1990-02-05", incident_type="BOMBING",
             actor1="SHINING PATH", actor2="BANK | BUILDING"),
        gold("idmc-1", "Floods drove 1,500 people from their homes in Sindh.", displaced=1500,
             figures=[{"kind": "displaced", "value": 1500, "span": [13, 18], "term": "Displaced",
                       "unit": "people"}], country="PAK", location="Sindh", lat=26.0, lon=68.5),
        gold("idmc-2", "About 200 families fled.", displaced=900,
             figures=[{"kind": "displaced", "value": 900, "span": None, "term": "Displaced",
                       "unit": "people"}],
             lat=10.0, lon=10.0),
        gold("case-1", "Troops clashed with rebels.", acled_event_type="Battles",
             acled_sub_event_type="Armed clash"),
        gold("case-2", "A storm hit the coast.", acled_event_type="none", acled_sub_event_type="none"),
        gold("case-3", "Crowds marched.", acled_event_type="Riots | Protests",
             acled_sub_event_type="Peaceful protest"),
        gold("pol-1", QUOTE_TEXT, quotes=[gold_quote((0, 18), (19, 28), "direct"),
                                          gold_quote((47, 65), (35, 41), "indirect"),
                                          gold_quote((66, 80), (81, 86), "direct",
                                                     fragments=[[66, 70], [71, 80]])]),
        gold("pol-2", QUOTE_TEXT, quotes=[gold_quote((0, 18), None, "mixed")]),
        gold("missing-1", "Five killed.", killed=5, event_date="2015-01-05", quotes=[]),
        gold("error-1", "Six killed.", killed=6, country="USA"),
    ]
    lines: list[Any] = [
        coding("gv-1", event(killed=est(2, 2, 3), injured=est(2, 1, 2), date=("2015-06-07", None),
                             country="USA", admin1="Ohio State", place="Dayton")),
        coding("gv-2", event(killed=est(2), date=("2015-06-04", "2015-06-06"), country="usa",
                             admin1="Texas Hill Country", place="Austin city")),
        coding("gv-3", event(injured={"low": 3, "best": None, "high": 5}, place="Sparks")),
        coding("gv-4"),
        coding("muc-1", event(killed=4, acled=("Battles", "Armed clash"), date=("1990-01-03", None),
                              country="SLV", admin1="San Salvador Department", place="San Salvador",
                              actor1="FMLN guerrillas", actor2="army soldier")),
        coding("muc-2", event(acled=("Violence against civilians", "Attack"), actor1="unknown men",
                              actor2="the bank")),
        coding("idmc-1", event(displaced=est(1200)), event(claims=[claim]),
               ),
        coding("idmc-2", event(displaced=est(200), lat="10.1", lon=10.0)),
        coding("case-1", event(acled=("Battles", "Armed clash"))),
        coding("case-2", event(acled=("Protests", "Peaceful protest"))),
        coding("case-3", event(acled=("Protests", "Peaceful protest"))),
        coding("pol-1", quotes=[quote((1, 17), "the mayor"), quote((66, 80), "Jones"),
                                quote((40, 50), "Police", (35, 41)), "not a quote"]),
        coding("pol-2", quotes=[quote((0, 18), "Mayor")]),
        error_record("error-1"),
        coding("unknown-1"),
        coding("gv-1"),       # a duplicate: the first line wins
        "{broken",
    ]
    return records, lines


def flatten(node: Any, prefix: str = "") -> dict[str, Any]:
    if not isinstance(node, dict):
        return {prefix: node}
    flat: dict[str, Any] = {}
    for key, value in node.items():
        flat.update(flatten(value, f"{prefix}.{key}" if prefix else key))
    return flat


@pytest.mark.slow
def test_same_numbers_as_the_reference_scorer(tmp_path: Path) -> None:
    reference_scorer = shared_path("tools", "score.py")
    records, lines = cross_check_corpus()
    gold_path = write_jsonl(tmp_path / "gold.jsonl", records)
    pred_path = write_jsonl(tmp_path / "pred.jsonl", lines)
    run = subprocess.run([sys.executable, str(reference_scorer), str(gold_path), str(pred_path), "--json"],
                         capture_output=True, text=True, check=True, timeout=60)
    reference = flatten(json.loads(run.stdout))
    ours = flatten(ev.evaluate(gold_path, pred_path=pred_path))
    for key in ("gold_file", "pred_file", "gold_duplicate_ids_ignored"):
        reference.pop(key, None)
    # every family of the corpus is really measured, so the comparison covers them all
    families = {key.split(".")[0] for key in reference}
    assert families >= {"coverage", "killed", "injured", "displaced", "event_date", "location",
                        "acled_event_type", "acled_sub_event_type", "incident_type_compat", "actors",
                        "quotes"}
    missing = sorted(set(reference) - set(ours))
    assert not missing
    differ = {k: (ours[k], v) for k, v in reference.items()
              if (ours[k] != pytest.approx(v, rel=1e-12) if isinstance(v, float) else ours[k] != v)}
    assert not differ
