"""Builds src/dateline/data/countries.tsv: per country (ISO3) its ISO 3166 numeric code, Gleditsch-Ward number,
UN M49 subregion, ACLED region and UCDP region, for the exports (dateline.export).

Usage: python scripts/build_countries.py COUNTRY_CONVERTER [OUT]

COUNTRY_CONVERTER is a work tree or bare git directory of IndEcol/country_converter (its
country_converter/country_data.tsv is read: ISO3, ISOnumeric, GWcode, UNregion) at commit COMMIT below. The
country names and the list of countries are the shipped gazetteer's (GeoNames). Deterministic: sorted rows.
"""

from __future__ import annotations

import csv
import gzip
import io
import subprocess
import sys
from pathlib import Path

COMMIT = "4d579e756168d0b6515a40a7406d058d413d676a"
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "dateline" / "data"

# Gleditsch-Ward numbers where country_converter keeps a predecessor's number or none: unified Yemen continues
# GW 678 (680 is the former South Yemen), unified Vietnam 816 (817 is the former South Vietnam), the Czech
# Republic is 316 (315 is Czechoslovakia), Serbia and Montenegro (SCG, GeoNames only) was 345 (Yugoslavia);
# the Holy See is 327 in Gleditsch and Ward's list of microstates.
GW_FIXES = {"YEM": "678", "VNM": "816", "CZE": "316", "SCG": "345", "VAT": "327"}
# GeoNames-only codes that country_converter lacks: (ISO numeric, UN subregion)
EXTRA = {"SCG": ("891", "Southern Europe")}
# subregions country_converter leaves empty
SUBREGION_FIXES = {"ANT": "Caribbean"}

# ACLED regions from UN M49 subregions; ACLED's own regions differ for these countries
ACLED_BY_SUBREGION = {
    "Western Africa": "Western Africa", "Middle Africa": "Middle Africa", "Eastern Africa": "Eastern Africa",
    "Southern Africa": "Southern Africa", "Northern Africa": "Northern Africa",
    "Southern Asia": "South Asia", "South-eastern Asia": "Southeast Asia", "Eastern Asia": "East Asia",
    "Western Asia": "Middle East", "Central Asia": "Caucasus and Central Asia",
    "Northern Europe": "Europe", "Southern Europe": "Europe", "Western Europe": "Europe", "Eastern Europe": "Europe",
    "Northern America": "North America", "Central America": "Central America", "Caribbean": "Caribbean",
    "South America": "South America",
    "Australia and New Zealand": "Oceania", "Melanesia": "Oceania", "Micronesia": "Oceania", "Polynesia": "Oceania",
    "Antarctica": "Antarctica",
}
ACLED_FIXES = {
    "IRN": "Middle East",                                            # UN: Southern Asia
    "ARM": "Caucasus and Central Asia", "AZE": "Caucasus and Central Asia", "GEO": "Caucasus and Central Asia",
    "CYP": "Europe",                                                 # UN: Western Asia
    # ACLED's Southern Africa reaches further north than the UN's
    "AGO": "Southern Africa", "MDG": "Southern Africa", "MWI": "Southern Africa", "MOZ": "Southern Africa",
    "ZMB": "Southern Africa", "ZWE": "Southern Africa", "MUS": "Southern Africa", "REU": "Southern Africa",
    "MYT": "Southern Africa", "COM": "Southern Africa",
}
# UCDP regions by Gleditsch-Ward number range (UCDP's definition); without a number, by UN subregion
UCDP_BY_GW = ((2, 199, "Americas"), (200, 399, "Europe"), (400, 626, "Africa"), (627, 699, "Middle East"),
              (700, 999, "Asia"))


def _read(repo: Path, path: str) -> str:
    if (repo / path).is_file():
        return (repo / path).read_text(encoding="utf-8")
    return subprocess.run(["git", "--git-dir", str(repo if (repo / "HEAD").exists() else repo / ".git"), "show",
                           f"{COMMIT}:{path}"], check=True, capture_output=True, text=True).stdout


def ucdp_region(gwno: str, subregion: str, acled: str) -> str:
    if gwno:
        n = int(gwno)
        for lo, hi, name in UCDP_BY_GW:
            if lo <= n <= hi:
                return name
    if acled == "Middle East":
        return "Middle East"
    if subregion.endswith("Africa"):
        return "Africa"
    if subregion.endswith("Europe"):
        return "Europe"
    if subregion in ("Northern America", "Central America", "Caribbean", "South America"):
        return "Americas"
    return "Asia" if subregion != "Antarctica" else ""


def main(argv: list[str]) -> None:
    repo = Path(argv[1])
    out = Path(argv[2]) if len(argv) > 2 else DATA / "countries.tsv"
    coco = {r["ISO3"]: r for r in csv.DictReader(io.StringIO(_read(repo, "country_converter/country_data.tsv")),
                                                  delimiter="\t")}
    countries: dict[str, str] = {}
    with gzip.open(DATA / "gazetteer_places.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if not line.startswith("#") and len(f) > 7 and f[7] == "country":
                countries[f[2]] = f[1]
    lines = []
    for iso3 in sorted(countries):
        row = coco.get(iso3)
        if row is not None:
            numeric, gwno, subregion = row["ISOnumeric"], row["GWcode"], row["UNregion"]
        elif iso3 in EXTRA:
            numeric, subregion = EXTRA[iso3]
            gwno = ""
        else:
            raise SystemExit(f"{iso3} ({countries[iso3]}) is in the gazetteer but not in country_converter")
        gwno = GW_FIXES.get(iso3, gwno)
        subregion = subregion or SUBREGION_FIXES.get(iso3, "")
        acled = ACLED_FIXES.get(iso3) or ACLED_BY_SUBREGION.get(subregion, "")
        lines.append("\t".join((iso3, countries[iso3], numeric, gwno, subregion, acled,
                                ucdp_region(gwno, subregion, acled))))
    header = ("# Countries for the exports: ISO3 -> name (GeoNames, as in the gazetteer), ISO 3166-1 numeric code,\n"
              "# Gleditsch-Ward number, UN M49 subregion, ACLED region, UCDP region.\n"
              "# Built by scripts/build_countries.py"
              f" from IndEcol/country_converter country_data.tsv @ {COMMIT} (see SOURCES.md); do not edit by hand.\n"
              "iso3\tname\tiso_numeric\tgwno\tun_subregion\tacled_region\tucdp_region\n")
    out.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} countries -> {out}")


if __name__ == "__main__":
    main(sys.argv)
