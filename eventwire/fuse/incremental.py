"""Incremental fusion: new mentions merge into the stored incidents, a chunk at a time.

A run stores its mentions unfused.  :func:`fuse_stored` then takes them in
chunks, earliest matching day first, and for each chunk:

1. asks the store for the *neighbourhood*: the stored incidents with a mention
   that could belong with one of the chunk's (same PLOVER type and kind,
   matching days within ``incident_day_window`` days, a compatible country for
   events, or the same article), smallest first, as long as their members fit
   in ``fuse_neighbours`` mentions;
2. fuses the chunk and its neighbourhood together with :func:`~.incidents.fuse`;
3. in one transaction, replaces the neighbourhood's incidents by the new ones
   and points each mention at its incident (which marks the chunk fused).

The records held are bounded by ``fuse_chunk + fuse_neighbours`` mentions, never by the
store (DuckDB's own memory still grows with the store up to its cache cap; see
docs/performance.md); a re-run with nothing new fuses nothing; a run that stops
part-way leaves every finished chunk fused and the rest pending for the next run.  When the
neighbourhood fits its budget it holds every stored mention a new one could be
compared with, in whole incidents, so fusing a corpus in several runs gives
the incidents one run gives (tests/test_incremental.py checks the seeds split
over two runs and in small chunks).  An incident too large for the budget
(history that thousands of articles recall: "the 2017 attack on the town") is
left as it is, and new mentions of it form an incident beside it; the run
summary counts these.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Settings
from .incidents import fuse


@dataclass
class FuseStats:
    """What one fusion pass did."""

    fused: int = 0  # mentions fused for the first time
    refused: int = 0  # stored mentions fused again as neighbours
    incidents_left: int = 0  # candidates too large for a chunk's budget, left as they were


def fuse_stored(store, settings: Settings) -> FuseStats:
    """Fuse every pending mention of ``store`` (a :class:`~eventwire.store.Store`) into its incidents."""
    stats = FuseStats()
    while chunk := store.pending_mentions(settings.fuse_chunk):
        neighbours, old_ids, left = store.neighbours(chunk, settings.incident_day_window,
                                                     settings.fuse_neighbours)
        mentions = chunk + neighbours
        articles = store.article_index({m.article_id for m in mentions})
        incidents = fuse(mentions, articles, settings)[0]
        store.swap_incidents(old_ids, incidents, [m.id for m in chunk])
        stats.fused += len(chunk)
        stats.refused += len(neighbours)
        stats.incidents_left += left
    return stats
