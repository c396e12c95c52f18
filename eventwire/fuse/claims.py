"""Figures as claims, the low/best/high ranges they support, and where they disagree.

Every figure a mention carries (killed, injured, size) becomes a
:class:`~eventwire.records.Claim` with its article, outlet, attribution and
offsets.  Each claim is read as an interval: "four" is [4, 4], "at least
seven" is [7, open], "up to ten" is [unknown, 10], "no casualties" is [0, 0].

Ranges, as UCDP codes them:

* low  = the lowest lower bound any source gives;
* high = the highest upper bound, where a source with no upper bound ("at least
  N") counts with its lower bound N;
* best = the point figure (exact or "about") said by the most independent
  sources, ties going to the lower median of the tied figures; with no point
  figure, the highest lower bound; always kept within [low, high].

So "four" in four outlets and "at least seven" from one monitor give low 4,
best 4, high 7.  Sources disagree on a field when they state different
numbers (4 vs "at least 7", "at least a dozen" vs 17); size figures are only
compared within one unit (projectiles, drones, ...).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Optional

from ..records import Claim, Disagreement, DisagreementValue, Mention, Range
from .sources import SourceIndex

FIELDS = {"killed": "fatalities", "injured": "injuries", "size": "size"}
_UNIT_GROUPS = (
    (re.compile(r"missile|rocket|projectile|shell|mortar|bomb"), "projectiles"),
    (re.compile(r"drone|uav|unmanned"), "drones"),
)
_LOWER_ONLY = frozenset({"at least", "more than", "over"})
_UPPER_ONLY = frozenset({"up to", "less than", "fewer than", "at most"})


def claims_of(mentions: Iterable[Mention], sources: SourceIndex) -> list[Claim]:
    """One claim per figure, once per place in the text even when several mentions share it."""
    seen: set[tuple] = set()
    claims = []
    for m in mentions:
        for fig in m.figures:
            name = FIELDS.get(fig.kind)
            key = (m.article_id, fig.start, fig.end, name)
            if name is None or key in seen:
                continue
            seen.add(key)
            claims.append(Claim(
                field=name, low=fig.low, high=fig.high, qualifier=fig.qualifier or "exact", text=fig.text,
                article_id=m.article_id, start=fig.start, end=fig.end, attribution=fig.attribution,
                outlet=sources.get(m.article_id).outlet))
    claims.sort(key=lambda c: (c.field, c.article_id, c.start))
    return claims


def bounds(claim: Claim) -> Optional[tuple[Optional[int], Optional[int]]]:
    """The interval a claim states, None when it states no number."""
    low, high, qualifier = claim.low, claim.high, (claim.qualifier or "").lower()
    if low is None and high is None:
        return (0, 0) if qualifier == "none" else None
    if qualifier in _UPPER_ONLY:
        return None, high if high is not None else low
    if qualifier in _LOWER_ONLY:
        return low if low is not None else high, None
    if low is None:
        return high, high
    return low, high if high is not None else low


def figure_range(claims: Iterable[Claim], sources: SourceIndex) -> Range:
    """Low, best and high of one field from its claims (see the module docstring)."""
    lows: list[int] = []
    tops: list[int] = []
    support: dict[int, set[str]] = defaultdict(set)
    for claim in claims:
        b = bounds(claim)
        if b is None:
            continue
        low, high = b
        if low is not None:
            lows.append(low)
        if high is not None or low is not None:
            tops.append(high if high is not None else low)
        if low is not None and low == high:
            support[low].add(sources.get(claim.article_id).voice)
    if not tops:
        return Range()
    low = min(lows) if lows else None
    high = max(tops)
    if support:
        most = max(len(v) for v in support.values())
        tied = sorted(value for value, voices in support.items() if len(voices) == most)
        best = tied[(len(tied) - 1) // 2]
    else:
        best = max(lows) if lows else None
    if best is not None:
        best = min(max(best, low if low is not None else best), high)
    return Range(low=low, best=best, high=high)


def unit_group(unit: Optional[str]) -> str:
    """Size figures are comparable only within one kind of thing counted."""
    if not unit:
        return ""
    text = unit.lower()
    for pattern, group in _UNIT_GROUPS:
        if pattern.search(text):
            return group
    return text.rstrip("s")


def figure_disagreements(claims: list[Claim], units: dict[tuple, Optional[str]]) -> list[Disagreement]:
    """A disagreement per field (and size unit) whose sources state different numbers.

    ``units`` maps (article_id, start, end) of a size claim to its unit.
    """
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        unit = unit_group(units.get((claim.article_id, claim.start, claim.end))) if claim.field == "size" else ""
        groups[(claim.field, unit)].append(claim)
    out = []
    for (name, _unit), group in sorted(groups.items()):
        stated = {_stated(c) for c in group} - {None}
        if len(stated) > 1:
            out.append(Disagreement(field=name, values=_values(group)))
    return out


def _stated(claim: Claim) -> Optional[int]:
    b = bounds(claim)
    if b is None:
        return None
    return b[0] if b[0] is not None else b[1]


def _display(claim: Claim) -> object:
    """An exact figure as a number, a qualified one as its words ("at least 7")."""
    b = bounds(claim)
    qualifier = (claim.qualifier or "").lower()
    number = _stated(claim)
    if b is not None and b[0] == b[1] and qualifier in ("exact", "none", ""):
        return number
    return f"{qualifier} {number}"


def _values(group: list[Claim]) -> list[DisagreementValue]:
    """One value per distinct (figure, who said it), with the first article that says it."""
    firsts: dict[tuple, DisagreementValue] = {}
    for claim in sorted(group, key=lambda c: (c.article_id, c.start)):
        if _stated(claim) is None:
            continue
        who = claim.attribution or claim.outlet
        key = (repr(_display(claim)), (who or "").casefold())
        firsts.setdefault(key, DisagreementValue(value=_display(claim), source=who, article_id=claim.article_id))
    return list(firsts.values())
