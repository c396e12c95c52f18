"""The Ray engine: the same :class:`~eventwire.pipeline.Processor` in Ray actors, on one machine or a cluster.

Each actor builds one Processor, so the models load once per actor, not per
batch.  Batches go to the actors in turn and at most two per actor are in
flight, so a long input streams through with flat memory; results come back in
input order, so the stored output is the same as with the local engine.

Ray is an optional extra (``pip install eventwire[ray]``).  With
``settings.ray_address`` (``auto``, ``ray://host:10001``, ``host:6379``) the
engine joins that cluster; without it, it starts a local Ray instance with
``settings.workers`` CPUs (every core when 0).  ``close`` stops only what this
engine started: its actors always, the Ray connection only when it opened it.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator

from ..config import Settings
from ..errors import ConfigError
from .local import add_seconds, worker_call

IN_FLIGHT_PER_ACTOR = 2  # enough to keep an actor busy while its last result travels back


class _ProcessorActor:
    """Holds one Processor; Ray turns this class into an actor."""

    def __init__(self, settings: Settings):
        from ..pipeline import Processor

        self.processor = Processor(settings)

    def process(self, batch: list) -> tuple[list, dict[str, float], float]:
        return worker_call(self.processor, batch)


class RayEngine:
    """Maps batches through Processors living in Ray actors, results in input order."""

    def __init__(self, settings: Settings):
        try:
            import ray
        except ImportError:
            raise ConfigError("the ray engine needs `pip install eventwire[ray]`") from None
        self.settings = settings
        self._ray = ray
        self._connected_here = False
        self._actors: list = []
        self.stage_seconds: dict[str, float] = {}  # parse/extract/resolve/worker_cpu, summed over actors
        self.worker_peak_rss_mb = 0.0  # the largest actor's peak memory
        if not ray.is_initialized():
            self._connect()

    def _connect(self) -> None:
        """Join the cluster at ``ray_address``, else start a local instance sized by ``workers``."""
        options = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
        try:
            if self.settings.ray_address:
                self._ray.init(address=self.settings.ray_address, **options)
            else:
                # Ray turns token authentication on for a new local instance and
                # logs a notice saying so, which would reach the user as a stray line.
                logging.getLogger("ray._private.authentication.authentication_token_setup").setLevel(logging.ERROR)
                self._ray.init(num_cpus=self.settings.workers or os.cpu_count() or 1, **options)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = self.settings.ray_address or "a local instance"
            raise ConfigError(f"cannot start Ray ({where}): {str(exc).strip().splitlines()[0]}") from None
        self._connected_here = True

    def _actor_count(self) -> int:
        if self.settings.workers:
            return self.settings.workers
        return max(1, int(self._ray.cluster_resources().get("CPU", 1)))

    def _start_actors(self) -> None:
        actor_class = self._ray.remote(num_cpus=1)(_ProcessorActor)
        self._actors = [actor_class.remote(self.settings) for _ in range(self._actor_count())]

    def map(self, batches: Iterable[list]) -> Iterator[list]:
        """Each batch's results, in the order the batches came, with bounded work in flight."""
        if not self._actors:
            self._start_actors()
        limit = IN_FLIGHT_PER_ACTOR * len(self._actors)
        pending: deque = deque()
        for number, batch in enumerate(batches):
            actor = self._actors[number % len(self._actors)]
            pending.append(actor.process.remote(batch))
            if len(pending) >= limit:
                yield self._collect(pending.popleft())
        while pending:
            yield self._collect(pending.popleft())

    def _collect(self, ref) -> list:
        results, seconds, peak = self._ray.get(ref)
        add_seconds(self.stage_seconds, seconds)
        self.worker_peak_rss_mb = max(self.worker_peak_rss_mb, peak)
        return results

    def close(self) -> None:
        """Stop this engine's actors, and the Ray instance or connection if this engine opened it."""
        for actor in self._actors:
            self._ray.kill(actor)
        self._actors = []
        if self._connected_here:
            self._ray.shutdown()
            self._connected_here = False
