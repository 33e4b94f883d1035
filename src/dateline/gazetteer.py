"""The offline gazetteer: shipped GeoNames places and country words, plus the user's own places file.

Shipped data (``dateline/data``, built by ``scripts/build_gazetteer.py``, sources in ``SOURCES.md``):

* ``gazetteer_places.tsv.gz`` — one row per place: countries, first-level regions, second-level regions
  (names only), then populated places (GeoNames ``cities500``); rows are parsed only when looked up.
* ``gazetteer_names.tsv.gz`` — ``normalised name <TAB> row,row,...`` sorted by name, rows most populous
  first; found by binary search over the line list (one ``str.split`` at load, no per-line parsing).
* ``country_words.tsv`` — hand-written country variants and demonyms ("U.S.", "Britain", "Iraqi").
* ``us_state_abbrevs.tsv`` — hand-written AP and postal abbreviations of US states ("Calif.", "CA").

User places live in :func:`user_places_path` (a TSV written by :func:`add_place` and
:func:`import_geonames`) and are merged in by :func:`load`. Writes are serialised by a lock file beside it
(``places.tsv.lock``) and atomic (fsynced temp file + ``os.replace``); lines a write does not own (comments,
rows it cannot parse) are kept verbatim. On load a malformed row is reported on stderr as
``places.tsv:LINE: skipped: reason`` (once per process) and skipped; a file that is not UTF-8 text raises
:class:`BadPlace` naming it.
"""

from __future__ import annotations

import array
import bisect
import contextlib
import functools
import gzip
import io
import json
import math
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import threading
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import IO

from dateline.errors import BadPlace  # re-exported: a place or file a user gave is unusable

__all__ = [
    "BadPlace", "Gazetteer", "ImportReport", "Place", "add_place", "import_geonames", "load",
    "normalise_name", "search", "spelling_variants", "user_places_path",
]

PLACES_FILE = "gazetteer_places.tsv.gz"
NAMES_FILE = "gazetteer_names.tsv.gz"
COUNTRY_WORDS_FILE = "country_words.tsv"
US_ABBREVS_FILE = "us_state_abbrevs.tsv"

USER_COLUMNS = ("name", "country", "admin1", "lat", "lon", "kind", "population", "geonames_id", "alternatenames")
USER_HEADER = "# dateline user places (tab-separated): " + " ".join(USER_COLUMNS) + "\n"
# Above this many user rows, lookups go through an SQLite index next to the TSV instead of a dict in memory,
# so that a whole GeoNames dump imported by a user still loads in well under a second.
SQLITE_THRESHOLD = 50_000




# abbreviated first words that GeoNames writes out
_EXPANSIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}
_ABBREVIATED = re.compile(r"^(st|ste|ft|mt|pt)(?= )")


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    geonames_id: int | None
    name: str
    country: str              # ISO3
    admin1: str | None        # first-level region name
    lat: float | None
    lon: float | None
    population: int
    kind: str                 # "country" | "admin1" | "admin2" | "city" | a user kind ("camp", "site", ...)


@dataclass
class ImportReport:
    """What ``import_geonames`` did: rows added and the malformed lines it skipped."""

    added: int = 0                                        # places new to the user file
    replaced: int = 0                                     # places already there (same geonameid), updated
    skipped: list[tuple[int, str]] = field(default_factory=list)   # (line number, reason)
    path: Path | None = None


# --- names ----------------------------------------------------------------------------------------------

# Letters NFKD does not decompose, and punctuation variants: apostrophes vanish ("Sana'a" = "Sanaa"),
# dots vanish ("U.S." = "US", "St. Louis" = "St Louis"), dashes and other separators become spaces.
_FOLD = str.maketrans({
    "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h",
    "'": None, "’": None, "‘": None, "ʻ": None, "ʼ": None, "ʿ": None, "ʾ": None, "`": None, "´": None,
    ".": None, '"': None, "“": None, "”": None,
    "-": " ", "‐": " ", "‑": " ", "–": " ", "—": " ", ",": " ", "(": " ", ")": " ", "/": " ", "_": " ",
    "\t": " ", "\n": " ",
})


def normalise_name(name: str) -> str:
    """The lookup key of a name: casefolded, without diacritics, apostrophes or dots, single-spaced."""
    if name.isascii():
        s = name.casefold()
    else:
        s = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()
    return " ".join(s.translate(_FOLD).split())


_ADMIN_GENERIC = ("province", "provincia", "governorate", "state", "department", "departamento", "region",
                  "oblast", "prefecture", "territory", "muhafazat", "wilaya", "division", "estado")
_ADMIN_PREFIX = re.compile(r"^(?:the )?(?:" + "|".join(_ADMIN_GENERIC) + r") (?:of |de la |del |de |du )?")
_ADMIN_SUFFIX = re.compile(r" (?:" + "|".join(_ADMIN_GENERIC) + r")$")


# Romanisations of one Arabic or Persian name differ in a final -h (ta marbuta: "Hodeidah" / "Hodeida",
# "Fallujah" / "Falluja") and in the article ("Al-Qaim" / "Qaim", "El Fasher" / "Al Fasher").
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az) ")


def spelling_variants(key: str) -> list[str]:
    """Other romanisations of a normalised name, to try when the name itself is not in the gazetteer."""
    out = []
    if key.endswith("ah") and len(key) > 4:
        out.append(key[:-1])
    elif key.endswith("a") and len(key) > 3:
        out.append(key + "h")
    if (m := _ARTICLE.match(key)) is not None:
        bare = key[m.end():]
        out += [bare, "al " + bare] if m.group(0) != "al " else [bare]
    return [v for v in dict.fromkeys(out) if v != key]


def strip_admin_generic(key: str) -> str:
    """'diyala province' -> 'diyala', 'departamento de sonsonate' -> 'sonsonate' (on normalised keys)."""
    out = _ADMIN_SUFFIX.sub("", _ADMIN_PREFIX.sub("", key))
    return out or key


# --- the gazetteer ----------------------------------------------------------------------------------------

def _parse_row(row: str) -> Place:
    gid, name, country, admin1, lat, lon, pop, kind = row.split("\t")[:8]
    return Place(geonames_id=int(gid) if gid else None, name=name, country=country, admin1=admin1 or None,
                 lat=float(lat) if lat else None, lon=float(lon) if lon else None,
                 population=int(pop) if pop else 0, kind=kind)


class Gazetteer:
    """Shipped places plus user places; lookups by normalised name."""

    def __init__(self, rows: list[str], name_lines: list[str], country_words: dict[str, str],
                 us_abbrevs: dict[str, tuple[str, str]], user: UserPlaces | None = None) -> None:
        self._rows = rows
        self._lines = name_lines
        self._cache: dict[int, Place] = {}
        self._words = country_words                      # normalised variant/demonym -> ISO3
        self._us_abbrevs = us_abbrevs                    # normalised abbreviation -> (state name, "ap"|"postal")
        self._user = user or UserPlaces([])
        self._pops: array.array[int] | None = None
        self._countries: dict[str, int] = {}
        self._admin1_codes: dict[str, str] = {}          # GeoNames "IQ.10" -> "Diyala"
        self._iso2: dict[str, str] = {}                  # "IQ" -> "IRQ"
        for i, row in enumerate(rows):
            f = row.split("\t")
            if f[7] == "country":
                self._countries[f[2]] = i
                if f[8]:
                    self._iso2[f[8]] = f[2]
            elif f[7] == "admin1":
                self._admin1_codes[f[8]] = f[1]
            else:
                break                                     # countries and regions come first in the file

    def _place(self, i: int) -> Place:
        p = self._cache.get(i)
        if p is None:
            p = self._cache[i] = _parse_row(self._rows[i])
        return p

    def _postings(self, key: str) -> list[int]:
        probe = key + "\t"                                 # tab sorts before every character of a name
        j = bisect.bisect_left(self._lines, probe)
        if j < len(self._lines) and self._lines[j].startswith(probe):
            return [int(x) for x in self._lines[j][len(probe):].split(",")]
        return []

    def lookup(self, name: str) -> list[Place]:
        """Places called ``name`` (or with it as an alternate name), most populous first."""
        key = normalise_name(name)
        if not key:
            return []
        found = [self._place(i) for i in self._postings(key)]
        extra = self._user.lookup(key)
        if not found and not extra and (m := _ABBREVIATED.match(key)) is not None:
            # "St. Louis County" is listed as "Saint Louis County", "Ft. Worth" as "Fort Worth"
            key = _EXPANSIONS[m.group(1)] + key[m.end(1):]
            found = [self._place(i) for i in self._postings(key)]
            extra = self._user.lookup(key)
        if extra:
            seen = {p.geonames_id for p in found if p.geonames_id is not None}
            found += [p for p in extra if p.geonames_id is None or p.geonames_id not in seen]
            found.sort(key=lambda p: -p.population)        # stable: shipped first on equal population
        return found

    def country(self, iso3: str) -> Place | None:
        i = self._countries.get(iso3.upper())
        return None if i is None else self._place(i)

    def iso3(self, iso2: str) -> str | None:
        """ISO2 -> ISO3 ("IQ" -> "IRQ")."""
        return self._iso2.get(iso2.upper())

    def country_code(self, word: str) -> str | None:
        """ISO3 of a country name, variant or demonym ("Iraqi", "U.S.", "Britain"), else None."""
        key = normalise_name(word)
        if not key:
            return None
        code = self._words.get(key)
        if code is None and key.endswith("s"):
            code = self._words.get(key[:-1])               # plural demonyms: "Iraqis", "Salvadorans"
        if code is None:
            for p in self.lookup(key):
                if p.kind == "country":
                    return p.country
        return code

    def admin1_of(self, name: str, country: str | None = None) -> list[Place]:
        """First-level regions called ``name`` ("California", "Diyala province", "Calif."; "CA" in the USA)."""
        key = normalise_name(name)
        if not key:
            return []
        found = [p for p in self.lookup(key) if p.kind == "admin1"]
        if not found:
            bare = strip_admin_generic(key)
            if bare != key:
                found = [p for p in self.lookup(bare) if p.kind == "admin1"]
        if not found and (country in (None, "USA")):
            abbrev = self._us_abbrevs.get(key)
            # a bare "CA"/"Miss" is an abbreviation only when the story is known to be American or it has a dot
            if abbrev is not None and (country == "USA" or (abbrev[1] == "ap" and "." in name)):
                found = [p for p in self.lookup(abbrev[0]) if p.kind == "admin1" and p.country == "USA"]
        if country:
            found = [p for p in found if p.country == country]
        return found

    def admin1_name(self, iso2: str, code: str) -> str | None:
        """The region name for a GeoNames admin1 code ("IQ", "10" -> "Diyala")."""
        return self._admin1_codes.get(f"{iso2.upper()}.{code}")

    def names(self, min_population: int = 0) -> Iterator[str]:
        """Every normalised place name (shipped and user), for a dictionary pass over text.

        With ``min_population``, only names whose most populous place has at least that many people, or is a
        country or first-level region (user places always): a smaller automaton (all 520k names cost ~2 s
        and ~130 MB in pyahocorasick).
        """
        if min_population <= 0:
            for line in self._lines:
                yield line.partition("\t")[0]
        else:
            pops = self._populations()
            for line in self._lines:
                key, _, rest = line.partition("\t")
                first = int(rest.partition(",")[0])
                if pops[first] >= min_population:
                    yield key
        yield from self._user.names()

    def _populations(self) -> array.array[int]:
        """Population per shipped row; countries and admin1 regions count as infinitely populous."""
        if self._pops is None:
            big = 2**62
            pops = array.array("q")
            for row in self._rows:
                f = row.split("\t", 8)
                pops.append(big if f[7] in ("country", "admin1") else int(f[6] or 0))
            self._pops = pops
        return self._pops

    def country_words(self) -> Iterator[str]:
        """Every normalised country variant and demonym ``country_code`` knows beyond the place names."""
        return iter(sorted(self._words))


# --- user places ------------------------------------------------------------------------------------------

class UserPlaces:
    """The user's places: a dict in memory, or an SQLite index beside a large file.

    ``problems`` lists the malformed rows of the file that were skipped, as (line number, reason).
    """

    def __init__(self, places: list[tuple[Place, list[str]]], db: Path | None = None,
                 problems: list[tuple[int, str]] | None = None) -> None:
        self._index: dict[str, list[Place]] = {}
        for place, alternates in places:
            for key in {normalise_name(n) for n in [place.name, *alternates]} - {""}:
                self._index.setdefault(key, []).append(place)
        for lst in self._index.values():
            lst.sort(key=lambda p: -p.population)
        self._db = db
        self._local = threading.local()
        self.problems = list(problems or ())

    def _conn(self) -> sqlite3.Connection:
        assert self._db is not None
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = sqlite3.connect(f"{self._db.resolve().as_uri()}?mode=ro", uri=True)
        return conn

    def lookup(self, key: str) -> list[Place]:
        if self._db is None:
            return list(self._index.get(key, ()))
        rows = self._conn().execute(
            "SELECT p.name, p.country, p.admin1, p.lat, p.lon, p.kind, p.population, p.geonames_id "
            "FROM names n JOIN places p ON p.rowid = n.place WHERE n.key = ? ORDER BY p.population DESC",
            (key,)).fetchall()
        return [Place(geonames_id=r[7], name=r[0], country=r[1], admin1=r[2], lat=r[3], lon=r[4],
                      population=r[6], kind=r[5]) for r in rows]

    def names(self) -> Iterator[str]:
        if self._db is None:
            yield from self._index
        else:
            for (key,) in self._conn().execute("SELECT DISTINCT key FROM names"):
                yield key


def user_data_dir() -> Path:
    """Where a user's own knowledge files live (places, actors): $DATELINE_HOME, else
    $XDG_DATA_HOME/dateline, else ~/.local/share/dateline."""
    home = os.environ.get("DATELINE_HOME")
    if home:
        return Path(home)
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "dateline"


def user_places_path() -> Path:
    """``places.tsv`` in :func:`user_data_dir`."""
    return user_data_dir() / "places.tsv"


# Line and paragraph separators and other control characters would split or corrupt a row: written as spaces.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def _user_row(place: Place, alternates: Iterable[str] = ()) -> str:
    def num(x: float | None) -> str:
        return "" if x is None else repr(round(x, 6))
    cells = [place.name, place.country, place.admin1 or "", num(place.lat), num(place.lon), place.kind,
             str(place.population), "" if place.geonames_id is None else str(place.geonames_id),
             "|".join(alternates)]
    if _CONTROL.search("".join(cells)) is not None:
        cells = [_CONTROL.sub(" ", c) for c in cells]
    return "\t".join(cells) + "\n"


def _coordinate_error(lat: float, lon: float) -> str | None:
    """Why ``lat, lon`` is not a point on the globe (NaN, infinite, out of range), or None."""
    if -90 <= lat <= 90 and -180 <= lon <= 180:            # False for NaN and infinities
        return None
    for label, value, limit in (("latitude", lat, 90), ("longitude", lon, 180)):
        if not math.isfinite(value):
            return f"{label} {value} is not a finite number"
        if not -limit <= value <= limit:
            return f"{label} {value} is outside -{limit}..{limit}"
    return None


def _parse_coordinates(lat_s: str, lon_s: str, *, range_prefix: str = "") -> tuple[float, float]:
    """Latitude and longitude written as text; ValueError saying why they are no point on the globe."""
    try:
        lat, lon = float(lat_s), float(lon_s)
    except ValueError:
        raise ValueError(f"coordinates {lat_s!r}, {lon_s!r} are not numbers") from None
    problem = _coordinate_error(lat, lon)
    if problem:
        raise ValueError(range_prefix + problem)
    return lat, lon


def _checked_lines(fh: IO[bytes], where: Path | str) -> Iterator[tuple[int, str]]:
    """(line number, text with its line end) of a file opened in binary mode, split at ``\\n`` only.

    A file that is not UTF-8 text (a NUL byte, an undecodable byte) raises :class:`BadPlace` naming ``where``
    and the line: such a file is not a places file or a dump that was damaged, and guessing would lose data.
    """
    for number, raw in enumerate(fh, start=1):
        if b"\0" in raw:
            raise BadPlace(f"{where}:{number}: binary data (a NUL byte), not a tab-separated UTF-8 text file")
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadPlace(f"{where}:{number}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at column "
                           f"{exc.start + 1}); save the file as UTF-8") from None
        if number == 1 and line.startswith("\ufeff"):      # a byte-order mark some editors write
            line = line[1:]
        yield number, line


def _whole(text: str, label: str) -> int:
    if not (text.isascii() and text.isdigit()):
        raise ValueError(f"{label} {text!r} is not a whole number")
    return int(text)


_ALNUM = re.compile(r"[^\W_]")                              # a letter or digit: the name has a lookup key


def _parse_user_line(line: str, countries: Container[str] | None) -> tuple[Place, list[str]] | None:
    """One line of the user file: a place and its alternate names, or None for a blank or comment line.

    A malformed row raises ValueError saying why. Trailing empty columns (population, geonames_id, alternate
    names) may be left out; ``countries`` (ISO3 codes) checks the country when given.
    """
    text = line.rstrip("\r\n")
    if not text.strip() or text.startswith("#"):
        return None
    f = text.split("\t")
    if not 6 <= len(f) <= len(USER_COLUMNS):
        raise ValueError(f"expected {len(USER_COLUMNS)} columns, found {len(f)}")
    f += [""] * (len(USER_COLUMNS) - len(f))
    name, country, admin1, lat_s, lon_s, kind, pop_s, gid_s, alternates = [c.strip() for c in f]
    if _ALNUM.search(name) is None and not normalise_name(name):
        raise ValueError("no name")
    country = country.upper()
    if countries is not None and country not in countries:
        raise ValueError(f"unknown country {country!r} (an ISO3 code such as IRQ)")
    lat = lon = None
    if lat_s or lon_s:
        if not (lat_s and lon_s):
            raise ValueError("a latitude needs a longitude and a longitude a latitude")
        lat, lon = _parse_coordinates(lat_s, lon_s)
    population = int(pop_s) if pop_s.isdigit() and pop_s.isascii() else _whole(pop_s, "population") if pop_s else 0
    gid = int(gid_s) if gid_s.isdigit() and gid_s.isascii() else _whole(gid_s, "geonames_id") if gid_s else None
    place = Place(geonames_id=gid, name=name, country=country, admin1=admin1 or None, lat=lat, lon=lon,
                  population=population, kind=kind or "site")
    return place, [a for a in alternates.split("|") if a.strip()]


def _user_rows(fh: IO[bytes], path: Path, countries: Container[str] | None,
               problems: list[tuple[int, str]]) -> Iterator[tuple[Place, list[str]]]:
    """The places of a user file open in binary mode; malformed rows are appended to ``problems``."""
    for number, line in _checked_lines(fh, path):
        try:
            row = _parse_user_line(line, countries)
        except ValueError as exc:
            problems.append((number, str(exc)))
            continue
        if row is not None:
            yield row


_REPORTED: set[tuple[str, int, str]] = set()
_MAX_REPORTED = 20                                          # per file and load; the rest are counted


def _report(path: Path, problems: list[tuple[int, str]]) -> None:
    """Malformed rows on stderr as ``FILE:LINE: skipped: reason``, each once per process."""
    new = [(n, r) for n, r in problems if (str(path), n, r) not in _REPORTED]
    for number, reason in new[:_MAX_REPORTED]:
        print(f"{path}:{number}: skipped: {reason}", file=sys.stderr)
    if len(new) > _MAX_REPORTED:
        print(f"{path}: skipped {len(new) - _MAX_REPORTED} more malformed rows", file=sys.stderr)
    _REPORTED.update((str(path), n, r) for n, r in new)


def _sqlite_path(path: Path) -> Path:
    """``places.sqlite`` beside the file (beside the real file when ``places.tsv`` is a symlink)."""
    return Path(os.path.realpath(path)).with_suffix(".sqlite")


def _stamp(st: os.stat_result) -> str:
    """Which version of the file an index was built from (each atomic write makes a new inode)."""
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"


def _build_sqlite(path: Path, fh: IO[bytes], countries: Container[str] | None) -> tuple[Path, list[tuple[int, str]]]:
    """Index the user file open as ``fh`` in SQLite; returns the index and the malformed rows.

    Built under a temp name and moved into place with ``os.replace``, so readers never see a half-built index
    and processes that rebuild it at the same time each replace it whole. The index records the version of
    the file it was read from (the open ``fh``, not the name, which a writer may have replaced since).
    """
    stamp = _stamp(os.fstat(fh.fileno()))
    fh.seek(0)
    db = _sqlite_path(path)
    fd, tmp = tempfile.mkstemp(dir=db.parent, prefix=".places-", suffix=".sqlite")
    os.close(fd)
    problems: list[tuple[int, str]] = []
    conn: sqlite3.Connection | None = None
    try:
        os.chmod(tmp, _file_mode())
        conn = sqlite3.connect(tmp)
        conn.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            "CREATE TABLE places (name TEXT, country TEXT, admin1 TEXT, lat REAL, lon REAL, kind TEXT,"
            " population INTEGER, geonames_id INTEGER);"
            "CREATE TABLE names (key TEXT, place INTEGER);"
            "CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);")
        for rowid, (p, alts) in enumerate(_user_rows(fh, path, countries, problems), start=1):
            conn.execute("INSERT INTO places (rowid, name, country, admin1, lat, lon, kind, population, geonames_id)"
                         " VALUES (?,?,?,?,?,?,?,?,?)",
                         (rowid, p.name, p.country, p.admin1, p.lat, p.lon, p.kind, p.population, p.geonames_id))
            keys = {normalise_name(n) for n in [p.name, *alts]} - {""}
            conn.executemany("INSERT INTO names VALUES (?, ?)", [(k, rowid) for k in keys])
        conn.execute("CREATE INDEX names_key ON names(key)")
        conn.executemany("INSERT INTO meta VALUES (?, ?)", [("source", stamp), ("problems", json.dumps(problems))])
        conn.commit()
        conn.close()
        conn = None
        os.replace(tmp, db)
    finally:
        if conn is not None:
            conn.close()
        if os.path.exists(tmp):
            os.unlink(tmp)
    return db, problems


def _fresh_sqlite(path: Path, stamp: str) -> tuple[Path, list[tuple[int, str]]] | None:
    """The index beside ``path`` and its malformed rows, if it was built from this version of the file."""
    db = _sqlite_path(path)
    if not db.exists():
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            meta = dict(conn.execute("SELECT k, v FROM meta").fetchall())
        if meta.get("source") != stamp:
            return None
        problems = [(int(n), str(r)) for n, r in json.loads(meta.get("problems", "[]"))]
    except (sqlite3.Error, ValueError, TypeError):
        return None                                       # damaged or from an older version: build it again
    return db, problems


def _count_rows(fh: IO[bytes], limit: int) -> int:
    fh.seek(0)
    n = 0
    for line in fh:
        n += not line.startswith(b"#")
        if n > limit:
            break
    return n


def _load_user(path: Path, countries: Container[str] | None = None) -> UserPlaces:
    """The user's places; malformed rows are reported on stderr (once per process) and skipped.

    Raises :class:`BadPlace` naming the file (and line) when it cannot be read or is not UTF-8 text.
    """
    try:
        fh = open(path, "rb")  # noqa: SIM115
    except FileNotFoundError:
        return UserPlaces([])
    except OSError as exc:
        raise BadPlace(f"{path}: cannot read your places file: {exc.strerror or exc}") from None
    with fh:
        st = os.fstat(fh.fileno())
        fresh = _fresh_sqlite(path, _stamp(st))
        if fresh is None and st.st_size > SQLITE_THRESHOLD * 20 and _count_rows(fh, SQLITE_THRESHOLD) \
                > SQLITE_THRESHOLD:
            try:
                fresh = _build_sqlite(path, fh, countries)  # edited by hand since the import: index it again
            except (OSError, sqlite3.Error):
                fresh = None                              # a read-only folder: read the file into memory
        if fresh is not None:
            db, problems = fresh
            user = UserPlaces([], db=db, problems=problems)
        else:
            fh.seek(0)
            problems = []
            user = UserPlaces(list(_user_rows(fh, path, countries, problems)), problems=problems)
    _report(path, problems)
    return user



# --- loading ---------------------------------------------------------------------------------------------

def _data_text(name: str) -> str:
    raw = resources.files("dateline.data").joinpath(name).read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    return raw.decode("utf-8")


def _body(text: str) -> list[str]:
    """Lines of a data file without its '#' header lines and the trailing empty line."""
    lines = text.split("\n")
    start = 0
    while start < len(lines) and lines[start].startswith("#"):
        start += 1
    end = len(lines)
    while end > start and not lines[end - 1]:
        end -= 1
    return lines[start:end]


def _tsv_rows(name: str) -> Iterator[list[str]]:
    for line in _data_text(name).splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@functools.lru_cache(maxsize=1)
def _shipped() -> tuple[list[str], list[str], dict[str, str], dict[str, tuple[str, str]]]:
    """The shipped data, read once per process (immutable: user places are kept apart)."""
    rows = _body(_data_text(PLACES_FILE))
    lines = _body(_data_text(NAMES_FILE))
    words = {normalise_name(f[1]): f[0] for f in _tsv_rows(COUNTRY_WORDS_FILE)}
    abbrevs: dict[str, tuple[str, str]] = {}
    for f in _tsv_rows(US_ABBREVS_FILE):
        key = normalise_name(f[1])
        if key not in abbrevs or f[2] == "ap":            # "D.C." (AP) and "DC" (postal) share a key
            abbrevs[key] = (f[0], f[2])
    return rows, lines, words, abbrevs



def load_shipped(user_path: Path | None = None) -> Gazetteer:
    """A gazetteer of the shipped data and the user file (``user_places_path()`` by default).

    Raises :class:`BadPlace` naming the user file (and line) when it cannot be read or is not UTF-8 text;
    malformed rows are reported on stderr and skipped.
    """
    rows, lines, words, abbrevs = _shipped()
    gaz = Gazetteer(rows, lines, words, abbrevs)
    gaz._user = _load_user(user_path or user_places_path(), gaz._countries)
    return gaz


_LOCK = threading.Lock()
_LOADED: Gazetteer | BadPlace | None = None


def load() -> Gazetteer:
    """The process-wide gazetteer (loaded once; :func:`reload` after changing the user file elsewhere).

    Raises :class:`BadPlace` (code ``bad-place``, the message names the file and line) when the user's places
    file is unreadable, binary or not UTF-8 — on every call, without reading the file again, until
    :func:`reload`. Malformed rows are not an error: they are reported on stderr once and skipped.
    """
    global _LOADED
    with _LOCK:
        if _LOADED is None:
            try:
                _LOADED = load_shipped()
            except BadPlace as exc:
                _LOADED = exc
        if isinstance(_LOADED, BadPlace):
            raise BadPlace(_LOADED.message)
        return _LOADED


def reload() -> Gazetteer:
    """Forget the cached gazetteer (the user file changed) and load it again."""
    global _LOADED
    with _LOCK:
        _LOADED = None
    return load()


def search(name: str) -> list[Place]:
    """Places called ``name`` in the shipped and user gazetteers, most populous first."""
    return load().lookup(name)


# --- writing the user file -------------------------------------------------------------------------------
#
# Every write takes the lock file beside the user file (``places.tsv.lock``) for the whole read-modify-write,
# writes a temp file in the same folder, fsyncs it and moves it into place with ``os.replace``: writers take
# turns (processes and threads), readers see the old file or the new one, never a mixture, and a write that
# fails leaves the file as it was.

def _file_mode() -> int:
    """Mode of a new user file: what ``open`` would give (mkstemp's 0600 would hide it from the user's group)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold the lock on ``path``'s lock file exclusively (blocks while another writer holds it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(_lock_path(path), os.O_RDWR | os.O_CREAT, 0o666)
    try:
        if sys.platform == "win32":
            import msvcrt
            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)          # retries for 10 s, then OSError
        else:
            import fcntl
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)                                       # releases the lock


def _atomic_write(path: Path, write: Callable[[io.TextIOBase], None]) -> None:
    """Write ``path`` via a fsynced temp file in the same directory and ``os.replace``: never half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".places-", suffix=".tsv")
    try:
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else _file_mode())
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    if sys.platform != "win32":
        try:                                               # make the rename itself durable
            dfd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
        except OSError:
            pass


def _copy_existing(path: Path, out: io.TextIOBase, drop: Callable[[int], bool] | None = None,
                   countries: Container[str] | None = None) -> None:
    """Our header, then every line of ``path`` verbatim: comments, blank lines and rows we cannot parse too.

    Only rows that parse (with ``countries``) and whose geonameid ``drop`` is true for are left out.
    """
    out.write(USER_HEADER)
    try:
        fh = open(path, "rb")  # noqa: SIM115
    except FileNotFoundError:
        return
    with fh:
        for number, line in _checked_lines(fh, path):
            if number == 1 and line.rstrip("\r\n") == USER_HEADER.rstrip("\n"):
                continue
            if drop is not None:
                cells = line.split("\t", 8)
                gid_s = cells[7].strip() if len(cells) > 7 else ""
                if gid_s.isdigit() and gid_s.isascii() and drop(int(gid_s)):
                    try:
                        row = _parse_user_line(line, countries)
                    except ValueError:
                        row = None                         # a row we cannot parse is not ours to change
                    if row is not None and row[0].geonames_id == int(gid_s):
                        continue
            out.write(line if line.endswith("\n") else line + "\n")


def _after_write() -> None:
    # A stale places.sqlite is not removed: its stamp no longer matches, so the next load rebuilds it, and a
    # reader that already chose it keeps working (removing it could fail a lookup that is about to connect).
    global _LOADED
    with _LOCK:
        _LOADED = None                                    # the next load() sees the new places


def _target(path: Path | None) -> Path:
    """The file to write: the user file by default; a symlink is followed (the link stays a link)."""
    return Path(os.path.realpath(path or user_places_path()))


def add_place(name: str, *, lat: float | None, lon: float | None, country: str, admin1: str | None = None,
              kind: str = "site", path: Path | None = None) -> Place:
    """Add one place to the user gazetteer; it is found by ``lookup`` from then on.

    Raises :class:`BadPlace` for an unusable place (no name, coordinates off the globe, NaN, an unknown
    country) or an unreadable user file. Safe to call from several processes at once: no addition is lost.
    """
    name = " ".join(_CONTROL.sub(" ", name).split())
    if not normalise_name(name):
        raise BadPlace("a place needs a name")
    if name.startswith("#"):
        raise BadPlace(f"a place name cannot start with '#' (the places file reads that line as a comment): {name!r}")
    if (lat is None) != (lon is None):
        raise BadPlace("give both --lat and --lon, or neither")
    if lat is not None and lon is not None:
        problem = _coordinate_error(lat, lon)
        if problem:
            raise BadPlace(problem)
    target = _target(path)
    gaz = load() if path is None else load_shipped(target)
    iso3 = _country_iso3(gaz, country)
    if iso3 is None:
        raise BadPlace(f"unknown country {country!r} (use an ISO3 code such as IRQ)")
    if admin1:
        regions = gaz.admin1_of(admin1, iso3)
        admin1 = regions[0].name if regions else " ".join(_CONTROL.sub(" ", admin1).split())
    kind = " ".join(_CONTROL.sub(" ", kind or "").split()).lower() or "site"
    place = Place(geonames_id=None, name=name, country=iso3, admin1=admin1 or None, lat=lat, lon=lon,
                  population=0, kind=kind)

    def write(out: io.TextIOBase) -> None:
        _copy_existing(target, out)                       # read under the lock: no concurrent addition is lost
        out.write(_user_row(place))

    with _locked(target):
        _atomic_write(target, write)
    _after_write()
    return place


def _country_iso3(gaz: Gazetteer, country: str) -> str | None:
    c = country.strip()
    if len(c) == 3 and c.isalpha() and gaz.country(c.upper()) is not None:
        return c.upper()
    if len(c) == 2 and c.isalpha():
        return gaz.iso3(c)
    return gaz.country_code(c)


# --- importing GeoNames dumps ----------------------------------------------------------------------------

_KINDS = {"P": "city", "S": "site", "L": "area", "T": "terrain", "H": "water", "R": "road", "V": "vegetation",
          "U": "undersea"}


def _kind(feature_class: str, feature_code: str) -> str:
    if feature_class == "A":
        if feature_code == "ADM1":
            return "admin1"
        if feature_code == "ADM2":
            return "admin2"
        return "country" if feature_code.startswith("PCL") else "admin"
    if feature_class == "S" and feature_code.startswith("CMP"):
        return "camp"
    return _KINDS.get(feature_class, "site")


def _geonames_lines(source: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) of a GeoNames dump: a .txt file, or the .txt inside a zip (allCountries.zip, IQ.zip).

    A damaged dump (not a zip, a bad CRC or deflate stream, a truncated member, binary or non-UTF-8 text)
    raises :class:`BadPlace` naming the file.
    """
    if zipfile.is_zipfile(source):
        try:
            with zipfile.ZipFile(source) as zf:
                members = [n for n in zf.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
                if not members:
                    raise BadPlace(f"{source}: no GeoNames .txt file in the zip")
                with zf.open(members[0]) as raw:
                    yield from _checked_lines(raw, source)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
            raise BadPlace(f"{source}: a damaged zip file ({exc}); download it again") from None
    elif source.suffix.lower() == ".zip":
        raise BadPlace(f"{source}: not a zip file (a truncated or damaged download?)")
    else:
        with open(source, "rb") as fh:
            yield from _checked_lines(fh, source)


def _parse_geonames(gaz: Gazetteer, line: str) -> tuple[Place, list[str]]:
    f = line.rstrip("\n").rstrip("\r").split("\t")
    if len(f) != 19:
        raise ValueError(f"expected 19 tab-separated columns, found {len(f)}")
    gid, name, _ascii, alternates, lat_s, lon_s, fclass, fcode, cc = f[:9]
    if not (gid.isascii() and gid.isdigit()):
        raise ValueError(f"geonameid {gid!r} is not a number")
    name = " ".join(_CONTROL.sub(" ", name).split())
    if not normalise_name(name):
        raise ValueError("empty name")
    if name.startswith("#"):
        raise ValueError(f"name {name!r} starts with '#' (a comment in the places file)")
    lat, lon = _parse_coordinates(lat_s, lon_s, range_prefix="coordinates out of range: ")
    iso3 = gaz.iso3(cc) if cc else None
    if iso3 is None:
        raise ValueError(f"unknown country code {cc!r}")
    pop_s = f[14]
    if pop_s and not (pop_s.isascii() and pop_s.lstrip("-").isdigit()):
        raise ValueError(f"population {pop_s!r} is not a number")
    admin1 = gaz.admin1_name(cc, f[10]) if f[10] else None
    kind = _kind(fclass, fcode)
    if kind == "admin1":
        admin1 = admin1 or name
    place = Place(geonames_id=int(gid), name=name, country=iso3, admin1=admin1, lat=lat, lon=lon,
                  population=max(int(pop_s or 0), 0), kind=kind)
    # Latin-script alternates only, like the shipped data: the text we read is English
    alts = [a for a in alternates.split(",") if a and a != name and _latin(a)]
    return place, alts


def _latin(s: str) -> bool:
    return all(ord(c) < 0x250 or not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in s)


def _geonames_ids(path: Path, countries: Container[str]) -> array.array[int]:
    """The sorted geonameids of the rows of ``path`` that parse (compact: 8 bytes a place)."""
    ids = array.array("q")
    try:
        fh = open(path, "rb")  # noqa: SIM115
    except FileNotFoundError:
        return ids
    with fh:
        for _number, line in _checked_lines(fh, path):
            try:
                row = _parse_user_line(line, countries)
            except ValueError:
                continue
            if row is not None and row[0].geonames_id is not None:
                ids.append(row[0].geonames_id)
    return array.array("q", sorted(ids))                    # duplicates are harmless: bisect finds the first


def import_geonames(source: Path, *, path: Path | None = None) -> ImportReport:
    """Add the places of a GeoNames dump to the user gazetteer; malformed lines are reported and skipped.

    ``source`` is ``allCountries.zip``, a country file such as ``IQ.zip``, or a ``.txt`` in GeoNames'
    19-column format. A row of the user file with the geonameid of an imported place is replaced by it
    (re-importing is a no-op); every other line — the user's own places, comments, rows that do not parse —
    is kept verbatim. Imported places follow them. The user file is rewritten through a temp file under the
    writers' lock: a failed import leaves it as it was, and concurrent imports and additions lose nothing.
    A damaged dump raises :class:`BadPlace` naming it.
    """
    source = Path(source)
    if not source.exists():
        raise BadPlace(f"no such file: {source}")
    if source.is_dir():
        raise BadPlace(f"{source}: a folder, not a GeoNames file")
    target = _target(path)
    gaz = load() if path is None else load_shipped(target)
    report = ImportReport(path=target)
    countries = gaz._countries

    with _locked(target):
        existing = _geonames_ids(target, countries)         # read under the lock: the file cannot change now
        replaced = bytearray(len(existing))
        # imported rows go to a spool first: which old rows they replace is known only at the end of the dump
        fd, spool = tempfile.mkstemp(dir=target.parent, prefix=".places-", suffix=".import")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                for number, line in _geonames_lines(source):    # streamed: allCountries is 1.5 GB
                    if not line.strip() or line.startswith("#"):
                        continue
                    try:
                        place, alts = _parse_geonames(gaz, line)
                    except ValueError as exc:
                        report.skipped.append((number, str(exc)))
                        continue
                    gid = place.geonames_id
                    assert gid is not None
                    i = bisect.bisect_left(existing, gid)
                    if i < len(existing) and existing[i] == gid:
                        replaced[i] = 1
                        report.replaced += 1
                    else:
                        report.added += 1
                    out.write(_user_row(place, alts))

            def is_replaced(gid: int) -> bool:
                i = bisect.bisect_left(existing, gid)
                return i < len(existing) and existing[i] == gid and bool(replaced[i])

            def write(out: io.TextIOBase) -> None:
                _copy_existing(target, out, drop=is_replaced, countries=countries)
                with open(spool, encoding="utf-8", newline="") as fh:
                    shutil.copyfileobj(fh, out)

            _atomic_write(target, write)
        finally:
            if os.path.exists(spool):
                os.unlink(spool)
        with open(target, "rb") as fh:
            if _count_rows(fh, SQLITE_THRESHOLD) > SQLITE_THRESHOLD:
                _build_sqlite(target, fh, countries)      # pay for the index now, not at the next load
    _after_write()
    return report
