"""Properties of the incident merge over random mentions (hypothesis): every mention in exactly one incident,
no incident holding two members in hard conflict unless they share enough names, ids derived from founders,
and the same incidents whatever the input order."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline import incidents as inc

TOWNS = [("Springfield", 39.80, -89.64, 1), ("Decatur", 39.84, -88.95, 2), ("Chicago", 41.88, -87.63, 3),
         ("Peoria", 40.69, -89.59, 4), ("Chatham", 39.68, -89.70, 5)]
NAMES = ["ann lowe", "marcus bell", "jim tate", "dana whitfield", "oscar reyes", "1200 oak"]


@st.composite
def mention(draw: st.DrawFn, n: int) -> inc.Mention:
    town = draw(st.sampled_from(TOWNS))
    day = date(2024, 3, 1) + timedelta(days=draw(st.integers(0, 12)))
    precision = draw(st.sampled_from(["day", "day", "day", "week", "unknown"]))
    published = day + timedelta(days=draw(st.integers(0, 6)))
    plover = draw(st.sampled_from(["ASSAULT", "ASSAULT", "ASSAULT", "PROTEST"]))
    return inc.Mention(
        article_id=f"sha256:{n:04d}", article=f"a{n}", event="e1", published=published, outlet=None,
        plover=plover, family=inc.family(plover), follow_up=draw(st.booleans()) if plover == "ASSAULT" else False,
        start=None if precision == "unknown" else day, end=None if precision == "unknown" else day,
        precision=precision, country=draw(st.sampled_from(["USA", "USA", "USA", "CAN"])), admin1="Illinois",
        place=town[0], geonames_id=town[3], lat=town[1], lon=town[2],
        place_precision=draw(st.sampled_from(["exact", "exact", "admin2"])),
        names=frozenset(draw(st.lists(st.sampled_from(NAMES), max_size=3))),
        ages=frozenset(draw(st.lists(st.integers(18, 22), max_size=2))),
        killed=draw(st.sampled_from([None, 1, 2])), injured=None,
        inferred=draw(st.booleans()))


mentions = st.integers(1, 14).flatmap(lambda k: st.tuples(*[mention(i) for i in range(k)]))


@settings(max_examples=150, deadline=None)
@given(mentions, st.randoms(use_true_random=False))
def test_merge_invariants(ms: tuple[inc.Mention, ...], rnd) -> None:  # type: ignore[no-untyped-def]
    merger = inc.merge(ms)
    placed = [m.key for c in merger.clusters.values() for m in c.members]
    assert sorted(placed) == sorted(m.key for m in ms)                    # each exactly once
    for cid, cluster in merger.clusters.items():
        founder = min(cluster.members, key=lambda m: m.order)
        assert cid == inc.incident_id(founder.key)                        # the id is its founder's
        for i, a in enumerate(cluster.members):
            for b in cluster.members[i + 1:]:
                why = inc.conflict(a, b)
                # a hard conflict only stands inside an incident when names tie the two (distinctive or not)
                assert why is None or len(a.names & b.names) >= 1, (why, a, b)
    for alias, target in merger.aliases.items():
        assert merger.live(target) in merger.clusters and alias not in merger.clusters
    shuffled = list(ms)
    rnd.shuffle(shuffled)
    again = inc.merge(shuffled)
    assert {cid: sorted(m.key for m in c.members) for cid, c in again.clusters.items()} == \
        {cid: sorted(m.key for m in c.members) for cid, c in merger.clusters.items()}
