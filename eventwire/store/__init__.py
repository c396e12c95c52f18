"""The embedded database: one DuckDB file holding articles, mentions and incidents.

:class:`Store` is the only code that writes the database.  Writes are batched
through Arrow tables (DuckDB ingests those far faster than row inserts) and
each batch is one transaction, so an interrupted run keeps every batch it
finished.  Articles and mentions are keyed by stable ids and inserted with
``INSERT OR IGNORE``, so re-running on the same input adds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..records import Article, Incident, Mention, from_dict, to_dict
from ..timeml import first_day
from .schema import MIGRATIONS, SCHEMA_VERSION

_FETCH = 2000  # rows per fetch when streaming records back out


class Store:
    """A DuckDB database file (or ``:memory:``) with the eventwire schema."""

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = str(path)
        try:
            self.db = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open the database ({_first_line(exc)})") from None
        if not read_only:
            self._migrate()
        else:
            self._check_version()

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
        version = self._check_version()
        for number, sql in enumerate(MIGRATIONS[version:], start=version + 1):
            with self._transaction():
                self.db.execute(sql)
                self._set_meta("schema_version", str(number))

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
        """Store a batch of :class:`~eventwire.pipeline.ArticleResult` in one transaction."""
        articles = [_article_row(r.article) for r in results]
        mentions = [_mention_row(m) for r in results for m in r.mentions]
        with self._transaction():
            self._insert("articles", articles)
            self._insert("mentions", mentions)
            self._set_meta("incidents_stale", "1")

    def replace_incidents(self, incidents: list[Incident]) -> None:
        """Swap the stored incidents for ``incidents`` in one transaction."""
        rows = [_incident_row(i) for i in incidents]
        links = [{"incident_id": i.id, "mention_id": m} for i in incidents for m in i.mention_ids]
        with self._transaction():
            self.db.execute("DELETE FROM incident_mentions")
            self.db.execute("DELETE FROM incidents")
            self._insert("incidents", rows)
            self._insert("incident_mentions", links, keyed=False)
            self._set_meta("incidents_stale", "0")

    def incidents_stale(self) -> bool:
        """True when articles were stored after the last fusion (a run that stopped before fusing)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'incidents_stale'").fetchone()
        return bool(row) and row[0] == "1"

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def _insert(self, table: str, rows: list[dict[str, Any]], keyed: bool = True) -> None:
        """Insert ``rows`` through an Arrow table; on a keyed table rows whose id exists are skipped."""
        if not rows:
            return
        batch = pa.Table.from_pylist(rows)  # noqa: F841 (read by DuckDB through the name)
        columns = ", ".join(f'"{c}"' for c in rows[0])
        verb = "INSERT OR IGNORE" if keyed else "INSERT"
        self.db.execute(f"{verb} INTO {table} ({columns}) SELECT {columns} FROM batch")

    # -- reads ------------------------------------------------------------------

    def existing_ids(self, article_ids: list[str]) -> set[str]:
        """Which of ``article_ids`` are stored already: one query for a whole batch."""
        if not article_ids:
            return set()
        wanted = pa.table({"id": article_ids})  # noqa: F841 (read by DuckDB through the name)
        rows = self.db.execute("SELECT a.id FROM articles a JOIN wanted w ON a.id = w.id").fetchall()
        return {row[0] for row in rows}

    def count(self, table: str) -> int:
        return self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def iter_mentions(self) -> Iterator[Mention]:
        """Every stored mention, streamed in id order."""
        for data in self._stream("SELECT data FROM mentions ORDER BY id"):
            yield from_dict(Mention, json.loads(data))

    def iter_incidents(self, kind: str = "all") -> Iterator[Incident]:
        """Stored incidents (``kind``: all | current | background), by date then id."""
        where = "" if kind == "all" else "WHERE kind = ?"
        params = [] if kind == "all" else [kind]
        for data in self._stream(f"SELECT data FROM incidents {where} ORDER BY date NULLS LAST, id", params):
            yield from_dict(Incident, json.loads(data))

    def article_index(self) -> dict[str, Article]:
        """The metadata fusion needs, by article id (no text, no paragraphs: it stays small)."""
        cursor = self.db.cursor()
        cursor.execute(f"SELECT {', '.join(_INDEX_COLUMNS)} FROM articles")
        index = {}
        while rows := cursor.fetchmany(_FETCH):
            for row in rows:
                values = dict(zip(_INDEX_COLUMNS, row))
                values["published"] = values["published"].isoformat() if values["published"] else None
                index[values["id"]] = Article(text="", **values)
        cursor.close()
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
        "data": json.dumps(to_dict(incident), ensure_ascii=False),
    }
