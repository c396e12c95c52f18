"""The database schema as an ordered list of migrations.

Each migration is applied once, in order, and the number of the last one is
kept in ``meta.schema_version``.  Columns hold what analysts filter and sort
on; the ``data`` JSON column holds the whole record so nothing is lost and the
record loads back exactly.  To change the schema, append a migration: never
edit one that has shipped.  A migration is SQL; one that must compute values
in Python (from the records in the ``data`` column) is followed by a backfill,
named in :data:`BACKFILLS`, that :class:`~eventwire.store.Store` runs in the
same transaction.
"""

MIGRATIONS: list[str] = [
    # 1: articles, mentions, incidents and their links
    """
    CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
    CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,
        url VARCHAR,
        outlet VARCHAR,
        published DATE,
        published_source VARCHAR,
        title VARCHAR,
        dateline_place VARCHAR,
        dateline_agency VARCHAR,
        language VARCHAR,
        source_path VARCHAR,
        content_hash VARCHAR,
        fingerprint VARCHAR,
        near_duplicate_of VARCHAR,
        text VARCHAR,
        data JSON,
        stored_at TIMESTAMP DEFAULT current_timestamp
    );
    CREATE TABLE mentions (
        id VARCHAR PRIMARY KEY,
        article_id VARCHAR,
        plover_type VARCHAR,
        plover_mode VARCHAR,
        acled_event_type VARCHAR,
        acled_sub_event_type VARCHAR,
        is_statement BOOLEAN,
        modality VARCHAR,
        background BOOLEAN,
        score DOUBLE,
        date VARCHAR,
        date_precision VARCHAR,
        country VARCHAR,
        lat DOUBLE,
        lon DOUBLE,
        sentence VARCHAR,
        sentence_start INTEGER,
        sentence_end INTEGER,
        data JSON
    );
    CREATE TABLE incidents (
        id VARCHAR PRIMARY KEY,
        kind VARCHAR,
        is_statement BOOLEAN,
        plover_type VARCHAR,
        plover_mode VARCHAR,
        acled_event_type VARCHAR,
        acled_sub_event_type VARCHAR,
        date DATE,
        date_value VARCHAR,
        date_precision VARCHAR,
        location VARCHAR,
        country VARCHAR,
        admin1 VARCHAR,
        lat DOUBLE,
        lon DOUBLE,
        location_precision VARCHAR,
        fatalities_low INTEGER,
        fatalities_best INTEGER,
        fatalities_high INTEGER,
        injuries_low INTEGER,
        injuries_best INTEGER,
        injuries_high INTEGER,
        independent_sources INTEGER,
        confidence DOUBLE,
        data JSON
    );
    CREATE TABLE incident_mentions (incident_id VARCHAR, mention_id VARCHAR);
    CREATE INDEX mentions_article ON mentions (article_id);
    CREATE INDEX incident_mentions_incident ON incident_mentions (incident_id);
    """,
    # 2: incremental fusion.  Each mention keeps the days it may be matched on
    # (day_lo, day_hi: ordinals), whether fusion uses it, and whether it has been
    # fused; incidents are found from their mentions; articles are found by
    # content hash (a re-run skips a copy under another id).  Incidents of older
    # databases are dropped and rebuilt from the stored mentions by the next run.
    """
    ALTER TABLE mentions ADD COLUMN day_lo INTEGER;
    ALTER TABLE mentions ADD COLUMN day_hi INTEGER;
    ALTER TABLE mentions ADD COLUMN fusable BOOLEAN DEFAULT false;
    ALTER TABLE mentions ADD COLUMN fused BOOLEAN DEFAULT false;
    CREATE INDEX incident_mentions_mention ON incident_mentions (mention_id);
    CREATE INDEX articles_content_hash ON articles (content_hash);
    DELETE FROM incident_mentions;
    DELETE FROM incidents;
    DELETE FROM meta WHERE key = 'incidents_stale';
    """,
    # 3: no ART indexes.  DuckDB keeps every ART index it touches in memory,
    # pinned, so the keys of a growing store (a GDELT day is millions of
    # mentions) would outgrow the page cache's cap and fail the run.  Joins
    # and look-ups scan the columns instead, and the store keeps ids unique
    # itself (a batch's articles are checked before they are written).  DuckDB
    # cannot drop a primary key, so the three keyed tables are copied.
    """
    DROP INDEX mentions_article;
    DROP INDEX incident_mentions_incident;
    DROP INDEX incident_mentions_mention;
    DROP INDEX articles_content_hash;
    CREATE TABLE articles_v3 AS SELECT * FROM articles;
    DROP TABLE articles;
    ALTER TABLE articles_v3 RENAME TO articles;
    ALTER TABLE articles ALTER COLUMN stored_at SET DEFAULT current_timestamp;
    CREATE TABLE mentions_v3 AS SELECT * FROM mentions;
    DROP TABLE mentions;
    ALTER TABLE mentions_v3 RENAME TO mentions;
    ALTER TABLE mentions ALTER COLUMN fusable SET DEFAULT false;
    ALTER TABLE mentions ALTER COLUMN fused SET DEFAULT false;
    CREATE TABLE incidents_v3 AS SELECT * FROM incidents;
    DROP TABLE incidents;
    ALTER TABLE incidents_v3 RENAME TO incidents;
    """,
    # 4: a mention names its incident (mentions.incident_id, NULL until fused,
    # replacing the flag ``fused``) and an incident counts its mentions.  With
    # the links in a table of their own, every fusion chunk scanned all of them
    # to find which incidents its neighbours belong to and how large those are,
    # and those scans grew DuckDB's share of memory with the store.  The
    # links stay readable as the view ``incident_mentions``.
    """
    ALTER TABLE mentions ADD COLUMN incident_id VARCHAR;
    UPDATE mentions SET incident_id = l.incident_id FROM incident_mentions l WHERE mentions.id = l.mention_id;
    ALTER TABLE mentions DROP COLUMN fused;
    ALTER TABLE incidents ADD COLUMN mention_count INTEGER;
    UPDATE incidents SET mention_count = c.n
      FROM (SELECT incident_id, count(*) AS n FROM incident_mentions GROUP BY incident_id) c
     WHERE incidents.id = c.incident_id;
    DROP TABLE incident_mentions;
    CREATE VIEW incident_mentions AS SELECT incident_id, id AS mention_id FROM mentions WHERE incident_id IS NOT NULL;
    """,
]

# Migration number -> Store method that fills the new columns of rows stored before it.
BACKFILLS: dict[int, str] = {2: "_backfill_fusion_columns"}

SCHEMA_VERSION = len(MIGRATIONS)
