"""Fusion: mentions across articles merged into incidents, with claims and disagreements.

Contract: ``fuse_incidents(mentions, articles, settings) -> list[Incident]``
where ``mentions`` is an iterable of resolved mentions and ``articles`` maps
article id to its :class:`Article` (metadata; ``text`` may be empty).
Incident ids are derived from their mention ids, so re-fusing the same
mentions gives the same ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from ..config import Settings
from ..records import Article, Incident, Mention, Source

# PLACEHOLDER: one incident per mention, replaced by the fusion package.


def fuse_incidents(mentions: Iterable[Mention], articles: Mapping[str, Article], settings: Settings) -> list[Incident]:
    incidents = []
    for m in mentions:
        article = articles.get(m.article_id)
        incidents.append(Incident(
            id=hashlib.sha1(m.id.encode()).hexdigest()[:16],
            kind="background" if m.background else "current",
            plover_type=m.plover_type, plover_mode=m.plover_mode,
            acled_event_type=m.acled_event_type, acled_sub_event_type=m.acled_sub_event_type,
            is_statement=m.is_statement, date=m.date, location=m.location,
            actor1=[a.name for a in m.actor1], actor2=[a.name for a in m.actor2],
            mention_ids=[m.id], article_ids=[m.article_id],
            sources=[Source(m.article_id, article.outlet if article else None, m.sentence.text, m.sentence.start, m.sentence.end)],
            independent_sources=1))
    return incidents
