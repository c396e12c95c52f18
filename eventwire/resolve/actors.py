"""Actor spans normalised to one canonical name per real group or body.

Contract: ``ActorResolver(settings)`` loads the packaged actor list (plus the
user's); ``resolve(spans, article, doc) -> list[Actor]``.
"""

from __future__ import annotations

from ..config import Settings
from ..records import Actor, Article, Span

# PLACEHOLDER: names pass through unchanged.


class ActorResolver:
    def __init__(self, settings: Settings):
        self.settings = settings

    def resolve(self, spans: list[Span], article: Article, doc=None) -> list[Actor]:
        return [Actor(name=s.text, text=s.text, start=s.start, end=s.end) for s in spans]
