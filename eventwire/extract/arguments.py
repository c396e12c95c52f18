"""Who did it to whom, with what, where and when: argument spans of one event mention.

Roles come from the dependency parse around the trigger: the subject of an
active verb is the actor and its object (or "against/on/at X") the recipient;
in the passive the subject is the recipient and "by X" the actor, unless X is a
weapon ("attacked by 14 rockets"); "came under fire" makes the subject the
recipient; a noun trigger takes its actor from a national or group modifier
("a U.S. airstrike") or the subject of a light verb ("carried out airstrikes").
Whoever is "under attack" while doing something else is that attack's target, and
whoever is made to act ("prompting U.S. forces to respond") is the actor.
"""

from __future__ import annotations

import re

from ..records import Span
from .lexicon import CAUSATIVE_LEMMAS, STRONG_NOUNS
from .spans import ENTITY_ACTOR_TYPES, children, own_past_clause, phrase, prep_objects, span_of, with_conjuncts

WEAPON_LEMMAS = frozenset("rocket missile drone shell mortar artillery bomb grenade ied mine aircraft jet warplane "
                          "plane helicopter uav projectile explosive rifle gun munition barrage".split())
LIGHT_VERBS = frozenset("carry conduct launch stage mount execute make unleash perform order open return".split())
TARGET_PREPS = ("against", "on", "at", "targeting", "upon")
_WEAPON_NAME = re.compile(r"\b(?:F|MiG|Su|Tu|MQ|B)-\d+[A-Z]?\b")
_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
_PLACE_NOUNS = (r"air ?base|airbase|base|oil ?field|oilfield|airport|camp|province|governorate|region|district|"
                r"area|border|city|town|village|crossing|port|refinery|embassy|compound|barracks")
_PLACE_PHRASE = re.compile(r"\b((?:(?:[A-Z][\w'’-]*|al-[\w'’-]+|el-[\w'’-]+)\s+){1,4}(?i:"
                           + _PLACE_NOUNS + r"))\b")
# "the border with Syria", "the border between Iraq and Syria": a border named by its countries
_BORDER_WITH = re.compile(r"\bborders? (?:with|between) (?:[A-Z][\w'’-]+)(?: and [A-Z][\w'’-]+)?")
_PLACE_HEAD = re.compile(r"^(?:" + _PLACE_NOUNS + r")$", re.I)
LOCATIVE_PREPS = frozenset("in near at outside inside across along around from into on to within throughout "
                           "toward towards over".split())
_TIME_ENTS = frozenset({"DATE", "TIME"})
_NOT_PARTIES = frozenset({"time", "day", "night", "week", "month", "year", "occasion", "retaliation", "response",
                          # "came at the direction of the president": who ordered it, not who was hit
                          "direction", "behest", "order", "request", "instruction", "invitation",
                          # "the attack on the border": a place, not a party
                          "border", "area", "region", "province", "governorate", "district", "city", "town",
                          "village", "crossing", "road", "highway", "street", "route", "outskirts", "vicinity",
                          "neighborhood", "neighbourhood", "countryside", "suburb", "suburbs", "north", "south", "east",
                          "west", "northeast", "northwest", "southeast", "southwest"})


def is_weapon(token) -> bool:
    return token.lemma_.lower() in WEAPON_LEMMAS or bool(_WEAPON_NAME.fullmatch(token.text))


def _actor_spans(tokens) -> list[Span]:
    spans = []
    for token in tokens:
        if token.pos_ == "PRON" and token.lower_ in ("it", "this", "that", "which"):
            continue
        if is_weapon(token) or (token.pos_ == "NOUN" and token.lemma_.lower() in STRONG_NOUNS):
            # "U.S. Air Force planes", "the U.S. strike killed ...": the owner of the weapon or attack acts
            spans.extend(phrase(m) for m in modifier_actors(token))
            continue
        if token.ent_type_ in _TIME_ENTS or token.lemma_.lower() in _NOT_PARTIES:
            continue
        spans.extend(phrase(t) for t in with_conjuncts(token))
    return spans


def modifier_actors(noun) -> list:
    """National or group modifiers of an event noun ("U.S. airstrike", "Israel's raid"), also through the
    weapon that names it ("a Turkish drone strike")."""
    found = []
    for c in noun.children:
        if c.dep_ not in ("compound", "amod", "poss", "nmod"):
            continue
        if c.ent_type_ in ENTITY_ACTOR_TYPES or (c.pos_ == "PROPN" and c.ent_type_ not in _TIME_ENTS):
            found.append(c)
        elif c.dep_ == "compound" and is_weapon(c) and c is not noun:
            found += [m for m in modifier_actors(c) if m.i < c.i]
    return found


def roles(trigger) -> tuple[list[Span], list[Span]]:
    """(actors, recipients) of the happening ``trigger`` names."""
    actors, recipients = [], []
    if trigger.pos_ in ("VERB", "AUX"):
        passive = children(trigger, "nsubjpass")
        voice_passive = bool(passive or children(trigger, "auxpass"))
        if voice_passive:
            recipients += passive
            actors += [o for o in prep_objects(trigger, "by") if not is_weapon(o)]
        else:
            actors += children(trigger, "nsubj")
            recipients += [o for o in children(trigger, "dobj") if not is_weapon(o)]
        recipients += prep_objects(trigger, *TARGET_PREPS)
        # a participle or an infinitive shares the subject of the verb it hangs on ("..., killing four")
        if trigger.dep_ in ("xcomp", "advcl", "conj", "acl", "relcl") and not own_past_clause(trigger):
            shared = _made_to_act(trigger) or (children(trigger.head, "nsubj") if trigger.dep_ != "acl" else [])
            if not voice_passive and not actors:
                actors += shared
            elif voice_passive and not passive:  # "the town lies near the front and has been hit by drones"
                recipients += shared
    else:
        actors += modifier_actors(trigger) + prep_objects(trigger, "by")
        recipients += prep_objects(trigger, *TARGET_PREPS)
        head = trigger.head
        if head.lower_ == "under" and head.head.pos_ in ("VERB", "AUX"):
            # "troops came under fire", "while under rocket attack, U.S. forces responded ..."
            recipients += children(head.head, "nsubj")
        elif trigger.dep_ in ("dobj", "attr") and head.lemma_.lower() in LIGHT_VERBS:
            actors += children(head, "nsubj") or _made_to_act(head)
            recipients += prep_objects(head, *TARGET_PREPS)
        elif trigger.dep_ in ("nsubj",) and head.pos_ == "VERB":
            recipients += [o for o in children(head, "dobj") if not is_weapon(o)]
            recipients += prep_objects(head, *TARGET_PREPS)
        elif trigger.dep_ == "nsubjpass":
            actors += [o for o in prep_objects(head, "by") if not is_weapon(o)]
        elif _claimed_for(trigger):  # "X claimed responsibility for the attack": X is the attacker
            actors += [s for s in children(head.head.head, "nsubj") if not _negated(s)]
        elif _answered_with(trigger):  # "X responded with artillery fire": X fired
            actors += children(head.head, "nsubj") or _made_to_act(head.head)
            recipients += prep_objects(trigger, "at")
    return _dedupe(_actor_spans(actors)), _dedupe(_actor_spans(recipients))


def _made_to_act(verb) -> list:
    """"prompting U.S. forces to respond": who a causative verb makes act is the subject of the action."""
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in CAUSATIVE_LEMMAS:
        return children(verb.head, "dobj")
    return []


def _claimed_for(trigger) -> bool:
    """Is ``trigger`` the object of "responsibility for" under a claim ("claimed responsibility for")?"""
    prep, noun = trigger.head, trigger.head.head
    return (trigger.dep_ == "pobj" and prep.lower_ == "for" and noun.lemma_.lower() == "responsibility"
            and noun.head.lemma_.lower() in ("claim", "accept", "take"))


def _negated(noun) -> bool:
    """"No group", "none of the factions": a subject that names nobody."""
    return noun.lower_ in ("none", "nobody", "no-one") or any(
        c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


_ANSWER_VERBS = frozenset({"respond", "retaliate", "react", "reply", "answer", "hit", "strike"})


def _answered_with(trigger) -> bool:
    """Is ``trigger`` the instrument of a response ("responded with artillery fire", "retaliated with strikes")?"""
    prep = trigger.head
    return (trigger.dep_ == "pobj" and prep.lower_ == "with" and prep.head.pos_ == "VERB"
            and prep.head.lemma_.lower() in _ANSWER_VERBS)


def weapons(sent) -> list[Span]:
    """Weapon phrases in the sentence: "explosive-laden drones", "14 rockets", "F-15 and F-16 aircraft"."""
    spans = []
    covered_until = -1
    for token in sent:
        if token.i <= covered_until or not is_weapon(token):
            continue
        if token.dep_ in ("compound", "amod") and is_weapon(token.head):
            continue
        start = token.i
        for child in token.lefts:
            if child.dep_ in ("nummod", "amod", "compound", "quantmod", "nmod", "npadvmod") or child.is_punct:
                start = min(start, child.left_edge.i)
        end = token.i
        for conj in token.conjuncts:
            if conj.i > end and is_weapon(conj):
                end = conj.i
        while start < token.i and (sent.doc[start].is_punct or sent.doc[start].dep_ == "det"):
            start += 1
        spans.append(span_of(sent.doc, start, end))
        covered_until = end
    return _dedupe(spans)


def places(sent, ents: list) -> list[Span]:
    """Where things happen: locations, facilities, countries and towns used as places, and place-like
    noun phrases ("Ain al-Asad air base", "al-Baghdadi area").

    A country or city name used as an actor ("the United States said", "U.S. forces",
    "Iran-backed") is not a place: GPE names count only after a locative preposition, as
    the owner of a place noun ("Iraq's Ain al-Asad air base"), or coordinated with one.
    """
    spans = [Span(e.text, e.start_char, e.end_char) for e in ents
             if e.label_ in ("LOC", "FAC") or (e.label_ == "GPE" and _is_locative(e))]
    for match in _PLACE_PHRASE.finditer(sent.text):
        spans.append(Span(match.group(1), sent.start_char + match.start(1), sent.start_char + match.end(1)))
    for match in _BORDER_WITH.finditer(sent.text):
        spans.append(Span(match.group(0), sent.start_char + match.start(), sent.start_char + match.end()))
    return _dedupe_overlaps(spans)


def _is_locative(ent) -> bool:
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].text in ("-", "–") or ent.text.endswith("-"):
        return False
    root = ent.root
    for _ in range(3):
        if root.dep_ == "pobj":
            if root.head.lower_ == "of":  # "the city of Kirkuk"
                return bool(_PLACE_HEAD.search(root.head.head.text))
            return root.head.lower_ in LOCATIVE_PREPS
        if root.dep_ == "poss":
            return bool(_PLACE_HEAD.search(root.head.text))
        if root.dep_ in ("conj", "appos") and root.head is not root:
            root = root.head
            continue
        return root.dep_ in ("ROOT", "npadvmod") and len(ent) == len(ent.sent)
    return False


def times(sent, ents: list) -> list[Span]:
    """DATE/TIME entities and weekday words in the sentence."""
    spans = [Span(e.text, e.start_char, e.end_char) for e in ents if e.label_ in _TIME_ENTS]
    for match in _WEEKDAY.finditer(sent.text):
        spans.append(Span(match.group(0), sent.start_char + match.start(), sent.start_char + match.end()))
    return _dedupe_overlaps(spans)


def _dedupe(spans: list[Span]) -> list[Span]:
    """Drop repeated spans and spans inside another one ("Air Force" within "U.S. Air Force")."""
    out: list[Span] = []
    for span in spans:
        if any(o.start <= span.start and span.end <= o.end for o in out):
            continue
        out = [o for o in out if not (span.start <= o.start and o.end <= span.end)] + [span]
    return out


def _dedupe_overlaps(spans: list[Span]) -> list[Span]:
    """Keep the longest of overlapping spans, in text order."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if kept and span.start < kept[-1].end:
            if span.end - span.start > kept[-1].end - kept[-1].start:
                kept[-1] = span
            continue
        kept.append(span)
    return kept
