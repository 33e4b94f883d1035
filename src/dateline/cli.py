"""Thin click commands over the library: ``dateline code``, ``dateline evaluate``.

Exit status of ``dateline code``: 0 when every input was coded, 1 when any input yielded an error
record (the other inputs are still coded and printed), 2 for a usage error.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import NoReturn

import click

from dateline.errors import BadDate, DatelineError
from dateline.ingest import parse_date, read_path


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except BadDate as exc:
        raise click.BadParameter(exc.message) from exc


@click.group()
@click.version_option(package_name="dateline")
def main() -> None:
    """dateline: news reports of political violence in, sourced event records out."""


@main.command("code")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date; overrides headers and records.")
@click.option("--include-text", is_flag=True, help="Add the normalised text as article.text.")
@click.option("--pretty/--jsonl", default=None,
              help="Indented JSON (default for a single .txt file) or one line per article.")
@click.option("--format", "fmt", type=click.Choice(["auto", "jsonl", "text"]), default="auto", show_default=True,
              help="What the inputs are: auto = .jsonl files and standard input with a JSON object line are JSONL.")
@click.option("-j", "--processes", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes (each loads the pipeline once).")
@click.option("--timeout", type=click.FloatRange(min=0), default=30.0, show_default=True,
              help="Seconds one article may take before it becomes a 'timeout' error record (0: no limit).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here, not stdout.")
def code_cmd(inputs: tuple[str, ...], published: str | None, include_text: bool, pretty: bool | None, fmt: str,
             processes: int, timeout: float, output: str | None) -> None:
    """Code articles: INPUTS are .txt files, .jsonl files of records, or - for standard input."""
    from dateline import code_many
    from dateline.ingest import clean_string

    pub = _published(published)
    for path in inputs:
        if path != "-" and not Path(path).is_file():
            raise click.BadParameter(f"no such file: {path}", param_hint="INPUTS")
    if pretty is None:
        pretty = len(inputs) == 1 and inputs[0] != "-" and not inputs[0].endswith((".jsonl", ".ndjson")) \
            and fmt != "jsonl"

    def articles():  # type: ignore[no-untyped-def]
        for path in inputs:
            yield from read_path(path, published=pub, stdin=sys.stdin.buffer, fmt=None if fmt == "auto" else fmt)

    from dateline import gazetteer

    try:   # the user's places, once, before any worker starts: a broken file is a setup problem, not per article
        gazetteer.load()
    except gazetteer.BadPlace as exc:
        _environment_error(f"[{exc.code}] {exc.message}")
    try:
        out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    except OSError as exc:
        _environment_error(f"cannot write {output}: {exc.strerror or exc}")
    failed = 0
    try:
        for result in code_many(articles(), include_text=include_text, processes=processes,
                                timeout=timeout or None):
            d = result.to_dict()
            failed += "error" in d
            # unpaired surrogates cannot be written as UTF-8: they leave as U+FFFD
            out.write(clean_string(json.dumps(d, ensure_ascii=False, indent=2 if pretty else None)) + "\n")
            out.flush()
        if output:
            out.close()
    except BrokenPipeError:
        # the reader went away (| head): stop quietly, and keep Python from complaining at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except OSError as exc:
        if not output:   # standard output is broken: nothing more may be written to it, not even at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        _environment_error(f"cannot write {'to ' + output if output else 'standard output'}: "
                           f"{exc.strerror or exc}")
    if failed:
        click.echo(f"dateline: {failed} input(s) could not be coded (see their error records)", err=True)
        sys.exit(1)


def _environment_error(message: str) -> NoReturn:
    """A problem of the environment (disk full, missing folder, permissions): one line, exit status 2."""
    click.echo(f"dateline: {message}", err=True)
    sys.exit(2)


@main.command("evaluate")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--pred", type=click.Path(exists=True, dir_okay=False),
              help="Score this predictions file instead of running dateline.")
@click.option("--limit", type=int, help="Only the first N gold records.")
@click.option("--save-pred", type=click.Path(dir_okay=False), help="Also write the predictions here.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@click.option("--floor", "floors", multiple=True, metavar="METRIC=VALUE",
              help="Fail (exit 1) when a metric, e.g. killed.exact=0.75, is below VALUE.")
def evaluate_cmd(gold: str, pred: str | None, limit: int | None, save_pred: str | None, as_json: bool,
                 floors: tuple[str, ...]) -> None:
    """Score dateline against a gold file (format: ../shared/gold/README.md)."""
    from dateline import evaluate as ev

    wanted: dict[str, float] = {}
    for f in floors:
        key, _, value = f.partition("=")
        try:
            wanted[key.strip()] = float(value)
        except ValueError as exc:
            raise click.BadParameter(f"expected METRIC=NUMBER, got {f!r}", param_hint="--floor") from exc
    try:
        result = ev.evaluate(gold, pred_path=pred, limit=limit, save_pred=save_pred)
    except DatelineError as exc:
        raise click.ClickException(f"[{exc.code}] {exc.message}") from exc
    click.echo(json.dumps(result, indent=2) if as_json else ev.format_table(result))
    failures = ev.check_floors(result, wanted)
    if failures:
        for line in failures:
            click.echo(f"below floor: {line}", err=True)
        sys.exit(1)


@main.group("places")
def places_group() -> None:
    """The gazetteer: search it, add your own places, import a GeoNames dump (user file: see README)."""


def _places_failure(exc: Exception) -> click.ClickException:
    """One line for an unusable place or places file, or a file the OS refused (never a traceback)."""
    if isinstance(exc, DatelineError):
        return click.ClickException(f"[{exc.code}] {exc.message}")
    assert isinstance(exc, OSError)
    where = f"{exc.filename}: " if exc.filename else ""
    return click.ClickException(f"{where}{exc.strerror or exc}")


def _place_line(p: object) -> str:
    from dateline.gazetteer import Place

    assert isinstance(p, Place)
    where = ", ".join(x for x in (p.admin1 if p.admin1 != p.name else None, p.country) if x)
    coords = f"{p.lat:.5f} {p.lon:.5f}" if p.lat is not None and p.lon is not None else "no coordinates"
    gid = f"geonames:{p.geonames_id}" if p.geonames_id is not None else "user"
    return f"{p.name}\t{p.kind}\t{where}\t{coords}\tpop {p.population}\t{gid}"


@places_group.command("add")
@click.argument("name")
@click.option("--lat", type=float, help="Latitude in decimal degrees (with --lon; omit both if unknown).")
@click.option("--lon", type=float, help="Longitude in decimal degrees.")
@click.option("--country", required=True, help="ISO3 code (IRQ), ISO2 code or country name.")
@click.option("--admin1", help="First-level region name (province, state, governorate).")
@click.option("--kind", default="site", show_default=True, help="What the place is: camp, site, base, village ...")
def places_add_cmd(name: str, lat: float | None, lon: float | None, country: str, admin1: str | None,
                   kind: str) -> None:
    """Add NAME to your gazetteer; it is found from the next run on."""
    from dateline import gazetteer

    try:
        place = gazetteer.add_place(name, lat=lat, lon=lon, country=country, admin1=admin1, kind=kind)
    except (gazetteer.BadPlace, OSError) as exc:
        raise _places_failure(exc) from None
    click.echo(f"added to {gazetteer.user_places_path()}:")
    click.echo(_place_line(place))


@places_group.command("search")
@click.argument("name")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Show at most N places.")
def places_search_cmd(name: str, limit: int) -> None:
    """Print the places called NAME (shipped and your own), most populous first; exit 1 if none."""
    from dateline import gazetteer

    try:
        found = gazetteer.search(name)
    except (gazetteer.BadPlace, OSError) as exc:
        raise _places_failure(exc) from None
    if not found:
        click.echo(f"no place called {name!r}", err=True)
        sys.exit(1)
    for place in found[:limit]:
        click.echo(_place_line(place))
    if len(found) > limit:
        click.echo(f"... {len(found) - limit} more (--limit)", err=True)


@places_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def places_import_cmd(file: str) -> None:
    """Import a GeoNames dump (allCountries.zip, XX.zip or a 19-column .txt) into your gazetteer."""
    from dateline import gazetteer

    try:
        report = gazetteer.import_geonames(Path(file))
    except (gazetteer.BadPlace, OSError) as exc:
        raise _places_failure(exc) from None
    for number, reason in report.skipped:
        click.echo(f"{file}:{number}: skipped: {reason}", err=True)
    click.echo(f"added {report.added} places, updated {report.replaced}, skipped {len(report.skipped)} bad lines"
               f" -> {report.path}")


if __name__ == "__main__":
    main()
