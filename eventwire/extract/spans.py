"""Turning spaCy tokens into article-offset spans, and the small tree walks the extractors share."""

from __future__ import annotations

from ..records import Span

ENTITY_ACTOR_TYPES = frozenset({"ORG", "NORP", "GPE", "PERSON"})
_LEFT_DROP = frozenset({"punct", "cc", "prep", "mark", "advmod", "case"})
# "groups aligned with Iran", "fighters backed by Turkey": participles that name a patron
BACKER_VERBS = frozenset("align back support sponsor arm fund affiliate ally link".split())


def span_of(doc, start: int, end: int) -> Span:
    """Tokens ``start..end`` (inclusive) as a :class:`Span` in article offsets."""
    first, last = doc[start], doc[end]
    begin, finish = first.idx, last.idx + len(last.text)
    # doc[a:b].text, not doc.text (which rebuilds the whole article on every call)
    return Span(doc[start:end + 1].text, begin, finish)


def phrase(token) -> Span:
    """The noun phrase headed by ``token``: its left modifiers and the head, plus a named entity it sits in.

    Right-hand material (relative clauses, appositions after a comma) is left
    out, so "The Syrian Observatory for Human Rights, a Britain-based group ..."
    gives the name, not the description; a patron right after the head stays
    ("militia groups aligned with Iran", "fighters backed by Turkey"), since it
    says whose clients they are.
    """
    doc = token.doc
    start = token.left_edge.i
    while start < token.i and (doc[start].dep_ in _LEFT_DROP or doc[start].is_punct or doc[start].is_space
                               or doc[start].ent_type_ in ("DATE", "TIME")):
        start += 1
    end = token.i
    if token.ent_type_:
        ent_end = token.i
        while ent_end + 1 < len(doc) and doc[ent_end + 1].ent_iob_ == "I":
            ent_end += 1
        end = max(end, ent_end)
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "nmod") and child.i == end + 1:
            end = child.right_edge.i
        elif child.dep_ == "prep" and child.lower_ == "of" and child.i == end + 1 and _is_name_part(child):
            end = child.right_edge.i
        elif child.dep_ == "acl" and child.i == end + 1 and child.lemma_.lower() in BACKER_VERBS:
            patron = _patron(child)
            end = patron.right_edge.i if patron is not None else end
    if doc[end].is_punct and end > start:
        end -= 1
    return span_of(doc, start, end)


def _patron(verb):
    """The object of "aligned with X", "backed by X", "loyal to X" (a name, not "backed by air power")."""
    for prep in verb.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in ("with", "by", "to") and prep.i == verb.i + 1:
            objects = [o for o in prep.children if o.dep_ == "pobj" and o.ent_type_ in ENTITY_ACTOR_TYPES]
            return objects[0] if objects else None
    return None


def _is_name_part(prep) -> bool:
    """``of`` inside a proper name ("Syrian Observatory for Human Rights", "members of the faction")."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and (objects[0].pos_ == "PROPN" or objects[0].ent_type_ in ENTITY_ACTOR_TYPES)


def with_conjuncts(token) -> list:
    """``token`` and the tokens coordinated with it ("Kata'ib Hezbollah and Kata'ib Sayyid al-Shuhada")."""
    found = [token]
    for conj in token.conjuncts:
        if conj.i > token.i:
            found.append(conj)
    return found


def own_past_clause(token) -> bool:
    """A finite past-tense adverbial clause ("..., a day after a strike killed four"): it has its own
    subject, time and reality, not those of the verb it hangs on."""
    return token.dep_ == "advcl" and token.tag_ == "VBD"


def children(token, *deps: str) -> list:
    return [c for c in token.children if c.dep_ in deps]


def prep_objects(token, *preps: str) -> list:
    """Objects of ``token``'s prepositions named in ``preps`` ("strikes *on* X", "attack *against* Y")."""
    found = []
    for prep in token.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in preps:
            found.extend(c for c in prep.children if c.dep_ == "pobj")
    return found


def depth(token) -> int:
    """Steps from ``token`` to its sentence root (bounded, parses can be odd)."""
    steps = 0
    while token.head is not token and steps < 50:
        token = token.head
        steps += 1
    return steps


_CLAUSE_EDGES = frozenset({"ccomp", "advcl", "conj", "relcl", "parataxis", "cc", "xcomp"})


def clause_text(trigger) -> str:
    """The words of the trigger's own clause: its subtree without attached clauses.

    For a noun trigger the verb it hangs from and that verb's arguments are
    added ("U.S. Air Force planes carried out *airstrikes*").
    """
    keep: set[int] = set()
    _collect(trigger, keep)
    head = trigger.head
    if trigger.pos_ in ("NOUN", "PROPN") and head is not trigger and head.pos_ in ("VERB", "AUX", "ADP"):
        keep.add(head.i)
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "prep") and child.i not in keep:
                _collect(child, keep)
    doc = trigger.doc
    return " ".join(doc[i].text for i in sorted(keep))


def _collect(token, keep: set[int]) -> None:
    keep.add(token.i)
    for child in token.children:
        if child.dep_ not in _CLAUSE_EDGES:
            _collect(child, keep)
