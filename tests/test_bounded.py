"""Bounded work per article: long runs cut in the analysed copy, long stretches cut into sentences, long texts
analysed in pieces — and outputs still slice the original text."""

from __future__ import annotations

import pytest

import dateline
from dateline.ingest import normalise
from dateline.pipeline import text as text_mod

from .contract_check import check_record


def test_bounded_keeps_length_and_cuts_only_long_runs() -> None:
    short = "Gunmen killed three villagers in Mosul."
    assert text_mod.bounded(short) is short
    long = "ab " + "x" * 450 + " cd"
    cut = text_mod.bounded(long)
    assert len(cut) == len(long)
    assert [len(p) for p in cut.split(" ")] == [2, 200, 200, 48, 2]
    assert max(len(p) for p in text_mod.bounded("(" * 5000).split(" ")) == text_mod.MAX_RUN


@pytest.mark.slow
def test_a_stretch_without_sentence_end_is_cut_into_sentences() -> None:
    import dateline.pipeline as nlp

    doc = nlp.analyse("Police said " + "killed " * 1200 + "in Mosul.")
    assert max(len(s) for s in doc.sents) <= text_mod.MAX_SENTENCE_TOKENS + 1


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Gunmen killed three villagers in Mosul on Friday, police said.\n\n" * 1200,          # many short sentences
    "Police said " + "killed, " * 30_000 + "in Mosul.",                                     # one run of tokens
    "A" * 160_000 + " killed two in Mosul.",                                                # one huge token
])
def test_long_texts_give_valid_codings(text: str) -> None:
    coding = dateline.code(text, published="2024-03-09")
    check_record(coding.to_dict(), normalise(text))


@pytest.mark.slow
def test_doc_text_is_kept_once() -> None:
    import dateline.pipeline as nlp

    doc = nlp.analyse("Gunmen killed three villagers in Mosul on Friday.")
    assert text_mod.text_of(doc) == doc.text
    assert doc._.dateline_text is text_mod.text_of(doc)


# the header and credit-line patterns run in linear time: inputs that took minutes with the old backtracking
@pytest.mark.parametrize("text", [
    "A" + " " * 5_000 + "Gunmen killed three villagers.",
    "GUNMEN" + " " * 50_000 + "x",
    "Story.\n" + "Jane Doe in Mosul " * 5_000 + "reported.",
    "Story.\n" + "— Jane Doe and " * 5_000 + "in Mosul contributed.",
])
def test_header_parsing_of_hostile_text_is_fast_and_finds_nothing_wrong(text: str) -> None:
    header = text_mod.parse_header(text)
    assert header.filed_from is None or len(header.filed_from[0]) <= 120


def test_header_parsing_still_finds_real_headers() -> None:
    assert text_mod.parse_header("BAGHDAD, IRAQ (AP) — Gunmen killed two.").filed_from == ("BAGHDAD, IRAQ", (0, 13))
    assert text_mod.parse_header("Story.\n— Jane Doe in Mosul contributed to this report.").filed_from == \
        ("Mosul", (21, 26))
    assert text_mod.parse_header("SAN SALVADOR, 3 JAN 90 (EFE) -- [TEXT] A bomb exploded.").extent == (0, 28)


@pytest.mark.parametrize("text", [
    "QUITO, 4 FEB (EFE) -- [TEXT] TWO BOMBS EXPLODED\nIN THE PORT.",
    "TEGUCIGALPA, 12 NOVEMBER (ACAN) -- A GRENADE WAS THROWN\nAT A BUS.",
])
def test_a_wire_dateline_without_its_year_is_a_dateline(text: str) -> None:
    header = text_mod.parse_header(text)
    place = text.split(",")[0]
    assert header.extent[1] == text.index(" --") and header.filed_from == (place, (0, len(place)))
    assert header.place is not None and header.place[:2] == (0, len(place))


def test_a_headline_with_a_day_and_month_is_no_dateline() -> None:
    assert text_mod.parse_header("Two hurt in 9 Oct blast - police\n\nTwo people were hurt.").extent == (0, 0)


def test_batches_are_bounded_by_tokens_as_well_as_texts() -> None:
    import dateline.pipeline as nlp

    big = nlp.BATCH_TOKENS
    assert nlp._groups([10, 10, 10], batch_size=2) == [[0, 1], [2]]
    assert nlp._groups([big // 2, big // 2, 1], batch_size=16) == [[0, 1], [2]]
    assert nlp._groups([1, big + 1, 1], batch_size=16) == [[0], [1], [2]]    # a long text alone
    assert nlp._groups([], batch_size=16) == []


@pytest.mark.slow
def test_a_batch_with_a_long_text_codes_as_each_text_alone() -> None:
    import dateline.pipeline as nlp

    filler = "The council met on Tuesday to discuss the budget for the new school year.\n\n"
    long_text = (filler * (nlp.LONG_TOKENS // 14 + 50)
                 + "Gunmen killed four farmers in Kirkuk on Monday, police said.\n")
    texts = ["Two soldiers were wounded in a blast in Basra on Sunday, the army said.", long_text,
             "Protesters marched in Baghdad on Saturday; nobody was hurt."]
    docs = nlp.analyse_many([(normalise(t), None) for t in texts], batch_size=16)
    assert len(docs[1]) > nlp.LONG_TOKENS
    for text, doc in zip(texts, docs, strict=True):
        alone = nlp.analyse(normalise(text))
        assert [(t.text, t.tag_, t.ent_type_) for t in doc] == [(t.text, t.tag_, t.ent_type_) for t in alone]
    batch = list(dateline.code_many([{"id": str(i), "text": t, "published": "2024-03-09"}
                                     for i, t in enumerate(texts)]))
    alone = [dateline.code(t, published="2024-03-09") for t in texts]
    assert [c.to_dict()["events"] for c in batch] == [c.to_dict()["events"] for c in alone]
    killed = [e["estimates"].get("killed") for e in batch[1].to_dict()["events"]]
    assert {"low": 4, "best": 4, "high": 4} in killed             # the sentence in the last piece
