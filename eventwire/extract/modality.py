"""Is the happening asserted, claimed, denied, negated, future or hypothetical; is it news or history?

Modality is read off the trigger's own auxiliaries and negation and the verbs
above it ("denied that ... attacks", "claimed responsibility for", "might use
drones in future attacks").  Background is read off time cues relative to the
story's publication day: a past month or year without a day ("In February", "in
December 2019"), "last year", "at the time", "earlier that month", "since
<time>", the past perfect, or a dated day more than a month before publication.
"""

from __future__ import annotations

import re
from datetime import date

from .figures import number_value
from .spans import clause_text, own_past_clause
from ..records import ASSERTED, CLAIMED, DENIED, FUTURE, HYPOTHETICAL, NEGATED

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_DAY = re.compile(_MONTH + r"\.?\s+(\d{1,2})\b(?:,?\s+((?:19|20)\d\d))?")
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+" + _MONTH + r"\b(?:,?\s+((?:19|20)\d\d))?")
_MONTH_ALONE = re.compile(r"\b(?i:in|since|during|by|until|last|early|late|mid-?|of|from)\s+" + _MONTH +
                          r"\b(?!\s+\d{1,2}\b)(?:\s+((?:19|20)\d\d))?")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_HISTORY = re.compile(r"\blast year\b|\byears? ago\b|\bat the time\b(?! (?:and|or) place)|"
                      r"\bearlier that (?:month|year|week)\b|"
                      r"\bthe previous (?:year|month)\b|\bin the past\b|\bpreviously\b|"
                      r"\bsince (?:the (?:start|beginning|outbreak)|last year|\d{4})|"
                      r"\bhistor(?:y|ic)\b|\bback in\b", re.I)
_GENERIC = frozenset("repeated periodic ongoing series recent such frequent increasingly sporadic regular "
                     "several numerous multiple".split())
_OCCASION_WORDS = frozenset("occasions times instances".split())
_SERIES = _GENERIC | frozenset("wave spate string campaign spree".split())
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"might", "could", "may", "should", "would", "can", "must"})
DENY = frozenset({"deny", "reject", "dismiss", "refute"})
CLAIM = frozenset({"claim", "allege"})
INTENT = frozenset({"plan", "threaten", "vow", "intend", "prepare", "seek", "want", "aim", "pledge", "promise"})
_DAY_WORDS = re.compile(r"day\b|\d|tonight|yesterday|today|morning|evening|night", re.I)
_CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "conj", "advcl", "ROOT"})
_FUTURE_WORDS = re.compile(r"\bfuture\b|\bnext (?:week|month|year)\b|\bupcoming\b", re.I)
# "for fear of further strikes", "the risk of attacks": a happening feared, not one that took place
FEAR_NOUNS = frozenset("fear fears threat risk prospect danger possibility spectre specter".split())
# A named day of this week or "yesterday": the past perfect of reported speech ("Sunday's strike had
# killed two") is then the news of the day, not history.
_RECENT = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\byesterday\b|\blast night\b", re.I)


def modality(trigger) -> str:
    """The modality of the happening ``trigger`` (a spaCy token) names.

    Auxiliaries and negation count on the trigger and on the verbs whose
    clause complement it is; "vowed to attack" makes an attack future only
    when the attack is the verb's complement, not when it sits in a phrase
    ("vowed to retaliate for the deaths in an airstrike" reports the airstrike).
    """
    node, steps, through_clause = trigger, 0, True
    while steps < 6:
        for child in node.children:
            lower = child.lower_
            if through_clause and (child.dep_ == "neg" or (node is trigger and child.dep_ == "det"
                                                            and lower in ("no", "never"))):
                return NEGATED
            if through_clause and child.dep_ == "aux" and lower in FUTURE_AUX:
                return FUTURE
            if through_clause and child.dep_ == "aux" and lower in HYPOTHETICAL_AUX:
                return HYPOTHETICAL
            if through_clause and child.dep_ == "mark" and lower in ("if", "unless", "whether"):
                return HYPOTHETICAL
        lemma = node.lemma_.lower()
        if node is not trigger:
            if lemma in DENY:
                return DENIED
            if lemma in CLAIM or (lemma == "responsibility" and node.head.lemma_.lower() == "claim"):
                return CLAIMED
            if lemma in INTENT and through_clause:
                return FUTURE
        if node.head is node:
            break
        # "would respond ..., a day after a strike killed four": the strike happened, whatever the
        # auxiliaries of the verb its clause hangs on say
        through_clause = through_clause and node.dep_ in _CLAUSE_DEPS and not own_past_clause(node)
        node, steps = node.head, steps + 1
    for child in trigger.children:
        if child.dep_ == "amod" and _FUTURE_WORDS.search(child.text):
            return FUTURE
    if trigger.head.lower_ == "of" and trigger.head.head.lemma_.lower() in FEAR_NOUNS:
        return HYPOTHETICAL
    return ASSERTED


def _month_index(name: str) -> int:
    return MONTHS.index(name.lower()) + 1


def _days_before(published: date, month: int, day: int, year: int | None) -> int | None:
    """How many days before ``published`` the day named falls (the year guessed when the text omits it)."""
    try:
        when = date(year or published.year, month, day)
        if year is None and when > published:
            when = date(published.year - 1, month, day)
    except ValueError:
        return None
    return (published - when).days


def is_background(text: str, trigger, published: str | None) -> bool:
    """Whether the sentence ``text`` recalls history rather than reporting the news of the day."""
    pub = _parse_iso(published)
    if _HISTORY.search(text):
        return True
    for match in _MONTH_ALONE.finditer(text):
        month, year = _month_index(match.group(1)), match.group(2)
        since = match.group(0).lower().startswith("since")
        if pub is None or (year and int(year) < pub.year) or month != pub.month or since:
            return True
    if pub is not None:
        for match in _YEAR.finditer(text):
            if int(match.group(1)) < pub.year and not _is_in_day_expression(text, match.start()):
                return True
        for pattern, month_group, day_group in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
            for match in pattern.finditer(text):
                days = _days_before(pub, _month_index(match.group(month_group)), int(match.group(day_group)),
                                    int(match.group(3)) if match.group(3) else None)
                if days is not None and days > 31:
                    return True
    if _RECENT.search(text):
        return False
    return any(child.dep_ == "aux" and child.lower_ == "had" for child in trigger.head.children) or \
        any(child.dep_ == "aux" and child.lower_ == "had" for child in trigger.children)


def is_aggregate(trigger, ents: list) -> bool:
    """A plural event noun that sums up many happenings ("at least five drone attacks since April",
    "repeated rocket attacks") rather than reporting one; a named day keeps it ("two attacks Tuesday")."""
    if trigger.pos_ != "NOUN" or trigger.tag_ != "NNS":
        return False
    if any(e.label_ in ("DATE", "TIME") and _DAY_WORDS.search(e.text) for e in ents):
        return False
    words = set(clause_text(trigger).lower().split()) | _verb_frequency(trigger)
    if words & _GENERIC or words & {"since", "past", "last"}:
        return True
    head = trigger.head
    if head.lower_ == "of" and head.head.lemma_.lower() in _SERIES:  # "a series of attacks", "a wave of strikes"
        return True
    counts = [c for c in trigger.children if c.dep_ == "nummod"]
    return any((number_value(c) or 0) >= 3 for c in counts)


def _verb_frequency(noun) -> set[str]:
    """Words of how often the verb that carries the noun happened ("has on several occasions launched
    strikes", "carried out strikes multiple times")."""
    head = noun.head
    if noun.dep_ not in ("dobj", "nsubjpass") or head.pos_ != "VERB":
        return set()
    out: set[str] = set()
    # "has on several occasions launched": the phrase may hang on the auxiliary
    mods = [c for c in head.children] + [g for c in head.children if c.dep_ == "aux" for g in c.children]
    for child in mods:
        if child.dep_ in ("prep", "npadvmod", "advmod") and child.i != noun.i:
            tokens = list(child.subtree)
            if any(t.lower_ in _OCCASION_WORDS for t in tokens):
                out.update(t.lower_ for t in tokens)
                if any(t.like_num and (number_value(t) or 0) >= 2 for t in tokens):
                    out.add("several")  # "three times"
    return out


def _is_in_day_expression(text: str, position: int) -> bool:
    window = text[max(0, position - 12):position]
    return bool(re.search(r"\d{1,2},?\s*$", window))


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
