"""Builds the stage chain from settings and runs it over a stream of articles.

The flow (see docs/architecture.md)::

    ingest -> Article -> parse (spaCy, batched) -> extract -> resolve -> store
                                                     ... then fuse the stored mentions -> store incidents

``process_batch`` is the unit of work an engine hands to a worker: it takes a
list of articles and returns them with their resolved mentions, doing no I/O,
so the same function runs in this process, in a process pool or on Ray.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .config import Settings
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
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)


class Processor:
    """Parse, extract and resolve a batch of articles; holds the models of one process."""

    def __init__(self, settings: Settings):
        from .nlp import load_nlp
        from .resolve import Resolver

        self.settings = settings
        self.nlp = load_nlp(settings.spacy_model)
        self.resolver = Resolver(settings)

    def __call__(self, articles: list[Article]) -> list[ArticleResult]:
        from .extract import extract_mentions

        results = []
        texts = (article.text for article in articles)
        for article, doc in zip(articles, self.nlp.pipe(texts, batch_size=self.settings.batch_size)):
            mentions = extract_mentions(article, doc, self.settings)
            self.resolver.resolve(article, doc, mentions)
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


def run(
    inputs: list[str],
    store,
    settings: Settings,
    on_reject: Callable[[Rejected], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> RunSummary:
    """Ingest ``inputs``, process new articles in batches, store them, then fuse and store incidents."""
    from .engines import make_engine
    from .fuse import fuse_incidents
    from .ingest import iter_articles

    summary = RunSummary()
    started = time.perf_counter()

    def reject(item: Rejected) -> None:
        summary.rejected.append(item)
        if on_reject:
            on_reject(item)

    def new_articles() -> Iterator[Article]:
        for article in iter_articles(inputs, settings, reject):
            summary.articles_read += 1
            if on_progress:
                on_progress(1)
            if store.has_article(article.id):
                summary.articles_skipped += 1
                continue
            yield article

    engine = make_engine(settings)
    try:
        for results in engine.map(batched(new_articles(), settings.batch_size)):
            store.add_results(results)
            summary.articles_new += len(results)
            summary.mentions += sum(len(r.mentions) for r in results)
    finally:
        engine.close()

    if store.incidents_stale():
        incidents = fuse_incidents(store.iter_mentions(), store.article_index(), settings)
        store.replace_incidents(incidents)
    counts = store.incident_counts()
    summary.incidents = counts.get("all", 0)
    summary.events = counts.get("events", 0)
    summary.statements = counts.get("statements", 0)
    summary.background = counts.get("background", 0)
    summary.seconds = time.perf_counter() - started
    return summary
