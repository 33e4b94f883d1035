"""Temporal expressions and the event-date picker, as (sentence, published, expected) tables."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from spacy.tokens import Doc

from dateline.pipeline import is_upper_case_text, load, recase
from dateline.pipeline.dates import TimeExpr, event_date, find_dates

pytestmark = pytest.mark.slow      # every test parses with the spaCy model

MON_18_DEC_2017 = date(2017, 12, 18)


def parse(text: str) -> Doc:
    nlp = load()
    # only spaCy's own components: the other dateline stages are not under test here
    ours = [name for name in nlp.pipe_names if name.startswith("dateline_")]
    view = recase(text) if is_upper_case_text(text) else text
    with nlp.select_pipes(disable=ours):
        return nlp(view)


def find(text: str, published: date | None, phrase: str) -> TimeExpr:
    doc = parse(text)
    at = text.lower().index(phrase.lower())
    for expr in find_dates(doc, published):
        if expr.span[0] <= at < expr.span[1]:
            return expr
    raise AssertionError(f"no expression at {phrase!r} in {[x.text for x in find_dates(doc, published)]}")


def d(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


# (sentence, published, phrase inside the expression, start, end, precision)
RESOLVED = [
    # weekdays: the most recent such day on or before publication (same day counts)
    ("Gunmen attacked the village on Friday.", MON_18_DEC_2017, "Friday", "2017-12-15", "2017-12-15", "day"),
    ("The bomb went off Monday near the market.", MON_18_DEC_2017, "Monday", "2017-12-18", "2017-12-18", "day"),
    ("The rally was held last Monday.", MON_18_DEC_2017, "Monday", "2017-12-11", "2017-12-11", "day"),
    ("Troops moved in on Friday morning.", MON_18_DEC_2017, "Friday", "2017-12-15", "2017-12-15", "day"),
    ("Shots were heard in the early hours of Friday.", MON_18_DEC_2017, "Friday", "2017-12-15", "2017-12-15",
     "day"),
    ("Friday's raid left two dead.", MON_18_DEC_2017, "Friday", "2017-12-15", "2017-12-15", "day"),
    # future tense points forward
    ("The two ministers will meet on Friday in Geneva.", MON_18_DEC_2017, "Friday", "2017-12-22", "2017-12-22",
     "day"),
    ("The court sits again next Monday.", MON_18_DEC_2017, "Monday", "2017-12-25", "2017-12-25", "day"),
    ("The two men were shot last week. An autopsy is set for Friday.", MON_18_DEC_2017, "Friday", "2017-12-22",
     "2017-12-22", "day"),
    ("A man was shot. Police said an autopsy would be carried out on Friday.", MON_18_DEC_2017, "Friday",
     "2017-12-22", "2017-12-22", "day"),
    ("A man was shot.\n\nThe boy turns 6 on Sunday.", MON_18_DEC_2017, "Sunday", "2017-12-24", "2017-12-24", "day"),
    # deictic words
    ("Two men were shot yesterday.", MON_18_DEC_2017, "yesterday", "2017-12-17", "2017-12-17", "day"),
    ("The minister resigned today.", MON_18_DEC_2017, "today", "2017-12-18", "2017-12-18", "day"),
    ("A curfew starts tonight.", MON_18_DEC_2017, "tonight", "2017-12-18", "2017-12-18", "day"),
    ("A man was shot overnight.", MON_18_DEC_2017, "overnight", "2017-12-18", "2017-12-18", "day"),
    ("A mortar hit the base last night.", MON_18_DEC_2017, "last night", "2017-12-17", "2017-12-17", "day"),
    ("Police cleared the square this morning.", MON_18_DEC_2017, "this morning", "2017-12-18", "2017-12-18",
     "day"),
    # periods and "ago"
    ("Fighting flared last week.", MON_18_DEC_2017, "last week", "2017-12-11", "2017-12-17", "week"),
    ("Clashes left 19 people dead over the weekend.", MON_18_DEC_2017, "the weekend", "2017-12-16", "2017-12-17",
     "week"),
    ("Prices rose last month.", MON_18_DEC_2017, "last month", "2017-11-01", "2017-11-30", "month"),
    ("Elections are due this month.", MON_18_DEC_2017, "this month", "2017-12-01", "2017-12-31", "month"),
    ("The convoy was ambushed two days ago.", MON_18_DEC_2017, "two days ago", "2017-12-16", "2017-12-16", "day"),
    ("The convoy was ambushed 3 days ago.", MON_18_DEC_2017, "3 days ago", "2017-12-15", "2017-12-15", "day"),
    ("The valley was bombed a decade ago.", MON_18_DEC_2017, "a decade ago", "2007-01-01", "2007-12-31", "year"),
    ("The town was razed two decades ago.", MON_18_DEC_2017, "two decades ago", "1997-01-01", "1997-12-31", "year"),
    # month and day without a year: the published year, or the year before when that is later
    ("The strike began on March 3.", MON_18_DEC_2017, "March 3", "2017-03-03", "2017-03-03", "day"),
    ("The siege began on December 20.", MON_18_DEC_2017, "December 20", "2016-12-20", "2016-12-20", "day"),
    ("A girl was shot Tuesday, Jan. 27, at her home.", date(2015, 2, 2), "Jan. 27", "2015-01-27", "2015-01-27",
     "day"),
    ("Protests began on Feb. 29.", date(2017, 3, 10), "Feb. 29", "2016-02-29", "2016-02-29", "day"),
    # ... but a day soon after the published date, in a clause not told in the past, is a day to come
    ("The union calls a general strike for December 21.", MON_18_DEC_2017, "December 21", "2017-12-21",
     "2017-12-21", "day"),
    ("A curfew is in force until 30 December, the army says.", MON_18_DEC_2017, "30 December", "2017-12-30",
     "2017-12-30", "day"),
    ("Protesters marched on 20 March, police said.", date(2017, 3, 10), "20 March", "2016-03-20", "2016-03-20",
     "day"),
    # ... a date of a happening's noun is of the past whatever the clause's tense
    ("Detectives are investigating the 19 March shooting.", date(2020, 3, 15), "19 March", "2019-03-19",
     "2019-03-19", "day"),
    # explicit dates stand as written
    ("The accord was signed on March 3, 2011.", MON_18_DEC_2017, "March 3", "2011-03-03", "2011-03-03", "day"),
    ("The accord was signed on 3 March 2011.", MON_18_DEC_2017, "3 March", "2011-03-03", "2011-03-03", "day"),
    ("The accord was signed on 2011-03-03.", MON_18_DEC_2017, "2011", "2011-03-03", "2011-03-03", "day"),
    ("The accord was signed on 12/04/2015.", MON_18_DEC_2017, "12/04", "2015-12-04", "2015-12-04", "day"),
    ("The accord was signed in March 2011.", MON_18_DEC_2017, "March", "2011-03-01", "2011-03-31", "month"),
    ("The group was founded in 2009.", MON_18_DEC_2017, "2009", "2009-01-01", "2009-12-31", "year"),
    ("Residents fled after the 2003 invasion.", MON_18_DEC_2017, "2003", "2003-01-01", "2003-12-31", "year"),
    # a month name alone before a word for the event: that month, the last one by the published date
    ("Two men were charged in the January shooting.", MON_18_DEC_2017, "January", "2017-01-01", "2017-01-31", "month"),
    ("A suspect was held in their October attack on a bus.", MON_18_DEC_2017, "October", "2017-10-01", "2017-10-31",
     "month"),
    ("The group renounced violence in 2001.", None, "2001", "2001-01-01", "2001-12-31", "year"),
    ("The accord was signed on March 3, 2011.", None, "March 3", "2011-03-03", "2011-03-03", "day"),
]


@pytest.mark.parametrize("text,published,phrase,start,end,precision", RESOLVED)
def test_resolves(text: str, published: date | None, phrase: str, start: str, end: str,
                  precision: str) -> None:
    expr = find(text, published, phrase)
    assert (expr.start, expr.end, expr.precision) == (d(start), d(end), precision)


# relative expressions without a published date stay unresolved: never today's clock
UNRESOLVED = [
    ("Gunmen attacked the village on Friday.", "Friday", "weekday", "day"),
    ("Two men were shot yesterday.", "yesterday", "deictic", "day"),
    ("Fighting flared last week.", "last week", "period", "week"),
    ("The strike began on March 3.", "March 3", "date", "day"),
    ("The convoy was ambushed two days ago.", "two days ago", "ago", "day"),
]


@pytest.mark.parametrize("text,phrase,kind,grain", UNRESOLVED)
def test_no_published_date_leaves_relative_expressions_open(text: str, phrase: str, kind: str,
                                                          grain: str) -> None:
    expr = find(text, None, phrase)
    assert (expr.start, expr.end, expr.precision, expr.kind, expr.grain) == (None, None, "unknown", kind, grain)
    assert expr.relative


WIRE = ("SAN SALVADOR, 3 JAN 90 (ACAN-EFE) -- [TEXT] GUERRILLAS ATTACKED A POLICE POST YESTERDAY.  THE\n"
        "ARMY SAID TODAY THAT THE REBELS HAD ALSO BURNED A BUS ON 2 JANUARY AND 2 DAYS AGO.")

# (phrase, start, is_dateline): an all-capitals wire text, published date taken from the dateline
WIRE_EXPECTED = [
    ("3 JAN 90", "1990-01-03", True),
    ("YESTERDAY", "1990-01-02", False),
    ("TODAY", "1990-01-03", False),
    ("2 JANUARY", "1990-01-02", False),
    ("2 DAYS AGO", "1990-01-01", False),
]


@pytest.mark.parametrize("published", [date(1990, 1, 3), None])
@pytest.mark.parametrize("phrase,start,is_dateline", WIRE_EXPECTED)
def test_all_capitals_wire_text(published: date | None, phrase: str, start: str, is_dateline: bool) -> None:
    expr = find(WIRE, published, phrase)
    assert (expr.start, expr.precision, expr.is_dateline) == (d(start), "day", is_dateline)


NOT_DATES = [
    "The watchmen saw them at 2030 hours.",
    "Police were called to the 1000 block of Main Street.",
    "More than 2,000 people marched.",
    "They may 5 times refuse.",
    "They may attack the town.",
    "The March for Peace drew thousands.",
]


def test_span_leaves_out_preposition_and_article() -> None:
    doc = parse("Residents fled after the 2003 invasion and returned in 2009.")
    assert [x.text for x in find_dates(doc, MON_18_DEC_2017)] == ["2003", "2009"]


@pytest.mark.parametrize("text", NOT_DATES)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert [x.text for x in find_dates(parse(text), MON_18_DEC_2017)] == []


def test_bounding_preposition_is_recorded() -> None:
    expr = find("The group has been active since 2001.", MON_18_DEC_2017, "2001")
    assert expr.prep == "since"


# (text, published, trigger word, expected start or None, expected kind)
EVENTS = [
    # the weekday in the trigger's sentence, not the background years around it
    ("Troops stormed the camp on Friday, killing 20 people. The group renounced violence in 2001 and "
     "has been in the camp since the 2003 invasion.", MON_18_DEC_2017, "stormed", "2017-12-15", "weekday"),
    # a date on a reporting verb loses to a date on the event itself
    ("The army denied today that rebels attacked the farm. A rebel report says a column attacked the farm "
     "two days ago.", date(1990, 2, 4), "attacked", "1990-02-02", "ago"),
    ("Police said Monday that a gunman killed two men on Saturday.", MON_18_DEC_2017, "killed", "2017-12-16",
     "weekday"),
    # an arrest date is not the date of the killing it follows up
    ("Police arrested a suspect Friday. The man is accused of murder. The clerk was shot on Dec. 12, 2015, "
     "during a robbery.", None, "murder", "2015-12-12", "date"),
    # ... also when the killing is the arrest's own phrase ("arrested a suspect Friday in a homicide")
    ("Police arrested a suspect Friday in a November homicide. Around 2 a.m. on Nov. 3, 2015, a man was shot "
     "outside a bar.", None, "homicide", "2015-11-03", "date"),
    # ... or a court's ("pleaded guilty", "waived a hearing", "held without bond")
    ("A mother pleaded guilty Wednesday in her son's accidental shooting death. The boy was shot on Dec. 2 at "
     "home.", MON_18_DEC_2017, "shooting", "2017-12-02", "date"),
    ("A lawyer waived his client's hearing on murder charges Wednesday. The victim was fatally shot on the evening "
     "of Dec. 9.", MON_18_DEC_2017, "murder", "2017-12-09", "date"),
    ("A judge ordered a teen held without bond Monday in a shooting that killed two. The shooting happened on "
     "Dec. 3 outside a bar.", MON_18_DEC_2017, "shooting", "2017-12-03", "date"),
    ("Deputies apprehended a 19-year-old early Sunday in a shooting that killed a cook. The cook was shot on Dec. 11 "
     "behind a diner.", MON_18_DEC_2017, "shooting", "2017-12-11", "date"),
    ("A man was taken into custody Friday in a shooting that wounded a clerk. The clerk was shot on Dec. 8 at a "
     "gas station.", MON_18_DEC_2017, "shooting", "2017-12-08", "date"),
    # the previous sentence of the paragraph
    ("Rebels raided the town on Tuesday. Five people were killed.", MON_18_DEC_2017, "killed", "2017-12-12",
     "weekday"),
    # a later sentence naming the event again
    ("Five soldiers were killed near the border, officials said.\n\nThe attack took place on 26 October in "
     "Apure.", date(1989, 10, 27), "killed", "1989-10-26", "date"),
    # ... with the date on its event word, not on another clause's verb (an arrest, a stay in jail)
    ("Nine days after a boy was fatally shot near a playground, his cousin was arrested.\n\nThe cousin remained "
     "in jail on Saturday evening, facing a charge over the boy's death.\n\nThe boy was shot and killed on Dec. 4.",
     MON_18_DEC_2017, "shot", "2017-12-04", "date"),
    ("Deputies arrested a woman for the shooting of a cashier in April.\n\nShe was taken into custody on Thursday "
     "and charged with murder.\n\nShe shot the cashier on April 9 during a robbery.", date(2017, 6, 13), "shooting",
     "2017-04-09", "date"),
    # nothing dates the event: the published date
    ("Three people were killed. The group has been active since 2001 and was banned in 2003.",
     MON_18_DEC_2017, "killed", "2017-12-18", "published"),
    # no published date and nothing resolvable: None
    ("Three people were killed in the attack.", None, "killed", None, None),
    # no published date: "Tuesday" stays open, unless a stated full date is that Tuesday
    ("A man was shot Tuesday outside a bar.", None, "shot", None, "weekday"),
    ("A man was shot Tuesday outside a bar. Police said the shooting on Jan. 27, 2015 was the third.",
     None, "shot", "2015-01-27", "date"),
    # a date that determines the event noun dates the event, not the follow-up the sentence reports
    ("Police arrested a suspect on Thursday in last week's raid that killed three people.", MON_18_DEC_2017,
     "killed", "2017-12-11", "period"),
    ("The death toll from Saturday's bombing in the city rose to 12 on Monday, officials said.",
     MON_18_DEC_2017, "bombing", "2017-12-16", "weekday"),
    ("Officials said on Monday that the ambush on the 9th killed four guards.", MON_18_DEC_2017, "ambush",
     "2017-12-09", "date"),
    ("Prosecutors on Friday charged two men over the December 2 attack on the depot.", MON_18_DEC_2017,
     "attack", "2017-12-02", "date"),
    # a future clause does not move the date of the happening it names
    ("Prosecutors said more charges will be filed in Tuesday's shooting.", MON_18_DEC_2017, "shooting",
     "2017-12-12", "weekday"),
    ("Police will release the name of the man killed in the Saturday attack.", MON_18_DEC_2017, "attack",
     "2017-12-16", "weekday"),
    # the ordinal of a unit, a century or a floor is no date
    ("The 3rd Battalion shelled the ridge in the 21st century fort on the 2nd floor.", MON_18_DEC_2017,
     "shelled", "2017-12-18", "published"),
    # a hyphen makes "by" part of a word ("drive-by"), not a preposition that bounds the date
    ("Two men were shot in a drive-by Wednesday night on Pine Street.", MON_18_DEC_2017, "shot", "2017-12-13",
     "weekday"),
    ("Police said a drive-by on Friday wounded a woman.", MON_18_DEC_2017, "wounded", "2017-12-15", "weekday"),
    # holidays name a day: the last one on or before the report
    ("A cyclist was wounded by gunfire on New Year's Eve near Millbrook.", date(2018, 1, 3), "wounded",
     "2017-12-31", "holiday"),
    ("A girl, 3, was killed in a home invasion on Easter Sunday, police said.", date(2016, 4, 10), "killed",
     "2016-03-27", "holiday"),
    ("Three people were shot outside a bar on Thanksgiving night.", date(2017, 11, 27), "shot", "2017-11-23",
     "holiday"),
    ("Gunmen attacked a church on Christmas morning, killing two.", date(2017, 12, 27), "attacked", "2017-12-25",
     "holiday"),
    ("Detectives are investigating a Christmas Day shooting that left one man dead.", date(2018, 1, 2),
     "shooting", "2017-12-25", "holiday"),
    ("Two teens were hurt in the Fourth of July shooting, police said.", date(2017, 7, 6), "hurt", "2017-07-04",
     "holiday"),
    # ... a holiday's name alone that names no day is no date
    ("A man selling Christmas trees was shot Friday near the market.", MON_18_DEC_2017, "shot", "2017-12-15",
     "weekday"),
    ("Easter egg hunters found a wounded man on Tuesday.", MON_18_DEC_2017, "wounded", "2017-12-12", "weekday"),
    ("A man was shot at the Boston Christmas market.", MON_18_DEC_2017, "shot", "2017-12-18", "published"),
    ("Police are investigating a Christmas party shooting that wounded two.", MON_18_DEC_2017, "wounded",
     "2017-12-18", "published"),
    ("Gunmen killed a man, the worst attack since the Good Friday Agreement.", MON_18_DEC_2017, "killed",
     "2017-12-18", "published"),
    # a hyphen makes only a preposition part of a word: "Friday-Saturday" and "drive-by--Friday" keep their days
    ("Two men were killed in a drive-by--Friday night, police said.", MON_18_DEC_2017, "killed", "2017-12-15",
     "weekday"),
    # the wire dateline dates the report, "last night" the event
    ("BOGOTA, 30 AUG 89 (EFE) -- [TEXT] A BOMB EXPLODED LAST NIGHT NEAR THE PLANT.", None, "EXPLODED",
     "1989-08-29", "deictic"),
    # a day still to come dates no happening: what is scheduled, what a report says would happen, a plan told in
    # the simple present
    ("A tailor was found shot dead behind his shop, officers said. A post-mortem exam is set for Wednesday.",
     MON_18_DEC_2017, "shot", "2017-12-18", "published"),
    ("A woman was killed in a shooting in Riverton. A hearing is scheduled for Friday.", MON_18_DEC_2017,
     "killed", "2017-12-18", "published"),
    ("A driver died in a shooting near a depot. The medical examiner said a post-mortem would be carried out on "
     "Thursday.", MON_18_DEC_2017, "shooting", "2017-12-18", "published"),
    ("Five people were wounded outside a house on Elm Street. The boy who was shot turns 6 on Sunday.",
     MON_18_DEC_2017, "wounded", "2017-12-18", "published"),
    ("Two guards were killed in the raid. The trial of the suspects begins Thursday.", MON_18_DEC_2017,
     "killed", "2017-12-18", "published"),
    # ... but a state on the day of the report is no plan, and "would" in a story told after the fact is past
    ("A man was shot in Riverton. He remains in critical condition Sunday.", MON_18_DEC_2017, "shot",
     "2017-12-17", "weekday"),
    ("A man was wounded in a shooting on Pine Street and would die Saturday.", MON_18_DEC_2017, "wounded",
     "2017-12-16", "weekday"),
    # a day told of what followed the event named after "after" (a stay in hospital, a death, an identification)
    # gives way to a day the story puts on the event's own word ...
    ("A teenager remained in serious condition Saturday after a shooting on Birch Road. She was shot Friday evening "
     "outside a laundromat.", MON_18_DEC_2017, "shooting", "2017-12-15", "weekday"),
    ("A woman died Sunday after being stabbed at her home. She was stabbed on Friday evening, police said.",
     MON_18_DEC_2017, "stabbed", "2017-12-15", "weekday"),
    ("The coroner identified the man Friday after the shooting. Police said the man was shot on Dec. 12 near "
     "a bar.", MON_18_DEC_2017, "shooting", "2017-12-12", "date"),
    ("A man was in serious condition Saturday after he was shot. Deputies said he was shot late Friday.",
     MON_18_DEC_2017, "shot", "2017-12-15", "weekday"),
    # ... and dates it when nothing else does: the event came before it, not on the day the report is filed
    ("A man died Tuesday after he was shot in the chest on Pine Street.", MON_18_DEC_2017, "shot", "2017-12-12",
     "weekday"),
    ("A girl died Friday after being shot at her home. Police released the incident report Monday.",
     MON_18_DEC_2017, "shot", "2017-12-15", "weekday"),
    # a week narrows to a day inside it that a sentence naming the event gives ...
    ("Police are looking into the second accidental shooting this week. The incident occurred around 9:30 p.m. "
     "Tuesday on Pine Street.", date(2017, 12, 21), "shooting", "2017-12-19", "weekday"),
    ("A man who shot his wife last week has died. His son called 911 on Wednesday night and said his father shot "
     "her.", MON_18_DEC_2017, "shot", "2017-12-13", "weekday"),
    # ... not to a day outside it, nor to a day of what followed
    ("A man who shot his wife last week has died. His son called 911 on Monday and said his father shot her.",
     date(2017, 12, 20), "shot", "2017-12-11", "period"),
    ("Two men were killed in a raid last week. Police charged a suspect in the killings on Wednesday.",
     MON_18_DEC_2017, "killed", "2017-12-11", "period"),
    # ... and "overnight" to the evening before, when a sentence naming the event says so
    ("Three teens were shot overnight and one of them died. It happened Sunday night close to 11 p.m. on Oak Lane.",
     MON_18_DEC_2017, "shot", "2017-12-17", "weekday"),
    ("A man was shot overnight on Elm Street, police said Monday.", MON_18_DEC_2017, "shot", "2017-12-18",
     "deictic"),
    # "taken to the hospital" after "after" is no event; a day of the aftermath in the lead still dates an event of
    # a later sentence that nothing else dates
    ("A man died Sunday after being taken to the hospital. Police said he was shot on Elm Street.",
     MON_18_DEC_2017, "shot", "2017-12-17", "weekday"),
    ("A man died Sunday after he was shot.\n\nHis family gathered at the house. Police said the killing was "
     "the third on Elm Street.", MON_18_DEC_2017, "killing", "2017-12-17", "weekday"),
    # ... and past such a day, "the shooting incident" still names the event
    ("A teenager remained in serious condition Saturday after a shooting near a school. The shooting incident took "
     "place Friday evening, officers said.", MON_18_DEC_2017, "shooting", "2017-12-15", "weekday"),
    # a day after the event's phrase may be the event's; a verb that is the attack itself dates it
    ("A man passed away after a shooting on Friday in Riverton. The funeral was held Monday.", MON_18_DEC_2017,
     "shooting", "2017-12-15", "weekday"),
    ("Two soldiers were killed Saturday after an ambush on their convoy. The ambush began late Friday.",
     MON_18_DEC_2017, "killed", "2017-12-16", "weekday"),
    # a date in a relative clause telling another violent act is that act's, not the trigger's ...
    ("A car bomb killed 12 people in the district where hundreds died a decade ago.", MON_18_DEC_2017, "killed",
     "2017-12-18", "published"),
    ("A suicide bomber killed nine worshippers at a mosque that was also attacked two years ago.", MON_18_DEC_2017,
     "killed", "2017-12-18", "published"),
    ("A car bomb killed 12 people in the town where a soldier was shot dead on Friday.", MON_18_DEC_2017, "killed",
     "2017-12-18", "published"),
    # ... but a clause telling of the trigger's own noun, or holding the trigger, dates it
    ("Gunmen killed 12 people in an attack that took place on Friday.", MON_18_DEC_2017, "killed", "2017-12-15",
     "weekday"),
    ("Police found the bodies of three men who were shot on Friday.", MON_18_DEC_2017, "shot", "2017-12-15",
     "weekday"),
]


@pytest.mark.parametrize("text,published,trigger,start,kind", EVENTS)
def test_event_date(text: str, published: date | None, trigger: str, start: str | None,
                    kind: str | None) -> None:
    doc = parse(text)
    at = text.index(trigger)
    picked = event_date(doc, find_dates(doc, published), (at, at + len(trigger)), published)
    got = (picked.start, picked.kind) if picked is not None else (None, None)
    assert got == (d(start), kind)


@pytest.mark.parametrize("text,trigger,follow_up", [
    # the only day is a follow-up's (a charge, a sentence, an arrest): the event came before it
    ("Two men were charged Monday with murder in the shooting death of a teen.", "shooting", True),
    ("A boy was sentenced Friday to probation for the shooting of his friend.", "shooting", True),
    ("Police arrested a man on Tuesday in connection with a shooting that wounded three people.", "shooting", True),
    # the event's own day, or a day the report is made on, is no follow-up's
    ("A man was shot on Sunday. Police arrested a suspect on Tuesday.", "shot", False),
    ("Police said Monday that a man was shot on Elm Street.", "shot", False),
    ("Police arrested a suspect Friday in a November homicide. Around 2 a.m. on Nov. 3, a man was shot.",
     "homicide", False),
])
def test_a_date_of_a_follow_up_only(text: str, trigger: str, follow_up: bool) -> None:
    from dateline.pipeline.dates import dates_a_follow_up

    doc = parse(text)
    at = text.index(trigger)
    picked = event_date(doc, find_dates(doc, MON_18_DEC_2017), (at, at + len(trigger)), MON_18_DEC_2017)
    assert picked is not None and dates_a_follow_up(doc, picked, (at, at + len(trigger))) is follow_up


# with the whole pipeline: a blank line ends the headline's sentence
HEADLINE_EVENTS = [
    # a trigger in the headline: the lead dates it (the headline's "overnight" abbreviates it)
    ("Teen dies in overnight shooting - KXYZ.com | Local News\n\nA 15-year-old boy died after he was shot "
     "late Sunday outside a store on Pine Street, police said.", MON_18_DEC_2017, "shooting", "2017-12-17",
     "weekday"),
    ("Girl hit by stray bullet in Riverton\n\nA 6-year-old girl was struck in the arm by a stray bullet "
     "Saturday evening, police said Sunday.\n\nThe shooting was reported at 6 p.m. near a park.",
     MON_18_DEC_2017, "shooting", "2017-12-16", "weekday"),
    # the lead's date nearest its own word for the headline's event
    ("Accidental shooting in garage is fatal for Millbrook girl\n\nThe sixth-grader died in hospital Friday after "
     "being shot by mistake in a relative's garage Thursday, deputies said.", MON_18_DEC_2017, "shooting",
     "2017-12-14", "weekday"),
    # a date on what followed (an investigation that continued, a victim who remained in hospital) is weaker
    ("Hiker hurt in shooting\n\nState troopers continued on Friday to probe the shooting of a hiker who was "
     "injured Wednesday near a campsite.", MON_18_DEC_2017, "shooting", "2017-12-13", "weekday"),
    # a photo's caption is no lead
    ("Deputy hurt in shooting\n\nSheriff Maria Lopez speaks at a briefing in this file photo.\n\nA deputy was grazed "
     "on the arm by a bullet in Eastfield on Wednesday night, officials said.", MON_18_DEC_2017, "shooting",
     "2017-12-13", "weekday"),
    # ... unless the headline gives a calendar date
    ("Two hurt in Christmas Day shooting\n\nTwo children were wounded when shots were fired into a house on "
     "Pine Street, police said Tuesday.", date(2017, 12, 27), "shooting", "2017-12-25", "holiday"),
    ("Man charged in December 2 shooting\n\nA man was charged Sunday with wounding a clerk during a robbery at a "
     "store on Pine Street.", MON_18_DEC_2017, "shooting", "2017-12-02", "date"),
    # a lead that dates a follow-up (an arrest, a hearing) gives way to a calendar day the story writes on a
    # word for the event ("the Dec. 9 shooting", "the Nov. 30, 2017 shooting death") ...
    ("Man charged in clerk's shooting death\n\nDeputies arrested Cal Reyes on Friday. Police said the Dec. 9 "
     "shooting at a store on Pine Street followed an argument.", MON_18_DEC_2017, "shooting", "2017-12-09", "date"),
    ("Suspect arrested in toddler death\n\nNed Pike was arrested Tuesday. Pike was wanted in the Nov. 30, 2017 "
     "shooting death of the toddler.", MON_18_DEC_2017, "death", "2017-11-30", "date"),
    ("Indictments filed in school shooting\n\nThree teens appeared in court Wednesday morning. Police said the "
     "Dec. 4 shooting outside the school was gang-related.", MON_18_DEC_2017, "shooting", "2017-12-04", "date"),
    # ... but not a lead that dates the event itself (an earlier shooting the story names is another)
    ("Man shot on Elm Street\n\nA man was shot Friday night on Elm Street. Police said they did not know if it "
     "was linked to the Dec. 2 shooting of a teen.", MON_18_DEC_2017, "shot", "2017-12-15", "weekday"),
    # a lead cut off by a byline fragment ("Riverton (KXYZ)") is the sentence after it
    ("Child hurt in Water Street shooting\n\nRiverton (KXYZ)\nSunday ended with more gun violence on the "
     "streets of Riverton. A young child was shot in the leg.", MON_18_DEC_2017, "shooting", "2017-12-17",
     "weekday"),
]


@pytest.mark.parametrize("text,published,trigger,start,kind", HEADLINE_EVENTS)
def test_event_date_after_a_headline(text: str, published: date | None, trigger: str, start: str | None,
                                     kind: str | None) -> None:
    from dateline.pipeline import analyse

    doc = analyse(text, published)
    at = text.index(trigger)
    picked = event_date(doc, doc._.dateline_dates, (at, at + len(trigger)), published)
    got = (picked.start, picked.kind) if picked is not None else (None, None)
    assert got == (d(start), kind)


def test_stage_sets_extension() -> None:
    nlp = load()
    doc = nlp.make_doc("Gunmen attacked the village on Friday.")
    doc._.dateline_published = MON_18_DEC_2017
    with nlp.select_pipes(enable=[n for n in nlp.pipe_names if not n.startswith("dateline_")]):
        doc = nlp(doc)
    doc = nlp.get_pipe("dateline_dates")(doc)
    assert [(x.text, x.start) for x in doc._.dateline_dates] == [("Friday", date(2017, 12, 15))]


def test_a_stamp_earlier_than_the_published_date_anchors_relative_dates() -> None:
    # a crawler's date says when the page was fetched; the stamp when it was written
    text = "Updated: 11/24/2014 10:06 AM\n\nA man was shot Sunday night in Riverton."
    found = find_dates(parse(text), date(2017, 1, 29))
    sunday = next(x for x in found if x.kind == "weekday")
    assert sunday.start == date(2014, 11, 23)
    # a later stamp (an update after the published date) leaves the published date the anchor
    text = "Updated: 12/02/2017 10:06 AM\n\nA man was shot Sunday night in Riverton."
    found = find_dates(parse(text), MON_18_DEC_2017 - timedelta(days=17))
    assert next(x for x in found if x.kind == "weekday").start == date(2017, 11, 26)


def test_a_stamp_earlier_than_the_published_date_dates_an_undated_event() -> None:
    text = "Posted: Friday, June 5, 2015 3:10 PM CDT\n\nTwo men were shot in Riverton, police said."
    doc = parse(text)
    at = text.index("shot")
    picked = event_date(doc, find_dates(doc, date(2015, 6, 20)), (at, at + 4), date(2015, 6, 20))
    assert picked is not None and picked.start == date(2015, 6, 5)


@pytest.mark.parametrize("year,easter", [(2013, date(2013, 3, 31)), (2016, date(2016, 3, 27)),
                                         (2019, date(2019, 4, 21)), (2024, date(2024, 3, 31)),
                                         (2038, date(2038, 4, 25))])
def test_easter(year: int, easter: date) -> None:
    from dateline.pipeline.dates import _easter

    assert _easter(year) == easter


def test_a_filing_stamp_does_not_date_the_event_but_anchors_it() -> None:
    text = "Posted: Friday, June 5, 2015 3:10 PM CDT\n\nTwo men were shot on Thursday night in Riverton."
    found = find_dates(parse(text), None)
    stamp = next(x for x in found if x.kind != "weekday")
    assert stamp.is_dateline and stamp.start == date(2015, 6, 5)
    thursday = next(x for x in found if x.kind == "weekday")
    assert thursday.start == date(2015, 6, 4) and not thursday.is_dateline


@pytest.mark.parametrize("text,published,start", [
    # the whole pipeline reads a headline trigger's date from the lead, unless the headline states a day
    ("Two hurt in Christmas Day shooting\n\nTwo children were wounded when shots were fired into a house on Pine "
     "Street, police said Tuesday.", "2017-12-27", "2017-12-25"),
    ("Man charged in December 2 shooting\n\nA man was charged Sunday with wounding a clerk during a robbery at a "
     "store on Pine Street.", "2017-12-18", "2017-12-02"),
    ("Teen dies in overnight shooting\n\nA 15-year-old boy died after he was shot late Sunday outside a store on "
     "Pine Street, police said.", "2017-12-18", "2017-12-17"),
    # the lead's word for the headline's event dates it, not the lead's first violent word
    ("Accidental shooting in garage is fatal for Millbrook girl\n\nThe sixth-grader died in hospital Friday after "
     "being shot by mistake in a relative's garage Thursday, deputies said.", "2017-12-18", "2017-12-14"),
    ("Man dies after stabbing\n\nA man died Sunday, two days after he was stabbed Friday outside a bar on Elm "
     "Street, police said.", "2017-12-18", "2017-12-15"),
    # a photo's caption is no lead, and a graze is a shooting
    ("Deputy grazed by bullet\n\nSheriff Maria Lopez speaks at a briefing in this file photo.\n\nA deputy was "
     "grazed on the arm by a bullet in Eastfield on Wednesday night, deputies reported.\n\nShortly after "
     "9 p.m., a driver started firing at deputies, officials said.", "2017-12-18", "2017-12-13"),
    # a sentence just before the trigger's, in an earlier paragraph, sets the scene with its day
    ("Teen hurt in break-in\n\nTwo teens are in custody after police say they tried to rob a house on Elm Street."
     "\n\nPolice said the pair forced the back door around 10 p.m. Saturday.\n\nDuring the break-in, one of them "
     "accidentally shot himself in the hand.", "2017-12-18", "2017-12-16"),
    ("Clerk wounded at gas station\n\nDeputies are looking for a man in a red jacket.\n\nThey said he walked into "
     "the station on Route 9 at about 8 p.m. Friday and demanded cash.\n\nWhen the clerk refused, the man fired "
     "once, hitting her in the shoulder.", "2017-12-18", "2017-12-15"),
    # the sentences after the lead that tell its story: fragments between them are not counted ...
    ("Man wounded on Pine Street\n\nA man was shot in the leg on Pine Street, police said.\n\nAdvertisement\n\n"
     "Related coverage\n\nOfficers found him on a porch after a 911 call at 9 p.m. Sunday.", "2017-12-18",
     "2017-12-17"),
    # ... and under a headline trigger they are the lead's, not the headline's
    ("Teen shoots himself during break-in\n\nThree teens are in custody after police say they broke into a home on "
     "Oak Street.\n\nThe boy was taken to a hospital.\n\nPolice said the three entered the home at 11 p.m. "
     "Saturday.", "2017-12-18", "2017-12-16"),
])
def test_a_headline_date_in_the_pipeline(text: str, published: str, start: str) -> None:
    import dateline

    coding = dateline.code(text, published=published).to_dict()
    assert coding["events"][0]["date"]["start"] == start


@pytest.mark.parametrize("a,b,same", [("shoot", "shooting", True), ("stabbing", "stab", True),
                                      ("kill", "killing", True), ("shoot", "shoot", True), ("sing", "s", False),
                                      ("shoot", "kill", False), ("", "", False)])
def test_same_word(a: str, b: str, same: bool) -> None:
    from dateline.pipeline.dates import same_word

    assert same_word(a, b) is same


# "a day earlier", "two days later", "the day before", "the previous night": days from the date the text gave last
SHIFTS = [
    ("The ministry said on Thursday that seven soldiers were killed in an ambush a day earlier.", MON_18_DEC_2017,
     "killed", "2017-12-13"),
    ("Police said on Friday that two men were shot dead at a checkpoint two days earlier.", MON_18_DEC_2017,
     "shot", "2017-12-13"),
    ("A bomb exploded at a bus stop, killing four people, police said on Sunday. The blast went off the previous "
     "evening.", MON_18_DEC_2017, "blast", "2017-12-16"),
    ("A man was stabbed outside a bar on December 2. He died in hospital a week later.", MON_18_DEC_2017, "died",
     "2017-12-09"),
    # with no date before it, from the publication day
    ("Gunmen killed three villagers a day earlier, officials said.", MON_18_DEC_2017, "killed", "2017-12-17"),
    # "the same day": the day the text gave last
    ("Rebels attacked a market on Thursday. On the same day, a bomb killed two soldiers.", MON_18_DEC_2017,
     "bomb", "2017-12-14"),
    # a paragraph that opens with the shift goes on from the paragraph before
    ("A bomb killed nine people at a mosque on Friday.\n\nTwo days earlier, soldiers repelled an attack on a base.",
     MON_18_DEC_2017, "repelled", "2017-12-13"),
]


@pytest.mark.parametrize("text,published,trigger,start", SHIFTS)
def test_a_shift_counts_from_the_date_before_it(text: str, published: date, trigger: str, start: str) -> None:
    doc = parse(text)
    at = text.index(trigger)
    picked = event_date(doc, find_dates(doc, published), (at, at + len(trigger)), published)
    assert picked is not None and picked.start == d(start), picked


@pytest.mark.parametrize("text", [
    "A man was shot dead on Monday. The day before the shooting, he had argued with a neighbour.",
    "Police questioned a suspect the day after the attack.",
])
def test_the_day_before_an_event_is_no_shift(text: str) -> None:
    assert not any(x.kind == "shift" for x in find_dates(parse(text), MON_18_DEC_2017))


def test_a_shift_forward_with_no_date_before_it_dates_nothing() -> None:
    # not a day still to come, and no open expression an event would take for its date
    assert not [x for x in find_dates(parse("A man died in hospital two days later, police said."), MON_18_DEC_2017)
                if x.kind == "shift"]


@pytest.mark.parametrize("text", [
    # "a week after" opening a clause counts from the happening it tells, not from the date told before it
    "A car bomb wounded six shoppers on Monday. The blast came a week after two traders were shot dead nearby.",
    "Rebels raided a depot on Friday. It happened the day after soldiers burned their camp.",
])
def test_a_week_after_a_clause_is_no_shift(text: str) -> None:
    assert not any(x.kind == "shift" for x in find_dates(parse(text), MON_18_DEC_2017))
