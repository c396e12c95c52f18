"""Event extraction: sentences in, typed :class:`Mention` records out.

Contract: ``extract_mentions(article, doc, settings) -> list[Mention]`` where
``doc`` is the spaCy parse of ``article.text``; offsets are article offsets.
"""

from __future__ import annotations

from ..config import Settings
from ..records import Article, Mention, Span

# PLACEHOLDER: a tiny trigger list, replaced by the full extraction package.
_TRIGGERS = {"airstrike": ("ASSAULT", "aerial", "Explosions/Remote violence", "Air/drone strike"),
             "rocket": ("ASSAULT", "heavy-weapons", "Explosions/Remote violence", "Shelling/artillery/missile attack")}


def extract_mentions(article: Article, doc, settings: Settings) -> list[Mention]:
    mentions = []
    for sent in doc.sents:
        for token in sent:
            hit = _TRIGGERS.get(token.lemma_.lower())
            if hit:
                mentions.append(Mention(
                    id=f"{article.id}:{token.idx}", article_id=article.id,
                    sentence=Span(sent.text, sent.start_char, sent.end_char),
                    trigger=Span(token.text, token.idx, token.idx + len(token)),
                    plover_type=hit[0], plover_mode=hit[1], acled_event_type=hit[2], acled_sub_event_type=hit[3]))
                break
    return mentions
