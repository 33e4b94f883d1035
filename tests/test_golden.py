"""Golden tests: the bundled example and the reference article of ../shared/examples."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import main

pytestmark = pytest.mark.slow      # the CLI codes whole articles with the model; camp_ashraf reads ../shared

def _code(path: Path) -> dict:
    result = CliRunner().invoke(main, ["code", "--include-text", str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _claims(event: dict, kind: str) -> list[dict]:
    return [c for c in event["claims"] if c["kind"] == kind]


def test_bundled_example(example_path: Path) -> None:
    coding = _code(example_path)
    assert coding["article"]["published"] == {"date": "2024-03-09", "source": "header"}
    assert coding["article"]["title"] == "Shelling hits market in Karvan as both sides trade blame"
    main_event = coding["events"][0]
    assert main_event["status"] == "reported"
    assert main_event["type"]["acled"]["event_type"] == "Explosions/Remote violence"
    assert main_event["date"] == {**main_event["date"], "start": "2024-03-07", "precision": "day"}
    assert main_event["location"]["name"] == "Karvan"
    killed = {(c["low"], c["high"], c["source"]["type"], c["stance"], c["partitive"])
              for c in _claims(main_event, "killed")}
    assert (14, None, "official", "asserts", False) in killed          # at least 14, health directorate
    assert (27, 27, "party", "unconfirmed", False) in killed           # the front, not verifiable
    assert (5, 5, "official", "asserts", True) in killed               # partitive: a detail
    denials = [c for c in main_event["claims"] if c["stance"] == "denies"]
    assert denials and "ministry" in (denials[0]["source"]["name"] + str(denials[0]["source"]["organization"]))
    est = main_event["estimates"]["killed"]
    assert est["low"] == 0 and est["low"] <= est["best"] <= est["high"] and est["high"] >= 27
    assert any(c["low"] == 2 and c["who"] == "soldiers" for c in _claims(main_event, "injured"))
    assert any(c["low"] == 300 for c in _claims(main_event, "displaced"))
    speakers = {q["speaker"]["name"] for q in coding["quotes"]}
    assert {"Hana Seljak", "Idris Malo"} <= speakers
    # the 2015 seizure is background, never the main event's date
    assert all(e["status"] == "background" for e in coding["events"][1:])


def test_camp_ashraf(camp_ashraf: Path) -> None:
    coding = _code(camp_ashraf)
    text = coding["article"]["text"]
    assert coding["article"]["published"] == {"date": "2017-12-18", "source": "header"}
    ev = coding["events"][0]
    assert ev["status"] == "reported"
    assert (ev["date"]["start"], ev["date"]["precision"]) == ("2017-12-15", "day")
    assert ev["location"]["name"] == "Camp Ashraf"
    claims = ev["claims"]
    mek = [c for c in claims if "MEK" in c["source"]["name"] or "Mujahedeen" in c["source"]["name"]]
    assert any(c["kind"] == "killed" and c["low"] == 31 and c["stance"] == "unconfirmed" for c in mek)
    assert any(c["kind"] == "injured" and c["low"] == 300 and c["stance"] == "unconfirmed" for c in mek)
    gov = [c for c in claims if c["kind"] == "injured" and c["low"] == 5 and c["who"] == "soldiers"
           and "government" in json.dumps(c["source"]).lower()]
    assert gov, "injured 5 soldiers sourced to the Iraqi government side"
    denial = [c for c in claims if c["stance"] == "denies"]
    assert denial and "defense ministry" in json.dumps(denial[0]["source"]).lower()
    killed = ev["estimates"]["killed"]
    assert killed["high"] == 31 and killed["low"] <= killed["best"] <= killed["high"]
    speakers = [q["speaker"]["name"] or "" for q in coding["quotes"]]
    for name in ("Gates", "al-Askari", "Rajavi", "Gobadi"):
        assert any(name in s for s in speakers), name
    assert sum("al-Dabbagh" in s for s in speakers) >= 2
    # background years never date or feed the main event
    assert ev["evidence"]
    for year in ("2001", "2002", "2003", "2009"):
        assert year not in (ev["date"]["text"] or "")
        for s, e in ev["evidence"]:
            assert year not in text[s:e]
    for c in claims:
        s, e = c["span"]
        assert text[s:e] == c["text"]


def test_camp_ashraf_actors_types_and_date_check(camp_ashraf: Path) -> None:
    coding = _code(camp_ashraf)
    ev = coding["events"][0]
    assert (ev["actor1"]["country"], ev["actor1"]["sector"]) == ("IRQ", "MIL")
    assert ev["actor2"]["country"] == "IRN" and ev["actor2"]["sector"] in ("OPP", "CVL", "REB")
    assert (ev["type"]["acled"]["event_type"], ev["type"]["acled"]["sub_event_type"]) == \
        ("Violence against civilians", "Attack")
    assert ev["type"]["plover"] == "ASSAULT" and ev["type"]["cameo"]
    loc = ev["location"]
    assert (loc["name"], loc["country"], loc["precision"]) == ("Camp Ashraf", "IRQ", "country")
    speakers = {q["speaker"]["name"]: q["speaker"] for q in coding["quotes"] if q["speaker"]["name"]}
    gates = next(s for n, s in speakers.items() if "Gates" in n)
    assert (gates["country"], gates["sector"]) == ("USA", "GOV")
    askari = next(s for n, s in speakers.items() if "al-Askari" in n)
    assert askari["country"] == "IRQ" and "defense ministry" in askari["organization"]
    gobadi = next(s for n, s in speakers.items() if "Gobadi" in n)
    assert "NCRI" in (gobadi["organization"] or "") and gobadi["country"] == "IRN"
    warning = next(w for w in coding["warnings"] if w["code"] == "published-date-inconsistent")
    start, end = re.search(r"from (\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d)", warning["message"]).groups()
    assert start <= "2011-04-08" <= end and not (start <= "2017-12-18" <= end)
