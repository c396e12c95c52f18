"""The few numbers fusion compares, read once from each resolved mention.

Fusion compares mentions on type, date, place and actors.  Reading those from
the nested records every time two mentions meet would dominate the cost, so
each mention is turned into one flat :class:`Features` object first: the date
as a span of day ordinals, the place as a point or a coarse area, the actors
as sets of canonical names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, Optional

from ..records import ASSERTED, CLAIMED, DENIED, FUTURE, Actor, Mention, Place
from ..resolve.gazetteer import haversine_km

# Date precision ranks, finest first; undated mentions sort last.
DAY, WEEK, MONTH, YEAR, UNDATED = 0, 1, 2, 3, 4
_PRECISION_RANK = {"day": DAY, "week": WEEK, "month": MONTH, "year": YEAR}

# Places located well enough to measure a distance; the rest are areas.
FINE_PLACES = frozenset({"site", "town", "admin2"})
PLACE_RANK = {"site": 0, "town": 1, "admin2": 2, "admin1": 3, "country": 4, "region": 5}

# Days before publication a mention dated only by the publication day may have happened.
FLEX_DAYS = 3

# Place features that name the seat of a speaker more often than the scene of an event.
_SEAT_FEATURES = frozenset({"capital"})

# ACLED sub-types whose two sides are interchangeable (who attacked whom is a matter of wording).
SYMMETRIC_SUBTYPES = frozenset({"Armed clash"})

# A region naming no country (a border area, a sea) touches the countries whose centre lies
# within this many incident radii of its own centre.
REGION_REACH = 4.0


@dataclass(slots=True)
class Features:
    """What one mention contributes to matching; built by :func:`features`."""

    kind: str  # "E" event or "S" statement, with "b" appended for background
    ptype: str
    etype: Optional[str]
    subtype: Optional[str]
    day: Optional[int]  # ordinal of a day-precision date
    lo: Optional[int]  # first and last day ordinal of a coarser date
    hi: Optional[int]
    place: Optional["PlacePoint"]
    place_key: Optional[str]
    actor1: frozenset[str]
    actor2: frozenset[str]
    article_id: str
    killed: frozenset[int]
    symmetric: bool
    flexible: bool = False  # dated only by the publication day, or refers back: may join an earlier happening
    anaphoric: bool = False  # refers back ("the attack"): may name the happening by another sub-type
    outlet_day: Optional[str] = None  # outlet and publication day, to find the rest of one outlet's reporting
    target_countries: frozenset[str] = frozenset()  # home countries of the actor 2 groups


@lru_cache(maxsize=65536)
def date_span(value: str, precision: str = "") -> Optional[tuple[int, int, int]]:
    """``(first day ordinal, last day ordinal, precision rank)`` of a TimeML value, None if unreadable.

    A ``precision`` coarser than the value's form widens it ("2021-02-25" at
    month precision is all of February 2021).
    """
    span = _parse_timeml(value.strip())
    rank = _PRECISION_RANK.get(precision, DAY)
    if span is None or rank <= span[2]:
        return span
    day = dt.date.fromordinal(span[0])
    if rank == WEEK:
        first = day - dt.timedelta(days=day.weekday())
        return first.toordinal(), first.toordinal() + 6, WEEK
    if rank == MONTH:
        return _parse_timeml(day.strftime("%Y-%m"))
    return _parse_timeml(str(day.year))


def _parse_timeml(text: str) -> Optional[tuple[int, int, int]]:
    try:
        if len(text) >= 10 and text[4] == "-" and text[7] == "-":
            day = dt.date(int(text[:4]), int(text[5:7]), int(text[8:10])).toordinal()
            return day, day, DAY
        if len(text) >= 7 and text[4] == "-" and text[5] in "Ww":
            first = dt.date.fromisocalendar(int(text[:4]), int(text[6:8]), 1).toordinal()
            return first, first + 6, WEEK
        if len(text) == 7 and text[4] == "-":
            year, month = int(text[:4]), int(text[5:7])
            first = dt.date(year, month, 1)
            last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            return first.toordinal(), last.toordinal(), MONTH
        if len(text) == 4:
            year = int(text)
            return dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal(), YEAR
    except (ValueError, IndexError):
        return None
    return None


def is_fusable(mention: Mention) -> bool:
    """Whether a mention may become (part of) an incident.

    Only factual mentions do.  Two exceptions keep speech acts that are facts in
    themselves: a denial that extraction typed as a REJECT statement, and a
    THREATEN statement whose content is by nature in the future.
    """
    if mention.modality in (ASSERTED, CLAIMED):
        return True
    if mention.modality == DENIED:
        return mention.plover_type == "REJECT"
    return mention.modality == FUTURE and mention.is_statement and mention.plover_type == "THREATEN"


def mention_span(mention: Mention) -> Optional[tuple[int, int, int]]:
    """:func:`date_span` of a mention's resolved date, None when it has none or it is unreadable."""
    date = mention.date
    if date is None or not isinstance(date.value, str):
        return None
    return date_span(date.value, date.precision or "")


def match_days(span: tuple[int, int, int], flexible: bool) -> tuple[int, int]:
    """First and last day ordinal a mention may be matched on: its date's span, or for a
    flexible mention the :data:`FLEX_DAYS` days up to its day."""
    return (span[0] - FLEX_DAYS, span[0]) if flexible else (span[0], span[1])


def fusion_days(mention: Mention) -> Optional[tuple[int, int]]:
    """:func:`match_days` of a mention, None when it is undated; the store keeps it to find a mention's neighbours."""
    span = mention_span(mention)
    if span is None:
        return None
    return match_days(span, span[2] == DAY and is_flexible(mention))


def sort_key(mention: Mention) -> tuple[int, int, int, int, str]:
    """Finest dates first, then by day, then by id: the order fusion sees mentions in.

    A fixed order makes the result independent of the input order, so the same
    mentions always give the same incidents and ids.  Among day-precision
    mentions, those with a date of their own come before the flexible ones
    (:func:`is_flexible`), so every cluster a flexible mention may join exists
    when it is placed; within a day, located mentions come before unlocated
    ones, so clusters are seeded by the mentions that say most.
    """
    span = mention_span(mention)
    if span is None:
        return UNDATED, 0, 0, 0, mention.id
    return span[2], int(is_flexible(mention)), span[0], int(mention.location is None), mention.id


def is_flexible(mention: Mention) -> bool:
    """Whether the mention's day is no evidence of when the happening took place.

    True when extraction says it refers back to a happening reported earlier
    ("the strikes"), or when its date is only the publication-day fallback (an
    inferred date with no words of its own).  Such a mention is matched against
    the few days before publication and never decides an incident's date.
    """
    if mention.anaphoric:
        return True
    date = mention.date
    return date is not None and bool(date.inferred) and not date.text and date.precision == "day"


def weak_place(mention: Mention) -> bool:
    """Whether the mention's place says little about where the happening was.

    A place named outside the mention's own sentence (a dateline, an earlier
    sentence) or a capital city (usually where a spokesman speaks from): such a
    place does not veto a merge with a cluster of the same article.
    """
    place = mention.location
    if place is None:
        return False
    if place.feature in _SEAT_FEATURES:
        return True
    start, sentence = place.start, mention.sentence
    if not isinstance(start, int) or start < 0:
        return bool(place.text)  # words with no offset in the body: a dateline or a byline
    if sentence is None or not isinstance(sentence.start, int) or not isinstance(sentence.end, int):
        return False
    return not sentence.start <= start < sentence.end


def features(mention: Mention, outlet_day: Optional[str] = None,
             stray: frozenset[str] = frozenset()) -> Features:
    """Flatten one resolved mention for matching.

    A flexible mention (:func:`is_flexible`) gets the span of the
    :data:`FLEX_DAYS` days up to its day instead of the day itself.  A place
    that is the attacker's own country ("U.S." in "U.S. Central Command"), or
    a town in one of the article's ``stray`` countries (see
    :func:`stray_countries`), is weak.
    """
    kind = ("S" if mention.is_statement else "E") + ("b" if mention.background else "")
    day = lo = hi = None
    span = mention_span(mention)
    flexible = span is not None and span[2] == DAY and is_flexible(mention)
    if span is not None:
        lo, hi = match_days(span, flexible)
        if span[2] == DAY and not flexible:
            day, lo, hi = lo, None, None
    place = mention.location
    point = place_point(place)
    actor1 = actor_keys(mention.actor1)
    if point is not None and (weak_place(mention) or own_country(point, actor1)
                              or (point.fine and point.country in stray)):
        point = point._replace(weak=True)
    killed = frozenset(f.low for f in mention.figures if f.kind == "killed" and f.low is not None)
    return Features(
        kind=kind, ptype=mention.plover_type, etype=mention.acled_event_type, subtype=mention.acled_sub_event_type,
        day=day, lo=lo, hi=hi, place=point, place_key=_place_key(place),
        actor1=actor1,
        actor2=actor_keys(mention.actor2),
        article_id=mention.article_id, killed=killed,
        symmetric=mention.acled_sub_event_type in SYMMETRIC_SUBTYPES, flexible=flexible, outlet_day=outlet_day,
        anaphoric=mention.anaphoric,
        target_countries=_countries(mention.actor2))


def own_country(place: Optional["PlacePoint"], actor1: frozenset[str]) -> bool:
    """Whether a country-wide place is the country whose state forces are actor 1.

    "U.S. air strikes" or "U.S. Central Command said" give the attacker's
    country, not the scene: such a place says nothing about where it happened.
    """
    return (place is not None and place.precision == "country" and place.country is not None
            and "state:" + place.country in actor1)


def stray_countries(places: Iterable[Optional[Place]]) -> frozenset[str]:
    """Countries of one article's places that are most likely gazetteer slips.

    An article whose places lie at least twice in one main country and once
    only in another, resolved with less confidence than the main country's
    best place (a village near Ain Issa read as Saïda in Algeria): the lone
    country is stray, and a town there does not veto merging with the rest of
    the article.  Articles split evenly between countries have none.
    """
    counts: dict[str, int] = {}
    best: dict[str, float] = {}
    for place in places:
        if place is not None and place.country:
            counts[place.country] = counts.get(place.country, 0) + 1
            best[place.country] = max(best.get(place.country, 0.0), _resolver_score(place))
    if len(counts) < 2:
        return frozenset()
    ranked = sorted(counts.values(), reverse=True)
    if ranked[0] < 2 or ranked[0] == ranked[1]:
        return frozenset()
    main = max(counts, key=counts.__getitem__)
    return frozenset(country for country, n in counts.items() if n == 1 and best[country] < best[main])


def _resolver_score(place: Place) -> float:
    """The resolver's confidence in a place, 0 when it gave none or a bad value."""
    try:
        return float(place.score or 0.0)
    except (TypeError, ValueError):
        return 0.0


class PlacePoint(NamedTuple):
    """A place reduced to what matching needs; ``fine`` places are compared by distance."""

    fine: bool  # has coordinates and site/town/admin2 precision
    precision: str
    lat: Optional[float]
    lon: Optional[float]
    country: Optional[str]
    admin1: Optional[str]
    weak: bool = False  # see :func:`weak_place`: never vetoes a merge with its own article


def place_point(place: Optional[Place]) -> Optional[PlacePoint]:
    """The matching view of a resolved place; None when the mention names no place."""
    if place is None or not (place.name or place.country or place.lat is not None):
        return None
    has_coords = _on_earth(place.lat, place.lon)
    lat = float(place.lat) if has_coords else None
    lon = float(place.lon) if has_coords else None
    return PlacePoint(has_coords and place.precision in FINE_PLACES, place.precision, lat, lon,
                      place.country or None, place.admin1 or None)


def _on_earth(lat: object, lon: object) -> bool:
    """Coordinates that are numbers on the globe (bad values count as none)."""
    try:
        return -90.0 <= float(lat) <= 90.0 and -180.0 <= float(lon) <= 180.0
    except (TypeError, ValueError):
        return False


def places_compatible(a: PlacePoint, b: PlacePoint, km: float) -> bool:
    """Whether two places can be where one happening took place.

    Two points must lie within ``km``; an area contains what lies in it (same
    country, same admin1 when both give one); a region with coordinates (a
    border area, a front) contains the points within ``km`` of its centre.
    """
    if a.fine and b.fine:
        return haversine_km(a.lat, a.lon, b.lat, b.lon) <= km
    if a.fine or (b.precision == "region" and a.precision != "region"):
        a, b = b, a  # a is now the coarser area
    if a.precision == "region":
        if a.lat is not None and b.lat is not None and (b.fine or b.precision == "region"):
            return haversine_km(a.lat, a.lon, b.lat, b.lon) <= km
        if a.country is None and b.precision == "country" and a.lat is not None and b.lat is not None:
            # a border area or a sea lies near the centres of the countries it touches
            return haversine_km(a.lat, a.lon, b.lat, b.lon) <= REGION_REACH * km
        return a.country is None or b.country is None or a.country == b.country
    if a.country and b.country and a.country != b.country:
        return False
    return not (a.admin1 and b.admin1 and a.admin1 != b.admin1)


def contains(outer: PlacePoint, inner: PlacePoint, km: float) -> bool:
    """Whether ``outer`` is a wider area that holds ``inner`` (a region holds the points near its centre)."""
    rank_out, rank_in = PLACE_RANK.get(outer.precision, 9), PLACE_RANK.get(inner.precision, 9)
    if outer.fine or rank_out <= rank_in and outer.precision != "region":
        return False
    if outer.precision == "region":
        return inner.fine and outer.lat is not None and haversine_km(outer.lat, outer.lon, inner.lat, inner.lon) <= km
    if not (outer.country and outer.country == inner.country):
        return False
    return outer.precision != "admin1" or bool(outer.admin1 and outer.admin1 == inner.admin1)


def actor_keys(actors: Iterable[Actor]) -> frozenset[str]:
    """Canonical names, plus one key per country whose state forces are among them.

    Reports name the same state side by different bodies ("Biden ordered the
    strikes", "the Pentagon said"): state actors (ACLED inter 1) of one country
    are one side for matching, and so is a coalition that country leads ("U.S.
    forces" and "the coalition" answering one rocket attack).
    """
    keys = set()
    for actor in actors:
        if actor.name:
            keys.add(actor.name)
        if actor.inter == 1 and actor.country:
            keys.add("state:" + actor.country)
        if actor.led_by:
            keys.add("state:" + actor.led_by)
    return frozenset(keys)


_NO_COUNTRIES: frozenset[str] = frozenset()


def _countries(actors: Iterable[Actor]) -> frozenset[str]:
    """Countries the actors belong to (one shared empty set when none: most mentions)."""
    found = {a.country for a in actors if a.country}
    return frozenset(found) if found else _NO_COUNTRIES


def _place_key(place: Optional[Place]) -> Optional[str]:
    if place is None:
        return None
    return place.gazetteer_id or (place.name.casefold() if place.name else None)


