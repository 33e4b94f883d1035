"""Actor coding: (phrase, expected actor) tables, article-wide names, and the published-date check."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dateline.pipeline.actors import (
    ActorIndex,
    ActorLexicon,
    Role,
    code_actor,
    convert_petrarch_actors,
    convert_petrarch_agents,
    published_date_warnings,
    split_code,
)

# (mention, published date or None, country, sector, cameo or None when not checked)
MENTIONS = [
    ("Iraq's armed forces", None, "IRQ", "MIL", "IRQMIL"),
    ("Iraq’s armed forces", None, "IRQ", "MIL", "IRQMIL"),
    ("Iraqi government spokesman Ali al-Dabbagh", None, "IRQ", "GOV", "IRQGOV"),
    ("U.S. Defense Secretary Robert Gates", date(2010, 5, 1), "USA", "GOV", "USAGOVMIL"),
    ("President Barack Obama", date(2012, 1, 1), "USA", "GOV", "USAGOV"),
    ("camp residents", None, None, "CVL", "---CVL"),
    ("the People’s Mujahedeen Organization of Iran, or MEK", None, "IRN", "OPP", "IRNOPP"),
    ("the MEK's political wing", None, "IRN", "OPP", "IRNOPP"),
    ("a spokesman for Iraq's defense ministry", None, "IRQ", "GOV", "IRQGOV"),
    ("Five Iraqi soldiers", None, "IRQ", "MIL", "IRQMIL"),
    ("Iraqis", None, "IRQ", None, "IRQ"),
    ("Syrian rebels", None, "SYR", "REB", "SYRREB"),
    ("Nigerian police", None, "NGA", "COP", "NGACOP"),
    ("Kenyan protesters", None, "KEN", "OPP", "KENOPP"),
    ("Afghan refugees", None, "AFG", "REF", "AFGREF"),
    ("doctors at the hospital", None, None, "HLH", "---HLH"),
    ("a Pakistani judge", None, "PAK", "JUD", "PAKJUD"),
    ("the villagers", None, None, "CVL", "---CVL"),
    ("insurgents", None, None, "INS", "---INS"),
    ("Salvadoran army troops", None, "SLV", "MIL", "SLVMIL"),
    ("FMLN guerrillas", None, "SLV", "REB", "SLVREB"),
    ("Hamas militants", None, "PSE", "REB", None),
    ("the U.N. Security Council", None, None, "IGO", "IGOUNO"),
]


@pytest.mark.parametrize("mention,when,country,sector,cameo", MENTIONS)
def test_code_actor(mention: str, when: date | None, country: str | None, sector: str | None,
                    cameo: str | None) -> None:
    coded = code_actor(mention, when=when)
    assert coded is not None
    assert (coded.country, coded.sector) == (country, sector)
    if cameo is not None:
        assert coded.cameo == cameo


@pytest.mark.parametrize("mention", ["it was raining", "let us go", "who said that", "the weather"])
def test_nothing_to_code(mention: str) -> None:
    assert code_actor(mention) is None


def test_context_country_only_for_state_sectors() -> None:
    assert code_actor("the police", context_country="IRQ").country == "IRQ"  # type: ignore[union-attr]
    assert code_actor("the villagers", context_country="IRQ").country is None  # type: ignore[union-attr]


def test_roles_follow_the_date() -> None:
    assert code_actor("Robert Gates", when=date(1990, 1, 1)).cameo == "USAELI"  # type: ignore[union-attr]
    assert code_actor("Robert Gates", when=date(1992, 1, 1)).cameo == "USASPY"  # type: ignore[union-attr]
    assert code_actor("Robert Gates", when=date(2008, 1, 1)).cameo == "USAGOVMIL"  # type: ignore[union-attr]


def test_split_code() -> None:
    assert split_code("IRQMIL") == ("IRQ", "MIL")
    assert split_code("IGOUNO") == (None, "IGO")
    assert split_code("---REB") == (None, "REB")
    assert split_code(None) == (None, None)


STORY = (
    "Iraqi troops raided the camp on Friday. U.S. Defense Secretary Robert Gates urged restraint. "
    "Iraqi government spokesman Ali al-Dabbagh said the residents attacked first. "
    "Shahin Gobadi, a spokesman for the NCRI, denied it. \"We were unarmed,\" Mr. Gobadi said. "
    "Mr. Gates said he could not confirm the toll. Al-Dabbagh later called the group terrorists."
)


@pytest.mark.parametrize("name,country,sector", [
    ("Mr. Gates", "USA", "GOV"), ("Gates", "USA", "GOV"), ("Mr. al-Dabbagh", "IRQ", "GOV"),
    ("Al-Dabbagh", "IRQ", "GOV"), ("Mr. Gobadi", "IRN", "OPP"), ("the residents", None, "CVL"),
])
def test_article_names(name: str, country: str | None, sector: str | None) -> None:
    idx = ActorIndex(STORY, date(2011, 4, 9))
    coded = idx.resolve(name)
    assert coded is not None
    assert (coded.country, coded.sector) == (country, sector)


def test_speaker_organisation() -> None:
    idx = ActorIndex(STORY, date(2011, 4, 9))
    coded = idx.speaker("Mohammed al-Askari", "spokesman", "Iraq's defense ministry")
    assert coded is not None and (coded.country, coded.sector) == ("IRQ", "GOV")
    coded = idx.speaker("Robert Gates")
    assert coded is not None and coded.cameo == "USAGOVMIL"


def test_article_actor_mentions_are_not_merged_across_nouns() -> None:
    text = "Gates told reporters U.S. forces were nearby."
    names = [a.name for a in ActorIndex(text).actors()]
    assert "U.S. forces" in names


OFFICE = ("U.S. Defense Secretary Robert Gates visited Baghdad. "
          "President Barack Obama sent a letter on Friday.")


@pytest.mark.parametrize("published,warns", [
    (date(2017, 12, 18), True),      # Gates left office in 2011
    (date(2011, 4, 9), False),
    (date(2008, 6, 1), True),        # Obama not yet president
    (None, False),
])
def test_office_holders_against_published_date(published: date | None, warns: bool) -> None:
    out = published_date_warnings(OFFICE, published)
    assert bool(out) is warns
    if warns:
        code, message, span = out[0]
        assert code == "published-date-inconsistent"
        assert "2009-01-20 to 2011-07-01" in message
        assert span is not None and OFFICE[span[0]:span[1]].endswith(("Gates", "Obama"))


@pytest.mark.parametrize("text", [
    "Former Defense Secretary Robert Gates criticised the plan.",
    "Robert Gates, who ran the Pentagon, spoke on Friday.",
    "In 2008, Defense Secretary Robert Gates visited the base.",
])
def test_no_warning_for_former_untitled_or_dated_mentions(text: str) -> None:
    assert published_date_warnings(text, date(2019, 5, 1)) == []


@pytest.mark.parametrize("text,warns", [
    ("The clashes began in March 2019 and spread.", True),
    ("Elections will be held in 2019.", False),
    ("The government plans to finish the dam by 2020.", False),
    ("The rebels were defeated in 2015.", False),
    ("Police said 2019 people were registered.", False),
])
def test_years_after_published(text: str, warns: bool) -> None:
    out = published_date_warnings(text, date(2017, 12, 18))
    assert bool(out) is warns


@pytest.mark.slow
def test_camp_ashraf_window(camp_ashraf: Path) -> None:
    text = camp_ashraf.read_text(encoding="utf-8")
    out = [w for w in published_date_warnings(text, date(2017, 12, 18)) if "office" in w[1]]
    assert out, "expected an office-holder warning"
    message = out[0][1]
    start, end = message.split("from ", 1)[1].split(" [")[0].split(" to ")
    assert date.fromisoformat(start) <= date(2011, 4, 1) and date(2011, 4, 30) < date.fromisoformat(end)
    assert date.fromisoformat(end) <= date(2017, 12, 1)


PETR_ACTORS = """
GONDOR_  [GON]
+GONDORIAN
MINAS_TIRITH [GONGOV]
DENETHOR  # CountryInfo.txt
+STEWARD_DENETHOR
\t[GONGOV 30010101-30190315]
\t[GONELI]
"""
PETR_AGENTS = """
!PERSON! = MAN, MEN
SOLDIER [~MIL]
POLICE {} [~COP]
REFUGEE {REFUGEES} [~REF]
WATCH!PERSON! [~CVL]
"""


def test_petrarch_conversion() -> None:
    rows = convert_petrarch_actors(PETR_ACTORS, countries_file=True)
    by_name = {r[0]: r for r in rows}
    assert by_name["Gondor"][1] == "country"
    assert "gondorian*" in by_name["Gondor"][3]       # no trailing "_": a TABARI stem
    assert by_name["Denethor"][1] == "person"
    assert by_name["Denethor"][2][0] == Role("GONGOV", date(3001, 1, 1), date(3019, 3, 15))
    agents = dict(convert_petrarch_agents(PETR_AGENTS))
    assert agents["soldiers"] == "~MIL" and "polices" not in agents and agents["refugees"] == "~REF"
    assert agents["watchman"] == "~CVL" and agents["watchmen"] == "~CVL"


def test_user_lexicon() -> None:
    lex = ActorLexicon()
    lex.load_actors(["Gondor\tcountry\tGON\tgondor|gondorian\n"])
    lex.load_agents(["soldiers\t~MIL\n"])
    coded = code_actor("Gondorian soldiers", lexicon=lex)
    assert coded is not None and coded.cameo == "GONMIL"
