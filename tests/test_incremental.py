"""Incremental fusion: runs that add articles merge them into the stored incidents."""

from __future__ import annotations

from eventwire.config import Settings
from eventwire.pipeline import run
from eventwire.store import Store

SETTINGS = Settings(quiet=True)


def _incidents(db) -> set[tuple[str, ...]]:
    with Store(db) as store:
        return {tuple(i.mention_ids) for i in store.iter_incidents()}


def _split(seeds_jsonl, tmp_path, first: int) -> tuple:
    lines = seeds_jsonl.read_text(encoding="utf-8").splitlines(keepends=True)
    head, tail = tmp_path / "head.jsonl", tmp_path / "tail.jsonl"
    head.write_text("".join(lines[:first]), encoding="utf-8")
    tail.write_text("".join(lines[first:]), encoding="utf-8")
    return head, tail


def test_seeds_fused_over_two_runs_give_the_incidents_of_one(seeds_jsonl, tmp_path):
    whole = tmp_path / "whole.duckdb"
    with Store(whole) as store:
        run([str(seeds_jsonl)], store, SETTINGS)
    head, tail = _split(seeds_jsonl, tmp_path, 2)
    parts = tmp_path / "parts.duckdb"
    with Store(parts) as store:
        run([str(head)], store, SETTINGS)
        second = run([str(tail)], store, SETTINGS)
    assert second.refused > 0  # the first run's incidents were merged into, not rebuilt from everything
    assert _incidents(parts) == _incidents(whole)


def test_every_fused_mention_is_in_exactly_one_incident(seeds_jsonl, tmp_path):
    db = tmp_path / "x.duckdb"
    head, tail = _split(seeds_jsonl, tmp_path, 3)
    with Store(db) as store:
        run([str(head)], store, SETTINGS)
        run([str(tail)], store, SETTINGS)
        counts = store.db.execute("""SELECT count(*), count(DISTINCT mention_id) FROM incident_mentions""").fetchone()
        fused = store.db.execute("SELECT count(*) FROM mentions WHERE incident_id IS NOT NULL").fetchone()[0]
        assert counts[0] == counts[1] == fused > 0


def test_a_run_stopped_before_fusing_is_fused_by_the_next(seeds_jsonl, tmp_path):
    db = tmp_path / "x.duckdb"
    with Store(db) as store:
        run([str(seeds_jsonl)], store, SETTINGS)
        store.db.execute("DELETE FROM incidents; UPDATE mentions SET incident_id = NULL")
    expected = _incidents(db)
    assert expected == set()
    with Store(db) as store:
        again = run([str(seeds_jsonl)], store, SETTINGS)
        assert again.articles_new == 0 and again.fused > 0
    with Store(tmp_path / "fresh.duckdb") as store:
        run([str(seeds_jsonl)], store, SETTINGS)
    assert _incidents(db) == _incidents(tmp_path / "fresh.duckdb")


def test_a_rerun_with_nothing_new_fuses_nothing(seeds_jsonl, tmp_path):
    with Store(tmp_path / "x.duckdb") as store:
        run([str(seeds_jsonl)], store, SETTINGS)
        again = run([str(seeds_jsonl)], store, SETTINGS)
    assert again.fused == again.refused == 0


def test_small_fusion_chunks_give_the_incidents_of_one_pass(seeds_jsonl, tmp_path):
    with Store(tmp_path / "one.duckdb") as store:
        run([str(seeds_jsonl)], store, SETTINGS)
    with Store(tmp_path / "chunks.duckdb") as store:
        run([str(seeds_jsonl)], store, SETTINGS.replace(fuse_chunk=7))
    assert _incidents(tmp_path / "chunks.duckdb") == _incidents(tmp_path / "one.duckdb")


def test_incidents_too_large_for_the_budget_are_left_whole(seeds_jsonl, tmp_path):
    head, tail = _split(seeds_jsonl, tmp_path, 2)
    with Store(tmp_path / "x.duckdb") as store:
        run([str(head)], store, SETTINGS)
        second = run([str(tail)], store, SETTINGS.replace(fuse_neighbours=1))
        counts = store.db.execute("SELECT count(*), count(DISTINCT mention_id) FROM incident_mentions").fetchone()
        fused = store.db.execute("SELECT count(*) FROM mentions WHERE incident_id IS NOT NULL").fetchone()[0]
    assert second.refused <= 1 and counts[0] == counts[1] == fused
