"""Time expressions resolved to calendar values against the publication date.

Contract:
- ``find_dates(text, published, doc=None) -> list[DateValue]``: every date
  expression in ``text`` with its span, value (TimeML form) and precision,
  resolved against ``published`` (ISO day or None).
- ``event_date(mention, article, doc, dates) -> DateValue | None``: the date of
  the happening a mention reports (None rather than a wrong day).

Detection and resolution are the regex grammar in :mod:`.timex` (fast, no
parse needed); the spaCy parse, when there is one, only decides which date in
a sentence belongs to the event.  Without a publication date, one is taken
from a byline or dateline near the top when the text writes it in full, and
every value resolved against it is marked ``inferred``; otherwise relative
expressions are left out rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Optional

from ..records import FUTURE, HYPOTHETICAL, Article, DateValue, Mention
from ..timeml import first_date
from . import timex

# Mentions of what has not happened (yet): they may take a later date, never the publication day.
_NOT_HAPPENED = frozenset({FUTURE, HYPOTHETICAL})
# A later dateline more than this far from the publication day is not trusted as a reference.
_DATELINE_DAYS = 31
# Words just before a date that make it a bound of a period, not the day something happened.
_BOUND = re.compile(r"\b(?:since|until|till|before|after|by|from|through|ahead\s+of)\s+(?:the\s+|last\s+)?$",
                    re.I)


def parse_day(value: Optional[str]) -> Optional[date]:
    """The ISO day at the start of ``value`` ("2021-06-28", "2021-06-28T10:00Z"), or None."""
    if not value or not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def reference_days(text: str, published: Optional[date]) -> tuple[list[tuple[int, date]], bool]:
    """Reference days by offset (publication day, then later datelines), and whether inferred."""
    inferred = published is None
    first = published or timex.opening_date(text)
    refs: list[tuple[int, date]] = [(0, first)] if first else []
    for offset, day in timex.datelines(text):
        if offset < 600 or (first and abs((day - first).days) > _DATELINE_DAYS):
            continue  # the opening dateline is the publication day's source, not a new story
        refs.append((offset, day))
    return refs, inferred


def find_dates(text: str, published: Optional[str], doc=None, timeml: bool = False) -> list[DateValue]:
    """Every date expression in ``text``, resolved against ``published`` (see module notes).

    ``doc`` is accepted for the pipeline's signature but not needed: the grammar
    finds more dates than spaCy's DATE entities and resolves them in one pass.
    With ``timeml`` the values events never use are kept too (quarters, seasons,
    decades, PRESENT_REF ...), as the ``dates`` command's TimeML output wants.
    """
    if not text:
        return []
    refs, inferred = reference_days(text, parse_day(published))
    return [
        DateValue(found.value, found.precision, text[found.start:found.end], found.start, found.end,
                  inferred=inferred and found.relative)
        for found in timex.scan(text, refs, extended=timeml)
    ]


def dates_records(records: Iterable[dict], settings) -> Iterator[dict]:
    """``{id, text, published}`` in, ``{id, dates: [{text, start, end, value, precision}]}`` out."""
    for record in records:
        text = record.get("text") or ""
        dates = find_dates(text if isinstance(text, str) else "", record.get("published"), timeml=True)
        yield {"id": record.get("id"),
               "dates": [{"text": d.text, "start": d.start, "end": d.end, "value": d.value,
                          "precision": d.precision} for d in dates]}


def _usable(value: DateValue, text: str, published: Optional[date], background: bool, ahead: bool) -> bool:
    """A date that can be the event's: not a period bound, not a dateline's filing day, not
    'today' for history, and not after publication unless the mention is about the future."""
    if _BOUND.search(text[max(0, value.start - 16):value.start]):
        return False
    if timex.is_dateline_date(text, value.start, value.end):
        return False
    first = first_date(value.value)
    if first is None or (published is not None and first > published and not ahead):
        return False
    return not (background and published is not None and value.precision == "day" and first == published)


def _token_root(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    return span.root if span is not None and len(span) else None


def _tree_distance(trigger, token) -> tuple[int, int]:
    """(0 when the trigger governs the date else 1, hops through the lowest common ancestor).

    A date inside the trigger's own subtree ("shelled ... on Sunday") beats one
    hanging off a governing verb ("said Tuesday") even when that is as near.
    """
    depth = {trigger.i: 0}
    for hops, ancestor in enumerate(trigger.ancestors, start=1):
        depth[ancestor.i] = hops
    if token.i in depth:
        return (1 if depth[token.i] else 0), depth[token.i]
    for hops, ancestor in enumerate(token.ancestors, start=1):
        if ancestor.i in depth:
            return (0 if ancestor.i == trigger.i else 1), hops + depth[ancestor.i]
    return 2, 99


def _closest(mention: Mention, doc, candidates: list[DateValue]) -> DateValue:
    """The date the parse attaches nearest to the trigger; character distance breaks ties."""
    trigger = _token_root(doc, mention.trigger.start, mention.trigger.end)
    middle = (mention.trigger.start + mention.trigger.end) / 2

    def key(value: DateValue) -> tuple[int, int, float]:
        chars = abs((value.start + value.end) / 2 - middle)
        token = _token_root(doc, value.start, value.end) if trigger is not None else None
        if token is None:
            return (0, 0, chars)
        return (*_tree_distance(trigger, token), chars)

    return min(candidates, key=key)


def _paragraph_start(article: Article, offset: int) -> int:
    for span in article.paragraphs:
        if span.start <= offset <= span.end:
            return span.start
    return article.text.rfind("\n", 0, offset) + 1


def _publication(article: Article) -> Optional[date]:
    """The article's day: as given, else from its dateline or a full date in its byline."""
    given = parse_day(article.published)
    if given is not None:
        return given
    from_dateline = parse_day(article.dateline.date) if article.dateline else None
    return from_dateline or timex.opening_date(article.text)


def _time_before(mention: Mention, text: str, own: list[DateValue],
                 published: Optional[date]) -> Optional[DateValue]:
    """The day of a happening told as "..., a day after <it>": so many days before the day of the
    clause it follows (its date just before the phrase, else the publication day), for a mention
    with no other time of its own."""
    found = _DAYS_AFTER.search(text, mention.sentence.start, mention.trigger.start)
    if found is None or text.find(",", found.end(), mention.trigger.start) >= 0:
        return None
    if any(not found.start() <= t.start < found.end() for t in mention.times):
        return None
    anchors = [d for d in own if d.end <= found.start() and d.precision == "day"]
    if anchors:
        base, inferred = parse_day(anchors[-1].value), anchors[-1].inferred
    elif not mention.background:
        base, inferred = published, True
    else:
        return None
    if base is None:
        return None
    days = timex.number(found.group("n")) * (7 if found.group("unit").lower().startswith("week") else 1)
    return DateValue((base - timedelta(days=days)).isoformat(), "day", found.group(0), found.start(), found.end(),
                     inferred=inferred)


_DAYS_AFTER = re.compile(r"\b(?P<n>a|one|two|three|four|five|six|seven|\d)\s+(?P<unit>days?|weeks?)\s+after\b", re.I)


def event_date(mention: Mention, article: Article, doc, dates: list[DateValue]) -> Optional[DateValue]:
    """The day (or coarser) of the happening ``mention`` reports; None rather than a wrong day.

    Order: a date in the mention's sentence (the one the parse attaches to the
    trigger), else the last date earlier in the same paragraph, else — for news
    of the day only — the publication day, marked ``inferred``.  Background
    mentions take only a date of their own sentence: never the publication day.
    Future and hypothetical mentions may take a date after publication, and no
    fallback.
    """
    published = _publication(article)
    text = article.text
    sentence = mention.sentence
    ahead = mention.modality in _NOT_HAPPENED
    usable = [d for d in dates if _usable(d, text, published, mention.background, ahead)]
    own = [d for d in usable if sentence.start <= d.start and d.end <= sentence.end]
    # extraction cut the sentence into event clauses: a date of another clause ("X came under attack
    # Monday, a day after planes struck Y"; "told AP on Monday that four were killed in the strikes")
    # is not this event's; a back-reference with no date of its own is dated by what it refers to
    if mention.times:
        own = [d for d in own if any(t.start <= d.start < t.end or d.start <= t.start < d.end
                                     for t in mention.times)] or own
    elif mention.anaphoric:
        own = []
    before = _time_before(mention, text, own, published)
    if before is not None:
        return before
    if own:
        return _closest(mention, doc, own)
    if mention.background:
        return None
    paragraph = _paragraph_start(article, sentence.start)
    earlier = [d for d in usable if paragraph <= d.start and d.end <= sentence.start]
    if earlier:
        return earlier[-1]
    if published is None or ahead:
        return None
    # No date expression: wire copy reports the day's events, so the publication day, marked
    # inferred (it was not read from the text) for fusion to weigh below a stated date.
    return DateValue(published.isoformat(), "day", inferred=True)
