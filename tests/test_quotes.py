"""Tests for the quotes stage: content spans, kinds and speakers on short hand-written sentences."""

from __future__ import annotations

import pytest

import dateline.pipeline as nlp
from dateline.pipeline.quotes import FoundQuote, find_quotes, quote_segments


def _quotes(text: str) -> list[FoundQuote]:
    model = nlp.load()
    doc = model.make_doc(text)
    for name, proc in model.pipeline:
        if not name.startswith("dateline_"):
            doc = proc(doc)
    return find_quotes(doc)


def _content(text: str, q: FoundQuote) -> str:
    return text[q.span[0]:q.span[1]]


# (text, [(content, kind, speaker name), ...]) — every quote the text holds, in text order
CASES: list[tuple[str, list[tuple[str, str, str | None]]]] = [
    # indirect, "that" belongs to the content, the cue and the speaker do not
    ("The mayor of Springfield, Anna Kowalski, said that the bridge would reopen in May.",
     [("that the bridge would reopen in May", "indirect", "Anna Kowalski")]),
    # speaker named after a direct quote (inverted "said X")
    ("“We will rebuild the school before winter,” said Pedro Alvarez, a teacher in the village.",
     [("“We will rebuild the school before winter,”", "direct", "Pedro Alvarez")]),
    # straight quotation marks, speaker after the quote
    ('"The road is closed until further notice," police chief Tom Becker told reporters.',
     [('"The road is closed until further notice,"', "direct", "Tom Becker")]),
    # pronoun resolved to the last full name
    ("Maria Okafor runs the clinic. She said the storm had damaged the roof.",
     [("the storm had damaged the roof", "indirect", "Maria Okafor")]),
    # "Mr. X" resolved to the full name mentioned earlier
    ("Jonas Lindqvist arrived on Monday. “The talks went well,” Mr. Lindqvist said.",
     [("“The talks went well,”", "direct", "Jonas Lindqvist")]),
    # "according to"
    ("Six houses burned down overnight, according to fire official Helen Marsh.",
     [("Six houses burned down overnight", "indirect", "Helen Marsh")]),
    ("According to the ministry, the vaccine shipment arrived late.",
     [("the vaccine shipment arrived late", "indirect", "ministry")]),
    # a letter and a statement
    ("“I ask you to release the prisoners,” Ruth Ndlovu wrote in the letter.",
     [("“I ask you to release the prisoners,”", "direct", "Ruth Ndlovu")]),
    ("Senator Paul Weber said in a statement that the vote would be delayed.",
     [("that the vote would be delayed", "indirect", "Paul Weber")]),
    # a quotation of two sentences stays one quote
    ("“The water is rising. We need more boats,” said Kenji Sato, a local volunteer.",
     [("“The water is rising. We need more boats,”", "direct", "Kenji Sato")]),
    # an attribution interrupting a quotation: one quote
    ("“The fence was cut,” Omar Haddad said, “and the sheep were gone by morning.”",
     [("“The fence was cut,” Omar Haddad said, “and the sheep were gone by morning.”", "direct",
       "Omar Haddad")]),
    # partly quoted content is mixed
    ("Lena Fischer said the plan was “a disaster for farmers” and should be dropped.",
     [("the plan was “a disaster for farmers” and should be dropped", "mixed", "Lena Fischer")]),
    # "told reporters", speaker as a relative pronoun's antecedent
    ("The visit was led by envoy Carla Mendes, who told reporters the ceasefire was holding.",
     [("the ceasefire was holding", "indirect", "Carla Mendes")]),
    # participle cue inherits the subject
    ("Ahmed Saleh signed the order on Tuesday, adding that more troops would follow.",
     [("that more troops would follow", "indirect", "Ahmed Saleh")]),
    # belief
    ("Rosa Jimenez believes the election was fair.",
     [("the election was fair", "indirect", "Rosa Jimenez")]),
    # "she" skips the last speaker when that one is known to be a man
    ("Mr. Daniel Brooks said the fire started at noon. A neighbour, Maria Lopez, saw the smoke first. "
     "She said the alarm never rang.",
     [("the fire started at noon", "indirect", "Daniel Brooks"),
      ("the alarm never rang", "indirect", "Maria Lopez")]),
    # a quotation after an attributed one, in the next sentence, keeps its speaker
    ('Lena Park runs the shelter. "Is it over? Not yet," Ms. Park said. "We keep going."',
     [('"Is it over? Not yet,"', "direct", "Lena Park"), ('"We keep going."', "direct", "Lena Park")]),
    # no quote at all
    ("The river flooded three villages and destroyed the harvest.", []),
    ("The driver slammed a truck into a patrol car.", []),
    ("Soldiers attacked the convoy near the border on Sunday.", []),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", CASES)
def test_quotes_table(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    got = [(_content(text, q), q.kind, q.speaker_name) for q in _quotes(text)]
    assert len(got) == len(expected), got
    for (content, kind, name), (g_content, g_kind, g_name) in zip(expected, got, strict=True):
        assert g_content == content
        assert g_kind == kind
        if name is None:
            assert g_name is None
        else:
            assert g_name is not None and name.lower() in g_name.lower(), g_name


@pytest.mark.slow
def test_speaker_span_is_the_mention_at_the_attribution() -> None:
    text = "Maria Okafor runs the clinic. She said the storm had damaged the roof."
    (q,) = _quotes(text)
    assert q.speaker_span is not None
    assert text[q.speaker_span[0]:q.speaker_span[1]] == "She"
    assert q.cue == "said"
    assert q.cue_span is not None and text[q.cue_span[0]:q.cue_span[1]] == "said"


@pytest.mark.slow
def test_a_time_the_parse_hangs_on_the_speaker_is_no_part_of_it() -> None:
    import dateline

    ev = dateline.code("The president on Friday condemned Wednesday's attack on a church that killed nine people.",
                       published="2024-05-10").to_dict()["events"][0]
    assert [c["source"]["name"] for c in ev["claims"] if c["kind"] == "killed"] == ["president"]


@pytest.mark.slow
@pytest.mark.parametrize("text,role,organization", [
    ("“Nobody was hurt,” said Colonel Ivan Petrov, spokesman for the regional police.",
     "spokesman", "the regional police"),
    ("Provincial health ministry spokeswoman Amina Yusuf said the clinics were open.",
     "spokeswoman", "Provincial health ministry"),
])
def test_role_and_organization(text: str, role: str, organization: str) -> None:
    (q,) = _quotes(text)
    assert q.speaker_role == role
    assert q.speaker_organization == organization


@pytest.mark.parametrize("text,expected", [
    ('He said "yes" and "no".', ['"yes"', '"no"']),
    ("She said “not now” twice.", ["“not now”"]),
    ("“An open quote\n\nruns to its paragraph end", ["“An open quote"]),
    ("He called it ''a mess'' again.", ["''a mess''"]),
    ("No quotation here, only it's an apostrophe.", []),
])
def test_quote_segments(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in quote_segments(text)] == expected


@pytest.mark.slow
def test_attribution_inside_a_quotation_is_not_a_new_quote() -> None:
    text = "“I think the dam will hold,” said engineer Sara Lund."
    quotes = _quotes(text)
    assert len(quotes) == 1
    assert quotes[0].speaker_name == "Sara Lund"
    assert quotes[0].kind == "direct"


@pytest.mark.slow
def test_hard_wrapped_wire_copy_keeps_content_across_lines() -> None:
    text = ("Officials met on Monday in the capital.\nThe minister said that the troops\n"
            "would leave the town before the\nelection, and that aid would follow.\n"
            "No date was set for the talks.\nThe army did not comment on it.\n")
    (q,) = _quotes(text)
    assert _content(text, q) == ("that the troops\nwould leave the town before the\n"
                                 "election, and that aid would follow")


@pytest.mark.parametrize("text,expected", [
    ("He wrote:\n\n“We will win the vote. The people are with us.“\n\nThen he left.",
     "“We will win the vote. The people are with us.“"),
    ("One reader answered:\n\n”Fear. I am afraid of what comes next.”", "”Fear. I am afraid of what comes next.”"),
])
def test_quote_marks_typed_the_wrong_way_round(text: str, expected: str) -> None:
    assert [text[s:e] for s, e in quote_segments(text)] == [expected]


@pytest.mark.slow
def test_new_sentence_after_the_cue_opens_a_new_quotation() -> None:
    doc = nlp.analyse("“The road is closed,” said Mayor Ana Ruiz. “Nobody may pass until the army leaves.”")
    quotes = find_quotes(doc)
    assert [doc.text[q.span[0]:q.span[1]] for q in quotes] == [
        "“The road is closed,”", "“Nobody may pass until the army leaves.”"]
    assert all((q.speaker_name or "").endswith("Ana Ruiz") for q in quotes)
