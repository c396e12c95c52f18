"""Grouping mentions into happenings, at a cost that grows with the data, not its square.

Method (incremental, mention to cluster).  Mentions are visited in a fixed
order: day-precision dates first, by day (located mentions before unlocated
ones), then weeks, months, years, then the undated, ties by mention id.  Each mention is compared with the clusters
already built that share a *block* with it, and joins the best compatible one
or starts a new cluster.  A cluster keeps a summary of its members (day range,
coarse date span, ACLED types, actors, up to :data:`MAX_PLACES` places), and
a mention must be compatible with the whole summary, not with one member:
this is what stops chains (A~B, B~C, so A~C) from gluing distinct attacks on
the same base into one.

Blocks.  A cluster is filed under keys made of (kind, PLOVER type, ACLED
sub-type, time, location):

* kind: event or statement, current or background, so history only meets history;
* time: the day for day-precision dates (a mention looks at its own day and the
  ``incident_day_window`` days before it: later days are not built yet); the
  month for coarser dates, which also look at every day inside their span;
* location: for points (and regions with coordinates) a cell of a grid whose
  cells are ``incident_km`` high, looked up with its neighbours; for areas the
  country; regions that name no country (a border area) are filed apart and
  every area looks them up; unlocated mentions are looked up by actor name;
* statements are filed by speaker instead of place;
* every cluster is also filed under each article it has a mention in, and under
  the outlet and publication day of those articles; the latter is looked up only
  by mentions without a place, with a weak or country-wide one, or flexible.

Flexible mentions (dated only by the publication day, or referring back to a
happening reported earlier, see :func:`~.features.is_flexible`) are placed
after every mention with a day of its own, matched against the few days up to
publication, and look in tiers: their own article, then their outlet's day,
then everywhere; outside their article they need a shared actor or the same
named place, and the larger cluster is preferred ("the strikes" is the main
story).  Within its own article such a mention may also carry another sub-type
of the same event type, and a country named by another mention of the article
does not veto it.

Weak places (the seat of a speaker, a place outside the sentence, the
attacker's own country, a town in a stray country; see
:func:`~.features.weak_place`, :func:`~.features.own_country`,
:func:`~.features.stray_countries`) never enter a cluster's place summary, so
they never veto a merge, and earn no same-place bonus.  Within one article:
a week- or month-dated mention ("weekend strikes") joins a happening that
overlaps its span, not only one inside it; a country that is the cluster's
attacker's own ("U.S." of "U.S. Central Command") counts as no place; a
flexible mention of the same sub-type may name a different target, and then
prefers the happening in its target's home country.

Each mention is compared with at most :data:`MAX_CANDIDATES` clusters, so the
worst case is linear too; :class:`ClusterStats` counts the comparisons.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Optional

from ..resolve.gazetteer import haversine_km
from .features import Features, PlacePoint, own_country, places_compatible

MAX_CANDIDATES = 128  # clusters one mention is compared with, at most
MAX_PLACES = 8  # distinct places a cluster summary keeps for the all-members check
KM_PER_DEGREE = 111.2


@dataclass(slots=True)
class Cluster:
    """A growing group of mentions of one happening, with the summary matching needs."""

    members: list[int]
    etype: Optional[str] = None
    subtype: Optional[str] = None
    dmin: Optional[int] = None
    dmax: Optional[int] = None
    lo: Optional[int] = None  # intersection of the members' coarse date spans
    hi: Optional[int] = None
    places: list[PlacePoint] = field(default_factory=list)
    # frozensets, replaced (not grown) when a member adds something: most
    # clusters then share the sets of their first mention, which keeps a
    # million clusters small
    place_keys: frozenset[str] = frozenset()
    actor1: frozenset[str] = frozenset()
    actor2: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()
    killed: frozenset[int] = frozenset()


@dataclass
class ClusterStats:
    """Counts that show how the cost grows: comparisons should stay a small multiple of mentions."""

    mentions: int = 0
    clusters: int = 0
    comparisons: int = 0  # mention-to-cluster compatibility checks
    key_lookups: int = 0
    capped: int = 0  # mentions whose candidate list hit MAX_CANDIDATES


class Clusterer:
    """Assigns mentions (as :class:`Features`, in :func:`~.features.sort_key` order) to clusters."""

    def __init__(self, day_window: int, km: float):
        self.window = max(0, int(day_window))
        self.km = max(0.0, float(km))
        self.cell = max(self.km, 1.0) / KM_PER_DEGREE  # grid cell height in degrees
        self.clusters: list[Cluster] = []
        # (kind, type, time) -> location key -> cluster numbers; and (kind, type, article) -> cluster numbers
        self.index: dict[tuple, dict[tuple, list[int]]] = {}
        self.by_article: dict[tuple, list[int]] = {}
        self.by_outlet_day: dict[tuple, list[int]] = {}  # (kind, type, outlet and day) -> cluster numbers
        self.subtypes: dict[tuple, dict[Optional[str], None]] = {}  # (kind, type) -> sub-types filed, in order
        self._neighbours: dict[tuple[int, int], list[tuple]] = {}
        self.stats = ClusterStats()

    def add(self, position: int, f: Features) -> int:
        """Put the mention at ``position`` into the best compatible cluster or a new one; return the cluster number.

        A flexible mention (its day is only the publication day, or it refers
        back) looks in tiers: its own article first, then the rest of its
        outlet's day, then everywhere; the first tier with a fit wins.
        """
        best = -1
        seen: set[int] = set()
        for tier in self._tiers(f):
            best = self._best_in(tier, f, seen)
            if best >= 0 or len(seen) >= MAX_CANDIDATES:
                break
        self.stats.mentions += 1
        self.stats.comparisons += len(seen)
        if best < 0:
            best = len(self.clusters)
            self.clusters.append(Cluster(members=[]))
            self.stats.clusters += 1
        self._join(best, position, f)
        return best

    def _best_in(self, blocks: list[list[int]], f: Features, seen: set[int]) -> int:
        """The best compatible cluster in the blocks not yet compared, -1 for none."""
        best, best_score = -1, -math.inf
        for block in blocks:
            for cid in block:
                if cid in seen:
                    continue
                if len(seen) >= MAX_CANDIDATES:
                    self.stats.capped += 1
                    return best
                seen.add(cid)
                score = self._score(self.clusters[cid], f)
                if score is not None and score > best_score:
                    best, best_score = cid, score
        return best

    def groups(self) -> list[list[int]]:
        """Member positions of every cluster."""
        return [c.members for c in self.clusters]

    # -- blocking -------------------------------------------------------------

    def _tiers(self, f: Features) -> list[list[list[int]]]:
        """The cluster lists to look through, grouped in tiers (one tier unless the mention is flexible).

        The rest of the outlet's day is looked at by mentions without a place
        or with a weak one (:func:`~.features.weak_place`), which the place
        blocks cannot bring together, and by flexible ones.
        """
        head = (f.kind, f.ptype)
        own = self.by_article.get(head + (f.article_id,))
        own_tier = [own] if own else []
        day_tier = []
        if f.outlet_day is not None and (f.flexible or f.place is None or f.place.weak
                                         or f.place.precision == "country"):
            found = self.by_outlet_day.get(head + (f.outlet_day,))
            if found:
                day_tier.append(found)
        rest = self._place_blocks(f)
        if f.flexible:
            return [own_tier, day_tier, rest]
        return [own_tier + day_tier + rest]

    def _place_blocks(self, f: Features) -> list[list[int]]:
        """The clusters filed under the mention's kind, type, times and places."""
        head = (f.kind, f.ptype)
        blocks: list[list[int]] = []
        places = self._query_places(f)
        if not places:
            return blocks
        subtypes = (f.subtype, None) if f.subtype else self.subtypes.get(head, ())
        for subtype in subtypes:
            for t in self._query_times(f):
                inner = self.index.get(head + (subtype,) + t)
                if inner:
                    self.stats.key_lookups += len(places)
                    blocks.extend(found for found in map(inner.get, places) if found)
        return blocks

    def _register(self, cid: int, f: Features) -> None:
        """File the cluster under the mention's keys (a cluster joined twice in a row is filed once).

        Clusters are filed by ACLED sub-type too (None while they have none), so
        an air strike never looks at shelling clusters; a mention without a
        sub-type looks at all of them.
        """
        head = (f.kind, f.ptype)
        _file(self.by_article.setdefault(head + (f.article_id,), []), cid)
        if f.outlet_day is not None:
            _file(self.by_outlet_day.setdefault(head + (f.outlet_day,), []), cid)
        subtype = self.clusters[cid].subtype
        self.subtypes.setdefault(head, {})[subtype] = None
        places = self._register_places(f)
        for t in self._register_times(f):
            inner = self.index.setdefault(head + (subtype,) + t, {})
            for loc in places:
                _file(inner.setdefault(loc, []), cid)

    def _register_times(self, f: Features) -> list[tuple]:
        """Day keys for days and for flexible mentions (their publication day), month keys for coarser dates."""
        if f.day is not None:
            return [("d", f.day)]
        if f.flexible:
            return [("d", f.hi)]
        if f.lo is not None:
            return [("m", m) for m in _months(f.lo, f.hi)]
        return []

    def _query_times(self, f: Features) -> list[tuple]:
        if f.day is not None:
            return [("d", d) for d in range(f.day - self.window, f.day + 1)]
        if f.flexible:
            return [("d", d) for d in range(f.lo, f.hi + 1)]
        if f.lo is not None:
            return [("m", m) for m in _months(f.lo, f.hi)] + [("d", d) for d in range(f.lo, f.hi + 1)]
        return []

    def _register_places(self, f: Features) -> list[tuple]:
        if f.kind[0] == "S":
            return [("s", name) for name in f.actor1]
        keys = [("p", name) for name in f.actor1 | f.actor2]
        p = f.place
        if p is None:
            return keys
        if p.lat is not None and (p.fine or p.precision == "region"):
            keys.append(("g",) + self._cell(p.lat, p.lon))
        elif p.country:
            keys.append(("c", p.country))
        if p.country:
            keys.append(("*", p.country))
        elif p.precision == "region":
            keys.append(("r",))
        return keys

    def _query_places(self, f: Features) -> list[tuple]:
        if f.kind[0] == "S":
            return [("s", name) for name in sorted(f.actor1)]
        p = f.place
        if p is None or (p.country is None and p.lat is None):
            return [("p", name) for name in sorted(f.actor1 | f.actor2)]
        keys: list[tuple] = []
        if p.lat is not None and (p.fine or p.precision == "region"):
            keys.extend(self._neighbour_cells(p.lat, p.lon))
            if p.country:
                keys.append(("c", p.country))
        elif p.country:
            keys.extend((("*", p.country), ("r",)))
        return keys

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        row = math.floor(lat / self.cell)
        return row, math.floor(lon / self._row_width(row))

    def _row_width(self, row: int) -> float:
        """Cell width in degrees of longitude for a grid row: wider towards the poles, so a cell stays ``km`` wide."""
        edge = min(85.0, max(abs(row), abs(row + 1)) * self.cell)
        return self.cell / math.cos(math.radians(edge))

    def _neighbour_cells(self, lat: float, lon: float) -> list[tuple]:
        """Grid keys of every cell that may hold a point within ``km`` of any point of this cell (cached per cell)."""
        row, col = self._cell(lat, lon)
        found = self._neighbours.get((row, col))
        if found is None:
            width = self._row_width(row)
            west, east = col * width, (col + 1) * width
            reach = self.cell / math.cos(math.radians(min(85.0, (max(abs(row), abs(row + 1)) + 1) * self.cell)))
            found = []
            for r in (row - 1, row, row + 1):
                w = self._row_width(r)
                found.extend(("g", r, c) for c in range(math.floor((west - reach) / w), math.floor((east + reach) / w) + 1))
            self._neighbours[(row, col)] = found
        return found

    # -- matching -------------------------------------------------------------

    def _score(self, c: Cluster, f: Features) -> Optional[float]:
        """None when the mention cannot belong to the cluster, else how well it fits (higher is better)."""
        if f.etype and c.etype and f.etype != c.etype:
            return None
        retyped = bool(f.subtype and c.subtype and f.subtype != c.subtype)
        if retyped and not (f.anaphoric and f.article_id in c.articles):
            return None  # only "the attack" referring back may carry another sub-type of the same event type
        gap = self._date_gap(c, f)
        if gap is None:
            return None
        shared = self._actor_overlap(c, f)
        if shared is None:
            if _refers_back(c, f):
                shared = 0
            elif self._attribution_dispute(c, f):
                shared = -1
            else:
                return None
        distance = 0.0
        same = f.article_id in c.articles
        if f.kind[0] == "E" and f.place is not None and not (same and (f.place.weak or own_country(f.place, c.actor1))):
            loose = f.flexible and same
            for p in c.places:
                if loose and p.precision == "country" or same and own_country(p, f.actor1):
                    continue  # a whole country in the article ("U.S. strikes") says little against "the strikes"
                if not places_compatible(f.place, p, self.km):
                    return None
                if f.place.fine and p.fine:
                    distance = max(distance, haversine_km(f.place.lat, f.place.lon, p.lat, p.lon))
        score = 2.0 * shared - 0.5 * gap - distance / max(self.km, 1.0)
        if f.place_key is not None and f.place_key in c.place_keys and not f.place.weak:
            score += 2.0  # a dateline or a spokesman's seat ("Washington") is no evidence of one scene
        if f.subtype and f.subtype == c.subtype:
            score += 1.0
        elif retyped:
            score -= 1.0
        if f.killed and not f.killed.isdisjoint(c.killed):
            score += 1.0
        if f.target_countries and any(p.country in f.target_countries for p in c.places):
            score += 0.5  # "strikes on KH" (an Iraqi group) fits the strikes in Iraq better than those in Yemen
        if f.article_id in c.articles:
            score += 0.5
        elif f.flexible and shared <= 0 and not (f.place_key is not None and f.place_key in c.place_keys):
            return None  # a mention without a date of its own joins another article's happening only on evidence
        if f.flexible:
            score += 0.25 * math.log2(1 + len(c.members))  # "the strikes" refers back to the main happening
        return score

    def _date_gap(self, c: Cluster, f: Features) -> Optional[int]:
        """Days between the mention and the cluster's dates, None when they cannot be one happening."""
        if f.day is not None:
            if c.lo is not None and not c.lo <= f.day <= c.hi:
                return None
            if c.dmin is None:
                return 0
            if max(c.dmax, f.day) - min(c.dmin, f.day) > self.window:
                return None
            return max(0, c.dmin - f.day, f.day - c.dmax)
        if f.lo is not None:
            if c.dmin is not None and not (f.lo <= c.dmin and c.dmax <= f.hi):
                if not (f.article_id in c.articles and f.lo <= c.dmax and c.dmin <= f.hi):
                    return None  # only its own article's happening may run past a coarse date ("weekend strikes")
            if c.lo is not None and max(c.lo, f.lo) > min(c.hi, f.hi):
                return None
        return 0

    @staticmethod
    def _actor_overlap(c: Cluster, f: Features) -> Optional[int]:
        """Shared actor names; None when a side is named on both and shares nobody.

        A statement needs a speaker in common, unless one of the two does not
        name its speaker and they come from the same article.
        """
        if f.kind[0] == "S" and (not f.actor1 or not c.actor1) and f.article_id not in c.articles:
            return None
        one, two = len(f.actor1 & c.actor1), len(f.actor2 & c.actor2)
        if (one or not f.actor1 or not c.actor1) and (two or not f.actor2 or not c.actor2):
            return one + two
        if f.symmetric:
            one, two = len(f.actor1 & c.actor2), len(f.actor2 & c.actor1)
            if (one or not f.actor1 or not c.actor2) and (two or not f.actor2 or not c.actor1):
                return one + two
        return None

    @staticmethod
    def _attribution_dispute(c: Cluster, f: Features) -> bool:
        """Sources may name different perpetrators of one attack on one named site.

        So an event whose actor1 shares nobody with the cluster's still joins it
        when it names the same site (a base, an oil field) and its targets do not conflict;
        the incident then shows an attribution disagreement.
        """
        if f.kind[0] != "E" or f.place is None or f.place.precision != "site":
            return False
        if f.place_key is None or f.place_key not in c.place_keys:
            return False
        return not f.actor2 or not c.actor2 or not f.actor2.isdisjoint(c.actor2)

    def _join(self, cid: int, position: int, f: Features) -> None:
        c = self.clusters[cid]
        c.members.append(position)
        c.etype = c.etype or f.etype
        c.subtype = c.subtype or f.subtype
        if f.day is not None:
            c.dmin = f.day if c.dmin is None else min(c.dmin, f.day)
            c.dmax = f.day if c.dmax is None else max(c.dmax, f.day)
        elif f.lo is not None:
            c.lo, c.hi = (f.lo, f.hi) if c.lo is None else (max(c.lo, f.lo), min(c.hi, f.hi))
        if (f.place is not None and not f.place.weak and f.place not in c.places and len(c.places) < MAX_PLACES
                and not own_country(f.place, c.actor1)):
            c.places.append(f.place)
        if f.place_key is not None and f.place_key not in c.place_keys:
            c.place_keys = c.place_keys | {f.place_key}
        c.actor1 = _union(c.actor1, f.actor1)
        c.actor2 = _union(c.actor2, f.actor2)
        if f.article_id not in c.articles:
            c.articles = c.articles | {f.article_id}
        c.killed = _union(c.killed, f.killed)
        self._register(cid, f)


def _refers_back(c: Cluster, f: Features) -> bool:
    """A mention without a date of its own ("these strikes targeted KH headquarters") in the cluster's article.

    It refers to a happening its article reports, so a target named
    differently does not keep it apart; a different attacker or another
    sub-type still does.
    """
    if not f.flexible or f.article_id not in c.articles:
        return False
    if f.subtype and c.subtype and f.subtype != c.subtype:
        return False
    return not f.actor1 or not c.actor1 or not f.actor1.isdisjoint(c.actor1)


def _file(block: list[int], cid: int) -> None:
    if not block or block[-1] != cid:
        block.append(cid)


def _union(have: frozenset, more: frozenset) -> frozenset:
    """``have | more``, without a new set when nothing is added."""
    if not have:
        return more
    return have if more <= have else have | more


def _months(lo: int, hi: int) -> list[int]:
    """Month numbers (year * 12 + month - 1) overlapped by a span of day ordinals."""
    first, last = dt.date.fromordinal(lo), dt.date.fromordinal(hi)
    return list(range(first.year * 12 + first.month - 1, last.year * 12 + last.month))


def cluster_features(items: Sequence[Features], day_window: int, km: float) -> tuple[list[list[int]], ClusterStats]:
    """Cluster features already in fusion order; returns member positions per cluster and the counts."""
    clusterer = Clusterer(day_window, km)
    for position, f in enumerate(items):
        clusterer.add(position, f)
    return clusterer.groups(), clusterer.stats
