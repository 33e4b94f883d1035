"""The shipped knowledge the exports map to (``data/countries.tsv``, ``data/export_codes.tsv``) and the rules
several formats share: actor classes, stable numeric ids, the middle of a date range, ACLED's fatality count."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from dateline import estimates
from dateline.export.items import Item, iso_date
from dateline.lexicon import rows
from dateline.records import Actor, Claim

COUNTRIES_FILE = "countries.tsv"
CODES_FILE = "export_codes.tsv"


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    iso_numeric: int | None
    gwno: int | None                 # Gleditsch-Ward number
    un_subregion: str | None
    acled_region: str | None
    ucdp_region: str | None


def _int(value: str) -> int | None:
    return int(value) if value.strip() else None


@cache
def countries() -> dict[str, Country]:
    body = rows(COUNTRIES_FILE)
    if not body:
        raise FileNotFoundError(f"dateline data file {COUNTRIES_FILE} is missing or empty")
    header, found = body[0], {}
    for f in body[1:]:
        if len(f) != len(header):
            raise ValueError(f"{COUNTRIES_FILE}: a row has {len(f)} columns, the header {len(header)}")
        found[f[0]] = Country(f[0], f[1], _int(f[2]), _int(f[3]), f[4] or None, f[5] or None, f[6] or None)
    return found


def country(iso3: str | None) -> Country | None:
    return countries().get(iso3.upper()) if iso3 else None


@cache
def code_table(table: str) -> dict[str, str]:
    body = rows(CODES_FILE)
    if not body:
        raise FileNotFoundError(f"dateline data file {CODES_FILE} is missing or empty")
    out = {}
    for f in body[1:]:
        if len(f) != 3:
            raise ValueError(f"{CODES_FILE}: a row has {len(f)} columns, expected 3: {f}")
        if f[0] == table:
            out[f[1]] = f[2]
    if not out:
        raise KeyError(f"{CODES_FILE} has no table {table!r}")
    return out


# -- actors ------------------------------------------------------------------------------------------------

def sector_class(actor: Actor | None) -> str | None:
    """state, rebel, militia, opposition, civilians or external, from the actor's sector; None when unknown."""
    if actor is None or not actor.sector:
        return None
    return code_table("sector_class").get(actor.sector.upper()[:3])


def is_foreign(actor: Actor | None, where: str | None) -> bool:
    """The actor belongs to another country than the one the event happened in."""
    return bool(actor and actor.country and where and actor.country.upper() != where.upper())


# -- ids and dates -----------------------------------------------------------------------------------------

def stable_number(item_id: str, digits: int = 12) -> int:
    """A number derived from an item's id (the same on every export; distinct ids collide with a chance of about
    n^2 / 2·10^digits)."""
    return int(hashlib.sha256(item_id.encode("utf-8")).hexdigest()[:15], 16) % 10**digits


def date_range(item: Item) -> tuple[date | None, date | None]:
    start = iso_date(item.date.start)
    end = iso_date(item.date.end) or start
    if start is not None and end is not None and end < start:
        end = start
    return start, end


def middle(start: date, end: date) -> date:
    return start + timedelta(days=(end - start).days // 2)


# -- figures -----------------------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z]+")


def _vague_figure(claim: Claim) -> int | None:
    vague = code_table("acled_vague")
    for word in _WORD.findall(claim.text.lower()):
        if word in vague:
            return int(vague[word])
    return None


def acled_fatalities(item: Item) -> int:
    """ACLED's conservative count: the lowest total the sources assert.

    Denials are left out (their 0 is not a count); details ("six of the dead") never add; each victim group's
    lowest figure counts, disjoint groups add up (the rule of :mod:`dateline.estimates`, on ``low``). A vague
    word ("dozens", "several") counts as ACLED's figure for it (``acled_vague`` in ``export_codes.tsv``: 12, 3,
    ...) only when no stated figure of the same group falls inside its range; nothing reported is 0.
    """
    killed = [sc.claim for sc in item.claims if sc.claim.kind == "killed" and sc.claim.stance != "denies"
              and not sc.claim.partitive]
    if not killed:
        return 0
    points: dict[str, list[int]] = {}
    for c in killed:
        if c.low is not None and c.low == c.high:
            points.setdefault(estimates.group_of(c.who), []).append(c.low)
    usable = []
    for c in killed:
        if c.low is not None and c.high is not None and c.high > c.low:
            if any(c.low <= p <= c.high for p in points.get(estimates.group_of(c.who), [])):
                continue           # "dozens" refined by "31 dead"
            figure = _vague_figure(c)
            if figure is not None:
                c = Claim(c.kind, figure, figure, c.who, c.source, c.stance, c.text, c.span, c.partitive)
        usable.append(c)
    est = estimates.estimate(usable)
    return 0 if est is None else est.low
