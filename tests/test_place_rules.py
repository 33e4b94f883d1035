"""The steps of the places stage, one at a time: each step of ``find_places`` and ``event_place`` on short
sentences, and the word lists of ``data/rules/places_words.tsv``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pytest
from spacy.tokens import Doc, Span

import dateline.pipeline as nlp
from dateline import lexicon
from dateline.gazetteer import Place
from dateline.pipeline import places

pytestmark = pytest.mark.slow


# ---------------------------------------------------------------------------------------------- helpers

@dataclass
class Steps:
    """What the steps of ``find_places`` made of a text, up to the first pass."""

    doc: Doc
    gz: places.Gazetteer
    lowercase: bool
    ctx: places._Context
    demonyms: list[places.PlaceMention]
    names: list[places._Name]
    dateline: places.PlaceMention | None
    named_countries: set[str]


def _empty_context() -> places._Context:
    return places._Context(defaultdict(float), 0, defaultdict(float), [])


def _steps(text: str) -> Steps:
    """Run the steps of ``find_places`` before the first pass, in its order."""
    doc = nlp.analyse(text)
    gz = places.gazetteer()
    lowercase = places._lowercase_view(doc)
    raws = places._raw_mentions(doc, gz, lowercase)
    ctx = places._Context(defaultdict(float), len(places._US_CUES.findall(doc.text[:4000])), defaultdict(float), [])
    demonyms = places._demonyms(doc, gz, raws, lowercase, ctx)
    names = places._place_names(doc, gz, raws, lowercase, ctx)
    places._add_story_evidence(doc, ctx)
    dl = places._dateline_mention(doc, gz, lowercase, ctx)
    named = places._named_countries(doc, demonyms, names, dl, ctx)
    return Steps(doc, gz, lowercase, ctx, demonyms, names, dl, named)


def _name(steps: Steps, written: str) -> places._Name:
    for n in steps.names:
        if n.span.text == written:
            return n
    raise AssertionError(f"{written!r} is not among the names {[n.span.text for n in steps.names]}")


def _mentions(text: str) -> list[places.PlaceMention]:
    return nlp.analyse(text)._.dateline_places


def _mention(text: str, written: str) -> places.PlaceMention:
    for m in _mentions(text):
        if m.text == written:
            return m
    raise AssertionError(f"{written!r} is not a place mention of {text!r}")


def _place(name: str, country: str, admin1: str | None, kind: str = "city", population: int = 5_000,
           lat: float | None = 10.0, lon: float | None = 10.0) -> Place:
    return Place(1, name, country, admin1, lat, lon, population, kind)


# ---------------------------------------------------------------------------------------------- the word lists

TAGS = ["loc-prep", "near-prep", "stop", "site-head", "street-head", "county-head", "admin-head", "place-noun",
        "area-noun", "feature-head", "generic", "region-adj", "connector", "title", "org-head", "event-noun",
        "actor-verb", "actor-possession", "foreign-mission", "source-noun", "aside-verb", "doc-noun",
        "publish-verb", "seat-noun", "landmark-verb", "launch-verb", "reaction-verb", "qualifier", "treatment",
        "national-group-sector", "meeting-noun",
        "place-opener", "force-noun", "town-noun", "street-after", "admin2-suffix", "state-agent"]


def test_every_tag_of_the_word_file_is_described_and_used() -> None:
    header = [line for line in lexicon.data_lines("rules/places_words.tsv") if line.startswith("#")]
    used = {t.strip() for row in lexicon.table("places_words") for t in row["tags"].split(",")}
    assert used == set(TAGS)
    for tag in TAGS:
        assert any(line.split()[1:2] == [tag] for line in header), f"{tag} is not described in the header"
        assert places._rule_words(tag)


def test_an_unknown_tag_is_an_error() -> None:
    with pytest.raises(KeyError):
        places._rule_words("no-such-tag")


@pytest.mark.parametrize(("text", "matches"), [
    ("taken to Mercy Hospital", True),
    ("at the Harbor Medical Centre", True),
    ("a trauma center nearby", True),
    ("hospitals", False),
    ("the medical centers", False),
])
def test_treatment_words_match_whole_words(text: str, matches: bool) -> None:
    assert bool(places._TREATMENT.search(text)) is matches


@pytest.mark.parametrize(("name", "bare"), [
    ("downtown Houston", "Houston"),
    ("the Bronx", "Bronx"),
    ("N. Charleston", "Charleston"),
    ("Northeast Portland", "Portland"),
    ("York City", "York"),
    ("Houston", "Houston"),
    ("Theodore Island", "Theodore Island"),
])
def test_qualifiers_are_stripped(name: str, bare: str) -> None:
    assert places._strip_generic(name) == bare


# ---------------------------------------------------------------------------------------------- finding the names

@pytest.mark.parametrize(("text", "person", "not_person"), [
    ("John Smith said gunmen attacked a market in Kano.", ["John", "Smith"], ["Kano"]),
    ("Detectives probe Greenville double shooting\n\nGREENVILLE, S.C. — Two women were shot early on Sunday.",
     [], ["Greenville"]),
])
def test_person_tokens(text: str, person: list[str], not_person: list[str]) -> None:
    doc = nlp.analyse(text)
    words = {doc[i].text for i in places._person_tokens(doc, places.gazetteer())}
    assert set(person) <= words
    assert not set(not_person) & words


@pytest.mark.parametrize(("text", "written"), [
    ("Gunmen attacked a market in Kano on Friday, killing six people.", ["Kano"]),
    ("A man was shot in Florence, Alabama, on Sunday.", ["Florence", "Alabama"]),
    ("GUERRILLAS ATTACKED AN ARMY POST IN USULUTAN, KILLING TWO SOLDIERS.", ["usulutan"]),
    # a possessive inside a name the NER took for an organisation: the gazetteer writes it without apostrophe
    ("Troops killed 11 insurgents in an upazila of Cox's Bazar district.", ["Cox's Bazar"]),
])
def test_raw_mentions(text: str, written: list[str]) -> None:
    doc = nlp.analyse(text)
    raws = places._raw_mentions(doc, places.gazetteer(), places._lowercase_view(doc))
    assert [doc[r.start:r.end].text for r in raws] == written


@pytest.mark.parametrize(("text", "countries"), [
    ("Iraqi troops fired on protesters near Kirkuk, killing three.", ["IRQ"]),
    ("The Brazilian embassy in Lima said two guards were wounded in a bomb attack.", []),
    ("SALVADORAN GUERRILLAS ATTACKED AN ARMY POST IN USULUTAN, KILLING TWO SOLDIERS.", ["SLV"]),
])
def test_demonyms(text: str, countries: list[str]) -> None:
    steps = _steps(text)
    assert [m.country for m in steps.demonyms] == countries
    assert all(m.role == "demonym" and steps.ctx.countries[m.country or ""] >= 0.7 for m in steps.demonyms)


@pytest.mark.parametrize(("text", "written", "level", "bare"), [
    ("Militants attacked a police post in Diyala province on Tuesday.", "Diyala province", "admin1", "Diyala"),
    ("A man was shot on Main Street in Dayton, Ohio, late on Friday.", "Main Street", "street", "Main Street"),
    ("A man was shot on Main Street in Dayton, Ohio, late on Friday.", "Dayton", "city", "Dayton"),
    ("Deputies searched a farm in Harris County on Monday.", "Harris County", "admin2", "Harris"),
])
def test_place_name_says_what_a_name_names(text: str, written: str, level: str, bare: str) -> None:
    n = _name(_steps(text), written)
    assert (n.level, n.bare) == (level, bare)


@pytest.mark.parametrize(("text", "written"), [
    ("A man was shot on the North Side of the city late on Sunday, police said.", "the North Side"),
    ("Fishermen found two bodies in the Niger river near Mopti on Monday.", "Niger"),
])
def test_place_name_drops_what_names_no_place(text: str, written: str) -> None:
    steps = _steps(text)
    assert written not in [n.span.text for n in steps.names]


def test_place_names_count_regions_and_countries() -> None:
    steps = _steps("Two men were shot in Dallas, Texas, on Friday.")
    assert steps.ctx.admin1[("USA", "Texas")] >= 1
    steps = _steps("Militants attacked a police post in Diyala province on Tuesday.")
    assert steps.ctx.admin1[("IRQ", "Diyala")] == 1
    steps = _steps("Russian tanks rolled into Georgia as fighting spread.")
    assert steps.ctx.countries["GEO"] >= 1.0


@pytest.mark.parametrize(("us_cues", "usa"), [(0, 0.0), (1, 0.5), (3, 1.5), (9, 2.0)])
def test_us_cues_are_story_evidence(us_cues: int, usa: float) -> None:
    ctx = _empty_context()
    ctx.us_cues = us_cues
    places._add_story_evidence(nlp.analyse("Two men were shot on Friday."), ctx)
    assert ctx.countries.get("USA", 0.0) == usa


def test_us_local_news_is_a_named_country() -> None:
    steps = _steps("A sheriff's deputy shot a man on Interstate 10 late on Friday, the county coroner said.")
    assert "USA" in steps.named_countries
    steps = _steps("Iraqi troops fired on protesters near Kirkuk, killing three.")
    assert steps.named_countries == {"IRQ"}


# ---------------------------------------------------------------------------------------------- the dateline

@pytest.mark.parametrize(("text", "role", "level", "country", "admin1", "known"), [
    ("AURORA, Colo. (CBS4) – A man was shot dead outside a bar early Saturday, police said.",
     "dateline", "city", "USA", "Colorado", True),
    ("BOGOTA, 3 JAN 90 (EFE) -- [TEXT] GUERRILLAS KILLED FIVE SOLDIERS IN AN AMBUSH IN THE DEPARTMENT OF META.",
     "dateline", "city", "COL", "Bogota D.C.", True),
    ("MADRID (SPAIN), 2 MAY 90 (EFE) -- [TEXT] SALVADORAN REBELS SHELLED AN ARMY BARRACKS IN USULUTAN.",
     "bureau", "city", "ESP", "Madrid", True),
    ("NO CITY (BOLIVIA), 2 MAY 90 (RADIO) -- [TEXT] A BOMB DAMAGED A POWER LINE, THE POLICE SAID.",
     "dateline", "country", "BOL", None, True),
    ("KARVAN — Two men were killed when gunmen opened fire on a bus station on Monday.",
     "dateline", "city", None, None, False),
])
def test_dateline_mention(text: str, role: str, level: str, country: str | None, admin1: str | None,
                          known: bool) -> None:
    m = _steps(text).dateline
    assert m is not None
    assert (m.role, m.level, m.country, m.admin1, m.place is not None) == (role, level, country, admin1, known)


def test_no_dateline_no_dateline_mention() -> None:
    assert _steps("Gunmen attacked a market in Kano on Friday.").dateline is None


def test_a_bureau_abroad_is_weak_evidence() -> None:
    bureau = _steps("MADRID (SPAIN), 2 MAY 90 (EFE) -- [TEXT] A BOMB DAMAGED A BANK BRANCH.").ctx
    home = _steps("BOGOTA, 2 MAY 90 (EFE) -- [TEXT] A BOMB DAMAGED A BANK BRANCH.").ctx
    assert bureau.countries["ESP"] < home.countries["COL"]
    assert not bureau.anchors and home.anchors


@pytest.mark.parametrize(("region", "kind", "country"), [
    ("Colo.", "admin1", "USA"),
    ("SPAIN", "country", "ESP"),
    ("Texas", "admin1", "USA"),
])
def test_dateline_hints(region: str, kind: str, country: str) -> None:
    hints = places._dateline_hints(places.gazetteer(), region, _empty_context())
    assert hints and (hints[0].kind, hints[0].country) == (kind, country)


def test_dateline_without_region_has_no_hints() -> None:
    assert places._dateline_hints(places.gazetteer(), None, _empty_context()) == []


@pytest.mark.parametrize(("name", "region", "country"), [
    ("Bogota", None, "COL"),            # the capital, not a small namesake
    ("Paris", "Texas", "USA"),          # the written region decides
    ("Paris", None, "FRA"),
])
def test_dateline_candidates(name: str, region: str | None, country: str) -> None:
    gz = places.gazetteer()
    ctx = _empty_context()
    hints = places._dateline_hints(gz, region, ctx)
    cands = places._dateline_candidates(gz, name, places._norm(name), hints, ctx)
    place, _ = places._resolve(cands, places._norm(name), "city", hints, ctx)
    assert place is not None and place.country == country


# ---------------------------------------------------------------------------------------------- the first pass

@pytest.mark.parametrize(("text", "written", "hint_kind", "hint_country"), [
    ("A man was shot in Paris, Texas, on Sunday.", "Paris", "admin1", "USA"),
    ("Militias clashed in Tripoli (Lebanon) overnight.", "Tripoli", "country", "LBN"),
    ("Floods hit the Northern Region of Ghana on Monday.", "the Northern Region", "country", "GHA"),
])
def test_written_hints(text: str, written: str, hint_kind: str, hint_country: str) -> None:
    steps = _steps(text)
    hints = places._written_hints(steps.doc, steps.gz, _name(steps, written), steps.lowercase, steps.ctx)
    assert hints and (hints[0].kind, hints[0].country) == (hint_kind, hint_country)


def test_a_name_with_nothing_after_it_has_no_hints() -> None:
    steps = _steps("Gunmen attacked a market in Kano on Friday.")
    assert places._written_hints(steps.doc, steps.gz, _name(steps, "Kano"), steps.lowercase, steps.ctx) == []


def test_name_candidates() -> None:
    steps = _steps("A man was shot on Main Street in Dayton, Ohio, late on Friday.")
    street = _name(steps, "Main Street")
    assert places._name_candidates(steps.doc, steps.gz, street, [], steps.ctx) == []
    steps = _steps("Russian tanks rolled into Georgia as fighting spread.")
    cands = places._name_candidates(steps.doc, steps.gz, _name(steps, "Georgia"), [], steps.ctx)
    assert cands[0].kind == "country" and cands[0].country == "GEO"
    steps = _steps("A man was shot in Paris, Texas, on Sunday.")
    paris = _name(steps, "Paris")
    hints = places._written_hints(steps.doc, steps.gz, paris, steps.lowercase, steps.ctx)
    cands = places._name_candidates(steps.doc, steps.gz, paris, hints, steps.ctx)
    assert any(p.admin1 == "Texas" for p in cands)


@pytest.mark.parametrize(("text", "town", "region", "admin1"), [
    ("A sheriff's deputy was shot in Atlanta, Georgia, late on Tuesday.", "Atlanta", "Georgia", "Georgia"),
    ("Two men were shot in Dallas, Texas, on Friday.", "Dallas", "Texas", "Texas"),
    ("Two men were shot in Dallas on Friday and in Texas on Sunday.", "Dallas", "Texas", None),
])
def test_region_after_town(text: str, town: str, region: str, admin1: str | None) -> None:
    steps = _steps(text)
    before, after = _name(steps, town), _name(steps, region)
    prev_cands = places._name_candidates(steps.doc, steps.gz, before, [], steps.ctx)
    cands = places._name_candidates(steps.doc, steps.gz, after, [], steps.ctx)
    found = places._region_after_town(steps.doc, steps.gz, after, cands, prev_cands, before.raw.end)
    assert (found.admin1 if found else None) == admin1


def _rejections(text: str) -> dict[str, str | None]:
    """Each name's rejection (``None`` when kept), resolved as the first pass resolves it."""
    steps = _steps(text)
    out = {}
    for n in steps.names:
        hints = places._written_hints(steps.doc, steps.gz, n, steps.lowercase, steps.ctx)
        cands = places._name_candidates(steps.doc, steps.gz, n, hints, steps.ctx)
        place, _ = places._resolve(cands, n.key, n.level, hints, steps.ctx)
        out[n.span.text] = places._rejection(steps.doc, n, place, hints, steps.lowercase, steps.ctx,
                                             steps.named_countries, steps.dateline)
    return out


@pytest.mark.parametrize(("text", "written", "reason"), [
    ("Gunmen attacked a market in Kano on Friday, killing six people.", "Kano", None),
    ("Diamond police said a man was shot on Friday.", "Diamond", "common-word"),
    ("SAN SALVADOR, 3 JAN 90 (ACAN) -- [TEXT] COL DELGADO SAID GUERRILLAS KILLED FOUR SOLDIERS.", "delgado",
     "name-word"),
    ("SAN SALVADOR, 3 JAN 90 (ACAN) -- [TEXT] GUERRILLAS PLACED A GRENADE IN A BUS, THE POLICE SAID.", "grenade",
     "noun"),
    # a town named like an English noun is the noun in capitals, unless it is the dateline's town written again
    ("ROME, 2 MAY 90 (ANSA) -- [TEXT] THE POLICE FOUND BOLOGNA AND CHEESE IN THE VAN.", "bologna", "noun"),
    ("BOLOGNA, 2 MAY 90 (ANSA) -- [TEXT] A BOMB DAMAGED A BANK IN BOLOGNA, THE POLICE SAID.", "bologna", None),
    ("BOLOGNA, 2 MAY 90 (ANSA) -- [TEXT] THE POLICE FOUND BOLOGNA AND CHEESE IN THE VAN.", "van", "noun"),
    ("SAN SALVADOR, 3 JAN 90 (ACAN) -- [TEXT] GUERRILLAS KILLED FOUR SOLDIERS IN HEXHAM.", "hexham", "unknown"),
    # in capitals, a small town's name made of English words is those words; a big one is the town
    ("WASHINGTON, 3 JAN 90 (AP) -- [TEXT] U.S. OFFICIALS SAID A BOMB EXPLODED NEAR THE RED CROSS OFFICE IN TEXAS.",
     "red cross", "english-words"),
    ("WASHINGTON, 3 JAN 90 (AP) -- [TEXT] U.S. OFFICIALS MET AT THE SUMMIT IN TEXAS, AND PROTESTERS TORE DOWN "
     "WALLS.", "the summit", "english-words"),
    ("WASHINGTON, 3 JAN 90 (AP) -- [TEXT] U.S. OFFICIALS MET AT THE SUMMIT IN TEXAS, AND PROTESTERS TORE DOWN "
     "WALLS.", "walls", "noun"),
    ("WASHINGTON, 3 JAN 90 (AP) -- [TEXT] U.S. OFFICIALS FLEW TO SALT LAKE CITY ON MONDAY.", "salt lake city", None),
    ("SAN SALVADOR, 3 JAN 90 (ACAN) -- [TEXT] A BOMB EXPLODED IN SAN MIGUEL.", "san miguel", None),
    # a wire line may wrap inside a name; the NER's piece of it gives way to the whole name
    ("SAN SALVADOR, 3 JAN 90 (ACAN) -- [TEXT] THE ARMY SAID THAT A BOMB EXPLODED IN SAN\nMIGUEL YESTERDAY.",
     "san\nmiguel", None),
    ("LIMA, 3 JAN 90 (EFE) -- [TEXT] THE POLICE SAID A CAR BOMB EXPLODED IN LA\nVICTORIA, A DISTRICT OF LIMA.",
     "la\nvictoria", None),
    # in capitals, another language's name of a town in a country the story never mentions is a coincidence
    ("SAN SALVADOR, 3 JAN 90 (ACAN) -- [TEXT] THE ARMY SAID GUERRILLAS BLEW UP A BRIDGE AT DAMAS.", "damas",
     "foreign-alias"),
    ("DAMASCUS, 3 JAN 90 (SANA) -- [TEXT] A BOMB WENT OFF IN DAMAS, SYRIAN POLICE SAID.", "damas", None),
    ("GUERRILLAS KILLED FOUR SOLDIERS IN ARCATAO AND IN MIDDLETOWN, THE ARMY SAID.", "arcatao", None),
    ("GUERRILLAS KILLED FOUR SOLDIERS IN ARCATAO AND IN MIDDLETOWN, THE ARMY SAID.", "middletown", "small-town"),
    ("Western District officers arrested two men after a shooting on Friday.", "Western District",
     "compass-region"),
    ("Police in the Western Region arrested two men after a shooting on Friday.", "the Western Region",
     "compass-region"),
    # a city's side named by the compass ("Southside") is a district in many places
    ("A woman was shot in a Southside home on Tuesday.", "Southside", "compass-region"),
])
def test_rejection(text: str, written: str, reason: str | None) -> None:
    assert _rejections(text)[written] == reason


def test_an_english_noun_opening_a_sentence_is_no_name() -> None:
    """"Artillery shells struck the town": an English noun naming no town of 50,000 people, with no place
    preposition before it, is not even proposed as a name (before it was rejected later as a common word)."""
    assert "Artillery" not in _rejections("Artillery shells struck the town on Friday, killing two.")


def test_name_words_of_a_person_are_dropped_later_too() -> None:
    text = ("SAN SALVADOR, 3 JAN 90 (ACAN) -- [TEXT] COL DELGADO SAID GUERRILLAS KILLED FOUR SOLDIERS. "
            "DELGADO ADDED THAT THE ARMY WOULD RESPOND.")
    steps = _steps(text)
    _, name_words = places._first_pass(steps.doc, steps.gz, steps.names, steps.lowercase, steps.ctx,
                                       steps.dateline, steps.named_countries)
    assert "delgado" in name_words
    assert "delgado" not in [m.text.lower() for m in _mentions(text)]


@pytest.mark.parametrize(("text", "written", "role"), [
    ("The U.S. assistance to Colombia will continue, officials said after a bomb killed two in Medellin.",
     "U.S.", "demonym"),
    ("A U.S. citizen was kidnapped in Kabul on Monday.", "U.S.", "demonym"),
    ("Iraq's armed forces shelled a village in Kurdistan, killing five.", "Iraq", "actor"),
    ("Washington imposed sanctions after rebels killed ten villagers in Darfur.", "Washington", "actor"),
    ("Gunmen attacked a market in Kano on Friday, killing six people.", "Kano", "place"),
    ("A boy was flown to St. Anne's Hospital in Leeds after the attack.", "Leeds", "place"),
])
def test_mention_role(text: str, written: str, role: str) -> None:
    assert _mention(text, written).role == role


@pytest.mark.parametrize(("level", "place", "resolved"), [
    ("city", None, "city"),
    ("street", None, "street"),
    ("city", _place("Iraq", "IRQ", None, "country"), "country"),
    ("city", _place("Texas", "USA", "Texas", "admin1"), "admin1"),
    ("admin2", _place("Harris", "USA", "Texas", "admin2"), "admin2"),
    ("site", _place("Camp X", "IRQ", None, "camp"), "site"),
    ("city", _place("Camp X", "IRQ", None, "camp"), "site"),
    ("site", _place("Kano", "NGA", "Kano"), "city"),
])
def test_resolved_level(level: str, place: Place | None, resolved: str) -> None:
    assert places._resolved_level(level, place) == resolved


@pytest.mark.parametrize(("text", "near"), [
    ("Rebels attacked a village near Kirkuk on Friday.", True),
    ("Rebels attacked a village outside Kirkuk on Friday.", True),
    ("A bomb exploded 20 km north of Kirkuk, killing two soldiers.", True),
    ("Fighting broke out on the outskirts of Kirkuk on Friday.", True),
    ("Rebels attacked a village in Kirkuk province on Friday.", False),
    ("A bomb exploded in Kirkuk, killing two soldiers.", False),
])
def test_mention_near(text: str, near: bool) -> None:
    m = next(m for m in _mentions(text) if m.text.startswith("Kirkuk"))
    assert m.near is near


def test_unknown_place_takes_its_written_region() -> None:
    m = _mention("Two men were shot in Zorblatt, Texas, on Friday.", "Zorblatt")
    assert m.place is None and (m.country, m.admin1) == ("USA", "Texas")


# ---------------------------------------------------------------------------------------------- the second pass

def test_re_resolve_uses_the_anchors() -> None:
    gz = places.gazetteer()
    cands = gz.lookup("paris")
    france = next(p for p in cands if p.country == "FRA")
    m = places.PlaceMention((0, 5), "Paris", france, 3.0, candidates=cands)
    ctx = places._Context(defaultdict(float, {"USA": 3.0}), 2, defaultdict(float), [(32.78, -96.80)])  # Dallas
    places._re_resolve(m, ctx)
    assert m.place is not None and (m.place.country, m.place.admin1) == ("USA", "Texas")


def test_re_resolve_leaves_an_unambiguous_town() -> None:
    kano = _place("Kano", "NGA", "Kano")
    m = places.PlaceMention((0, 4), "Kano", kano, 3.0, candidates=[kano])
    places._re_resolve(m, _empty_context())
    assert m.place is kano


def _home_ctx() -> places._Context:
    return places._Context(defaultdict(float, {"USA": 4.0}), 2, defaultdict(float, {("USA", "Ohio"): 3.0}), [])


def test_a_small_town_elsewhere_moves_to_the_story_region() -> None:
    far = _place("Salem", "USA", "Oregon")
    inside = _place("Salem", "USA", "Ohio")
    m = places.PlaceMention((0, 5), "Salem", far, 3.0, candidates=[far, inside])
    assert places._to_home_region(m, ("USA", "Ohio"), _home_ctx())
    assert m.place is inside and m.admin1 == "Ohio"


def test_a_small_town_elsewhere_with_no_namesake_in_the_region_is_unknown_there() -> None:
    far = _place("Zorblatt", "USA", "Oregon")
    m = places.PlaceMention((0, 8), "Zorblatt", far, 3.0, candidates=[far])
    assert places._to_home_region(m, ("USA", "Ohio"), _home_ctx())
    assert m.place is None and (m.country, m.admin1, m.score) == ("USA", "Ohio", 0.0)


@pytest.mark.parametrize("place", [
    _place("Portland", "USA", "Oregon", population=600_000),     # a big town is meant
    _place("Salem", "CAN", "Ontario"),                            # another country
    _place("Salem", "USA", "Ohio"),                               # already in the region
])
def test_home_region_rule_does_not_apply(place: Place) -> None:
    m = places.PlaceMention((0, 5), place.name, place, 3.0, candidates=[place])
    assert not places._to_home_region(m, ("USA", "Ohio"), _home_ctx())
    assert m.place is place


def test_count_first_pass() -> None:
    ctx = _empty_context()
    big = _place("Dallas", "USA", "Texas", population=1_300_000)
    small = _place("Plano", "USA", "Texas", population=90_000)
    places._count_first_pass([places.PlaceMention((0, 6), "Dallas", big, 5.0),
                              places.PlaceMention((10, 15), "Plano", small, 2.0),
                              places.PlaceMention((20, 25), "Plano", small, 5.0, role="actor")], ctx)
    assert ctx.countries["USA"] == 0.5 and ctx.admin1[("USA", "Texas")] == 1


@pytest.mark.parametrize(("text", "written", "country", "admin1"), [
    ("A man was shot in Paris, Texas, on Sunday. Later a woman was hurt in Paris.", "Paris", "USA", "Texas"),
    ("Two men were shot in Dallas, Texas, on Friday. A third man was shot in Plano.", "Plano", "USA", "Texas"),
])
def test_second_pass_and_one_sense_per_story(text: str, written: str, country: str, admin1: str) -> None:
    ms = [m for m in _mentions(text) if m.text == written]
    assert ms and all((m.country, m.admin1) == (country, admin1) for m in ms)


def test_one_sense_per_story_follows_the_best_scored_mention() -> None:
    texas = _place("Paris", "USA", "Texas")
    france = _place("Paris", "FRA", "Ile-de-France")
    lead = places.PlaceMention((0, 5), "PARIS", texas, 9.0, country="USA", admin1="Texas")
    later = places.PlaceMention((30, 35), "Paris", france, 4.0, country="FRA", admin1="Ile-de-France")
    places._one_sense_per_story([lead], [later])
    assert later.place is texas and (later.country, later.admin1) == ("USA", "Texas")


# ---------------------------------------------------------------------------------------------- the event's place

@dataclass
class EventArgs:
    """What ``event_place`` works from: the doc, the event's sentences, its trigger and the trigger's sentence."""

    doc: Doc
    mentions: list[places.PlaceMention]
    sentences: list[tuple[int, int]]
    trig: Span
    trig_sent: tuple[int, int]


def _event_args(text: str, trigger: str) -> EventArgs:
    """The event of ``text`` triggered by the word ``trigger``: its sentence is the event's only sentence."""
    doc = nlp.analyse(text)
    tok = next(t for t in doc if t.text == trigger)
    sent = tok.sent
    return EventArgs(doc, doc._.dateline_places, [(sent.start_char, sent.end_char)], doc[tok.i:tok.i + 1],
                     (sent.start_char, sent.end_char))


def _tied(args: EventArgs, reported: bool = True) -> list[tuple[float, places.PlaceMention]]:
    return places._tied_mentions(args.doc, args.mentions, args.sentences, args.trig, args.trig_sent, reported)


def test_tied_mentions_leave_out_credits_hospitals_and_demonyms() -> None:
    args = _event_args("Iraqi police said a boy was shot in Basra and taken to Al Sadr Hospital.", "shot")
    assert [m.text for _, m in _tied(args)] == ["Basra"]


def test_a_background_event_keeps_only_its_own_places() -> None:
    args = _event_args("Two men were shot in Dallas on Friday. Last year a man was shot in Houston.", "shot")
    assert {m.text for _, m in _tied(args)} == {"Dallas", "Houston"}
    assert [m.text for _, m in _tied(args, reported=False)] == ["Dallas"]


def test_ties_prefer_the_trigger_sentence_and_a_locating_preposition() -> None:
    args = _event_args("Police in Houston said two men were shot in Dallas on Friday.", "shot")
    ties = {m.text: t for t, m in _tied(args)}
    assert ties["Dallas"] > ties["Houston"]


@pytest.mark.parametrize(("text", "trigger", "name", "country"), [
    ("Soldiers moved against a camp of exiles on Friday, killing three. Residents of Camp Liberty said the raid "
     "lasted hours.", "killing", "Camp Liberty", None),
    ("Soldiers moved against a camp in Iraq on Friday, killing three. Residents of Camp Liberty said the raid "
     "lasted hours.", "killing", "Camp Liberty", "IRQ"),
])
def test_described_site(text: str, trigger: str, name: str, country: str | None) -> None:
    args = _event_args(text, trigger)
    sent = args.trig.sent
    found = places._described_site(args.doc, sent, args.mentions, _tied(args), args.trig_sent, None)
    assert found is not None and (found.name, found.country) == (name, country)


def test_no_described_site() -> None:
    args = _event_args("Gunmen attacked a market in Kano on Friday, killing six people.", "attacked")
    assert places._described_site(args.doc, args.trig.sent, args.mentions, _tied(args), args.trig_sent,
                                  None) is None


def test_ranked_breaks_ties_by_the_story_country_then_by_position() -> None:
    first = places.PlaceMention((0, 5), "Alpha", None, 0.0, country="FRA")
    second = places.PlaceMention((10, 15), "Beta", None, 0.0, country="IRQ")
    third = places.PlaceMention((20, 25), "Gamma", None, 0.0, country="IRQ")
    ranked = places._ranked([(2.0, first), (2.0, third), (2.0, second), (3.0, first)], {"IRQ": 3.0, "FRA": 1.0})
    assert [(t, m.text) for t, m in ranked] == [(3.0, "Alpha"), (2.0, "Beta"), (2.0, "Gamma"), (2.0, "Alpha")]


@pytest.mark.parametrize(("text", "trigger", "best"), [
    ("A man was shot on Main Street in Dayton, Ohio, late on Friday, police said.", "shot", "Dayton"),
    ("BOGOTA, 3 JAN 90 (EFE) -- [TEXT] GUERRILLAS KILLED FIVE SOLDIERS IN AN AMBUSH IN THE DEPARTMENT OF META.",
     "killed", "meta"),
    ("Gunmen attacked a market in Kano on Friday, killing six people.", "attacked", "Kano"),
    ("Rebels attacked a village outside Goma, killing 12, a spokesman in Kinshasa said.", "attacked", "Goma"),
])
def test_best_tied(text: str, trigger: str, best: str) -> None:
    args = _event_args(text, trigger)
    ranked = places._ranked(_tied(args), places.story_context(args.doc))
    assert places._best_tied(args.doc, ranked, args.trig_sent, True)[1].text == best


def test_story_country_instead_of_a_country_named_in_passing() -> None:
    usa = _place("United States", "USA", None, "country")
    passing = places.PlaceMention((50, 54), "U.S.", usa, 5.0, level="country", country="USA")
    town = places.PlaceMention((10, 18), "Medellin", _place("Medellin", "COL", "Antioquia"), 5.0, country="COL")
    found = places._story_country_instead(2.0, passing, [town, passing], {"COL": 3.0, "USA": 1.0}, "COL")
    assert found is not None and (found.name, found.country, found.precision) == ("Medellin", "COL", "country")
    # strongly tied, or in a story not mostly about another country: the country stays
    assert places._story_country_instead(3.5, passing, [town, passing], {"COL": 3.0, "USA": 1.0}, "COL") is None
    assert places._story_country_instead(2.0, passing, [town, passing], {"COL": 3.0, "USA": 2.0}, "COL") is None


def test_story_country_instead_of_a_bureau_abroad() -> None:
    madrid = places.PlaceMention((0, 6), "MADRID", _place("Madrid", "ESP", "Madrid"), 8.0, role="bureau",
                                 country="ESP")
    found = places._story_country_instead(0.5, madrid, [madrid], {"SLV": 2.0, "ESP": 0.5}, "SLV")
    assert found is not None and (found.country, found.precision, found.span) == ("SLV", "country", None)


def test_unresolved_place() -> None:
    unknown = places.PlaceMention((30, 38), "Zorblatt", None, 0.0, admin1=None)
    kano = places.PlaceMention((0, 4), "Kano", _place("Kano", "NGA", "Kano"), 5.0, country="NGA")
    region = places.PlaceMention((50, 54), "Kano", _place("Kano", "NGA", "Kano", "admin1"), 5.0, level="admin1",
                                 country="NGA", admin1="Kano")
    found = places._unresolved_place(unknown, [(3.0, unknown), (2.5, kano), (2.0, region)], (0, 60), None)
    assert (found.name, found.country, found.admin1, found.precision) == ("Zorblatt", "NGA", "Kano", "admin1")
    found = places._unresolved_place(unknown, [(3.0, unknown)], (0, 60), "IRQ")
    assert (found.country, found.admin1, found.precision) == ("IRQ", None, "country")
    assert places._unresolved_place(unknown, [(3.0, unknown)], (0, 60), None).precision == "unknown"


# ---------------------------------------------------------------------------------------------- the header

@pytest.mark.parametrize(("text", "place", "region"), [
    # a scraped page may glue the outlet's name to the capitals dateline
    ("Valley Herald DENTON, Texas — Two men were shot on Friday.", "DENTON", "Texas"),
    ("The Evening Star FRESNO, Calif. — A man was shot on Friday.", "FRESNO", "Calif."),
    ("DENTON, Texas — Two men were shot on Friday.", "DENTON", "Texas"),
])
def test_dateline_place_after_an_outlet_name(text: str, place: str, region: str) -> None:
    from dateline.pipeline.text import parse_header

    found = parse_header(text).place
    assert found is not None and (text[found[0]:found[1]], found[2]) == (place, region)


@pytest.mark.parametrize("text", [
    "Two men were shot in Denton on Friday, police said.",
    "Valley Herald reporters saw two men shot in Denton on Friday.",
])
def test_no_dateline_place_without_a_capitals_dateline(text: str) -> None:
    from dateline.pipeline.text import parse_header

    assert parse_header(text).place is None


def test_story_country_instead_of_a_source_place() -> None:
    somalia = places.PlaceMention((40, 47), "Somalia", _place("Somalia", "SOM", None, "country"), 5.0,
                                  role="source", level="country", country="SOM")
    kenyan = places.PlaceMention((0, 6), "Kenyan", _place("Kenya", "KEN", None, "country"), 1.0, role="demonym",
                                 level="country", country="KEN")
    found = places._story_country_instead(-1.0, somalia, [kenyan, somalia], {"SOM": 1.0, "KEN": 0.7}, "SOM")
    assert found is not None and (found.country, found.precision) == ("KEN", "country")
    # a source's place is still the event's when the story names no other country
    assert places._story_country_instead(-1.0, somalia, [somalia], {"SOM": 1.0}, "SOM") is None


def test_resolve_considers_a_namesake_of_the_story_country_beyond_the_most_populous() -> None:
    # a name with many namesakes: the story country's village comes after 45 bigger towns abroad
    abroad = [_place("San Roque", "ESP", "Andalusia", population=90_000 - i) for i in range(45)]
    village = _place("San Roque", "HND", "Yoro", population=900)
    ctx = places._Context(defaultdict(float, {"HND": 3.0}), 0, defaultdict(float), [])
    place, _ = places._resolve([*abroad, village], "san roque", "city", [], ctx)
    assert place is village
    # with no evidence for its country the village is not even scored
    place, _ = places._resolve([*abroad, village], "san roque", "city", [], _empty_context())
    assert place is not None and place.country == "ESP"



def test_story_country_instead_of_a_namesake_abroad_by_the_countries_the_story_names() -> None:
    """A town resolved abroad on population alone, in a story that names only another country (its police, its
    name): the name in that country. Not when the story names the namesake's country too, nor on little evidence."""
    abroad = places.PlaceMention((20, 28), "Victoria", _place("Victoria", "HKG", "Central and Western"), 5.0,
                                 country="HKG")
    found = places._story_country_instead(5.5, abroad, [abroad], {"HKG": 1.0, "NGA": 1.0}, "HKG", {"NGA": 1.0})
    assert found is not None and (found.name, found.country, found.precision) == ("Victoria", "NGA", "country")
    assert places._story_country_instead(5.5, abroad, [abroad], {"HKG": 1.0, "NGA": 1.0}, "HKG",
                                         {"NGA": 1.0, "HKG": 1.0}) is None
    assert places._story_country_instead(5.5, abroad, [abroad], {"HKG": 1.0, "NGA": 0.7}, "HKG", {"NGA": 0.7}) is None
