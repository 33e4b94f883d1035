"""The pipeline loader: one pipeline per process, our stages in order, capitals recased, paragraphs split."""

from __future__ import annotations

import pytest

import dateline.pipeline as nlp


@pytest.mark.slow
def test_loaded_once_with_stages_in_order() -> None:
    first = nlp.load()
    assert nlp.load() is first
    names = first.pipe_names
    assert [n for n in names if n.startswith("dateline_")] == ["dateline_paragraphs", *nlp.STAGES]
    assert names.index("dateline_paragraphs") < names.index("parser")


@pytest.mark.parametrize("text,upper", [
    ("SAN SALVADOR, 3 JAN 90 -- GUERRILLAS ATTACKED A POWER STATION TODAY.", True),
    ("Guerrillas attacked a power station in San Salvador today.", False),
    ("UN", False),   # too short to tell
])
def test_upper_case_detection(text: str, upper: bool) -> None:
    assert nlp.is_upper_case_text(text) is upper


@pytest.mark.parametrize("text,expected", [
    ("THE ARMY SAID. I SAW IT.\n\nPOLICE CAME.", "The army said. I saw it.\n\nPolice came."),
    ("LIMA, 5 MAY 90 -- [TEXT] TERRORISTS BOMBED A BANK.", "Lima, 5 may 90 -- [text] Terrorists bombed a bank."),
])
def test_recase_keeps_length_and_sentence_starts(text: str, expected: str) -> None:
    out = nlp.recase(text)
    assert out == expected and len(out) == len(text)


@pytest.mark.parametrize("text,expected", [
    # common words the story writes in lowercase, and function words, go lowercase; names stay
    ("Gunman Kills 2 At Harbor Bar In Eastport\n\nA gunman killed two men at a bar in Eastport on Friday.",
     "Gunman kills 2 at Harbor bar in Eastport\n\nA gunman killed two men at a bar in Eastport on Friday."),
    # after a colon or a dash a new part starts; capitals and inner capitals stay
    ("Police: Teen Shot Near NYPD Precinct - McDonald Says Suspects Fled\n\nThe teen was shot near a precinct, "
     "police said. Officer Ann McDonald said the suspects fled.",
     "Police: Teen shot near NYPD precinct - McDonald says suspects fled\n\nThe teen was shot near a precinct, "
     "police said. Officer Ann McDonald said the suspects fled."),
    # a headline in sentence case, a line too long for a headline, or one line only: unchanged
    ("Gunman kills 2 at Harbor bar\n\nA gunman killed two men.",
     "Gunman kills 2 at Harbor bar\n\nA gunman killed two men."),
    ("Gunman Kills Two Men At Harbor Bar", "Gunman Kills Two Men At Harbor Bar"),
    ("Man Hurt " * 40 + "\n\nA man was hurt.", "Man Hurt " * 40 + "\n\nA man was hurt."),
])
def test_recase_headline_keeps_length_and_names(text: str, expected: str) -> None:
    out = nlp.recase_headline(text)
    assert out == expected and len(out) == len(text)


@pytest.mark.slow
def test_a_title_case_headline_is_analysed_in_sentence_case_and_output_as_written() -> None:
    text = "Gunman Wounds 3 At Harbor Bar\n\nA gunman wounded three men at a bar on Friday, police said."
    doc = nlp.analyse(text)
    assert doc.text.startswith("Gunman wounds 3 at Harbor bar") and doc._.dateline_source_text == text
    assert not doc._.dateline_recased


@pytest.mark.slow
def test_blank_line_ends_a_sentence() -> None:
    doc = nlp.analyse("Police arrest suspect in market shooting\n\nPolice arrested a man on Monday.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Police arrest suspect in market shooting"


@pytest.mark.slow
def test_upper_case_text_is_parsed_as_sentences() -> None:
    doc = nlp.analyse("GUERRILLAS KILLED TWO SOLDIERS. THE ARMY DENIED IT.")
    assert len(list(doc.sents)) == 2
    assert doc.text.startswith("Guerrillas killed")
