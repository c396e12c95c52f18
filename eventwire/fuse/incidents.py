"""Incidents: clusters of mentions turned into records with consensus, claims and disagreements.

Steps: drop mentions that are not facts (future, hypothetical, negated; see
:func:`~.features.is_fusable`), sort the rest in a fixed order, cluster them
(:mod:`.cluster`), give each figure a sentence shares between two incidents to
the one whose trigger stands nearest, build one :class:`Incident` per cluster, link denials
(:mod:`.denials`), then score confidence.

Incident ids are the first 16 hex digits of the sha1 of the sorted mention ids,
so fusing the same mentions again gives the same ids.

Confidence, in [0, 1], is the product of three factors::

    sources   = 1 - 0.5 ** k          k = independent sources (1 -> .5, 2 -> .75, 4 -> .94)
    agreement = 1 / (1 + 0.25 * d)    d = disagreements, a denial counting twice
    modality  = 0.7 + 0.3 * a         a = share of mentions asserted rather than "claimed"

So one outlet asserting an incident gets 0.5, four independent outlets that
agree 0.94, and the same four disagreeing on fatalities 0.75.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Optional

from ..config import Settings
from ..records import CLAIMED, Article, Incident, Mention, Source, Span
from .claims import claims_of, figure_disagreements, figure_range
from .cluster import Clusterer, ClusterStats
from .consensus import (attribution_disagreement, consensus_actors, consensus_date, consensus_place,
                        consensus_types, date_disagreement)
from .denials import link_denials
from .features import features, is_fusable, sort_key, stray_countries
from .sources import SourceIndex, find_copies


def fuse(
    mentions: Iterable[Mention],
    articles: Mapping[str, Article],
    settings: Settings,
    copies: Optional[Mapping[str, str]] = None,
) -> tuple[list[Incident], ClusterStats]:
    """Fuse mentions into incidents; also returns the clustering counts.

    ``copies`` (copy id -> original id) defaults to the near-duplicate detector's answer.
    """
    with _collector_paused():
        return _fuse(mentions, articles, settings, copies)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause CPython's cycle collector while fusing.

    Fusion makes some ten small objects per mention and no reference cycles;
    with the collector on, its full passes walk an ever larger heap, which made
    fusion time grow faster than the input (x13 CPU for x10 mentions at 1M,
    30% of the time at 100k).  Reference counting still frees everything.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _fuse(
    mentions: Iterable[Mention],
    articles: Mapping[str, Article],
    settings: Settings,
    copies: Optional[Mapping[str, str]],
) -> tuple[list[Incident], ClusterStats]:
    sources = SourceIndex(articles, find_copies(articles) if copies is None else copies)
    kept = sorted((_slim(m) for m in mentions if is_fusable(m)), key=sort_key)
    groups, stats = _cluster(kept, sources, settings)
    _assign_figures(kept, groups)
    incidents, modality = [], []
    for members in groups:
        cluster = [kept[i] for i in members]
        incidents.append(build_incident(cluster, sources, settings.incident_km))
        modality.append(_modality_factor(cluster))
    del kept, groups
    link_denials(incidents)
    for incident, factor in zip(incidents, modality):
        incident.confidence = confidence(incident, factor)
    return incidents, stats


def _slim(m: Mention) -> Mention:
    """A copy without the raw spans fusion never reads, so a streamed input is not held whole."""
    return Mention(
        id=m.id, article_id=m.article_id, sentence=m.sentence, trigger=m.trigger, plover_type=m.plover_type,
        plover_mode=m.plover_mode, acled_event_type=m.acled_event_type, acled_sub_event_type=m.acled_sub_event_type,
        is_statement=m.is_statement, score=m.score, modality=m.modality, background=m.background,
        anaphoric=m.anaphoric, figures=m.figures, quote=m.quote, date=m.date, location=m.location, actor1=m.actor1, actor2=m.actor2)


def _cluster(kept: Sequence[Mention], sources: SourceIndex, settings: Settings) -> tuple[list[list[int]], ClusterStats]:
    """Member positions per cluster; the blocking index is freed on return, before incidents are built."""
    clusterer = Clusterer(settings.incident_day_window, settings.incident_km)
    outlet_days: dict[str, Optional[str]] = {}
    stray = _stray_by_article(kept)
    for position, mention in enumerate(kept):
        key = outlet_days.get(mention.article_id, "")
        if key == "":
            key = outlet_days[mention.article_id] = _outlet_day(sources.articles.get(mention.article_id))
        clusterer.add(position, features(mention, key, stray.get(mention.article_id, frozenset())))
    return clusterer.groups(), clusterer.stats


def _stray_by_article(kept: Sequence[Mention]) -> dict[str, frozenset[str]]:
    """Each article's stray countries (:func:`~.features.stray_countries`), only for articles that have some."""
    places: dict[str, list] = {}
    for m in kept:
        if m.location is not None:
            places.setdefault(m.article_id, []).append(m.location)
    found = {}
    for article_id, located in places.items():
        stray = stray_countries(located) if len(located) > 2 else frozenset()
        if stray:
            found[article_id] = stray
    return found


def _assign_figures(kept: Sequence[Mention], groups: Sequence[Sequence[int]]) -> None:
    """Give each figure to the incident of the mention whose trigger is nearest to it.

    Two mentions of one sentence ("troops came under rocket attack, with no
    reported casualties, a day after the airstrikes") both carry the sentence's
    figures; when they end up in different incidents, the figure belongs to the
    happening whose word stands nearest to it, and is dropped from the other.
    Equally near mentions both keep it.
    """
    nearest: dict[tuple, tuple[int, set[int]]] = {}
    cluster_of = {}
    for cid, members in enumerate(groups):
        for position in members:
            cluster_of[position] = cid
            m = kept[position]
            for fig in m.figures:
                key = (m.article_id, fig.start, fig.end, fig.kind)
                gap = _distance(fig.start, fig.end, m.trigger)
                best = nearest.get(key)
                if best is None or gap < best[0]:
                    nearest[key] = (gap, {cid})
                elif gap == best[0]:
                    best[1].add(cid)
    for position, m in enumerate(kept):
        if m.figures:
            cid = cluster_of[position]
            owned = [f for f in m.figures if cid in nearest[(m.article_id, f.start, f.end, f.kind)][1]]
            if len(owned) < len(m.figures):
                m.figures = owned


def _distance(start: object, end: object, trigger: Span) -> int:
    """Characters between a figure and a trigger (0 when they overlap or an offset is missing)."""
    if not all(isinstance(x, int) for x in (start, end, trigger.start, trigger.end)):
        return 0
    return max(0, start - trigger.end, trigger.start - end)


def _outlet_day(article: Optional[Article]) -> Optional[str]:
    """Outlet and publication day of an article, None when either is unknown."""
    if article is None or not article.outlet or not article.published:
        return None
    return article.outlet.casefold() + "|" + str(article.published)[:10]


def incident_id(mention_ids: Iterable[str]) -> str:
    """Content-derived id: the same mentions always make the same id."""
    return hashlib.sha1("\n".join(sorted(mention_ids)).encode("utf-8")).hexdigest()[:16]


def build_incident(mentions: Sequence[Mention], sources: SourceIndex, km: float) -> Incident:
    """One incident from the mentions of one cluster (all of one kind and PLOVER type)."""
    first = mentions[0]
    mode, etype, subtype = consensus_types(mentions, sources)
    claims = claims_of(mentions, sources)
    units = {(m.article_id, f.start, f.end): f.unit for m in mentions for f in m.figures if f.kind == "size"}
    disagreements = figure_disagreements(claims, units)
    for found in (date_disagreement(mentions, sources), attribution_disagreement(mentions, sources)):
        if found is not None:
            disagreements.append(found)
    article_ids = sorted({m.article_id for m in mentions})
    return Incident(
        id=incident_id(m.id for m in mentions),
        kind="background" if all(m.background for m in mentions) else "current",
        plover_type=first.plover_type, plover_mode=mode,
        acled_event_type=etype, acled_sub_event_type=subtype,
        is_statement=first.is_statement,
        date=consensus_date(mentions, sources),
        location=consensus_place(mentions, sources, km),
        actor1=consensus_actors(mentions, "actor1", sources),
        actor2=consensus_actors(mentions, "actor2", sources),
        fatalities=figure_range((c for c in claims if c.field == "fatalities"), sources),
        injuries=figure_range((c for c in claims if c.field == "injuries"), sources),
        mention_ids=sorted(m.id for m in mentions),
        article_ids=article_ids,
        sources=_sources(mentions, sources),
        claims=claims,
        disagreements=disagreements,
        independent_sources=sources.independent(article_ids),
    )


def _sources(mentions: Sequence[Mention], sources: SourceIndex) -> list[Source]:
    """One source per sentence that reports the incident."""
    seen: dict[tuple, Source] = {}
    for m in sorted(mentions, key=lambda m: (m.article_id, m.sentence.start, m.id)):
        key = (m.article_id, m.sentence.start, m.sentence.end)
        if key not in seen:
            seen[key] = Source(m.article_id, sources.get(m.article_id).outlet, m.sentence.text,
                               m.sentence.start, m.sentence.end)
    return list(seen.values())


def _modality_factor(mentions: Sequence[Mention]) -> float:
    asserted = sum(1 for m in mentions if m.modality != CLAIMED) / max(1, len(mentions))
    return 0.7 + 0.3 * asserted


def confidence(incident: Incident, modality: float) -> float:
    """The score in the module docstring, given the modality factor of the incident's mentions."""
    k = max(1, incident.independent_sources)
    d = sum(2 if x.field == "denial" else 1 for x in incident.disagreements)
    return round((1 - 0.5 ** k) * (1 / (1 + 0.25 * d)) * modality, 3)
