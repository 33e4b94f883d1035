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
