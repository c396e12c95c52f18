"""Verbal events: threats, accusations, denials and demands, with speaker, recipient and quote.

A statement needs a statement word (lexicon.STATEMENT_LEMMAS, or "call for/on")
and a speaker: the subject of the statement verb or of the verb it hangs from
("issued a statement ... condemning the attacks").  The recipient is the object
("accused the U.S."), "against/on/to X", or who is asked to act ("calling for
the coalition to leave").  When the object is an event ("condemned the U.S.
airstrikes") the actor named inside it is the recipient.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Span
from .arguments import modifier_actors
from .lexicon import CROWD_LEMMAS, STATEMENT_LEMMAS
from .spans import children, depth, phrase, prep_objects

THREAT_OBJECTS = frozenset("revenge retaliation vengeance retribution war".split())
EVENT_NOUNS = frozenset("strike airstrike raid attack bombing shelling operation action killing".split())
STATEMENT_NOUNS = frozenset({"accusation", "condemnation", "denial"})
_RELATIVE = frozenset({"that", "which", "who", "whom"})
_QUOTE = re.compile(r"[\"“]([^\"”]{12,})[\"”]")


@dataclass
class StatementHit:
    plover_type: str
    trigger: object  # spaCy token
    speaker: list
    recipient: list


def _statement_type(token) -> str | None:
    lemma = token.lemma_.lower()
    if lemma == "call":
        # "called on Monday for ..." and "call up to 200,000 reservists": the object must be a party
        preps = {c.lower_ for c in token.children if c.dep_ == "prep"
                 and any(o.dep_ == "pobj" and not o.ent_type_ for o in c.children)}
        # "calling for the coalition to leave": "for" marks the clause of what is asked
        preps |= {m.lower_ for c in token.children if c.dep_ in ("advcl", "ccomp", "xcomp")
                  for m in c.children if m.dep_ == "mark"}
        objects = [o for o in prep_objects(token, "for") if o.lemma_.lower() in THREAT_OBJECTS]
        if objects:
            return "THREATEN"
        if preps & {"for", "on"}:
            return "REQUEST"
        if any(c.dep_ in ("oprd", "attr", "dobj") and c.lemma_.lower() == "violation" for c in token.subtree):
            return "ACCUSE"
        return None
    if lemma == "describe" and any(t.lemma_.lower() == "violation" for t in token.subtree):
        return "ACCUSE"
    if token.pos_ == "NOUN" and lemma not in STATEMENT_NOUNS:
        return None  # "filed an appeal", "a request", "a violation" (reached through its verb)
    return STATEMENT_LEMMAS.get(lemma)


def _speaker(token) -> list:
    """The subject of the statement word or of the words it hangs from ("groups issued a statement
    saying ... and vowing to retaliate": the parse may hang "vowing" deep in the reported clause)."""
    node = _coordinated_with(token)
    for _ in range(5):
        found = children(node, "nsubj")
        if found and node.dep_ == "relcl" and node.head.lemma_.lower() in CROWD_LEMMAS and all(
                f.lower_ in _RELATIVE for f in found):
            return [node.head]  # "demonstrators who blocked the road to demand water": the crowd demands
        if found:
            return found
        crowd = _crowd_object(node)
        if crowd:
            return crowd
        poss = children(node, "poss")
        if poss and node.pos_ == "NOUN":
            return poss
        if node.head is node:
            break
        node = node.head
    return []


def _crowd_object(node) -> list:
    """"police fired tear gas to disperse protesters ... to demand jobs": a purpose infinitive of a
    demand hangs from the verb whose object is the crowd, and the crowd is who demands."""
    if node.dep_ not in ("advcl", "xcomp") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
        return []
    if STATEMENT_LEMMAS.get(node.lemma_.lower()) != "REQUEST":
        return []
    return [o for o in children(node.head, "dobj") if o.lemma_.lower() in CROWD_LEMMAS]


def _coordinated_with(token):
    """For "saying four died in the raid and vowing to retaliate", the parser often joins "vowing" to
    "died": a participle coordinated with a finite verb belongs with the participle above it."""
    if token.dep_ != "conj" or token.tag_ != "VBG" or token.head.tag_ == "VBG":
        return token
    node = token.head
    for _ in range(3):
        if node.tag_ == "VBG":
            return node
        if node.head.i == node.i:
            break
        node = node.head
    return token


def _recipient(token) -> list:
    found = [o for o in children(token, "dobj")]
    found += prep_objects(token, "against", "on", "to", "at", "of")
    for obj in prep_objects(token, "for"):
        found += [c for c in obj.children if c.dep_ == "nsubj"] or [obj]
    for comp in children(token, "xcomp", "ccomp", "advcl"):
        found += prep_objects(comp, "against", "on") + children(comp, "nsubj")
        found += [o for mark in children(comp, "mark") for o in children(mark, "pobj")]
    resolved = []
    for obj in found:
        if obj.lemma_.lower() in EVENT_NOUNS or obj.lemma_.lower() in STATEMENT_LEMMAS:
            resolved += modifier_actors(obj) or [obj]
        elif obj.lemma_.lower() not in THREAT_OBJECTS and obj.pos_ != "VERB":
            resolved.append(obj)
    return resolved


def find_statement(sent) -> StatementHit | None:
    """The main statement in the sentence (the statement word nearest the root), or None."""
    best = None
    for token in sent:
        if token.pos_ not in ("VERB", "NOUN"):
            continue
        kind = _statement_type(token)
        if kind is None:
            continue
        speaker = [s for s in _speaker(token) if s.lower_ not in _RELATIVE]
        if not speaker or all(s.lemma_.lower() in EVENT_NOUNS for s in speaker):
            continue  # "groups that threaten U.S. interests" describes, it does not report a threat
        rank = (0 if token.pos_ == "VERB" else 1, depth(token))
        if best is None or rank < best[0]:
            best = (rank, StatementHit(kind, token, speaker, _recipient(token)))
    return best[1] if best else None


def quote(sent) -> Span | None:
    """The quoted words in the sentence, if any."""
    match = _QUOTE.search(sent.text)
    if not match:
        return None
    return Span(match.group(1), sent.start_char + match.start(1), sent.start_char + match.end(1))


def spans(tokens) -> list[Span]:
    return [phrase(t) for t in tokens if not (t.pos_ == "PRON" and t.lower_ in ("it", "this"))]
