"""Event extraction: sentences in, typed :class:`Mention` records out.

Contract: ``extract_mentions(article, doc, settings) -> list[Mention]`` where
``doc`` is the spaCy parse of ``article.text``; offsets are article offsets.

Per sentence, at most two event mentions (a second only for a clearly separate
happening: "... came after drones hit Irbil", or one that sets the scene for
another by someone else, "while under rocket attack, U.S. forces responded with
artillery fire") and one statement mention:

1. candidate sentences hold an event trigger (lexicon.EVENT_TRIGGERS) or a
   statement word; all candidates of an article are typed in one batch by the
   learned classifier (classify.py), which also gives the event probability;
2. an event mention needs that probability >= ``settings.min_event_score``; its
   trigger is the candidate word that best fits the predicted type;
3. arguments, figures, modality and background are read off the parse;
4. each event keeps only the places, times and figures of its own clause
   (scope.py), so two happenings in one sentence do not share them; a definite
   back-reference with no date of its own ("killed in the strikes") is marked
   ``anaphoric`` and takes the kind of the happening reported before it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from ..config import Settings
from ..records import ASSERTED, FACTUAL_MODALITIES, FUTURE, Article, Mention, Span
from . import arguments, figures, modality, scope, statements
from .arguments import is_weapon
from .classify import ACLED_TYPES, Typing, type_sentences
from .lexicon import (ARMS, CROWD_LEMMAS, DISRUPTED, EVENT_TRIGGERS, REPORTING_LEMMAS, SEIZE_LEMMAS, STRONG_NOUNS,
                      refine_mode, refine_sub_type, weapon_families)
from .spans import clause_text, depth, own_past_clause, phrase

__all__ = ["extract_mentions"]

# Trigger words that fit a predicted sub-type best (else the highest verb wins).
PREFERRED = {
    "Air/drone strike": {"airstrike", "strike", "raid", "bomb", "bombing", "hit", "target", "attack"},
    "Shelling/artillery/missile attack": {"attack", "fire", "shell", "shelling", "hit", "launch", "bombard", "strike"},
    "Disrupted weapons use": {"intercept", "thwart", "foil", "down", "shoot", "defuse"},
    "Armed clash": {"clash", "fight", "fighting", "battle", "ambush", "attack"},
    "Attack": {"kill", "attack", "shoot", "massacre", "execute"},
    "Arrests": {"arrest", "detain"},
    "Abduction/forced disappearance": {"abduct", "kidnap", "kidnapping", "abduction", "hostage"},
}
# Words that can report a second, separate happening in the same sentence ("X came after drones hit Y").
SECOND_EVENT_TRIGGERS = frozenset("hit strike airstrike attack fire launch target shell shelling bomb bombing "
                                  "explode detonate raid".split())
# Violent words that, with a weapon or casualty word nearby, make a sentence an event even when the
# classifier (trained on short sentences) is unsure of a long news sentence.
CORE_TRIGGERS = frozenset("airstrike strike raid bomb bombing shell shelling attack fire hit target kill "
                          "clash ambush explode explosion blast detonate launch".split())
EVIDENCE_BONUS = 0.35
# Verbs that say an attack got through (as against "targeted", "launched", which a defence may foil).
SUCCESS_VERBS = frozenset("hit strike kill damage injure wound land destroy explode".split())
# "... was also killed in the attack": a definite back-reference in a sentence with no time of its own
# continues the previous sentence's happening, so it inherits its background flag.
_BACK_REFERENCE = re.compile(r"\b(?:the|that|those|this|these) (?:same )?(?:attack|strike|raid|airstrike|assault|"
                             r"bombing|killing|operation)s?\b|\balso\b", re.I)
# "They vowed to retaliate": the speaker is the group the sentence before named; a quoted "we" is
# whoever the sentence says said it ('"We will avenge ...," they said').
_PLURAL_PRONOUNS = frozenset({"they"})
_QUOTED_SPEAKERS = frozenset({"we"})
_CASUALTY_MODIFIERS = frozenset("dead slain killed wounded injured captured detained".split())
# Heads of a plausible group for "they" when the sentence before has no group as its subject.
GROUP_HEADS = frozenset("group faction militia militiaman militant fighter rebel insurgent force troop soldier "
                        "official leader party movement protester demonstrator authority government army "
                        "tribe clan gunman organization organisation".split())
_PRONOUNS = frozenset("i you he she it we they me him her us them who this that these those".split())
# Lexicon words that name a happening only as verbs: "targeted the base", but "a military target".
VERB_ONLY_TRIGGERS = frozenset({"target"})
# Verbs that report an attack when a weapon is their subject ("rockets landed", "shells fell on").
WEAPON_LANDING_VERBS = frozenset("land fall slam rain crash impact".split())
_TRIGGER_POS = frozenset({"VERB", "NOUN", "PROPN", "ADJ"})
_TRIGGER_LEMMAS = EVENT_TRIGGERS | WEAPON_LANDING_VERBS
# Verbs of harm that, passive and with nobody doing it, continue the story of an earlier happening.
FOLLOW_UP_LEMMAS = frozenset("wound injure kill hit strike damage destroy hurt".split())
# "hit by stones": things thrown or flying name no attacker of their own.
PROJECTILES = frozenset("stone rock bottle brick bullet shrapnel debris".split())
CASUALTY_ADJECTIVES = frozenset({"injured", "wounded", "dead", "killed", "hurt"})
# The sub-type of a seizure of arms (ACLED: "weapons seized" is a foiled attack).
SEIZED_ARMS = "Disrupted weapons use"
# Sub-types whose first actor is the crowd; in the second the forces that stepped in are actor 2.
CROWD_SUB_TYPES = frozenset({"Peaceful protest", "Protest with intervention", "Violent demonstration"})
INTERVENED_SUB_TYPES = frozenset({"Protest with intervention"})
MAX_SENTENCE_CHARS = 2000  # longer "sentences" are page furniture or parser failures


@dataclass
class Sentence:
    """One candidate sentence with what every mention in it shares, computed once."""

    span: Any  # spaCy Span
    text: str
    ents: list
    places: list[Span]
    times: list[Span]

    @classmethod
    def of(cls, span, doc_ents: list, ent_starts: list[int]) -> "Sentence":
        # entities of the sentence by bisection: Span.ents walks the whole document on every call
        first = bisect_left(ent_starts, span.start)
        ents = [e for e in doc_ents[first:bisect_left(ent_starts, span.end)] if e.end <= span.end]
        return cls(span, span.text, ents, arguments.places(span, ents), arguments.times(span, ents))


def extract_mentions(article: Article, doc, settings: Settings) -> list[Mention]:
    """Event and statement mentions of every sentence of ``doc`` (the parse of ``article.text``)."""
    candidates = []
    doc_ents = list(doc.ents)
    ent_starts = [e.start for e in doc_ents]
    prior = None
    for sent in _sentences(doc):
        # the cheap word test first: this runs on every token of every article
        triggers = [t for t in sent if t.pos_ in _TRIGGER_POS and t.lemma_.lower() in _TRIGGER_LEMMAS
                    and _is_trigger(t)]
        hit = statements.find_statement(sent)
        if triggers or hit:
            candidates.append((Sentence.of(sent, doc_ents, ent_starts), triggers, hit, prior))
        prior = sent
    if not candidates:
        return []
    typings = type_sentences([sent.text for sent, _, _, _ in candidates])
    mentions: list[Mention] = []
    follow_ups: set[str] = set()
    previous_background = False
    for (sent, triggers, hit, prior), typing in zip(candidates, typings):
        events = []
        scoped = _Scoped(sent, triggers)
        triggers = [t for t in triggers if not scope.is_purpose(t, scoped.heads) and not scope.is_generic(t)
                    and not scope.is_habitual(t)]
        score = _event_score(sent, triggers, typing)
        if triggers and score >= settings.min_event_score:
            if hit is not None and hit.plover_type in ("REQUEST", "THREATEN"):
                beside = [t for t in triggers if _beside_statement(t, hit)]
                triggers = beside or [t for t in triggers
                                      if not (t.pos_ == "VERB" and t in hit.trigger.subtree)] or triggers
            primary = _pick_trigger(triggers, typing)
            if not modality.is_aggregate(primary, sent.ents) and not _demanded(primary, hit):
                events.append(_event_mention(article, sent, primary, typing, score, scoped))
                second = _second_trigger(triggers, primary, events[0], sent.text, scoped)
                if second is not None and not modality.is_aggregate(second, sent.ents):
                    events.append(_event_mention(article, sent, second, typing, score, scoped))
                events = [e for e in events if not _restated(e, hit)]
        follow_ups.update(e.id for e in events if _is_follow_up(e, sent.span.doc))
        if events:
            _inherit_background(events, sent, previous_background)
            previous_background = events[0].background
        mentions.extend(events)
        if hit is not None:
            mentions.append(_statement_mention(article, sent, hit.plover_type, hit.trigger,
                                               _speaker(hit.speaker, sent.span, prior), hit.recipient))
        elif events and events[0].modality == FUTURE:
            threat = _reported_threat(article, sent)
            if threat is not None:
                mentions.append(threat)
    _type_back_references(mentions, follow_ups)
    return mentions


def _type_back_references(mentions: list[Mention], follow_ups: set[str]) -> None:
    """"the attack which hit the base" with no weapon of its own is the kind of happening it refers
    back to: the last event reported before it in the article (else the model guesses from a few words).
    A follow-up ("three others were wounded") after such an event is a back-reference too."""
    antecedent = None
    for mention in mentions:
        if mention.is_statement:
            continue
        if mention.id in follow_ups and antecedent is not None and (
                mention.plover_type != "COERCE" or antecedent.plover_type == "COERCE"):
            mention.anaphoric = True  # a seizure continues a raid or arrest, never a strike
        if mention.anaphoric and antecedent is not None and not weapon_families(mention.sentence.text):
            mention.acled_event_type = antecedent.acled_event_type
            mention.acled_sub_event_type = antecedent.acled_sub_event_type
            mention.plover_type, mention.plover_mode = antecedent.plover_type, antecedent.plover_mode
        elif not mention.anaphoric and mention.modality == ASSERTED and not mention.background:
            antecedent = mention


class _Scoped:
    """The triggers of one sentence with their clause heads, to cut the sentence into event scopes."""

    def __init__(self, sent: Sentence, triggers: list):
        self.sent, self.triggers = sent, triggers
        self.heads = scope.anchors(triggers)
        self._regions: dict[int, set[int]] = {}
        self._free: set[int] | None = None

    def region(self, trigger) -> set[int]:
        if trigger.i not in self._regions:
            self._regions[trigger.i] = scope.region(trigger, self.triggers, self.heads)
        return self._regions[trigger.i]

    def text(self, trigger) -> str:
        """The words of the trigger's scope, for typing it by its own weapons."""
        doc = self.sent.span.doc
        return " ".join(doc[i].text for i in sorted(self.region(trigger)))

    def over_period(self, trigger) -> bool:
        """"have come under fire ... since last Monday": a tally of a period, not one happening."""
        doc, keep = self.sent.span.doc, self.region(trigger)
        return any(doc[i].lower_ == "since" and any(c.ent_type_ in ("DATE", "TIME") for c in doc[i].subtree)
                   for i in keep)

    def _elsewhere(self, trigger) -> set[int]:
        """Words whose places are not the trigger's scene: reason and purpose phrases ("acting in support
        of Palestinians in Gaza") and the phrase of a summed-up series ("after multiple strikes over the
        last ten days against the Houthis in Yemen"), unless the trigger itself sits in them."""
        out = scope.purpose_tokens(self.sent.span)
        for other in self.triggers:
            if other.i > trigger.i and scope.is_series(other):
                # the parser often hangs the series' own "over the past week", "in Yemen" on the verb
                noun = scope.event_head(other)
                out |= {t.i for t in noun.head.subtree if t.i >= noun.left_edge.i}
        return out if trigger.i not in out else set()

    def has_own_time(self, trigger) -> bool:
        return bool(scope.within(self.sent.times, self.sent.span.doc, self.region(trigger)))

    def is_back_reference(self, trigger) -> bool:
        """"after the attack" with no time of its own: a happening already reported, not a new one."""
        return not self.has_own_time(trigger) and scope.is_anaphoric(trigger, [])

    def restrict(self, trigger, mention: Mention) -> None:
        """Keep only the places, times and figures inside ``trigger``'s own clause (scope.region)."""
        keep = self.region(trigger) - self._elsewhere(trigger)
        doc = self.sent.span.doc
        mention.places = scope.within(mention.places, doc, keep)
        mention.times = scope.within(mention.times, doc, keep)
        # a figure in no event's clause ("..., but initial reports showed no injuries") stays with each
        if self._free is None:
            claimed = set().union(*(self.region(t) for t in self.triggers if not scope.is_consequence(t)))
            self._free = set(range(self.sent.span.start, self.sent.span.end)) - claimed
        mention.figures = scope.within(mention.figures, doc, keep | self._free)
        # "X claimed responsibility for the attack" refers back as much as "the attack killed two"
        mention.anaphoric = mention.modality in FACTUAL_MODALITIES and scope.is_anaphoric(trigger, mention.times)


def _is_trigger(token) -> bool:
    """An event word of the lexicon used as one ("March 10" is a date, "a military target" a thing), or a
    verb whose subject is a weapon ("three rockets landed near the base")."""
    if token.pos_ not in _TRIGGER_POS or token.ent_type_ in ("DATE", "TIME"):
        return False
    lemma = token.lemma_.lower()
    if lemma in EVENT_TRIGGERS:
        return not _modifies_thing(token) and not (token.pos_ == "NOUN" and lemma in VERB_ONLY_TRIGGERS)
    return (token.pos_ == "VERB" and lemma in WEAPON_LANDING_VERBS
            and any(c.dep_ == "nsubj" and is_weapon(c) for c in token.children))


def _modifies_thing(token) -> bool:
    """"attack drones", "attack damage": an event word used to describe a thing is no trigger."""
    return token.dep_ == "compound" and token.head.lemma_.lower() not in EVENT_TRIGGERS


def _is_follow_up(mention: Mention, doc) -> bool:
    """"Three others were wounded", "the truck was hit twice": a passive report of harm with no attacker,
    no weapon and no time of its own tells more about a happening already reported, not a new one;
    so does "it was the second attack on the base this month", whose "it" is that happening, and a
    seizure of arms with no time or place of its own after a raid."""
    span = doc.char_span(mention.trigger.start, mention.trigger.end)
    token = span.root if span is not None else None
    if token is None or mention.modality != ASSERTED:
        return False
    if (token.dep_ == "attr" and token.head.lemma_ == "be"
            and any(c.dep_ == "nsubj" and c.lower_ in ("it", "this") for c in token.head.children)):
        return True
    if mention.plover_mode == "seize" and not mention.times and not mention.places:
        return True  # "troops seized rifles" after a raid: what the raid found
    if mention.times or weapon_families(mention.sentence.text):
        return False
    if token.dep_ == "amod" and token.lower_ in CASUALTY_ADJECTIVES:
        return True  # "put the number of injured officers at seven"
    agents = [o for c in token.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    return (token.pos_ == "VERB" and token.lemma_.lower() in FOLLOW_UP_LEMMAS
            and any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
            and all(a.lemma_.lower() in PROJECTILES for a in agents))


def _demanded(trigger, hit) -> bool:
    """What a demand or threat is about ("call on them to cease these attacks", "vowed revenge for the
    attack") is the statement's content: the statement is the mention, not a new event."""
    return (hit is not None and hit.plover_type in ("REQUEST", "THREATEN") and trigger in hit.trigger.subtree
            and not _beside_statement(trigger, hit))


def _beside_statement(trigger, hit) -> bool:
    """A past-tense adverbial clause under a threat or demand ("warned they would respond ..., a day
    after a strike killed four people") reports a fact beside it: what is threatened is not yet done."""
    return own_past_clause(trigger) and trigger in hit.trigger.subtree and trigger.i != hit.trigger.i


def _speaker(speaker: list, span, prior) -> list:
    """The statement's speaker with a pronoun resolved by a small, local coreference rule.

    A quoted "we" is the subject of the reporting verb of its sentence ("... they said"); "they" is
    the group the sentence before has as its subject ("Iraqi militia groups aligned with Iran ...
    They vowed to retaliate"), else the nearest named group of that sentence, else its nearest
    plural group word.  Anything else, or no candidate, keeps the words as written.
    """
    if speaker and all(t.lower_ in _QUOTED_SPEAKERS for t in speaker):
        reporter = _reporter(span)
        speaker = [reporter] if reporter is not None else speaker
    if prior is not None and speaker and all(t.lower_ in _PLURAL_PRONOUNS for t in speaker):
        named = _subject(prior) or _last_group(prior)
        speaker = [named] if named is not None else speaker
    return speaker


def _reporter(span):
    """The subject of the sentence's reporting verb ("they" of '"We will ...," they said'), if any."""
    for token in span:
        if token.pos_ == "VERB" and token.lemma_.lower() in REPORTING_LEMMAS:
            subjects = [c for c in token.children if c.dep_ == "nsubj" and c.lower_ not in _QUOTED_SPEAKERS]
            if subjects:
                return subjects[0]
    return None


def _last_group(span):
    """The nearest named group (an organisation or people) of ``span``, else its nearest plural group word
    ("militiamen", "factions"): a plausible antecedent of "they" when the sentence has no group subject."""
    for ent in reversed(span.ents):
        root = ent.root
        if ent.label_ in ("ORG", "NORP") and root.dep_ not in ("amod", "compound") and not is_weapon(root):
            return root
    for token in reversed(span):
        if (token.tag_ in ("NNS", "NNPS") and token.lemma_.lower() in GROUP_HEADS
                and token.dep_ not in ("compound", "amod")
                and not any(c.lower_ in _CASUALTY_MODIFIERS for c in token.children)):
            return token  # "three dead fighters" vow nothing
    return None


def _subject(span):
    """The group the sentence's main verb has as subject (plural, named or a group word, no weapon or
    event word): who "they" of the next statement are.  Under a reporting verb ("police said two
    members of X were detained") the reported clause's subject is the one the story is about."""
    for token in span:
        if token.dep_ == "ROOT":
            if token.lemma_.lower() in REPORTING_LEMMAS:
                reported = [c for c in token.children if c.dep_ == "ccomp"]
                found = [s for c in reported for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
                if found and _plausible_group(found[0]):
                    return found[0]
            # a parse may leave the verb out and make the subject noun the root
            subjects = [c for c in [token, *token.children] if (c.dep_ == "nsubj" or (c.i == token.i and c.pos_ in ("NOUN", "PROPN")))
                        and _plausible_group(c)]
            return subjects[0] if subjects else None
    return None


def _plausible_group(token) -> bool:
    return (not is_weapon(token) and token.lemma_.lower() not in EVENT_TRIGGERS
            and (token.tag_ in ("NNS", "NNPS") or token.ent_type_ in ("ORG", "NORP")))


def _restated(event: Mention, hit) -> bool:
    """A back-reference that is what a statement is about ("condemned the U.S. airstrikes", "called the
    raid a violation") reports no new fact about the happening: the statement is the mention."""
    if hit is None or not event.anaphoric or event.figures:
        return False
    subtree = hit.trigger.subtree
    return any(t.idx == event.trigger.start for t in subtree)


def _inherit_background(events: list[Mention], sent: Sentence, previous_background: bool) -> None:
    if previous_background and not any(e.times for e in events) and _BACK_REFERENCE.search(sent.text):
        for event in events:
            event.background = True


def _sentences(doc):
    """spaCy's sentences, cut again at line breaks (headlines and datelines run into the text otherwise)."""
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    yield doc[start:token.i]
                start = token.i + 1
        if start < sent.end:
            span = doc[start:sent.end]
            if len(span.text) <= MAX_SENTENCE_CHARS and span.text.strip():
                yield span


def _event_score(sent: Sentence, triggers: list, typing: Typing) -> float:
    """The classifier's event probability, raised when a violent trigger comes with a weapon or casualty word."""
    score = typing.event_score
    if any(t.lemma_.lower() in CORE_TRIGGERS for t in triggers) and (
            weapon_families(sent.text) or figures.CASUALTY_WORDS.search(sent.text)):
        score = max(score, min(0.95, score + EVIDENCE_BONUS))
    return score


def _pick_trigger(triggers: list, typing: Typing):
    """The word that carries the sentence's event: the best fit for the predicted type, verbs first.

    When a foiled attack and a successful hit share a sentence ("most missiles were
    intercepted, two hit the base") the hit is the event reported.
    """
    preferred = PREFERRED.get(typing.acled_sub_event_type, set())
    if typing.acled_sub_event_type == "Disrupted weapons use":
        foiled = [t for t in triggers if t.lemma_.lower() in preferred]
        hits = [t for t in triggers if t.pos_ == "VERB" and t.lemma_.lower() in SUCCESS_VERBS
                and not any(t in f.subtree for f in foiled)]
        if foiled and hits:
            return hits[0]

    def rank(token) -> tuple:
        lemma = token.lemma_.lower()
        return (lemma not in preferred, token.pos_ != "VERB" and lemma not in STRONG_NOUNS, depth(token), token.i)

    return min(triggers, key=rank)


def _second_trigger(triggers: list, primary, first: Mention, sentence: str, scoped: _Scoped):
    """A second happening in the sentence: a trigger outside the primary's phrase whose own clause
    names another kind of weapon ("rocket attacks" after "air strikes"), or a verb whose subject
    is a weapon ("... after officials said four drones hit locations outside Irbil"), or — when the
    first is a back-reference — one with a time of its own ("those strikes answered a rocket attack
    earlier that month"), or one that frames the primary or follows from it with another actor ("while
    under rocket attack, U.S. forces responded with artillery fire", "..., prompting the army to launch
    airstrikes")."""
    if DISRUPTED.search(sentence):
        return None
    for token in triggers:
        lemma = token.lemma_.lower()
        if token is primary or lemma not in SECOND_EVENT_TRIGGERS:
            continue
        # one happening when either word sits in the other's clause scope (a nested clause of its own,
        # "... in retaliation for a rocket attack Monday", is carved out of the primary's scope)
        if token.i in scoped.region(primary) or primary.i in scoped.region(token):
            continue
        families = weapon_families(clause_text(token))
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if (families and first.acled_sub_event_type not in families) or (
                token.pos_ == "VERB" and any(map(is_weapon, subjects))):
            return token
        if (first.anaphoric and token.i not in scoped.region(primary) and scoped.has_own_time(token)
                and not scoped.over_period(token)):
            return token
        if ((scope.frames_or_follows(token) or scope.frames_or_follows(primary))
                and not scoped.is_back_reference(token) and _other_actor(token, first)):
            return token
    return None


def _other_actor(token, first: Mention) -> bool:
    """Does ``token``'s happening name a party of its own and another actor than ``first`` (one of them
    named, neither inside the other)?  "while under rocket attack, U.S. forces responded": the attack is
    not U.S. forces' own.  A pronoun ("... before he hit another car") may be either side, so it decides
    nothing, and "after a fire" with nobody named is no second happening."""
    actors, recipients = arguments.roles(token)
    mine, theirs = _named(actors), _named(first.actors)
    if not _named(recipients) and not mine:
        return False
    if len(mine) < len(actors) or len(theirs) < len(first.actors) or not (mine or theirs):
        return False
    return not any(a in b or b in a for a in mine for b in theirs)


def _named(spans: list[Span]) -> list[str]:
    """The spans that name someone (not a pronoun), case-folded and without a leading "the"."""
    return [s.text.lower().removeprefix("the ").strip() for s in spans if s.text.lower() not in _PRONOUNS]


def _base(article: Article, sent: Sentence, trigger, **fields) -> Mention:
    return Mention(
        id=f"{article.id}:{trigger.idx}",
        article_id=article.id,
        sentence=Span(sent.text, sent.span.start_char, sent.span.end_char),
        trigger=Span(trigger.text, trigger.idx, trigger.idx + len(trigger.text)),
        places=list(sent.places),
        times=list(sent.times),
        background=modality.is_background(sent.text, trigger, article.published),
        **fields,
    )


def _event_mention(article: Article, sent: Sentence, trigger, typing: Typing, score: float,
                   scoped: _Scoped) -> Mention:
    # the trigger's own scope decides its weapons when the sentence holds more than one event
    local = scoped.text(trigger)
    sub_type = refine_sub_type(typing.model_sub_type, sent.text, local)
    if sub_type == "Attack" and _killed_by_strike(trigger):
        sub_type = "Air/drone strike"
    event_type, plover_type, mode = ACLED_TYPES[sub_type]
    mode = refine_mode(plover_type, mode, sent.text, local)
    if _seizes_arms(trigger):
        # ACLED counts arms seized as a disrupted attack; PLOVER as a coercive seizure
        sub_type, (event_type, _, _) = SEIZED_ARMS, ACLED_TYPES[SEIZED_ARMS]
        plover_type, mode = "COERCE", "seize"
    actors, recipients = arguments.roles(trigger)
    if plover_type == "PROTEST" or sub_type in CROWD_SUB_TYPES:
        actors, recipients = _crowd_roles(trigger, sub_type, actors, recipients, scoped.region(trigger))
    mention = _base(
        article, sent, trigger,
        plover_type=plover_type, plover_mode=mode,
        acled_event_type=event_type, acled_sub_event_type=sub_type,
        score=round(score, 4), modality=modality.modality(trigger),
        actors=actors, recipients=recipients, weapons=arguments.weapons(sent.span),
        figures=figures.extract_figures(sent.span),
    )
    scoped.restrict(trigger, mention)
    return mention


def _killed_by_strike(trigger) -> bool:
    """"Sunday's strike killed five": a strike that kills is a strike from the air, not an attack by
    gunmen (ACLED's Attack), even when no aircraft or drone is named."""
    return trigger.pos_ == "VERB" and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in ("strike", "airstrike") for c in trigger.children)


def _seizes_arms(trigger) -> bool:
    """"troops seized two explosive belts and rifles": a verb of taking whose object is arms."""
    if trigger.pos_ != "VERB" or trigger.lemma_.lower() not in SEIZE_LEMMAS:
        return False
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(is_weapon(t) or ARMS.search(t.text) or weapon_families(t.text) for o in objects for t in o.subtree)


def _crowd_roles(trigger, sub_type: str, actors: list[Span], recipients: list[Span],
                 region: set[int]) -> tuple[list[Span], list[Span]]:
    """ACLED codes the protesters as the first actor of a protest, whoever the sentence makes its subject:
    in "police fired tear gas to disperse protesters" the protesters are actor 1 and the police, who
    intervened, actor 2.  Without a crowd word in the clause the roles stay as the parse gave them."""
    doc = trigger.doc
    crowd = [doc[i] for i in sorted(region) if doc[i].pos_ == "NOUN" and doc[i].lemma_.lower() in CROWD_LEMMAS]
    if not crowd:
        return actors, recipients
    crowd_span = phrase(crowd[0])
    if any(crowd_span.start < a.end and a.start < crowd_span.end for a in actors):
        return actors, recipients
    others = [r for r in recipients if not (crowd_span.start < r.end and r.start < crowd_span.end)]
    if sub_type in INTERVENED_SUB_TYPES:
        return [crowd_span], actors
    return [crowd_span], others


def _statement_mention(article: Article, sent: Sentence, plover_type: str, trigger, speaker: list,
                       recipient: list) -> Mention:
    mention = _base(
        article, sent, trigger, plover_type=plover_type, is_statement=True, score=1.0, modality=ASSERTED,
        actors=statements.spans(speaker), recipients=statements.spans(recipient), quote=statements.quote(sent.span),
    )
    mention.id = f"{article.id}:{trigger.idx}:s"
    return mention


def _reported_threat(article: Article, sent: Sentence) -> Mention | None:
    """"X said his men might use drones in future attacks": a threat by X, not an attack."""
    for token in sent.span:
        if token.pos_ == "VERB" and token.lemma_.lower() in REPORTING_LEMMAS:
            speakers = [c for c in token.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
            if speakers:
                return _statement_mention(article, sent, "THREATEN", token, speakers, [])
    return None

