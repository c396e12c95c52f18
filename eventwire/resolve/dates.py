"""Time expressions resolved to calendar values against the publication date.

Contract:
- ``find_dates(text, published, doc=None) -> list[DateValue]``: every date
  expression in ``text`` with its span, value (TimeML form) and precision,
  resolved against ``published`` (ISO day or None).
- ``event_date(mention, article, doc, dates) -> DateValue | None``: the date of
  the happening a mention reports (None rather than a wrong day).
"""

from __future__ import annotations

from typing import Optional

from ..records import Article, DateValue, Mention

# PLACEHOLDER: no resolution yet.


def find_dates(text: str, published: Optional[str], doc=None) -> list[DateValue]:
    return []


def event_date(mention: Mention, article: Article, doc, dates: list[DateValue]) -> Optional[DateValue]:
    if article.published and not mention.background:
        return DateValue(article.published, "day", inferred=True)
    return None
