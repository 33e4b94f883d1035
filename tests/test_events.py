"""Event triggers, types, status (reported / background), denials and the main event."""

from __future__ import annotations

import pytest

import dateline
from dateline.events import triggers


def _events(text: str, published: str | None = "2023-10-20"):  # type: ignore[no-untyped-def]
    return dateline.code(text, published=published).to_dict()["events"]


def test_trigger_lexicon_loads_with_valid_rows() -> None:
    lex = triggers()
    assert len(lex) > 50
    assert lex["bombing"].acled_event_type == "Explosions/Remote violence"
    assert all(t.plover.isupper() and t.cameo.isdigit() for t in lex.values())


@pytest.mark.parametrize("text,acled,trigger", [
    ("A car bomb exploded outside a police station in the city on Friday.", "Explosions/Remote violence",
     "car"),
    ("Government troops clashed with rebels near the border on Thursday.", "Battles", "clashed"),
    ("Thousands of people protested against the new tax law on Wednesday.", "Protests", "protested"),
    ("Gunmen abducted six teachers from a school on Monday.", "Violence against civilians", "abducted"),
    ("An air strike hit a market on Tuesday, killing 12 people.", "Explosions/Remote violence", "air"),
])
def test_main_event_type(text: str, acled: str, trigger: str) -> None:
    ev = _events(text)[0]
    assert ev["status"] == "reported"
    assert ev["type"]["acled"]["event_type"] == acled
    assert ev["trigger"]["text"].lower().startswith(trigger)


def test_background_event_never_lends_date_or_figures() -> None:
    evs = _events("Militants attacked a checkpoint on Thursday, killing two guards, police said. "
                  "The group has long been blamed for a bombing in 2015 that killed 40 people.")
    main = evs[0]
    assert main["status"] == "reported" and main["date"]["start"] == "2023-10-19"
    assert main["estimates"]["killed"]["best"] == 2
    assert all(c["low"] != 40 for c in main["claims"])
    assert [e["status"] for e in evs[1:]] == ["background"]


def test_denial_is_a_claim_not_an_event() -> None:
    evs = _events("Rebels said 20 villagers were killed in the raid on Sunday. "
                  "\"There was no shooting in the village,\" an army spokesman said.")
    main = evs[0]
    denials = [c for c in main["claims"] if c["stance"] == "denies"]
    assert len(denials) == 1 and "army" in denials[0]["source"]["name"]
    assert main["estimates"]["killed"]["low"] == 0
    assert any(c["kind"] == "killed" and c["low"] == 20 for c in main["claims"])   # never deleted
    assert len(evs) == 1


def test_separate_incident_is_a_second_event() -> None:
    evs = _events("A roadside bomb killed three soldiers in the north on Monday. "
                  "In another attack, gunmen shot dead a judge in the capital.")
    assert len(evs) == 2
    assert evs[0]["estimates"]["killed"]["best"] == 3
    assert "killed" not in evs[1]["estimates"] or evs[1]["estimates"]["killed"]["best"] == 1


def test_no_event() -> None:
    text = "The finance minister presented the budget to parliament on Monday."
    coding = dateline.code(text, published="2023-10-20").to_dict()
    assert coding["events"] == []
    assert any(w["code"] == "no-event" for w in coding["warnings"])


def test_credit_line_is_not_the_event_location() -> None:
    evs = _events("Soldiers fired on protesters in Harbin Square on Monday, killing four.\n\n"
                  "—Jane Doe in Tokyo contributed to this article.")
    assert evs[0]["location"]["name"] != "Tokyo"
