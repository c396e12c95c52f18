"""Synthetic resolved mentions with known true incidents, for fusion benchmarks and scale tests.

The world it draws from: a few hundred happenings a day (conflict event
datasets record about that many worldwide), spread over weighted conflict
countries and named sites; each happening is reported by a handful of
articles, with the noise real reports carry (a day off, a coarser place,
perpetrator left out, a different casualty figure, no date but the day the
article was published).  A mention's id starts
with its happening (``h123:4``), so a clustering can be scored against the
truth with :func:`true_group`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Optional

from ..records import Actor, Article, DateValue, Figure, Mention, Place, Span

START_DAY = 738000  # an ordinal around 2021-07
# (ISO-2, lat, lon, weight, spread in degrees)
COUNTRIES = (
    ("UA", 48.5, 35.0, 20, 3.0), ("SY", 35.0, 38.5, 12, 2.0), ("PS", 31.4, 34.4, 10, 0.2), ("SD", 15.0, 30.0, 8, 4.0),
    ("MM", 21.0, 96.0, 8, 4.0), ("IQ", 33.0, 43.5, 6, 2.5), ("YE", 15.5, 47.5, 6, 2.5), ("NG", 9.5, 8.0, 5, 3.0),
    ("ML", 15.0, -2.0, 4, 3.0), ("BF", 12.5, -1.5, 4, 1.5), ("SO", 5.0, 46.0, 4, 3.0), ("CD", -2.0, 28.0, 4, 3.0),
    ("AF", 34.0, 66.0, 3, 3.0), ("PK", 31.0, 70.0, 3, 3.0), ("LB", 33.8, 35.8, 3, 0.5), ("ET", 9.0, 39.0, 3, 3.0),
    ("CO", 4.5, -74.0, 2, 3.0), ("MX", 23.0, -102.0, 2, 5.0), ("PH", 10.0, 123.0, 2, 3.0), ("CM", 5.5, 12.5, 2, 2.0),
    ("MZ", -13.0, 39.0, 1, 2.0), ("LY", 29.0, 17.0, 1, 4.0), ("IL", 32.5, 35.0, 1, 0.5), ("IN", 24.0, 80.0, 1, 6.0),
)
# (PLOVER type, ACLED event type, sub-type, weight, is a statement)
TYPES = (
    ("ASSAULT", "Explosions/Remote violence", "Air/drone strike", 18, False),
    ("ASSAULT", "Explosions/Remote violence", "Shelling/artillery/missile attack", 18, False),
    ("ASSAULT", "Explosions/Remote violence", "Remote explosive/landmine/IED", 6, False),
    ("FIGHT", "Battles", "Armed clash", 20, False),
    ("ASSAULT", "Violence against civilians", "Attack", 8, False),
    ("PROTEST", "Protests", "Peaceful protest", 8, False),
    ("COERCE", "Strategic developments", "Arrests", 4, False),
    ("THREATEN", None, None, 4, True),
    ("ACCUSE", None, None, 5, True),
    ("REJECT", None, None, 3, True),
    ("REQUEST", None, None, 3, True),
)
SITES_PER_COUNTRY = 400
ACTORS_PER_COUNTRY = 12
OUTLETS = 300


@dataclass(frozen=True, slots=True)
class WorldShape:
    """How dense the synthetic world is."""

    happenings_per_day: int = 800
    mean_reports: float = 3.0  # mentions per happening
    mentions_per_article: int = 4
    background_share: float = 0.04
    dropped_share: float = 0.04  # future / hypothetical / negated mentions
    fallback_share: float = 0.15  # current mentions dated only by their article's publication day


def true_group(mention_id: str) -> str:
    """The happening a synthetic mention reports."""
    return mention_id.split(":", 1)[0]


def synthetic_mentions(n: int, seed: int = 0, shape: WorldShape = WorldShape()) -> Iterator[Mention]:
    """Yield ``n`` mentions, day after day, without holding them."""
    rng = random.Random(seed)
    sites = _sites(rng)
    country_weights = [c[3] for c in COUNTRIES]
    type_weights = [t[3] for t in TYPES]
    made = happening = 0
    day = START_DAY
    while made < n:
        for _ in range(shape.happenings_per_day):
            if made >= n:
                return
            country = rng.choices(COUNTRIES, country_weights)[0]
            kind = rng.choices(TYPES, type_weights)[0]
            reports = min(n - made, 1 + _poisson(rng, shape.mean_reports - 1))
            yield from _reports(rng, happening, day, country, kind, sites[country[0]], reports, shape)
            made += reports
            happening += 1
        day += 1


def synthetic_articles(mentions: Iterable[Mention]) -> dict[str, Article]:
    """The articles the mentions point at."""
    return {m.article_id: synthetic_article(m.article_id) for m in mentions}


def synthetic_article(article_id: str) -> Article:
    """A synthetic article's metadata, from its id alone (the id tells the outlet, and the happening's day).

    Articles are published the day after the happenings they report.
    """
    day, number = article_id.rsplit("-", 1)
    published = dt.date.fromordinal(int(day) + 1).isoformat()
    return Article(id=article_id, text="", outlet=f"Outlet {int(number) % OUTLETS}", published=published)


class LazyArticles(Mapping[str, Article]):
    """Articles made on demand, so a benchmark can stream mentions without listing them first."""

    def __init__(self) -> None:
        self._made: dict[str, Article] = {}

    def __getitem__(self, article_id: str) -> Article:
        found = self._made.get(article_id)
        if found is None:
            try:
                found = self._made[article_id] = synthetic_article(article_id)
            except (IndexError, ValueError):
                raise KeyError(article_id) from None
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._made)

    def __len__(self) -> int:
        return len(self._made)


def _sites(rng: random.Random) -> dict[str, list[Place]]:
    sites = {}
    for iso, lat, lon, _, spread in COUNTRIES:
        sites[iso] = [
            Place(name=f"{iso} site {k}", country=iso, admin1=f"{iso}-{k % 10}",
                  lat=round(lat + rng.uniform(-spread, spread), 4), lon=round(lon + rng.uniform(-spread, spread), 4),
                  precision="site" if k % 3 == 0 else "town", gazetteer_id=f"{iso}:{k}")
            for k in range(SITES_PER_COUNTRY)]
    return sites


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method; means here are small."""
    limit, k, p = pow(2.718281828459045, -mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _reports(rng: random.Random, happening: int, day: int, country: tuple, kind: tuple, sites: list[Place],
             reports: int, shape: WorldShape) -> Iterator[Mention]:
    iso = country[0]
    ptype, etype, subtype, _, statement = kind
    site = rng.choice(sites)
    background = rng.random() < shape.background_share
    a1 = f"{iso} actor {rng.randrange(ACTORS_PER_COUNTRY)}"
    a2 = f"{iso} actor {rng.randrange(ACTORS_PER_COUNTRY)}"
    dead = rng.choice((0, 0, 1, 2, 3, 4, 5, 7, 10, 25))
    for j in range(reports):
        article = f"{day}-{(happening * 7 + j * 131) % max(1, shape.happenings_per_day * 3 // shape.mentions_per_article)}"
        text = f"Report {j} of happening {happening}: {a1} and {a2} near {site.name}."
        modality = "asserted" if rng.random() >= shape.dropped_share else rng.choice(("future", "hypothetical", "negated"))
        yield Mention(
            id=f"h{happening}:{j}", article_id=article, sentence=Span(text, 0, len(text)), trigger=Span("x", 0, 1),
            plover_type=ptype, acled_event_type=etype, acled_sub_event_type=subtype if rng.random() > 0.1 else None,
            is_statement=statement, modality="claimed" if modality == "asserted" and rng.random() < 0.1 else modality,
            background=background, date=_date(rng, day, background, shape.fallback_share), location=None if statement else _place(rng, site),
            actor1=[Actor(a1)] if statement or rng.random() > 0.3 else [],
            actor2=[Actor(a2)] if rng.random() > 0.4 else [],
            figures=_figures(rng, dead) if not statement and rng.random() < 0.5 else [])


def _date(rng: random.Random, day: int, background: bool, fallback_share: float) -> Optional[DateValue]:
    when = dt.date.fromordinal(day - (400 if background else 0))
    if not background and rng.random() < fallback_share:
        return DateValue(dt.date.fromordinal(day + 1).isoformat(), "day", inferred=True)  # the publication day
    if background and rng.random() < 0.7:
        return DateValue(when.strftime("%Y-%m"), "month")
    if rng.random() < 0.01:
        return None
    if rng.random() < 0.1:
        when += dt.timedelta(days=1)
    return DateValue(when.isoformat(), "day")


def _place(rng: random.Random, site: Place) -> Optional[Place]:
    roll = rng.random()
    if roll < 0.05:
        return None
    if roll < 0.15:
        return Place(name=site.country, country=site.country, precision="country")
    if roll < 0.22:
        return Place(name=site.admin1, country=site.country, admin1=site.admin1, precision="admin1")
    return site


def _figures(rng: random.Random, dead: int) -> list[Figure]:
    roll = rng.random()
    if roll < 0.7:
        return [Figure("killed", dead, dead, "exact", str(dead), 10, 12)]
    if roll < 0.85:
        return [Figure("killed", dead, None, "at least", f"at least {dead}", 10, 20, attribution="a monitor")]
    other = dead + rng.randint(1, 5)
    return [Figure("killed", other, other, "exact", str(other), 10, 12, attribution="officials")]
