"""Thin click commands over the library: ``dateline code``, ``evaluate``, the store commands, ``export``.

Exit status of ``dateline code``: 0 when every input was coded, 1 when any input yielded an error
record (the other inputs are still coded and printed), 2 for a usage error.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

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


class _Progress:
    """One bar for articles on stderr (a terminal only): position, rate and ETA."""

    def __init__(self, total: int | None, label: str) -> None:
        self.bar: Any = None
        self.done = 0
        self.started = time.monotonic()
        if total and sys.stderr.isatty():
            self.bar = click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True, show_eta=True,
                                         item_show_func=lambda _: self.rate())
            self.bar.__enter__()

    def rate(self) -> str:
        elapsed = time.monotonic() - self.started
        return f"{self.done / elapsed:.1f} articles/s" if elapsed > 0 and self.done else ""

    def __call__(self, done: int) -> None:
        if self.bar is not None:
            step, self.done = done - self.done, done
            self.bar.update(step, True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


_DASK_HELP = ("Code on Dask: local or local:N starts a LocalCluster of N worker processes on this machine; "
              "tcp://HOST:8786 uses a running scheduler (docs/scale.md).")


def _dask_client(spec: str, stack: contextlib.ExitStack) -> Any:
    """A Dask client for ``spec``, closed with ``stack``; its dashboard link on stderr when it serves one."""
    from dateline import batch

    try:
        client = stack.enter_context(batch.DaskCluster(spec))
    except batch.DaskError as exc:
        _environment_error(str(exc))
    link = batch.dashboard_link(client)
    if link:
        click.echo(f"dateline: Dask dashboard at {link}", err=True)
    return client


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
@click.option("-o", "--output", type=click.Path(), help="Write here, not stdout; with --dask (or an existing "
              "folder): a folder of output shards.")
@click.option("--dask", "dask_spec", metavar="SCHEDULER", help=_DASK_HELP)
@click.option("--shard-format", type=click.Choice(["jsonl", "parquet"]), default="jsonl", show_default=True,
              help="The files of an output folder.")
@click.option("--shard-chars", type=click.IntRange(min=1), default=100_000, show_default=True,
              help="Characters of text in one shard (Dask task, output file).")
def code_cmd(inputs: tuple[str, ...], published: str | None, include_text: bool, pretty: bool | None, fmt: str,
             processes: int, timeout: float, output: str | None, dask_spec: str | None, shard_format: str,
             shard_chars: int) -> None:
    """Code articles: INPUTS are .txt files, .jsonl files of records, or - for standard input."""
    from dateline import code_many
    from dateline.ingest import clean_string

    pub = _published(published)
    for path in inputs:
        if path != "-" and not Path(path).is_file():
            raise click.BadParameter(f"no such file: {path}", param_hint="INPUTS")
    if dask_spec is not None and not output:
        raise click.BadParameter("--dask writes a folder of output shards: give it with --output DIR",
                                 param_hint="--output")
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
    if output and (dask_spec is not None or Path(output).is_dir()):
        _code_to_folder(inputs, articles(), output, dask_spec=dask_spec, processes=processes, timeout=timeout,
                        include_text=include_text, shard_format=shard_format, shard_chars=shard_chars,
                        published=published)
        return
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


def _code_to_folder(inputs: tuple[str, ...], items: Any, output: str, *, dask_spec: str | None, processes: int,
                    timeout: float, include_text: bool, shard_format: str, shard_chars: int,
                    published: str | None) -> None:
    """``dateline code ... --output DIR``: one file per input shard; a second run codes only the missing ones."""
    import functools

    from dateline import batch, code_many
    from dateline.store.loader import count_inputs

    plan = {"inputs": [str(Path(i).resolve()) if i != "-" else "-" for i in inputs], "shard_chars": shard_chars,
            "published": published, "include_text": include_text}
    try:
        folder = batch.ShardDirectory(output, fmt=shard_format, plan=plan)
    except ValueError as exc:
        _environment_error(str(exc))
    except OSError as exc:
        _environment_error(f"cannot write {output}: {exc.strerror or exc}")
    coder = functools.partial(code_many, include_text=include_text, timeout=timeout or None)
    progress = _Progress(count_inputs(inputs), "coding")
    with contextlib.ExitStack() as stack:
        stack.callback(progress.close)
        client = _dask_client(dask_spec, stack) if dask_spec is not None else None
        runner = batch.make_runner(coder, processes=processes, dask=client, timeout=timeout or None,
                                   shard_chars=shard_chars)
        try:
            report = batch.code_to_directory(items, runner, folder, shard_chars=shard_chars, progress=progress)
        except batch.DaskError as exc:
            _environment_error(str(exc))
        except OSError as exc:
            _environment_error(f"cannot write {output}: {exc.strerror or exc}")
    click.echo(f"dateline: {report.shards} shards in {output}: {report.written} written ({report.coded} inputs), "
               f"{report.already} already there", err=True)
    if report.errors:
        click.echo(f"dateline: {report.errors} input(s) could not be coded (see their error records)", err=True)
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
@click.option("--incidents", "incidents", is_flag=True,
              help="GOLD labels articles with incidents: ingest its inputs into a temporary store, merge, and "
                   "score the incidents (B-cubed and pairwise F1; incident killed, injured, day).")
@click.option("-j", "--processes", type=click.IntRange(min=1), default=1, show_default=True,
              help="With --incidents: worker processes that code.")
@click.option("--db", metavar="URL", help="With --incidents: ingest into this store instead (merged from scratch).")
def evaluate_cmd(gold: str, pred: str | None, limit: int | None, save_pred: str | None, as_json: bool,
                 floors: tuple[str, ...], incidents: bool, processes: int, db: str | None) -> None:
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
        if incidents:
            if pred is not None:
                from dateline.evaluate import load_gold

                with open(pred, encoding="utf-8") as handle:
                    records = [json.loads(line) for line in handle if line.strip()]
                result = ev.score_incidents(load_gold(gold)[:limit] if limit else load_gold(gold), records)
            else:
                result = ev.evaluate_incidents(gold, db=db, processes=processes, limit=limit, save_pred=save_pred)
        else:
            result = ev.evaluate(gold, pred_path=pred, limit=limit, save_pred=save_pred)
    except DatelineError as exc:
        raise click.ClickException(f"[{exc.code}] {exc.message}") from exc
    if as_json:
        click.echo(json.dumps(result, indent=2))
    else:
        click.echo(ev.format_incident_table(result) if incidents else ev.format_table(result))
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



# -- the corpus store (dateline.store): ingest, query, show ---------------------------------------------------

_DB_HELP = ("The store: an SQLite file or sqlite:/// URL, or postgresql://host/db "
            "(default: $DATELINE_DB, else dateline.sqlite in the user data folder).")


def _open_store(db: str | None):  # type: ignore[no-untyped-def]
    from dateline import open_store
    from dateline.store import StoreError

    try:
        return open_store(db)
    except StoreError as exc:
        _environment_error(exc.message)


def _json_value(value: object) -> object:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def _dumps(row: dict, indent: int | None = None) -> str:
    from dateline.ingest import clean_string

    return clean_string(json.dumps(row, ensure_ascii=False, default=_json_value, indent=indent))


def _short(content_id: str | None) -> str:
    return (content_id or "")[:19]      # "sha256:" and 12 hex digits: enough to name an article in `show`


def _cell(value: object, width: int = 40) -> str:
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, (date, datetime)) else str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _print_table(rows: list[dict], columns: list[tuple[str, object]]) -> None:
    """columns: (heading, key or function of the row)."""
    cells = [[_cell(get(r) if callable(get) else r.get(str(get))) for _, get in columns] for r in rows]
    widths = [max([len(h)] + [len(c[i]) for c in cells]) for i, (h, _) in enumerate(columns)]
    click.echo("  ".join(h.ljust(w) for (h, _), w in zip(columns, widths, strict=True)).rstrip())
    for c in cells:
        click.echo("  ".join(x.ljust(w) for x, w in zip(c, widths, strict=True)).rstrip())


def _date_option(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except BadDate as exc:
        raise click.BadParameter(exc.message, param_hint=name) from exc


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        west, south, east, north = (float(x) for x in value.split(","))
    except ValueError as exc:
        raise click.BadParameter("expected WEST,SOUTH,EAST,NORTH in degrees, e.g. 38.8,29.0,48.6,37.4",
                                 param_hint="--bbox") from exc
    if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
        raise click.BadParameter("latitudes within -90..90 (south <= north), longitudes within -180..180",
                                 param_hint="--bbox")
    return west, south, east, north


def _query_options(command):  # type: ignore[no-untyped-def]
    options = [
        click.option("--since", metavar="YYYY-MM-DD", help="Events starting (articles published) on or after."),
        click.option("--until", metavar="YYYY-MM-DD", help="Events starting (articles published) on or before."),
        click.option("--country", metavar="ISO3", help="Events located in this country."),
        click.option("--type", "event_type", metavar="TYPE",
                     help="Event type: a PLOVER or CAMEO code, or an ACLED event or sub-event type."),
        click.option("--source", metavar="NAME", help="Claims whose source's name or organization contains NAME."),
        click.option("--text", "query", metavar="QUERY",
                     help='Full-text query over the articles: words, "a phrase", OR, -word.'),
        click.option("--bbox", metavar="W,S,E,N", help="Events inside this box (degrees: west,south,east,north)."),
        click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
                     help="At most N rows (0: all)."),
        click.option("--jsonl", "as_jsonl", is_flag=True, help="One JSON object a line instead of a table."),
        click.option("--db", metavar="URL", help=_DB_HELP),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _filters(since: str | None, until: str | None, country: str | None, event_type: str | None,
             source: str | None, query: str | None, bbox: str | None, limit: int):  # type: ignore[no-untyped-def]
    from dateline.store import Filters

    return Filters(since=_date_option(since, "--since"), until=_date_option(until, "--until"), country=country,
                   type=event_type, source=source, text=query, bbox=_bbox(bbox), limit=limit or None)


@main.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", metavar="URL", help=_DB_HELP)
@click.option("-j", "--processes", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes that code (each loads the pipeline once).")
@click.option("--timeout", type=click.FloatRange(min=0), default=30.0, show_default=True,
              help="Seconds one article may take before it becomes a 'timeout' error record (0: no limit).")
@click.option("--batch-size", type=click.IntRange(min=1), default=50, show_default=True,
              help="Commit every N coded articles (and at least every 5 seconds).")
@click.option("--merge/--no-merge", "do_merge", default=True, show_default=True,
              help="Place the new reported events into incidents afterwards (dateline merge).")
@click.option("--dask", "dask_spec", metavar="SCHEDULER", help=_DASK_HELP)
@click.option("--shard-chars", type=click.IntRange(min=1), default=100_000, show_default=True,
              help="With --dask: characters of text in one shard (one Dask task; on PostgreSQL one transaction of "
                   "the worker that coded it).")
def ingest_cmd(inputs: tuple[str, ...], db: str | None, processes: int, timeout: float, batch_size: int,
               do_merge: bool, dask_spec: str | None, shard_chars: int) -> None:
    """Code INPUTS (.txt, .jsonl, - for standard input) into the store; what it holds already is skipped.
    Then the new reported events join incidents (see dateline merge)."""
    from dateline.batch import DaskError
    from dateline.store import StoreError
    from dateline.store.loader import count_inputs

    for path in inputs:
        if path != "-" and not Path(path).is_file():
            raise click.BadParameter(f"no such file: {path}", param_hint="INPUTS")
    store = _open_store(db)
    progress = _Progress(count_inputs(inputs) if sys.stderr.isatty() else None, "ingesting")
    try:
        with contextlib.ExitStack() as stack:
            client = _dask_client(dask_spec, stack) if dask_spec is not None else None
            report = store.ingest(inputs, processes=processes, timeout=timeout or None, batch_size=batch_size,
                                  stdin=sys.stdin.buffer, progress=progress, dask=client, shard_chars=shard_chars)
        progress.close()
        merged = store.merge() if do_merge else None
        held = store.info().counts
    except StoreError as exc:
        _environment_error(exc.message)
    except DaskError as exc:
        _environment_error(str(exc))
    finally:
        progress.close()
        store.close()
    for input_id, old, new in report.reused_input_ids:
        click.echo(f"dateline: input id {input_id!r} is reused with a different text: kept both "
                   f"({_short(old)}, new {_short(new)})", err=True)
    click.echo(_ingest_summary(report))
    if merged is not None:
        click.echo(_merge_summary(merged))
    click.echo(f"{store.dialect} store {store.location}: {held['articles']} articles, {held['events']} events, "
               f"{held['claims']} claims, {held['incidents']} incidents, {held['errors']} error records")
    if report.errors:
        click.echo(f"dateline: {report.errors} input(s) could not be coded (dateline errors lists them)", err=True)
        sys.exit(1)


def _merge_summary(report) -> str:  # type: ignore[no-untyped-def]
    if not report.placed and not report.removed:
        return "incidents: nothing new to place"
    joined = f", {report.joined} joined into others (their ids kept as aliases)" if report.joined else ""
    removed = f", {report.removed} left without members and removed" if report.removed else ""
    return (f"incidents: {report.placed} reported events placed, {report.new_incidents} new incidents, "
            f"{report.updated} written{joined}{removed}")


@main.command("merge")
@click.option("--rebuild", is_flag=True, help="Drop the incidents and merge every reported event again.")
@click.option("--db", metavar="URL", help=_DB_HELP)
def merge_cmd(rebuild: bool, db: str | None) -> None:
    """Place the stored reported events that belong to no incident yet into incidents (docs/incidents.md)."""
    from dateline.store import StoreError

    with _open_store(db) as store:
        try:
            report = store.merge(rebuild=rebuild)
        except StoreError as exc:
            _environment_error(exc.message)
    click.echo(_merge_summary(report))
    click.echo(f"{report.incidents} incidents in the store")


def _estimate_cell(inc: dict, kind: str) -> str:
    e = (inc.get("estimates") or {}).get(kind)
    if not e:
        return ""
    return str(e["best"]) if e["low"] == e["high"] else f"{e['best']} ({e['low']}-{e['high']})"


@main.command("incidents")
@click.option("--since", metavar="YYYY-MM-DD", help="Incidents starting on or after.")
@click.option("--until", metavar="YYYY-MM-DD", help="Incidents starting on or before.")
@click.option("--country", metavar="ISO3", help="Incidents located in this country.")
@click.option("--type", "event_type", metavar="PLOVER", help="Incidents of this PLOVER type (ASSAULT, PROTEST...).")
@click.option("--min-killed", type=click.IntRange(min=0), help="Incidents whose best killed figure is at least N.")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True, help="At most N (0: all).")
@click.option("--jsonl", "as_jsonl", is_flag=True, help="The contract's incident records, one a line.")
@click.option("--db", metavar="URL", help=_DB_HELP)
def incidents_cmd(since: str | None, until: str | None, country: str | None, event_type: str | None,
                  min_killed: int | None, limit: int, as_jsonl: bool, db: str | None) -> None:
    """List incidents (one record per real-world happening, across articles), latest first."""
    from dateline.store import Filters

    f = Filters(since=_date_option(since, "--since"), until=_date_option(until, "--until"), country=country,
                type=event_type, limit=limit or None)
    with _open_store(db) as store:
        recs = store.incidents(f, min_killed=min_killed)
    if as_jsonl:
        for rec in recs:
            click.echo(_dumps(rec))
        return
    rows = [r["incident"] for r in recs]
    _print_rows(rows, False, [
        ("incident", "id"), ("date", lambda i: (i.get("date") or {}).get("start")),
        ("type", lambda i: (i.get("type") or {}).get("plover")),
        ("place", lambda i: (i.get("location") or {}).get("name")),
        ("country", lambda i: (i.get("location") or {}).get("country")),
        ("killed", lambda i: _estimate_cell(i, "killed")), ("injured", lambda i: _estimate_cell(i, "injured")),
        ("articles", lambda i: len({m["article_id"] for m in i["members"]})),
        ("sources", lambda i: len({(c.get("source") or {}).get("name") for c in i["claims"]}))])


def _show_incident(store, ref: str) -> None:  # type: ignore[no-untyped-def]
    """The terminal view of one incident: the record's head, the claims by source, the quotes."""
    inc = store.incident(ref)["incident"]
    d, loc = inc.get("date") or {}, inc.get("location") or {}
    click.echo(f"incident   {inc['id']}" + (f"  (also {', '.join(inc['aliases'])})" if inc.get("aliases") else ""))
    click.echo(f"type       {(inc.get('type') or {}).get('plover')}  "
               f"{((inc.get('type') or {}).get('acled') or {}).get('sub_event_type') or ''}".rstrip())
    click.echo(f"date       {d.get('start')} ({d.get('precision')})")
    click.echo(f"place      {loc.get('name')}, {loc.get('admin1') or ''} {loc.get('country') or ''}".rstrip())
    for side in ("actor1", "actor2"):
        if inc.get(side):
            click.echo(f"{side}     {inc[side].get('name')}")
    for kind, e in (inc.get("estimates") or {}).items():
        click.echo(f"{kind:<10} best {e['best']}  low {e['low']}  high {e['high']}")
    click.echo(f"reported   {inc.get('first_reported')} .. {inc.get('last_reported')} in "
               f"{len({m['article_id'] for m in inc['members']})} article(s)")
    click.echo("")
    published = {m["article_id"]: m.get("published") for m in inc["members"]}
    rows = sorted(inc["claims"], key=lambda c: ((c.get("source") or {}).get("name") or "",
                                                published.get(c["article_id"]) or "", c["kind"]))

    def figure(c: dict) -> str:
        low, high = c.get("low"), c.get("high")
        return "" if low is None and high is None else str(low) if low == high else f"{low or ''}-{high or ''}"

    _print_rows(rows, False, [("source", lambda c: (c.get("source") or {}).get("name")),
                              ("type", lambda c: (c.get("source") or {}).get("type")), ("stance", "stance"),
                              ("kind", "kind"), ("figure", figure), ("who", "who"),
                              ("article", lambda c: c.get("article") or _short(c["article_id"])),
                              ("date", lambda c: published.get(c["article_id"])),
                              ("text", lambda c: _cell(c.get("text"), 60))])
    quotes = []
    for aid in dict.fromkeys(m["article_id"] for m in inc["members"]):
        coding = store.coding(aid)
        quotes += [(coding["article"].get("input_id") or _short(aid), q) for q in coding.get("quotes") or []]
    if quotes:
        click.echo("")
        for art, q in quotes:
            who = (q.get("speaker") or {}).get("name") or "(unknown speaker)"
            click.echo(f"{who} [{art}]: {_cell(q.get('text'), 160)}")


def _ingest_summary(report) -> str:  # type: ignore[no-untyped-def]
    head = f"{report.inputs} inputs in {report.seconds:.1f} s: "
    errors = f"{report.errors} errors ({report.errors_new} new)"
    already = f"{report.already} already stored"
    if report.nothing_new:
        return head + f"nothing new stored; {already}, {errors}"
    recoded = f" ({report.replaced} re-coded by this dateline)" if report.replaced else ""
    return head + f"{report.stored + report.replaced} coded and stored{recoded}, {already}, {errors}"


@main.command("articles")
@_query_options
def articles_cmd(since: str | None, until: str | None, country: str | None, event_type: str | None,
                 source: str | None, query: str | None, bbox: str | None, limit: int, as_jsonl: bool,
                 db: str | None) -> None:
    """List stored articles, latest published first (the event filters keep articles with such an event)."""
    with _open_store(db) as store:
        rows = store.articles(_filters(since, until, country, event_type, source, query, bbox, limit))
    _print_rows(rows, as_jsonl, [("article", lambda r: _short(r["article"])), ("published", "published"),
                                 ("input id", "input_id"), ("events", "events"), ("title", "title")])


@main.command("events")
@_query_options
def events_cmd(since: str | None, until: str | None, country: str | None, event_type: str | None,
               source: str | None, query: str | None, bbox: str | None, limit: int, as_jsonl: bool,
               db: str | None) -> None:
    """List stored events, latest first."""
    with _open_store(db) as store:
        rows = store.events(_filters(since, until, country, event_type, source, query, bbox, limit))
    _print_rows(rows, as_jsonl, [("article", lambda r: _short(r["article"])), ("event", "event_id"),
                                 ("status", "status"), ("date", "date_start"), ("type", "plover"),
                                 ("acled", "acled_sub_event_type"), ("place", "location_name"),
                                 ("country", "country"), ("killed", "killed"), ("injured", "injured")])


@main.command("claims")
@_query_options
def claims_cmd(since: str | None, until: str | None, country: str | None, event_type: str | None,
               source: str | None, query: str | None, bbox: str | None, limit: int, as_jsonl: bool,
               db: str | None) -> None:
    """List stored claims (figures with their sources and stances)."""
    with _open_store(db) as store:
        rows = store.claims(_filters(since, until, country, event_type, source, query, bbox, limit))

    def figure(r: dict) -> str:
        low, high = r["low"], r["high"]
        return "" if low is None else str(low) if low == high else f"{low}-{'' if high is None else high}"

    _print_rows(rows, as_jsonl, [("article", lambda r: _short(r["article"])), ("event", "event"),
                                 ("kind", "kind"), ("figure", figure), ("source", "source_name"),
                                 ("stance", "stance"), ("text", "text")])


def _print_rows(rows: list[dict], as_jsonl: bool, columns: list[tuple[str, object]]) -> None:
    if as_jsonl:
        for row in rows:
            click.echo(_dumps(row))
    elif rows:
        _print_table(rows, columns)
    else:
        click.echo("nothing found", err=True)


@main.command("show")
@click.argument("article_id")
@click.option("--include-text", is_flag=True, help="Add the stored text as article.text.")
@click.option("--db", metavar="URL", help=_DB_HELP)
def show_cmd(article_id: str, include_text: bool, db: str | None) -> None:
    """Print the stored coding of ARTICLE_ID (a content id, a prefix of one, or an input id), or the view of an
    incident (an id starting with inc-): the incident, its claims by source, the quotes of its articles."""
    from dateline.store import NotFound

    try:
        with _open_store(db) as store:
            if article_id.startswith("inc-"):
                _show_incident(store, article_id)
                return
            coding = store.coding(article_id, include_text=include_text)
    except NotFound as exc:
        click.echo(f"dateline: {exc.message}", err=True)
        sys.exit(1)
    click.echo(_dumps(coding, indent=2))


@main.command("errors")
@click.option("--code", metavar="CODE", help="Only error records with this code (e.g. not-english).")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True, help="At most N rows (0: all).")
@click.option("--jsonl", "as_jsonl", is_flag=True, help="One JSON object a line instead of a table.")
@click.option("--db", metavar="URL", help=_DB_HELP)
def errors_cmd(code: str | None, limit: int, as_jsonl: bool, db: str | None) -> None:
    """List the error records of the inputs that could not be coded, latest first."""
    with _open_store(db) as store:
        rows = store.errors(code=code, limit=limit or None)

    def where(r: dict) -> str:
        text = f"{r['origin'] or ''}{'' if r['line'] is None else ':' + str(r['line'])}"
        return text if len(text) <= 40 else "…" + text[-39:]      # the file's name and line, not its folders

    _print_rows(rows, as_jsonl, [("recorded", lambda r: r["recorded_at"].strftime("%Y-%m-%d %H:%M")),
                                 ("code", "code"), ("where", where), ("input id", "input_id"),
                                 ("message", lambda r: _cell(r["message"], 80))])


@main.command("export")
@click.argument("input_file", metavar="[FILE]", required=False, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", required=True,
              type=click.Choice(["acled", "ucdp", "plover", "geojson", "parquet", "jsonl"]),
              help="ACLED CSV, UCDP GED CSV, PLOVER JSONL, GeoJSON, Parquet (events + claims tables) or JSONL.")
@click.option("--level", type=click.Choice(["events", "incidents"]), default="events", show_default=True,
              help="One row per reported event of each article, or per incident across articles.")
@click.option("--since", metavar="YYYY-MM-DD", help="Events starting on or after.")
@click.option("--until", metavar="YYYY-MM-DD", help="Events starting on or before.")
@click.option("--country", metavar="ISO3", help="Events located in this country.")
@click.option("--type", "event_type", metavar="TYPE",
              help="Event type: a PLOVER or CAMEO code, or an ACLED event or sub-event type.")
@click.option("--acled-version", type=click.Choice(["current", "2020"]), default="current", show_default=True,
              help="ACLED columns: the current codebook's or the 2020 export's.")
@click.option("--located-only", is_flag=True, help="GeoJSON: leave out records without coordinates.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here, not stdout (Parquet: required).")
@click.option("--db", metavar="URL", help=_DB_HELP)
def export_cmd(input_file: str | None, fmt: str, level: str, since: str | None, until: str | None,
               country: str | None, event_type: str | None, acled_version: str, located_only: bool,
               output: str | None, db: str | None) -> None:
    """Export the store's events or incidents, or those of FILE (the JSONL of `dateline code`, or incident
    records), as ACLED, UCDP GED, PLOVER, GeoJSON, Parquet or JSONL."""
    import time

    from dateline import export
    from dateline.export.sources import IncidentsUnavailable, items_from_store

    if input_file is not None and not Path(input_file).is_file():
        raise click.BadParameter(f"no such file: {input_file}", param_hint="FILE")
    if fmt in export.FILE_ONLY and not output:
        raise click.BadParameter(f"{fmt} is written to a file: give -o FILE", param_hint="--output")
    selection = export.Selection(since=_date_option(since, "--since"), until=_date_option(until, "--until"),
                                 country=country, type=event_type)
    report = export.ExportReport()
    started = time.monotonic()
    store = None
    try:
        if input_file is not None:
            items = export.items_from_file(input_file, level, selection, report)
        else:
            store = _open_store(db)
            items = items_from_store(store, level, selection, report, include_text=export.needs_text(fmt))
        export.export(items, fmt, output or sys.stdout, report=report, acled_version=acled_version,
                      located_only=located_only)
    except IncidentsUnavailable as exc:
        _environment_error(f"{exc}: run the incident merge first, or give a FILE of incident records")
    except export.ExportInputError as exc:
        _environment_error(str(exc))
    except OSError as exc:
        _environment_error(f"cannot write {output or 'standard output'}: {exc.strerror or exc}")
    finally:
        if store is not None:
            store.close()
    seconds = time.monotonic() - started
    where = ", ".join(str(p) for p in report.paths) or "standard output"
    sizes = sum(p.stat().st_size for p in report.paths if p.exists())
    click.echo(f"dateline: {report.rows} {fmt} rows from {report.items} {level} in {seconds:.1f} s -> {where}"
               + (f" ({sizes / 1e6:.1f} MB)" if report.paths else ""), err=True)
    left = {**report.skipped, **report.inputs_skipped}
    if left:
        click.echo("dateline: left out: " + ", ".join(f"{n} ({why})" for why, n in sorted(left.items())), err=True)


@main.command("serve")
@click.option("--db", metavar="URL", help=_DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
              help="Let pages of this origin read the API (repeatable; CORS is off without it).")
def serve_cmd(db: str | None, host: str, port: int, cors_origins: tuple[str, ...]) -> None:
    """Serve the page (/) and the JSON API (/api/v1, schema at /openapi.json, /docs) over the store. Writes need
    the token in $DATELINE_API_TOKEN; without it the server is read-only."""
    from dateline.store import StoreError
    from dateline.web import TOKEN_ENV, serve

    token = os.environ.get(TOKEN_ENV) or None
    click.echo(f"dateline: serving http://{host}:{port}/ ("
               + ("writes need the token" if token else f"read-only: set {TOKEN_ENV} to accept writes") + ")",
               err=True)
    try:
        serve(db, host=host, port=port, token=token, cors_origins=cors_origins)
    except StoreError as exc:
        _environment_error(exc.message)


@main.group("db")
def db_group() -> None:
    """The store itself."""


@db_group.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print it as JSON.")
@click.option("--db", metavar="URL", help=_DB_HELP)
def db_info_cmd(as_json: bool, db: str | None) -> None:
    """Engine, where the store is, its schema version and how much it holds."""
    with _open_store(db) as store:
        info = store.info()
    if as_json:
        click.echo(_dumps(info.to_dict(), indent=2))
        return
    click.echo(f"engine      {info.engine}")
    click.echo(f"location    {info.location}")
    click.echo(f"schema      {info.schema_revision} (migration), codings dateline/1 by dateline {store.version}")
    for table, n in info.counts.items():
        click.echo(f"{table:<18}{n}")
    if info.bytes is not None:
        click.echo(f"size        {info.bytes / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
