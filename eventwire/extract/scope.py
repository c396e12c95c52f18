"""Which words of a sentence belong to which event: clause scopes and back-references.

A news sentence often carries two happenings ("troops came under rocket attack
Monday, with no casualties, one day after planes carried out airstrikes near
the border") or wraps one in a report ("officials told AP in Baghdad that four
were killed in the strikes").  Figures, places and times must go to the event
whose clause holds them, so each trigger gets a *scope*: the subtree of its
clause head, minus the branches that lead to another event's clause.

The clause head is found by climbing from the trigger through noun phrases and
prepositions; the climb stops at a clause edge (the trigger's verb is a
complement, adverbial or relative clause) and below a speech verb, so "in
Baghdad" attached to "told" or "a visit to Rome" attached to "said" is never
the event's place.  When two triggers climb to the same head, the one nearest
the head owns it and the other keeps only its own phrase ("carried out
airstrikes ... in retaliation for a missile attack Sunday at the base").  A
trigger that only sets the scene ("while under rocket attack, forces responded
with artillery fire", "after a rocket attack, troops fired ...") loses such a
tie: the clause belongs to what its subject did.
"""

from __future__ import annotations

from ..records import Span
from .lexicon import CAUSATIVE_LEMMAS, HABITUAL_ADVERBS, REPORTING_LEMMAS, STATEMENT_LEMMAS

CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "conj", "xcomp", "acl", "pcomp", "csubj"})
# Verbs and nouns of speech: what hangs from them (where it was said, to whom, when) is not the event's.
SPEECH_LEMMAS = REPORTING_LEMMAS | frozenset(STATEMENT_LEMMAS) | frozenset(
    "describe call condemn statement visit interview speak comment".split())
# Words that tell the result of an event, not a new one: they never split the sentence.
CONSEQUENCE_LEMMAS = frozenset("kill die injure wound hurt damage destroy injury casualty".split())
DEFINITE = frozenset({"the", "that", "those", "these", "this"})
# "the future attacks", "the next strike": definite but not a report of a past happening.
NOT_BACK = frozenset("future next possible potential further new coming".split())
# Heads whose "to"-infinitive states a purpose, not a happening ("formed in 2014 to fight X",
# "facilities used to launch drone attacks").
PURPOSE_HEADS = frozenset("form create establish found set use design build train equip".split())
# "while under rocket attack", "after a drone strike", "amid shelling": a happening that frames the clause's
# own event (its setting or cause), not that event.
CIRCUMSTANCE_PREPS = frozenset("under after following amid amidst before despite".split())
CIRCUMSTANCE_MARKS = frozenset("after while when before once".split())
_MAX_CLIMB = 12
_MEASURE = frozenset({"npadvmod", "nummod", "advmod", "det", "amod", "quantmod"})
_ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd"})


def event_head(token):
    """A trigger that modifies another word ("rocket" in "rocket attack") stands for that word."""
    while token.dep_ in ("compound", "amod") and token.head.i != token.i:
        token = token.head
    return token


def climb(trigger) -> tuple[object, int]:
    """(clause head, steps): from ``trigger`` up to the head of its clause, stopping below speech words."""
    node, steps = trigger, 0
    while node.dep_ not in CLAUSE_DEPS and node.head.i != node.i and steps < _MAX_CLIMB:
        head = node.head
        if head.lemma_.lower() in SPEECH_LEMMAS:
            break
        node, steps = head, steps + 1
    return node, steps


def anchors(triggers: list) -> dict[int, object]:
    """Clause head of each trigger (by token index); of triggers sharing a head, the nearest keeps it,
    and one that only frames the clause ("while under attack") yields to any that does not."""
    found: dict[int, tuple[object, tuple[bool, int]]] = {}
    for trigger in triggers:
        head, steps = climb(event_head(trigger))
        found[trigger.i] = (head, (_framing_prep(trigger) is not None, steps))
    # a result word ("four were killed in the attack") never takes the clause from the event word
    causes = {head.i for trigger in triggers if not is_consequence(trigger) for head in [found[trigger.i][0]]}
    nearest: dict[int, tuple[bool, int]] = {}
    for trigger in triggers:
        head, rank = found[trigger.i]
        if is_consequence(trigger) and head.i in causes:
            continue
        nearest[head.i] = min(rank, nearest.get(head.i, rank))
    owners = {found[t.i][0].i: event_head(t) for t in triggers if found[t.i][1] == nearest.get(found[t.i][0].i)}
    out = {}
    for trigger in triggers:
        head, rank = found[trigger.i]
        owner = owners.get(head.i)
        noun = event_head(trigger)
        # "launched air strikes": the object of an event verb names the same happening
        shared = owner is not None and noun.head.i == owner.i and noun.dep_ in _ARGUMENT_DEPS
        out[trigger.i] = head if rank == nearest.get(head.i) or shared else noun
    return out


def _framing_prep(trigger):
    """The "after"/"under"/"amid" whose object the trigger's phrase is, when it frames a clause ("while under
    rocket attack, forces responded"); "came under fire" is the clause's own event, not its setting."""
    node = event_head(trigger)
    for _ in range(_MAX_CLIMB):
        if node.dep_ in CLAUSE_DEPS or node.head.i == node.i:
            return None
        head = node.head
        if (node.dep_ == "pobj" and head.lower_ in CIRCUMSTANCE_PREPS and head.head.pos_ in ("VERB", "AUX")
                and head.head.lemma_.lower() != "come"):
            return head
        node = head
    return None


def frames_or_follows(trigger) -> bool:
    """Is the trigger's happening linked to another one in its sentence as its setting or cause ("while under
    rocket attack, ...", "after militants fired rockets, ...") or as its result ("..., prompting U.S. forces
    to respond with artillery fire")?  Such pairs are two happenings, not two words for one."""
    if _framing_prep(trigger) is not None:
        return True
    head, _ = climb(event_head(trigger))
    if head.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CIRCUMSTANCE_MARKS for c in head.children):
        return True
    return head.dep_ in ("xcomp", "ccomp") and head.head.lemma_.lower() in CAUSATIVE_LEMMAS


def is_consequence(token) -> bool:
    return token.lemma_.lower() in CONSEQUENCE_LEMMAS


def region(trigger, triggers: list, heads: dict[int, object]) -> set[int]:
    """Token indices of ``trigger``'s scope: its clause head's subtree minus other events' branches."""
    own = heads[trigger.i]
    keep = _clause(own)
    mine = event_head(trigger)
    for other in triggers:
        if other.i == trigger.i or is_consequence(other):
            continue
        other_head = heads[other.i]
        if other_head.i == own.i or other_head.i not in keep or own in other_head.subtree:
            continue
        if mine.pos_ in ("NOUN", "PROPN") and other in mine.subtree:
            continue  # "the attack which hit the base" describes the attack itself
        keep -= _clause(_branch(other_head, mine))
    return keep


def _clause(node) -> set[int]:
    """Token indices of ``node``'s subtree; an adverbial clause starts at its "after"/"when" (with a
    measure before it: "one day after"), so words the parser hangs on it from before that point
    ("..., with no reported casualties, one day after jets bombed ...") stay with the main clause."""
    tokens = {t.i for t in node.subtree}
    marks = [c for c in node.children if c.dep_ == "mark" and c.i < node.i]
    if not marks:
        return tokens
    doc, start = node.doc, marks[0].i
    while start - 1 in tokens and doc[start - 1].dep_ in _MEASURE:
        start -= 1
    return {i for i in tokens if i >= start}


def _branch(node, target):
    """``node``'s clause, with the speech verbs that report it ("officials said on June 26 that drones
    hit ...": the date belongs to the report of the hit), as long as they do not hold ``target``."""
    for _ in range(_MAX_CLIMB):
        head = node.head
        if head.i == node.i or head.lemma_.lower() not in SPEECH_LEMMAS or target in head.subtree:
            return node
        node = head
    return node


def within(spans: list, doc, keep: set[int]) -> list:
    """The spans (anything with article ``start``/``end`` offsets) whose first token is in ``keep``."""
    out = []
    for span in spans:
        tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
        if tokens is not None and len(tokens) and tokens[0].i in keep:
            out.append(span)
    return out


def is_purpose(trigger, heads: dict[int, object]) -> bool:
    """The trigger states what something is for ("formed to fight", "used to launch attacks"), not a
    happening: its clause is a "to"-infinitive under a making/using verb."""
    head = heads.get(trigger.i, trigger)
    for node in (head, head.head):
        if node.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in node.children):
            return node.head.lemma_.lower() in PURPOSE_HEADS
    return False


def is_generic(trigger) -> bool:
    """"such attacks": a kind of happening, not one."""
    noun = event_head(trigger)
    return noun.pos_ == "NOUN" and any(c.lower_ == "such" for c in noun.children if c.dep_ in ("det", "amod",
                                                                                                   "predet"))


# Adverbs that make any report a tally of many happenings.
REPEATED = frozenset("repeatedly frequently regularly routinely constantly continually".split())


def is_habitual(trigger) -> bool:
    """"its fighters still carry out attacks", "militias regularly fire rockets": a present-tense habit,
    not one happening.  The verb (the trigger, or the verb whose object it is) is in the simple present
    and an adverb of habit goes with it."""
    verb = event_head(trigger)
    if verb.pos_ == "NOUN":
        if verb.dep_ != "dobj":
            return False
        verb = verb.head
    adverbs = {c.lower_ for c in verb.children if c.dep_ == "advmod"}
    if verb.pos_ == "VERB" and adverbs & REPEATED:
        return True  # "has been hit by drones repeatedly since December": a tally, in any tense
    return verb.tag_ in ("VBP", "VBZ") and verb.pos_ == "VERB" and bool(adverbs & HABITUAL_ADVERBS)


def is_anaphoric(trigger, times: list[Span]) -> bool:
    """The trigger names a happening already reported: a definite event noun ("the strikes", "that
    attack", "the U.S. air raid"), a target described as the one already hit ("the facilities
    targeted", "the same base was hit") — and its clause has no time of its own."""
    if times:
        return False
    if trigger.dep_ == "compound" and is_consequence(trigger.head):
        return True  # "attack damage was being assessed": the result of a happening already told
    noun = event_head(trigger)
    if noun.pos_ in ("NOUN", "PROPN"):
        return _definite(noun)
    if noun.dep_ == "acl" and noun.head.pos_ == "NOUN":
        return _definite(noun.head)
    objects = [c for c in noun.children if c.dep_ in ("nsubjpass", "dobj")]
    return any(c.lower_ == "same" for o in objects for c in o.children if c.dep_ == "amod")


def _definite(noun) -> bool:
    words = {c.lower_ for c in noun.children if c.dep_ in ("det", "amod", "compound")}
    return bool(words & DEFINITE or "same" in words) and not words & NOT_BACK


# "in support of Palestinians in Gaza", "in solidarity with", "to protect vessels in the Red Sea": a reason
# or purpose, whose places are not where the happening took place.
PURPOSE_NOUNS = frozenset("support solidarity defence defense protection sake name".split())
PURPOSE_VERBS = frozenset("protect defend support help ensure deter secure safeguard prevent back avenge".split())


def purpose_tokens(span) -> set[int]:
    """Token indices of the sentence's reason and purpose phrases ("in support of X", "to protect Y")."""
    out: set[int] = set()
    for token in span:
        lemma = token.lemma_.lower()
        if lemma in PURPOSE_NOUNS and token.dep_ == "pobj" and token.head.lower_ in ("in", "for"):
            out.update(t.i for t in token.head.subtree)
        elif (lemma in PURPOSE_VERBS and token.pos_ == "VERB" and token.dep_ in ("xcomp", "advcl", "acl")
              and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)):
            out.update(t.i for t in token.subtree)
    return out


SERIES_WORDS = frozenset("multiple several numerous repeated dozens scores".split())


def is_series(trigger) -> bool:
    """"multiple strikes", "repeated attacks": a plural event noun summing up many happenings."""
    noun = event_head(trigger)
    return noun.tag_ == "NNS" and any(c.lower_ in SERIES_WORDS for c in noun.children
                                      if c.dep_ in ("amod", "nummod", "quantmod", "det"))
