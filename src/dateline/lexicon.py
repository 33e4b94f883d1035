"""The project's knowledge in one place: one reader for the shipped data files and the word sets that several
stages share (month and weekday names, speech verbs, ...).

Rules stay in code; vocabulary lives in ``data/`` (``data/rules/`` for the word lists of the rule stages). Every
rule file is a TSV whose comment header (lines starting with ``#``) says what it holds and its format, followed by
a header row naming the columns. Read them with :func:`table` (rows as dicts) or :func:`words` (one column as a
set, optionally only the rows carrying a tag). Imports nothing of ours and no spaCy.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from functools import cache
from importlib import resources

DATA_PACKAGE = "dateline.data"

# ---------------------------------------------------------------------------------------------- reading data


def data_lines(name: str) -> list[str]:
    """The lines of a shipped data file (``name`` relative to ``data/``, ``.gz`` decompressed); ``[]`` when the
    file is not shipped."""
    ref = resources.files(DATA_PACKAGE).joinpath(name)
    if not ref.is_file():
        return []
    raw = ref.read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    return raw.decode("utf-8").splitlines()


def rows(name: str) -> list[list[str]]:
    """The tab-separated rows of a shipped data file, without blank lines and ``#`` comments."""
    return [line.split("\t") for line in data_lines(name) if line.strip() and not line.startswith("#")]


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """A rule file of ``data/rules/`` (``name`` without ``.tsv``): its rows as dicts keyed by the header row.

    Raises ``FileNotFoundError`` for a file that is not shipped and ``ValueError`` for a row whose column count
    differs from the header's: a broken rule file is a packaging bug, never silently half-read.
    """
    path = f"rules/{name}.tsv"
    body = rows(path)
    if not body:
        raise FileNotFoundError(f"dateline rule file {path} is missing or empty")
    header, out = body[0], []
    for i, row in enumerate(body[1:], 2):
        if len(row) != len(header):
            raise ValueError(f"{path}: data row {i} has {len(row)} columns, the header {len(header)}")
        out.append(dict(zip(header, row, strict=True)))
    return tuple(out)


def _tags(value: str) -> Iterator[str]:
    return (t.strip() for t in value.split(",") if t.strip())


@cache
def words(name: str, tag: str | None = None, column: str | None = None) -> frozenset[str]:
    """The first column (or ``column``) of rule file ``name``; with ``tag``, only rows whose ``tags`` column
    lists it."""
    rows_ = table(name)
    key = column or next(iter(rows_[0]))
    return frozenset(r[key] for r in rows_ if tag is None or tag in _tags(r.get("tags", "")))


def mapping(name: str, key: str, value: str) -> dict[str, str]:
    """Two columns of rule file ``name`` as a dict (first row wins on a repeated key)."""
    out: dict[str, str] = {}
    for r in table(name):
        out.setdefault(r[key], r[value])
    return out


def speech_verbs(use: str) -> frozenset[str]:
    """Verbs of speech and stance for one use (``data/rules/speech_verbs.tsv`` says which uses exist)."""
    found = words("speech_verbs", use)
    if not found:
        raise KeyError(f"no speech verbs are tagged {use!r}")
    return found


# ---------------------------------------------------------------------------------------------- the calendar

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
# full names -> month number
MONTHS: dict[str, int] = {m: i for i, m in enumerate(MONTH_NAMES, 1)}
# abbreviations (three letters, and "sept") -> month number; "may" is a full name, not an abbreviation
MONTH_ABBREVS: dict[str, int] = {m[:3]: i for m, i in MONTHS.items() if len(m) > 3} | {"sept": 9}
# every written form of a month (full names and abbreviations)
MONTH_WORDS: dict[str, int] = MONTHS | MONTH_ABBREVS
WEEKDAYS: dict[str, int] = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
                            "sunday": 6}
# every month form as a regular-expression alternation (full names first)
MONTH_ALTERNATION = "|".join(MONTH_WORDS)
