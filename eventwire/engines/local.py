"""The local engine: this process, or a pool of worker processes on this machine.

With ``workers=1``, or when the whole input fits in fewer batches than there
are workers (a handful of articles: starting processes that load the models
would cost more than it saves), the Processor runs in this process.  Otherwise each pool
worker builds its own Processor once (models loaded once per process) and the
whole batch (parse, extraction, resolution) runs there, so every stage is
spread over the cores, not only the parse.  At most ``2 * workers + 1`` batches
are in flight, so memory stays flat on any length of input, and results come
back in input order.

The pool starts its workers with ``forkserver``: a fork of a clean server
process, never of this one, which may hold DuckDB's threads or a Ray client.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import resource
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from ..config import Settings

_WORKER = None  # the Processor of a pool worker, built once by _init_worker


def _init_worker(settings: Settings) -> None:
    global _WORKER
    from ..pipeline import Processor

    _WORKER = Processor(settings)


def _work(batch: list) -> tuple[list, dict[str, float], float]:
    return worker_call(_WORKER, batch)


def worker_call(processor, batch: list) -> tuple[list, dict[str, float], float]:
    """:func:`timed_call` in a worker process, adding the CPU seconds the worker spent (``worker_cpu``)
    and the worker's peak resident memory so far, in MB.

    The parent cannot see a pool or Ray worker's CPU time or memory (they are
    not its reaped children), so the worker reports them with each batch.
    """
    started = time.process_time()
    results, seconds = timed_call(processor, batch)
    seconds["worker_cpu"] = time.process_time() - started
    return results, seconds, peak_rss_mb()


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def timed_call(processor, batch: list) -> tuple[list, dict[str, float]]:
    """The processor's results for ``batch`` and the seconds it spent per stage on it.

    Stage seconds come from ``processor.stage_seconds`` when the Processor keeps
    them (running totals); an engine adds the differences up for the run.
    """
    before = dict(getattr(processor, "stage_seconds", {}))
    results = processor(batch)
    after = getattr(processor, "stage_seconds", {})
    return results, {stage: after[stage] - before.get(stage, 0.0) for stage in after}


def add_seconds(total: dict[str, float], part: dict[str, float]) -> None:
    for stage, seconds in part.items():
        total[stage] = total.get(stage, 0.0) + seconds


class LocalEngine:
    """Maps batches through a Processor, in order, with at most ``workers`` processes."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.workers = settings.workers or os.cpu_count() or 1
        self.stage_seconds: dict[str, float] = {}  # parse/extract/resolve (+ worker_cpu in a pool), summed
        self.worker_peak_rss_mb = 0.0  # the largest pool worker's peak memory (0 when the run stays in this process)
        self._pool = None
        self._processor = None

    def map(self, batches: Iterable[list]) -> Iterator[list]:
        if self.workers <= 1:
            yield from self._map_here(batches)
            return
        batches = iter(batches)
        head = list(itertools.islice(batches, self.workers))
        if len(head) < self.workers:
            yield from self._map_here(head)
        else:
            yield from self._map_pool(itertools.chain(head, batches))

    def _map_here(self, batches: Iterable[list]) -> Iterator[list]:
        from ..pipeline import Processor

        for batch in batches:
            self._processor = self._processor or Processor(self.settings)  # none at all for a re-run
            results, seconds = timed_call(self._processor, batch)
            add_seconds(self.stage_seconds, seconds)
            yield results

    def _map_pool(self, batches: Iterable[list]) -> Iterator[list]:
        context = multiprocessing.get_context("forkserver")
        self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_worker,
                                         initargs=(self.settings,))
        pending: deque = deque()
        for batch in batches:
            pending.append(self._pool.submit(_work, batch))
            # keep a bounded number of batches in flight so memory stays flat
            while len(pending) > 2 * self.workers:
                yield self._collect(pending.popleft())
        while pending:
            yield self._collect(pending.popleft())

    def _collect(self, future) -> list:
        results, seconds, peak = future.result()
        add_seconds(self.stage_seconds, seconds)
        self.worker_peak_rss_mb = max(self.worker_peak_rss_mb, peak)
        return results

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
