"""Toponyms found and placed on the map from the packaged gazetteer.

Contract: ``Geocoder(settings)`` loads the gazetteer once;
``geoparse(text, doc, article=None) -> list[Place]`` finds every place mention
with its span and resolved entry; ``event_location(mention, article, places)``
picks the happening's location among them.
"""

from __future__ import annotations

from typing import Optional

from ..config import Settings
from ..records import Article, Mention, Place

# PLACEHOLDER: no gazetteer yet.


class Geocoder:
    def __init__(self, settings: Settings):
        self.settings = settings

    def geoparse(self, text: str, doc=None, article: Optional[Article] = None) -> list[Place]:
        return []

    def event_location(self, mention: Mention, article: Article, places: list[Place]) -> Optional[Place]:
        return None
