"""Readers, normalisation and every kind of bad input."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from dateline import errors
from dateline.ingest import (
    HEADLINE_MAX,
    MAX_CHARS,
    Article,
    Rejected,
    article_from_fields,
    article_from_txt,
    iter_jsonl,
    normalise,
    parse_date,
    read_path,
)

ENGLISH = "Police said two men were arrested after the protest in the city on Monday."


@pytest.mark.parametrize("text,expected", [
    ("December 18, 2017", date(2017, 12, 18)),
    ("Dec. 18, 2017", date(2017, 12, 18)),
    ("18 December 2017", date(2017, 12, 18)),
    ("Monday, December 18, 2017", date(2017, 12, 18)),
    ("2017-12-18", date(2017, 12, 18)),
    ("Sept. 3, 2020", date(2020, 9, 3)),
])
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["yesterday", "2017-13-45", "Smarch 3, 2017", "December 40, 2017"])
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(errors.BadDate):
        parse_date(text)


def test_normalise_keeps_offsets_meaningful() -> None:
    assert normalise("\ufeffA\r\nB  \r\n\x07C") == "A\nB\n C"


def test_txt_header_date_and_title() -> None:
    art = article_from_txt(f"March 9, 2024\n\nA headline here\n\n{ENGLISH}".encode())
    assert art.published == date(2024, 3, 9) and art.published_source == "header"
    assert art.title == "A headline here"
    assert art.text.startswith("A headline here")


def test_a_headline_the_text_lacks_opens_the_analysed_text() -> None:
    body = "Police said two men were wounded on Friday night outside a bar on Elm Street."
    art = article_from_fields(body, title="2 wounded in Elm Street shooting")
    assert art.text == "2 wounded in Elm Street shooting\n\n" + body
    assert art.title_span == (0, 32) and art.text[:32] == art.title
    # a title over several lines is one headline line
    assert article_from_fields(body, title="Two wounded\nin Elm St. shooting").text.startswith(
        "Two wounded in Elm St. shooting\n\nPolice")


def test_a_headline_the_text_carries_is_not_repeated() -> None:
    body = "Two wounded in Elm Street shooting\n\nPolice said two men were wounded on Friday night."
    art = article_from_fields(body, title="Two Wounded In Elm Street Shooting")      # case aside
    assert art.text == body and art.title_span == (0, 34)
    # spacing aside, and after a site's menu line; a site name appended to the title does not matter
    page = "Home | News | Sports\n\nTwo wounded in Elm Street\nshooting\n\nPolice said two men were wounded."
    art = article_from_fields(page, title="Two wounded in Elm Street shooting - WXYZ News")
    assert art.text == page and art.text[art.title_span[0]:art.title_span[1]] == "Two wounded in Elm Street\nshooting"
    assert article_from_fields(body).title_span is None
    # a title's words inside a sentence of the text are no headline: it is put before the text
    lead = "Police are investigating a shooting on Elm Street late Friday."
    assert article_from_fields(lead, title="Shooting on Elm Street - 2 dead, 3 wounded").text.startswith("Shooting")
    assert article_from_fields(lead, title="Shooting").text == "Shooting\n\n" + lead


def test_a_title_too_long_for_a_headline_stays_out_of_the_text() -> None:
    body = "Police said two men were wounded on Friday night outside a bar on Elm Street."
    title = "word " * (HEADLINE_MAX // 4)
    art = article_from_fields(body, title=title)
    assert art.text == body and art.title_span is None and art.title == title.strip()


def test_txt_published_argument_overrides_header() -> None:
    art = article_from_txt(f"March 9, 2024\n\n{ENGLISH}", published=date(2020, 1, 1))
    assert art.published == date(2020, 1, 1) and art.published_source == "argument"


def test_txt_without_header() -> None:
    art = article_from_txt(ENGLISH)
    assert art.published is None and art.published_source is None and art.title == ENGLISH


@pytest.mark.parametrize("data,code", [
    (b"", "empty-text"),
    (b"   \n\n ", "empty-text"),
    (b"\x00\x01\x02PNG binary", "binary-input"),
    ("Caf\u00e9 ".encode("latin-1") + ENGLISH.encode(), "bad-encoding"),
    ("La policía detuvo a dos hombres después de la protesta en la ciudad el lunes por la noche, "
     "según dijeron las autoridades locales.".encode(), "not-english"),
])
def test_bad_txt(data: bytes, code: str) -> None:
    with pytest.raises(errors.InputError) as info:
        article_from_txt(data)
    assert info.value.code == code


def test_too_large_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "big.txt"
    big.write_bytes((ENGLISH + "\n").encode() * (20 * 1024 * 1024 // len(ENGLISH)))
    (result,) = list(read_path(big))
    assert isinstance(result, Rejected) and result.error.code == "too-large"
    assert str(MAX_CHARS)[:1] in result.error.message


def test_jsonl_bad_lines_do_not_stop_the_batch() -> None:
    lines = [
        json.dumps({"id": "a", "text": ENGLISH, "published": "2024-03-09"}),
        "{not json",
        json.dumps([1, 2]),
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": 42}),
        json.dumps({"id": "d", "text": ENGLISH, "published": "last week"}),
        "",
        json.dumps({"id": 7, "text": ENGLISH, "title": "T"}),
    ]
    out = list(iter_jsonl(lines))
    assert [type(o).__name__ for o in out] == ["Article", "Rejected", "Rejected", "Rejected", "Rejected",
                                               "Rejected", "Article"]
    codes = [o.error.code for o in out if isinstance(o, Rejected)]
    assert codes == ["bad-record", "bad-record", "bad-record", "bad-record", "bad-date"]
    assert "line 2" in out[1].error.message  # type: ignore[union-attr]
    assert [o.input_id for o in out] == ["a", None, None, "b", "c", "d", "7"]
    first = out[0]
    assert isinstance(first, Article) and first.published == date(2024, 3, 9)


def test_jsonl_non_utf8_line() -> None:
    out = list(iter_jsonl([b'{"id": "x", "text": "caf\xe9"}']))
    assert isinstance(out[0], Rejected) and out[0].error.code == "bad-encoding"


def test_stdin_plain_text_and_jsonl() -> None:
    (art,) = list(read_path("-", stdin=io.BytesIO(ENGLISH.encode())))
    assert isinstance(art, Article)
    recs = list(read_path("-", stdin=io.BytesIO(
        (json.dumps({"id": "1", "text": ENGLISH}) + "\n" + json.dumps({"id": "2", "text": ""})).encode())))
    assert isinstance(recs[0], Article) and isinstance(recs[1], Rejected)
    assert recs[1].error.code == "empty-text"


def test_article_id_is_content_hash() -> None:
    a = article_from_txt(ENGLISH)
    b = article_from_txt(ENGLISH + "\n")
    assert a.id == b.id and a.id.startswith("sha256:")


def test_error_catalogue_is_complete() -> None:
    classes = {c for c in vars(errors).values()
               if isinstance(c, type) and issubclass(c, errors.DatelineError)}
    concrete = {c for c in classes if c.code not in ("dateline-error", "bad-input")}
    assert concrete == set(errors.CATALOGUE.values())
    assert len({c.code for c in concrete}) == len(concrete)


@pytest.mark.parametrize("text,is_english", [
    ("Ortega live updates: Chile recalls envoy after minister accuses neighbours of spying on ports", True),
    ("Police said two men were arrested after the protest.", True),
    ("Le gouvernement a annoncé que les manifestants ont été dispersés par la police dans la capitale.", False),
    ("Die Polizei hat nach der Demonstration in der Hauptstadt mehrere Personen festgenommen und verletzt.",
     False),
    ("Полиция задержала нескольких участников акции протеста в центре города в понедельник вечером.", False),
])
def test_language_check(text: str, is_english: bool) -> None:
    from dateline.ingest import check_text

    if is_english:
        check_text(text)
    else:
        with pytest.raises(errors.NotEnglish):
            check_text(text)
