"""Place mentions, their gazetteer resolution in context, and the place of an event."""

from __future__ import annotations

from datetime import date

import pytest

import dateline.pipeline as nlp
from dateline import gazetteer
from dateline.gazetteer import Place
from dateline.pipeline import places

pytestmark = pytest.mark.slow      # every test runs the pipeline over its text


def _places(text: str) -> list[places.PlaceMention]:
    return nlp.analyse(text)._.dateline_places


def _resolved(text: str, name: str) -> Place | None:
    """The place the first mention written ``name`` resolved to."""
    for m in _places(text):
        if m.text == name:
            return m.place
    raise AssertionError(f"{name!r} not recognised as a place in {text!r}: {[m.text for m in _places(text)]}")


def _event_location(text: str) -> places.EventPlace | None:
    doc = nlp.analyse(text)
    events = doc._.dateline_events
    assert events, f"no event found in {text!r}"
    return events[0].location


# (sentence, mention as written, expected ISO3, expected admin1: None for a country)
AMBIGUOUS = [
    ("Masked men threw a grenade into a cafe in Paris on Friday, French police said.", "Paris", "FRA",
     "Ile-de-France"),
    ("A man was shot in Paris, Texas, on Sunday night, the Lamar County sheriff said.", "Paris", "USA", "Texas"),
    ("Russian tanks rolled into Georgia as fighting spread from South Ossetia.", "Georgia", "GEO", None),
    ("A sheriff's deputy was shot in Atlanta, Georgia, late on Tuesday, police said.", "Georgia", "USA", "Georgia"),
    ("Militias clashed in Tripoli overnight, the Libyan health ministry said.", "Tripoli", "LBY", "Tripoli"),
    ("Sunni and Alawite gunmen clashed in Tripoli, Lebanon's second city, on Monday.", "Tripoli", "LBN",
     "Liban-Nord"),
    ("Shots were fired near the Capitol in Washington on Monday, D.C. police said.", "Washington",
     "USA", "Washington, D.C."),
    ("Two people were shot in Florence, Alabama, on Tuesday.", "Florence", "USA", "Alabama"),
    # a quarter named by its compass point: the abbreviation is the region
    ("Three teenagers were shot on Friday night near a high school in Northeast D.C., police said.",
     "Northeast D.C.", "USA", "Washington, D.C."),
    ("Gunmen attacked a checkpoint in Baquba, in Diyala province, killing four Iraqi soldiers.", "Baquba",
     "IRQ", "Diyala"),
]


@pytest.mark.parametrize("text,name,country,admin1", AMBIGUOUS)
def test_ambiguous_names_resolve_in_context(text: str, name: str, country: str, admin1: str | None) -> None:
    place = _resolved(text, name)
    assert place is not None
    assert (place.country, place.admin1) == (country, admin1)


# (sentence, words that must not become places)
NOT_PLACES = [
    ("Reading the statement aloud, the leader of the opposition condemned the attack.", ["Reading"]),
    ("Police said the Mobile Crisis Unit arrived after the shooting.", ["Mobile"]),
    ("The Leader of the House said the Exchange would stay closed.", ["Leader", "Exchange", "Of"]),
    ("A man was shot at a bar on Friday, police said.", ["Man", "Police", "Bar"]),
    ("SAN SALVADOR, 3 JAN 90 (EFE) -- [TEXT] THE POLICE SAID THE LEADER OF A GANG SHOT A MAN "
     "IN A BAR OF THE CAPITAL.", ["POLICE", "MAN", "LEADER", "BAR", "OF"]),
]


@pytest.mark.parametrize("text,words", NOT_PLACES)
def test_common_words_are_not_places(text: str, words: list[str]) -> None:
    found = {m.text.upper() for m in _places(text) if m.place is not None}
    assert not found & {w.upper() for w in words}


def test_capitals_wire_text_finds_towns_and_the_dateline() -> None:
    text = ("SAN SALVADOR, 3 JAN 90 (EFE) -- [TEXT] GUERRILLAS ATTACKED AN ARMY POST IN USULUTAN "
            "DEPARTMENT LAST NIGHT, KILLING FOUR SOLDIERS, A MILITARY SPOKESMAN SAID.")
    ms = _places(text)
    dateline = [m for m in ms if m.role == "dateline"]
    assert dateline and dateline[0].place is not None and dateline[0].place.country == "SLV"
    usulutan = [m for m in ms if m.text.upper() == "USULUTAN"]
    assert usulutan and usulutan[0].country == "SLV" and usulutan[0].level == "admin1"
    loc = _event_location(text)
    assert loc is not None and loc.country == "SLV" and loc.precision == "admin1"


# (text, expected event place name, country, precision)
EVENT_PLACES = [
    ("OMAHA — A 35-year-old man died after a neighbour shot him outside a barber shop on Birch Avenue "
     "on Sunday, police said.", "OMAHA", "USA", "exact"),
    ("Gunmen killed six villagers near Maiduguri on Sunday, a Nigerian army spokesman said.",
     "Maiduguri", "NGA", "near"),
    ("Washington imposed new sanctions after militants killed 12 people in Kabul on Tuesday.",
     "Kabul", "AFG", "exact"),
    # a namesake abroad, when the story's other evidence is all of a country where the gazetteer has no such town:
    # the name in that country; not on a person's nationality alone
    ("Gunmen killed four people in Victoria on Monday, Nigerian police said.", "Victoria", "NGA", "country"),
    ("A Nigerian student was shot dead in Houston on Monday.", "Houston", "USA", "exact"),
    # where those who speak of it are is no place of the event when the story's evidence is of another country ...
    ("Lawmakers in Spain on Monday denounced the killing of three journalists. Peruvian police have arrested two "
     "suspects.", "Peruvian", "PER", "country"),
    ("Politicians in the United States have condemned the massacre. The Salvadoran army denied it, but Salvadoran "
     "witnesses blamed soldiers of an army battalion.", "Salvadoran", "SLV", "country"),
    # ... and still is when it is not, or when the speakers are the town's own police
    ("Officials in Kenya said two Somali gunmen killed five people.", "Kenya", "KEN", "country"),
    ("Police in Lagos said gunmen killed five people on Monday.", "Lagos", "NGA", "exact"),
    ("Police in Toledo said a man was shot dead in a game of Russian roulette.", "Toledo", "USA", "exact"),
    # a plural noun opening a sentence is no town of that name ("Farmers", Michigan)
    ("Farmers blocked the highway near Nashik on Monday, police said.", "Nashik", "IND", "near"),
    ("Two deputies were wounded in a shootout in Harris County on Friday, the sheriff said.",
     "Harris County", "USA", "admin2"),
    # another romanisation than the gazetteer's ("Hodeida") is the same town
    ("A U.S. air strike killed seven people in Hodeidah on Tuesday, residents said.", "Hodeidah", "YEM", "exact"),
    # a region's one-word name the NER takes for a person's, after "in"
    ("Elsewhere, two people were wounded when a bomb exploded at a market in Yobe on Thursday.", "Yobe", "NGA",
     "admin1"),
    # a first-level region of one country is evidence for the namesake town in it
    ("A bomb exploded in a market in Hyderabad, killing five people, the Sindh police chief said.", "Hyderabad",
     "PAK", "exact"),
    # a small region is no more likely than a big town of the name ("Toledo", a district of Belize)
    ("Three people were shot in Toledo on Friday, police said.", "Toledo", "USA", "exact"),
    # a big town the NER takes for a person, after "in"
    ("Unknown gunmen shot dead a police officer in Valencia on Monday, Carabobo state police said.", "Valencia",
     "VEN", "exact"),
    # a district written without the word the gazetteer lists it with ("North Waziristan District")
    ("A drone strike killed four militants in North Waziristan on Sunday, officials said.", "North Waziristan",
     "PAK", "admin2"),
    # a region and a big town of one country, whose name a small town abroad shares, the NER takes for a person
    ("Gunmen ambushed a convoy near Gao on Wednesday, killing four soldiers.", "Gao", "MLI", "admin1"),
    ("Gunmen ambushed a convoy in Gao, Mali, on Wednesday, killing four soldiers.", "Gao", "MLI", "admin1"),
    # a country's own police or army is evidence of where it happened, before a bigger namesake abroad
    ("Honduran police said two men were shot dead in San Pedro on Sunday.", "San Pedro", "HND", "exact"),
    # a bare name the first pass reads as a bigger region abroad is the town of the story's region or country
    ("Rebels attacked a village near Beni in North Kivu on Monday, killing five.", "Beni", "COD", "near"),
    ("Rebels raided an army post in Beni on Monday. On Wednesday they ambushed a convoy near Butembo.", "Beni",
     "COD", "exact"),
    # a possessive inside the name ("Cox's Bazar", written "Coxs Bazar" in the gazetteer)
    ("Two men were shot dead in a camp in Cox's Bazar on Monday.", "Cox's Bazar", "BGD", "exact"),
    # a region the gazetteer spells otherwise ("Sagain"), named after its chief town: the town's region
    ("Troops shelled a village in Sagaing region on Monday, killing five.", "Sagaing", "MMR", "admin1"),
    # where a weapon was fired from is not where it struck
    ("Rockets fired from Lebanon landed in northern Israel on Friday.", "Israel", "ISR", "country"),
    ("Troops launched missiles from Belarus at targets in Chernihiv on Monday.", "Chernihiv", "UKR", "admin1"),
    # a town's police force after its name, also when the name is a surname or a dictionary word too
    ("Warren police said a gunman wounded a cashier at a gas station on Friday.", "Warren", "USA", "exact"),
    ("Lincoln police arrested a teenager after a shooting at a skate park on Friday.", "Lincoln", "USA", "exact"),
    # US local-news cues with no town named: a police department's initials, a county abbreviated, a numbered street
    ("A man was shot in the back near an apartment complex on Thursday night, IMPD said.", "United States", "USA",
     "country"),
    ("Boone Co. hunter wounded by stray round near deer stand", "United States", "USA", "country"),
    ("A woman was wounded outside a bar on 57th Street early Sunday, police said.", "57th Street", "USA", "country"),
    # a reaction filed from abroad: the event is where its own words say, not the dateline's town
    ("NAIROBI, 4 MAY 90 -- KENYAN DOCTORS HAVE CONDEMNED THE KILLING OF TWO SURGEONS OF THE NATIONAL UNIVERSITY OF "
     "UGANDA.", "uganda", "UGA", "country"),
    # ... not the victims' nationality
    ("Police in Lagos condemned the killing of two Ghanaian traders in the city on Monday.", "Lagos", "NGA", "exact"),
    # a big city the NER takes for a person after "over" ("drones shot down over Kyiv")
    ("Air defences shot down 12 drones over Kyiv on Sunday.", "Kyiv", "UKR", "exact"),
    # "the district of X": the gazetteer's "X District"
    ("Gunmen attacked a checkpoint in the district of Kurram on Sunday, the provincial police said.", "Kurram", "PAK",
     "admin2"),
]


@pytest.mark.parametrize("text,name,country,precision", EVENT_PLACES)
def test_event_place(text: str, name: str, country: str, precision: str) -> None:
    loc = _event_location(text)
    assert loc is not None
    assert loc.name == name
    assert loc.country == country
    assert loc.precision == precision


def test_credit_line_and_based_are_not_the_event_place() -> None:
    text = ("Iraqi forces moved against Camp Ashraf on Friday, killing 31 people, a spokesman for the "
            "Paris-based opposition said.\n\n—Nathan Hodge in Mosul, Iraq, contributed to this article.")
    loc = _event_location(text)
    assert loc is not None
    assert loc.name == "Camp Ashraf"
    assert loc.country == "IRQ"
    assert loc.precision == "country"         # not in the gazetteer: no coordinates are invented
    assert loc.lat is None and loc.lon is None


class _WithUserPlace:
    """The shipped gazetteer plus one user place, as ``dateline places add`` would make it."""

    def __init__(self, base: gazetteer.Gazetteer, extra: Place) -> None:
        self.base, self.extra = base, extra

    def lookup(self, name: str) -> list[Place]:
        found = self.base.lookup(name)
        if gazetteer.normalise_name(name) == gazetteer.normalise_name(self.extra.name):
            found = [self.extra, *found]
        return found

    def country(self, iso3: str) -> Place | None:
        return self.base.country(iso3)

    def country_code(self, word: str) -> str | None:
        return self.base.country_code(word)

    def admin1_of(self, name: str, country: str | None = None) -> list[Place]:
        return self.base.admin1_of(name, country)


def test_user_place_gives_coordinates() -> None:
    camp = Place(geonames_id=None, name="Camp Ashraf", country="IRQ", admin1="Diyala", lat=33.63, lon=44.93,
                 population=0, kind="camp")
    places.use_gazetteer(_WithUserPlace(gazetteer.load(), camp))
    try:
        loc = _event_location("Iraqi forces moved against Camp Ashraf on Friday, killing 31 people.")
    finally:
        places.use_gazetteer(None)
    assert loc is not None
    assert (loc.name, loc.country, loc.admin1, loc.precision) == ("Camp Ashraf", "IRQ", "Diyala", "exact")
    assert (loc.lat, loc.lon) == (33.63, 44.93)


def test_neighbourhood_is_coded_to_its_city() -> None:
    loc = _event_location("CHICAGO — Two teenagers were wounded by gunfire in Hyde Park on Saturday, Chicago police "
                          "said.")
    assert loc is not None and loc.name in ("CHICAGO", "Chicago") and loc.admin1 == "Illinois"


def test_mention_record() -> None:
    text = "A bomb exploded in Kabul on Tuesday."
    (m,) = _places(text)
    assert isinstance(m, places.PlaceMention)
    assert text[m.span[0]:m.span[1]] == m.text == "Kabul"
    assert m.place is not None and (m.place.name, m.place.country, m.place.kind) == ("Kabul", "AFG", "city")
    assert (m.source, m.role, m.level, m.near) == ("ner", "place", "city", False)
    assert (m.country, m.admin1, m.sent_start) == ("AFG", "Kabul", 0)
    assert m.score > 0 and m.place in m.candidates


# capitals wire text: (text, expected country of the first event's place)
WIRE_COUNTRIES = [
    # a general's name that is also a town (Duran, Ecuador) is the person, also when repeated alone
    ("SAN SALVADOR, 3 JAN 90 (EFE) -- [TEXT] A SALVADORAN COURT HEARD GENERAL PEDRO LUIS\nDURAN "
     "TODAY.  DURAN SAID THAT GUERRILLAS KILLED TWO SOLDIERS YESTERDAY.", "SLV"),
    # a foreign bureau's dateline, "(SPAIN)": the story is about the country its body names
    ("MADRID (SPAIN), 19 NOV 89 (EFE) -- [TEXT] SALVADORAN GUERRILLAS ATTACKED AN ARMY POST IN USULUTAN "
     "DEPARTMENT LAST NIGHT, KILLING FOUR SALVADORAN SOLDIERS.", "SLV"),
    # "THE CAR" is no country's initials; "the Brazilian embassy" is no evidence for Brazil
    ("SANTIAGO, 4 MAY 90 -- [TEXT] POLICE IN A CAR FIRED SHOTS AT STUDENTS WHO WALKED PAST THE BRAZILIAN\n"
     "EMBASSY YESTERDAY.  THE CAR SPED AWAY.", "CHL"),
    # a bureau abroad: neither the region after its town nor the broadcaster after the date ("RADIO SANDINO",
    # Sandino a town too) is another place of the story
    ("MANAGUA (NICARAGUA), 2 NOV 89 (RADIO SANDINO) -- [TEXT] THE GOVERNMENT TODAY CONDEMNED THE BOMB ATTACK ON "
     "THE OFFICES OF THE SALVADORAN TEACHERS UNION, IN WHICH FOUR PEOPLE WERE KILLED ON 31 OCTOBER.", "SLV"),
    ("LIMA (PERU), 5 MAR 90 (RADIO AMERICA) -- [TEXT] THE GOVERNMENT TODAY DEPLORED THE MURDER OF THREE BOLIVIAN "
     "PEASANT LEADERS BY A DEATH SQUAD LAST WEEK.", "BOL"),
]


@pytest.mark.parametrize("text,country", WIRE_COUNTRIES)
def test_wire_event_country(text: str, country: str) -> None:
    loc = _event_location(text)
    assert loc is not None and loc.country == country


@pytest.mark.parametrize("text,person", [
    ("BOGOTA, 11 OCT 89 -- [TEXT] THE LAW WAS PASSED ONE DAY AFTER SENATE CANDIDATE LUIS ALBERTO PENA WAS "
     "SHOT.", "LUIS"),
    ("BOGOTA, 16 FEB 90 -- [TEXT] REBELS ASKED FOR A COMMISSION TO RECEIVE U.S. CITIZEN DAVID LESLIE KENT, WHO WAS "
     "KIDNAPPED LAST WEEK.", "LESLIE"),
    ("LIMA, 2 MAR 90 -- [TEXT] GUERRILLAS SHOT DEAD MAYOR CARLOS ENRIQUE MONTERO IN HIS OFFICE YESTERDAY.", "CARLOS"),
    ("BOGOTA, 9 SEP 89 -- [TEXT] THE JUDGE INVESTIGATING THE MURDER OF CANDIDATE LUIS\nCARLOS GALAN TODAY ISSUED "
     "A WARRANT.", "LUIS"),
])
def test_given_names_in_capitals_are_no_towns(text: str, person: str) -> None:
    # a recased wire text: a person's full name is no place, even when one of its words is a town somewhere
    assert not any(m.text.upper() == person for m in _places(text))


def test_a_stop_word_after_a_comma_is_no_state_in_capitals() -> None:
    # "ISSUED IN MEDELLIN, IN WHICH ...": "IN" is no Indiana in a recased wire text
    ms = _places("BOGOTA, 16 FEB 90 -- [TEXT] A MESSAGE ISSUED IN MEDELLIN, IN WHICH THE REBELS ASK FOR TALKS, "
                 "REACHED THE MEDIA TODAY.")
    assert [m.country for m in ms if m.text.upper() == "MEDELLIN"] == ["COL"]


def test_wire_demonyms_are_context() -> None:
    ms = _places("SAN SALVADOR, 3 JAN 90 (EFE) -- [TEXT] HONDURAN TROOPS CROSSED THE RIVER, THE SALVADORAN ARMY SAID.")
    assert {m.country for m in ms if m.role == "demonym"} == {"SLV", "HND"}


@pytest.mark.parametrize("text", [
    "LIMA, 4 MAY 90 (EFE) -- [TEXT] THE PRESS QUOTED U.S. AMBASSADOR JOHN DOE ON THE ELECTION RESULTS.",
    "Gunmen fired on the U.S. embassy compound on Monday, police said.",
])
def test_a_country_before_its_envoy_or_mission_is_whose_not_where(text: str) -> None:
    assert [m.role for m in _places(text) if m.text.upper() == "U.S."] == ["demonym"]


def test_foreign_bureau_dateline_role() -> None:
    ms = _places("HAVANA (CUBA), 14 FEB 90 (PRENSA LATINA) -- [TEXT] GUERRILLAS ATTACKED A COLOMBIAN TOWN.")
    assert [m.role for m in ms if m.text.upper() == "HAVANA"] == ["bureau"]


def test_named_national_movement_gives_the_story_its_country() -> None:
    import dateline.pipeline as nlp
    from dateline.pipeline.places import story_context

    doc = nlp.analyse("CLANDESTINE, 2 MAR 90 (RADIO STATION) -- [TEXT] THE FARABUNDO MARTI NATIONAL "
                      "LIBERATION FRONT SAID ITS FIGHTERS BURNED THREE ARMY TRUCKS AND KILLED TWO SOLDIERS.")
    context = story_context(doc)
    assert max(context, key=lambda c: context[c]) == "SLV"


def test_place_named_as_the_city_of_x_is_tied_to_the_event() -> None:
    import dateline

    ev = dateline.code("A car bomb went off in the Peruvian capital of Lima on Monday, killing 12 people, "
                       "a radio station in Quito reported.", published="1990-01-10").to_dict()["events"][0]
    assert ev["location"]["name"] == "Lima" and ev["location"]["country"] == "PER"


# places the sentence ties to a statement, a source or people beside the event, not to the event itself:
# (text, expected event country)
ASIDE_PLACES = [
    # where a kidnapping was reported from is not where it happened
    ("Gunmen seized a mayor in Ecuador on Monday, according to family sources in Lima.", "ECU"),
    # "today in Lima the minister said": the place of the statement
    ("Rebels killed nine farmers in Bolivia. Today in Santiago the interior minister called the attack "
     "a crime.", "BOL"),
    # a communique released abroad
    ("A statement issued in Madrid said that rebels ambushed a police convoy in Honduras, "
     "killing four officers.", "HND"),
    # "at the border with X" is this side of that border
    ("QUITO (ECUADOR), 5 APR 90 (AFP) -- [TEXT] THREE ECUADORAN SOLDIERS DIED AT THE BORDER "
     "WITH PERU IN AN AMBUSH BY SMUGGLERS OPERATING IN PERU.", "ECU"),
]


@pytest.mark.parametrize("text,country", ASIDE_PLACES)
def test_statement_and_source_places_are_not_the_event_place(text: str, country: str) -> None:
    loc = _event_location(text)
    assert loc is not None and loc.country == country, loc


@pytest.mark.parametrize("text,written", [
    ("The Supreme Court in Lima upheld the verdict.", "Supreme Court"),
    ("The United Way in Denver sent food to the shelter.", "United Way"),
])
def test_an_organisation_ending_in_a_street_word_is_no_street(text: str, written: str) -> None:
    assert written not in [m.text for m in _places(text)]


def test_street_corner_named_like_a_town_is_not_the_town() -> None:
    ms = _places("A man was stabbed near Salem and Oak streets in Boston on Sunday.")
    assert [m.level for m in ms if m.text == "Salem"] == ["street"]


def test_country_from_a_national_movement_when_no_place_is_named() -> None:
    loc = _event_location("CLANDESTINE, 2 MAR 90 (RADIO STATION) -- [TEXT] THE FARABUNDO MARTI NATIONAL "
                          "LIBERATION FRONT SAID ITS FIGHTERS BLEW UP A CENTRAL AMERICAN BANK.")
    assert loc is not None and loc.country == "SLV" and loc.precision == "country" and loc.span is None


def test_region_written_after_a_town_in_capitals_text() -> None:
    loc = _event_location("TEGUCIGALPA, 4 APR 90 (EFE) -- [TEXT] TROOPS ATTACKED A REBEL CAMP NEAR THE VILLAGE "
                          "OF LAS MESAS, CABANAS DEPARTMENT, IN EL SALVADOR.")
    assert loc is not None and loc.country == "SLV"


def test_dateline_with_no_town_still_gives_the_country() -> None:
    ms = _places("NO CITY (BOLIVIA), 2 MAY 90 -- [TEXT] THE MINISTER SPOKE ABOUT THE HARVEST.")
    assert [(m.role, m.level, m.country) for m in ms if m.source == "dateline"] == [("dateline", "country", "BOL")]


def test_country_used_as_an_adjective_is_context_not_a_place() -> None:
    ms = _places("Rebels ambushed a convoy carrying U.S. assistance near the border.")
    assert [m.role for m in ms if m.text == "U.S."] == ["demonym"]


def test_landmark_in_a_relative_clause_is_not_the_event_place() -> None:
    loc = _event_location("A grenade went off in the Peruvian town of Tacna, which is located about 50 km from "
                          "Arica, on Tuesday.")
    assert loc is not None and loc.name == "Tacna" and loc.country == "PER"


def test_words_broken_by_a_bad_byte_are_not_places_but_possessives_are() -> None:
    ms = _places("Storms drove 3,000 people from Le\ufffdn, Mexico\ufffds civil protection agency said.")
    assert not [m.text for m in ms if m.text.startswith("Le")]
    assert [m.country for m in ms if m.text == "Mexico"] == ["MEX"]


def test_place_before_a_title_inside_a_name() -> None:
    ms = _places("Chubut Governor Ana Ruiz said 15 families were evacuated.")
    assert [m.country for m in ms if m.text == "Chubut"] == ["ARG"]


def test_named_site_takes_the_country_it_is_placed_in_not_one_merely_named() -> None:
    loc = _event_location("Iraqi troops stormed a camp on Friday, and the exiles held the U.S. "
                          "responsible for the people of the camp. Camp Nour lies north of Baghdad.")
    assert loc is not None and loc.name == "Camp Nour" and loc.country == "IRQ", loc


@pytest.mark.parametrize("street", ["Mary Ellen Street", "Elm Street", "Birch Avenue"])
def test_compass_named_district_needs_its_country_in_the_story(street: str) -> None:
    # no country in the story: "Western District" (of Sri Lanka, Hong Kong, ...) is no place
    ms = _places(f"Western District officers seized two rifles on {street}.")
    assert [m.text for m in ms if "western" in m.text.lower()] == []


def test_compass_named_region_of_a_country_named_in_the_story() -> None:
    ms = _places("Rebels attacked a village in Sri Lanka's Western Province, killing four.")
    assert [(m.country, m.level) for m in ms if m.text == "Western Province"] == [("LKA", "admin1")]


# spaCy tags "Birch Avenue" ORG and "Mary Ellen Street" PERSON: a name ending in a street word is still a street
@pytest.mark.parametrize("street", ["Elm Street", "Birch Avenue", "Mary Ellen Street", "Keller Road"])
def test_street_is_a_place_mention(street: str) -> None:
    ms = _places(f"Western District officers seized two rifles on {street}.")
    assert [(m.text, m.level) for m in ms] == [(street, "street")]


def test_region_of_a_country() -> None:
    ms = _places("Clashes in the Upper East Region of Ghana killed 12 people.")
    assert [(m.country, m.admin1) for m in ms if m.text == "the Upper East Region"] == [("GHA", "Upper East")]


# "a place named as where the wounded were treated is not where it happened": (text, expected event place name)
TREATED_ELSEWHERE = [
    ("A man was shot in Akron on Sunday and taken to Cleveland Clinic, police said.", "Akron"),
    ("A teenager was wounded in Akron late on Friday; he was flown to Cleveland Clinic in critical condition.",
     "Akron"),
    ("Two women were shot in Akron on Monday and treated at St. Anne's Hospital.", "Akron"),
]


@pytest.mark.parametrize("text,name", TREATED_ELSEWHERE)
def test_where_the_wounded_were_treated_is_not_the_event_place(text: str, name: str) -> None:
    loc = _event_location(text)
    assert loc is not None and loc.name == name, loc


def test_a_town_named_without_a_treatment_word_stays_the_event_place() -> None:
    loc = _event_location("A gunman opened fire in Cleveland on Sunday, wounding two, police said.")
    assert loc is not None and loc.name == "Cleveland" and loc.admin1 == "Ohio", loc


# "a place named as where an organisation sits is not where it happened": (text, expected event country)
SEATS_ELSEWHERE = [
    ("Rebels killed five farmers in Mali on Friday, said the aid group, whose headquarters are in Geneva.", "MLI"),
    ("Gunmen burned a clinic in Somalia, said the charity, whose main office is in Nairobi.", "SOM"),
]


# where a meeting was or will be held is the meeting's place, not the attack's: (text, event country)
MEETINGS_ELSEWHERE = [
    ("Rebels killed ten union members in El Salvador. The talks in Caracas were suspended after the attack.",
     "SLV"),
    ("The peace talks held in Mexico City were called off after gunmen killed six farmers in Guatemala.", "GTM"),
    ("Soldiers shot dead four students in Honduras, a week before the summit in Lima.", "HND"),
    ("The meeting scheduled in Geneva was postponed after militants bombed a market in Pakistan.", "PAK"),
]


@pytest.mark.parametrize("text,country", MEETINGS_ELSEWHERE)
def test_where_a_meeting_is_held_is_not_the_event_place(text: str, country: str) -> None:
    loc = _event_location(text)
    assert loc is not None and loc.country == country, loc


@pytest.mark.parametrize("text,country", SEATS_ELSEWHERE)
def test_where_an_organisation_sits_is_not_the_event_place(text: str, country: str) -> None:
    loc = _event_location(text)
    assert loc is not None and loc.country == country, loc


def test_offices_attacked_in_a_town_are_in_that_town() -> None:
    loc = _event_location("Gunmen attacked the party's offices in Lagos on Monday, killing two guards.")
    assert loc is not None and loc.name == "Lagos" and loc.country == "NGA", loc


# "the border with X", "the frontier with X": X is the other side, not where it happened: (text, event country)
BORDER_SIDES = [
    ("QUITO (ECUADOR), 5 APR 90 (AFP) -- [TEXT] SMUGGLERS AMBUSHED AN ECUADORAN PATROL AT THE BORDER WITH PERU, "
     "KILLING THREE SOLDIERS.", "ECU"),
    ("Three Kenyan police officers were killed in an ambush near the frontier with Somalia on Monday.", "KEN"),
    ("Gunmen killed four Malian soldiers close to Mali's border with Burkina Faso, the army said.", "MLI"),
]


@pytest.mark.parametrize("text,country", BORDER_SIDES)
def test_the_other_side_of_a_border_is_not_the_event_place(text: str, country: str) -> None:
    loc = _event_location(text)
    assert loc is not None and loc.country == country, loc


def test_a_country_named_without_a_border_is_the_event_place() -> None:
    loc = _event_location("Smugglers ambushed a patrol in Peru on Monday, killing three soldiers.")
    assert loc is not None and loc.country == "PER", loc


# "the town of X" names a place even when the NER tagged X an organisation
@pytest.mark.parametrize("text,name,country", [
    ("A grenade went off in the Peruvian town of Tacna on Tuesday, wounding six.", "Tacna", "PER"),
    ("Rebels shelled the city of Goma overnight, killing two children.", "Goma", "COD"),
])
def test_town_of_x_is_a_place(text: str, name: str, country: str) -> None:
    loc = _event_location(text)
    assert loc is not None and (loc.name, loc.country) == (name, country), loc


def test_a_major_city_the_text_puts_an_act_in_is_a_place_whatever_the_ner_tagged() -> None:
    """A one-word city of 100,000 or more after "in" is where something happened, even when the NER took it for an
    organisation (as it does with "in Herat" here)."""
    found = [(m.text, m.role, m.country) for m in _places("A roadside bomb wounded 20 people in Herat on Tuesday.")]
    assert ("Herat", "place", "AFG") in found, found


# ---------------------------------------------------------------------------------------------- the story's country
# from all the evidence: administrative words, office holders and institutions, namesakes judged by the story

# (text, written name, expected country): a word used for the subdivisions of a few countries decides a namesake
ADMIN_WORDS = [
    ("Floods forced 2,000 families from their homes in Sylhet upazila on Monday, officials said.", "Sylhet", "BGD"),
    ("Shelling killed four civilians in Kherson oblast overnight, the regional governor said.", "Kherson", "UKR"),
    ("Gunmen killed five soldiers in the governorate of Homs on Sunday.", "Homs", "SYR"),
    ("Police said two men were shot dead in Kalat tehsil late on Friday.", "Kalat", "PAK"),
]


@pytest.mark.parametrize("text,name,country", ADMIN_WORDS)
def test_administrative_words_say_the_country(text: str, name: str, country: str) -> None:
    loc = _event_location(text)
    assert loc is not None and (loc.name, loc.country) == (name, country), loc


def test_a_word_many_countries_use_says_nothing_of_the_country() -> None:
    from dateline.pipeline.places import story_context

    context = story_context(nlp.analyse("Floods hit three villages of the province on Monday, officials said."))
    assert dict(context) == {}


# office holders and national institutions the actor dictionaries know are evidence for their country
@pytest.mark.parametrize("text,country", [
    ("CLANDESTINE, 2 MAR 90 (RADIO STATION) -- [TEXT] PRESIDENT ALFREDO CRISTIANI SAID THAT A BOMB DAMAGED A "
     "POWER PYLON LAST NIGHT.", "SLV"),
    ("A bomb damaged a power pylon overnight, President Alan Garcia said on Monday.", "PER"),
])
def test_an_office_holder_gives_the_story_its_country(text: str, country: str) -> None:
    from dateline.pipeline.places import story_context

    context = story_context(nlp.analyse(text, published=date(1990, 3, 2)))
    assert max(context, key=lambda c: context[c]) == country


# people an event counts or hits are not a source speaking from the place: (text, expected event country)
@pytest.mark.parametrize("text,country", [
    ("Gunmen killed three journalists in Honduras on Friday, a press group in Mexico said.", "HND"),
    ("The murder of reporters in Guatemala was condemned on Monday by a press union in Mexico.", "GTM"),
    # a source speaking from a place stays a source
    ("Rebels burned a village in Bolivia, journalists in Lima said on Monday.", "BOL"),
])
def test_people_hit_in_a_place_are_not_a_source(text: str, country: str) -> None:
    loc = _event_location(text)
    assert loc is not None and loc.country == country, loc


def test_us_local_news_words_are_country_evidence_of_the_story() -> None:
    from dateline.pipeline.places import story_context

    context = story_context(nlp.analyse("Sheriff's deputies found the man in the 400 block of Pine Street; the county "
                                        "coroner identified him."))
    assert max(context, key=lambda c: context[c]) == "USA" and context["USA"] >= 2.0


def test_a_namesake_abroad_gives_way_to_the_story_country() -> None:
    """Only a foreign town carries the name, and everything else in the story is of another country: the name is of
    a place the gazetteer does not know there, in the story's country."""
    loc = _event_location("A man was shot dead on the North Shore on Sunday. Sheriff's deputies found him in the 200 "
                          "block of Palm Road, and the county coroner said the suspect faces a felony charge.")
    assert loc is not None and (loc.name, loc.country, loc.precision) == ("the North Shore", "USA", "country")
    # ... not when the story speaks of the namesake's country, even when it speaks more of another
    loc = _event_location("Gunmen killed two people in Auckland's North Shore on Sunday, New Zealand police said.")
    assert loc is not None and loc.country == "NZL"
    loc = _event_location("Gunmen killed three soldiers in San Pedro Sula, Honduras, on Monday. In San Salvador, "
                          "President Alfredo Cristiani said Salvadoran troops were on alert in Chalatenango, Usulutan "
                          "and San Miguel, and the Salvadoran army denied any role.")
    assert loc is not None and (loc.name, loc.country, loc.precision) == ("San Pedro Sula", "HND", "exact")


def test_an_unplaced_site_or_street_is_in_the_story_town() -> None:
    """A site or street the gazetteer lacks, with no town tied to the event, is coded to the town the story names
    most often (found by the NER or the dateline), in the event's country; a name found by the dictionary alone (a
    person's "Fox") and a town of another country are none."""
    gz = gazetteer.load()

    def mention(text: str, at: int, source: str = "ner", role: str = "place") -> places.PlaceMention:
        place = next(p for p in gz.lookup(text) if p.kind == "city" and p.country == "USA")
        return places.PlaceMention((at, at + len(text)), text, place, 1.0, source, role, "city", False, place.country,
                                   place.admin1)

    def town(mentions: list[places.PlaceMention], country: str | None) -> str | None:
        found = places._story_town(mentions, country)
        return None if found is None else found.text

    houston = mention("Houston", 100, role="org")      # "Houston police"
    assert town([mention("Pasadena", 50), houston, mention("Houston", 300)], "USA") == "Houston"   # named most
    assert town([mention("Pasadena", 200), houston], "USA") == "Houston"                           # named first
    assert town([mention("Pasadena", 50, source="dict"), houston], "USA") == "Houston"
    assert town([mention("Houston", 100, source="dict")], "USA") is None
    assert town([houston], "MEX") is None and town([houston], None) is None


@pytest.mark.parametrize("text,name,country,admin1", [
    # a name followed by its police force is a town's, when a town of that name is of some size
    ("A man was shot Friday night, Toledo police said. Officers found him on a porch.", "Toledo", "USA", "Ohio"),
    ("A bomb killed four people on Sunday, Kirkuk police said.", "Kirkuk", "IRQ", "Kirkuk"),
    # ... not a region whose towns of that name are tiny ("Punjab police", "Texas police")
    ("Gunmen killed two men on Friday, Punjab police said.", "Punjab", "PAK", "Punjab"),
])
def test_a_name_before_its_police_is_a_town(text: str, name: str, country: str, admin1: str) -> None:
    place = _resolved(text, name)
    assert place is not None and (place.country, place.admin1) == (country, admin1)
    if name != "Punjab":
        assert place.kind == "city"


@pytest.mark.parametrize("text,name,admin1", [
    # a town the NER takes for a region (LOC) keeps its small namesakes in a region the story names by a county whose
    # name has one reading
    ("A man was shot in Palm Coast on Friday night, the Flagler County Sheriff's Office said.", "Palm Coast",
     "Florida"),
    ("Flagler County deputies said a woman was wounded Sunday at a house in Palm Coast.", "Palm Coast", "Florida"),
    ("A boy was shot in the arm near the lake in Sun Valley, deputies in Washoe County said.", "Sun Valley", "Nevada"),
])
def test_a_small_town_in_the_county_the_story_names(text: str, name: str, admin1: str) -> None:
    doc = nlp.analyse(text)
    assert any(e.text == name and e.label_ == "LOC" for e in doc.ents)     # the case the rule is for
    place = _resolved(text, name)
    assert place is not None and (place.country, place.admin1, place.kind) == ("USA", admin1, "city")


# ---------------------------------------------------------------------------------------------- filed from, happened in
# A wire dateline says where the report was filed; the event's own sentence says where it happened.

# (text, expected event place name, country, precision)
FILED_ELSEWHERE = [
    # a small town outside the dateline's region is that town, not an unknown place of the capital's region
    ("BAGHDAD — Gunmen killed four shepherds near Tuz Khurmatu on Monday, police said.", "Tuz Khurmatu", "IRQ",
     "near"),
    # "the town of X": the town, not the region of that name (then given way to the dateline's town)
    ("BAMAKO, Mali — Soldiers clashed with rebels near the northern town of Gao on Sunday, the army said.", "Gao",
     "MLI", "exact"),
    # a district of the event's sentence that is not the dateline's town's
    ("SRINAGAR, India — Two soldiers were killed in a gunfight in Kupwara district on Sunday, the army said.",
     "Kupwara district", "IND", "admin2"),
    # a village the gazetteer does not know, called a village: not a part of the dateline's town
    ("NAIROBI, Kenya — Gunmen killed six herders near the village of Qarsamo in Kenya's Mandera county on Friday.",
     "Qarsamo", "KEN", "country"),
    ("DAMASCUS, Syria — Mortar shells hit the village of Kafr Nabl on Sunday, killing two children.", "Kafr Nabl",
     "SYR", "exact"),
    # a dateline names a town: "GAZA" the city, not the Mozambican province of that name; a hyphen inside the
    # dateline's name ends nothing
    ("GAZA — An Israeli drone strike killed three people in Rafah on Sunday.", "Rafah", "PSE", "exact"),
    ("PORT-AU-PRINCE, Haiti — Gang members killed four people on Monday.", "PORT-AU-PRINCE", "HTI", "exact"),
    # a town of two words the NER takes for a person, after "in"
    ("An air strike on a school in Khan Younis killed 12 people on Sunday.", "Khan Younis", "PSE", "exact"),
    # ... a big city of one country's, and the end of a longer town's name
    ("Gunmen killed two people in Dakar on Wednesday.", "Dakar", "SEN", "exact"),
    ("PESHAWAR, Pakistan — Militants attacked a police post in Dera Ismail Khan district on Monday, killing three "
     "policemen.", "Dera Ismail Khan", "PAK", "admin2"),
    # a town the gazetteer does not know, near which a wire dateline's sentence puts the event
    ("BAMAKO, Mali — Jihadists killed 12 soldiers near Boulkessi, close to the border with Burkina Faso, on Sunday.",
     "Boulkessi", "MLI", "country"),
    # "in X region of (central) Y": the region, not the country that qualifies it
    ("Gunmen killed 14 villagers in Mopti region of central Mali on Sunday.", "Mopti", "MLI", "admin1"),
]


@pytest.mark.parametrize("text,name,country,precision", FILED_ELSEWHERE)
def test_the_event_is_where_its_sentence_puts_it_not_where_it_was_filed(text: str, name: str, country: str,
                                                                        precision: str) -> None:
    loc = _event_location(text)
    assert loc is not None and (loc.name, loc.country, loc.precision) == (name, country, precision), loc


@pytest.mark.parametrize("text,name,country", [
    # the dateline's town stays the place of a district named after it, and of a story that names no other place
    ("DALLAS — Two men were shot in Dallas County on Friday night, deputies said.", "DALLAS", "USA"),
    ("WASHINGTON — A gunman shot two security guards outside a museum on Monday.", "WASHINGTON", "USA"),
    # ... and of a neighbourhood of it
    ("CHICAGO — A teenager was shot in the Englewood neighborhood on Sunday, police said.", "CHICAGO", "USA"),
    # a US local dateline: an unknown name, or a county, of the story is the town's own (a neighbourhood)
    ("CHICAGO — A teenager was shot in Englewood on Sunday, police said.", "CHICAGO", "USA"),
    ("KERRVILLE, Texas — A man was shot dead in Kerr County on Friday, deputies said.", "KERRVILLE", "USA"),
    # ... and under a wire dateline, a name the gazetteer lacks "in" which it happened may be a part of the town
    ("BAGHDAD — A car bomb killed 12 people in Karrada on Monday.", "BAGHDAD", "IRQ"),
    # a town used as an adjective before a lower-case "street" is the town
    ("A car bomb exploded on a busy Baghdad street on Monday, killing five people.", "Baghdad", "IRQ"),
])
def test_the_dateline_town_stays_where_the_sentence_does_not_say_otherwise(text: str, name: str,
                                                                          country: str) -> None:
    loc = _event_location(text)
    assert loc is not None and (loc.name, loc.country) == (name, country), loc


@pytest.mark.parametrize("text,person", [
    ("The minister said he had full confidence in John Smith.", ["John", "Smith"]),
])
def test_a_person_named_after_in_is_no_town(text: str, person: list[str]) -> None:
    doc = nlp.analyse(text)
    assert any(e.label_ == "PERSON" for e in doc.ents)        # the case the rule is for
    words = {doc[i].text for i in places._person_tokens(doc, places.gazetteer())}
    assert set(person) <= words


def test_a_region_of_the_events_sentence_keeps_its_own_place() -> None:
    # a region the event's sentence names is not refined by a town the headline names for another event
    doc = nlp.analyse("Missile strike kills four in Kharkiv\n\nA missile strike killed four people in Kharkiv on "
                      "Monday.\n\nIn the southern Kherson region, shelling killed one man on Tuesday.")
    last = doc._.dateline_events[-1].location
    assert last is not None and (last.name, last.precision) == ("Kherson", "admin1"), last


def test_a_name_before_a_street_word_is_a_street() -> None:
    text = "A bomb went off outside a bank on Bolivar and San Martin streets in Lima on Friday."
    ms = [m for m in places.find_places(nlp.analyse(text)) if m.text == "San Martin"]
    assert ms and all(m.level == "street" for m in ms)


@pytest.mark.parametrize("text,country", [
    # a country's name the NER takes for a person, after "in"
    ("In Mali, a landmine killed three soldiers on Sunday.", "MLI"),
    ("In Chad, gunmen killed four herders on Sunday.", "TCD"),
])
def test_a_country_after_in_is_no_person(text: str, country: str) -> None:
    loc = _event_location(text)
    assert loc is not None and loc.country == country, loc


@pytest.mark.slow
@pytest.mark.parametrize("title,text,expected", [
    # a small town the NER takes for a person, after "in", named nowhere else as a person: the town
    ("7 injured in Galt drive-by shooting", "Seven men were injured in a drive-by shooting in Galt on Saturday "
     "night.", ("Galt", "USA")),
    # ... but a person the text names as one is no town
    (None, "A man was shot in Galt on Friday. Police said Galt was questioned by detectives.", (None, None)),
])
def test_a_small_town_after_in_is_a_place_unless_a_person_elsewhere(title: str | None, text: str,
                                                                      expected: tuple[str | None, str | None]) -> None:
    import dateline
    loc = dateline.code(text, published="2015-08-02", title=title).to_dict()["events"][0]["location"]
    assert (loc.get("name"), loc.get("country")) == expected


@pytest.mark.parametrize("text,name", [
    # where someone is from is their home, not where anything happened
    ("Gunmen shot dead a priest on Thursday. The ambassador, who is from Vermont, asked who had killed him.",
     "Vermont"),
    ("Gunmen shot dead a priest on Thursday. Nobody knows if he is from Vermont.", "Vermont"),
    ("The ambassador, William Ford from Vermont, asked who had killed the priest.", "Vermont"),
])
def test_where_someone_is_from_is_their_home(text: str, name: str) -> None:
    assert [m.role for m in _places(text) if m.text == name] == ["based"]


@pytest.mark.parametrize("text,word", [
    # a one-word English word or a month the NER left is no place (nor a name after a place preposition)
    ("Watch: Teen wounded near a park | Share  Copy Link Copy  A teenager was wounded at a park on Monday.", "Share"),
    ("Man charged in stabbing\n\nPosted Jun 14, 2019 at 9:10 AM\n\nA man was charged on Monday.", "Jun"),
    ('A friend wrote, "God brought you home." The boy was shot on Sunday.', "God"),
])
def test_an_english_word_is_no_place(text: str, word: str) -> None:
    assert [m for m in _places(text) if m.text == word] == []


def test_a_country_named_as_a_us_state_is_the_state_in_us_local_news() -> None:
    text = ("Deputies: gunman kills three in rural Georgia\n\nA Georgia man shot three neighbors on Friday, a "
            "spokesman for the Burke County sheriff told reporters.")
    assert {m.country for m in _places(text) if m.text == "Georgia"} == {"USA"}


def test_a_known_city_in_capitals_is_a_place() -> None:
    """In capitals, an English noun is no small town ("JUSTICE"), but a city of 100,000 or more the NER calls a
    place is that city, though the lemmatiser's nouns hold its name too."""
    ms = _places("GUNMEN KILLED THREE PEOPLE IN DETROIT ON MONDAY, POLICE SAID.")
    assert [(m.text.upper(), m.country) for m in ms if m.role == "place"] == [("DETROIT", "USA")]


@pytest.mark.parametrize("text", [
    # a one-word name the NER takes for a building, after a place preposition, that the gazetteer knows as a city of
    # 100,000: that city
    "Troops opened fire on marchers in Mandalay on Sunday.",
    "Police shot dead four people in Mandalay overnight.",
])
def test_a_big_city_the_ner_takes_for_a_building_is_a_city(text: str) -> None:
    loc = _event_location(text)
    assert loc is not None and loc.country == "MMR", loc


@pytest.mark.parametrize("text,country", [
    # namesakes nearly tied on size and name: the one in the country the story's other words name
    ("Three people were shot dead in San Pedro on Sunday, the national police said. The Honduran government "
     "condemned the attack.", "HND"),
    ("Gunmen killed two drivers in San Pedro overnight. Honduran police blamed a street gang.", "HND"),
])
def test_a_near_tie_of_namesakes_goes_to_the_storys_country(text: str, country: str) -> None:
    loc = _event_location(text)
    assert loc is not None and loc.country == country, loc
