"""Resolution: the spans extraction found, turned into dates, places and actors.

``Resolver(settings).resolve(article, doc, mentions)`` fills ``date``,
``location``, ``actor1`` and ``actor2`` of each mention in place.  The models
behind it (gazetteer, actor list) are loaded once per process.
"""

from __future__ import annotations

from ..config import Settings
from ..records import Article, Mention


class Resolver:
    def __init__(self, settings: Settings):
        from .actors import ActorResolver
        from .places import Geocoder

        self.settings = settings
        self.geocoder = Geocoder(settings)
        self.actors = ActorResolver(settings)

    def resolve(self, article: Article, doc, mentions: list[Mention]) -> None:
        from .dates import event_date, find_dates

        if not mentions:
            return
        dates = find_dates(article.text, article.published, doc)
        places = self.geocoder.geoparse(article.text, doc, article)
        for mention in mentions:
            mention.date = event_date(mention, article, doc, dates)
            mention.location = self.geocoder.event_location(mention, article, places)
            mention.actor1 = self.actors.resolve(mention.actors, article, doc)
            mention.actor2 = self.actors.resolve(mention.recipients, article, doc)
