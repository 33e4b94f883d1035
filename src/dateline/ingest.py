"""Readers (.txt with a date header, .jsonl records, standard input) -> Articles; text normalisation."""

from __future__ import annotations

import functools
import hashlib
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from dateline.errors import (
    BadDate,
    BadEncoding,
    BadRecord,
    EmptyText,
    InputError,
    NotEnglish,
    NotText,
    TooLarge,
)
from dateline.lexicon import MONTH_WORDS, MONTHS

# A news article is a few thousand characters; a book-length input is a mistake (a dump, a PDF
# extraction gone wrong) and would take minutes, so it is refused with a clear error.
MAX_CHARS = 1_000_000

_MON_RE = r"(?P<mon>[A-Za-z]{3,9})\.?"
_HEADER_DATE = [
    re.compile(r"^(?:[A-Za-z]+,\s+)?" + _MON_RE + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})$"),
    re.compile(r"^(?:[A-Za-z]+,\s+)?(?P<day>\d{1,2})\s+" + _MON_RE + r",?\s+(?P<year>\d{4})$"),
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$"),
]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Article:
    """One article ready for coding: normalised text plus metadata."""

    text: str
    input_id: str | None = None
    title: str | None = None
    published: date | None = None
    published_source: str | None = None  # argument | metadata | header
    warnings: tuple[tuple[str, str], ...] = ()   # (code, message) about the input, e.g. an invalid date header
    title_span: tuple[int, int] | None = None    # where the headline sits in ``text``, when it is there

    @property
    def id(self) -> str:
        return "sha256:" + hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Rejected:
    """An input that cannot be coded, with the reason; becomes an error record."""

    input_id: str | None
    error: InputError


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_string(value: str) -> str:
    """``value`` with unpaired surrogates (which no UTF-8 output can carry) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", value)


@functools.cache
def _invisible() -> re.Pattern[str]:
    """Format characters (Unicode category Cf: zero-width spaces and joiners, soft hyphens, bidi controls, byte
    order marks, tags), which change no word a reader sees but split the words a tokenizer sees."""
    cf = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    return re.compile("[" + "".join(re.escape(c) for c in cf) + "]")


# space-like characters (no-break, en, em, thin, ideographic spaces ...) read as a plain space
_SPACE_LIKE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LINE_SEPARATORS = re.compile("[\u2028\u2029\x85]")
# a combining mark with no letter to sit on (at the start, or after white space)
_STRAY_MARK = re.compile(r"(?:(?<=\s)|^)[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+",
                         re.M)


def normalise(text: str) -> str:
    """The text dateline codes; offsets index it.

    Unicode NFC; Unix newlines (also for the Unicode line and paragraph separators); no control characters; no
    invisible format characters (category Cf, :func:`_invisible`); space-like characters as plain spaces;
    combining marks with no letter before them removed; no trailing spaces; unpaired surrogates as U+FFFD.
    Invisible characters therefore never change a figure: "19\u200b killed" is "19 killed".
    """
    text = clean_string(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_SEPARATORS.sub("\n", text)
    text = _invisible().sub("", text)
    text = _CONTROL.sub(" ", text)
    text = _SPACE_LIKE.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    text = _STRAY_MARK.sub("", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text.strip()


def parse_date(value: str) -> date:
    """A published date as written in a header or a record: ISO, "December 18, 2017", "18 Dec 2017"."""
    value = value.strip()
    for pat in _HEADER_DATE:
        m = pat.match(value)
        if not m:
            continue
        gd = m.groupdict()
        if gd.get("month"):
            month = int(gd["month"])
        else:
            word = gd["mon"].lower()
            month = MONTHS.get(word) or MONTH_WORDS.get(word[:4] if word.startswith("sept") else word[:3], 0)
            if not month or (word not in MONTHS and len(word) > 4 and word[:3] not in MONTH_WORDS):
                continue
        try:
            return date(int(gd["year"]), month, int(gd["day"]))
        except ValueError as exc:
            raise BadDate(f"not a calendar date: {value!r} ({exc})") from exc
    raise BadDate(f"unrecognised date {value!r}: use YYYY-MM-DD")


_EN_FUNCTION_WORDS = frozenset(
    "the of and to a in that is was for on with as by he it at said from his an be has have are "
    "were had not but they who their this which its been would will after also when more than".split())


# Function words of the languages most often confused with English in news feeds.
_OTHER_FUNCTION_WORDS = {
    "Spanish": frozenset("el la los las de del que y en un una por con para es se su al lo como más pero "
                         "sus fue según este esta".split()),
    "French": frozenset("le la les de des du que et en un une pour dans est sur au aux par qui ne pas "
                        "ses été selon cette avec".split()),
    "Portuguese": frozenset("o os as de do da dos das que e em um uma para com não por na no foi segundo "
                            "pelo pela".split()),
    "German": frozenset("der die das und ist nicht ein eine zu den von mit sich des auf für im dem wurde "
                        "nach bei".split()),
    "Italian": frozenset("il lo la gli le di che e un una per con non del della è sono nel alla secondo "
                         "stato".split()),
    "Dutch": frozenset("de het een en van in is dat op te zijn met voor niet aan er door bij werd".split()),
}


def check_text(text: str) -> None:
    """Raises the specific InputError for text that cannot be coded."""
    if not text.strip():
        raise EmptyText("the article text is empty")
    if len(text) > MAX_CHARS:
        raise TooLarge(f"the article has {len(text):,} characters; the limit is {MAX_CHARS:,}")
    sample = text[:20000]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) >= 40:
        latin = sum(c.isascii() or "\u00c0" <= c <= "\u024f" for c in letters) / len(letters)
        if latin < 0.5:
            raise NotEnglish(f"the text is mostly in a non-Latin script ({1 - latin:.0%} of letters); "
                             "dateline codes English news")
    words = re.findall(r"[^\W\d_]+", sample.lower())
    if len(words) < 8:
        return
    english = sum(w in _EN_FUNCTION_WORDS for w in words)
    language, other = max(((lang, sum(w in fw for w in words)) for lang, fw in _OTHER_FUNCTION_WORDS.items()),
                          key=lambda x: x[1])
    if other >= 3 and other > 2 * english:
        raise NotEnglish(f"the text looks {language}, not English ({other} {language} vs {english} English "
                         "function words); dateline codes English news")


def article_from_fields(text: Any, *, input_id: str | None = None, title: Any = None,
                        published: Any = None, published_source: str = "metadata") -> Article:
    """Validates and normalises the fields of one input record."""
    if not isinstance(text, str):
        raise BadRecord(f"field 'text' must be a string, got {type(text).__name__}")
    if title is not None and not isinstance(title, str):
        raise BadRecord(f"field 'title' must be a string, got {type(title).__name__}")
    if _looks_utf16(text):
        raise BadEncoding("the text is UTF-16 read as single bytes (a NUL beside every other character); "
                          "decode it as UTF-16, or give dateline UTF-8")
    pub: date | None = None
    if isinstance(published, date):
        pub = published
    elif published not in (None, ""):
        if not isinstance(published, str):
            raise BadRecord(f"field 'published' must be a string YYYY-MM-DD, got {type(published).__name__}")
        pub = parse_date(published[:10] if re.match(r"\d{4}-\d{2}-\d{2}T", published) else published)
    norm = normalise(text)
    check_text(norm)
    head = clean_string(title).strip() if title else None
    norm, title_span = with_headline(norm, head)
    return Article(text=norm, input_id=input_id, title=head, published=pub,
                   published_source=published_source if pub else None, title_span=title_span)


# A headline longer than this is no headline (a scraped page's title field holding a paragraph): left out.
HEADLINE_MAX = 300
# How far into the text a headline the text already carries may sit (after a site's menu or a byline).
_HEADLINE_WINDOW = 1000
_HEADLINE_WORD = re.compile(r"\w+")
_SITE_SUFFIX = re.compile(r"\s[-|–—]\s")


def with_headline(text: str, title: str | None) -> tuple[str, tuple[int, int] | None]:
    """The text dateline analyses, and where its headline sits in it.

    The headline is part of the article: it often carries the only figure ("1 dead, 3 wounded in ...") and
    says which event the story is about. A title the text does not already carry (its words, case and
    spacing aside, opening a line within the first 1,000 characters; a site's name after " - " or " | "
    aside) is put before the text with a blank line between,
    so that every offset still indexes the one analysed text. A title of several lines is joined into one;
    a title longer than :data:`HEADLINE_MAX` characters is left out of the text (it stays in ``title``).
    """
    if not title:
        return text, None
    head = " ".join(normalise(title).split())
    words = [w.lower() for w in _HEADLINE_WORD.findall(head)]
    if not words or len(head) > HEADLINE_MAX:
        return text, None
    # a page title may end in the site's name ("... - WXYZ News", "... | City Paper"): the text need not have it
    core = [w.lower() for w in _HEADLINE_WORD.findall(_SITE_SUFFIX.split(head)[0])]
    window = [(m.group(0).lower(), m.start(), m.end()) for m in _HEADLINE_WORD.finditer(text[:_HEADLINE_WINDOW])]
    for cand in ([words, core] if len(core) >= 3 and core != words else [words]):
        n = min(len(cand), 8)    # a page may cut a long headline short
        for i in range(len(window) - n + 1):
            # the headline opens a line of the text (a title's words inside a sentence are no headline)
            if text[:window[i][1]].rstrip(" \t").endswith("\n") or not text[:window[i][1]].strip():
                if [w for w, _, _ in window[i:i + n]] == cand[:n]:
                    k = n
                    while k < len(cand) and i + k < len(window) and window[i + k][0] == cand[k]:
                        k += 1
                    return text, (window[i][1], window[i + k - 1][2])
    return f"{head}\n\n{text}", (0, len(head))


def _looks_utf16(text: str | bytes) -> bool:
    """UTF-16 text (a byte-order mark, or a NUL beside most characters), taken for single-byte text."""
    head = text[:4096]
    if isinstance(head, bytes):
        if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return True
        nul = head.count(b"\x00")
    else:
        if head.startswith(("\xff\xfe", "\xfe\xff")):   # a UTF-16 byte-order mark read as Latin-1
            return True
        nul = head.count("\x00")
    return len(head) >= 8 and nul >= 0.3 * len(head)


def decode(data: bytes, what: str = "input") -> str:
    """Bytes -> str, refusing binary data and invalid UTF-8 with specific errors."""
    if _looks_utf16(data):
        raise BadEncoding(f"{what} is UTF-16, not UTF-8: convert it (e.g. iconv -f UTF-16 -t UTF-8)")
    if b"\x00" in data[:8192]:
        raise NotText(f"{what} is binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadEncoding(f"{what} is not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})"
                          ) from exc


def article_from_txt(data: bytes | str, *, input_id: str | None = None,
                     published: date | None = None) -> Article:
    """A plain-text article: a first line that is only a date = published date; next line = title."""
    if isinstance(data, bytes):
        if len(data) > MAX_CHARS * 4:
            raise TooLarge(f"the file has {len(data):,} bytes; the limit is {MAX_CHARS:,} characters")
        data = decode(data)
    text = normalise(data)
    lines = text.split("\n")
    header_date: date | None = None
    warnings: tuple[tuple[str, str], ...] = ()
    if lines and lines[0].strip():
        try:
            header_date = parse_date(lines[0])
        except BadDate as exc:
            header_date = None
            if any(pat.match(lines[0].strip()) for pat in _HEADER_DATE):
                # a date header that is no calendar date ("February 31, 2017"): not the title, and said so
                warnings = (("bad-date", f"the first line looks like the published date but {exc.message}; "
                                         "the article is coded without a published date"),)
                text = "\n".join(lines[1:]).strip()
        if header_date is not None:
            text = "\n".join(lines[1:]).strip()
    title = next((ln.strip() for ln in text.split("\n") if ln.strip()), None)
    if published is not None:
        article = article_from_fields(text, input_id=input_id, title=title, published=published,
                                      published_source="argument")
    else:
        article = article_from_fields(text, input_id=input_id, title=title, published=header_date,
                                      published_source="header")
    return replace(article, warnings=warnings) if warnings else article


JSON_WHITESPACE = " \t\r\n"     # what JSON calls whitespace: a line of only these is blank


def iter_jsonl(lines: Iterable[str | bytes], published: date | None = None
               ) -> Iterator[Article | Rejected]:
    """One Article or Rejected per non-empty line, in input order."""
    for lineno, raw in enumerate(lines, 1):
        try:
            line = decode(raw, f"line {lineno}") if isinstance(raw, bytes) else raw
        except InputError as exc:
            yield Rejected(None, exc)
            continue
        if not line.strip(JSON_WHITESPACE):     # a line of other control characters is not blank: it is reported
            continue
        yield parse_jsonl_line(line, lineno, published)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_jsonl_line(line: str, lineno: int, published: date | None = None) -> Article | Rejected:
    """One JSONL line -> Article or Rejected; never raises, whatever the line holds (huge numbers, deep nesting,
    NaN, unpaired surrogates)."""
    rec = load_jsonl_record(line, lineno)
    if isinstance(rec, Rejected):
        return rec
    return record_to_article(rec, published=published, where=f"line {lineno}")


def load_jsonl_record(line: str, lineno: int) -> dict[str, Any] | Rejected:
    """One JSONL line -> its record (a JSON object), or Rejected with the reason; never raises. For readers that
    use fields beyond the article's (the store keeps ``url`` and ``outlet``) without parsing the line twice."""
    where = f"line {lineno}"
    if len(line) > MAX_CHARS * 4:
        return Rejected(None, TooLarge(f"{where}: {len(line):,} characters; the limit is {MAX_CHARS:,}"))
    try:
        rec = json.loads(line, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        return Rejected(None, BadRecord(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})"))
    except RecursionError:
        return Rejected(None, BadRecord(f"{where}: nested too deeply to read"))
    except ValueError as exc:   # a number too long to convert, NaN / Infinity
        return Rejected(None, BadRecord(f"{where}: unreadable value ({str(exc)[:120]})"))
    if not isinstance(rec, dict):
        return Rejected(None, BadRecord(f"{where}: expected a JSON object, got {type(rec).__name__}"))
    return rec


def record_to_article(rec: dict[str, Any], *, published: date | None = None,
                      where: str = "record") -> Article | Rejected:
    """An input record {"id", "text", "title"?, "published"?} -> Article, or Rejected with the reason."""
    rid = rec.get("id")
    input_id: str | None = None
    if isinstance(rid, str):
        input_id = clean_string(rid)
    elif isinstance(rid, int) and not isinstance(rid, bool):
        input_id = str(rid)
    elif rid is not None:
        return Rejected(None, BadRecord(f"{where}: field 'id' must be a string or an integer, "
                                        f"got {type(rid).__name__}"))
    try:
        if "text" not in rec:
            raise BadRecord(f"{where}: missing field 'text'")
        if published is not None:
            return article_from_fields(rec["text"], input_id=input_id, title=rec.get("title"),
                                       published=published, published_source="argument")
        return article_from_fields(rec["text"], input_id=input_id, title=rec.get("title"),
                                   published=rec.get("published"))
    except InputError as exc:
        return Rejected(input_id, exc)


def has_json_object_line(data: bytes) -> bool:
    """Whether any line of ``data`` is a JSON object: standard input is then JSONL."""
    for raw in data.splitlines():
        line = raw.strip()
        if line[:1] == b"{" and line[-1:] == b"}":
            try:
                if isinstance(json.loads(line), dict):
                    return True
            except (ValueError, RecursionError):
                continue
    return False


def read_path(path: str | Path, published: date | None = None,
              stdin: BinaryIO | None = None, fmt: str | None = None) -> Iterator[Article | Rejected]:
    """Articles from a .txt file, a .jsonl file, or ``-`` (standard input).

    ``fmt`` (``"jsonl"`` or ``"text"``) says what the input is; without it, a ``.jsonl``/``.ndjson`` file is
    JSONL, another file one plain text, and standard input JSONL when any of its lines is a JSON object (every
    line then is a record: a line that is not becomes a ``bad-record`` error), else one plain text.
    """
    if fmt not in (None, "jsonl", "text"):
        raise ValueError(f"unknown input format {fmt!r}")
    if str(path) == "-":
        assert stdin is not None
        data = stdin.read()
        if fmt == "jsonl" or (fmt is None and has_json_object_line(data)):
            yield from iter_jsonl(data.splitlines(), published)
            return
        try:
            yield article_from_txt(data, input_id="-", published=published)
        except InputError as exc:
            yield Rejected("-", exc)
        return
    p = Path(path)
    if fmt == "jsonl" or (fmt is None and p.suffix.lower() in (".jsonl", ".ndjson")):
        with p.open("rb") as f:
            yield from iter_jsonl(f, published)
        return
    try:
        size = p.stat().st_size
        if size > MAX_CHARS * 4:
            raise TooLarge(f"{p.name} has {size:,} bytes; the limit is {MAX_CHARS:,} characters")
        yield article_from_txt(p.read_bytes(), input_id=str(path), published=published)
    except InputError as exc:
        yield Rejected(str(path), exc)
