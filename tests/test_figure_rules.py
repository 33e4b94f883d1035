"""The pieces of the figures stage, one job each, as (sentence, expected) tables; and its rule files."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Token

import dateline.pipeline as nlp
from dateline import lexicon
from dateline.pipeline import figures as fig

pytestmark = pytest.mark.slow


Brief = tuple[str, str, int | None, int | None, bool]


def parse(text: str) -> Doc:
    """The statistical pipeline only: the pieces under test are called directly (loaded on first use, not at
    import: collecting the tests must not load the model)."""
    pipe = nlp.load()
    with pipe.select_pipes(enable=[name for name, _ in pipe.pipeline if not name.startswith("dateline_")]):
        return pipe(text)


def token(text: str, word: str) -> Token:
    """The first token of ``text`` written ``word``."""
    return next(t for t in parse(text) if t.text == word)


def trigger(text: str, word: str, role: str) -> tuple[Token, str]:
    """The casualty word ``word`` of ``text`` and its kind; it must be a trigger of ``role``."""
    tok = token(text, word)
    found = fig._trigger_kind(tok)
    assert found is not None and found[1] == role, (text, word, found)
    return tok, found[0]


def brief(found: list[fig._Found]) -> list[Brief]:
    """(kind, victim or number as written, low, high, update) of each figure."""
    return [(kind, victim.text, c.low, c.high, update) for kind, victim, c, update in found]


# ----------------------------------------------------------------------------------------- triggers

# (sentence, trigger, role, figures)
FIGURES_FOR = [
    ("Gunmen killed two soldiers on Monday.", "killed", "verb", [("killed", "soldiers", 2, 2, False)]),
    ("Three people died in the blast.", "died", "intransitive", [("killed", "people", 3, 3, False)]),
    ("A guard was shot in the leg.", "shot", "shoot", [("injured", "guard", 1, 1, False)]),
    ("Two men were shot dead outside the bar.", "shot", "shoot", [("killed", "men", 2, 2, False)]),
    ("Police shot and killed the gunman.", "shot", "shoot", []),
    ("The clashes left 31 dead.", "dead", "adj", [("killed", "31", 31, 31, False)]),
    ("The storm caused 40 deaths.", "deaths", "noun", [("killed", "40", 40, 40, False)]),
    ("The death toll rose to 40.", "toll", "toll", [("killed", "40", 40, 40, True)]),
    ("Six of the dead were women.", "dead", "adj", [("killed", "Six", 6, 6, False)]),
    # a count of deaths, not a part of the dead
    ("The fighting caused hundreds of deaths.", "deaths", "noun", [("killed", "hundreds", 200, 999, False)]),
    ("Scores of deaths were reported in the clashes.", "deaths", "noun", [("killed", "Scores", 40, 99, False)]),
]


@pytest.mark.parametrize(("text", "word", "role", "expected"), FIGURES_FOR)
def test_figures_for_dispatches_by_role(text: str, word: str, role: str, expected: list[Brief]) -> None:
    tok, kind = trigger(text, word, role)
    assert brief(fig._figures_for(tok, kind, role)) == expected


# (sentence, the kind a form of "shoot" reports: None when it gives no figure)
SHOOTING_KINDS = [
    ("Two men were shot dead outside the bar.", "killed"),
    ("A teenager was fatally shot on Friday.", "killed"),
    ("A guard was shot in the leg.", "injured"),
    ("Police shot and killed the gunman.", None),
    ("He shot at the passing cars.", None),
]


@pytest.mark.parametrize(("text", "expected"), SHOOTING_KINDS)
def test_shooting_kind(text: str, expected: str | None) -> None:
    tok, kind = trigger(text, "shot", "shoot")
    assert fig._shooting_kind(tok, kind) == expected


# ----------------------------------------------------------------------------------------- verbs

# (sentence, trigger, role, figures)
VERB_FIGURES = [
    ("Gunmen killed two soldiers on Monday.", "killed", "verb", [("killed", "soldiers", 2, 2, False)]),
    ("Police arrested 14 protesters.", "arrested", "verb", [("arrested", "protesters", 14, 14, False)]),
    ("Twelve villagers were wounded by the shelling.", "wounded", "verb", [("injured", "villagers", 12, 12, False)]),
    ("Two policemen were mortally wounded in the ambush.", "wounded", "verb",
     [("killed", "policemen", 2, 2, False)]),
    ("The officers were not hurt.", "hurt", "verb", [("injured", "officers", 0, 0, False)]),
    ("Three people died in the blast.", "died", "intransitive", [("killed", "people", 3, 3, False)]),
]


@pytest.mark.parametrize(("text", "word", "role", "expected"), VERB_FIGURES)
def test_verb_figures(text: str, word: str, role: str, expected: list[Brief]) -> None:
    tok, kind = trigger(text, word, role)
    assert brief(fig._verb_figures(tok, kind, role)) == expected


# (sentence, trigger, (victim, low, high, negated))
VICTIM_COUNTS = [
    ("The bomb killed 40 people.", "killed", ("people", 40, 40, False)),
    ("Rebels killed a farmer and his son.", "killed", ("farmer", 2, 2, False)),
    ("The two guards were not hurt.", "hurt", ("guards", 0, 0, True)),
    ("The guards were not hurt.", "hurt", ("guards", 0, 0, True)),
    ("Nobody was injured.", "injured", ("Nobody", 0, 0, True)),
]


@pytest.mark.parametrize(("text", "word", "expected"), VICTIM_COUNTS)
def test_victim_count(text: str, word: str, expected: tuple) -> None:
    tok, _ = trigger(text, word, "verb")
    victim = fig._victims_verb(tok, "verb")
    assert victim is not None
    c = fig._victim_count(tok, victim)
    assert c is not None and (victim.text, c.low, c.high, c.negated) == expected


# (sentence, figures of "shot": those shot fatally split off as killed)
ONE_FATALLY = [
    ("Three people were shot, one fatally.", [("injured", "people", 2, 2, False), ("killed", "one", 1, 1, False)]),
    ("Five men were shot, two fatally.", [("injured", "men", 3, 3, False), ("killed", "two", 2, 2, False)]),
    ("Two women were shot.", [("injured", "women", 2, 2, False)]),
]


@pytest.mark.parametrize(("text", "expected"), ONE_FATALLY)
def test_one_fatally(text: str, expected: list[Brief]) -> None:
    tok, kind = trigger(text, "shot", "shoot")
    victim = fig._victims_verb(tok, "verb")
    assert victim is not None
    c = fig._count(victim)
    assert c is not None
    assert brief(fig._one_fatally(tok, kind, victim, c)) == expected


# (sentence, verb, whether a "not" hangs on it or on the verb it completes)
NEGATIONS = [
    ("The officers were not hurt.", "hurt", True),
    ("The officers were hurt.", "hurt", False),
    ("Troops never killed anyone.", "killed", True),
    ("The guards were not reported injured.", "injured", True),
    ("No civilians were reported injured.", "injured", False),  # the "no" is on the noun, not the verb
]


@pytest.mark.parametrize(("text", "word", "expected"), NEGATIONS)
def test_has_neg_dependent(text: str, word: str, expected: bool) -> None:
    assert fig._has_neg_dependent(token(text, word)) is expected


# ----------------------------------------------------------------------------------------- adjectives

# (sentence, trigger, figures)
ADJECTIVE_FIGURES = [
    ("The clashes left 31 dead.", "dead", [("killed", "31", 31, 31, False)]),
    ("Two soldiers were found dead in the river.", "dead", [("killed", "soldiers", 2, 2, False)]),
    ("Two guards were not dead.", "dead", [("killed", "guards", 0, 0, False)]),
    ("Three fishermen are still missing.", "missing", [("missing", "fishermen", 3, 3, False)]),
    ("The floods left 300 families homeless.", "homeless", [("displaced", "families", 300, 300, False)]),
    ("The fire left hundreds of people homeless.", "homeless", [("displaced", "hundreds", 200, 999, False)]),
]


@pytest.mark.parametrize(("text", "word", "expected"), ADJECTIVE_FIGURES)
def test_adjective_figures(text: str, word: str, expected: list[Brief]) -> None:
    tok, kind = trigger(text, word, "adj")
    assert brief(fig._adjective_figures(tok, kind)) == expected


# (sentence, adjective, whom it is said of)
ADJECTIVE_HOLDERS = [
    ("Two soldiers were found dead in the river.", "dead", "soldiers"),
    ("The floods left 300 families homeless.", "homeless", "families"),
    ("The toll was dead.", "dead", None),  # a toll is not a victim
]


@pytest.mark.parametrize(("text", "word", "expected"), ADJECTIVE_HOLDERS)
def test_adjective_holder(text: str, word: str, expected: str | None) -> None:
    tok, kind = trigger(text, word, "adj")
    holder = fig._adjective_holder(tok, kind)
    assert (holder.text if holder is not None else None) == expected


# ----------------------------------------------------------------------------------------- nouns

# (sentence, trigger, figures)
NOUN_FIGURES = [
    ("There were no injuries.", "injuries", [("injured", "injuries", 0, 0, False)]),
    ("The storm caused 40 deaths.", "deaths", [("killed", "40", 40, 40, False)]),
    ("A man with a gunshot wound walked into the clinic.", "wound", [("injured", "man", 1, 1, False)]),
    ("The victim had six gunshot wounds.", "wounds", [("injured", "victim", 1, 1, False)]),
    ("The deaths of twelve miners shocked the town.", "deaths", [("killed", "miners", 12, 12, False)]),
]


@pytest.mark.parametrize(("text", "word", "expected"), NOUN_FIGURES)
def test_noun_figures(text: str, word: str, expected: list[Brief]) -> None:
    tok, kind = trigger(text, word, "noun")
    assert brief(fig._noun_figures(tok, kind)) == expected


# (sentence, noun, figures: whose death, murder or body it is)
WHOSE_FIGURES = [
    ("The deaths of twelve miners shocked the town.", "deaths", [("killed", "miners", 12, 12, False)]),
    ("The bodies of six men were found in a ditch.", "bodies", [("killed", "men", 6, 6, False)]),
    ("A body was found near the river.", "body", [("killed", "body", 1, 1, False)]),
    ("Mayor Luis Ortega's murder shocked the town.", "murder", [("killed", "Ortega", 1, 1, False)]),
]


@pytest.mark.parametrize(("text", "word", "expected"), WHOSE_FIGURES)
def test_whose_figures(text: str, word: str, expected: list[Brief]) -> None:
    tok, kind = trigger(text, word, "noun")
    assert brief(fig._whose_figures(tok, kind)) == expected


# ----------------------------------------------------------------------------------------- tolls

# (sentence, trigger, figures; the last item says whether the toll is a revised total)
TOLL_FIGURES = [
    ("The death toll rose to 40.", "toll", [("killed", "40", 40, 40, True)]),
    ("The death toll stands at 17.", "toll", [("killed", "17", 17, 17, True)]),
    ("Officials raised the death toll to 25.", "toll", [("killed", "25", 25, 25, True)]),
    ("The death toll of 12 includes three children.", "toll", [("killed", "12", 12, 12, False)]),
    ("The number of dead has risen to 12.", "number", [("killed", "12", 12, 12, True)]),
]


@pytest.mark.parametrize(("text", "word", "expected"), TOLL_FIGURES)
def test_toll_figures(text: str, word: str, expected: list[Brief]) -> None:
    tok, kind = trigger(text, word, "toll")
    assert brief(fig._toll_figures(tok, kind)) == expected


# (sentence, (where the number may hang, revised total))
TOLL_CANDIDATES = [
    ("The death toll rose to 40.", (["40"], True)),
    ("Officials raised the death toll to 25.", (["25"], True)),
    ("Officials put the death toll at 25.", (["25"], False)),
]


@pytest.mark.parametrize(("text", "expected"), TOLL_CANDIDATES)
def test_toll_candidates(text: str, expected: tuple[list[str], bool]) -> None:
    tok, _ = trigger(text, "toll", "toll")
    cands, update = fig._toll_candidates(tok)
    assert ([c.text for c in cands], update) == expected


# (headline-style text, figures of the number after the toll)
TOLL_NEXT_NUMBER = [
    ("Death toll now 40 after blast", [("killed", "40", 40, 40, True)]),
    ("The death toll. 40 more", []),  # not past the sentence's end
]


@pytest.mark.parametrize(("text", "expected"), TOLL_NEXT_NUMBER)
def test_toll_next_number(text: str, expected: list[Brief]) -> None:
    tok, kind = trigger(text, "toll", "toll")
    assert brief(fig._toll_next_number(tok, kind)) == expected


# ----------------------------------------------------------------------------------------- counting a phrase

# (sentence, the number heading the phrase, (low, high, who, partitive, negated))
NUMBER_HEADS = [
    ("Six of the dead were women.", "Six", (6, 6, None, True, False)),
    ("Dozens of people were hurt.", "Dozens", (24, 99, "people", False, False)),
    ("Rebels killed at least twelve.", "twelve", (12, None, None, False, False)),
    ("No one was hurt.", "one", (0, 0, None, False, True)),
]


@pytest.mark.parametrize(("text", "word", "expected"), NUMBER_HEADS)
def test_count_number_head(text: str, word: str, expected: tuple) -> None:
    c = fig._count_number_head(token(text, word))
    assert c is not None and (c.low, c.high, c.who, c.partitive, c.negated) == expected


# (sentence, noun, (low, high) the number in front of it gives, or None)
NUMBER_MODIFIERS = [
    ("At least 12 soldiers died.", "soldiers", (12, None)),
    ("Nearly 200 people fled.", "people", (None, 200)),
    ("Both people were hurt.", "people", (2, 2)),
    ("The soldiers were hurt.", "soldiers", None),
]


@pytest.mark.parametrize(("text", "word", "expected"), NUMBER_MODIFIERS)
def test_count_number_modifier(text: str, word: str, expected: tuple | None) -> None:
    noun = token(text, word)
    c = fig._count_number_modifier(noun, fig._who(noun), noun.i)
    assert (None if c is None else (c.low, c.high)) == expected


# (sentence, singular noun, whether it counts one person)
SINGULARS = [
    ("A man was killed.", "man", True),
    ("His wife was injured.", "wife", True),
    ("Officer Smith was wounded.", "Smith", True),
    ("One person died and a second was injured.", "second", True),
    ("The car was shot.", "car", False),
]


@pytest.mark.parametrize(("text", "word", "expected"), SINGULARS)
def test_count_singular(text: str, word: str, expected: bool) -> None:
    noun = token(text, word)
    c = fig._count_singular(noun, fig._who(noun), noun.i)
    assert (c is not None and (c.low, c.high) == (1, 1)) is expected


# (sentence, head of the victim phrase, (low, high) or None)
COUNT_ONE = [
    ("A total of 26 people were evacuated.", "total", (26, 26)),
    ("He was wounded.", "He", (1, 1)),
    ("Soldiers were killed.", "Soldiers", None),  # the text does not say how many
    ("Nobody was hurt.", "Nobody", (0, 0)),
]


@pytest.mark.parametrize(("text", "word", "expected"), COUNT_ONE)
def test_count_one(text: str, word: str, expected: tuple | None) -> None:
    c = fig._count_one(token(text, word))
    assert (None if c is None else (c.low, c.high)) == expected


# ----------------------------------------------------------------------------------------- rule files


def _documented(name: str) -> set[str]:
    """The tags or values a rule file's comment header explains ("#   tag  what it means")."""
    return {line[4:].split()[0] for line in lexicon.data_lines(f"rules/{name}.tsv")
            if line.startswith("#   ") and not line.startswith("#    ")}


def test_figures_words_tags_are_documented_and_used() -> None:
    documented = _documented("figures_words")
    used = {t for r in lexicon.table("figures_words") for t in r["tags"].split(",")}
    assert used == documented
    for tag in documented:
        assert fig._listed(tag), tag
    with pytest.raises(KeyError):
        fig._listed("no-such-list")


def test_figures_triggers_roles_and_kinds() -> None:
    rows = lexicon.table("figures_triggers")
    assert {r["role"] for r in rows} == _documented("figures_triggers")
    assert {r["kind"] for r in rows} <= set(fig.KINDS)
    assert fig._trigger_words("verb")["slay"] == "killed"
    assert fig._trigger_words("toll-of")["hostages"] == "kidnapped"


def test_figures_bounds() -> None:
    assert {r["bound"] for r in lexicon.table("figures_bounds")} == _documented("figures_bounds")
    assert fig._bound_phrases("upper-exclusive") == ["just under", "fewer than", "less than", "under"]
    assert fig._EXCLUSIVE <= set(fig._bound_phrases("upper", "upper-exclusive"))


# (phrases, text, what the pattern takes off the front of the text or None)
LEADING = [
    (["at least", "at"], "at least 12", "at least "),
    (["at", "at least"], "at least 12", "at "),  # the first phrase that fits wins
    (["up to"], "up  to 40", None),  # one space, as parse_quantity leaves the text
    (["no.", "no"], "nox 3", None),  # a full stop is no wildcard
]


@pytest.mark.parametrize(("phrases", "text", "expected"), LEADING)
def test_leading(phrases: list[str], text: str, expected: str | None) -> None:
    m = fig._leading(phrases).match(text)
    assert (m.group(0) if m else None) == expected


def test_number_words() -> None:
    units, scales = fig._number_words("unit"), fig._number_words("scale")
    assert units["twenty"] == 20 and units["zero"] == 0 and "hundred" not in units
    assert scales["lakh"] == 100_000 and scales["crores"] == 10_000_000
    assert fig._VAGUE["dozens"] == (24, 99) and fig._VAGUE["a number"] == (2, None)


# A wire lead's city can be parsed as a second subject of the verb: the subject next to the verb is the victims.
LEADS = [
    ("OAKVILLE (Wire) — Four people were wounded in a shooting on Friday night.", "wounded", ("injured", 4)),
    ("BRENTFORD, Ohio — Two men were killed early Sunday.", "killed", ("killed", 2)),
    ("LAKEWOOD (News Service) -- Three teenagers were shot outside a school.", "shot", ("injured", 3)),
]


@pytest.mark.parametrize(("text", "word", "expected"), LEADS)
def test_the_subject_next_to_the_verb_is_the_victims(text: str, word: str, expected: tuple[str, int]) -> None:
    tok = token(text, word)
    found = fig._trigger_kind(tok)
    assert found is not None
    got = [(kind, c.low) for kind, _, c, _ in fig._figures_for(tok, found[0], found[1])]
    assert got == [expected]


# (sentence, the casualty word, the figure's modality: None when the text reports it as happened)
MODALITY = [
    ("Officials warned that a collapse of the dam would kill thousands of people.", "kill", "conditional"),
    ("An escalation could leave 10,000 dead, the report said.", "dead", "conditional"),
    ("Aid groups say hundreds might die if the siege goes on.", "die", "conditional"),
    ("The rebels threatened to kill 20 hostages.", "kill", "threat"),
    ("The group vowed to kill five officials before the vote.", "kill", "threat"),
    # an infinitive under a noun of a threat or a plan, also where the parse hangs it on the noun's verb
    ("The letter repeated the group's threat to kill a magistrate for each of its men jailed.", "kill", "threat"),
    ("The militia issued an ultimatum to kill the hostages by noon.", "kill", "threat"),
    ("Police uncovered a plan to kill 20 officers at the parade.", "kill", "future"),
    ("Detectives foiled a plot to kill 20 officers on Monday.", "kill", "future"),
    ("The rebels made an attempt to kill the governor.", "kill", "attempt"),
    ("The storm will displace 4,000 families, forecasters said.", "displace", "future"),
    ("Did the raid kill 40 people, as the opposition claims?", "kill", "question"),
    ("If the talks fail, 300 prisoners would be killed.", "killed", "conditional"),
    ("The blast may have killed 30 people, officials said.", "killed", None),
    ("The blast could have killed 30 people, officials said.", "killed", None),
    # ... not after a condition on the past that did not hold
    ("Had the bomb gone off, it could have killed dozens of commuters.", "killed", "conditional"),
    ("The device might have killed dozens if it had exploded in the crowded hall.", "killed", "conditional"),
    ("The strike may have killed 40 civilians if the monitors' count is right.", "killed", None),
    # ... nor when what happened instead follows ("could have ..., but")
    ("An airstrike on the village could have killed dozens, but the pilot aborted the mission.", "killed",
     "conditional"),
    ("The bomb could have killed dozens of people but it failed to explode.", "killed", "conditional"),
    ("The strike may have killed 20 civilians, but the army denied it.", "killed", None),
    ("Gunmen killed 12 villagers on Monday.", "killed", None),
    ("Police said two people were wounded and one was killed.", "wounded", None),
    ("The army said it could not confirm that 15 soldiers were killed.", "killed", None),
    ("If the boy dies, prosecutors will file more charges.", "dies", "conditional"),
    ("The woman is expected to recover from her wounds.", "wounds", None),
    ("He would later die of his injuries at a hospital.", "die", None),
    ("It was unclear if the boy shot himself or was shot by a friend.", "shot", None),
    ("The driver will face charges in the death of a 20-year-old man.", "death", None),
    ("Two bodies could be seen near the entrance.", "bodies", None),
    ("The coroner could only confirm four deaths.", "deaths", None),
    ("How could anyone kill a 9-year-old child?", "kill", None),
    ("Will Carter was shot in the arm on Friday.", "shot", None),
    ("A ministry spokesman promised to investigate the murder of six teachers.", "murder", None),
    ("We must condemn the killing of three aid workers.", "killing", None),
    ("A strike on the dam would cause 300 deaths.", "deaths", "conditional"),
    ("A war with the north could cause thousands of deaths.", "deaths", "conditional"),
    ("Such a strike would result in hundreds of deaths, analysts said.", "deaths", "conditional"),
    ("The fighting caused hundreds of deaths.", "deaths", None),
    # a toll projected, not reached
    ("Officials fear the death toll could rise above 50.", "toll", "conditional"),
    ("The number of dead will likely climb to 30, officials said.", "number", "future"),
    ("The death toll rose to 15 on Monday.", "toll", None),
]


@pytest.mark.parametrize(("text", "word", "expected"), MODALITY)
def test_modality(text: str, word: str, expected: str | None) -> None:
    assert fig.modality(token(text, word)) == expected


def test_an_age_the_parse_coordinates_with_names_is_no_one() -> None:
    """"Both Ortiz, 32, and Hale, 34, died": the parser sometimes makes the first age a conjunct between the
    names (the parse given here as the model once produced it in a longer story); two people, not 34."""
    words = ["Both", "Ortiz", ",", "32", ",", "and", "Hale", ",", "34", ",", "died", "."]
    heads = [1, 10, 1, 1, 3, 3, 3, 6, 6, 6, 10, 10]
    deps = ["det", "nsubj", "punct", "conj", "punct", "cc", "conj", "punct", "appos", "punct", "ROOT", "punct"]
    pos = ["DET", "PROPN", "PUNCT", "NUM", "PUNCT", "CCONJ", "PROPN", "PUNCT", "NUM", "PUNCT", "VERB", "PUNCT"]
    tags = ["DT", "NNP", ",", "CD", ",", "CC", "NNP", ",", "CD", ",", "VBD", "."]
    ents = ["O", "O", "O", "B-DATE", "O", "O", "B-PERSON", "O", "B-DATE", "O", "O", "O"]
    spaces = [True, False, True, False, True, True, False, True, False, True, False, False]
    doc = Doc(nlp.load().vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, ents=ents)
    count = fig._count(doc[1])
    assert count is not None and (count.low, count.high) == (2, 2)
    assert fig._age_after_name(doc[3]) and not fig._age_after_name(doc[1])


def test_names_after_a_counted_plural_are_the_people_it_counts() -> None:
    """"found Keller and his two sons, Al Keller Jr., 12, and Ed Keller, 10, shot": the parser hangs both sons'
    names on the father as more conjuncts (the parse given here as the model once produced it in a longer story);
    three people, not five."""
    words = ["She", "found", "Keller", "and", "his", "two", "sons", ",", "Al", "Keller", "Jr.", ",", "12", ",", "and",
             "Ed", "Keller", ",", "10", ",", "shot", "."]
    heads = [1, 1, 20, 2, 6, 6, 2, 2, 10, 10, 2, 10, 10, 10, 10, 16, 10, 16, 16, 16, 1, 1]
    deps = ["nsubj", "ROOT", "nsubj", "cc", "poss", "nummod", "conj", "punct", "compound", "compound", "conj", "punct",
            "appos", "punct", "cc", "compound", "conj", "punct", "appos", "punct", "ccomp", "punct"]
    pos = ["PRON", "VERB", "PROPN", "CCONJ", "PRON", "NUM", "NOUN", "PUNCT", "PROPN", "PROPN", "PROPN", "PUNCT", "NUM",
           "PUNCT", "CCONJ", "PROPN", "PROPN", "PUNCT", "NUM", "PUNCT", "VERB", "PUNCT"]
    tags = ["PRP", "VBD", "NNP", "CC", "PRP$", "CD", "NNS", ",", "NNP", "NNP", "NNP", ",", "CD", ",", "CC", "NNP",
            "NNP", ",", "CD", ",", "VBN", "."]
    ents = ["O", "O", "B-PERSON", "O", "O", "B-CARDINAL", "O", "O", "B-PERSON", "I-PERSON", "I-PERSON", "O", "B-DATE",
            "O", "O", "B-PERSON", "I-PERSON", "O", "B-DATE", "O", "O", "O"]
    spaces = [True, True, True, True, True, True, False, True, True, True, False, True, False, True, True, True, False,
              True, False, True, False, False]
    doc = Doc(nlp.load().vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, ents=ents)
    count = fig._count(doc[2])
    assert count is not None and (count.low, count.high) == (3, 3)
