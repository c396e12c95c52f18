"""Casualty and size figures: "at least seven Iraqi militiamen were killed", "14 rockets", "no injuries".

A number is a figure when the word it counts is a person killed or injured, or a
weapon (size).  Its qualifier comes from the words just before it, its source
from "according to X" or the subject of the reporting verb ("X said").
"""

from __future__ import annotations

import re

from ..records import Figure
from .spans import phrase

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "dozens": 24,
    "hundreds": 200, "scores": 40,
}
# Words before a number -> qualifier.
QUALIFIERS = {
    "at least": "at least", "more than": "more than", "over": "more than", "upwards of": "more than",
    "up to": "up to", "as many as": "up to", "about": "about", "around": "about", "nearly": "about",
    "almost": "about", "some": "about", "roughly": "about", "approximately": "about", "an estimated": "about",
}
KILL_WORDS = frozenset("kill die dead death fatality body murder slay massacre execute behead".split())
INJURY_WORDS = frozenset("injure injury wound hurt casualty injured wounded".split())
WEAPON_UNITS = frozenset("rocket missile drone shell mortar bomb grenade projectile round airstrike strike "
                         "facility target uav".split())
REPORTING = frozenset("say tell report add tweet write claim state announce confirm".split())
_NONE = re.compile(r"\b(?:no|without)\s+(?:reported\s+|immediate\s+|any\s+)?(casualties|injuries|deaths|"
                   r"fatalities|one (?:was )?(?:killed|hurt|injured))\b|\bnot indicate any (injuries|casualties)",
                   re.I)
CASUALTY_WORDS = re.compile(r"\b(?:killed|killing|dead|died|deaths?|wounded|injur(?:ed|ies|ing)|casualties|"
                            r"fatalities|damag(?:ed|e|ing))\b", re.I)
# "three of them", "two of whom": a part of the count before it.
PART_OF = frozenset({"them", "whom", "those", "these"})
# "two more bodies", "three additional deaths": added to a toll, not the toll.
INCREMENT_WORDS = frozenset({"more", "additional", "further"})
_SKIP_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})


def number_value(token) -> int | None:
    """The integer a token spells ("14", "1,200", "seven", "dozen"), or None."""
    text = token.lower_.replace(",", "")
    if text.isdigit():
        return int(text) if len(text) < 7 else None
    return NUMBER_WORDS.get(text)


def _qualifier(token) -> str:
    doc = token.doc
    before = " ".join(t.lower_ for t in doc[max(token.sent.start, token.i - 2):token.i])
    if token.i > 0 and doc[token.i - 1].lower_ == "a" and token.lower_ == "dozen":
        before = " ".join(t.lower_ for t in doc[max(token.sent.start, token.i - 3):token.i - 1])
    for words, qualifier in QUALIFIERS.items():
        if before.endswith(words):
            return qualifier
    return "at least" if token.lower_ in ("dozens", "hundreds", "scores") else "exact"


def _is_part(token) -> bool:
    """"five people, three of them civilians": a part of the count given before it, not a toll of its own."""
    doc = token.doc
    return token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of" and doc[token.i + 2].lower_ in PART_OF


def _is_increment(token) -> bool:
    """"two more bodies", "three additional deaths": an addition to a toll."""
    noun = token.head if token.dep_ == "nummod" else token
    doc = token.doc
    return (token.i + 1 < len(doc) and doc[token.i + 1].lower_ in INCREMENT_WORDS) or any(
        c.lower_ in INCREMENT_WORDS for c in noun.children if c.dep_ in ("amod", "advmod"))


def _toll(token) -> bool:
    """"put the death toll at six", "the toll rose to 12", "a toll of nine": a number that is the toll."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in ("at", "to", "of"):
        return False
    holder = prep.head
    nouns = [holder] + [c for c in holder.children if c.dep_ in ("nsubj", "dobj")]
    return any(n.lemma_.lower() == "toll" and not any(c.lower_.startswith("injur") for c in n.children)
               for n in nouns)


def _kind(token) -> tuple[str, str | None] | None:
    """(kind, unit) for the number ``token``, from the noun it counts and the verb above it."""
    if _toll(token):
        return "killed", None
    noun = token.head if token.dep_ in ("nummod", "quantmod", "compound") else token
    if noun.dep_ == "quantmod":
        noun = noun.head
    if noun.lemma_.lower() in WEAPON_UNITS:
        return "size", noun.text.lower()
    if noun.lemma_.lower() in KILL_WORDS:
        return "killed", None
    if noun.lemma_.lower() in INJURY_WORDS:
        return "injured", None
    node = noun
    for _ in range(4):
        lemma = node.lemma_.lower()
        if lemma in KILL_WORDS:
            return "killed", None
        if lemma in INJURY_WORDS:
            return "injured", None
        for child in node.children:
            if child.dep_ in ("dobj", "attr", "acomp", "relcl", "acl") and child.lemma_.lower() in INJURY_WORDS:
                return "injured", None
            if child.dep_ in ("relcl", "acl", "acomp", "amod") and child.lemma_.lower() in KILL_WORDS:
                return "killed", None
        if node.head is node:
            break
        node = node.head
    for child in noun.subtree:
        if child.dep_ in ("relcl", "ccomp", "acl") and child.lemma_.lower() in KILL_WORDS:
            return "killed", None
    return None


def attribution(sent) -> str | None:
    """Who gives the sentence's figures: "according to X", else the subject of a reporting verb."""
    for token in sent:
        if token.lower_ == "according":
            for prep in token.children:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return phrase(obj).text
    for token in sent:
        if token.pos_ == "VERB" and token.lemma_.lower() in REPORTING:
            # "groups issued a statement saying ...": the reporting verb borrows its head's subject
            for verb in (token, token.head):
                for child in verb.children:
                    if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ != "PRON":
                        return phrase(child).text
    return None


def extract_figures(sent) -> list[Figure]:
    """Every killed/injured/size figure in the sentence ``sent`` (a spaCy span)."""
    figures: list[Figure] = []
    increments: list[Figure] = []
    by_noun: dict[int, Figure] = {}  # counted noun -> its figure, for adding up "two X and three Y"
    source = None
    source_done = False
    for token in sent:
        if token.ent_type_ in _SKIP_ENTS:
            continue
        value = number_value(token)
        if value is None or (token.lower_ == "one" and token.dep_ not in ("nummod", "nsubj", "nsubjpass")):
            continue
        kind = _kind(token)
        if kind is None or _is_part(token):
            continue
        if not source_done:
            source, source_done = attribution(sent), True
        qualifier = _qualifier(token)
        start = token.i - (1 if token.lower_ == "dozen" and token.i > 0 and token.doc[token.i - 1].lower_ == "a" else 0)
        for words in QUALIFIERS:
            n = len(words.split())
            if qualifier != "exact" and " ".join(t.lower_ for t in token.doc[max(0, start - n):start]) == words:
                start -= n
                break
        begin = token.doc[start].idx
        end = token.idx + len(token.text)
        text = token.doc[start:token.i + 1].text
        low = value + 1 if qualifier == "more than" else value
        open_ended = qualifier in ("at least", "more than")
        low, high = (None, value) if qualifier == "up to" else (low, None if open_ended else value)
        found = Figure(kind=kind[0], low=low, high=high, qualifier=qualifier, text=text,
                       start=begin, end=end, attribution=source, unit=kind[1])
        counted = token.head if token.dep_ == "nummod" else token
        joined = by_noun.get(counted.head.i) if counted.dep_ == "conj" else None
        if joined is not None and joined.kind == found.kind != "size" and joined.qualifier == qualifier == "exact":
            # "killed two fighters and three civilians": one toll of five
            joined.low = joined.high = (joined.low or 0) + value
            joined.text, joined.end = token.doc.text[joined.start:end], end
            continue
        by_noun[counted.i] = found
        (increments if _is_increment(token) else figures).append(found)
    # "put the toll at six, saying two more bodies had been found": beside a toll an addition is no toll;
    # alone ("two more soldiers were killed on Monday") it counts its own happening
    totals = {f.kind for f in figures}
    figures += [f for f in increments if f.kind not in totals]
    for match in _NONE.finditer(sent.text):
        word = (match.group(1) or match.group(2) or "").lower()
        begin, end = sent.start_char + match.start(), sent.start_char + match.end()
        text = match.group(0)
        kinds = ("injured",) if "injur" in word or "hurt" in word else ("killed", "injured")
        if not source_done:
            source, source_done = attribution(sent), True
        for kind in kinds:
            figures.append(Figure(kind=kind, low=0, high=0, qualifier="none", text=text,
                                  start=begin, end=end, attribution=source))
    return figures
