"""The embedded database: one DuckDB file holding articles, mentions and incidents.

:class:`Store` is the only code that writes the database.  Writes are batched
through Arrow tables (DuckDB ingests those far faster than row inserts) and
each batch is one transaction, so an interrupted run keeps every batch it
finished.  Articles and mentions are keyed by stable ids; a batch's articles
already stored (by id or by content) are dropped before it is written, so
re-running on the same input adds nothing.  The tables have no ART indexes
(schema migration 3 says why): DuckDB's cache stays within ``memory_mb``, and
the file is reopened every ``release_rows`` rows written to hand back what
DuckDB holds outside it.

Fusion is incremental (:mod:`eventwire.fuse.incremental`): a stored mention
names its incident once it is fused (``incident_id``), and the store answers the
two questions that needs without loading everything: which mentions are still
to fuse (:meth:`Store.pending_mentions`), and which fused mentions could
belong with them (:meth:`Store.neighbours`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional

import duckdb
import pyarrow as pa

from ..config import Settings
from ..errors import StoreError
from ..fuse.features import fusion_days, is_fusable
from ..records import Article, Incident, Mention, from_dict, to_dict
from ..timeml import first_day
from .schema import BACKFILLS, MIGRATIONS, SCHEMA_VERSION

_FETCH = 2000  # rows per fetch when streaming records back out


class Store:
    """A DuckDB database file (or ``:memory:``) with the eventwire schema."""

    def __init__(self, path: str | Path, read_only: bool = False, memory_mb: int = 0, release_rows: int = 0,
                 threads: int = 0):
        """Open (or create) the database; ``memory_mb`` caps DuckDB's memory (0: DuckDB's 80% of RAM).

        Without a cap DuckDB keeps pages of the growing file cached up to most
        of the machine's memory, so a long run's footprint would follow the
        size of the store rather than of a batch.  Even under the cap, an open
        database holds on to memory that writing leaves behind (outside the
        page cache, and not handed back until it is closed), so with
        ``release_rows`` the store reopens its file after that many rows
        written (see :meth:`release_memory`).  ``threads`` caps DuckDB's
        threads (0: one per core; see :meth:`for_run`).  DuckDB's own progress bar is
        off: it would draw on the terminal (or into an export on stdout) during
        any query that takes more than two seconds, such as a migration.
        """
        self.path = str(path)
        self.read_only = read_only
        self.config = {"memory_limit": f"{memory_mb}MB"} if memory_mb > 0 else {}
        if threads > 0:
            self.config["threads"] = threads
        self.release_rows = release_rows
        self._rows_written = 0  # since the file was last opened
        self.db = self._connect()
        if not read_only:
            self._migrate()
        else:
            self._check_version()

    @classmethod
    def for_run(cls, path: str | Path, settings: Settings) -> "Store":
        """The store a run writes to: the settings' memory cap and reopening interval, one DuckDB thread.

        Each DuckDB thread pins blocks of its own while it scans, so two
        threads need twice the room under the cap: at 32 MB, fusion of a
        50,000-article store ran out of memory on its second chunk with two
        threads and finished with one.  A run's cores parse; the store's
        queries are a small share of its time.
        """
        return cls(path, memory_mb=settings.db_memory_mb, release_rows=settings.db_release_rows, threads=1)

    def _connect(self) -> duckdb.DuckDBPyConnection:
        try:
            db = duckdb.connect(self.path, read_only=self.read_only, config=self.config)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open the database ({_first_line(exc)})") from None
        db.execute("SET enable_progress_bar = false")
        return db

    def release_memory(self) -> None:
        """Close and reopen the database file, so DuckDB hands back the memory it holds.

        DuckDB keeps its page cache, and memory that writes leave behind, for
        as long as the database is open: storing 50,000 articles without a
        release raised the process's peak from 206 MB (at 5,000) to 244 MB; with
        a release every 5,000 it stayed at 217 MB (measured to 25,000).  The writes call this
        every ``release_rows`` rows; a run calls it between storing and fusing
        too.  Reopening a 1.3 GB store takes about 35 ms.  An in-memory
        database is left alone: closing it would lose it.
        """
        self._rows_written = 0
        if self.path == ":memory:":
            return
        self.db.close()
        self.db = self._connect()

    @contextmanager
    def memory_guard(self):
        """Turn DuckDB running out of memory under the cap into a :class:`StoreError` that says what to change.

        The queries' needs grow with the run's budgets (``batch_size``,
        ``fuse_chunk``, ``fuse_neighbours``), not with the store, but long
        texts or larger budgets can outgrow a small cap.  Every finished
        transaction is kept, so the next run goes on from there.
        """
        try:
            yield
        except duckdb.OutOfMemoryException as exc:
            cap = self.config.get("memory_limit", "DuckDB's default")
            raise StoreError(f"{self.path}: the database ran out of memory under its cap of {cap}; what is stored is "
                             f"kept: raise db_memory_mb (--set db_memory_mb=...) and run again ({_first_line(exc)})") from None

    def _written(self, rows: int) -> None:
        """Count rows a committed transaction wrote; past ``release_rows``, release DuckDB's memory."""
        self._rows_written += rows
        if self.release_rows and self._rows_written >= self.release_rows:
            self.release_memory()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # -- schema -----------------------------------------------------------------

    def schema_version(self) -> int:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except duckdb.CatalogException:
            return 0
        return int(row[0]) if row else 0

    def _check_version(self) -> int:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer eventwire (schema {version}, this one knows {SCHEMA_VERSION}); upgrade eventwire"
            )
        if version == 0 and self._has_tables():
            raise StoreError(f"{self.path}: not an eventwire database")
        return version

    def _has_tables(self) -> bool:
        return bool(self.db.execute("SELECT count(*) FROM information_schema.tables").fetchone()[0])

    def _migrate(self) -> None:
        """Apply the migrations the database lacks, each in one transaction.

        An upgrade rewrites whole tables, which takes more memory than a run's
        cap: upgrading a 50,000-article store from schema 2 under 32 MB ran out
        of memory.  So a stored database is upgraded under DuckDB's defaults,
        then reopened under the caps.
        """
        version = self._check_version()
        upgrade = 0 < version < SCHEMA_VERSION
        if upgrade:
            self.db.execute("RESET memory_limit; RESET threads")
        try:
            for number, sql in enumerate(MIGRATIONS[version:], start=version + 1):
                with self._transaction():
                    self.db.execute(sql)
                    if number in BACKFILLS:
                        getattr(self, BACKFILLS[number])()
                    self._set_meta("schema_version", str(number))
        except duckdb.Error as exc:
            action = f"upgrade the database from schema {version}" if version else "create the tables"
            raise StoreError(f"{self.path}: cannot {action} ({_first_line(exc)})") from None
        if upgrade:
            self.release_memory()

    def _backfill_fusion_columns(self) -> None:
        """Migration 2: the fusion columns of mentions stored before it, read back from their records."""
        last = ""
        while rows := self.db.execute(
                "SELECT id, data FROM mentions WHERE id > ? ORDER BY id LIMIT ?", [last, _FETCH]).fetchall():
            last = rows[-1][0]
            filled = [{"id": row[0], **_fusion_columns(from_dict(Mention, json.loads(row[1])))} for row in rows]
            batch = pa.Table.from_pylist(filled)  # noqa: F841 (read by DuckDB through the name)
            self.db.execute("""UPDATE mentions SET day_lo = b.day_lo, day_hi = b.day_hi, fusable = b.fusable
                               FROM batch b WHERE mentions.id = b.id""")

    @contextmanager
    def _transaction(self):
        """One DuckDB transaction: committed when the block ends, rolled back if it raises."""
        self.db.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- writes -----------------------------------------------------------------

    def add_results(self, results) -> None:
        """Store a batch of :class:`~eventwire.pipeline.ArticleResult` in one transaction.

        Results whose article is stored already, or repeated in the batch, are skipped (the first
        copy is kept).  The pipeline checks before parsing too, but with several batches in flight
        an article repeated in the input can reach here twice.
        """
        stored = self.existing_ids([r.article for r in results])
        first: dict[str, Any] = {}
        for r in results:
            if r.article.id not in stored:
                first.setdefault(r.article.id, r)
        articles = [_article_row(r.article) for r in first.values()]
        mentions = [_mention_row(m) for r in first.values() for m in r.mentions]
        with self._transaction():
            self._insert("articles", articles)
            self._insert("mentions", mentions)
        self._written(len(articles) + len(mentions))

    def swap_incidents(self, old_ids: list[str], incidents: list[Incident], chunk_ids: list[str]) -> None:
        """In one transaction: drop the incidents ``old_ids``, store ``incidents``, point their mentions at them.

        Fusion re-fuses the mentions of every incident it drops, so each fused
        mention stays in exactly one incident, whether or not the run stops.
        A mention of the chunk (``chunk_ids``) that no incident takes is marked
        not fusable, so it is not picked again: fusion takes every mention it
        is given, but a store written by another version may disagree with
        this one on which mentions those are.
        """
        rows = [_incident_row(i) for i in incidents]
        taken = {m: i.id for i in incidents for m in i.mention_ids}
        members = pa.table({"id": pa.array(list(taken), pa.string()),  # noqa: F841 (read by DuckDB through the name)
                            "incident_id": pa.array(list(taken.values()), pa.string())})
        unused = pa.table({"id": pa.array([m for m in chunk_ids if m not in taken], pa.string())})
        with self._transaction():
            if old_ids:
                dropped = pa.table({"id": old_ids})  # noqa: F841 (read by DuckDB through the name)
                self.db.execute("DELETE FROM incidents WHERE id IN (SELECT id FROM dropped)")
            self._insert("incidents", rows)
            self.db.execute("UPDATE mentions SET incident_id = b.incident_id FROM members b WHERE mentions.id = b.id")
            if unused.num_rows:
                self.db.execute("UPDATE mentions SET fusable = false FROM unused u WHERE mentions.id = u.id")
        self._written(len(rows) + len(taken) + unused.num_rows)

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Insert ``rows`` through an Arrow table."""
        if not rows:
            return
        batch = pa.Table.from_pylist(rows)  # noqa: F841 (read by DuckDB through the name)
        columns = ", ".join(f'"{c}"' for c in rows[0])
        self.db.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM batch")

    # -- reads ------------------------------------------------------------------

    def existing_ids(self, articles: list[Article]) -> set[str]:
        """Ids of the ``articles`` that are stored already, by id or by content: one query for a whole batch."""
        if not articles:
            return set()
        wanted = pa.table({"id": pa.array([a.id for a in articles], pa.string()),  # noqa: F841 (read by DuckDB)
                           "hash": pa.array([a.content_hash or None for a in articles], pa.string())})
        rows = self.db.execute("""SELECT w.id FROM wanted w WHERE EXISTS (SELECT 1 FROM articles a WHERE a.id = w.id)
                                  OR EXISTS (SELECT 1 FROM articles a WHERE a.content_hash = w.hash)""").fetchall()
        return {row[0] for row in rows}

    def count(self, table: str) -> int:
        return self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def pending_mentions(self, limit: int) -> list[Mention]:
        """Up to ``limit`` mentions fusion uses and has not fused yet, earliest matching day first.

        Taking them in date order keeps each chunk's neighbourhood to a few
        days of stored mentions, whatever the size of the store.  The chunk is
        picked on the narrow columns, then its records are fetched by row id
        (one statement, so the row ids cannot move in between): DuckDB then
        reads the JSON of the chunk only, where a join on ``id`` reads it for
        every stored mention, and sorts the chunk's JSON, not every pending one's.
        """
        rows = self.db.execute("""
            WITH picked AS (SELECT rowid AS r, day_lo, id FROM mentions WHERE fusable AND incident_id IS NULL
                            ORDER BY day_lo NULLS LAST, id LIMIT ?)
            SELECT m.data FROM mentions m JOIN picked p ON m.rowid = p.r
            ORDER BY p.day_lo NULLS LAST, p.id""", [limit]).fetchall()
        return [from_dict(Mention, json.loads(row[0])) for row in rows]

    def neighbours(self, mentions: list[Mention], day_window: int,
                   budget: int) -> tuple[list[Mention], list[str], int]:
        """The stored incidents that could take in ``mentions``, as their member mentions.

        An incident is a candidate when one of its mentions has the same PLOVER
        type and kind as one of ``mentions`` and matching days within
        ``day_window`` days of it (in a compatible country, for events), or comes
        from the same article.  Candidates are taken smallest first while their
        members fit in ``budget`` mentions; the rest (a history incident that a
        thousand articles mention) are left as they are, so one chunk never
        re-reads a large part of the store.  Returns the members, the ids of the
        incidents taken (to be replaced whole) and how many candidates were left.
        At most ``budget`` candidates come back from DuckDB (each has a mention at
        least), so a busy day's thousands of incidents are counted, not loaded;
        the members' records are fetched by row id, as in :meth:`pending_mentions`.
        """
        probes, own = _probes(mentions, day_window)  # noqa: F841 (read by DuckDB through the names)
        sizes = self.db.execute("""
            WITH near AS (
                SELECT m.incident_id FROM mentions m JOIN probes p
                  ON m.plover_type = p.plover_type AND m.is_statement = p.is_statement
                 AND m.background = p.background AND m.day_lo <= p.hi AND m.day_hi >= p.lo
                 WHERE m.incident_id IS NOT NULL
                   AND (p.is_statement OR m.country IS NULL OR p.country IS NULL OR m.country = p.country)
                UNION
                SELECT m.incident_id FROM mentions m JOIN own o ON m.article_id = o.article_id
                 WHERE m.incident_id IS NOT NULL)
            SELECT i.id, i.mention_count, count(*) OVER () AS candidates
            FROM incidents i JOIN near n ON i.id = n.incident_id
            ORDER BY i.mention_count, i.id LIMIT ?""", [max(budget, 1)]).fetchall()
        taken, total = [], 0
        for incident_id, size, _ in sizes:
            if total + size > budget:
                break
            taken.append(incident_id)
            total += size
        candidates = sizes[0][2] if sizes else 0
        held = pa.table({"id": pa.array(taken, pa.string())})  # noqa: F841 (read by DuckDB through the name)
        rows = self.db.execute("""
            WITH members AS (SELECT rowid AS r FROM mentions WHERE incident_id IN (SELECT id FROM held))
            SELECT m.id, m.data FROM mentions m JOIN members ON m.rowid = members.r""").fetchall()
        rows.sort()  # by id, here: DuckDB would hold every JSON text to sort them
        return [from_dict(Mention, json.loads(row[1])) for row in rows], taken, candidates - len(taken)

    def iter_incidents(self, kind: str = "all") -> Iterator[Incident]:
        """Stored incidents (``kind``: all | current | background), by date then id."""
        where = "" if kind == "all" else "WHERE kind = ?"
        params = [] if kind == "all" else [kind]
        for data in self._stream(f"SELECT data FROM incidents {where} ORDER BY date NULLS LAST, id", params):
            yield from_dict(Incident, json.loads(data))

    def article_index(self, article_ids: Iterable[str]) -> dict[str, Article]:
        """The metadata fusion needs of ``article_ids`` (no text, no paragraphs), by article id."""
        columns = ", ".join(f"a.{c}" for c in _INDEX_COLUMNS)
        wanted = pa.table({"id": pa.array(list(set(article_ids)), pa.string())})  # noqa: F841 (read by DuckDB)
        index = {}
        for row in self.db.execute(f"SELECT {columns} FROM articles a JOIN wanted w ON a.id = w.id").fetchall():
            values = dict(zip(_INDEX_COLUMNS, row))
            values["published"] = values["published"].isoformat() if values["published"] else None
            index[values["id"]] = Article(text="", **values)
        return index

    def get_article(self, article_id: str) -> Optional[Article]:
        """The whole stored article, text and paragraphs included."""
        row = self.db.execute("SELECT data, text FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None:
            return None
        article = from_dict(Article, json.loads(row[0]))
        article.text = row[1]
        for span in article.paragraphs:
            span.text = article.text[span.start:span.end]
        return article

    def incident_counts(self) -> dict[str, int]:
        row = self.db.execute(
            """SELECT count(*),
                      count(*) FILTER (WHERE kind = 'current' AND NOT is_statement),
                      count(*) FILTER (WHERE is_statement),
                      count(*) FILTER (WHERE kind = 'background')
               FROM incidents""").fetchone()
        return dict(zip(("all", "events", "statements", "background"), row))

    def _stream(self, sql: str, params: Optional[list] = None) -> Iterator[Any]:
        """The first column of a query's rows, fetched a few thousand at a time."""
        cursor = self.db.cursor()
        cursor.execute(sql, params or [])
        while rows := cursor.fetchmany(_FETCH):
            for row in rows:
                yield row[0]
        cursor.close()


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


_INDEX_COLUMNS = ("id", "url", "outlet", "published", "published_source", "title", "fingerprint", "near_duplicate_of")


def _article_row(article: Article) -> dict[str, Any]:
    meta = to_dict(article)
    meta["text"] = ""  # the text has its own column; the JSON keeps metadata and offsets only
    for span in meta["paragraphs"]:
        span["text"] = ""
    dateline = article.dateline
    return {
        "id": article.id, "url": article.url, "outlet": article.outlet,
        "published": article.published, "published_source": article.published_source,
        "title": article.title,
        "dateline_place": dateline.place if dateline else None,
        "dateline_agency": dateline.agency if dateline else None,
        "language": article.language, "source_path": article.source_path,
        "content_hash": article.content_hash, "fingerprint": article.fingerprint,
        "near_duplicate_of": article.near_duplicate_of, "text": article.text,
        "data": json.dumps(meta, ensure_ascii=False),
    }


def _fusion_columns(mention: Mention) -> dict[str, Any]:
    """The days a mention may be matched on and whether fusion uses it (see :meth:`Store.neighbours`)."""
    days = fusion_days(mention)
    return {"day_lo": days[0] if days else None, "day_hi": days[1] if days else None, "fusable": is_fusable(mention)}


def _probes(mentions: list[Mention], day_window: int) -> tuple[pa.Table, pa.Table]:
    """What :meth:`Store.neighbours` looks up: distinct (type, kind, day range, country), and article ids."""
    keys = set()
    for m in mentions:
        days = fusion_days(m)
        if days is not None:
            country = m.location.country if m.location else None
            keys.add((m.plover_type, m.is_statement, m.background, days[0] - day_window, days[1] + day_window, country))
    names = ("plover_type", "is_statement", "background", "lo", "hi", "country")
    probes = pa.Table.from_pylist([dict(zip(names, key)) for key in keys],
                                  schema=pa.schema([("plover_type", pa.string()), ("is_statement", pa.bool_()),
                                                    ("background", pa.bool_()), ("lo", pa.int64()),
                                                    ("hi", pa.int64()), ("country", pa.string())]))
    own = pa.table({"article_id": pa.array(list({m.article_id for m in mentions}), pa.string())})
    return probes, own


def _mention_row(mention: Mention) -> dict[str, Any]:
    date, place = mention.date, mention.location
    return {
        "id": mention.id, "article_id": mention.article_id,
        "plover_type": mention.plover_type, "plover_mode": mention.plover_mode,
        "acled_event_type": mention.acled_event_type, "acled_sub_event_type": mention.acled_sub_event_type,
        "is_statement": mention.is_statement, "modality": mention.modality,
        "background": mention.background, "score": float(mention.score),
        "date": date.value if date else None, "date_precision": date.precision if date else None,
        "country": place.country if place else None,
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "sentence": mention.sentence.text, "sentence_start": mention.sentence.start,
        "sentence_end": mention.sentence.end,
        **_fusion_columns(mention),
        "data": json.dumps(to_dict(mention), ensure_ascii=False),
    }


def _incident_row(incident: Incident) -> dict[str, Any]:
    date, place = incident.date, incident.location
    fat, inj = incident.fatalities, incident.injuries
    return {
        "id": incident.id, "kind": incident.kind, "is_statement": incident.is_statement,
        "plover_type": incident.plover_type, "plover_mode": incident.plover_mode,
        "acled_event_type": incident.acled_event_type, "acled_sub_event_type": incident.acled_sub_event_type,
        "date": first_day(date.value) if date else None,
        "date_value": date.value if date else None, "date_precision": date.precision if date else None,
        "location": place.name if place else None, "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "location_precision": place.precision if place else None,
        "fatalities_low": fat.low, "fatalities_best": fat.best, "fatalities_high": fat.high,
        "injuries_low": inj.low, "injuries_best": inj.best, "injuries_high": inj.high,
        "independent_sources": incident.independent_sources, "confidence": float(incident.confidence),
        "mention_count": len(incident.mention_ids),
        "data": json.dumps(to_dict(incident), ensure_ascii=False),
    }
