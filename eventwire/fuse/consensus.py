"""Consensus fields of an incident, and the disagreements on date and attribution.

Each field is chosen by support: the number of independent voices
(:mod:`.sources`) whose mentions back a value.  A coarse value backs the finer
values it contains ("June 2021" backs 2021-06-27, "Syria" backs Deir ez-Zor),
so among agreeing sources the finest value wins, and among conflicting ones the
best supported.  A border region and a country overlap without either holding
the other, so neither backs the other.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from typing import Optional, TypeVar

from ..records import DateValue, Disagreement, DisagreementValue, Mention, Place
from ..resolve.gazetteer import haversine_km
from .features import (DAY, PLACE_RANK, REGION_REACH, PlacePoint, actor_keys, contains, date_span, is_flexible,
                       mention_span, own_country, place_point, stray_countries, weak_place)
from .sources import SourceIndex

T = TypeVar("T")


def most_supported(mentions: Sequence[Mention], value: Callable[[Mention], Optional[T]], sources: SourceIndex) -> Optional[T]:
    """The non-empty value given by the most voices (ties: the value seen first)."""
    voices: dict[Hashable, set[str]] = defaultdict(set)
    for m in mentions:
        v = value(m)
        if v is not None:
            voices[v].add(sources.get(m.article_id).voice)
    if not voices:
        return None
    return max(voices, key=lambda v: len(voices[v]))


def consensus_types(mentions: Sequence[Mention], sources: SourceIndex) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(PLOVER mode, ACLED event type, ACLED sub-event type) most sources give; the event type follows the sub-type.

    Flexible mentions ("the attack", referring back) count only when no other mention has a sub-type.
    """
    mentions = [m for m in mentions if not is_flexible(m) and m.acled_sub_event_type] or mentions
    mode = most_supported(mentions, lambda m: m.plover_mode, sources)
    subtype = most_supported(mentions, lambda m: m.acled_sub_event_type, sources)
    typed = [m for m in mentions if subtype is None or m.acled_sub_event_type == subtype]
    etype = most_supported(typed, lambda m: m.acled_event_type, sources) or most_supported(
        mentions, lambda m: m.acled_event_type, sources)
    return mode, etype, subtype


def consensus_date(mentions: Sequence[Mention], sources: SourceIndex) -> Optional[DateValue]:
    """The finest date, backed by the most voices (coarser dates back the days inside them).

    Ties go to a date read from the text rather than inferred, then to the
    earliest day (a later report of an overnight attack often names the next day).
    Mentions with a date of their own decide; flexible ones (only the
    publication day, or referring back) count only when no other has a date.
    """
    dated = [(m, mention_span(m)) for m in mentions]
    dated = [(m, span) for m, span in dated if span is not None]
    own = [(m, span) for m, span in dated if not is_flexible(m)]
    dated = own or dated
    if not dated:
        return None
    finest = min(span[2] for _, span in dated)
    candidates: dict[str, DateValue] = {}
    for m, span in dated:
        if span[2] == finest and (m.date.value not in candidates or candidates[m.date.value].inferred):
            candidates[m.date.value] = m.date

    def rank(value: str) -> tuple:
        lo, hi, _ = date_span(value, candidates[value].precision or "")
        voices = {sources.get(m.article_id).voice for m, span in dated if span[0] <= lo and hi <= span[1]}
        return (-len(voices), candidates[value].inferred, lo)

    return candidates[min(candidates, key=rank)]


def consensus_place(mentions: Sequence[Mention], sources: SourceIndex, km: float) -> Optional[Place]:
    """The finest place backed by the most voices (areas that contain a place back it).

    Weak places (:func:`~.features.weak_place`), an attacker's own country
    (:func:`~.features.own_country`; a speaker's is fine) and towns in a
    stray country (:func:`~.features.stray_countries`) count only when no
    other place is given.  A region that names no country (a border area)
    takes the country most voices name among the incident's places (see
    :func:`_with_country`).
    """
    located = [(m, place_point(m.location)) for m in mentions if m.location is not None]
    located = [(m, p) for m, p in located if p is not None]
    stray = stray_countries(m.location for m, _ in located)
    strong = [(m, p) for m, p in located if not (weak_place(m) or p.fine and p.country in stray
                                                 or not m.is_statement and own_country(p, actor_keys(m.actor1)))]
    located = strong or located
    if not located:
        return None
    distinct: dict[tuple, Place] = {}
    for m, p in located:
        distinct.setdefault(_place_id(m.location), m.location)

    def rank(key: tuple) -> tuple:
        place = distinct[key]
        here = place_point(place)
        voices = set()
        for m, p in located:
            if _place_id(m.location) == key or contains(p, here, km):
                voices.add(sources.get(m.article_id).voice)
        return (-len(voices), PLACE_RANK.get(place.precision, 9), place.name or "")

    return _with_country(distinct[min(distinct, key=rank)], located, sources, km)


def _with_country(place: Place, located: Sequence[tuple[Mention, PlacePoint]], sources: SourceIndex,
                  km: float) -> Place:
    """A region without a country, given the country of the incident's places that lie near it.

    A border area spans two countries and the gazetteer names neither, but an
    incident is filed under one.  The candidates are the countries of the
    incident's other places whose point lies within ``REGION_REACH`` x ``km``
    of the region's centre (a country's point is its centre); the one most
    voices name wins, ties going to the nearest.
    """
    if place.country or place.precision != "region" or place.lat is None:
        return place
    reach = REGION_REACH * km
    voices: dict[str, set[str]] = defaultdict(set)
    nearest: dict[str, float] = {}
    for m, p in located:
        if p.country and p.lat is not None:
            gap = haversine_km(place.lat, place.lon, p.lat, p.lon)
            if gap <= reach:
                voices[p.country].add(sources.get(m.article_id).voice)
                nearest[p.country] = min(gap, nearest.get(p.country, gap))
    if not voices:
        return place
    country = min(voices, key=lambda c: (-len(voices[c]), nearest[c], c))
    return dataclasses.replace(place, country=country)


def _place_id(place: Place) -> tuple:
    return (place.gazetteer_id or (place.name or "").casefold(), place.country, place.precision)


def consensus_actors(mentions: Sequence[Mention], side: str, sources: SourceIndex) -> list[str]:
    """Names on one side (``actor1``/``actor2``) given by at least half as many voices as the best-supported name."""
    voices: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        for actor in getattr(m, side):
            if actor.name:
                voices[actor.name].add(sources.get(m.article_id).voice)
    if not voices:
        return []
    top = max(len(v) for v in voices.values())
    chosen = [name for name, v in voices.items() if 2 * len(v) >= top]
    return sorted(chosen, key=lambda name: (-len(voices[name]), name))


def date_disagreement(mentions: Sequence[Mention], sources: SourceIndex) -> Optional[Disagreement]:
    """Sources giving different days for the incident (coarser dates contain days and do not disagree)."""
    spans = [(m, mention_span(m)) for m in mentions if not is_flexible(m)]
    spans = [(m, span) for m, span in spans if span is not None and span[2] == DAY]
    if len({span[0] for _, span in spans}) < 2:
        return None
    days: dict[tuple[str, str], DisagreementValue] = {}
    for m, span in sorted(spans, key=lambda pair: (pair[0].article_id, pair[0].sentence.start)):
        day = dt.date.fromordinal(span[0]).isoformat()
        outlet = sources.get(m.article_id).outlet
        days.setdefault((day, (outlet or "").casefold()), DisagreementValue(value=day, source=outlet, article_id=m.article_id))
    if len({day for day, _ in days}) < 2:
        return None
    return Disagreement(field="date", values=sorted(days.values(), key=lambda v: (v.value, v.article_id)))


def attribution_disagreement(mentions: Sequence[Mention], sources: SourceIndex) -> Optional[Disagreement]:
    """Sources naming perpetrators (actor1) that have nobody in common (state bodies of one country are one side)."""
    sides = {actor_keys(m.actor1) for m in mentions} - {frozenset()}
    if len(sides) < 2 or not any(a.isdisjoint(b) for a in sides for b in sides):
        return None
    named: dict[frozenset[str], DisagreementValue] = {}
    for m in sorted(mentions, key=lambda m: (m.article_id, m.sentence.start)):
        names = frozenset(a.name for a in m.actor1 if a.name)
        if names and names not in named:
            named[names] = DisagreementValue(value=sorted(names), source=sources.get(m.article_id).outlet,
                                             article_id=m.article_id)
    return Disagreement(field="attribution", values=list(named.values()))
