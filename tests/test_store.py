"""The database: schema versions, idempotent writes, records that load back unchanged."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

from eventwire.config import Settings
from eventwire.errors import StoreError
from eventwire.pipeline import ArticleResult
from eventwire.records import Article, DateValue, Figure, Incident, Mention, Place, Range, Span, from_dict, to_dict
from eventwire.store import Store
from eventwire.store.schema import SCHEMA_VERSION


def sample_result() -> ArticleResult:
    text = "Rockets hit the base on Sunday, killing two."
    article = Article(id="a1", text=text, outlet="Wire", published="2024-01-22", published_source="record")
    mention = Mention(
        id="a1:0", article_id="a1", sentence=Span(text, 0, len(text)), trigger=Span("Rockets", 0, 7),
        plover_type="ASSAULT", acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Shelling/artillery/missile attack",
        figures=[Figure("killed", 2, 2, "exact", "killing two", 32, 43)],
        date=DateValue("2024-01-21", "day", "Sunday", 24, 30),
        location=Place("Ain al-Asad", "IQ", "Anbar", 33.8, 42.44, "site"))
    return ArticleResult(article, [mention])


def test_new_database_has_current_schema(tmp_path):
    with Store(tmp_path / "x.duckdb") as store:
        assert store.schema_version() == SCHEMA_VERSION


def test_duckdb_draws_no_progress_bar(tmp_path):
    """A long query (a migration, a big export) must not draw DuckDB's bar into the terminal or stdout.

    Checked in a fresh interpreter, as the CLI runs: under pytest's capture DuckDB leaves the bar off by itself.
    """
    script = ("import sys; from eventwire.store import Store\n"
              "for read_only in (False, True):\n"
              "    with Store(sys.argv[1], read_only=read_only) as store:\n"
              "        print(store.db.execute(\"SELECT current_setting('enable_progress_bar')\").fetchone()[0])\n")
    shown = subprocess.run([sys.executable, "-c", script, str(tmp_path / "x.duckdb")],
                           capture_output=True, text=True, check=True).stdout.split()
    assert shown == ["False", "False"]


def test_writes_are_idempotent_and_records_round_trip(tmp_path):
    result = sample_result()
    with Store(tmp_path / "x.duckdb") as store:
        store.add_results([result])
        store.add_results([result])
        assert store.count("articles") == 1 and store.count("mentions") == 1
        assert store.pending_mentions(10) == result.mentions
        assert store.get_article("a1").text == result.article.text


def test_a_batch_repeating_an_article_stores_it_once(tmp_path):
    result = sample_result()
    with Store(tmp_path / "x.duckdb") as store:
        store.add_results([result, ArticleResult(result.article, [])])
        assert store.count("articles") == 1 and store.count("mentions") == 1  # the first copy


def test_version_2_database_loses_its_art_indexes_and_keeps_its_rows(tmp_path):
    from eventwire.store.schema import MIGRATIONS

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute(MIGRATIONS[0] + MIGRATIONS[1])
    con.execute("INSERT INTO meta VALUES ('schema_version', '2')")
    con.execute("INSERT INTO articles (id, text) VALUES ('old', 'kept')")
    con.close()
    with Store(path) as store:
        store.add_results([sample_result()])
        indexes = store.db.execute("SELECT count(*) FROM duckdb_indexes()").fetchone()[0]
        keys = store.db.execute("""SELECT count(*) FROM duckdb_constraints()
                                   WHERE constraint_type = 'PRIMARY KEY' AND table_name <> 'meta'""").fetchone()[0]
        assert indexes == keys == 0
        assert store.db.execute("SELECT id, stored_at IS NOT NULL FROM articles ORDER BY id").fetchall() == [
            ("a1", True), ("old", True)]
        assert [m.id for m in store.pending_mentions(10)] == ["a1:0"]


def test_incidents_swap_and_round_trip(tmp_path):
    incident = Incident(id="i1", kind="current", plover_type="ASSAULT", date=DateValue("2021-06", "month"),
                        fatalities=Range(4, 4, 7), mention_ids=["a1:0"], article_ids=["a1"])
    with Store(tmp_path / "x.duckdb") as store:
        store.add_results([sample_result()])
        store.swap_incidents([], [incident], ["a1:0"])
        store.swap_incidents(["i1"], [incident], [])
        assert list(store.iter_incidents()) == [incident]
        assert store.count("incident_mentions") == 1
        assert store.pending_mentions(10) == []
        assert store.db.execute("SELECT date FROM incidents").fetchone()[0].isoformat() == "2021-06-01"


def test_neighbours_are_the_incidents_near_in_time_taken_whole_smallest_first(tmp_path):
    base = sample_result()
    near, far, late = (_moved(base, "b", "2024-01-23"), _moved(base, "c", "2024-03-01"),
                       _moved(base, "d", "2024-01-22"))
    big = Incident(id="i1", kind="current", plover_type="ASSAULT", mention_ids=["a1:0", "c:0"])
    small = Incident(id="i2", kind="current", plover_type="ASSAULT", mention_ids=["b:0"])
    with Store(tmp_path / "x.duckdb") as store:
        store.add_results([base, near, far])
        store.swap_incidents([], [big, small], ["a1:0", "b:0", "c:0"])
        # a1 (Jan 21) and b (Jan 23) are within a day of d's Jan 22; c (March) comes with a1's incident
        found, taken, left = store.neighbours(late.mentions, day_window=1, budget=10)
        assert sorted(m.id for m in found) == ["a1:0", "b:0", "c:0"] and taken == ["i2", "i1"] and left == 0
        found, taken, left = store.neighbours(late.mentions, day_window=1, budget=2)
        assert [m.id for m in found] == ["b:0"] and taken == ["i2"] and left == 1
        assert store.neighbours(_moved(base, "e", "2024-06-01").mentions, day_window=1, budget=10) == ([], [], 0)


def _moved(result: ArticleResult, article_id: str, day: str) -> ArticleResult:
    """A copy of ``result`` under another article id, its mention dated ``day``."""
    article = Article(id=article_id, text=result.article.text, outlet="Wire", published=day)
    (mention,) = [from_dict(Mention, to_dict(m)) for m in result.mentions]
    mention.id, mention.article_id, mention.date = f"{article_id}:0", article_id, DateValue(day, "day", "Sunday", 24, 30)
    return ArticleResult(article, [mention])


def test_version_1_database_is_migrated_and_its_mentions_made_pending(tmp_path):
    from eventwire.store import _mention_row
    from eventwire.store.schema import MIGRATIONS

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute(MIGRATIONS[0])
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    row = {k: v for k, v in _mention_row(sample_result().mentions[0]).items()
           if k not in ("day_lo", "day_hi", "fusable")}
    con.execute(f"INSERT INTO mentions ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
    con.close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        (pending,) = store.pending_mentions(10)
        lo, hi = store.db.execute("SELECT day_lo, day_hi FROM mentions").fetchone()
        assert pending.id == "a1:0" and lo == hi == 738906  # 2024-01-21


def test_version_3_database_moves_its_links_onto_the_mentions(tmp_path):
    from eventwire.store import _mention_row
    from eventwire.store.schema import MIGRATIONS

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("".join(MIGRATIONS[:3]))
    con.execute("INSERT INTO meta VALUES ('schema_version', '3')")
    for article_id in ("a", "b"):
        row = _mention_row(_moved(sample_result(), article_id, "2024-01-21").mentions[0])
        con.execute(f"INSERT INTO mentions ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
    con.execute("UPDATE mentions SET fused = true WHERE id = 'a:0'")
    con.execute("INSERT INTO incidents (id, kind) VALUES ('i1', 'current')")
    con.execute("INSERT INTO incident_mentions VALUES ('i1', 'a:0')")
    con.close()
    with Store.for_run(path, Settings(db_memory_mb=300)) as store:  # upgraded without the caps, then capped
        assert store.db.execute("SELECT current_setting('memory_limit'), current_setting('threads')").fetchone() == (
            "286.1 MiB", 1)
        assert store.schema_version() == SCHEMA_VERSION
        assert store.db.execute("SELECT id, incident_id FROM mentions ORDER BY id").fetchall() == [
            ("a:0", "i1"), ("b:0", None)]
        assert store.db.execute("SELECT * FROM incident_mentions").fetchall() == [("i1", "a:0")]
        assert store.db.execute("SELECT mention_count FROM incidents").fetchall() == [(1,)]
        assert [m.id for m in store.pending_mentions(10)] == ["b:0"]


def test_a_chunk_mention_no_incident_takes_is_not_picked_again(tmp_path):
    """A store written by another version may call a mention fusable that fusion now leaves out."""
    with Store(tmp_path / "x.duckdb") as store:
        store.add_results([sample_result()])
        store.swap_incidents([], [], ["a1:0"])
        assert store.pending_mentions(10) == [] and store.count("incident_mentions") == 0


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "x.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match="newer eventwire"):
        Store(path)


def test_foreign_database_is_refused(tmp_path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not an eventwire database"):
        Store(path)


def test_not_a_database_file_is_one_clear_error(tmp_path):
    path = tmp_path / "junk.duckdb"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        Store(path)


def test_article_index_is_metadata_and_get_article_is_whole(tmp_path):
    from eventwire.records import Span

    result = sample_result()
    text = result.article.text
    result.article.paragraphs = [Span(text, 0, len(text))]
    with Store(tmp_path / "x.duckdb") as store:
        store.add_results([result])
        meta = store.article_index(["a1"])["a1"]
        assert meta.text == "" and meta.paragraphs == [] and meta.published == "2024-01-22"
        assert store.get_article("a1") == result.article


def test_existing_ids_answers_for_a_batch_by_id_or_content(tmp_path):
    stored = sample_result().article
    stored.content_hash = "h1"
    with Store(tmp_path / "x.duckdb") as store:
        store.add_results([ArticleResult(stored, [])])
        same_id = Article(id="a1", text="other", content_hash="h2")
        same_text = Article(id="b7", text=stored.text, content_hash="h1")
        new = Article(id="zz", text="new", content_hash="h3")
        assert store.existing_ids([same_id, same_text, new]) == {"a1", "b7"}
        assert store.existing_ids([]) == set()


def test_memory_cap_reaches_duckdb(tmp_path):
    with Store(tmp_path / "x.duckdb", memory_mb=300) as store:
        limit = store.db.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        assert limit == "286.1 MiB"  # 300 MB as DuckDB prints it


def test_a_runs_store_has_the_settings_cap_and_one_thread(tmp_path):
    """Two DuckDB threads need twice the pinned room, and ran out of memory under a 32 MB cap."""
    with Store.for_run(tmp_path / "x.duckdb", Settings(db_memory_mb=300)) as store:
        store.release_memory()  # the reopened file keeps both
        assert store.db.execute("SELECT current_setting('memory_limit'), current_setting('threads')").fetchone() == (
            "286.1 MiB", 1)


def test_release_memory_keeps_everything_stored(tmp_path):
    """Reopening the file between storing and fusing must lose nothing, on disk or in memory."""
    result = sample_result()
    for path in (tmp_path / "x.duckdb", ":memory:"):
        with Store(path, memory_mb=64) as store:
            store.add_results([result])
            cap = store.db.execute("SELECT current_setting('memory_limit')").fetchone()
            store.release_memory()
            assert store.count("articles") == 1
            assert store.pending_mentions(10) == result.mentions
            assert store.db.execute("SELECT current_setting('memory_limit')").fetchone() == cap


def test_writes_past_release_rows_reopen_the_file_and_lose_nothing(tmp_path):
    result = sample_result()
    with Store(tmp_path / "x.duckdb", memory_mb=64, release_rows=2) as store:
        first = store.db
        store.add_results([result])  # an article and a mention: two rows
        assert store.db is not first
        assert store.count("articles") == 1 and store.pending_mentions(10) == result.mentions
    with Store(tmp_path / "y.duckdb", memory_mb=64, release_rows=3) as store:
        first = store.db
        store.add_results([result])
        assert store.db is first
