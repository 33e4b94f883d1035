"""The pieces of the dates stage's resolution, one resolver per kind of expression, and its rule files, as
(sentence, anchor, expected) tables. No language model: the patterns and resolvers work on plain text."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest

from dateline import lexicon
from dateline.pipeline import dates
from dateline.pipeline.dates import TimeExpr

MON_18_DEC_2017 = date(2017, 12, 18)
WED_4_MAR_2015 = date(2015, 3, 4)

Resolver = Callable[..., TimeExpr | None]


def first_match(text: str, anchor: date | None, forward: bool = False) -> tuple[str, dates._Match]:
    """The kind and the prepared match of the first expression the patterns find in ``text``."""
    found = dates._candidates(text)
    assert found, f"no expression in {text!r}"
    s, e, kind, m = found[0]
    return kind, dates._Match(m.groupdict(), m, s, e, text, dates._prep_before(m, s, text), anchor, forward)


def resolved(resolver: Resolver, text: str, anchor: date | None, forward: bool = False) -> tuple | None:
    """(text, start, end, precision) of the first expression in ``text``, resolved by ``resolver``, which must
    be the one its kind is dispatched to."""
    kind, x = first_match(text, anchor, forward)
    assert dates._RESOLVERS[kind] is resolver, f"{text!r} is a {kind} expression"
    out = resolver(x)
    if out is None:
        return None
    return (out.text, out.start and out.start.isoformat(), out.end and out.end.isoformat(), out.precision)


# (resolver, sentence, anchor, forward, (text, start, end, precision) or None)
RESOLUTIONS = [
    # numeric dates
    (dates._resolve_iso, "Filed on 2011-03-03 by the agency.", None, False,
     ("2011-03-03", "2011-03-03", "2011-03-03", "day")),
    (dates._resolve_iso, "The log says 2015-02-30 for that night.", None, False, None),
    (dates._resolve_slash, "The raid of 12/04/2015 was reported late.", None, False,
     ("12/04/2015", "2015-12-04", "2015-12-04", "day")),
    (dates._resolve_slash, "Police logged it on 25/04/15.", None, False,
     ("25/04/15", "2015-04-25", "2015-04-25", "day")),
    # a day and a month
    (dates._resolve_day_month, "The bomb went off on Tuesday, March 3, 2015.", None, False,
     ("Tuesday, March 3, 2015", "2015-03-03", "2015-03-03", "day")),
    (dates._resolve_day_month, "The march began on the 3rd of March.", WED_4_MAR_2015, False,
     ("3rd of March", "2015-03-03", "2015-03-03", "day")),
    (dates._resolve_day_month, "BOGOTA, 30 AUG 89 (EFE) -- Troops moved in.", None, False,
     ("30 AUG 89", "1989-08-30", "1989-08-30", "day")),
    (dates._resolve_day_month, "Talks are due on December 20.", WED_4_MAR_2015, False,
     ("December 20", "2014-12-20", "2014-12-20", "day")),
    (dates._resolve_day_month, "Talks will resume on December 20.", WED_4_MAR_2015, True,
     ("December 20", "2015-12-20", "2015-12-20", "day")),
    (dates._resolve_day_month, "He was seen on June 31 near the border.", WED_4_MAR_2015, False, None),
    (dates._resolve_day_month, "Police named him on 3 March 90 days later.", WED_4_MAR_2015, False,
     ("3 March", "2015-03-03", "2015-03-03", "day")),
    (dates._resolve_day_month, "The funeral was held on May 5.", None, False, ("May 5", None, None, "unknown")),
    # a month, a year
    (dates._resolve_month_year, "Fighting broke out in March 2011 in the north.", None, False,
     ("March 2011", "2011-03-01", "2011-03-31", "month")),
    (dates._resolve_month_year, "It was built in Feb. of 2012.", None, False,
     ("Feb. of 2012", "2012-02-01", "2012-02-29", "month")),
    (dates._resolve_month, "The strike began in October.", MON_18_DEC_2017, False,
     ("October", "2017-10-01", "2017-10-31", "month")),
    (dates._resolve_month, "Rebels took the town last December.", MON_18_DEC_2017, False,
     ("December", "2016-12-01", "2016-12-31", "month")),
    (dates._resolve_month, "Elections are set for next January.", MON_18_DEC_2017, False,
     ("January", "2018-01-01", "2018-01-31", "month")),
    (dates._resolve_month, "The curfew lasts until March.", None, False, ("March", None, None, "unknown")),
    (dates._resolve_year, "The group was founded in 2009.", None, False, ("2009", "2009-01-01", "2009-12-31", "year")),
    (dates._resolve_year, "Memories of the 2003 invasion linger.", None, False,
     ("2003", "2003-01-01", "2003-12-31", "year")),
    # relative to the anchor
    (dates._resolve_deictic, "Two soldiers were killed yesterday.", MON_18_DEC_2017, False,
     ("yesterday", "2017-12-17", "2017-12-17", "day")),
    (dates._resolve_deictic, "Shelling resumed last  night in the east.", MON_18_DEC_2017, False,
     ("last  night", "2017-12-17", "2017-12-17", "day")),
    (dates._resolve_deictic, "The talks open tomorrow.", MON_18_DEC_2017, False,
     ("tomorrow", "2017-12-19", "2017-12-19", "day")),
    (dates._resolve_deictic, "It happened the day before yesterday.", MON_18_DEC_2017, False,
     ("the day before yesterday", "2017-12-16", "2017-12-16", "day")),
    (dates._resolve_deictic, "Gunfire was heard this morning.", None, False, ("this morning", None, None, "unknown")),
    (dates._resolve_period, "Protests spread last week.", MON_18_DEC_2017, False,
     ("last week", "2017-12-11", "2017-12-17", "week")),
    (dates._resolve_period, "Prices rose this month.", MON_18_DEC_2017, False,
     ("this month", "2017-12-01", "2017-12-31", "month")),
    (dates._resolve_period, "The ceasefire held through the past week.", MON_18_DEC_2017, False,
     ("past week", "2017-12-11", "2017-12-18", "week")),
    (dates._resolve_period, "Clashes broke out this weekend.", date(2017, 12, 20), False,
     ("this weekend", "2017-12-16", "2017-12-17", "week")),
    (dates._resolve_period, "Clashes may break out this weekend.", date(2017, 12, 20), True,
     ("this weekend", "2017-12-23", "2017-12-24", "week")),
    (dates._resolve_period, "Turnout fell last year.", MON_18_DEC_2017, False,
     ("last year", "2016-01-01", "2016-12-31", "year")),
    (dates._resolve_ago, "He vanished two days ago.", MON_18_DEC_2017, False,
     ("two days ago", "2017-12-16", "2017-12-16", "day")),
    (dates._resolve_ago, "The camp was raided 3 weeks ago.", MON_18_DEC_2017, False,
     ("3 weeks ago", "2017-11-24", "2017-11-30", "week")),
    (dates._resolve_ago, "The mine closed a month ago.", MON_18_DEC_2017, False,
     ("a month ago", "2017-11-01", "2017-11-30", "month")),
    (dates._resolve_ago, "Shots rang out a few hours ago.", MON_18_DEC_2017, False,
     ("a few hours ago", "2017-12-18", "2017-12-18", "day")),
    (dates._resolve_ago, "Fighting flared a few days ago.", MON_18_DEC_2017, False,
     ("a few days ago", "2017-12-11", "2017-12-16", "week")),
    (dates._resolve_ago, "The village was shelled several weeks ago.", MON_18_DEC_2017, False,
     ("several weeks ago", None, None, "unknown")),
    (dates._resolve_weekday, "The bomb exploded on Friday.", MON_18_DEC_2017, False,
     ("Friday", "2017-12-15", "2017-12-15", "day")),
    (dates._resolve_weekday, "Troops withdrew last Monday.", MON_18_DEC_2017, False,
     ("last Monday", "2017-12-11", "2017-12-11", "day")),
    (dates._resolve_weekday, "The talks resume next Wednesday.", MON_18_DEC_2017, False,
     ("next Wednesday", "2017-12-20", "2017-12-20", "day")),
    (dates._resolve_weekday, "Leaders will meet on Thursday.", MON_18_DEC_2017, True,
     ("Thursday", "2017-12-21", "2017-12-21", "day")),
    (dates._resolve_weekday, "A mortar hit the market on Sunday.", None, False, ("Sunday", None, None, "unknown")),
    # a day of the month alone: this month when not past the anchor, else the month before; forward: ahead
    (dates._resolve_day_of_month, "The raid on the 3rd left the village empty.", MON_18_DEC_2017, False,
     ("the 3rd", "2017-12-03", "2017-12-03", "day")),
    (dates._resolve_day_of_month, "Fighting resumed on the 22nd and continued.", MON_18_DEC_2017, False,
     ("the 22nd", "2017-11-22", "2017-11-22", "day")),
    (dates._resolve_day_of_month, "He will appear in court on the 21st.", MON_18_DEC_2017, True,
     ("the 21st", "2017-12-21", "2017-12-21", "day")),
    (dates._resolve_day_of_month, "The march on the 1st was peaceful.", None, False,
     ("the 1st", None, None, "unknown")),
]


@pytest.mark.parametrize(("resolver", "text", "anchor", "forward", "expected"), RESOLUTIONS)
def test_resolvers(resolver: Resolver, text: str, anchor: date | None, forward: bool, expected: tuple | None) -> None:
    assert resolved(resolver, text, anchor, forward) == expected


def test_every_kind_has_a_resolver() -> None:
    assert {kind for kind, _ in dates._DATE_PATTERNS} == set(dates._RESOLVERS)


# (sentence, the preposition in front of its first expression)
PREPS = [
    ("Clashes erupted on Tuesday, March 3, 2015.", "on"),
    ("No attack was reported since 12/04/2015.", "since"),
    ("Curfew was imposed until 2011-03-03.", "until"),
    ("The town was quiet last week.", None),
    ("Unrest has grown since last week.", "since"),
    ("The rally of 3 March was banned.", "of"),
    ("The rally of the 3rd of March was banned.", None),  # only the word right before counts
    ("Shops reopened two days ago.", None),
]


@pytest.mark.parametrize(("text", "expected"), PREPS)
def test_prep_before(text: str, expected: str | None) -> None:
    s, _, _, m = dates._candidates(text)[0]
    assert dates._prep_before(m, s, text) == expected


# (sentence, anchor, (kind, text, start, end, precision, prep) of its first expression through _resolve)
DISPATCHED = [
    ("Police said on 2011-03-03 that ...", None, ("numeric", "2011-03-03", date(2011, 3, 3), "day", "on")),
    ("Since March 2011 the road is closed.", None, ("month", "March 2011", date(2011, 3, 1), "month", "since")),
    ("A car bomb went off yesterday.", MON_18_DEC_2017, ("deictic", "yesterday", date(2017, 12, 17), "day", None)),
    ("A car bomb went off yesterday.", None, ("deictic", "yesterday", None, "unknown", None)),
]


@pytest.mark.parametrize(("text", "anchor", "expected"), DISPATCHED)
def test_resolve_dispatches_by_kind(text: str, anchor: date | None, expected: tuple) -> None:
    s, e, kind, m = dates._candidates(text)[0]
    out = dates._resolve(kind, m, s, e, text, anchor, False)
    assert out is not None
    assert (out.kind, out.text, out.start, out.precision, out.prep) == expected


def test_resolve_unknown_kind_is_none() -> None:
    s, e, _, m = dates._candidates("It rained on Friday.")[0]
    assert dates._resolve("no-such-kind", m, s, e, "It rained on Friday.", MON_18_DEC_2017, False) is None


def test_without_short_year() -> None:
    text = "Police named him on 3 March 90 days later."
    kind, x = first_match(text, None)
    assert kind == "dmy"
    trimmed = dates._without_short_year(x)
    assert text[trimmed.s:trimmed.e] == "3 March"


def test_match_unresolved_and_fixed_keep_what_the_text_states() -> None:
    text = "Rebels attacked on 3 March."
    _, x = first_match(text, None)
    left = x.unresolved("date", month=3, day=3)
    assert (left.text, left.span, left.start, left.precision, left.relative, left.prep, left.month, left.day) == \
        ("3 March", (19, 26), None, "unknown", True, "on", 3, 3)
    day = date(2015, 3, 3)
    done = x.fixed(day, day, "day", True, "date", month=3, day=3)
    assert (done.start, done.end, done.precision, done.grain, done.kind) == (day, day, "day", "day", "date")


# ----------------------------------------------------------------------------------------- rule files

# (phrases, text, what the alternation matches at the start of the text)
ALTERNATIONS = [
    (["last night", "last"], "last  night we", "last  night"),
    (["a", "an"], "an hour", "a"),
    (["cease-fire"], "cease-fire talks", "cease-fire"),
    (["mid-"], "mid-May", "mid-"),
]


@pytest.mark.parametrize(("phrases", "text", "expected"), ALTERNATIONS)
def test_alternation(phrases: list[str], text: str, expected: str) -> None:
    m = re.match("(?:" + dates._alternation(phrases) + ")", text)
    assert m is not None and m.group(0) == expected


def _documented_tags(name: str) -> set[str]:
    """The tags a rule file's comment header explains ("#   tag  what it means")."""
    tags = set()
    for line in lexicon.data_lines(f"rules/{name}.tsv"):
        if line.startswith("#   ") and not line.startswith("#    "):
            tags.add(line[4:].split()[0])
    return tags


def test_dates_words_tags_are_documented_and_used() -> None:
    documented = _documented_tags("dates_words")
    used = {t for r in lexicon.table("dates_words") for t in r["tags"].split(",")}
    assert used == documented
    for tag in documented:
        assert dates._listed(tag), tag


def test_dates_number_and_deictic_tables() -> None:
    assert dates._NUMBER_WORDS["a"] == 1 and dates._NUMBER_WORDS["twelve"] == 12
    assert dates._DEICTIC_OFFSETS["yesterday"] == -1 and dates._DEICTIC_OFFSETS["the day before yesterday"] == -2
    assert set(dates._DEICTIC_OFFSETS.values()) <= {-2, -1, 0, 1}


def test_month_and_weekday_patterns_come_from_the_lexicon() -> None:
    mon = re.compile(dates._MON, re.IGNORECASE)
    for word in lexicon.MONTH_WORDS:
        m = mon.fullmatch(word)
        assert m is not None and m.group("mon") == word
    assert mon.fullmatch("Sept.") is not None and mon.fullmatch("mayor") is None
    full = re.compile(dates._MON_FULL, re.IGNORECASE)
    assert full.fullmatch("sept") and full.fullmatch("December") and not full.fullmatch("dec")
    assert all(re.fullmatch(dates._WD, w) for w in lexicon.WEEKDAYS)


def test_a_list_no_row_carries_is_an_error() -> None:
    with pytest.raises(KeyError):
        dates._listed("no-such-list")


# (text, the date in it, whether it is the page's filing stamp rather than a date of the story)
STAMPS = [
    ("Two hurt in crash\nPosted: Friday, June 5, 2015 3:10 PM CDT Updated: Saturday", "June 5, 2015", True),
    ("Updated on Tuesday, May 2, 2017\nA man was shot", "May 2, 2017", True),
    ("Published: 04/11/2016\n\nA woman was wounded", "04/11/2016", True),
    ("April 3, 2016 9:41 PM\n\nRIVERTON (AP) - Two men were shot", "April 3, 2016", True),
    ("Wednesday, April 3, 2016 09:41\nRIVERTON - Two men were shot", "April 3, 2016", True),
    ("Storm Warning issued March 8 at 4:12PM EST until Thursday", "March 8", True),
    ("The stabbing happened Saturday at 9:50 p.m. outside the arena.", "Saturday", False),
    ("On Sunday, May 1 at 2:19 p.m., officers responded to a call.", "May 1", False),
    ("Police updated the count on Monday after two more died.", "Monday", False),
    ("Police gave an update on Monday after two more died.", "Monday", False),
    ("UPDATE 3/14/2017 6:00 AM\nA man was shot", "3/14/2017", True),
    ("Two hurt in shooting. (Published Tuesday, March 14, 2017)", "March 14, 2017", True),
    ("Date: Tuesday, February 7, 2017, 10:55 PM\nLocation: Elm Street", "February 7, 2017", False),
    ("Tuesday, February 7, 2017\nA man was shot on Elm Street.", "February 7, 2017", False),
]


@pytest.mark.parametrize(("text", "date_text", "expected"), STAMPS)
def test_filing_stamps(text: str, date_text: str, expected: bool) -> None:
    s = text.index(date_text)
    assert dates.is_stamp(text, s, s + len(date_text)) is expected

