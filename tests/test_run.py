"""The whole run on the real seed articles, then export: the contract, idempotency, formats."""

from __future__ import annotations

import csv
import json
import re

import pytest
from click.testing import CliRunner

from eventwire.cli import main

CONTRACT_FIELDS = {
    "incident_id", "kind", "plover_type", "plover_mode", "acled_event_type", "acled_sub_event_type",
    "date", "date_precision", "location", "actor1", "actor2", "fatalities", "injuries", "article_ids",
    "sources", "claims", "disagreements",
}


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory, seeds_jsonl):
    db = tmp_path_factory.mktemp("run") / "seeds.duckdb"
    result = CliRunner().invoke(main, ["run", str(seeds_jsonl), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    return db


def export(db, fmt, path):
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", fmt, "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_export_jsonl_has_every_contract_field(seeded_db, tmp_path):
    lines = export(seeded_db, "jsonl", tmp_path / "out.jsonl").read_text().splitlines()
    records = [json.loads(line) for line in lines]
    assert records, "the seeds yield incidents"
    for record in records:
        assert CONTRACT_FIELDS <= record.keys()
        assert set(record["location"]) == {"name", "country", "admin1", "lat", "lon", "precision"}
        assert set(record["fatalities"]) == {"low", "best", "high"}
        assert record["kind"] in ("current", "background")
        for source in record["sources"]:
            assert set(source) == {"article_id", "outlet", "text", "start", "end"}
        for disagreement in record["disagreements"]:
            assert {"field", "values"} <= disagreement.keys()


def test_sources_point_at_the_stored_text(seeded_db, tmp_path):
    from eventwire.store import Store

    records = [json.loads(x) for x in export(seeded_db, "jsonl", tmp_path / "o.jsonl").read_text().splitlines()]
    with Store(seeded_db, read_only=True) as store:
        for record in records[:20]:
            for source in record["sources"]:
                article = store.get_article(source["article_id"])
                assert article.text[source["start"]:source["end"]] == source["text"]


def test_rerun_adds_nothing(seeded_db, seeds_jsonl, tmp_path):
    before = export(seeded_db, "jsonl", tmp_path / "a.jsonl").read_text()
    result = CliRunner().invoke(main, ["run", str(seeds_jsonl), "--db", str(seeded_db)])
    assert result.exit_code == 0, result.output
    counts = dict(re.findall(r"^\s*([a-z ,]+?)\s{2,}(\d+)$", result.output, re.M))
    assert counts["new, stored"] == "0" and counts["already stored, skipped"] == counts["articles read"] != "0"
    after = export(seeded_db, "jsonl", tmp_path / "b.jsonl").read_text()
    assert before == after


def test_the_same_texts_under_new_ids_are_skipped(seeded_db, seeds_jsonl, tmp_path):
    renamed = tmp_path / "renamed.jsonl"
    records = [json.loads(line) for line in seeds_jsonl.read_text(encoding="utf-8").splitlines() if line.strip()]
    renamed.write_text("".join(json.dumps({**r, "id": "copy-" + str(r.get("id"))}) + "\n" for r in records))
    result = CliRunner().invoke(main, ["run", str(renamed), "--db", str(seeded_db)])
    assert result.exit_code == 0, result.output
    counts = dict(re.findall(r"^\s*([a-z ,]+?)\s{2,}(\d+)$", result.output, re.M))
    assert counts["new, stored"] == "0" and counts["already stored, skipped"] == counts["articles read"] != "0"


def test_csv_is_in_acled_layout(seeded_db, tmp_path):
    from eventwire.export.acled import ACLED_COLUMNS

    with open(export(seeded_db, "csv", tmp_path / "o.csv"), newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and list(rows[0]) == ACLED_COLUMNS
    assert all(row["event_type"] or row["notes"].startswith("[") for row in rows)


def test_parquet_and_geojson_exports(seeded_db, tmp_path):
    import pyarrow.parquet as pq

    table = pq.read_table(export(seeded_db, "parquet", tmp_path / "o.parquet"))
    assert table.num_rows > 0 and "acled_sub_event_type" in table.column_names
    geo = json.loads(export(seeded_db, "geojson", tmp_path / "o.geojson").read_text())
    assert geo["type"] == "FeatureCollection"
    for feature in geo["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_show_lists_incidents(seeded_db):
    result = CliRunner().invoke(main, ["show", "--db", str(seeded_db), "--limit", "2"])
    assert result.exit_code == 0
    assert len(result.output.strip().splitlines()) == 3  # two incidents and the "more" line
