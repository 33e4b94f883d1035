"""The gazetteer: shipped data lookups, country words, admin1 regions, user places and GeoNames imports."""

from __future__ import annotations

import gzip
import zipfile
from importlib import resources
from pathlib import Path

import pytest

from dateline import gazetteer
from dateline.gazetteer import BadPlace, add_place, import_geonames, normalise_name, spelling_variants, user_places_path


@pytest.fixture(autouse=True)
def user_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty user gazetteer (never the real home) and a fresh load()."""
    home = tmp_path / "home"
    monkeypatch.setenv("DATELINE_HOME", str(home))
    monkeypatch.setattr(gazetteer, "_LOADED", None)
    return home


def geonames_line(gid: int, name: str, lat: str = "33.5", lon: str = "44.5", fclass: str = "P", fcode: str = "PPL",
                  cc: str = "IQ", admin1: str = "10", population: str = "1200", alternates: str = "") -> str:
    """One line of GeoNames' 19-column format (geonameid ... modification date)."""
    cols = [str(gid), name, name, alternates, lat, lon, fclass, fcode, cc, "", admin1, "", "", "", population,
            "", "40", "Asia/Baghdad", "2024-01-01"]
    return "\t".join(cols) + "\n"


# --- names -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,key", [
    ("Mosul", "mosul"),
    ("  MOSUL ", "mosul"),
    ("Bogotá", "bogota"),
    ("Sana'a", "sanaa"),
    ("Sana’a", "sanaa"),
    ("U.S.", "us"),
    ("Al-Anbar", "al anbar"),
    ("St. Louis", "st louis"),
    ("Düsseldorf", "dusseldorf"),
    ("Łódź", "lodz"),
    ("Straße", "strasse"),
])
def test_normalise_name(name: str, key: str) -> None:
    assert normalise_name(name) == key


@pytest.mark.parametrize("key,variants", [
    ("hodeidah", ["hodeida"]),
    ("falluja", ["fallujah"]),
    ("al qaim", ["qaim"]),
    ("el fasher", ["fasher", "al fasher"]),
    ("gaza", ["gazah"]),
    ("mosul", []),
    ("ah", []),
])
def test_spelling_variants(key: str, variants: list[str]) -> None:
    assert spelling_variants(key) == variants


# --- shipped lookups ----------------------------------------------------------------------------------------

# (name, ISO3, admin1 of the first match (None for a country), kind)
@pytest.mark.parametrize("name,country,admin1,kind", [
    ("Mosul", "IRQ", "Nineveh", "city"),
    ("mosul", "IRQ", "Nineveh", "city"),
    ("Paris", "FRA", "Ile-de-France", "city"),          # most populous first, Paris TX later
    ("Kiev", "UKR", "Kyiv City", "city"),                # an alternate name; GeoNames admin1 "Kyiv City"
    ("Bogota", "COL", "Bogota D.C.", "city"),            # diacritic-insensitive
    ("Los Angeles", "USA", "California", "city"),
    ("Iraq", "IRQ", None, "country"),
    ("Ivory Coast", "CIV", None, "country"),
    ("Diyala", "IRQ", "Diyala", "admin1"),
    ("Falluja", "IRQ", "Al Anbar", "city"),
    ("Cobb County", "USA", "Georgia", "admin2"),
])
def test_lookup_first_match(name: str, country: str, admin1: str | None, kind: str) -> None:
    found = gazetteer.load().lookup(name)
    assert found, name
    first = found[0]
    assert (first.country, first.admin1, first.kind) == (country, admin1, kind)
    assert [p.population for p in found] == sorted((p.population for p in found), reverse=True)


def test_lookup_keeps_every_candidate() -> None:
    gaz = gazetteer.load()
    paris = {(p.country, p.admin1) for p in gaz.lookup("Paris")}
    assert ("USA", "Texas") in paris and ("FRA", "Ile-de-France") in paris
    georgia = {(p.country, p.kind) for p in gaz.lookup("Georgia")}
    assert {("USA", "admin1"), ("GEO", "country")} <= georgia
    tripoli = {p.country for p in gaz.lookup("Tripoli") if p.kind == "city"}
    assert {"LBY", "LBN"} <= tripoli
    harris = {(p.admin1, p.kind) for p in gaz.lookup("Harris County")}
    assert {("Texas", "admin2"), ("Georgia", "admin2")} <= harris
    assert not [p for p in gaz.lookup("Harris") if p.kind == "admin2" and p.country == "USA"]   # a surname
    assert gaz.lookup("Camp Ashraf") == [] and gaz.lookup("") == [] and gaz.lookup("...") == []


def test_cities_have_coordinates_and_regions_do_not() -> None:
    gaz = gazetteer.load()
    mosul = gaz.lookup("Mosul")[0]
    assert mosul.geonames_id == 99072 and mosul.lat == pytest.approx(36.34, abs=0.05)
    assert mosul.lon == pytest.approx(43.13, abs=0.05)
    iraq = gaz.country("IRQ")
    assert iraq is not None and iraq.name == "Iraq" and iraq.lat is None    # never an invented centroid
    assert gaz.country("irq") == iraq and gaz.country("XYZ") is None


@pytest.mark.parametrize("word,iso3", [
    ("Iraq", "IRQ"), ("Iraqi", "IRQ"), ("Iraqis", "IRQ"), ("U.S.", "USA"), ("US", "USA"),
    ("United States", "USA"), ("America", "USA"), ("American", "USA"), ("Americans", "USA"),
    ("Britain", "GBR"), ("UK", "GBR"), ("British", "GBR"), ("Salvadoran", "SLV"), ("El Salvador", "SLV"),
    ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"), ("Burma", "MMR"), ("Colombian", "COL"),
    ("Peruvian", "PER"), ("Guatemalan", "GTM"), ("Lebanese", "LBN"), ("Libya", "LBY"),
    ("Reading", None), ("Mosul", None), ("Narnia", None), ("", None),
])
def test_country_code(word: str, iso3: str | None) -> None:
    assert gazetteer.load().country_code(word) == iso3


@pytest.mark.parametrize("name,country,expected", [
    ("California", None, ("California", "USA")),
    ("Diyala province", None, ("Diyala", "IRQ")),
    ("Diyala Governorate", None, ("Diyala", "IRQ")),
    ("Nineveh", "IRQ", ("Nineveh", "IRQ")),
    ("Calif.", None, ("California", "USA")),
    ("CA", "USA", ("California", "USA")),
    ("N.Y.", None, ("New York", "USA")),
    ("CA", None, None),                                    # a bare postal code only in a US story
    ("Miss", None, None),                                  # an AP abbreviation needs its dot
    ("Departamento de Sonsonate", None, ("Sonsonate", "SLV")),
    ("Usulutan", "SLV", ("Usulutan", "SLV")),
    ("Antioquia", None, ("Antioquia", "COL")),
    ("California", "IRQ", None),
    ("Mosul", None, None),                                 # a city, not a region
])
def test_admin1_of(name: str, country: str | None, expected: tuple[str, str] | None) -> None:
    found = gazetteer.load().admin1_of(name, country)
    if expected is None:
        assert found == []
    else:
        assert found and (found[0].name, found[0].country) == expected


def test_names_are_normalised_and_cover_places() -> None:
    names = set(gazetteer.load().names())
    assert {"mosul", "paris", "diyala", "iraq", "ivory coast", "california"} <= names
    assert all(n == normalise_name(n) for n in list(names)[:5000])
    assert "iraqi" not in names                            # demonyms are country words, not place names
    assert "iraqi" in set(gazetteer.load().country_words())


def test_names_above_a_population() -> None:
    big = set(gazetteer.load().names(min_population=50_000))
    assert {"mosul", "paris", "iraq", "diyala", "california", "georgia"} <= big    # regions always
    assert "ceres" not in big and "ceres" in set(gazetteer.load().names())       # largest Ceres: ~48,000


def test_shipped_data_is_compact_and_attributed() -> None:
    data = resources.files("dateline.data")
    size = sum(len(data.joinpath(f).read_bytes()) for f in (gazetteer.PLACES_FILE, gazetteer.NAMES_FILE))
    assert size < 15_000_000
    head = gzip.decompress(data.joinpath(gazetteer.PLACES_FILE).read_bytes())[:400].decode()
    assert "GeoNames" in head and "CC-BY 4.0" in head
    sources = data.joinpath("SOURCES.md").read_text(encoding="utf-8")
    assert "gazetteer_places.tsv.gz" in sources and "CC-BY 4.0" in sources


# --- the user file -----------------------------------------------------------------------------------------

def test_user_places_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, user_home: Path) -> None:
    assert user_places_path() == user_home / "places.tsv"
    monkeypatch.delenv("DATELINE_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert user_places_path() == tmp_path / "xdg" / "dateline" / "places.tsv"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "h"))
    assert user_places_path() == tmp_path / "h" / ".local" / "share" / "dateline" / "places.tsv"


def test_add_place_is_found_after_reload(user_home: Path) -> None:
    place = add_place("Camp Ashraf", lat=33.63, lon=44.93, country="IRQ", admin1="Diyala", kind="camp")
    assert (place.country, place.admin1, place.kind, place.geonames_id) == ("IRQ", "Diyala", "camp", None)
    assert (user_home / "places.tsv").exists()
    gazetteer._LOADED = None                               # a new run
    found = gazetteer.load().lookup("camp ashraf")
    assert [(p.name, p.lat, p.lon, p.admin1) for p in found] == [("Camp Ashraf", 33.63, 44.93, "Diyala")]
    assert "camp ashraf" in set(gazetteer.load().names())
    assert gazetteer.search("Camp Ashraf") == found


@pytest.mark.parametrize("country,admin1,iso3,region", [
    ("irq", "Diyala province", "IRQ", "Diyala"),
    ("IQ", None, "IRQ", None),
    ("Iraq", "Somewhere New", "IRQ", "Somewhere New"),     # an unknown region is kept as written
])
def test_add_place_country_and_region_forms(country: str, admin1: str | None, iso3: str, region: str | None) -> None:
    place = add_place("Forward Base X", lat=None, lon=None, country=country, admin1=admin1)
    assert (place.country, place.admin1, place.lat) == (iso3, region, None)


@pytest.mark.parametrize("kwargs,message", [
    ({"lat": 91.0, "lon": 0.0, "country": "IRQ"}, "latitude"),
    ({"lat": 1.0, "lon": 200.0, "country": "IRQ"}, "longitude"),
    ({"lat": 1.0, "lon": None, "country": "IRQ"}, "both"),
    ({"lat": 1.0, "lon": 1.0, "country": "Narnia"}, "unknown country"),
])
def test_add_place_rejects_bad_input(user_home: Path, kwargs: dict, message: str) -> None:
    with pytest.raises(BadPlace, match=message):
        add_place("Somewhere", **kwargs)
    assert not (user_home / "places.tsv").exists()
    with pytest.raises(BadPlace):
        add_place("  ", lat=1.0, lon=1.0, country="IRQ")


def test_add_keeps_earlier_places(user_home: Path) -> None:
    add_place("Camp Alpha", lat=33.0, lon=44.0, country="IRQ")
    add_place("Camp Bravo", lat=34.0, lon=45.0, country="IRQ")
    gaz = gazetteer.load()
    assert gaz.lookup("Camp Alpha") and gaz.lookup("Camp Bravo")
    assert sorted(f.name for f in user_home.iterdir()) == ["places.tsv", "places.tsv.lock"]   # no temp file left


# --- GeoNames imports --------------------------------------------------------------------------------------

GOOD = [
    geonames_line(900001, "Qaryat Ashraf", alternates="Ashraf Village,قرية"),
    geonames_line(900002, "Tall Zahra", lat="36.1", lon="43.2", admin1="15", population="0"),
    geonames_line(900003, "Camp Zulu", fclass="S", fcode="CMP", admin1="10"),
]


def test_import_txt_reports_bad_lines_and_adds_the_rest(tmp_path: Path, user_home: Path) -> None:
    src = tmp_path / "extract.txt"
    src.write_text(GOOD[0]
                   + "not\ta\tgeonames\tline\n"                              # line 2: 4 columns
                   + GOOD[1]
                   + geonames_line(900004, "Bad Lat", lat="north")          # line 4
                   + geonames_line(900005, "Nowhere", cc="QQ")              # line 5: unknown country
                   + "\n"
                   + GOOD[2], encoding="utf-8")
    report = import_geonames(src)
    assert report.added == 3 and report.replaced == 0
    assert [n for n, _ in report.skipped] == [2, 4, 5]
    assert "19" in report.skipped[0][1] and "coordinates" in report.skipped[1][1]
    assert "country" in report.skipped[2][1]
    gaz = gazetteer.load()
    village = gaz.lookup("Ashraf Village")                 # a Latin alternate name
    assert [(p.name, p.country, p.admin1, p.geonames_id) for p in village] == \
        [("Qaryat Ashraf", "IRQ", "Diyala", 900001)]       # admin1 code IQ.10 -> its name
    assert gaz.lookup("Tall Zahra")[0].admin1 == "Nineveh"
    assert gaz.lookup("Camp Zulu")[0].kind == "camp"
    assert gaz.lookup("قرية") == []                          # non-Latin alternates are not kept


def test_reimport_is_a_no_op(tmp_path: Path, user_home: Path) -> None:
    src = tmp_path / "IQ.txt"
    src.write_text("".join(GOOD), encoding="utf-8")
    add_place("Camp Ashraf", lat=33.63, lon=44.93, country="IRQ")
    import_geonames(src)
    before = (user_home / "places.tsv").read_text(encoding="utf-8")
    report = import_geonames(src)
    assert (report.added, report.replaced) == (0, 3)
    after = (user_home / "places.tsv").read_text(encoding="utf-8")
    assert sorted(before.splitlines()) == sorted(after.splitlines())
    assert len(gazetteer.load().lookup("Qaryat Ashraf")) == 1 and gazetteer.load().lookup("Camp Ashraf")


def test_import_zip_country_file(tmp_path: Path, user_home: Path) -> None:
    src = tmp_path / "IQ.zip"
    with zipfile.ZipFile(src, "w") as zf:
        zf.writestr("readme.txt", "GeoNames country extract\n")
        zf.writestr("IQ.txt", "".join(GOOD))
    report = import_geonames(src)
    assert report.added == 3 and report.skipped == []
    assert gazetteer.load().lookup("Tall Zahra")


def test_failed_import_leaves_the_user_file_untouched(tmp_path: Path, user_home: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    add_place("Camp Ashraf", lat=33.63, lon=44.93, country="IRQ")
    before = (user_home / "places.tsv").read_bytes()
    src = tmp_path / "extract.txt"
    src.write_text("".join(GOOD), encoding="utf-8")
    real = gazetteer._parse_geonames
    calls = []

    def dies_on_second(gaz: gazetteer.Gazetteer, line: str) -> tuple[gazetteer.Place, list[str]]:
        calls.append(line)
        if len(calls) == 2:
            raise OSError("disk full")                     # not a bad line: the import as a whole fails
        return real(gaz, line)

    monkeypatch.setattr(gazetteer, "_parse_geonames", dies_on_second)
    with pytest.raises(OSError):
        import_geonames(src)
    assert (user_home / "places.tsv").read_bytes() == before
    assert sorted(f.name for f in user_home.iterdir()) == ["places.tsv", "places.tsv.lock"]


def test_import_of_missing_or_empty_source(tmp_path: Path) -> None:
    with pytest.raises(BadPlace, match="no such file"):
        import_geonames(tmp_path / "nope.zip")
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("readme.txt", "nothing here\n")
    with pytest.raises(BadPlace, match="no GeoNames"):
        import_geonames(empty)


def test_large_user_file_is_indexed_in_sqlite(tmp_path: Path, user_home: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gazetteer, "SQLITE_THRESHOLD", 2)
    src = tmp_path / "extract.txt"
    src.write_text("".join(GOOD), encoding="utf-8")
    import_geonames(src)
    assert (user_home / "places.sqlite").exists()
    gaz = gazetteer.load()
    assert [p.geonames_id for p in gaz.lookup("ashraf village")] == [900001]
    assert "tall zahra" in set(gaz.names())
    add_place("Camp Ashraf", lat=33.63, lon=44.93, country="IRQ")      # a change drops the stale index
    assert gazetteer.load().lookup("Camp Ashraf")


def test_abbreviated_first_words_find_the_written_out_name() -> None:
    from dateline.pipeline import places

    gz = places.gazetteer()
    assert any(p.kind == "admin2" and p.admin1 == "Missouri" for p in gz.lookup("St. Louis County"))
    assert [p.admin1 for p in gz.lookup("Ft. Worth")][:1] == ["Texas"]
