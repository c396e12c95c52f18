"""The typed records that flow between pipeline stages, and nothing else.

Every stage takes and returns these records, so a stage can be tested on
hand-made inputs and run unchanged in a process pool or on a cluster (all of
them pickle and round-trip through plain dicts).  Provenance is kept on every
resolved value: the article id and the character offsets of the words it came
from.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from typing import Any, Optional

# Modalities a mention can carry.  Only ASSERTED and CLAIMED happenings become
# incidents of the day; the rest are kept for audit but not fused.
ASSERTED, CLAIMED, DENIED, FUTURE, HYPOTHETICAL, NEGATED = (
    "asserted", "claimed", "denied", "future", "hypothetical", "negated")
FACTUAL_MODALITIES = frozenset({ASSERTED, CLAIMED})

# Date precisions, finest first.
PRECISIONS = ("day", "week", "month", "year")

# Place precisions, finest first (ACLED geo_precision 1 = site/town, 2 = admin2/near, 3 = larger).
PLACE_PRECISIONS = ("site", "town", "admin2", "admin1", "country", "region")


def to_dict(record: Any) -> Any:
    """Turn a record (or nested records, lists, dicts) into plain JSON-ready data."""
    if dataclasses.is_dataclass(record):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(item) for item in record]
    if isinstance(record, dict):
        return {key: to_dict(value) for key, value in record.items()}
    return record


def from_dict(cls: type, data: Optional[dict]) -> Any:
    """Rebuild a record of type ``cls`` from :func:`to_dict` output.

    Nested records are rebuilt from the field type names declared below, so the
    stored JSON of a mention or incident loads back into the same objects.
    """
    if data is None:
        return None
    kwargs = {}
    for name, nested in _field_plan(cls):
        if name not in data:
            continue
        value = data[name]
        if nested is not None and value is not None:
            item_cls, is_list = nested
            value = [from_dict(item_cls, v) for v in value] if is_list else from_dict(item_cls, value)
        kwargs[name] = value
    return cls(**kwargs)


@functools.lru_cache(maxsize=None)
def _field_plan(cls: type) -> tuple[tuple[str, Optional[tuple[type, bool]]], ...]:
    """Each field of ``cls`` with its nested record type: computed once per class (fusion loads millions)."""
    return tuple((f.name, _NESTED.get((cls.__name__, f.name))) for f in dataclasses.fields(cls))


@dataclass(slots=True)
class Span:
    """A stretch of an article's clean text: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Dateline:
    """The ``PLACE (AGENCY) DATE -`` opening of a wire story."""

    place: Optional[str] = None
    agency: Optional[str] = None
    date: Optional[str] = None  # ISO day when the dateline carries one
    text: str = ""


@dataclass(slots=True)
class Article:
    """One news story, cleaned, with the metadata fusion and resolution need."""

    id: str
    text: str
    title: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None  # ISO day, or None when nothing says it
    published_source: Optional[str] = None  # record | dateline | html | byline | None
    paragraphs: list[Span] = field(default_factory=list)
    dateline: Optional[Dateline] = None
    language: str = "en"
    source_path: Optional[str] = None
    content_hash: str = ""
    fingerprint: Optional[str] = None  # 64-bit simhash as 16 hex digits, for near-duplicate detection
    near_duplicate_of: Optional[str] = None  # id of the earlier copy of the same wire story


@dataclass(slots=True)
class Figure:
    """A number the text gives about a happening, with its qualifier and source."""

    kind: str  # killed | injured | size
    low: Optional[int]
    high: Optional[int]
    qualifier: str  # exact | at least | up to | about | more than | none
    text: str
    start: int
    end: int
    attribution: Optional[str] = None  # "Syrian Observatory for Human Rights", ...
    unit: Optional[str] = None  # for size: rockets, drones, facilities ...


@dataclass(slots=True)
class DateValue:
    """A resolved date: ``value`` is written as TimeML writes it (2021-06-27, 2021-06, 2021-W26)."""

    value: str
    precision: str  # day | week | month | year
    text: str = ""
    start: int = -1
    end: int = -1
    inferred: bool = False  # resolved against an inferred publication date


@dataclass(slots=True)
class Place:
    """A place on the map, from the gazetteer, with the words that named it."""

    name: str
    country: Optional[str] = None  # ISO-2
    admin1: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    precision: str = "town"  # one of PLACE_PRECISIONS
    feature: Optional[str] = None  # city, base, oilfield, admin1, country ...
    gazetteer_id: Optional[str] = None
    text: str = ""
    start: int = -1
    end: int = -1
    score: float = 0.0


@dataclass(slots=True)
class Actor:
    """A resolved actor: one canonical name per real group or body."""

    name: str
    kind: Optional[str] = None  # state forces, rebel group, political militia, ...
    country: Optional[str] = None
    inter: Optional[int] = None  # ACLED inter code 1..8
    text: str = ""
    start: int = -1
    end: int = -1
    led_by: Optional[str] = None  # ISO-2 of the state leading a coalition: reports name either for one side


@dataclass(slots=True)
class Mention:
    """One report of one happening (or one statement) in one article."""

    id: str
    article_id: str
    sentence: Span
    trigger: Span
    plover_type: str
    plover_mode: Optional[str] = None
    acled_event_type: Optional[str] = None
    acled_sub_event_type: Optional[str] = None
    is_statement: bool = False
    score: float = 0.0
    modality: str = ASSERTED
    background: bool = False
    # refers back to a happening reported earlier ("the strikes", "the same base was hit"):
    # fusion joins it to that happening rather than dating it to the publication day
    anaphoric: bool = False
    actors: list[Span] = field(default_factory=list)
    recipients: list[Span] = field(default_factory=list)
    places: list[Span] = field(default_factory=list)
    times: list[Span] = field(default_factory=list)
    weapons: list[Span] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    quote: Optional[Span] = None
    # filled by resolution
    date: Optional[DateValue] = None
    location: Optional[Place] = None
    actor1: list[Actor] = field(default_factory=list)
    actor2: list[Actor] = field(default_factory=list)


@dataclass(slots=True)
class Range:
    """Casualty figures as UCDP codes them: a low, a best and a high estimate."""

    low: Optional[int] = None
    best: Optional[int] = None
    high: Optional[int] = None


@dataclass(slots=True)
class Source:
    """Where an incident is reported: the article and the sentence."""

    article_id: str
    outlet: Optional[str]
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Claim:
    """One figure about an incident, as one source gives it."""

    field: str  # fatalities | injuries | size
    low: Optional[int]
    high: Optional[int]
    qualifier: str
    text: str
    article_id: str
    start: int
    end: int
    attribution: Optional[str] = None
    outlet: Optional[str] = None
    unit: Optional[str] = None  # for size claims: rockets, drones, facilities ...


@dataclass(slots=True)
class DisagreementValue:
    value: Any
    source: Optional[str]
    article_id: str


@dataclass(slots=True)
class Disagreement:
    """A field on which the sources of one incident differ."""

    field: str
    values: list[DisagreementValue] = field(default_factory=list)


@dataclass(slots=True)
class Incident:
    """A real-world happening with every mention, claim and disagreement about it."""

    id: str
    kind: str  # current | background
    plover_type: str
    plover_mode: Optional[str] = None
    acled_event_type: Optional[str] = None
    acled_sub_event_type: Optional[str] = None
    is_statement: bool = False
    date: Optional[DateValue] = None
    location: Optional[Place] = None
    actor1: list[str] = field(default_factory=list)
    actor2: list[str] = field(default_factory=list)
    fatalities: Range = field(default_factory=Range)
    injuries: Range = field(default_factory=Range)
    mention_ids: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    independent_sources: int = 0
    confidence: float = 0.0


@dataclass(slots=True)
class Rejected:
    """An input that could not be read, with the one-line reason a user sees."""

    path: str
    reason: str


# (record class name, field name) -> (nested record class, is it a list)
_NESTED: dict[tuple[str, str], tuple[type, bool]] = {
    ("Article", "paragraphs"): (Span, True),
    ("Article", "dateline"): (Dateline, False),
    ("Mention", "sentence"): (Span, False),
    ("Mention", "trigger"): (Span, False),
    ("Mention", "actors"): (Span, True),
    ("Mention", "recipients"): (Span, True),
    ("Mention", "places"): (Span, True),
    ("Mention", "times"): (Span, True),
    ("Mention", "weapons"): (Span, True),
    ("Mention", "figures"): (Figure, True),
    ("Mention", "quote"): (Span, False),
    ("Mention", "date"): (DateValue, False),
    ("Mention", "location"): (Place, False),
    ("Mention", "actor1"): (Actor, True),
    ("Mention", "actor2"): (Actor, True),
    ("Incident", "date"): (DateValue, False),
    ("Incident", "location"): (Place, False),
    ("Incident", "fatalities"): (Range, False),
    ("Incident", "injuries"): (Range, False),
    ("Incident", "sources"): (Source, True),
    ("Incident", "claims"): (Claim, True),
    ("Incident", "disagreements"): (Disagreement, True),
    ("Disagreement", "values"): (DisagreementValue, True),
}
