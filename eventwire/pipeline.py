"""Builds the stage chain from settings and runs it over a stream of articles.

The flow (see docs/architecture.md)::

    ingest -> Article -> parse (spaCy, batched) -> extract -> resolve -> store
                                 ... then fuse the new mentions into the stored incidents, chunk by chunk

A :class:`Processor` does the work an engine hands to a worker: it takes a
list of articles and returns them with their resolved mentions, doing no I/O,
so the same code runs in this process, in a process pool or on Ray.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .config import Settings
from .engines.local import peak_rss_mb
from .records import Article, Mention, Rejected


@dataclass
class ArticleResult:
    """An article with the mentions extraction and resolution found in it."""

    article: Article
    mentions: list[Mention]


@dataclass
class RunSummary:
    """What a run did, for the table the CLI prints at the end."""

    articles_read: int = 0
    articles_new: int = 0
    articles_skipped: int = 0  # already in the store
    rejected: list[Rejected] = field(default_factory=list)
    mentions: int = 0
    events: int = 0  # incidents of kind current that are not statements
    incidents: int = 0
    statements: int = 0
    background: int = 0
    fused: int = 0  # mentions fused in this run
    refused: int = 0  # stored mentions fused again beside them (see eventwire.fuse.incremental)
    incidents_left: int = 0  # stored incidents too large to re-fuse within the budget, left whole
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: float = 0.0  # this process
    stream_peak_rss_mb: float = 0.0  # this process before fusion: reading, storing, collecting results
    worker_peak_rss_mb: float = 0.0  # the largest worker process (0 when the run stayed in this process)


class Processor:
    """Parse, extract and resolve a batch of articles; holds the models of one process."""

    def __init__(self, settings: Settings):
        from .nlp import load_nlp
        from .resolve import Resolver

        self.settings = settings
        self.nlp = load_nlp(settings.spacy_model)
        self.resolver = Resolver(settings)
        self.stage_seconds = {"parse": 0.0, "extract": 0.0, "resolve": 0.0}  # running totals, read by engines

    def __call__(self, articles: list[Article]) -> list[ArticleResult]:
        from .extract import extract_mentions

        results = []
        seconds, clock = self.stage_seconds, time.perf_counter
        docs = self.nlp.pipe((article.text for article in articles), batch_size=self.settings.batch_size)
        for article in articles:
            started = clock()
            doc = next(docs)
            parsed = clock()
            mentions = extract_mentions(article, doc, self.settings)
            extracted = clock()
            self.resolver.resolve(article, doc, mentions)
            resolved = clock()
            seconds["parse"] += parsed - started
            seconds["extract"] += extracted - parsed
            seconds["resolve"] += resolved - extracted
            results.append(ArticleResult(article, mentions))
        return results


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of up to ``size`` items, so a corpus is never held in memory whole."""
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _first_copies(articles: Iterable[Article]) -> list[Article]:
    """The articles of a batch minus repeats of an id or a text seen earlier in the batch."""
    seen: set[str] = set()
    kept = []
    for article in articles:
        keys = {article.id, "#" + article.content_hash} if article.content_hash else {article.id}
        if seen.isdisjoint(keys):
            kept.append(article)
        seen |= keys
    return kept


def run(
    inputs: list[str],
    store,
    settings: Settings,
    on_reject: Callable[[Rejected], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> RunSummary:
    """Ingest ``inputs``, process new articles in batches and store them, then fuse what is new."""
    from .ingest import iter_articles

    summary = RunSummary()
    started = time.perf_counter()
    stages = summary.stage_seconds
    stages["ingest"] = stages["store"] = stages["fuse"] = 0.0

    def reject(item: Rejected) -> None:
        summary.rejected.append(item)
        if on_reject:
            on_reject(item)

    def read_articles() -> Iterator[Article]:
        articles = iter_articles(inputs, settings, reject)
        while True:
            begun = time.perf_counter()
            article = next(articles, None)
            stages["ingest"] += time.perf_counter() - begun
            if article is None:
                return
            summary.articles_read += 1
            if on_progress:
                on_progress(1)
            yield article

    def new_batches() -> Iterator[list[Article]]:
        """Batches of articles not stored yet (by id or content): one look-up per batch, so re-runs cost next to nothing."""
        for batch in batched(read_articles(), settings.batch_size):
            stored = store.existing_ids(batch)
            fresh = _first_copies(article for article in batch if article.id not in stored)
            summary.articles_skipped += len(batch) - len(fresh)
            if fresh:
                yield fresh

    with store.memory_guard():
        _store_and_fuse(new_batches(), store, settings, summary)
    summary.seconds = time.perf_counter() - started
    summary.peak_rss_mb = peak_rss_mb()
    return summary


def _store_and_fuse(batches: Iterator[list[Article]], store, settings: Settings, summary: RunSummary) -> None:
    """Process and store ``batches``, then fuse what is new; the summary gets the counts and stage times."""
    from .engines import make_engine
    from .fuse.incremental import fuse_stored

    stages = summary.stage_seconds
    engine = make_engine(settings)
    try:
        for results in engine.map(batches):
            begun = time.perf_counter()
            store.add_results(results)
            stages["store"] += time.perf_counter() - begun
            summary.articles_new += len(results)
            summary.mentions += sum(len(r.mentions) for r in results)
    finally:
        engine.close()
    stages.update(engine.stage_seconds)  # parse, extract, resolve: summed over the workers
    summary.worker_peak_rss_mb = engine.worker_peak_rss_mb
    summary.stream_peak_rss_mb = peak_rss_mb()

    begun = time.perf_counter()
    store.release_memory()
    fusion = fuse_stored(store, settings)
    summary.fused, summary.refused, summary.incidents_left = fusion.fused, fusion.refused, fusion.incidents_left
    stages["fuse"] = time.perf_counter() - begun
    counts = store.incident_counts()
    summary.incidents = counts.get("all", 0)
    summary.events = counts.get("events", 0)
    summary.statements = counts.get("statements", 0)
    summary.background = counts.get("background", 0)
