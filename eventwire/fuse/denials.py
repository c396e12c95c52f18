"""Denials set against the incidents they contradict.

A REJECT statement ("the PMF denied the presence of weapons warehouses") is
linked to an event incident reported in the same article when the two share an
actor: the denier is best the target (actor2) of the event, or the one it
answers is its perpetrator (actor1).  The event then gets a ``denial``
disagreement holding both the assertion and the denial, each with who said it.
Only the best-matching events in the article are linked, so one denial does not
mark every incident a long article reports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..records import Disagreement, DisagreementValue, Incident, Source

DENIAL_TYPES = frozenset({"REJECT"})


def link_denials(incidents: Sequence[Incident]) -> int:
    """Add a ``denial`` disagreement to each event a denial contradicts; returns how many links were made."""
    events_by_article: dict[str, list[Incident]] = defaultdict(list)
    for incident in incidents:
        if not incident.is_statement:
            for article_id in incident.article_ids:
                events_by_article[article_id].append(incident)
    linked: set[tuple[str, str]] = set()
    for denial in incidents:
        if not (denial.is_statement and denial.plover_type in DENIAL_TYPES):
            continue
        for article_id in denial.article_ids:
            for event in _best_matches(denial, events_by_article.get(article_id, ())):
                if (event.id, denial.id) not in linked:
                    linked.add((event.id, denial.id))
                    event.disagreements.append(_disagreement(event, denial, article_id))
    return len(linked)


def _best_matches(denial: Incident, events: Sequence[Incident]) -> list[Incident]:
    speaker, addressee = set(denial.actor1), set(denial.actor2)
    scored = []
    for event in events:
        doers, targets = set(event.actor1), set(event.actor2)
        score = 2 * len(speaker & targets) + 2 * len(addressee & doers) + len(speaker & doers) + len(addressee & targets)
        if score:
            scored.append((score, event))
    if not scored:
        return []
    top = max(score for score, _ in scored)
    return [event for score, event in scored if score == top]


def _disagreement(event: Incident, denial: Incident, article_id: str) -> Disagreement:
    asserted = _source_in(event.sources, article_id)
    denied = _source_in(denial.sources, article_id)
    return Disagreement(field="denial", values=[
        DisagreementValue(value=asserted.text, source=asserted.outlet, article_id=article_id),
        DisagreementValue(value=denied.text, source=", ".join(denial.actor1) or denied.outlet, article_id=article_id),
    ])


def _source_in(sources: Sequence[Source], article_id: str) -> Source:
    return next((s for s in sources if s.article_id == article_id), sources[0])
