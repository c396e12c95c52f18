"""The benchmark and the synthetic corpus: shapes and readers, never timings."""

from __future__ import annotations

import json

from eventwire.bench import STAGES, load_corpus, run_benchmark
from eventwire.config import Settings
from eventwire.synthetic_articles import generate, write_jsonl


def test_synthetic_articles_are_reproducible_and_varied(tmp_path):
    first = list(generate(30, seed=7))
    assert first == list(generate(30, seed=7))
    assert len({r["id"] for r in first}) == 30
    assert len({r["text"] for r in first}) == 30
    assert all(len(r["text"]) > 200 and r["published"][:2] == "20" for r in first)
    path = write_jsonl(tmp_path / "s.jsonl", 5, seed=1)
    assert [json.loads(line)["id"] for line in path.read_text().splitlines()] == [
        r["id"] for r in generate(5, seed=1)]


def test_bench_figures_have_every_key():
    report = run_benchmark([], Settings(workers=1), synthetic=20)
    figures = report.figures
    expected = {"articles", "bare_seconds", "bare_articles_per_s", "pipeline_seconds", "pipeline_articles_per_s",
                "ratio", "peak_rss_mb", "peak_rss_self_mb", "peak_rss_self_stream_mb", "peak_rss_children_mb"}
    assert expected <= figures.keys()
    assert {f"stage_{stage}_seconds" for stage in STAGES} <= figures.keys()
    assert figures["articles"] == 20
    assert "ratio" in report.text


def test_bench_without_the_bare_parse_times_the_run_alone():
    report = run_benchmark([], Settings(workers=1), synthetic=10, bare=False)
    figures = report.figures
    assert figures["bare_seconds"] is None and figures["ratio"] is None
    assert figures["pipeline_seconds"] > 0 and figures["mentions"] > 0


def test_readers_for_the_public_eval_formats(shared):
    eval_dir = shared / "eval"
    gwn = list(load_corpus([str(eval_dir / "geowebnews" / "GWN.xml")], limit=3))
    assert len(gwn) == 3 and all(r["text"] and r["url"].startswith("http") for r in gwn)
    tml = next(iter(sorted((eval_dir / "timebank").rglob("*.tml"))))
    timebank = list(load_corpus([str(tml)]))
    assert len(timebank) == 1 and "<EVENT" not in timebank[0]["text"] and timebank[0]["published"][:2] == "19"
    ecb = next(iter(sorted((eval_dir / "ecbplus").rglob("*.xml"))))
    text = next(load_corpus([str(ecb)]))["text"]
    assert " ." not in text and " ," not in text and len(text.split()) > 20
