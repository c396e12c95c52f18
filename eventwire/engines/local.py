"""The local engine: this process, or a pool of worker processes on this machine."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from ..config import Settings

_WORKER = None  # the Processor of a pool worker, built once by _init_worker


def _init_worker(settings: Settings) -> None:
    global _WORKER
    from ..pipeline import Processor

    _WORKER = Processor(settings)


def _work(batch):
    return _WORKER(batch)


class LocalEngine:
    """Maps batches through a Processor, in order, with at most ``workers`` processes."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.workers = settings.workers or os.cpu_count() or 1
        self._pool = None
        self._processor = None

    def map(self, batches: Iterable[list]) -> Iterator[list]:
        if self.workers <= 1:
            from ..pipeline import Processor

            self._processor = self._processor or Processor(self.settings)
            for batch in batches:
                yield self._processor(batch)
            return
        self._pool = ProcessPoolExecutor(self.workers, initializer=_init_worker, initargs=(self.settings,))
        pending = []
        for batch in batches:
            pending.append(self._pool.submit(_work, batch))
            # keep a bounded number of batches in flight so memory stays flat
            while len(pending) > 2 * self.workers:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
