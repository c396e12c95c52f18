"""Fusion: mentions across articles merged into incidents, with claims and disagreements.

Contract: ``fuse_incidents(mentions, articles, settings) -> list[Incident]``
where ``mentions`` is an iterable of resolved mentions and ``articles`` maps
article id to its :class:`Article` (metadata; ``text`` may be empty).
Incident ids are derived from their mention ids, so re-fusing the same
mentions gives the same ids.

Modules: :mod:`.features` (what a mention is compared on), :mod:`.cluster`
(blocking and matching), :mod:`.claims` (figures, ranges), :mod:`.consensus`
(fields and date/attribution disagreements), :mod:`.denials`,
:mod:`.sources` (independent voices), :mod:`.incidents` (assembly, confidence).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..config import Settings
from ..records import Article, Incident, Mention


def fuse_incidents(mentions: Iterable[Mention], articles: Mapping[str, Article], settings: Settings) -> list[Incident]:
    """Merge mentions of the same happening into incidents (see :mod:`.incidents`)."""
    from .incidents import fuse

    return fuse(mentions, articles, settings)[0]
