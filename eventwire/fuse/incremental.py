"""Incremental fusion: new mentions merge into the stored incidents, a chunk at a time.

A run stores its mentions unfused.  :func:`fuse_stored` then takes them in
chunks, earliest matching day first, and for each chunk:

1. asks the store for the *neighbourhood*: every fused mention that could
   belong with one of the chunk's (same PLOVER type and kind, matching days
   within ``incident_day_window`` days, a compatible country for events, or the
   same article), plus all other mentions of the incidents those belong to;
2. fuses the chunk and its neighbourhood together with :func:`~.incidents.fuse`;
3. in one transaction, replaces the neighbourhood's incidents by the new ones
   and marks the chunk fused.

Memory is bounded by a chunk and its neighbourhood (a few days of reporting
around the chunk's dates), never by the store; a re-run with nothing new fuses
nothing; a run that stops part-way leaves every finished chunk fused and the
rest pending for the next run.  Because a neighbourhood holds every stored
mention a new one could be compared with, and whole incidents, fusing a
corpus in several runs gives the incidents one run gives, up to the order in
which competing clusters were seeded (tests/test_incremental.py checks the
seeds split over two runs).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Settings
from .incidents import fuse


@dataclass
class FuseStats:
    """What one fusion pass did."""

    chunks: int = 0
    fused: int = 0  # mentions fused for the first time
    refused: int = 0  # stored mentions fused again as neighbours
    incidents_replaced: int = 0
    incidents_written: int = 0


def fuse_stored(store, settings: Settings) -> FuseStats:
    """Fuse every pending mention of ``store`` (a :class:`~eventwire.store.Store`) into its incidents."""
    stats = FuseStats()
    while chunk := store.pending_mentions(settings.fuse_chunk):
        neighbours, old_ids = store.neighbours(chunk, settings.incident_day_window)
        mentions = chunk + neighbours
        articles = store.article_index({m.article_id for m in mentions})
        incidents = fuse(mentions, articles, settings)[0]
        store.swap_incidents(old_ids, incidents, [m.id for m in chunk])
        stats.chunks += 1
        stats.fused += len(chunk)
        stats.refused += len(neighbours)
        stats.incidents_replaced += len(old_ids)
        stats.incidents_written += len(incidents)
    return stats
