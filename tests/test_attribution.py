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
    # a number is who was confirmed dead, not who confirmed it
    ("Nine people were shot, with four confirmed dead.", "four confirmed dead", "the reporter", "confirmed"),
    ("Five were shot and two confirmed dead at the scene.", "two confirmed dead", "the reporter", "confirmed"),
    # the figure inside what its sentence denies
    ("Police denied reports that a student had been shot dead at the rally.", "a student had been shot", "Police",
     "denies"),
    ("The army denied that 30 villagers were killed in the raid.", "30 villagers were killed", "army", "denies"),
    ("The hospital denied reports that the boy had died.", "the boy had died", "hospital", "denies"),
    ("Reports that a student had been shot dead at the rally were false, police said.", "a student had been shot",
     "police", "denies"),
    ("Rumours that five people had been shot in the market proved false, police said.", "five people had been shot",
     "police", "denies"),
    ("Reports that 20 soldiers were killed proved unfounded, the ministry said.", "20 soldiers were killed",
     "ministry", "denies"),
    # ... not a report that did not prove false
    ("Reports that 20 soldiers were killed did not prove false, the ministry said.", "20 soldiers were killed",
     "ministry", "asserts"),
    # ... not what it does not deny, nor the deaths when it denies who caused them
    ("The army denied that its troops killed 30 villagers in the raid.", "killed 30 villagers", "army", "asserts"),
    ("The army denied that 30 villagers were killed by soldiers.", "30 villagers were killed", "army", "asserts"),
    ("The group denied responsibility for the bombing in which 30 people were killed.", "30 people were killed",
     "group", "asserts"),
    ("The army did not deny that 30 villagers were killed in the raid.", "30 villagers were killed", "army",
     "asserts"),
    # a claim of responsibility is no saying: its subject is no source of the toll
    ("No one has claimed responsibility for the bombing, which killed five people.", "killed five people",
     "the reporter", "asserts"),
    ("A splinter group claimed responsibility for the raid that left six guards dead.", "six guards dead",
     "the reporter", "asserts"),
    # a figure in the words that describe the speaker is the article's own
    ("\"They shot everyone they saw,\" said Ali Hassan, a farmer who survived the raid in which 23 people were "
     "killed.", "23 people were killed", "the reporter", "asserts"),
    ("A teacher whose two sons were killed in the attack said the town was afraid.", "two sons were killed",
     "the reporter", "asserts"),
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


def _claims(text: str) -> list[tuple[str, int | None, str, str, str]]:
    import dateline

    coding = dateline.code(text, published="2024-03-09").to_dict()
    return [(c["kind"], c["low"], c["source"]["name"], c["stance"], c["text"])
            for e in coding["events"] for c in e["claims"]]


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # a later sentence confirms the figure, with its own source
    ("Rebels said 14 soldiers were killed near Goma on Monday. A hospital source confirmed the count.",
     ("killed", 14, "hospital source", "confirmed", "the count")),
    ("Police said five people were wounded in the attack on Friday. The toll was confirmed by hospital staff.",
     ("injured", 5, "hospital staff", "confirmed", "The toll")),
    ("Police said five people were wounded in the attack on Friday. They later confirmed the toll.",
     ("injured", 5, "Police", "confirmed", "the toll")),
    ("Seven miners died in the blast, the company said.\n\nThe regional governor verified those figures.",
     ("killed", 7, "regional governor", "confirmed", "those figures")),
    # disputes it
    ("Rebels said 14 soldiers were killed near Goma on Monday. Independent monitors put the number lower.",
     ("killed", 14, "Independent monitors", "denies", "the number")),
    ("Police said five people were wounded in the attack on Friday. The ministry disputed the figure.",
     ("injured", 5, "ministry", "denies", "the figure")),
    ("Organisers said 200 marchers were arrested in the capital. The interior ministry rejected that tally.",
     ("arrested", 200, "interior ministry", "denies", "that tally")),
    ("The rebels said they killed 40 soldiers on Monday. The army dismissed the claim as propaganda.",
     ("killed", 40, "army", "denies", "the claim as propaganda")),
    ("Activists said 15 people were wounded at the rally. Police refuted those figures.",
     ("injured", 15, "Police", "denies", "those figures")),
    # says there were more: at least the figure, with no upper bound of its own
    ("Rebels said 14 soldiers were killed near Goma on Monday. Independent monitors put the number higher.",
     ("killed", 14, "Independent monitors", "asserts", "the number")),
    ("The army said 12 civilians died in the shelling. Local officials put the toll higher.",
     ("killed", 12, "Local officials", "asserts", "the toll")),
    # ... or says what the number is ("Witnesses said the toll was higher / lower")
    ("Police said two people were killed in the raid. Witnesses said the toll was higher.",
     ("killed", 2, "Witnesses", "asserts", "the toll")),
    ("Rebels said 40 soldiers were killed near Goma. The army said the number was much lower.",
     ("killed", 40, "army", "denies", "the number")),
    # ... or that the figure is too high or too low, whoever the clause names as misstating it
    ("Rebels said they killed 45 soldiers in the ambush. The army said the figure was exaggerated.",
     ("killed", 45, "army", "denies", "the figure")),
    ("Rebels said they killed 45 soldiers in the ambush. The army said the rebels had inflated the toll.",
     ("killed", 45, "army", "denies", "the toll")),
    ("The ministry said 30 people died in the blast. The figure was overstated, the opposition said.",
     ("killed", 30, "opposition", "denies", "The figure")),
    ("Officials said 30 people died in the blast. Opposition leaders said the toll had been underreported.",
     ("killed", 30, "Opposition leaders", "asserts", "the toll")),
    # puts it at a number of its own: that figure, asserted
    ("Activists said 30 protesters were killed in Khartoum on Sunday. Independent monitors put the number lower, at "
     "eight.", ("killed", 8, "Independent monitors", "asserts", "the number")),
    ("Rebels said they killed 40 soldiers near Goma on Sunday. The army put the toll at three.",
     ("killed", 3, "army", "asserts", "toll at three")),
    # ... "the number of dead soldiers", "the number of wounded civilians": the kind from the word that qualifies them
    ("Rebels said they killed 40 soldiers in an ambush near Goma on Monday. Independent monitors put the number of "
     "dead soldiers at about 15.", ("killed", 15, "Independent monitors", "asserts", "the number of dead soldiers")),
    ("Police said 12 people were wounded in the blast. Doctors put the number of wounded civilians higher.",
     ("injured", 12, "Doctors", "asserts", "the number of wounded civilians")),
    # will not or cannot say
    ("Activists said 30 protesters were shot dead in Khartoum on Sunday. Officials have not commented on the "
     "report.", ("killed", 30, "Officials", "unconfirmed", "the report")),
    ("Police said five people were wounded in the attack on Friday. The army declined to comment on those "
     "figures.", ("injured", 5, "army", "unconfirmed", "those figures")),
    ("Residents said nine people died in the raid. The governor's office could not confirm the death toll.",
     ("killed", 9, "governor's office", "unconfirmed", "the death toll")),
    # ... and no one is said to: the reporter's own doubt about that figure
    ("Police said three people were killed when gunmen fired on a bus on Sunday. That figure could not be "
     "independently confirmed.", ("killed", 3, "the reporter", "unconfirmed", "That figure")),
    ("Rebels said they killed 40 soldiers near Goma on Sunday. The claim could not be verified.",
     ("killed", 40, "the reporter", "unconfirmed", "The claim")),
    # a stance on an earlier claim that is no figure: a claim of kind "fact" on the event, with its own source
    ("Rebels said they attacked an army base near Kandahar on Monday. The army denied the report.",
     ("fact", None, "army", "denies", "the report")),
    ("Witnesses said soldiers burned homes in a village near Kandahar. Officials could not confirm the account.",
     ("fact", None, "Officials", "unconfirmed", "the account")),
    ("Residents said militants attacked a checkpoint near Kandahar. A police spokesman confirmed the report.",
     ("fact", None, "police spokesman", "confirmed", "the report")),
    ("Villagers said troops looted the market in Gao on Friday. The defence ministry rejected the allegations.",
     ("fact", None, "defence ministry", "denies", "the allegations")),
])
def test_a_later_sentence_sets_a_stance_on_an_earlier_figure_or_claim(text: str, expected: tuple) -> None:  # type: ignore[type-arg]
    assert expected in _claims(text)


@pytest.mark.slow
@pytest.mark.parametrize("text,claim,answer", [
    ("Residents said the strike killed 20 civilians, but the army denied it.",
     ("killed", 20, "Residents", "asserts", "20 civilians"), ("killed", 20, "army", "denies", "it")),
    ("The strike may have killed 20 civilians, but the army denied it.",
     ("killed", 20, "the reporter", "asserts", "20 civilians"), ("killed", 20, "army", "denies", "it")),
    ("Rebels said they killed 30 soldiers, a claim the army rejected.",
     ("killed", 30, "Rebels", "asserts", "30 soldiers"), ("killed", 30, "army", "denies", "claim")),
    ("Police said three people were killed, and a hospital official confirmed it.",
     ("killed", 3, "Police", "asserts", "three people"), ("killed", 3, "hospital official", "confirmed", "it")),
    # a figure of its own in the answering clause: its own source
    ("Hospital sources said at least nine people were killed, although the government put the toll at three.",
     ("killed", 9, "Hospital sources", "asserts", ""), ("killed", 3, "government", "asserts", "toll at three")),
])
def test_a_clause_that_answers_a_figure_in_its_own_sentence_sets_its_own_stance(
        text: str, claim: tuple, answer: tuple) -> None:  # type: ignore[type-arg]
    """The figure keeps who said it and how; the clause that answers it ("but the army denied it") is a claim of
    its own, with its own source and stance."""
    got = _claims(text)
    assert claim[:4] in [c[:4] for c in got]
    assert answer in got


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    # no stance verb, a figure of its own, another kind, or no subject: no second claim
    "Police said five people were killed on Friday. The report was released on Monday.",
    "Police said five people were killed on Friday. Hospital staff confirmed that two more died overnight.",
    "Police said five people were killed on Friday. The ministry confirmed the number of arrests.",
    "Police said five people were killed on Friday. It was not possible to confirm the toll.",
    "Police said five people were killed on Friday. The ministry did not dispute the figure.",
    "Police said five people were killed on Friday. Witnesses said the figure was not exaggerated.",
])
def test_no_stance_claim_without_a_stance_on_that_figure(text: str) -> None:
    claims = _claims(text)
    assert not any(c[4].lower().startswith(("the report", "the number", "the toll", "the figure")) for c in claims)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    # no event before it, no stance verb, a pronoun for a source, or the stance went to a figure
    "The army denied the report. Officials met in the capital on Monday.",
    "Rebels said they attacked an army base near Kandahar on Monday. The ministry published the report.",
    "Rebels said they attacked an army base near Kandahar on Monday. They later denied the report.",
    "Rebels said they killed 12 soldiers near Kandahar on Monday. The army denied the report.",
    # questioning a detail is no denial of the happening
    "Officers shot at a car near Kandahar on Monday. The driver's family disputed the police account.",
])
def test_no_stance_on_a_claim_without_an_event_a_verb_or_a_named_source(text: str) -> None:
    assert not any(c[0] == "fact" and c[4].lower().startswith(("the report", "the police account"))
                   for c in _claims(text))


@pytest.mark.slow
@pytest.mark.parametrize("text,doubted,kept", [
    # a doubt on a party's figure ("the police figure", "the army's toll") is on that party's figure, not the last
    # one told, and leaves the other parties' figures asserted
    ("Gunmen killed six herders near the well on Sunday, police said. Villagers said the toll was at least 11. The "
     "police figure could not be independently confirmed.",
     ("killed", 6, "the reporter", "unconfirmed", "The police figure"), ("killed", 11, "Villagers", "asserts")),
    ("The army said 14 rebels were killed in the battle. The rebels said 25 soldiers died. The army's toll could "
     "not be verified.",
     ("killed", 14, "the reporter", "unconfirmed", "The army's toll"), ("killed", 25, "rebels", "asserts")),
])
def test_a_doubt_on_a_partys_figure_is_on_that_figure(text: str, doubted: tuple, kept: tuple) -> None:  # type: ignore[type-arg]
    got = _claims(text)
    assert doubted in got
    assert kept in [c[:4] for c in got]
