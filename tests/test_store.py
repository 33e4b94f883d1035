"""The corpus store on both engines: schema and migrations, idempotent ingest, re-coding, errors, queries.

Codings come from the fake coder of ``test_store_support`` (no spaCy model): these tests are fast.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

import dateline
from dateline.records import ErrorRecord
from dateline.store import Entry, Filters, NotFound, StoreBusy, StoreError, open_store, resolve_url, rows
from dateline.store import engine as store_engine
from dateline.store.corpus import Store
from dateline.store.fulltext import fts5_query, matches, matches_since, next_window, windows
from dateline.store.schema import SCHEMA_REVISION, articles, metadata

from .test_store_support import article_text, fake_code_many, fake_coding, store, store_url  # noqa: F401


def records(n: int, start: int = 0, **kw: Any) -> list[dict[str, Any]]:
    return [{"id": f"a{i}", "text": article_text(i, **kw), "title": f"Title {i}", "published": "2024-03-02"}
            for i in range(start, start + n)]


def counts(s: Any) -> dict[str, int]:
    """The counts of the coding tables (the incident tables have tests of their own)."""
    return {k: v for k, v in s.info().counts.items() if not k.startswith("incident")}


# -- opening: URL rules, schema, migrations

def test_url_rules(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DATELINE_DB", raising=False)
    monkeypatch.setenv("DATELINE_HOME", str(tmp_path / "home"))
    assert resolve_url() == f"sqlite:///{tmp_path / 'home' / 'dateline.sqlite'}"      # the places file's home
    monkeypatch.setenv("DATELINE_DB", "postgresql://db.example/corpus")
    assert resolve_url() == "postgresql+psycopg://db.example/corpus"
    assert resolve_url("postgres://u@h/x") == "postgresql+psycopg://u@h/x"
    assert resolve_url(str(tmp_path / "a.sqlite")) == f"sqlite:///{tmp_path / 'a.sqlite'}"   # a bare path
    assert resolve_url("sqlite:///x.db") == "sqlite:///x.db"


def test_default_store_lives_in_the_user_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DATELINE_DB", raising=False)
    monkeypatch.setenv("DATELINE_HOME", str(tmp_path / "home"))
    with dateline.open_store() as s:
        assert s.dialect == "sqlite" and s.location == str(tmp_path / "home" / "dateline.sqlite")
        assert s.coder is dateline.code_many and s.version == dateline.__version__
    assert (tmp_path / "home" / "dateline.sqlite").exists()


def test_open_migrates_to_the_head_and_matches_the_tables(store: Any) -> None:  # noqa: F811
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    assert store.info().schema_revision == SCHEMA_REVISION
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(store_engine.MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_REVISION
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "include_object": lambda obj, name, kind, reflected, compare_to:
                not (kind == "table" and (name.startswith("articles_fts") or name == "alembic_version"))
                and not (kind == "column" and name == "tsv")
                and not (kind == "index" and name in ("ix_articles_tsv", "ix_articles_search"))})
        assert compare_metadata(context, metadata) == []


def test_migrations_are_named_and_ordered() -> None:
    names = sorted(p.name for p in (store_engine.MIGRATIONS / "versions").glob("v*.py"))
    assert names == ["v0001_initial.py", "v0002_fulltext.py", "v0003_incidents.py", "v0004_search_windows.py",
                     "v0005_event_articles.py"]


def test_a_store_of_revision_0003_is_migrated_on_open_and_its_articles_are_found(
        store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    from alembic import command
    from alembic.config import Config

    from dateline.store import rows
    from dateline.store.schema import ARTICLE_FIELDS

    engine = store_engine.make_engine(resolve_url(store_url))
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(store_engine.MIGRATIONS))
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
    old = Store(engine, resolve_url(store_url), version="1.0.0")
    current_rows = rows.event_rows
    with monkeypatch.context() as m:     # the event rows as revision 0003 had them: no article fields
        m.setattr(rows, "event_rows", lambda c, aid: [{k: v for k, v in r.items() if k not in ARTICLE_FIELDS}
                                                      for r in current_rows(c, aid)])
        for n in range(3):
            old.add(fake_coding(_article(n)), _article(n).text)
    assert old.info().schema_revision == "0003"
    old.close()
    with open_store(store_url) as s:
        assert s.info().schema_revision == SCHEMA_REVISION == "0005"
        # migration 0005 copied the article fields into the existing event rows
        listed = s.events(Filters())
        assert sorted(e["input_id"] for e in listed) == ["a0", "a1", "a2"]
        assert all(e["article"].startswith("sha256:") and e["title"] for e in listed)
        assert [r["input_id"] for r in s.search('"number 1"')] == ["a1"]
        assert {r["input_id"] for r in s.articles(Filters(text="report"))} == {"a0", "a1", "a2"}
        if s.dialect == "postgresql":
            with s.engine.connect() as conn:
                indexes = set(conn.execute(sa.text(
                    "SELECT indexname FROM pg_indexes WHERE tablename = 'articles' "
                    "AND schemaname = current_schema()")).scalars())
            assert "ix_articles_search" in indexes and "ix_articles_tsv" not in indexes


def test_reopening_is_a_no_op_and_a_newer_schema_is_refused(store_url: str) -> None:  # noqa: F811
    with open_store(store_url) as s:
        s.write([Entry(fake_coding(_article(1)), text=_article(1).text)])
    with open_store(store_url) as s:
        assert counts(s)["articles"] == 1
        with s.engine.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="newer than this dateline"):
        open_store(store_url)


def test_unreachable_or_unknown_databases_are_store_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open the store postgresql://127.0.0.1:1/x"):
        open_store("postgresql://127.0.0.1:1/x")
    with pytest.raises(StoreError, match="unsupported database"):
        open_store("mysql://localhost/x")


def test_sqlite_is_in_wal_mode(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "s.sqlite")) as s, s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def _article(n: int, **kw: Any) -> Any:
    from dateline.ingest import article_from_fields

    return article_from_fields(article_text(n, **kw), input_id=f"a{n}", title=f"Title {n}", published="2024-03-02")


# -- what is stored

def test_ingest_stores_articles_events_claims_quotes_warnings(store: Any) -> None:  # noqa: F811
    recs = records(3, extra='"We will not leave," said Mayor.')
    recs.append({"id": "quiet", "text": "A council meeting was held and the budget was discussed at length."})
    recs[0]["url"], recs[0]["outlet"] = "https://news.example/a0", "Example News"
    report = store.ingest_records(recs)
    assert (report.inputs, report.stored, report.already, report.errors) == (4, 4, 0, 0)
    assert counts(store) == {"articles": 4, "events": 3, "claims": 3, "quotes": 3, "warnings": 1, "errors": 0}
    a0 = store.articles(Filters(text='"number 0"'))
    assert [(r["input_id"], r["url"], r["outlet"], r["events"], r["dateline_version"]) for r in a0] == \
        [("a0", "https://news.example/a0", "Example News", 1, "1.0.0")]
    coding = store.coding("a0")
    assert coding == fake_coding(_article(0, extra='"We will not leave," said Mayor.')).to_dict()
    assert list(coding) == ["schema", "article", "events", "quotes", "warnings"]     # the contract's order kept
    with_text = store.coding("a0", include_text=True)
    claim = with_text["events"][0]["claims"][0]
    s, e = claim["span"]
    assert with_text["article"]["text"][s:e] == claim["text"]                       # offsets index the stored text


def test_ingesting_twice_stores_nothing_new(store: Any) -> None:  # noqa: F811
    recs = records(20) + [{"id": "bad", "text": ""}, {"id": "x", "text": "FAIL: this text the coder cannot code."}]
    first = store.ingest_records(recs)
    assert (first.stored, first.already, first.errors, first.errors_new) == (20, 0, 2, 2)
    before = counts(store)
    second = store.ingest_records(recs)
    assert second.nothing_new and (second.stored, second.already, second.errors, second.errors_new) == (0, 20, 2, 0)
    assert counts(store) == before


def test_already_stored_articles_are_not_coded_again(store: Any) -> None:  # noqa: F811
    store.ingest_records(records(5))
    coded: list[Any] = []

    def counting_coder(items: Any, **kw: Any) -> Any:
        for result in fake_code_many(items, **kw):
            coded.append(result)
            yield result

    store.coder = counting_coder
    report = store.ingest_records(records(8))
    assert (report.stored, report.already, len(coded)) == (3, 5, 3)


def test_the_same_text_twice_in_one_input_is_one_article(store: Any) -> None:  # noqa: F811
    recs = records(2) + [{"id": "copy", "text": article_text(0), "title": "Title 0"}]   # (a headline is text)
    report = store.ingest_records(recs)
    assert (report.stored, report.already) == (2, 1)
    assert counts(store)["articles"] == 2


def test_a_reused_input_id_with_another_text_is_a_new_article(store: Any) -> None:  # noqa: F811
    store.ingest_records([{"id": "same", "text": article_text(1), "title": "Title 1"}])
    report = store.ingest_records([{"id": "same", "text": article_text(2), "title": "Title 2"}])
    assert report.stored == 1
    old, new = fake_coding(_article(1)).article.id, fake_coding(_article(2)).article.id
    assert report.reused_input_ids == [("same", old, new)]
    assert counts(store)["articles"] == 2
    with pytest.raises(NotFound, match="names 2 articles"):
        store.coding("same")
    assert store.coding(new[:20])["article"]["id"] == new        # a prefix of the content id names one


def test_a_newer_dateline_recodes_and_replaces_rows(store_url: str) -> None:  # noqa: F811
    with open_store(store_url, coder=fake_code_many, version="1.0.0") as s:
        s.ingest_records(records(4))
        before = counts(s)
        first = s.articles()[0]["coded_at"]
    with open_store(store_url, coder=fake_code_many, version="0.9.0") as s:    # an older one changes nothing
        report = s.ingest_records(records(4))
        assert (report.replaced, report.already) == (0, 4)
    with open_store(store_url, coder=fake_code_many, version="1.1.0") as s:
        report = s.ingest_records(records(4))
        assert (report.stored, report.replaced, report.already) == (0, 4, 0)
        assert counts(s) == before                                              # replaced, not added
        rows = s.articles()
        assert {r["dateline_version"] for r in rows} == {"1.1.0"} and rows[0]["coded_at"] >= first
        assert s.ingest_records(records(4)).nothing_new


def test_a_write_is_one_transaction(store: Any) -> None:  # noqa: F811
    good = Entry(fake_coding(_article(1)), text=_article(1).text)
    broken = Entry(fake_coding(_article(2)), text=None)           # a coding without its text cannot be stored
    with pytest.raises(ValueError, match="without its text"):
        store.write([good, broken])
    assert counts(store)["articles"] == 0


def test_error_records_are_kept_once_and_resolved_when_the_article_is_stored(store: Any) -> None:  # noqa: F811
    failing = {"id": "f", "text": article_text(9) + " FAIL"}
    store.ingest_records([failing, {"id": "e", "text": "   "}, {"id": 5.5, "text": "x"}])
    errs = store.errors()
    assert sorted(e["code"] for e in errs) == ["bad-record", "empty-text", "internal-error"]
    internal = next(e for e in errs if e["code"] == "internal-error")
    assert internal["content_id"].startswith("sha256:") and internal["input_id"] == "f"
    assert store.ingest_records([failing]).errors_new == 0
    assert len(store.errors(code="internal-error")) == 1

    def healed(items: Any, **kw: Any) -> Any:                     # the next dateline codes it
        for item in items:
            yield fake_coding(item)

    store.coder = healed
    assert store.ingest_records([failing]).stored == 1
    assert store.errors(code="internal-error") == []


def test_ingest_reads_txt_jsonl_and_stdin(store: Any, tmp_path: Path) -> None:  # noqa: F811
    txt = tmp_path / "one.txt"
    txt.write_text("March 2, 2024\nA headline here\n\n" + article_text(1))
    jsonl = tmp_path / "many.jsonl"
    lines = [json.dumps(r | {"url": f"https://x.example/{r['id']}"}) for r in records(3, start=10)]
    jsonl.write_text("\n".join(lines[:2] + ["{not json", ""] + lines[2:]) + "\n")
    stdin = io.BytesIO(json.dumps(records(1, start=20)[0]).encode() + b"\n")
    report = store.ingest([txt, jsonl, "-"], stdin=stdin)
    assert (report.inputs, report.stored, report.errors) == (6, 5, 1)
    (bad,) = store.errors()
    assert (bad["code"], bad["origin"], bad["line"]) == ("bad-record", str(jsonl), 3)
    (one,) = store.articles(Filters(text='"number 1"'))
    assert (one["input_id"], one["title"], one["published"]) == (str(txt), "A headline here", date(2024, 3, 2))
    assert [r["url"] for r in store.articles(Filters(text='"number 11"'))] == ["https://x.example/a11"]
    report = store.ingest([txt, jsonl, "-"], stdin=io.BytesIO(b"Plain text on stdin: " + article_text(30).encode()))
    assert (report.stored, report.already, report.errors_new) == (1, 4, 0)


def test_a_jsonl_line_is_parsed_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from dateline.store.loader import count_inputs, read_sources

    jsonl = tmp_path / "many.jsonl"
    jsonl.write_text("\n".join(json.dumps(r | {"url": f"https://x.example/{r['id']}", "outlet": "Wire"})
                               for r in records(3)) + "\n{not json\n\x0c\n \t\n")
    parsed: list[str] = []
    real = json.loads

    def counting(s: Any, *args: Any, **kwargs: Any) -> Any:
        parsed.append(s)
        return real(s, *args, **kwargs)

    monkeypatch.setattr(json, "loads", counting)
    inputs = list(read_sources([jsonl]))
    assert len(parsed) == 5 == len(inputs) == count_inputs([jsonl])   # the blank line is no input
    assert [(i.line, i.url, i.outlet) for i in inputs[:3]] == [(n, f"https://x.example/a{n - 1}", "Wire")
                                                                for n in (1, 2, 3)]
    assert inputs[3].item.error.code == inputs[4].item.error.code == "bad-record"   # a form feed is no blank


def test_progress_counts_every_input(store: Any) -> None:  # noqa: F811
    seen: list[int] = []
    store.ingest_records(records(3) + [{"id": "bad"}], progress=seen.append, batch_size=2)
    assert seen == [1, 2, 3, 4]
    seen.clear()
    store.ingest_records(records(3), progress=seen.append)
    assert seen == [1, 2, 3]


def test_a_store_without_a_coder_stores_and_queries_but_does_not_code(store_url: str) -> None:  # noqa: F811
    with open_store(store_url) as s:
        s.add(fake_coding(_article(1)), _article(1).text, url="https://x.example/1")
        s.write([Entry(ErrorRecord("z", "timeout", "too slow"), origin="f.jsonl", line=3)])
        assert counts(s)["articles"] == 1 and counts(s)["errors"] == 1
        with pytest.raises(StoreError, match="no coder"):
            s.ingest_records(records(1))


# -- queries

@pytest.fixture
def corpus(store: Any) -> Any:  # noqa: F811
    recs = [
        {"id": "iraq-1", "text": article_text(1, country="IRQ", date="2024-01-10", killed=5),
         "published": "2024-01-11"},
        {"id": "iraq-2", "text": article_text(2, country="IRQ", date="2024-06-01", killed=1) +
         " Then event PROTEST 2024-06-02 IRQ Basra 30.5 47.8 killed 0 by organisers.", "published": "2024-06-03"},
        {"id": "syria", "text": article_text(3, country="SYR", date="2024-03-05") + " A car bomb exploded.",
         "published": "2024-03-06"},
        {"id": "mali", "text": article_text(4, country="MLI", date="2023-12-24", killed=12).replace("police", "army"),
         "published": "2023-12-25"},
    ]
    store.ingest_records(recs)
    return store


def test_events_filters(corpus: Any) -> None:
    def ids(**kw: Any) -> list[tuple[str, str]]:
        return [(r["input_id"], r["event_id"]) for r in corpus.events(Filters(**kw))]

    assert ids() == [("iraq-2", "e2"), ("iraq-2", "e1"), ("syria", "e1"), ("iraq-1", "e1"), ("mali", "e1")]
    assert ids(country="irq", since=date(2024, 2, 1)) == [("iraq-2", "e2"), ("iraq-2", "e1")]
    assert ids(until=date(2023, 12, 31)) == [("mali", "e1")]
    assert ids(type="PROTEST") == [("iraq-2", "e2")]
    assert ids(type="violence against civilians", country="SYR") == [("syria", "e1")]
    assert ids(source="ARM") == [("mali", "e1")]
    assert ids(text='"car bomb"') == [("syria", "e1")]
    assert ids(bbox=(47.0, 30.0, 48.0, 31.0)) == [("iraq-2", "e2")]          # Basra, 30.5 N 47.8 E
    assert ids(limit=2) == [("iraq-2", "e2"), ("iraq-2", "e1")]
    (row,) = corpus.events(Filters(country="MLI"))
    assert (row["killed"], row["estimates"]["killed"], row["date_start"], row["lat"]) == \
        (12, {"low": 12, "best": 12, "high": 12}, date(2023, 12, 24), 34.5)


def test_articles_and_claims_filters(corpus: Any) -> None:
    assert [r["input_id"] for r in corpus.articles()] == ["iraq-2", "syria", "iraq-1", "mali"]
    assert [r["input_id"] for r in corpus.articles(Filters(since=date(2024, 1, 1), until=date(2024, 3, 31)))] \
        == ["syria", "iraq-1"]
    assert [r["input_id"] for r in corpus.articles(Filters(type="PROTEST"))] == ["iraq-2"]
    assert [r["input_id"] for r in corpus.articles(Filters(country="IRQ", text="organisers"))] == ["iraq-2"]
    claims = corpus.claims(Filters(country="IRQ"))
    assert [(r["input_id"], r["event"], r["kind"], r["low"], r["source_name"]) for r in claims] == \
        [("iraq-2", "e1", "killed", 1, "police"), ("iraq-2", "e2", "killed", 0, "organisers"),
         ("iraq-1", "e1", "killed", 5, "police")]
    assert [r["input_id"] for r in corpus.claims(Filters(source="army"))] == ["mali"]


def test_one_article_with_its_claims(corpus: Any) -> None:
    a = corpus.article("iraq-2")
    assert a["input_id"] == "iraq-2" and [e["event_id"] for e in a["events"]] == ["e1", "e2"]
    assert [[c["source_name"] for c in e["claims"]] for e in a["events"]] == [["police"], ["organisers"]]


def test_full_text_search_ranks_and_stems(corpus: Any) -> None:
    assert [r["input_id"] for r in corpus.search("bomb exploding")] == ["syria"]       # stemmed
    assert [r["input_id"] for r in corpus.search('"car bomb" OR organisers')] in (["syria", "iraq-2"],
                                                                                ["iraq-2", "syria"])
    assert {r["input_id"] for r in corpus.search("report -army")} == {"iraq-1", "iraq-2", "syria"}
    assert corpus.search("nothingofthekind") == [] and corpus.search("") == []
    assert all(r["score"] > 0 for r in corpus.search("report"))


def test_search_ranks_the_newest_matches_only(store: Any) -> None:  # noqa: F811
    store.ingest_records(records(60, extra="A curfew was declared."))
    store.ingest_records([{"id": "old-style", "text": "No curfew here, only a parade and a curfew of sorts."}])
    newest = {r["input_id"] for r in store.search("curfew", limit=100, candidates=5)}
    assert newest == {"a56", "a57", "a58", "a59", "old-style"}             # the 5 most recently stored matches
    assert len(store.search("curfew", limit=100)) == 61
    assert [r["input_id"] for r in store.search("parade", candidates=5)] == ["old-style"]
    assert [r["input_id"] for r in store.search('"number 3"', candidates=5)] == ["a3"]   # found far back


def test_search_finds_the_newest_matches_across_id_windows(store: Any) -> None:  # noqa: F811
    """Articles far apart in id (PostgreSQL looks for the newest matches in windows of 1,024 ids, and beyond 256
    windows without them): the newest ones are ranked, whatever the distance."""
    ids = [3, 5, 40_000, 90_000, 400_000, 400_001, 400_002]
    with store.engine.begin() as conn:
        for n, article_id in enumerate(ids):
            coding = fake_coding(_article(n))
            row = rows.article_row(coding, text=f"Curfew report {n}. " + _article(n).text, outlet=None, url=None,
                                   version="1.0.0", coded_at=datetime.now(UTC))
            conn.execute(articles.insert().values(id=article_id, **row))

    def found(query: str, candidates: int) -> set[str]:
        return {r["input_id"] for r in store.search(query, limit=100, candidates=candidates)}

    assert found("curfew", 3) == {"a4", "a5", "a6"}                 # the newest window holds enough
    assert found("curfew", 4) == {"a3", "a4", "a5", "a6"}           # 310,000 ids back: past 256 windows
    assert found("curfew report", 6) == {"a1", "a2", "a3", "a4", "a5", "a6"}
    assert found('"report 0"', 2) == {"a0"}                         # found far back
    assert found("", 5) == set()
    if store.dialect == "postgresql":    # stop words only: an empty tsquery matches nothing, in any window
        assert found("the of", 5) == set()
    assert {r["input_id"] for r in store.articles(Filters(text="curfew"))} == {f"a{n}" for n in range(7)}


def test_search_windows() -> None:
    assert windows(1, 1023) == "'dateline window 0'"
    assert windows(1000, 3000) == "'dateline window 0' | 'dateline window 1' | 'dateline window 2'"
    assert windows(0, 256 * 1024 - 1) is not None and windows(0, 256 * 1024) is None


def test_the_search_window_grows_to_where_enough_matches_should_be() -> None:
    assert next_window(2000, 0, 500) == 16000                       # nothing seen: eightfold
    assert next_window(2000, 40, 500) == 31250                      # 40 in 2,000: 500 in 25,000, and a margin
    assert next_window(16000, 480, 500) == 24000                    # nearly enough: half again as wide


def test_postgresql_search_reads_the_window_index(store: Any) -> None:  # noqa: F811
    if store.dialect != "postgresql":
        pytest.skip("PostgreSQL only: SQLite searches FTS5")
    store.ingest_records(records(5))
    with store.engine.connect() as conn:
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        def plan(q: Any) -> str:
            sql = str(q.compile(store.engine, compile_kwargs={"literal_binds": True}))
            return "\n".join(conn.execute(sa.text("EXPLAIN " + sql)).scalars())

        # the queries' expression is the index's (else PostgreSQL would read every row)
        assert "Bitmap Index Scan on ix_articles_search" in plan(sa.select(articles.c.id).where(
            matches("postgresql", "report")))
        assert "'dateline window 0'" in plan(matches_since("report", 0, 5))


def test_show_resolves_ids(corpus: Any) -> None:
    cid = corpus.coding("syria")["article"]["id"]
    assert corpus.resolve(cid) == corpus.resolve(cid[7:20]) == corpus.resolve("syria") == cid
    with pytest.raises(NotFound, match="no stored article"):
        corpus.resolve("nobody")


def test_fts5_translation() -> None:
    assert fts5_query("car bomb") == '"car" AND "bomb"'
    assert fts5_query('"car bomb" Mosul') == '"car bomb" AND "Mosul"'
    assert fts5_query("bomb OR blast attack") == '("bomb" OR "blast") AND "attack"'
    assert fts5_query("attack -protest") == '("attack") NOT "protest"'
    assert fts5_query('al-Qaeda "unterminated') == '"al Qaeda" AND "unterminated"'
    assert fts5_query("OR - ** ()") is None


# -- two writers

def test_a_second_sqlite_writer_waits_then_fails_clearly(tmp_path: Path) -> None:
    path = str(tmp_path / "busy.sqlite")
    with open_store(path) as holder, open_store(path, busy_timeout=0.3) as waiter:
        with store_engine.writing(holder.engine):
            with pytest.raises(StoreBusy, match="is locked: another dateline has been writing"):
                waiter.add(fake_coding(_article(1)), _article(1).text)
            assert waiter.articles() == []                       # readers are never blocked (WAL)
        waiter.add(fake_coding(_article(1)), _article(1).text)   # the lock is free again
        assert counts(waiter)["articles"] == 1


# -- records in and out

def test_codings_round_trip_through_their_json(corpus: Any) -> None:
    from dateline.store.rows import coding_from_dict

    for row in corpus.articles():
        stored = corpus.coding(row["article"])
        assert coding_from_dict(stored).to_dict() == stored
    full = fake_coding(_article(1, extra='"Stay calm," said Mayor.'))
    assert coding_from_dict(full.to_dict()) == full


def test_the_store_loads_no_spacy(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = ("import sys, dateline, dateline.store, dateline.store.corpus, dateline.store.loader; "
            f"s = dateline.open_store({str(tmp_path / 'x.sqlite')!r}); s.events(); s.search('attack'); s.close(); "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc') or m == 'dateline.pipeline']; "
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
