"""Tests of the UCDP-style reconciliation of claims into low / best / high: tables of claims."""

from __future__ import annotations

import pytest

from dateline.estimates import counts_the_dead_too, estimate, group_of, shot_net_of_dead
from dateline.records import Claim, Estimate, Source

UNKNOWN = Source("unknown")


def claim(low: int | None, high: int | None = -1, who: str | None = None, stance: str = "asserts",
          text: str = "", at: int = 0, kind: str = "killed") -> Claim:
    """A claim; ``high`` defaults to ``low`` (an exact figure)."""
    return Claim(kind, low, low if high == -1 else high, who, UNKNOWN, stance, text or f"{low} dead",
                 (at, at + 1))


def total(low: int, at: int = 0) -> Claim:
    """A total over several happenings ("more than 1,000 members have been killed since 1985")."""
    return Claim("killed", low, None, "members", UNKNOWN, "asserts", f"more than {low} killed", (at, at + 1),
                 aggregate=True)


ESTIMATES: list[tuple[str, list[Claim], Estimate | None]] = [
    ("nothing", [], None),
    ("a total over several happenings gives way to the story's own figure", [total(1000), claim(2, at=5)],
     Estimate(2, 2, 2)),
    ("a total over several happenings alone still counts", [total(1000)], Estimate(1000, 1000, 1000)),
    ("... also beside a denial", [total(1000), claim(5, stance="denies", at=5)], Estimate(0, 1000, 1000)),
    ("an unverifiable group figure widens high, not best",
     [claim(14, None, who="people"), claim(27, who="civilians", stance="unconfirmed", at=3),
      claim(19, at=5)], Estimate(14, 19, 27)),
    ("one exact figure", [claim(31)], Estimate(31, 31, 31)),
    ("repeated figure", [claim(1, who="man", at=0), claim(1, who="victim", at=9)], Estimate(1, 1, 1)),
    ("disjoint groups add", [claim(31, who="camp residents"), claim(5, who="soldiers", at=5)],
     Estimate(36, 36, 36)),
    ("unspecified may include the specified", [claim(300), claim(5, who="soldiers", at=5)],
     Estimate(300, 300, 300)),
    ("sum of groups beats a smaller unspecified figure",
     [claim(4), claim(3, who="police officers", at=3), claim(2, who="civilians", at=6)], Estimate(5, 5, 5)),
    ("others come on top", [claim(1, who="man"), claim(2, who="others", at=9)], Estimate(3, 3, 3)),
    ("others numbered like an unspecified figure are that figure",
     [claim(3, text="3 wounded"), claim(3, who="others", text="three others wounded", at=40)], Estimate(3, 3, 3)),
    ("competing claims of one group form a range",
     [claim(12, who="protesters", at=0), claim(20, who="demonstrators", at=9)], Estimate(12, 20, 20)),
    ("a stated figure inside a vague range refines it",
     [claim(24, 99, text="killing dozens"), claim(31, at=5)], Estimate(31, 31, 31)),
    ("a vague range that no figure falls into still counts",
     [claim(24, 99, text="killing dozens"), claim(12, at=5)], Estimate(12, 12, 99)),
    ("households never add to people",
     [claim(2000, who="families", kind="displaced"), claim(500, who="people", at=5, kind="displaced")],
     Estimate(500, 500, 500)),
    ("households never compete with an unspecified head count",
     [claim(300, who="households", kind="displaced"), claim(1200, at=5, kind="displaced")],
     Estimate(1200, 1200, 1200)),
    ("households alone are kept", [claim(60, who="families", kind="displaced")], Estimate(60, 60, 60)),
    ("vague alone: the bottom of the range", [claim(24, 99, text="killing dozens")], Estimate(24, 24, 99)),
    ("at least", [claim(12, None, text="at least 12 dead")], Estimate(12, 12, 12)),
    ("up to", [claim(None, 40, text="up to 40 dead")], Estimate(0, 40, 40)),
    ("update supersedes",
     [claim(25, text="25 people died", at=0),
      claim(40, text="the death toll rose to 40", at=50)], Estimate(40, 40, 40)),
    ("claims after an update still count",
     [claim(40, text="the death toll rose to 40", at=0), claim(45, text="45 dead", at=80)],
     Estimate(40, 45, 45)),
    ("denial lowers low, keeps the claim",
     [claim(31), claim(31, stance="denies", at=9)], Estimate(0, 31, 31)),
    ("denial alone", [claim(31, stance="denies")], Estimate(0, 0, 31)),
    ("confirmed beats unconfirmed for best",
     [claim(50, stance="unconfirmed"), claim(20, stance="confirmed", at=9)], Estimate(20, 20, 50)),
    ("partitive never adds",
     [claim(31), claim(6, who="women", text="six of the dead", at=50)], Estimate(31, 31, 31)),
    ("zero does not compete with a positive figure",
     [claim(0, text="no one else was killed"), claim(1, who="man", at=9)], Estimate(1, 1, 1)),
    ("zero alone", [claim(0, text="no one was killed")], Estimate(0, 0, 0)),
    ("figures without numbers are ignored", [claim(None, None)], None),
    ("'also killed' adds to the claim before it",
     [claim(1, who="minister", text="the minister was killed"),
      claim(2, who="guards", text="two of her guards were also killed", at=40)], Estimate(3, 3, 3)),
    ("... so does 'also died'",
     [claim(1, who="judge", text="killed a judge"),
      claim(1, who="husband", text="her husband also later died", at=40)], Estimate(2, 2, 2)),
    ("... but an overall figure already includes them",
     [claim(3, who="people", text="killed three people"), claim(1, who="officer", text="the officer died", at=30),
      claim(1, who="woman", text="a woman was also killed", at=60)], Estimate(2, 3, 3)),
    ("... and fewer victims 'also' hit than the claim before them are most likely among them",
     [claim(4, who="people", text="four people were shot", kind="injured"),
      claim(1, who="teen", text="a 15-year-old was also shot", at=40, kind="injured")], Estimate(1, 4, 4)),
    ("... unless they are counted on from it",
     [claim(3, who="men", text="three men were shot", kind="injured"),
      claim(1, who="man", text="a fourth man was also shot", at=40, kind="injured")], Estimate(4, 4, 4)),
    ("... or are counted as more of them",
     [claim(4, who="people", text="four people were shot", kind="injured"),
      claim(2, who="people", text="two more people were also shot", at=40, kind="injured")], Estimate(6, 6, 6)),
    ("... ('other' is other than someone before: '4 wounded ... four others were hurt ... two other men were also "
     "shot')",
     [claim(4, text="4 wounded", kind="injured"), claim(4, who="others", text="injured four others", at=20,
                                                       kind="injured"),
      claim(2, who="men", text="two other men were also shot", at=40, kind="injured")], Estimate(2, 4, 4)),
    ("... or are of another group than a group the claim before names",
     [claim(3, who="officers", text="three officers were killed"),
      claim(1, who="woman", text="a woman was also killed", at=40)], Estimate(4, 4, 4)),
    ("... or are as many",
     [claim(2, who="men", text="two men were shot", kind="injured"),
      claim(2, who="women", text="two women were also shot", at=40, kind="injured")], Estimate(4, 4, 4)),
    ("... but as many 'others' as a headline's bare count are the people it counts (others than the dead)",
     [claim(3, text="3 hurt", kind="injured"),
      claim(3, who="others", text="three others were also hit", at=40, kind="injured")], Estimate(3, 3, 3)),
    ("... not as many 'others' as a sentence of the story tells",
     [claim(3, who="people", text="Three people were shot", kind="injured"),
      claim(3, who="others", text="Three others were also shot", at=40, kind="injured")], Estimate(6, 6, 6)),
]


@pytest.mark.parametrize("name,claims,expected", ESTIMATES, ids=[e[0] for e in ESTIMATES])
def test_estimate(name: str, claims: list[Claim], expected: Estimate | None) -> None:
    got = estimate(claims)
    assert got == expected
    if got is not None:
        assert got.low <= got.best <= got.high


def test_estimate_rejects_mixed_kinds() -> None:
    with pytest.raises(ValueError):
        estimate([claim(1), claim(2, kind="injured")])


@pytest.mark.parametrize("who,group", [
    (None, "unspecified"), ("people", "unspecified"), ("man", "unspecified"), ("soldiers", "security"),
    ("Iraqi soldiers", "security"), ("police officers", "security"), ("policemen", "security"),
    ("camp residents", "civilian"), ("guerrillas", "armed"), ("gunmen", "armed"), ("others", "others"),
])
def test_group_of(who: str | None, group: str) -> None:
    assert group_of(who) == group


@pytest.mark.parametrize("text,counts", [
    ("five people were shot", True),
    ("four were struck by gunfire", True),
    ("two men with gunshot wounds", True),
    ("five people were wounded", False),
    ("three were shot and are in stable condition", False),
    ("four others were shot", False),
    ("another teen was shot in the foot", False),
    ("her brother was also shot", False),
    ("police also said five people were shot", True),
])
def test_a_count_of_people_shot_counts_the_dead_too(text: str, counts: bool) -> None:
    assert counts_the_dead_too(text) is counts


def test_people_shot_are_taken_net_of_the_dead_of_their_article() -> None:
    shot = claim(4, text="Four people were shot", kind="injured", at=0)
    died = claim(1, text="One man was killed", at=40)
    assert [(c.kind, c.low, c.high) for c in shot_net_of_dead([shot, died])] == [("injured", 3, 3), ("killed", 1, 1)]
    # not a figure split from its own dead ("five were shot, one fatally"), nor beside a denied or unreal death
    split = Claim("injured", 4, 4, "people", UNKNOWN, "asserts", "Five people were shot", (0, 21))
    fatally = Claim("killed", 1, 1, "people", UNKNOWN, "asserts", "shot, one fatally", (17, 34))
    assert shot_net_of_dead([split, fatally])[0].low == 4
    # (a death figure inside a shooting's, a headline's "6 shot; 2 fatalities", is no split)
    headline = Claim("injured", 6, 6, None, UNKNOWN, "asserts", "6 People Shot; 2 Fatalities", (0, 27))
    inside = Claim("killed", 2, 2, None, UNKNOWN, "asserts", "2 Fatalities", (15, 27))
    assert shot_net_of_dead([headline, inside])[0].low == 4
    denied = claim(1, text="One man was killed", stance="denies", at=40)
    assert shot_net_of_dead([shot, denied])[0].low == 4
    wounded = claim(4, text="Four people were wounded", kind="injured", at=0)
    assert shot_net_of_dead([wounded, died])[0].low == 4


@pytest.mark.parametrize("claims,expected", [
    # a definite count told after a figure that counts as many or more: some of those, told again
    ([claim(3, who="others", text="Three others were wounded", kind="injured"),
      claim(2, who="men", text="The two men, both in their twenties, had minor wounds", at=5, kind="injured")],
     Estimate(3, 3, 3)),
    ([claim(5, who="people", text="five people were hurt", kind="injured"),
      claim(2, who="children", text="the two children were taken to hospital", at=5, kind="injured")],
     Estimate(5, 5, 5)),
    # ... not a count of another group than that figure's, nor a count larger than it
    ([claim(2, who="officers", text="two officers were hurt", kind="injured"),
      claim(3, who="suspects", text="the three suspects were also hurt", at=5, kind="injured")],
     Estimate(5, 5, 5)),
    ([claim(2, who="soldiers", text="two soldiers were hurt", kind="injured"),
      claim(2, who="villagers", text="the two villagers were hurt", at=5, kind="injured")],
     Estimate(4, 4, 4)),
])
def test_a_definite_count_after_a_figure_is_no_more_victims(claims: list[Claim], expected: Estimate) -> None:
    assert estimate(claims) == expected


def _from(source: str, low: int, who: str | None, at: int) -> Claim:
    return Claim("killed", low, low, who, Source(source), "asserts", f"{low} dead", (at, at + 1))


def test_another_partys_smaller_total_competes_with_a_group_figure() -> None:
    # "Activists said 25 protesters were killed. Police said only three died."
    assert estimate([_from("Activists", 25, "protesters", 0), _from("Police", 3, None, 50)]) == Estimate(3, 25, 25)
    # ... while the same party's total never lowers its own group figures ("three soldiers ... one person died")
    assert estimate([_from("police", 3, "soldiers", 0), _from("police", 1, None, 50)]) == Estimate(3, 3, 3)
    # ... and a larger total of another party is the total, as before
    assert estimate([_from("Activists", 5, "protesters", 0), _from("Police", 8, None, 50)]) == Estimate(8, 8, 8)


def test_another_partys_range_that_may_hold_the_group_figure_does_not_lower_it() -> None:
    # "12 villagers" (police) beside "10 to 14 dead" (a doctor): the range may hold the twelve
    doctor = Claim("killed", 10, 14, None, Source("a doctor"), "asserts", "10 to 14 dead", (50, 51))
    assert estimate([_from("police", 12, "villagers", 0), doctor]).low == 12


def test_the_reporters_own_smaller_total_does_not_lower_a_partys_groups() -> None:
    # a headline's "Two killed" beside "three soldiers and two rebels were killed, the army said"
    claims = [_from("the reporter", 2, None, 0), _from("army", 3, "soldiers", 50), _from("army", 2, "rebels", 60)]
    assert estimate(claims) == Estimate(5, 5, 5)
