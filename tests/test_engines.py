"""Engines: the stored output must not depend on where the batches ran.

Each test runs the real seed articles through the whole pipeline with one
engine setting and compares the exported incidents with a one-process run
made in the same session.
"""

from __future__ import annotations

import sys

import pytest

from eventwire.config import Settings
from eventwire.engines import make_engine
from eventwire.errors import ConfigError
from eventwire.export import iter_contract
from eventwire.pipeline import run
from eventwire.store import Store


def export_after_run(seeds_jsonl, tmp_path, name: str, settings: Settings) -> list[dict]:
    with Store(tmp_path / f"{name}.duckdb") as store:
        summary = run([str(seeds_jsonl)], store, settings)
        assert summary.articles_new > 0 and not summary.rejected
        return list(iter_contract(store))


@pytest.fixture(scope="module")
def one_process(seeds_jsonl, tmp_path_factory) -> list[dict]:
    records = export_after_run(seeds_jsonl, tmp_path_factory.mktemp("one"), "one", Settings(workers=1, quiet=True))
    assert records, "the seeds yield incidents"
    return records


def test_two_workers_store_the_same_as_one(seeds_jsonl, tmp_path, one_process):
    # batch_size=1 sends every article through the pool separately, so order matters
    settings = Settings(workers=2, batch_size=1, quiet=True)
    assert export_after_run(seeds_jsonl, tmp_path, "two", settings) == one_process


@pytest.mark.slow  # a second pool start-up (two processes loading the models)
def test_pool_reads_the_input_lazily(seeds_jsonl):
    from eventwire.ingest import iter_articles

    articles = list(iter_articles([str(seeds_jsonl)], Settings(), lambda rejected: None))
    pulled = []

    def batches():
        for number in range(50):
            pulled.append(number)
            yield [articles[number % len(articles)]]

    engine = make_engine(Settings(workers=2, quiet=True))
    try:
        first = next(engine.map(batches()))
        assert first[0].article.id == articles[0].id
        assert len(pulled) <= 2 * 2 + 1  # bounded in flight, not the whole input
    finally:
        engine.close()


def test_nothing_new_loads_no_model(seeds_jsonl, tmp_path):
    with Store(tmp_path / "x.duckdb") as store:
        run([str(seeds_jsonl)], store, Settings(workers=1, quiet=True))
        import eventwire.nlp as nlp

        nlp.load_nlp.cache_clear()
        again = run([str(seeds_jsonl)], store, Settings(workers=1, quiet=True))
        assert again.articles_skipped == again.articles_read > 0
        assert nlp.load_nlp.cache_info().currsize == 0  # a re-run of stored articles parses nothing


def test_unknown_engine_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown engine"):
        make_engine(Settings(engine="spark"))


def test_ray_missing_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # makes `import ray` fail as if not installed
    with pytest.raises(ConfigError, match=r"pip install eventwire\[ray\]"):
        make_engine(Settings(engine="ray"))


@pytest.mark.slow  # starting a Ray instance takes ~10 s
def test_ray_stores_the_same_as_local(seeds_jsonl, tmp_path, one_process):
    ray = pytest.importorskip("ray")
    settings = Settings(engine="ray", workers=2, batch_size=2, quiet=True)
    assert export_after_run(seeds_jsonl, tmp_path, "ray", settings) == one_process
    assert not ray.is_initialized(), "the engine shuts down the Ray instance it started"
