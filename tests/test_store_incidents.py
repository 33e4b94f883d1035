"""Incidents in the store, on both engines: incremental merge, stable ids, rebuild, aliases, re-coding, queries,
and the CLI over them. Codings come from the fake coder of ``test_store_support`` (no model)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from dateline.cli import main
from dateline.store import Filters, NotFound, open_store

from .test_store_support import fake_code_many, store, store_url  # noqa: F401


def report(i: str, day: str, *, place: str = "Basra", lat: str = "30.5", lon: str = "47.8", killed: int = 3,
           names: str = "", published: str | None = None, country: str = "IRQ") -> dict[str, Any]:
    text = (f"Dispatch {i}. {names} Officials said gunmen opened fire: event ASSAULT {day} {country} {place} {lat} "
            f"{lon} killed {killed} by police.")
    return {"id": i, "text": text, "published": published or day}


def memberships(s: Any) -> dict[str, set[str]]:
    """incident id -> the input ids of its members."""
    return {r["incident"]["id"]: {m["article"] for m in r["incident"]["members"]}
            for r in s.incidents(Filters(limit=None))}


def test_ingest_then_merge_gives_incidents_and_a_second_run_places_nothing(store: Any) -> None:  # noqa: F811
    store.ingest_records([report("a", "2024-03-01"), report("b", "2024-03-01", killed=4),
                          report("c", "2024-03-09", place="Mosul", lat="36.3", lon="43.1")])
    first = store.merge()
    assert (first.placed, first.new_incidents) == (3, 2)
    groups = memberships(store)
    assert sorted(map(sorted, groups.values())) == [["a", "b"], ["c"]]
    again = store.merge()
    assert (again.placed, again.new_incidents, again.incidents) == (0, 0, 2)
    assert memberships(store) == groups
    both = next(r["incident"] for r in store.incidents() if len(r["incident"]["members"]) == 2)
    assert both["estimates"]["killed"] == {"low": 3, "best": 4, "high": 4}
    assert sorted(c["article"] for c in both["claims"]) == ["a", "b"]
    assert store.info().counts["incidents"] == 2


def test_incremental_merging_gives_what_a_rebuild_gives(store: Any) -> None:  # noqa: F811
    batches = [[report("a", "2024-03-01"), report("x", "2024-04-02", place="Najaf", lat="32.0", lon="44.3")],
               [report("b", "2024-03-01", published="2024-03-03"), report("y", "2024-04-02", place="Najaf",
                                                                          lat="32.0", lon="44.3")],
               [report("c", "2024-05-20")]]
    for batch in batches:
        store.ingest_records(batch)
        store.merge()
    incremental = memberships(store)
    rebuilt = store.merge(rebuild=True)
    assert rebuilt.placed == 5
    assert memberships(store) == incremental
    assert sorted(map(sorted, incremental.values())) == [["a", "b"], ["c"], ["x", "y"]]


def test_an_incident_absorbed_into_another_keeps_its_id_as_an_alias(store: Any) -> None:  # noqa: F811
    store.ingest_records([report("x", "2024-03-01", names="Victim Carla Jimenez was shot."),
                          report("y", "2024-03-03", names="Witness Pedro Almagro saw the gunman.")])
    store.merge()
    before = memberships(store)
    assert len(before) == 2
    id_y = next(i for i, arts in before.items() if arts == {"y"})
    id_x = next(i for i, arts in before.items() if arts == {"x"})
    store.ingest_records([report("z", "2024-03-02", names="Carla Jimenez was shot; Pedro Almagro saw it.")])
    merged = store.merge()
    assert merged.joined == 1 and merged.aliases == [(id_y, id_x)]
    assert memberships(store) == {id_x: {"x", "y", "z"}}
    assert store.incident(id_y)["incident"]["id"] == id_x               # the old id still answers
    assert store.incident(id_x)["incident"]["aliases"] == [id_y]
    assert store.incident(id_x[:10])["incident"]["id"] == id_x          # and a prefix


def test_recoding_an_article_places_its_events_again(store_url: str) -> None:  # noqa: F811
    recs = [report("a", "2024-03-01"), report("b", "2024-03-01")]
    with open_store(store_url, coder=fake_code_many, version="1.0.0") as old:
        old.ingest_records(recs)
        old.merge()
        ids = memberships(old)
    with open_store(store_url, coder=fake_code_many, version="1.1.0") as new:
        assert new.ingest_records(recs).replaced == 2
        assert new.info().counts["incident_members"] == 0          # the old events went, with their memberships
        again = new.merge()
        assert again.placed == 2 and again.removed == 1
        assert memberships(new) == ids                               # the same founder: the same id


def test_incident_filters(store: Any) -> None:  # noqa: F811
    store.ingest_records([report("a", "2024-03-01", killed=1), report("b", "2024-06-01", killed=9),
                          report("c", "2024-06-02", place="Lyon", lat="45.7", lon="4.8", country="FRA")])
    store.merge()

    def ids(**kw: Any) -> set[str]:
        min_killed = kw.pop("min_killed", None)
        return {a for r in store.incidents(Filters(**kw), min_killed=min_killed)
                for a in (m["article"] for m in r["incident"]["members"])}

    assert ids(country="fra") == {"c"}
    assert ids(since=date(2024, 5, 1)) == {"b", "c"}
    assert ids(min_killed=5) == {"b"}
    assert ids(type="assault", until=date(2024, 4, 1)) == {"a"}
    assert ids(bbox=(40.0, 25.0, 50.0, 35.0)) == {"a", "b"}
    assert [r["incident"]["date"]["start"] for r in store.incidents()] == ["2024-06-02", "2024-06-01", "2024-03-01"]
    assert store.count_incidents(Filters(country="IRQ")) == 2
    try:
        store.incident("inc-0000000000000000")
    except NotFound as exc:
        assert "no incident" in exc.message
    else:
        raise AssertionError("an unknown incident id must be NotFound")


def test_cli_merge_incidents_and_show(store_url: str, tmp_path: Path) -> None:  # noqa: F811
    with open_store(store_url, coder=fake_code_many, version="1.0.0") as s:
        s.ingest_records([report("a", "2024-03-01", names='"We saw them," said Karim.'),
                          report("b", "2024-03-01", killed=5)])
    runner = CliRunner()
    out = runner.invoke(main, ["merge", "--db", store_url])
    assert out.exit_code == 0, out.output
    assert "2 reported events placed, 1 new incidents" in out.output
    listed = runner.invoke(main, ["incidents", "--db", store_url, "--jsonl"])
    recs = [json.loads(line) for line in listed.output.splitlines()]
    assert len(recs) == 1 and recs[0]["schema"] == "dateline/1"
    iid = recs[0]["incident"]["id"]
    table = runner.invoke(main, ["incidents", "--db", store_url, "--min-killed", "5"])
    assert iid in table.output and "5 (3-5)" in table.output
    shown = runner.invoke(main, ["show", iid, "--db", store_url])
    assert shown.exit_code == 0, shown.output
    assert f"incident   {iid}" in shown.output and "killed     best 5  low 3  high 5" in shown.output
    assert "police" in shown.output and "Karim" in shown.output            # the claims table, then the quotes
    rebuilt = runner.invoke(main, ["merge", "--rebuild", "--db", store_url])
    assert rebuilt.exit_code == 0 and "1 incidents in the store" in rebuilt.output
    missing = runner.invoke(main, ["show", "inc-ffffffffffffffff", "--db", store_url])
    assert missing.exit_code == 1 and "no incident" in missing.output
