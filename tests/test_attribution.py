"""Sources, source types and stances of figures, from sentences the team wrote."""

from __future__ import annotations

import pytest

import dateline.pipeline as nlp
from dateline.pipeline.attribution import attribute, source_type, unverified_parties


@pytest.mark.parametrize("description,expected", [
    ("Iraq's defense ministry", "official"),
    ("a police spokesman", "official"),
    ("the Karvan Liberation Front", "party"),
    ("rebels", "party"),
    ("Human Rights Watch", "organization"),
    ("a doctor at the city hospital", "organization"),
    ("a witness", "witness"),
    ("neighbours", "witness"),
    ("Smith", "unknown"),
])
def test_source_type(description: str, expected: str) -> None:
    assert source_type(description) == expected


def _attr(sentence: str, figure_text: str):  # type: ignore[no-untyped-def]
    doc = nlp.analyse(sentence)
    start = sentence.index(figure_text)
    return attribute(doc, (start, start + len(figure_text)), doc._.dateline_quotes or [])


@pytest.mark.slow
@pytest.mark.parametrize("sentence,figure,name_part,stance", [
    ("Twelve people were killed, according to the provincial governor.", "Twelve people", "governor",
     "asserts"),
    ("The army said it killed 40 militants in the raid.", "40 militants", "army", "asserts"),
    ("It was not possible to verify the claims of the Northern Front of 50 dead.", "50 dead", "Northern Front",
     "unconfirmed"),
    ("Video footage released by the rebels showed 20 bodies in a field.", "20 bodies", "rebels", "asserts"),
    ("Hospital officials confirmed that 8 people died overnight.", "8 people", "officials", "confirmed"),
    ("Four soldiers were reported wounded in the clash.", "Four soldiers", "the reporter", "asserts"),
])
def test_attribute(sentence: str, figure: str, name_part: str, stance: str) -> None:
    att = _attr(sentence, figure)
    assert name_part.lower() in att.name.lower()
    assert att.stance == stance


@pytest.mark.slow
def test_unverified_parties_and_general_doubt() -> None:
    doc = nlp.analyse("The minister said he could not confirm the number of casualties. "
                      "Reporters could not verify the claims of the Valley Movement.")
    names, general = unverified_parties(doc)
    assert general is True
    assert any("Valley Movement" in n for n in names)
