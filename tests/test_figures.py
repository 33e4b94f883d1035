"""Tests of casualty figures and number phrases: (sentence, expected) tables."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Doc

import dateline.pipeline as nlp
from dateline.pipeline.figures import Figure, find_figures, parse_quantity


def parse(text: str) -> Doc:
    """The statistical pipeline and the paragraph breaks only (our stage is called directly), recased like
    nlp.analyse."""
    model = nlp.load()
    view = nlp.recase(text) if nlp.is_upper_case_text(text) else nlp.recase_headline(text)
    with model.select_pipes(enable=[name for name, _ in model.pipeline
                                    if not name.startswith("dateline_") or name == "dateline_paragraphs"]):
        return model(view)


def figures(text: str) -> list[Figure]:
    return find_figures(parse(text))


def counts(text: str) -> list[tuple[str, int | None]]:
    """The (kind, low) of every figure in ``text``, sorted."""
    return sorted((f.kind, f.low) for f in figures(text))


def brief(f: Figure) -> tuple[str, int | None, int | None, str | None, bool]:
    return (f.kind, f.low, f.high, f.who, f.partitive)


QUANTITIES = [
    ("12", (12, 12)),
    ("1,200", (1200, 1200)),
    ("twenty-one", (21, 21)),
    ("two hundred", (200, 200)),
    ("two hundred and twenty-one", (221, 221)),
    ("a dozen", (12, 12)),
    ("half a dozen", (6, 6)),
    ("three dozen", (36, 36)),
    ("one", (1, 1)),
    ("a", (1, 1)),
    ("dozens", (24, 99)),
    ("scores", (40, 99)),
    ("hundreds", (200, 999)),
    ("thousands", (2000, 9999)),
    ("tens of thousands", (20000, 99999)),
    ("several", (3, 9)),
    ("a few", (2, 5)),
    ("both", (2, 2)),
    ("at least 12", (12, None)),
    ("at least a dozen", (12, None)),
    ("more than 30", (30, None)),
    ("over 30", (30, None)),
    ("more than 4,400", (4400, None)),
    ("14 000", (14000, 14000)),
    ("at least 3 385", (3385, None)),
    ("122 387", (122387, 122387)),
    ("61, 000", (61000, 61000)),
    ("2.14 lakh", (214000, 214000)),
    ("two lakh", (200000, 200000)),
    ("1.2 million", (1_200_000, 1_200_000)),
    ("half a million", (500_000, 500_000)),
    ("nine hundred and twenty-one", (921, 921)),
    ("up to 40", (None, 40)),
    ("as many as 40", (None, 40)),
    ("nearly 50", (None, 50)),
    ("fewer than 10", (None, 9)),
    ("about 100", (100, 100)),
    ("some 2,000", (2000, 2000)),
    ("1.5 million", (1_500_000, 1_500_000)),
]


@pytest.mark.parametrize("text,expected", QUANTITIES)
def test_parse_quantity(text: str, expected: tuple[int | None, int | None]) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text", ["", "people", "the", "many", "and", "block", "13 in", "5 10", "half an hour"])
def test_parse_quantity_rejects_non_numbers(text: str) -> None:
    assert parse_quantity(text) is None


# (sentence, [(kind, low, high, who, partitive), ...]) for the casualty kinds asked about
FIGURES = [
    ("Rebels attacked the town, killing 3 people.", [("killed", 3, 3, "people", False)]),
    # named victims: a possessive before "murder", a name with an office in apposition, "gunned down"
    ("Judges went on strike after Magistrate Ana Ruiz's murder.", [("killed", 1, 1, None, False)]),
    ("Pedro Alvarez, manager of a local radio station, was gunned down on Monday.",
     [("killed", 1, 1, "Pedro Alvarez", False)]),
    # "after being shot", "a second", headline "Person hurt", "a 17-year-old with a gunshot wound"
    ("A cyclist is recovering at home after being shot in the arm.", [("injured", 1, 1, "cyclist", False)]),
    ("One person died and a second was injured.", [("killed", 1, 1, "person", False),
                                                    ("injured", 1, 1, None, False)]),
    ("Teen hurt when stray bullet flies into home", [("injured", 1, 1, "Teen", False)]),
    ("Deputies found a 17-year-old with a gunshot wound in a parked car.", [("injured", 1, 1, None, False)]),
    # "the number of X" is a toll of that kind
    ("The ministry said the number of victims stood at 27.", [("killed", 27, 27, None, False)]),
    ("The number of wounded has risen to 40.", [("injured", 40, 40, None, False)]),
    ("Three villagers were killed in the raid.", [("killed", 3, 3, "villagers", False)]),
    ("The bombing killed 12 and left 5 dead.", [("killed", 12, 12, None, False),
                                               ("killed", 5, 5, None, False)]),
    ("A man was killed near the market.", [("killed", 1, 1, "man", False)]),
    ("A woman and her son were shot dead at home.", [("killed", 2, 2, None, False)]),
    ("In Mosul, gunmen shot dead three police officers at a checkpoint.",
     [("killed", 3, 3, "police officers", False)]),
    ("In San Jose, a woman was stabbed to death outside a bar.", [("killed", 1, 1, "woman", False)]),
    ("Two men were stabbed outside a bar.", [("injured", 2, 2, "men", False)]),
    # hit by gunfire is a wounding; other hits are not
    ("The gunman opened fire on the crowd, hitting five people.", [("injured", 5, 5, "people", False)]),
    ("A 7-year-old girl was struck by a stray bullet while sleeping.", [("injured", 1, 1, "girl", False)]),
    ("A stray bullet hit a boy in his bedroom.", [("injured", 1, 1, "boy", False)]),
    ("A woman was grazed by a bullet.", [("injured", 1, 1, "woman", False)]),
    ("The truck hit two parked cars.", []),
    # ... also with no agent, in a sentence that tells of shooting
    ("Shots rang out in the bar, where three people were struck.", [("injured", 3, 3, "people", False)]),
    ("A man opened fire on the crowd and three people were hit.", [("injured", 3, 3, "people", False)]),
    ("A fire broke out and a firefighter was struck.", []),
    ("The boy was struck on the head with a bat.", []),
    ("Officials say five people were hit in a late-night shooting.", [("injured", 5, 5, "people", False)]),
    # a headline's next clause after a semicolon is not one more of the victims
    ("Man, woman killed in shooting; boy recovering at hospital", [("killed", 2, 2, None, False)]),
    ("A gun went off, striking his brother in the head.", [("injured", 1, 1, "brother", False)]),
    ("The man fired a rifle which struck a neighbour in the leg.", [("injured", 1, 1, "neighbour", False)]),
    ("Two men were hit by a car after the shooting.", []),
    ("A car struck two pedestrians on Main Street.", []),
    # a headline's present tense and its dropped "was"; a sentence's "the officer shot" is no victim
    ("Gunman shoots two men outside bar", [("injured", 2, 2, "men", False)]),
    ("Teen shoots himself in the leg", [("injured", 1, 1, None, False)]),
    ("Man shot on Elm Street", [("injured", 1, 1, "Man", False)]),
    ("Two teens shot near park, police say", [("injured", 2, 2, "teens", False)]),
    ("5 shot on the west side, suspects still at large", [("injured", 5, 5, None, False)]),
    ("Police said 5 shots were fired.", []),
    # "a double shooting" counts the people shot, "a triple homicide" the dead
    ("Detectives are looking into a double shooting near the rail yard.", [("injured", 2, 2, None, False)]),
    ("A man was charged in the triple homicide.", [("killed", 3, 3, None, False)]),
    ("He hit a double in the ninth inning.", []),
    ("He heard one shot.", []),
    ("The officer shot, police said.", []),
    ("Witnesses said the officer shot first shortly before 11 p.m.", []),
    ("Police shot at the car", []),
    ("The team shoots a video about the school.", []),
    # the wound's holder is who was taken to the hospital, not the hospital
    ("Two victims were taken to a hospital with gunshot wounds.", [("injured", 2, 2, "victims", False)]),
    # hurt in the figurative sense
    ("It hurts my heart to see this.", []),
    ("The shooting has hurt our community.", []),
    ("The shooting hurt his little brother.", [("injured", 1, 1, "brother", False)]),
    ("The storm struck three villages.", []),
    ("At least 12 soldiers were wounded in the ambush.", [("injured", 12, None, "soldiers", False)]),
    ("More than 30 people were injured.", [("injured", 30, None, "people", False)]),
    ("The death toll rose to 40 on Monday.", [("killed", 40, 40, None, False)]),
    # a toll with no word of what it counts, tied to its number by the parse
    ("Residents said the toll was at least 12.", [("killed", 12, None, None, False)]),
    ("The toll rose to 15 on Thursday.", [("killed", 15, 15, None, False)]),
    ("The violence has taken a heavy toll on the 30 families there.", []),
    ("The toll road 20 miles north was closed.", []),
    ("The blast left a toll of one person wounded.", [("injured", 1, 1, "person", False)]),
    ("The toll of injured rose to 30 on Monday.", [("injured", 30, 30, None, False)]),
    # a count that ends its sentence, in a text that goes on
    ("Gunmen attacked the village, killing five. The road was closed.", [("killed", 5, 5, None, False)]),
    ("The shooting happened at 5. Police arrived later.", []),
    ("No one was hurt in the fire.", [("injured", 0, 0, None, False)]),
    ("The two officers were not hurt.", [("injured", 0, 0, "officers", False)]),
    ("There were no injuries.", [("injured", 0, 0, None, False)]),
    ("Seven of the dead were children, officials said.", [("killed", 7, 7, "children", True)]),
    ("The army later named 9 of the fatalities.", [("killed", 9, 9, None, True)]),
    # ... but a count of deaths is a figure of its own
    ("The fighting caused hundreds of deaths.", [("killed", 200, 999, None, False)]),
    ("The clashes resulted in dozens of deaths on Sunday.", [("killed", 24, 99, None, False)]),
    ("Troops stormed the village, killing dozens and wounding hundreds.",
     [("killed", 24, 99, None, False), ("injured", 200, 999, None, False)]),
    ("Residents spoke of 17 dead and 120 wounded after the shelling.",
     [("killed", 17, 17, None, False), ("injured", 120, 120, None, False)]),
    ("Four police officers were reported injured.", [("injured", 4, 4, "police officers", False)]),
    ("The protesters wounded two guards.", [("injured", 2, 2, "guards", False)]),
    ("Two people were shot, one fatally.", [("injured", 1, 1, "people", False),
                                            ("killed", 1, 1, "people", False)]),
    ("A 19-year-old man was shot and killed on Friday.", [("killed", 1, 1, "man", False)]),
    ("A teenager was fatally shot outside the school.", [("killed", 1, 1, "teenager", False)]),
    ("A 34-year-old woman was shot in the leg and taken to hospital.", [("injured", 1, 1, "woman", False)]),
    ("He was pronounced dead at the scene.", [("killed", 1, 1, None, False)]),
    ("Police arrested four men on Sunday.", [("arrested", 4, 4, "men", False)]),
    ("Gunmen abducted 11 aid workers.", [("kidnapped", 11, 11, "aid workers", False)]),
    ("About 2,000 families fled the fighting.", [("displaced", 2000, 2000, "families", False)]),
    ("Five fishermen are still missing.", [("missing", 5, 5, "fishermen", False)]),
    ("Thirty-one people lost their lives in the crash.", [("killed", 31, 31, "people", False)]),
    ("Over 5,000 people were evacuated from the coast.", [("displaced", 5000, None, "people", False)]),
    ("A total of 8,120 people were evacuated.", [("displaced", 8120, 8120, "people", False)]),
    ("About 9 500 residents remained evacuated on Tuesday.", [("displaced", 9500, 9500, "residents", False)]),
    ("At least 2 410 people had been evacuated by noon.", [("displaced", 2410, None, "people", False)]),
    ("Some 1,300 villagers were left homeless by the storm.", [("displaced", 1300, 1300, "villagers", False)]),
    ("Roughly 3 000 were rendered homeless in two districts.", [("displaced", 3000, 3000, None, False)]),
    ("Around 900 people lost their homes in the fire.", [("displaced", 900, 900, "people", False)]),
    ("Some 650 people were forced into temporary shelters.", [("displaced", 650, 650, "people", False)]),
    ("About 240 tourists were accommodated at evacuation centres.",
     [("displaced", 240, 240, "tourists", False)]),
    ("Half a million people are sheltering in relief camps.", [("displaced", 500000, 500000, "people", False)]),
    ("The state opened 80 camps and 1.5 lakh people have been accommodated.",
     [("displaced", 150000, 150000, "people", False)]),
    ("Officials ordered precautionary evacuations of 700 residents on the island.",
     [("displaced", 700, 700, "residents", False)]),
    ("The blaze forced the evacuation of 4,200 residents.", [("displaced", 4200, 4200, "residents", False)]),
    ("The storm forced 6,500 people out of their homes.", [("displaced", 6500, 6500, "people", False)]),
    ("Floods forced 12,000 people to evacuate.", [("displaced", 12000, 12000, "people", False)]),
    ("Some 40 people were forced to leave their homes.", [("displaced", 40, 40, "people", False)]),
    ("Another 7,600 have been relocated to safety.", [("displaced", 7600, 7600, None, False)]),
    ("Some 400 villagers had moved to safer places.", [("displaced", 400, 400, "villagers", False)]),
    ("As many as 12,500 farmers took shelter in four camps.", [("displaced", None, 12500, "farmers", False)]),
    ("About 3,100 IDPs live in the province.", [("displaced", 3100, 3100, None, False)]),
    ("Some 51,000 internally displaced persons received food.", [("displaced", 51000, 51000, "persons", False)]),
    ("Hundreds of families fled their homes after the clashes.", [("displaced", 200, 999, "families", False)]),
    ("About 1,500 households were displaced by the floods.", [("displaced", 1500, 1500, "households", False)]),
    ("Number of displaced: 318", [("displaced", 318, 318, None, False)]),
    ("Evacuation total people: 2,417", [("displaced", 2417, 2417, None, False)]),
    ("IDPs total 45 210", [("displaced", 45210, 45210, None, False)]),
    ("Storms caused 12 deaths, 5 missing, 8,000 relocated and 2.5 million people affected.",
     [("killed", 12, 12, None, False), ("missing", 5, 5, None, False), ("displaced", 8000, 8000, None, False)]),
    ("Ten people died, six are missing and 45, 000 people displaced.",
     [("killed", 10, 10, "people", False), ("missing", 6, 6, None, False),
      ("displaced", 45000, 45000, "people", False)]),
    # displacement that has not happened, or a number that counts no people
    ("About 2 000 people were evacuated and another 5 000 might have to be evacuated.",
     [("displaced", 2000, 2000, "people", False)]),
    ("Police evacuated the area around the bank.", []),
    ("The rains forced a total of 930 people to evacuate the town.", [("displaced", 930, 930, "people", False)]),
    # a list of names the parser reads as appositions is a list when an "and" closes it; a name beside a byline's
    # or a place's is not
    ("Nora Field, Abel Stone, Cora Lind, and Ivan Hale all suffered gunshot wounds.",
     [("injured", 4, 4, None, False)]),
    ("Anna Berg, Tom Reyes and Lee Park were killed.", [("killed", 3, 3, None, False)]),
    ("Ed Park, Tribune Reporter, 8, dies.", [("killed", 1, 1, "Ed Park", False)]),
    ("John Smith, a local pastor, was wounded.", [("injured", 1, 1, "John Smith", False)]),
    # ... nor a relative after a person ("his wife"), nor a name the NER misses when a person's name closes the list
    ("Police said a 42-year-old man, his wife and their son were found dead.", [("killed", 3, 3, None, False)]),
    ("Police said 41-year-old Mara Lind, 17-year-old Owen Pratt and 9-year-old Ruth Pratt were killed.",
     [("killed", 3, 3, None, False)]),
    ("John Smith, a father of two and a teacher, was killed.", [("killed", 1, 1, "John Smith", False)]),
    # ... nor the next person after a relative's name ("his wife Mariam and their neighbour"), nor a name that opens
    # the list when the parse hangs it on the verb
    ("Ahmed Farouk, his wife Mariam and their neighbour Yusuf Ali were killed when the shell hit the house.",
     [("killed", 3, 3, None, False)]),
    # an adjective with its own subject counts that subject, not the object before it
    ("The ambush left three guards wounded and one driver dead.",
     [("injured", 3, 3, "guards", False), ("killed", 1, 1, "driver", False)]),
    # a headline's list: each number with its own word ("2 dead, 4 wounded"; "kills 2, wounds 4")
    ("2 dead, 4 wounded in shooting at Riverton motel parking lot",
     [("killed", 2, 2, None, False), ("injured", 4, 4, None, False)]),
    ("Police: 3 deputies dead, 6 hurt in courthouse shooting",
     [("killed", 3, 3, None, False), ("injured", 6, 6, None, False)]),
    ("Gunman kills 3, wounds 5 at wedding", [("killed", 3, 3, None, False), ("injured", 5, 5, None, False)]),
    ("Blast kills 1, injures 6 in Riverton", [("killed", 1, 1, None, False), ("injured", 6, 6, None, False)]),
    # (the killer's own death in the same sentence: one dead more than the victims)
    ("Man kills neighbor, wounds 3 others before killing himself",
     [("killed", 2, 2, None, False), ("injured", 3, 3, "others", False)]),
    ("Two cousins shot and killed at birthday party", [("killed", 2, 2, "cousins", False)]),
    # a breakdown after a comma is the same people; a number word in a name said of one is no count
    ("Five people, three men and two women, were wounded.", [("injured", 5, 5, "people", False)]),
    ("Police said a rival ordered the murder of a Fifth Ward Kings member.",
     [("killed", 1, 1, "Fifth Ward Kings member", False)]),
    # one who died of a wound is one of the dead, not a wounded; others wounded are
    ("The clerk died after being injured in the robbery, police said.", [("killed", 1, 1, "clerk", False)]),
    ("A man died Sunday after he was wounded in a shooting.", [("killed", 1, 1, "man", False)]),
    ("He died after gunmen wounded three others.", [("killed", 1, 1, None, False), ("injured", 3, 3, "others", False)]),
    ("A soldier wounded in the ambush on Monday died in hospital on Thursday.", [("killed", 1, 1, "soldier", False)]),
    # casualty counts are of people born: "a mother and her unborn child" is one dead
    ("Prosecutors charged a driver over the death of a 31-year-old teacher and her unborn son.",
     [("killed", 1, 1, "teacher", False)]),
    ("He shot his girlfriend, killing her and the unborn child.", [("killed", 1, 1, None, False)]),
    # one or the other is one
    ("Witnesses said a man or a woman was shot in the leg.", [("injured", 1, 1, "man", False)]),
    ("Two men wounded in the attack were taken to a hospital.", [("injured", 2, 2, "men", False)]),
    # a number with a singular verb is an age: one victim
    ("Police said Dana Reyes, 24 was shot in the arm.", [("injured", 1, 1, None, False)]),
    ("Officers found that Lee, 19 was killed instantly.", [("killed", 1, 1, "Lee", False)]),
    ("Two were shot on Elm Street.", [("injured", 2, 2, None, False)]),
    # "both" counts the two coordinated, once
    ("Both Rollins and Kent died at the scene.", [("killed", 2, 2, None, False)]),
    ("Both the driver and his passenger were killed.", [("killed", 2, 2, None, False)]),
    ("Both men and two women were wounded.", [("injured", 4, 4, None, False)]),
    ("Both suspects fled on foot.", []),
    ("He was taken to the medical center.", []),
    ("The mayor left his house at eight.", []),
    ("Several devices were placed at different sites.", []),
    ("The flood forced the evacuations of about 50 homes.", []),
    ("On May 23 100 people were evacuated.", [("displaced", 100, 100, "people", False)]),
    # numbers that are not casualties
    ("The camp holds 3,400 people.", []),
    ("About 100 residents attacked the troops.", []),
    ("A 5-year-old was playing in the 1000 block of Main Street at 10:30 p.m.", []),
    ("The gunman fired 30 rounds from a .45-caliber pistol in 2015.", []),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", FIGURES)
def test_figures(text: str, expected: list[tuple[str, int | None, int | None, str | None, bool]]) -> None:
    got = [brief(f) for f in figures(text) if f.kind in ("killed", "injured", "arrested", "displaced",
                                                           "missing", "kidnapped")]
    assert got == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,killed", [
    # a list the parse hangs on a counted plural as an apposition goes on with other people ...
    ("Six priests, a woman and her daughter were murdered on Thursday.", 8),
    ("Gunmen killed four teachers, a driver and his son near the school.", 6),
    # ... unless it breaks the count down, or the plural is a word for anyone
    ("Six soldiers, a captain and five privates, were killed on Thursday.", 6),
    ("Five people, a man and his four children, were killed on Thursday.", 5),
    ("Three people, a woman and her son, were killed in the blast.", 3),
])
def test_a_list_after_a_counted_plural(text: str, killed: int) -> None:
    assert [f.low for f in figures(text) if f.kind == "killed"] == [killed]


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # people a side or a family "lost" died ...
    ("The army lost five soldiers in an ambush near the border.", [("killed", 5)]),
    ("The rebels lost 30 fighters in the battle for the town.", [("killed", 30)]),
    ("She lost two sons in the shelling.", [("killed", 2)]),
    ("Four policemen lost their lives in the attack.", [("killed", 4)]),
    # ... but not what else one loses
    ("The party lost five seats in the election after the attack.", []),
    ("Dozens of families lost their homes in the fire.", []),
    ("The army lost contact with two soldiers after the ambush.", []),
    ("Losing your only child and your father in one week is hard to bear, she said.", []),
])
def test_people_lost_died(text: str, expected: list[tuple[str, int]]) -> None:
    assert [c for c in counts(text) if c[0] == "killed"] == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # whom a funeral or a burial is of, or for, died ...
    ("Hundreds of mourners attended the funeral of the four victims of the bombing.", [("killed", 4)]),
    ("Funerals were held on Sunday for the 12 victims of the market bombing.", [("killed", 12)]),
    ("The family held a funeral for Ahmed Salem, who was shot by gunmen on Friday.", [("killed", 1)]),
    ("Mourners gathered for the burial of two brothers on Tuesday.", [("killed", 2)]),
    # ... but a funeral's own number counts funerals, and a procession's mourners are alive
    ("Five funerals were held in the town after the attack.", []),
    ("Police fired tear gas at a funeral procession, wounding 12 mourners.", [("injured", 12)]),
])
def test_whom_a_funeral_is_for_died(text: str, expected: list[tuple[str, int]]) -> None:
    assert counts(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # a death with a subject of its own, a part of the people shot or others than them, leaves the shooting its
    # own figure (the count of people shot is kept as claimed; the incident takes it net of the dead)
    ("Three people were shot on Friday, and one of them died.", [("injured", 3), ("killed", 1)]),
    ("A man was killed and four others were shot on Friday.", [("killed", 1), ("injured", 4)]),
    ("One man died and three others were shot in the attack.", [("killed", 1), ("injured", 3)]),
    # ... but one subject shot and killed is one figure of the dead
    ("Two men were shot and killed on Friday.", [("killed", 2)]),
    ("A man was shot and later died at the hospital.", [("killed", 1)]),
    # a participle said of the person word right before it ("a reduced relative"), which the parse left bare
    ("Prosecutors charged the uncle of a two year old boy shot and killed in what police called a tragic mishap.",
     [("killed", 1)]),
])
def test_a_death_with_its_own_subject_leaves_the_shooting_its_figure(text: str,
                                                                     expected: list[tuple[str, int]]) -> None:
    assert sorted(counts(text)) == sorted(expected)


@pytest.mark.slow
def test_a_died_person_shot_earlier_is_not_also_wounded() -> None:
    got = [brief(f) for f in figures("A man was shot on Elm Street. He died at the hospital.")]
    assert got == [("killed", 1, 1, None, False)]
    hit = [brief(f) for f in figures("A woman was struck by a stray bullet on Elm Street. She died later that night.")]
    assert hit == [("killed", 1, 1, None, False)]


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # "911" after "call" / "dial" or before "call" is the emergency number, no count
    ("A man ran up and said, 'Call 911 for multiple people shot.' Two men were wounded.",
     [("injured", 2, 2, "men", False)]),
    ("Police got several 911 calls about the shooting. Three people were hurt.", [("injured", 3, 3, "people", False)]),
    # a figure of those shot given as an upper bound is kept as one when nobody died
    ("Up to four people were shot at a bar on Sunday.", [("injured", None, 4, "people", False)]),
    ("As many as five men were shot outside the club.", [("injured", None, 5, "men", False)]),
    # ... and is one of the dead's when as many died
    ("Up to two people were shot at a bar. Two men died at the hospital.", [("killed", 2, 2, "men", False)]),
])
def test_how_many_were_shot(text: str,
                            expected: list[tuple[str, int | None, int | None, str | None, bool]]) -> None:
    assert [brief(f) for f in figures(text)] == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # a toll of a month or a year (the dates stage finds it) counts over several happenings, and is no death of
    # those shot in the story: (kind, low, aggregate)
    ("Seven people were shot at a party overnight. It came after 45 people were killed in July.",
     [("injured", 7, False), ("killed", 45, True)]),
    ("Two men were shot on Elm Street. The city has seen 30 people killed this year.",
     [("injured", 2, False), ("killed", 30, True)]),
    # ... a death told with a day is, and so is the story's own figure beside the city's count for the year
    ("Two men were shot on Elm Street on Friday. Both men died on Saturday.", [("killed", 2, False)]),
    ("Sunday's shooting, the city's 70th homicide this year, left four people dead.", [("killed", 4, False)]),
    # one person's death in a month is no toll
    ("A man was shot and killed in March on Elm Street.", [("killed", 1, False)]),
])
def test_a_toll_of_a_month_is_no_death_of_those_shot(text: str, expected: list[tuple[str, int, bool]]) -> None:
    doc = nlp.analyse(text, date(2017, 8, 2))
    assert [(f.kind, f.low, f.aggregate) for f in doc._.dateline_figures] == expected


@pytest.mark.slow
def test_negated_flag_and_spans_slice_the_text() -> None:
    text = "Officials said no one was injured, but 14 people were killed."
    fs = figures(text)
    assert [(f.kind, f.low, f.negated) for f in fs] == [("injured", 0, True), ("killed", 14, False)]
    for f in fs:
        assert text[f.span[0]:f.span[1]] == f.text
        assert text[f.trigger_span[0]:f.trigger_span[1]] == f.trigger
    assert fs[1].number_span is not None
    assert text[fs[1].number_span[0]:fs[1].number_span[1]] == "14"


@pytest.mark.slow
def test_update_flag() -> None:
    fs = figures("The death toll climbed to 52 after two more victims died.")
    assert any(f.update and f.low == 52 for f in fs)


@pytest.mark.slow
def test_upper_case_wire_text() -> None:
    fs = figures("SAN SALVADOR, 3 JAN 90 -- GUERRILLAS KILLED FOUR PEASANTS AND WOUNDED TWO SOLDIERS.")
    assert [(f.kind, f.low, f.who) for f in fs] == [("killed", 4, "peasants"), ("injured", 2, "soldiers")]


@pytest.mark.slow
@pytest.mark.parametrize("text,killed", [
    # a name after an office in capitals (the tagger takes the name for common nouns, "FLORES" for a plural)
    ("HUANCAYO, 9 JUL 89 -- [TEXT] INSPECTOR BENIGNO ROSALES DIED IN THE BLAST.", [1]),
    ("SAN SALVADOR, 13 JAN 90 -- [TEXT] THEY CONDEMNED THE ASSASSINATION OF PARTY LEADER HECTOR OQUELI.", [1]),
    ("BOGOTA, 2 MAY 90 -- [TEXT] GUERRILLAS MURDERED COUNCILMAN PEDRO REYES IN HIS HOME.", [1]),
    # ... or after a title or a person word, when the name is no English word
    ("SAN SALVADOR, 6 FEB 89 -- [TEXT] THE MINISTER REPORTED TODAY ON THE MURDER OF MSGR OSCAR ARNULFO ROMERO.",
     [1]),
    ("TEGUCIGALPA, 26 NOV 89 -- [TEXT] NEIGHBOURS SAID THAT CITIZEN ANACLETO MEJIA TORRES, 35, WAS KILLED WITH A "
     "MACHETE.", [1]),
    ("LIMA, 3 APR 89 -- [TEXT] TERRORISTS KILLED MR ALBERTO QUISPE HUAMAN IN HIS HOME.", [1]),
    # ... and a name the tagger takes for a plural, told as one person by its office and its verb
    ("GUATEMALA CITY, 4 MAR 90 -- [TEXT] POLICE SAID THAT ARELLANOS, A FORMER CONSUL, WAS SHOT DEAD BY GUNMEN.", [1]),
    ("GUATEMALA CITY, 4 MAR 90 -- [TEXT] POLICE SAID THAT MORALES, MAYOR OF THE TOWN FOR 2 YEARS, WAS SHOT DEAD BY "
     "GUNMEN.", [1]),
    ("GUATEMALA CITY, 4 MAR 90 -- [TEXT] POLICE SAID THAT PEASANTS, WORKERS AND STUDENTS WERE KILLED BY GUNMEN.", []),
    # ... not a plural of common nouns after one ("THE MAYOR BODYGUARDS": how many, the text does not say)
    ("LIMA, 30 MAR 89 -- [TEXT] GUERRILLAS KILLED THE MAYOR BODYGUARDS TODAY.", []),
    # ... nor a place after a name particle ("SAN")
    ("SAN SALVADOR, 13 JAN 90 -- [TEXT] THEY RECALLED THE MASSACRE OF SAN FRANCISCO.", []),
])
def test_a_name_after_an_office_in_capitals_is_one_person(text: str, killed: list[int]) -> None:
    from dateline.pipeline import analyse

    doc = analyse(text)             # the whole pipeline: the recased view of the capitals
    assert [f.low for f in find_figures(doc) if f.kind == "killed"] == killed


@pytest.mark.slow
def test_stage_sets_doc_extension() -> None:
    doc = nlp.analyse("Two people were killed and three were injured.")
    assert [(f.kind, f.low) for f in doc._.dateline_figures] == [("killed", 2), ("injured", 3)]


@pytest.mark.slow
def test_number_inside_a_date_is_no_count() -> None:
    doc = nlp.analyse("Since 21 August, when the wave of kidnappings and murders began, three students were "
                       "murdered.", date(1989, 9, 27))
    assert [(f.kind, f.low) for f in doc._.dateline_figures] == [("killed", 3)]


@pytest.mark.slow
def test_named_victim_in_capitals_wire_text() -> None:
    doc = nlp.analyse("BOGOTA, 5 SEP 89 (AFP) -- [TEXT] GUNMEN TODAY KILLED ROSA MARIA ORTIZ, WIFE OF A POLICE "
                       "COLONEL, IN NORTHERN BOGOTA.")
    assert [(f.kind, f.low) for f in doc._.dateline_figures] == [("killed", 1)]


@pytest.mark.slow
@pytest.mark.parametrize("text,aggregate", [
    ("Four people were killed and 19 others were hurt in shootings across the county since Thursday night.", True),
    ("Two men were wounded in separate shootings on Sunday.", True),
    ("Five people were killed and 31 hurt in 24 separate shootings since Thursday.", True),
    ("Four men were hurt in two gun incidents overnight.", True),
    ("It came amid a violent two-hour span in the city in which 10 people were shot.", True),
    ("Seven people were shot on Sunday amid a surge in violence.", False),
    ("Five people were shot amid a tense period for the city.", False),
    ("At least 40 people have been killed in the county so far this year.", True),
    ("Since the union was formed in 1992, more than 300 of its leaders have been murdered.", True),
    ("So far, over 1,000 people have died in the conflict.", True),
    ("More than 300 civilians have been killed over the past two years.", True),
    ("At least 40 people have been killed in the attack on the market.", False),
    ("Three people were killed on Friday.", False),
    ("A man was wounded on Elm Street on Saturday night.", False),
    ("His killing was the second in a string of four shooting deaths in the township.", True),
    ("So far in 2019, 87 people have been slain in the county.", True),
    # ... not the story's own happening, one of a series
    ("A gunman killed three people on Sunday, the latest in a wave of shootings.", False),
    ("A man was killed on Friday, the 40th homicide so far in 2017.", False),
    ("A spate of shootings left five people wounded over the summer.", True),
    ("A gunman went on a killing spree, killing five people.", False),
    ("The man sought in a string of shootings Tuesday that killed a bus driver was captured.", False),
    # a war's toll to date
    ("The talks aim to end a war that has left over 70,000 dead in nine years.", True),
    ("Over 7,000 people have died during 10 years of civil war.", True),
    ("Political violence, which began in 1980, has killed more than 15,000 people.", True),
    ("Nine people have been shot in the city in the past few days.", True),
    ("Fighting in the north has left 20 dead since Monday, officials said.", False),
    # a toll since a programme or the year began
    ("Six people have been shot since the curfew was introduced in June.", True),
    ("Two men have been killed in the city since the start of the year.", True),
    ("Since the task force was formed, 12 people have been shot.", True),
    # counted happenings, and a rate
    ("Four shootings in three days have left two people dead.", True),
    ("Police are investigating three unrelated shootings that wounded five people overnight.", True),
    ("Drunk drivers and stray bullets kill dozens of children each year.", True),
    ("About 30 people are shot in the city every month.", True),
    ("Gun accidents kill about 500 people every year, the study found.", True),
    ("Two men were killed a year ago in the same block.", False),
    ("A gunman shot two men in one attack, police said.", False),
    # ... not one happening's own words
    ("The bombing in Kabul on Tuesday, the deadliest in a year, killed 20 people.", False),
    ("Gunmen killed 19 people at a school on Tuesday, the deadliest attack since the 9/11 attacks.", False),
    ("Police charged a man in the three killings, which left a mother and two children dead.", False),
    # a count over a named country's or region's happenings
    ("At least 12 people were killed in attacks across Syria on Friday.", True),
    ("Eight people died in violence throughout Kashmir on Sunday.", True),
    ("Police said 30 protesters were hurt nationwide.", True),
    # ... not a street or a river crossed
    ("A boy was killed when a stray bullet flew across Oak Street on Monday.", False),
    ("Two soldiers were killed as they fled across the river.", False),
])
def test_a_round_up_total_is_marked_aggregate(text: str, aggregate: bool) -> None:
    fs = figures(text)
    assert fs and all(f.aggregate == aggregate for f in fs)


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # coordinated victims add up ...
    ("Gunmen killed a woman and her two sons.", [("killed", 3)]),
    ("Two soldiers and three civilians were killed.", [("killed", 5)]),
    # ... things do not, nor people with a casualty word of their own
    ("Detectives were dealing with four dead bodies and three different crime scenes.", [("killed", 4)]),
    ("Police found two dead men and three wounded women.", [("injured", 3), ("killed", 2)]),
    # animals are no casualties, and an age written "y/o" is no count
    ("By Sunday evening hunters had killed 108,780 deer across the state.", []),
    ("Two dogs and a man were killed in the fire.", [("killed", 1)]),
    ("The fire killed two dogs and a man and his wife.", [("killed", 2)]),
    ("Gunmen killed a woman and her wounded son.", [("killed", 2)]),
    ("A 20 y/o was killed and a 14 y/o was wounded on Elm Street.", [("injured", 1), ("killed", 1)]),
    ("A 15 y.o. was wounded and a 19 y.o was killed on Elm Street.", [("injured", 1), ("killed", 1)]),
    # a list of people each written with "a" is everyone in it, though the parse makes the second an apposition ...
    ("A police colonel, a judge and a senator were murdered last week.", [("killed", 3)]),
    ("Gunmen killed a farmer, a teacher and a driver near the bridge.", [("killed", 3)]),
    # ... but not one person's descriptions, which the verb says are one
    ("A woman, a nurse at the hospital and a mother of two, was wounded.", [("injured", 1)]),
    ("A woman, a nurse at the hospital and a mother of two, died on Sunday.", [("killed", 1)]),
    ("A man, a father of three, was killed on Sunday.", [("killed", 1)]),
    # names after a counted plural are the people it counts, also when the parse hangs them on the first person
    ("Police said Roary and his two sons, Julian Roary Jr., 12, and Ian Roary, 10, were fatally shot.",
     [("killed", 3)]),
    ("A man and his three daughters, Ann, Bea and Cat, were killed.", [("killed", 4)]),
    ("A woman and her two sons, Tom and Jim, and a neighbor, Ed Park, were killed.", [("killed", 4)]),
    # a name the NER misses after a dateline is still a person when relatives follow it in a list
    ("TYRE, Lebanon -- Karim Haddad, his brother and a cousin were shot dead on Monday, police said.", [("killed", 3)]),
    ("Omar Saleh, his brother and a cousin were shot dead at a checkpoint.", [("killed", 3)]),
    # names listed after a counted plural are the people it counts, not more of them
    ("Police found Ann Lee and her three daughters, Bea, Cat and Dee, shot dead in the house.", [("killed", 4)]),
    ("Police found Sam Roe and his two sons, Al Roe Jr., 12, and Ed Roe, 10, fatally shot in the home.",
     [("killed", 3)]),
    # people the parse coordinates with the event noun, not with its victim, are more victims of the act
    ("The assassination of the mayor and his two bodyguards shocked the town.", [("killed", 3)]),
    ("Villagers condemned the massacre of 12 peasants and a soldier.", [("killed", 13)]),
    ("Police are investigating the killing of a farmer and his son.", [("killed", 2)]),
    # ... or with a word further up the sentence, right after the victim
    ("Police questioned a guard about the death of three nuns and their two drivers.", [("killed", 5)]),
    # a bracketed breakdown of a count, and more people after it
    ("Four soldiers (three privates and a corporal) and two porters died in the ambush.", [("killed", 6)]),
    ("Four soldiers (three privates and a corporal) were killed in the ambush.", [("killed", 4)]),
    ("Gunmen killed six soldiers (four privates and two officers) on Monday.", [("killed", 6)]),
    # a list whose items semicolons part counts its items (not a headline's next clause)
    ("The blast killed Rosa Vidal, 42; Luz Vidal, 19; a street vendor; Omar Sanz, 60, and a guard.", [("killed", 5)]),
    ("Killed were Hugo Lara, 34; Ivan Mora, 28; and Eva Soto, 19, police said.", [("killed", 3)]),
    ("Gunmen killed Hugo Lara, a farmer; Ivan Mora, a teacher; and Eva Soto, a nurse, on Monday.", [("killed", 3)]),
    # a singular subject of a plural verb heads a list the parse reads as appositions
    ("One police sergeant, three soldiers, and two farmers were killed in the raids.", [("killed", 6)]),
    ("A border guard, a teacher, and city councillor Ana Ruiz were murdered on Friday.", [("killed", 3)]),
    ("A man, a father of three, was killed on Sunday.", [("killed", 1)]),
    # items of another victim group after a counted plural are more people, not its breakdown
    ("Two soldiers, a policeman, and a civilian were killed in the ambush.", [("killed", 4)]),
    ("Three policemen, a sergeant and two constables, died.", [("killed", 3)]),
    # "of" coordinated with the victim's "of"
    ("The party called for an inquiry into the murder of its leader Juan Soto and of the lawyer Ana Ruiz.",
     [("killed", 2)]),
    # ... or a second "of" the parse hangs on the noun itself
    ("Students deplored the assassination of party leader Tomas Vega and of Chilean lawyer Rosa Mena.",
     [("killed", 2)]),
    # "another" in a clause of its own is one more person
    ("One man died and another was injured in the blast.", [("injured", 1), ("killed", 1)]),
    ("One woman died and another was hurt when gunfire broke out at a bar.", [("injured", 1), ("killed", 1)]),
    # ... not a thing coordinated with it
    ("The killing of the journalist and the closure of the newspaper were condemned.", [("killed", 1)]),
    # a wounding is no person: the murder of the child is one death
    ("He is charged with the murder of the child and the malicious wounding of the woman.", [("killed", 1)]),
    ("He pleaded guilty to the murder of a man and the wounding of a woman.", [("killed", 1)]),
    # people the verb adds to its victim: "along with", "together with", "as well as"
    ("The governor was shot dead outside his office on Friday, along with two of his guards.", [("killed", 3)]),
    ("Bandits killed a village head together with his two sons.", [("killed", 3)]),
    ("Insurgents killed the district chief, as well as four farmers, on Sunday.", [("killed", 5)]),
    ("Three soldiers were killed along with a civilian when the mine exploded.", [("killed", 4)]),
    # ... not people beside the doers
    ("Troops, along with local police, killed two bandits on Monday.", [("killed", 2)]),
    ("A farmer was shot dead along with his dog on Sunday.", [("killed", 1)]),
    # a list the parse splits into two subjects
    ("A farmer, a trader and a driver were killed.", [("killed", 3)]),
    ("A teacher, a nurse, and student Maria Diaz were killed in the attack.", [("killed", 3)]),
    # the bodies of people found are their deaths, as "four bodies" are
    ("The bodies of three fishermen were found on the beach on Monday.", [("killed", 3)]),
    ("Villagers found the bodies of two herders in the forest.", [("killed", 2)]),
    # a name after an office is a person, whatever entity the NER makes of it
    ("Gunmen killed union leader Kofi Boateng and lawyer Esi Mensima Darko in the capital.", [("killed", 2)]),
])
def test_coordinated_counts(text: str, expected: list[tuple[str, int]]) -> None:
    assert counts(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # an age between commas after one person's noun is no count, also where the parse makes it the subject
    ("Boy, 16, dies in Sunday shooting\n\nThe boy died on Sunday.", [("killed", 1)]),
    ("Man, 30, dies in overnight stabbing\n\nThe man died on Sunday.", [("killed", 1), ("killed", 1)]),
    # two people listed with their ages are two, whichever of them the parse makes the subject
    ("A boy, 15, and a girl, 13, were shot.", [("injured", 2)]),
    ("A woman, 52, and her daughter, 30, were killed.", [("killed", 2)]),
    ("Police said a man, 45, and a woman, 44, were wounded.", [("injured", 2)]),
    ("A man and a woman were killed.", [("killed", 2)]),
    # a headline in title case is read in sentence case: its verbs are verbs, also where the story below does
    # not repeat them
    ("Gunfight At Riverside Biker Bar Kills 2, Wounds 7\n\nA gunfight at a biker bar killed two men and wounded "
     "seven other people, police said.", [("injured", 7), ("injured", 7), ("killed", 2), ("killed", 2)]),
    ("Fire Crew Member Dies After Being Shot At Scene\n\nThe fire crew member was shot at the scene of a "
     "blaze and died at the hospital.", [("killed", 1), ("killed", 1)]),
    ("Gunman Kills 3, Wounds 4 At Lakeside Diner\n\nPolice said the gunman opened fire at the diner on Friday.",
     [("injured", 4), ("killed", 3)]),
    ("Student Shot To Death Near Campus\n\nPolice said the shooting happened on Friday.", [("killed", 1)]),
    ("7 People Shot, 2 Fatally, Outside Harbor Street Home\n\nPolice said the shooting happened on Friday.",
     [("injured", 5), ("killed", 2)]),
    # a headline's list without "and" counts everyone in it
    ("Man, woman killed in Elm City shooting\n\nPolice said the shooting happened on Friday.", [("killed", 2)]),
    ("Father, toddler dead in apparent murder-suicide\n\nPolice said it happened on Friday.", [("killed", 2)]),
    ("Mother, two children found dead in home\n\nPolice said it happened on Friday.", [("killed", 3)]),
    # ... but not a name and its role in a sentence
    ("Dana Cole, a nurse, was killed on Friday.", [("killed", 1)]),
    # a suicide is a death; a headline's first clause is passive ("Two boys killed, father ...")
    ("Two girls killed, father commits suicide after standoff\n\nPolice said the standoff ended on Friday.",
     [("killed", 1), ("killed", 2)]),
    ("The gunman then committed suicide, police said.", [("killed", 1)]),
    ("Police said the man took his own life after the standoff.", [("killed", 1)]),
    ("A suicide bomber killed four people at the market.", [("killed", 4)]),
])
def test_ages_and_title_case_headlines(text: str, expected: list[tuple[str, int]]) -> None:
    assert counts(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # "the fatal shooting of X": a killing of whom it names
    ("A man was charged Monday in the fatal shooting of a woman on Elm Street.", [("killed", 1)]),
    ("Police are investigating the fatal stabbing of two men outside a bar.", [("killed", 2)]),
    ("The fatal shootings of two brothers shocked the town.", [("killed", 2)]),
    ("Detectives made an arrest in the fatal beating of a store clerk.", [("killed", 1)]),
    # the killings, murders, slayings or massacre of X are X's deaths; their own number counts a series, not people
    ("Police are investigating the killings of three farmers.", [("killed", 3)]),
    ("The murders of two journalists shocked the country.", [("killed", 2)]),
    ("Nine soldiers were charged in the massacre of six villagers.", [("killed", 6)]),
    ("Police said the city has had five killings this year.", []),
    ("Two massacres shook the province last year.", []),
    # lives claimed, taken or cost are deaths; not one's own life taken, nor lives a war would cost
    ("The shooting on Sunday claimed the life of a 47-year-old man.", [("killed", 1)]),
    ("The blast claimed the lives of three soldiers.", [("killed", 3)]),
    ("The attack claimed 12 lives on Monday.", [("killed", 12)]),
    ("The fighting has claimed hundreds of lives.", [("killed", 200)]),
    ("The bombing took the lives of four children.", [("killed", 4)]),
    # ... not a shooting that was not fatal, nor one of nobody named
    ("Police are investigating the shooting of a woman on Elm Street.", []),
    ("The fatal shooting happened on Elm Street.", []),
    # one of several hit: the one is the figure of what befell that one; the participle counts them all
    ("One of three people shot on Elm Street has died.", [("injured", 3), ("killed", 1)]),
    ("One of three people who were shot on Elm Street has died.", [("injured", 3), ("killed", 1)]),
    ("Two of five men wounded in the attack died on Monday.", [("injured", 5), ("killed", 2)]),
    # a relative clause counts its own antecedent, not the people listed with it
    ("Five people were shot, including two men who were killed and two officers who were wounded.",
     [("injured", 2), ("injured", 5), ("killed", 2)]),
    ("The victims were a woman who was killed and her son, who was wounded.", [("injured", 1), ("killed", 1)]),
])
def test_whom_a_phrase_counts(text: str, expected: list[tuple[str, int]]) -> None:
    assert counts(text) == expected


@pytest.mark.slow
def test_lives_a_war_would_cost_did_not_die() -> None:
    found = figures("A full-scale war would cost thousands of lives, analysts said.")
    assert [(f.kind, f.modality is not None) for f in found] == [("killed", True)]


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # the killer's own death, told by the next verb of the same coordination, is one dead more than the victims
    ("A man shot and killed his wife on Sunday and then killed himself, police said.", [("killed", 2)]),
    ("Police said the gunman killed two people and then took his own life.", [("killed", 3)]),
    ("The father fatally shot his two sons before he committed suicide.", [("killed", 3)]),
    ("The man killed himself after he shot and killed his wife, police said.", [("killed", 2)]),
    ("A man shot and killed a young girl on Elm Street before turning the gun on himself.", [("killed", 2)]),
    ("Police said the man killed his wife and then turned the gun on himself.", [("killed", 2)]),
    # ... also after a victim shot "dead"
    ("A man shot his baby son dead before turning the gun on himself, police said.", [("killed", 2)]),
    ("The gunman shot two guards dead and then took his own life.", [("killed", 3)]),
    # ... not when he survived it
    ("The man killed his wife and then turned the gun on himself but survived.", [("killed", 1)]),
    # ... which the victims' wounds do not tell
    ("The man shot and wounded his wife and killed her mother before turning the gun on himself.",
     [("injured", 1), ("killed", 2)]),
    ("The wife was killed and the man killed himself.", [("killed", 1), ("killed", 1)]),
    # ... not a death with no victims' verb, nor a suicide only threatened
    ("He died after he killed himself, police said.", [("killed", 1), ("killed", 1)]),
    ("He threatened to kill his wife and then kill himself.", [("killed", 1), ("killed", 1)]),
    # ... a total of the sentence, which the story's other totals bound
    ("Two people are dead in an apparent murder-suicide. Police said a man shot and killed his wife and then "
     "killed himself.", [("killed", 2), ("killed", 2)]),
    # ... and a suicide alone is one death
    ("A man killed himself on Sunday.", [("killed", 1)]),
])
def test_a_killers_own_death(text: str, expected: list[tuple[str, int]]) -> None:
    assert counts(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,kind", [
    # "a 12-year-old Tuesday afternoon": the parse makes the day (a date, no victim) the noun of the age; the age is
    # the victim
    ("A boy accidentally shot and killed a 12-year-old Tuesday afternoon in a house.", "killed"),
    ("A man shot and killed a 17-year-old Sunday night outside a store.", "killed"),
    ("Police said a gunman wounded a 15-year-old Friday night on Elm Street.", "injured"),
])
def test_an_age_before_a_day_is_the_victim(text: str, kind: str) -> None:
    import dateline

    event = dateline.code(text, published="2017-12-18").to_dict()["events"][0]
    assert (event["estimates"].get(kind) or {}).get("best") == 1


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "A man took a box of pills in an effort to kill himself, police said.",
    "He tried to kill his wife on Sunday, police said.",
    "The gunman attempted to kill two officers.",
    "In an attempt to kill the witness, the man fired twice.",
])
def test_an_attempted_killing_counts_no_one_dead(text: str) -> None:
    found = figures(text)
    assert found and all(f.kind == "killed" and f.modality == "attempt" for f in found)


@pytest.mark.slow
@pytest.mark.parametrize("text,feared", [
    ("Residents fear that dozens may have died in the landslide.", True),
    ("Five fishermen are feared dead after the boat was shelled.", True),
    ("It is feared that 20 people were killed in the raid.", True),
    ("Twelve people were feared killed in the attack on Monday.", True),
    # ... not a killing that happened beside a fear
    ("The attack killed 20 people, and residents fear more attacks.", False),
    ("Fearing reprisals, the villagers fled after gunmen killed four farmers.", False),
    ("Police said three men were killed; relatives feared for their safety.", False),
])
def test_a_death_only_feared_is_no_death(text: str, feared: bool) -> None:
    found = [f for f in figures(text) if f.kind == "killed"]
    assert found and all((f.modality == "feared") == feared for f in found)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Teenagers can't sit on a porch without getting hurt or losing their lives.",
    "You could not walk to the store without getting killed, a neighbour said.",
    "Nobody can cross the bridge without being shot at by snipers.",
])
def test_a_casualty_without_which_one_cannot_act_is_hypothetical(text: str) -> None:
    found = [f for f in figures(text) if f.kind in ("killed", "injured")]
    assert all(f.modality == "conditional" for f in found)


@pytest.mark.slow
@pytest.mark.parametrize("text,kinds", [
    ("Five people were shot on Sunday. Two others escaped without being hurt.", [("injured", 5)]),
    ("The hostages were freed without injury after gunmen killed two guards.", [("killed", 2)]),
    ("Three soldiers were wounded, and the rest of the patrol returned without casualties.", [("injured", 3)]),
])
def test_no_one_is_counted_of_those_who_came_out_without_harm(text: str, kinds: list[tuple[str, int]]) -> None:
    assert [(f.kind, f.high) for f in figures(text)] == kinds


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Deputies were not able to say if the hiker had died.",
    "It is unclear whether two others were killed.",
    "Officials did not know whether the guard was wounded.",
    "Reporters asked if three guards had been hurt in the blast.",
])
def test_a_casualty_in_an_open_question_is_not_reported(text: str) -> None:
    found = [f for f in figures(text) if f.kind in ("killed", "injured")]
    assert found and all(f.modality == "question" for f in found)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "It is unclear whether the man died at the scene or at the hospital.",
    "It was not clear whether the teenager was shot by police or by another man.",
])
def test_an_open_question_about_a_detail_takes_the_casualty_for_granted(text: str) -> None:
    found = [f for f in figures(text) if f.kind in ("killed", "injured")]
    assert found and all(f.modality is None for f in found)


@pytest.mark.slow
def test_a_second_infinitive_of_a_threat_is_threatened_too() -> None:
    found = figures("Rebels threatened to attack the city and to kill its mayor.")
    assert [(f.kind, f.modality) for f in found] == [("killed", "threat")]


@pytest.mark.slow
@pytest.mark.parametrize("text,modality", [
    # an infinitive right after a threat, a plot, an attempt noun is that noun's, wherever the parse hangs it
    ("The envoy wrote to the mayor, telling him of the plot to kill 20 officers.", "future"),
    ("Police arrested two men after hearing of the threat to kill six pupils.", "threat"),
    ("The officer rang the mayor, telling her of the threat to kill six magistrates.", "threat"),
    ("The guard alerted the warden, reminding him of the attempt to kill three inmates.", "attempt"),
])
def test_an_infinitive_after_a_threat_noun_is_not_reported(text: str, modality: str) -> None:
    found = [f for f in figures(text) if f.kind == "killed"]
    assert [f.modality for f in found] == [modality]


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # a named person wounded who is named among the dead is one of the dead, not a wounded ...
    ("Antrez Felder died inside a home on Elm Street. Felder was wounded in the head, the coroner said.",
     [("killed", 1)]),
    ("Ann Lee was killed on Sunday. Lee was wounded in the chest, police said.", [("killed", 1)]),
    # ... another person of the family name is not
    ("Ann Lee was killed and Ben Lee was wounded on Sunday.", [("injured", 1), ("killed", 1)]),
])
def test_a_named_victim_wounded_then_dead(text: str, expected: list[tuple[str, int]]) -> None:
    assert counts(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # one person hit in one clause and another in another clause of the sentence are two
    ("Police said a boy was riding his bike when he was shot, while a girl was grazed by a bullet.",
     [("injured", 2)]),
    ("The father was shot in the arm, while the toddler was shot in the foot.", [("injured", 2)]),
    ("A man was wounded in the arm, and his son was shot in the leg.", [("injured", 2)]),
    ("Tom Reyes was shot in the foot; Ann Marsh was shot in the arm.", [("injured", 2)]),
    ("A woman was shot in the leg and another woman was grazed in the head.", [("injured", 2)]),
    ("A man was shot in the leg, while a teen was wounded in the arm.", [("injured", 2)]),
    # each "a" brings in someone new, police reports' "a female" / "a male" too
    ("A woman was shot in the leg and a 26-year-old woman was grazed in the head.", [("injured", 2)]),
    ("A female was shot in the leg and a 6-year-old female was shot in the shoulder.", [("injured", 2)]),
    ("A male was wounded in the arm, and a male was shot in the hip.", [("injured", 2)]),
    # ... a total of the sentence, which the story's other totals bound rather than add to
    ("Three people were shot on Elm Street. A man was shot in the leg, while a woman was grazed.",
     [("injured", 2), ("injured", 3)]),
])
def test_two_people_told_apart_in_one_sentence(text: str, expected: list[tuple[str, int]]) -> None:
    assert counts(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    # a word that may stand for the person before it, a pronoun, the same word, an apposition: one person
    "A man was shot in the leg and the victim was wounded again in the arm.",
    "A man was shot in the leg, and the teen was wounded in the arm.",
    "A woman was shot on Sunday after she was wounded in a fight.",
    "A man was shot in the leg and the man was hurt in the arm.",
    "A man was shot in the leg, and the father was wounded in the arm.",
    "The teen was shot in the leg, and the boy was wounded in the arm.",
    "Officers said the boy was shot, and they think the youngster may have been struck by a stray round.",
    "The man was shot in the leg, and they think his son might have been wounded too.",
    # "also" victims are the estimate's to add
    "A man was shot in the leg and a woman was also wounded.",
])
def test_one_person_in_two_clauses_is_not_told_apart(text: str) -> None:
    found = counts(text)
    assert found and all(low == 1 for _, low in found), found


@pytest.mark.slow
def test_two_deaths_in_one_sentence_are_not_summed_by_it() -> None:
    # two deaths told in one sentence are as often two happenings of a round-up: the estimate weighs them
    assert counts("Police found a woman shot to death on Elm Street, as well as a teen who was killed on Oak "
                  "Street.") == [("killed", 1), ("killed", 1)]


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    ("A boy was shot in the leg and a girl was wounded in a separate shooting.", [("injured", 1), ("injured", 1)]),
])
def test_separate_happenings_in_one_sentence_stay_apart(text: str, expected: list[tuple[str, int]]) -> None:
    assert counts(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # the tagger may read the participle after the noun as a past tense ("people shot/VBD at the party")
    ("He was one of five people shot at the party.", [("injured", 5)]),
    ("She was among four people shot outside a bar on Sunday.", [("injured", 4)]),
])
def test_one_of_several_people_shot(text: str, expected: list[tuple[str, int]]) -> None:
    assert counts(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # a verb coordinated with another takes its subject, unless its own auxiliary disagrees in number with it
    # (the parse may lose the verb's own subject: "the 17-year-old" read as a conjunct of "hospitals")
    ("Two men were shot on Monday. Both men were rushed to a hospital and the 19-year-old was later pronounced "
     "dead.", [("injured", 2), ("killed", 1)]),
    ("Two men were shot and were taken to a hospital.", [("injured", 2)]),
    ("Two men were shot on Sunday and were pronounced dead at the scene.", [("killed", 2)]),
    ("A teenager shot in the head in her front yard has died, police said.", [("killed", 1)]),
    # (a modal before "have" says nothing of number)
    ("The man must have been shot at close range and was pronounced dead at the scene.", [("killed", 1)]),
])
def test_a_coordinated_verb_of_another_number_has_its_own_subject(text: str,
                                                                   expected: list[tuple[str, int]]) -> None:
    assert counts(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # a plural with no number counts the names given for it
    ("A man killed his wife and their sons, Eli and Noah, on Sunday.", [("killed", 3)]),
    ("Her sons, Tom and Jim, were wounded.", [("injured", 2)]),
    ("The gunman wounded his colleagues, Ann Cole and Tom Lee, at the office.", [("injured", 2)]),
])
def test_a_plural_counts_the_names_given_for_it(text: str, expected: list[tuple[str, int]]) -> None:
    assert counts(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    # an institution is no victim ("a government that has murdered": the government did it)
    "They denounced a government that has murdered.",
    "The rebels condemned an organization that has killed for years.",
])
def test_an_institution_is_no_victim(text: str) -> None:
    assert counts(text) == []


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # the "and" of a list may hang on an apposition of its first people
    ("Two girls, ages 4 and 7, and their father have been found dead.", [("killed", 3)]),
    ("Two boys, ages 12 and 14, and a man were wounded.", [("injured", 3)]),
])
def test_a_list_joined_after_an_apposition(text: str, expected: list[tuple[str, int]]) -> None:
    assert counts(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # "wounded or killed" counts both kinds together: of each kind at most that many
    ("Officials said five people were wounded or killed.", [("injured", None, 5), ("killed", None, 5)]),
    # a negated figure is none of either
    ("No one was killed or injured in the blast.", [("injured", 0, 0), ("killed", 0, 0)]),
    ("Three people were killed or injured in the blast on Monday.", [("injured", None, 3), ("killed", None, 3)]),
    # ... and nothing of either kind with no upper bound
    ("At least 20 people were killed or injured in the blast.", []),
    ("Dozens of people were killed or wounded in the attack.", []),
    # "and" is no disjunction
    ("Three people were killed and two were injured.", [("injured", 2, 2), ("killed", 3, 3)]),
])
def test_a_figure_of_either_kind_is_an_upper_bound(text: str,
                                                   expected: list[tuple[str, int | None, int | None]]) -> None:
    assert sorted((f.kind, f.low, f.high) for f in figures(text)) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # "shot at" with no object after it is fired on, not hit
    ("He was shot at twice, the officer said.", []),
    ("A man was shot at but not hit.", []),
    ("A man was shot at close range.", [("injured", 1)]),
])
def test_shot_at_is_no_hit(text: str, expected: list[tuple[str, int]]) -> None:
    assert counts(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # a fatal wound is a death
    ("Police said a 20-year-old woman suffered a fatal gunshot wound.", [("killed", 1)]),
    ("The man suffered a fatal gunshot wound to the chest and died at the scene.", [("killed", 1)]),
    ("A boy suffered a gunshot wound to the leg.", [("injured", 1)]),
    ("Four bystanders sustained minor, non-fatal bullet wounds.", [("injured", 4)]),
    # shootings are no victims
    ("Five shootings in four days left three people dead and more injured.", [("killed", 3)]),
])
def test_a_fatal_wound_and_shootings_as_no_victims(text: str, expected: list[tuple[str, int]]) -> None:
    assert counts(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # "passed away" is a death; passing something away is not
    ("The boy was taken off life support on Sunday and passed away.", [("killed", 1)]),
    ("A man who was shot on Friday has passed away, police said.", [("killed", 1)]),
    ("He passed the ball away.", []),
])
def test_passed_away(text: str, expected: list[tuple[str, int]]) -> None:
    assert counts(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,kind,best", [
    # a wire dateline with no date is not the lead's subject: its town and country are no victims
    ("CAIRO, Egypt — Three policemen and a driver were killed when gunmen opened fire on their car on Monday.",
     "killed", 4),
    ("KANO, Nigeria — Two traders and a boy were wounded when a bomb went off at a market.", "injured", 3),
    # ... and the lead's first "A", which the tagger then takes for a pronoun, is still an article
    ("JACKSONVILLE, Fla. - A 14-year-old was shot in the leg early Sunday in the parking lot of a club, police said.",
     "injured", 1),
])
def test_the_dateline_is_not_the_leads_subject(text: str, kind: str, best: int) -> None:
    import dateline

    event = dateline.code(text, published="2017-12-18").to_dict()["events"][0]
    assert (event["estimates"].get(kind) or {}).get("best") == best


@pytest.mark.slow
@pytest.mark.parametrize("text,killed", [
    # "succumbed" is a death; "a third victim" after two counts on from them
    ("Two men were shot dead at a bar on Friday. A third victim succumbed to his injuries on Saturday.", 3),
    ("Two men were shot dead at a bar on Friday. A third victim died in hospital on Saturday.", 3),
    # ... not after a count the ordinal does not continue (the third of three dead is one of them)
    ("Three men were shot dead at a bar on Friday. A third victim died in hospital on Saturday.", 3),
])
def test_the_nth_victim_counts_on(text: str, killed: int) -> None:
    import dateline

    event = dateline.code(text, published="2017-12-18").to_dict()["events"][0]
    assert event["estimates"]["killed"]["best"] == killed


@pytest.mark.slow
@pytest.mark.parametrize("text,modal", [
    ("Did the raid kill 40 people?", True),
    # a relative clause in the past inside a question tells what happened
    ("Will the violence spread to the capital, where 20 people died last year?", False),
])
def test_a_question_asks_but_not_its_past_relative_clause(text: str, modal: bool) -> None:
    assert [f.modality == "question" for f in figures(text)] == [modal]


@pytest.mark.slow
@pytest.mark.parametrize("text,modality", [
    # a verb coordinated with a modal one, with no subject or auxiliary of its own, shares its modality
    ("The rebels could storm the town and kill hundreds, officials warned.", "conditional"),
    ("The militia will attack the camp and kill 20 guards unless it is paid.", "future"),
    # ... not one with a subject of its own
    ("The army could not stop the attack, and gunmen killed 12 villagers.", None),
    ("Gunmen stormed the village and killed 12 people.", None),
])
def test_a_coordinated_verb_shares_the_modal(text: str, modality: str | None) -> None:
    assert [f.modality for f in figures(text)] == [modality]


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    ("Hunter fatally shoots self in woods", [("killed", 1)]),
    ("Toddler accidentally shoots self in foot", [("injured", 1)]),
])
def test_a_headlines_self_is_one_person(text: str, expected: list[tuple[str, int]]) -> None:
    assert counts(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # a number before "in losses" or "of dollars" is an amount, not more people
    ("The blast caused the injury of four guards and millions in losses.", [("injured", 4)]),
    ("The blast injured four people and caused thousands of dollars in damage.", [("injured", 4)]),
    ("Rebels wounded three guards and took thousands in cash from the depot.", [("injured", 3)]),
])
def test_an_amount_of_money_is_no_head_count(text: str, expected: list[tuple[str, int]]) -> None:
    assert counts(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # "slain" used of the victims, as "dead" is
    ("Seven slain in shooting spree", [("killed", 7)]),
    ("Two slain, one hurt in shooting at a bar", [("injured", 1), ("killed", 2)]),
])
def test_slain_is_said_of_the_dead(text: str, expected: list[tuple[str, int]]) -> None:
    assert sorted(counts(text)) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # a toll that ends its sentence, before more text: a head count ("the toll was at least 15.")
    ("Bandits killed six herders on Sunday. Villagers said the toll was at least 11. Police arrived later.",
     [("killed", 6), ("killed", 11)]),
    ("Bandits killed six herders on Sunday. The number of dead was 11. Police arrived later.",
     [("killed", 6), ("killed", 11)]),
    # an aircraft shot down is no one wounded
    ("Militants shot down a police helicopter over the hills. Nobody else was nearby.", []),
    ("The rebels said they had shot down a drone near the border.", []),
])
def test_a_toll_at_a_sentence_end_and_an_aircraft_hit(text: str, expected: list[tuple[str, int]]) -> None:
    assert [c for c in counts(text) if c != ("injured", 0) and c != ("killed", 0)] == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # the story's victim ranked in a series ("the second journalist to be killed this week") is no one more
    ("Gunmen shot dead a radio journalist outside his home on Monday. He is the second journalist to be killed this "
     "week.", [1]),
    ("Gunmen shot dead a mayor in the north on Monday. He was the third mayor murdered in the region this year.", [1]),
    ("Gunmen shot dead a mayor on Monday. The mayor is the second official that has been killed in the province in "
     "three days.", [1]),
    # ... while "a second man" told as one more victim still counts
    ("One man was shot dead and a second man was killed by a grenade.", [1, 1]),
])
def test_a_victim_ranked_in_a_series_is_no_more_dead(text: str, expected: list[int]) -> None:
    assert [f.low for f in figures(text) if f.kind == "killed"] == expected
