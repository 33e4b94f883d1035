"""The user places file under hostile input and concurrent writers (issue 9).

Concurrency is tested with real processes against one ``DATELINE_HOME``; every file here is written by the test.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

import dateline
from dateline import gazetteer
from dateline.cli import main
from dateline.gazetteer import BadPlace, add_place, import_geonames

from .test_gazetteer import geonames_line

SRC = str(Path(dateline.__file__).resolve().parents[1])
HEADER = gazetteer.USER_HEADER


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty user folder, a fresh load() and nothing reported yet in this 'process'."""
    h = tmp_path / "home"
    monkeypatch.setenv("DATELINE_HOME", str(h))
    monkeypatch.setattr(gazetteer, "_LOADED", None)
    monkeypatch.setattr(gazetteer, "_REPORTED", set())
    return h


def user_file(home: Path, text: str | bytes) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "places.tsv"
    if isinstance(text, str):
        path.write_bytes(text.encode("utf-8"))
    else:
        path.write_bytes(text)
    return path


def row(name: str, country: str = "IRQ", lat: str = "33.1", lon: str = "44.2", kind: str = "site",
        population: str = "0", gid: str = "", alternates: str = "") -> str:
    return "\t".join([name, country, "", lat, lon, kind, population, gid, alternates]) + "\n"


def leftovers(home: Path) -> list[str]:
    """Files a write left behind besides the places file, its lock file and its index."""
    return sorted(f.name for f in home.iterdir() if f.name not in ("places.tsv", "places.tsv.lock", "places.sqlite"))


# --- concurrent writers (real processes) -------------------------------------------------------------------

WORKER = '''
import os, sys, time
from pathlib import Path
mode, tag, n, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
from dateline import gazetteer
if len(sys.argv) > 5:
    gazetteer.SQLITE_THRESHOLD = int(sys.argv[5])
if mode != "load":
    gazetteer.load()                           # pay the start-up cost before the race begins
go.with_name(f"ready-{os.getpid()}").touch()
deadline = time.monotonic() + 60
while not go.exists() and time.monotonic() < deadline:
    time.sleep(0.002)
if mode == "lib":
    for i in range(n):
        gazetteer.add_place(f"Race {tag} {i}", lat=33.0 + i / 100, lon=44.0, country="IRQ")
elif mode == "cli":
    from dateline.cli import main
    for i in range(n):
        main(["places", "add", f"Race {tag} {i}", "--lat", "33", "--lon", "44", "--country", "IRQ"],
             standalone_mode=False)
elif mode == "import":
    for _ in range(n):
        gazetteer.import_geonames(Path(tag))
elif mode == "load":
    for _ in range(n):
        gazetteer.reload()
        found = gazetteer.load().lookup("Seed 7")
        assert [p.name for p in found] == ["Seed 7"], found
'''


def race(tmp_path: Path, home: Path, jobs: list[list[str]], timeout: float = 120) -> None:
    """Start every job (worker arguments after the mode) at once; each must exit 0."""
    script = tmp_path / "worker.py"
    script.write_text(WORKER, encoding="utf-8")
    go = tmp_path / "go"
    env = {**os.environ, "DATELINE_HOME": str(home), "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    procs = [subprocess.Popen([sys.executable, str(script), job[0], job[1], job[2], str(go), *job[3:]], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for job in jobs]
    deadline = time.monotonic() + timeout                  # every worker has loaded: start them at once
    while len(list(tmp_path.glob("ready-*"))) < len(procs) and time.monotonic() < deadline:
        if any(p.poll() is not None for p in procs):
            break
        time.sleep(0.01)
    go.touch()
    for p in procs:
        out, err = p.communicate(timeout=timeout)
        assert p.returncode == 0, err


def names_in(path: Path) -> Counter[str]:
    return Counter(line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()
                   if line and not line.startswith("#"))


def test_concurrent_adds_lose_nothing(tmp_path: Path, home: Path) -> None:
    race(tmp_path, home, [["lib", tag, "25"] for tag in "abcd"])        # 4 processes x 25 additions
    counts = names_in(home / "places.tsv")
    expected = {f"Race {tag} {i}" for tag in "abcd" for i in range(25)}
    assert set(counts) == expected and all(c == 1 for c in counts.values())
    assert leftovers(home) == []
    gaz = gazetteer.load()
    assert all(gaz.lookup(name) for name in expected)


def test_concurrent_cli_adds_and_imports_lose_nothing(tmp_path: Path, home: Path) -> None:
    user_file(home, HEADER + "# my notes: keep me\n" + row("Mine"))
    dump = tmp_path / "IQ.txt"
    dump.write_text("".join(geonames_line(910000 + i, f"Imported {i}") for i in range(40)), encoding="utf-8")
    race(tmp_path, home, [["cli", "x", "15"], ["cli", "y", "15"], ["import", str(dump), "3"]])
    counts = names_in(home / "places.tsv")
    expected = {f"Race {t} {i}" for t in "xy" for i in range(15)} | {f"Imported {i}" for i in range(40)} | {"Mine"}
    assert set(counts) == expected and all(c == 1 for c in counts.values())   # re-imports replace, never duplicate
    assert "# my notes: keep me\n" in (home / "places.tsv").read_text(encoding="utf-8")
    assert leftovers(home) == []


def test_concurrent_index_rebuilds_and_writes(tmp_path: Path, home: Path) -> None:
    # above the (lowered) threshold every load that finds the index stale rebuilds it: readers race to rebuild
    # it while a writer keeps changing the file; every reader must see a complete index every time
    user_file(home, HEADER + "".join(row(f"Seed {i}") for i in range(60)))
    race(tmp_path, home, [["load", "r1", "6", "10"], ["load", "r2", "6", "10"], ["load", "r3", "6", "10"],
                          ["lib", "w", "10", "10"]])
    assert leftovers(home) == []
    gazetteer.SQLITE_THRESHOLD, saved = 10, gazetteer.SQLITE_THRESHOLD
    try:
        gaz = gazetteer.load()
        assert gaz._user._db is not None
        assert all(gaz.lookup(f"Race w {i}") for i in range(10)) and gaz.lookup("Seed 59")
    finally:
        gazetteer.SQLITE_THRESHOLD = saved


def test_cli_in_a_real_process_prints_no_traceback(tmp_path: Path, home: Path) -> None:
    user_file(home, b"\x7fELF\x02\x01\x01\x00\x00\x00binary")
    env = {**os.environ, "DATELINE_HOME": str(home), "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run([sys.executable, "-m", "dateline.cli", "places", "search", "Mosul"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [f"Error: [bad-place] {home / 'places.tsv'}:1: binary data (a NUL byte), "
                                        "not a tab-separated UTF-8 text file"]


# --- import keeps what it does not own ---------------------------------------------------------------------

def test_import_keeps_comments_and_rows_it_does_not_own(tmp_path: Path, home: Path) -> None:
    mine = (HEADER
            + "# checked by hand, 2024-05\n"
            + "\n"
            + row("Camp Ashraf", kind="camp")
            + "half a row\twith\tfour\tcolumns\n"                          # malformed: kept verbatim
            + row("Old Qaryat Ashraf", gid="900001")                      # the dump's 900001 replaces it
            + row("Someone Else's Place", gid="123")                      # not in the dump: kept
            + row("Odd Country", country="QQQ", gid="900002")             # malformed (country): not ours, kept
            + "  # an indented note\n")
    path = user_file(home, mine)
    src = tmp_path / "IQ.txt"
    src.write_text(geonames_line(900001, "Qaryat Ashraf") + geonames_line(900002, "Tall Zahra", admin1="15"),
                   encoding="utf-8")
    report = import_geonames(src)
    assert (report.added, report.replaced) == (1, 1)
    after = path.read_text(encoding="utf-8")
    kept = mine.replace(row("Old Qaryat Ashraf", gid="900001"), "")
    assert after.startswith(kept)                                          # every other line, in order, verbatim
    assert "Old Qaryat Ashraf" not in after
    assert after.count("Qaryat Ashraf\tIRQ") == 1 and after.count("Tall Zahra\tIRQ") == 1
    import_geonames(src)
    assert path.read_text(encoding="utf-8") == after                       # re-importing changes nothing
    gaz = gazetteer.load()
    assert [p.geonames_id for p in gaz.lookup("Qaryat Ashraf")] == [900001]
    assert gaz.lookup("Camp Ashraf") and gaz.lookup("Someone Else's Place")


def test_import_adds_the_header_to_a_hand_written_file(tmp_path: Path, home: Path) -> None:
    path = user_file(home, "# my places\r\n" + row("Camp Ashraf").replace("\n", "\r\n"))
    src = tmp_path / "IQ.txt"
    src.write_text(geonames_line(900001, "Qaryat Ashraf"), encoding="utf-8")
    import_geonames(src)
    lines = path.read_bytes().decode("utf-8").split("\n")
    assert lines[:3] == [HEADER.rstrip("\n"), "# my places\r", row("Camp Ashraf").rstrip("\n") + "\r"]


# --- malformed rows are reported, never silently skipped ---------------------------------------------------

MALFORMED = [
    ("half a row\twith\tfour\tcolumns\n", "expected 9 columns, found 4"),
    (row("Too Many").rstrip("\n") + "\textra\n", "expected 9 columns, found 10"),
    (row("Far North", lat="999"), "latitude 999.0 is outside -90..90"),
    (row("Far South", lat="-90.5"), "latitude -90.5 is outside -90..90"),
    (row("Far East", lon="180.01"), "longitude 180.01 is outside -180..180"),
    (row("Nan Place", lat="nan"), "latitude nan is not a finite number"),
    (row("Inf Place", lon="-inf"), "longitude -inf is not a finite number"),
    (row("Huge Place", lat="1e400"), "latitude inf is not a finite number"),
    (row("Words", lat="north"), "coordinates 'north', '44.2' are not numbers"),
    (row("Half", lon=""), "a latitude needs a longitude"),
    (row("Narnia Town", country="NAR"), "unknown country 'NAR'"),
    (row("Crowded", population="many"), "population 'many' is not a whole number"),
    (row("Negative", population="-5"), "population '-5' is not a whole number"),
    (row("Bad Id", gid="12x"), "geonames_id '12x' is not a whole number"),
    (row("  "), "no name"),
]


@pytest.mark.parametrize("line,reason", MALFORMED)
def test_a_malformed_row_is_reported_with_its_line(home: Path, capsys: pytest.CaptureFixture[str], line: str,
                                                   reason: str) -> None:
    path = user_file(home, HEADER + row("Good One") + line + row("Good Two"))
    gaz = gazetteer.load()
    assert gaz.lookup("Good One") and gaz.lookup("Good Two")
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(f"{path}:3: skipped: {reason}")
    assert gaz._user.problems[0][0] == 3


def test_malformed_rows_reported_once_and_kept(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = "".join(line for line, _ in MALFORMED[:3])
    path = user_file(home, HEADER + bad + row("Good One"))
    gazetteer.load()
    err = capsys.readouterr().err.splitlines()
    assert [e.split(": skipped:")[0] for e in err] == [f"{path}:{n}" for n in (2, 3, 4)]
    gazetteer.reload()
    assert capsys.readouterr().err == ""                                  # once per process
    add_place("Camp New", lat=1.0, lon=2.0, country="IRQ")
    text = path.read_text(encoding="utf-8")
    assert text == HEADER + bad + row("Good One") + "Camp New\tIRQ\t\t1.0\t2.0\tsite\t0\t\t\n"   # left verbatim
    assert gazetteer.load().lookup("Camp New")
    assert capsys.readouterr().err == ""                                  # same rows, same lines: not again


def test_many_malformed_rows_are_summarised(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = user_file(home, HEADER + "broken\n" * 30)
    gazetteer.load()
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 21 and err[0] == f"{path}:2: skipped: expected 9 columns, found 1"
    assert err[-1] == f"{path}: skipped 10 more malformed rows"


def test_malformed_rows_are_reported_from_the_sqlite_index(home: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gazetteer, "SQLITE_THRESHOLD", 2)
    path = user_file(home, HEADER + row("Seed A") + row("Seed B") + row("Far", lat="999") + row("Seed C"))
    gazetteer.load()
    assert (home / "places.sqlite").exists()
    first = capsys.readouterr().err
    assert first == f"{path}:4: skipped: latitude 999.0 is outside -90..90\n"

    def no_rebuild(*args: object) -> None:
        raise AssertionError("the fresh index was rebuilt")

    monkeypatch.setattr(gazetteer, "_build_sqlite", no_rebuild)
    monkeypatch.setattr(gazetteer, "_REPORTED", set())                    # a new process
    gaz = gazetteer.reload()
    assert gaz._user._db is not None and gaz.lookup("Seed C")
    assert capsys.readouterr().err == first


def test_short_rows_crlf_and_a_byte_order_mark_are_read(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    user_file(home, "\ufeff# notes\r\n"
                    "Camp Six\tirq\t\t33\t44\tcamp\r\n"                   # 6 columns, lower-case country
                    "Camp Nine\tIRQ\tDiyala\t\t\tbase\t10\t\tC9|Nine\r\n")
    gaz = gazetteer.load()
    assert capsys.readouterr().err == ""
    six = gaz.lookup("Camp Six")
    assert [(p.country, p.lat, p.lon, p.kind) for p in six] == [("IRQ", 33.0, 44.0, "camp")]
    assert [(p.name, p.lat, p.population) for p in gaz.lookup("C9")] == [("Camp Nine", None, 10)]


# --- coordinates off the globe are refused -----------------------------------------------------------------

@pytest.mark.parametrize("lat,lon,message", [
    (999.0, 44.0, "latitude 999.0 is outside -90..90"),
    (-90.000001, 44.0, "latitude"),
    (33.0, 180.5, "longitude 180.5 is outside -180..180"),
    (33.0, -181.0, "longitude"),
    (math.nan, 44.0, "latitude nan is not a finite number"),
    (33.0, math.inf, "longitude inf is not a finite number"),
    (-math.inf, 0.0, "latitude -inf"),
])
def test_add_refuses_coordinates_off_the_globe(home: Path, lat: float, lon: float, message: str) -> None:
    with pytest.raises(BadPlace, match=message) as info:
        add_place("Somewhere", lat=lat, lon=lon, country="IRQ")
    assert info.value.code == "bad-place"
    assert not (home / "places.tsv").exists()


def test_add_accepts_the_edges_of_the_globe(home: Path) -> None:
    add_place("North Pole Camp", lat=90.0, lon=-180.0, country="IRQ")
    add_place("South Pole Camp", lat=-90.0, lon=180.0, country="IRQ")
    assert [(p.lat, p.lon) for p in gazetteer.load().lookup("South Pole Camp")] == [(-90.0, 180.0)]


def test_add_refuses_a_name_read_as_a_comment_and_flattens_control_characters(home: Path) -> None:
    with pytest.raises(BadPlace, match="'#'"):
        add_place("#hashtag", lat=None, lon=None, country="IRQ")
    place = add_place("Camp\u2028Zulu\x00", lat=None, lon=None, country="IRQ", admin1="Dee\ryala", kind="ca\tmp")
    assert (place.name, place.admin1, place.kind) == ("Camp Zulu", "Dee yala", "ca mp")
    assert names_in(home / "places.tsv") == Counter({"Camp Zulu": 1})


def test_import_reports_and_skips_coordinates_off_the_globe(tmp_path: Path, home: Path) -> None:
    src = tmp_path / "IQ.txt"
    src.write_text(geonames_line(900001, "Good")
                   + geonames_line(900002, "North", lat="91")
                   + geonames_line(900003, "East", lon="181")
                   + geonames_line(900004, "Nan", lat="nan")
                   + geonames_line(900005, "Inf", lon="inf")
                   + geonames_line(900006, "Hash", lat="33") .replace("Hash", "#Hash", 1), encoding="utf-8")
    report = import_geonames(src)
    assert report.added == 1
    assert [n for n, _ in report.skipped] == [2, 3, 4, 5, 6]
    assert all("out of range" in reason for _, reason in report.skipped[:4])
    assert "latitude 91.0" in report.skipped[0][1] and "not a finite number" in report.skipped[2][1]
    assert "'#'" in report.skipped[4][1]
    assert names_in(home / "places.tsv") == Counter({"Good": 1})


# --- binary or undecodable files ---------------------------------------------------------------------------

BROKEN_USER_FILES = [
    (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00", 1, "binary data (a NUL byte)"),
    ((HEADER + row("Fine")).encode() + "Bogot\u00e1\tCOL\t\t4.6\t-74.1\tcity\t0\t\t\n".encode("latin-1"), 3,
     "not UTF-8 text (byte 0xe1 at column 6)"),
    (b"PK\x03\x04\x14\xff\xfe\n", 1, "not UTF-8 text (byte 0xff at column 6)"),
    ((HEADER + row("Fine") + row("Also fine")).encode() + b"trailing\x00junk\n", 4, "binary data"),
]


@pytest.mark.parametrize("content,line,message", BROKEN_USER_FILES)
def test_a_broken_user_file_raises_bad_place_naming_it(tmp_path: Path, home: Path, content: bytes, line: int,
                                                        message: str) -> None:
    path = user_file(home, content)
    with pytest.raises(BadPlace) as info:
        gazetteer.load()
    assert info.value.code == "bad-place" and info.value.message.startswith(f"{path}:{line}: {message}")
    with pytest.raises(BadPlace, match=f"{path}:{line}:"):
        gazetteer.search("Mosul")                                          # the same error every time
    with pytest.raises(BadPlace, match=f"{path}:{line}:"):
        add_place("Camp New", lat=1.0, lon=2.0, country="IRQ")
    src = tmp_path / "IQ.txt"
    src.write_text(geonames_line(900001, "Qaryat Ashraf"), encoding="utf-8")
    with pytest.raises(BadPlace, match=f"{path}:{line}:"):
        import_geonames(src)
    assert path.read_bytes() == content                                    # never rewritten
    assert leftovers(home) == []


def test_a_broken_user_file_also_stops_an_explicit_path(tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / "places.tsv"
    other.parent.mkdir()
    other.write_bytes(b"\xff\xfe\x00\x00")
    with pytest.raises(BadPlace, match=str(other)):
        add_place("Camp New", lat=1.0, lon=2.0, country="IRQ", path=other)


def test_a_folder_in_place_of_the_user_file(home: Path) -> None:
    (home / "places.tsv").mkdir(parents=True)
    with pytest.raises(BadPlace, match="places.tsv: cannot read your places file"):
        gazetteer.load()


def test_the_pipeline_sees_bad_place_not_an_internal_error(home: Path) -> None:
    from dateline.pipeline import places

    user_file(home, b"\x00\x00")
    with pytest.raises(BadPlace, match="places.tsv:1:"):
        places.gazetteer()                                                 # what coding an article calls


def test_a_symlinked_user_file_stays_a_link(tmp_path: Path, home: Path) -> None:
    real = tmp_path / "dotfiles" / "places.tsv"
    real.parent.mkdir()
    real.write_text(HEADER + row("Camp Old"), encoding="utf-8")
    home.mkdir()
    (home / "places.tsv").symlink_to(real)
    add_place("Camp New", lat=1.0, lon=2.0, country="IRQ")
    assert (home / "places.tsv").is_symlink()
    assert names_in(real) == Counter({"Camp Old": 1, "Camp New": 1})


# --- damaged GeoNames dumps --------------------------------------------------------------------------------

def _dump_rows(n: int = 400) -> str:
    return "".join(geonames_line(900000 + i, f"Place {i}") for i in range(n))


def _zip(path: Path, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    with zipfile.ZipFile(path, "w", method) as zf:
        zf.writestr("IQ.txt", _dump_rows())
    return path.read_bytes()


def damaged_deflate(path: Path) -> str:
    data = bytearray(_zip(path))
    for i in range(120, 200):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    return "a damaged zip file"


def bad_crc(path: Path) -> str:
    data = bytearray(_zip(path, zipfile.ZIP_STORED))
    data[400] ^= 0x01
    path.write_bytes(bytes(data))
    return "a damaged zip file"


def truncated(path: Path) -> str:
    path.write_bytes(_zip(path)[:-40])
    return "not a zip file"


def not_a_zip(path: Path) -> str:
    path.write_bytes(b"<html>404 Not Found</html>\n")
    return "not a zip file"


def latin1_txt(path: Path) -> str:
    path.write_bytes((geonames_line(900001, "Bogot\u00e1")).encode("latin-1"))
    return ":1: not UTF-8 text"


def nul_txt(path: Path) -> str:
    path.write_bytes(_dump_rows(3).encode() + b"\x00\x00\x00\n")
    return ":4: binary data"


def latin1_in_zip(path: Path) -> str:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("IQ.txt", _dump_rows(2).encode() + geonames_line(900009, "S\u00e3o").encode("latin-1"))
    return ":3: not UTF-8 text"


@pytest.mark.parametrize("damage,name", [
    (damaged_deflate, "IQ.zip"), (bad_crc, "IQ.zip"), (truncated, "IQ.zip"), (not_a_zip, "allCountries.zip"),
    (latin1_txt, "IQ.txt"), (nul_txt, "IQ.txt"), (latin1_in_zip, "IQ.zip"),
])
def test_a_damaged_dump_raises_bad_place_naming_it(tmp_path: Path, home: Path, damage, name: str) -> None:  # type: ignore[no-untyped-def]
    path = user_file(home, HEADER + row("Camp Ashraf"))
    before = path.read_bytes()
    src = tmp_path / name
    expected = damage(src)
    with pytest.raises(BadPlace) as info:
        import_geonames(src)
    assert info.value.code == "bad-place"
    assert info.value.message.startswith(str(src)) and expected in info.value.message
    assert "\n" not in info.value.message
    assert path.read_bytes() == before and leftovers(home) == []


# --- the CLI: one line, exit 1 ----------------------------------------------------------------------------

def cli(*args: str):  # type: ignore[no-untyped-def]
    gazetteer._LOADED = None                                                # each command is a new run
    gazetteer._REPORTED = set()
    return CliRunner().invoke(main, list(args), catch_exceptions=False)    # a traceback would fail the test


@pytest.mark.parametrize("content,line,message", BROKEN_USER_FILES[:2])
def test_cli_with_a_broken_user_file(home: Path, content: bytes, line: int, message: str) -> None:
    path = user_file(home, content)
    for args in (["search", "Mosul"], ["add", "Camp New", "--lat", "1", "--lon", "2", "--country", "IRQ"]):
        result = cli("places", *args)
        assert result.exit_code == 1 and result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"Error: [bad-place] {path}:{line}: {message}")
    assert path.read_bytes() == content


def test_cli_add_refuses_nan_and_reports_malformed_rows(home: Path) -> None:
    path = user_file(home, HEADER + row("Far", lat="999") + row("Camp Ashraf"))
    result = cli("places", "add", "Somewhere", "--lat", "nan", "--lon", "44", "--country", "IRQ")
    assert result.exit_code == 1 and result.stderr == "Error: [bad-place] latitude nan is not a finite number\n"
    result = cli("places", "search", "Camp Ashraf")
    assert result.exit_code == 0 and result.stdout.startswith("Camp Ashraf\tsite\tIRQ")
    assert result.stderr == f"{path}:2: skipped: latitude 999.0 is outside -90..90\n"


def test_cli_import_of_a_damaged_zip(tmp_path: Path, home: Path) -> None:
    src = tmp_path / "IQ.zip"
    damaged_deflate(src)
    result = cli("places", "import", str(src))
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"Error: [bad-place] {src}: a damaged zip file (")


def test_cli_when_the_user_folder_cannot_be_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("DATELINE_HOME", str(blocker / "dateline"))
    result = cli("places", "add", "Camp New", "--lat", "1", "--lon", "2", "--country", "IRQ")
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("Error: ") and str(blocker) in result.stderr
