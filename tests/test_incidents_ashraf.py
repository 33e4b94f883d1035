"""The Camp Ashraf example with two short reports of the same raid written here, from the other sides: the
ministry's (no shots fired, five soldiers wounded) and a later toll update from the residents' side. Ingested
together by the real pipeline, they are one incident holding all three articles' claims (slow: it loads the
model and reads ``../shared``)."""

from __future__ import annotations

from pathlib import Path

import pytest

import dateline

MINISTRY = """December 16, 2017

Iraq says troops fired no shots at Camp Ashraf

Iraq's defence ministry said on Saturday that its troops took control of Camp Ashraf on Friday without firing a
shot. "Our forces did not open fire on anyone," a ministry spokesman said. The ministry said camp residents wounded
five soldiers with stones and knives during the operation.
"""

UPDATE = """December 19, 2017

Toll from raid on Camp Ashraf rises

The death toll from the raid by Iraqi troops on Camp Ashraf on Friday has risen to 34, a spokesman for the camp's
residents said. He said 320 residents were wounded in the raid, which Iraq's government has described as a routine
operation.
"""


@pytest.mark.slow
def test_three_sides_of_the_camp_ashraf_raid_are_one_incident(camp_ashraf: Path, tmp_path: Path) -> None:
    (tmp_path / "ministry.txt").write_text(MINISTRY, encoding="utf-8")
    (tmp_path / "update.txt").write_text(UPDATE, encoding="utf-8")
    with dateline.open_store(str(tmp_path / "store.sqlite")) as store:
        store.ingest([camp_ashraf, tmp_path / "ministry.txt", tmp_path / "update.txt"])
        store.merge()
        held = store.incidents()
        ids = {a["article"]: a["input_id"] for a in store.articles()}
    assert len(ids) == 3
    (rec,) = [r["incident"] for r in held if len({m["article_id"] for m in r["incident"]["members"]}) == 3]
    assert {m["article_id"] for m in rec["members"]} == set(ids)
    assert rec["date"] == {"start": "2017-12-15", "end": "2017-12-15", "precision": "day"}
    assert rec["location"]["name"] == "Camp Ashraf" and rec["location"]["country"] == "IRQ"
    # every article's claims are there, side by side, each with its source and stance
    assert {c["article_id"] for c in rec["claims"]} == set(ids)
    stances = {(c["kind"], c["source"]["name"], c["stance"]) for c in rec["claims"]}
    assert ("killed", "spokesman for the camp's residents", "asserts") in stances
    assert ("injured", "ministry", "asserts") in stances
    # the later toll is the best figure; the denial ("there was no shooting") keeps low at 0
    assert rec["estimates"]["killed"] == {"low": 0, "best": 34, "high": 34}
    weighed = rec["estimate_sources"]["killed"]
    assert "spokesman for the camp's residents" in weighed and len(weighed) >= 3
    assert rec["estimates"]["injured"]["best"] >= 320
    assert (rec["first_reported"], rec["last_reported"]) == ("2017-12-16", "2017-12-19") or \
        rec["first_reported"] <= "2017-12-18" <= rec["last_reported"]
