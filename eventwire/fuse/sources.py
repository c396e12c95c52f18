"""Who is speaking: articles mapped to independent voices.

A syndicated wire story printed by ten sites is one source, not ten, and two
updates of one outlet's story are one source too.  An article's *voice* is
the news agency of its original (the dateline's ``(AFP)``), else the outlet
of its original, else the original's id; independent sources are distinct
voices.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Optional

from ..records import Article

Duplicates = Callable[[Mapping[str, Article]], Mapping[str, str]]


@dataclass(frozen=True, slots=True)
class ArticleSource:
    """An article as fusion sees it: its outlet, and the voice it repeats."""

    article_id: str
    outlet: Optional[str]
    voice: str


class SourceIndex:
    """Looks up outlets and voices of articles, following copies to their originals."""

    def __init__(self, articles: Mapping[str, Article], copies: Optional[Mapping[str, str]] = None):
        self.articles = articles
        self.copies = dict(copies or {})
        self._cache: dict[str, ArticleSource] = {}

    def get(self, article_id: str) -> ArticleSource:
        """The outlet and voice of one article (an unknown id is its own voice)."""
        found = self._cache.get(article_id)
        if found is None:
            article = self.articles.get(article_id)
            original_id = self._original(article_id)
            original = self.articles.get(original_id) or article
            found = ArticleSource(article_id, article.outlet if article else None, _voice(original, original_id))
            self._cache[article_id] = found
        return found

    def independent(self, article_ids: Iterable[str]) -> int:
        """How many distinct voices the articles carry."""
        return len({self.get(a).voice for a in article_ids})

    def _original(self, article_id: str) -> str:
        """Follow copy links (from the dedup map, then the article's own field) to the first copy; cycles stop."""
        seen = {article_id}
        current = article_id
        while True:
            article = self.articles.get(current)
            nxt = self.copies.get(current) or (article.near_duplicate_of if article else None)
            if not nxt or nxt in seen:
                return current
            seen.add(nxt)
            current = nxt


def _voice(article: Optional[Article], original_id: str) -> str:
    if article is not None:
        agency = article.dateline.agency if article.dateline else None
        for name in (agency, article.outlet):
            if name and name.strip():
                return name.strip().casefold()
    return "id:" + original_id


def find_copies(articles: Mapping[str, Article]) -> dict[str, str]:
    """Copy id -> original id from the near-duplicate detector, or nothing when it is not installed."""
    try:
        from .dedup import near_duplicates
    except ImportError:
        return {}
    return dict(near_duplicates(articles))
