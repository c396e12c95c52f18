"""Toponyms found and placed on the map from the packaged gazetteer.

Contract: ``Geocoder(settings)`` loads the gazetteer once;
``geoparse(text, doc, article=None) -> list[Place]`` finds every place mention
with its span and resolved entry; ``event_location(mention, article, places)``
picks the happening's location among them.  ``geoparse_records`` is the
``eventwire geoparse`` command.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Iterator, Optional

from ..config import Settings
from ..extract.arguments import WEAPON_LEMMAS
from ..extract.lexicon import STRONG_NOUNS
from ..records import Article, Mention, Place
from .gazetteer import Entry, Gazetteer, haversine_km, load_gazetteer, normalise_name
from .toponyms import (DocView, Facility, Match, facility_container, find_facilities, find_matches, home_town,
                       place_mentions, resolve, words_of)

# Finest first; a border or sub-national region sits between a province and a country.
_RANK = {"site": 0, "town": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5}
# A country or city used as an actor ("U.S. forces", "Washington said") is not where things happened.
_ACTOR_AFTER = re.compile(
    r"^[\s’'s-]*(?:-?(?:led|backed|based|allied|aligned|linked|affiliated|sponsored|funded|supported)\b|forces|military|troops|army|officials?|personnel|"
    r"government|embassy|president|administration|navy|air force|authorities|ministry|said|says|"
    r"announced|accused|denied|claimed|warned|condemned|blamed|spokes\w+|intelligence|diplomats?|"
    r"soldiers|service members?|contractors?|citizens|coalition|interests|bases?|positions|assets|vessels|"
    r"ships|warships|facilities|sponsors|proxies|allies|partners|support|envoy|ambassador)\b", re.I)
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|near|at|outside|inside|across|around|into|on(?=\s+the\b)|over|towards?|throughout|along|within|targeting|"
    r"hit|struck|north|south|east|west|northeast|northwest|southeast|southwest|outskirts of)\s+"
    r"(?:the\s+)?(?:(?:\w+ern|central|rural|northeast|northwest|southeast|southwest)\s+)?$", re.I)
_NEXT_WORD = re.compile(r"^ ([A-Za-z][\w-]*)")
_TIME_WORD = re.compile(r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|"
                        r"July|August|September|October|November|December|today|tonight|yesterday|"
                        r"overnight|earlier|late|last|this|early)$", re.I)
# Words after a country that leave it a place: function words and verbs it is the subject of.
_NOT_HEAD_NOUNS = frozenset("""and or but nor in on at to for with by from of after before since during near
    into over under as than that which who where when while is was were are be been has had have will would
    could can may might should said says say and also itself alone""".split())
# Lowercase nouns a country before them owns: its strikes, weapons and forces.
_OWNED_NOUNS = STRONG_NOUNS | WEAPON_LEMMAS | frozenset(
    "air airstrike bombing campaign operation drone warplane jet military force troop soldier sailor marine "
    "navy command official defense defence".split())
_LEADING_DET = re.compile(r"^(?:the|a|an)\s+", re.I)
# A recipient is a place when a mapped site or town covers this share of its words.
PLACE_SHARE = 0.6
_PURPOSE_CUE = re.compile(r"\b(?:in (?:support|solidarity|defen[cs]e) (?:of|with)|on behalf of|"
                          r"to (?:protect|defend|support|help|secure|safeguard|deter))\b[^.;,—]*$", re.I)
# "on the road to Tal Abyad", "fleeing towards Idlib": a destination, not where it happened.
_DESTINATION_CUE = re.compile(r"\b(?:road|way|route|highway|journey|heading|headed|en route|bound|fled|fleeing|"
                              r"driving|travell?ing|returning)\s+(?:back\s+)?(?:to|towards?|for)\s+(?:the\s+)?$", re.I)
_LIST_JOIN = re.compile(r"\s*(?:,|,?\s*and|,?\s*or)\s*(?:the\s+)?")
# "against the base", "the same airfield was hit": a site named earlier, referred back to by its kind,
# as the scene (after a place preposition, or as the subject of a passive attack verb).
_SITE_NOUN = r"the (?:same |military |main )?(air ?base|base|air ?field|airport|oil ?field|field|camp|garrison)\b"
_DEFINITE_SITE = re.compile(
    rf"\b(?:(?:against|at|on|near|outside|inside|into|towards?) {_SITE_NOUN}|{_SITE_NOUN}"
    r"(?= (?:was|were|had been|has been) (?:\w+ly )?(?:targeted|hit|struck|attacked|shelled|bombed|stormed)\b))",
    re.I)
_BASES = frozenset({"base", "airbase", "airport", "garrison", "camp"})
_SITE_KINDS = {"base": _BASES, "airbase": _BASES, "garrison": _BASES, "camp": _BASES | {"camp"},
               "airfield": _BASES, "airport": frozenset({"airport", "airbase"}),
               "oilfield": frozenset({"oilfield"}), "field": frozenset({"oilfield", "airbase"})}
# How far (km) a dateline city may lie from the article's own places and still be the event's place.
DATELINE_KM = 300.0
# A facility placed at its town, found by its name's shape, not by the gazetteer: the town said
# beside it, or (lower, and never an event's scene) only guessed from the article's home town.
FACILITY_SCORE = 0.6
GUESSED_FACILITY_SCORE = 0.4
# Country centres further apart than this are not one region ("the US and Iran" is no place).
REGION_KM = 1500.0


class Geocoder:
    """Finds place mentions and resolves them against the packaged gazetteer."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.gazetteer: Gazetteer = load_gazetteer(settings.extra_places)

    def geoparse(self, text: str, doc=None, article: Optional[Article] = None) -> list[Place]:
        """Every place mention in ``text`` with its span and resolved gazetteer entry."""
        if not text or not text.strip():
            return []
        if doc is None:
            from ..nlp import load_nlp

            doc = load_nlp(self.settings.spacy_model)(text)
        words = words_of(text)
        view = DocView(doc)
        matches = place_mentions(find_matches(text, words, self.gazetteer), words, view, text)
        facilities = find_facilities(text, words, matches)
        resolve(matches, self._hints(article), text)
        places = [_place(m) for m in matches if m.best is not None and not m.inner]
        if facilities:
            home = home_town(matches)
            for f in facilities:
                container, said = facility_container(f, home)
                if container is not None:
                    places.append(_facility_place(f, container, FACILITY_SCORE if said else GUESSED_FACILITY_SCORE))
            places.sort(key=lambda p: p.start)
        return places

    def _hints(self, article: Optional[Article]) -> Counter:
        """Countries the dateline names: a light prior for the whole article."""
        hints: Counter = Counter()
        place = article.dateline.place if article is not None and article.dateline else None
        if place:
            entry = self._lookup_best(place)
            if entry is not None and entry.country:
                hints[entry.country] += 0.5
        return hints

    def _lookup_best(self, name: str) -> Optional[Entry]:
        entries, _ = self.gazetteer.lookup(normalise_name(name))
        return max(entries, key=lambda e: e.prominence, default=None)

    def event_location(self, mention: Mention, article: Article, places: list[Place]) -> Optional[Place]:
        """Where the happening took place: the most specific place in its sentence, else nearby, else dateline.

        A recipient that is itself a mapped site or town ("drones were launched at the Ain al-Assad
        base") is the target's place, not a party: it is taken off ``mention.recipients`` and becomes
        the location.
        """
        sent = mention.sentence
        targets = _place_recipients(mention, places)
        if targets:
            return _most_specific(targets, mention.trigger.start, self.gazetteer)
        opening = _dateline_end(article)
        usable = [p for p in places if p.start >= opening and not _is_actor_use(p, article.text, mention)
                  and p.feature != "demonym" and not _elsewhere(p, article.text, mention)
                  and not _guessed(p)]
        inside = [p for p in usable if sent.start <= p.start and p.end <= sent.end]
        if mention.places:
            named = [p for p in inside if any(s.start <= p.start < s.end or p.start <= s.start < p.end
                                              for s in mention.places)]
            inside = named or inside
        # strongest first: places the sentence puts the happening in, then towns and sites it names,
        # then the places of the sentences before it, and only then countries it names as actors
        located = _locative(inside, article.text)
        finer = [p for p in inside if p.precision not in ("country", "region") and p.feature != "building"]
        for pool in (located, finer):
            if pool:
                return _most_specific(pool, mention.trigger.start, self.gazetteer)
        site = _site_referred_back(mention, article.text, usable)
        if site is not None:
            return site
        para = next((s for s in article.paragraphs if s.start <= sent.start < s.end), None)
        if para is not None:
            before = [p for p in usable if para.start <= p.start < sent.start and p.feature != "building"]
            if before:
                last_sentence_start = max(p.start for p in before)
                recent = [p for p in before if p.start >= last_sentence_start - 300]
                return _most_specific(_locative(recent, article.text) or recent, sent.start, self.gazetteer)
        rest = [p for p in inside if p.feature != "building"]
        if rest:
            return _most_specific(rest, mention.trigger.start, self.gazetteer)
        return self._dateline_place(article, [p for p in places if p.start >= opening])

    def _dateline_place(self, article: Article, places: list[Place]) -> Optional[Place]:
        """The dateline city, unless the story's places lie far from it (a reporting city, not a scene)."""
        if article.dateline is None or not article.dateline.place:
            return None
        entry = self._lookup_best(article.dateline.place)
        if entry is None:
            return None
        located = [p for p in places if p.lat is not None and p.precision in ("site", "town", "admin2", "admin1")
                   and p.feature != "building" and haversine_km(entry.lat, entry.lon, p.lat, p.lon) > 30.0]
        if located and min(haversine_km(entry.lat, entry.lon, p.lat, p.lon) for p in located) > DATELINE_KM:
            return None
        countries = Counter(p.country for p in places if p.country)
        if countries and entry.country not in countries:
            return None
        return _entry_place(entry, article.dateline.place, -1, -1, 0.5)


def _place_recipients(mention: Mention, places: list[Place]) -> list[Place]:
    """Sites and towns that make up a recipient span (most of its letters), removing those spans."""
    found: list[Place] = []
    kept = []
    for span in mention.recipients:
        core = len(_LEADING_DET.sub("", span.text or ""))
        inside = [p for p in places if span.start <= p.start and p.end <= span.end and p.precision in ("site", "town")
                  and p.feature != "building" and (p.end - p.start) >= PLACE_SHARE * core and not _guessed(p)]
        if inside:
            found.extend(inside)
        else:
            kept.append(span)
    if found and not mention.is_statement:
        mention.recipients = kept
        return found
    return []


def _site_referred_back(mention: Mention, text: str, places: list[Place]) -> Optional[Place]:
    """"Drones were launched against the base": a definite site noun with no name of its own means
    the last site of that kind the article named before the sentence."""
    sent = mention.sentence
    said = _DEFINITE_SITE.search(text, sent.start, sent.end)
    if said is None:
        return None
    kind = (said.group(1) or said.group(2)).lower().replace(" ", "")
    earlier = [p for p in places if p.precision == "site" and p.end <= sent.start and p.feature != "building"
               and _SITE_KINDS.get(kind, frozenset()) & {p.feature or ""}]
    return max(earlier, key=lambda p: p.start, default=None)


def _guessed(p: Place) -> bool:
    """A facility put at the article's home town only by guess: no evidence of where anything happened."""
    return p.feature == "facility" and p.score < FACILITY_SCORE


def _locative(places: list[Place], text: str) -> list[Place]:
    """The places the sentence puts something *in*: after 'in', 'near', 'outside'..., or listed with one."""
    out: list[Place] = []
    for p in sorted(places, key=lambda p: p.start):
        if _LOCATIVE_BEFORE.search(text[max(0, p.start - 40):p.start]):
            out.append(p)
        elif out and _LIST_JOIN.fullmatch(text[out[-1].end:p.start]):
            out.append(p)
    return out


def _dateline_end(article: Article) -> int:
    """Where the dateline ends in the text (0 if none): its city is weighed apart from the story's places."""
    d = article.dateline
    if d is None:
        return 0
    for needle in (d.text, d.place):
        if needle:
            at = article.text.find(needle, 0, 400)
            if at >= 0:
                return at + len(needle)
    return 0


def _elsewhere(p: Place, text: str, mention: Mention) -> bool:
    """The place is not the scene: a destination anywhere in the sentence ("hit a truck on the road to
    Tal Abyad"), or it sits in a reason or purpose phrase after the trigger ("acting in support of
    Palestinians in Gaza", "to protect vessels in the Red Sea")."""
    sent, trigger = mention.sentence, mention.trigger
    if not sent.start <= p.start < sent.end:
        return False
    if _DESTINATION_CUE.search(text[max(sent.start, p.start - 40):p.start]):
        return True
    if p.start < trigger.end:
        return False
    before = text[max(trigger.end, p.start - 90):p.start]
    return bool(_PURPOSE_CUE.search(before))


def _is_actor_use(p: Place, text: str, mention: Mention) -> bool:
    """Whether the place words name a party, not a scene: inside an actor span, or 'U.S. forces'.

    A recipient span may well hold the scene ("Iraq's Ain al-Asad air base"), so only the
    countries in it are set aside.
    """
    national = p.precision == "country" or p.feature in ("capital", "building")
    for span in mention.actors:
        if span.start <= p.start and p.end <= span.end:
            return True
    for span in mention.recipients:
        if national and span.start <= p.start and p.end <= span.end:
            return True
    after = text[p.end:p.end + 40]
    return national and bool(_ACTOR_AFTER.match(after) or _modifies_noun(after))


def _modifies_noun(after: str) -> bool:
    """"U.S. strikes", "U.S. Central Command", "a wider U.S. air campaign": a country written straight
    before an event, weapon or force noun, or before a name, says whose thing it is, not where it
    happened ("in Baghdad killed", "in Iraq on Sunday", "in Syria Monday" leave it a place)."""
    word = _NEXT_WORD.match(after)
    if word is None:
        return False
    token = word.group(1)
    if token[0].isupper():
        return not _TIME_WORD.match(token) and token.lower() not in _NOT_HEAD_NOUNS
    return token.lower() in _OWNED_NOUNS or token.lower().removesuffix("s") in _OWNED_NOUNS



def _most_specific(places: list[Place], anchor: int, gazetteer: Gazetteer) -> Place:
    """The finest place; several countries and nothing finer make a region (a border, or 'Syria and Iraq')."""
    finest = min(_RANK.get(p.precision, 6) for p in places)
    best = [p for p in places if _RANK.get(p.precision, 6) == finest]
    if best[0].precision == "country":
        countries = sorted({p.country for p in best if p.country})
        if 2 <= len(countries) <= 3 and _neighbouring(best):
            return _region_of(best, countries, gazetteer)
    return min(best, key=lambda p: abs(p.start - anchor))


def _neighbouring(places: list[Place]) -> bool:
    """Whether the countries lie close enough together that the area spanning them means something."""
    pts = [(p.lat, p.lon) for p in places if p.lat is not None]
    return all(haversine_km(a[0], a[1], b[0], b[1]) <= REGION_KM for a in pts for b in pts)


def _region_of(places: list[Place], countries: list[str], gazetteer: Gazetteer) -> Place:
    """The border region of two countries when the gazetteer has one, else their midpoint as a region."""
    first = places[0]
    if len(countries) == 2:
        names = [gazetteer.country(c) for c in countries]
        if all(names):
            for a, b in (names, names[::-1]):
                entries = gazetteer.exact(normalise_name(f"{a.name}-{b.name} border"))
                if entries:
                    return _entry_place(entries[0], first.text, first.start, first.end, first.score)
    located = [p for p in places if p.lat is not None]
    lat = sum(p.lat for p in located) / len(located)
    lon = sum(p.lon for p in located) / len(located)
    names = " and ".join(dict.fromkeys(p.name for p in places))
    return Place(name=names, country=first.country, lat=round(lat, 4), lon=round(lon, 4), precision="region",
                 feature="region", text=first.text, start=first.start, end=first.end, score=first.score)


def _entry_place(e: Entry, text: str, start: int, end: int, score: float) -> Place:
    return Place(name=e.name, country=e.country, admin1=e.admin1, lat=e.lat, lon=e.lon, precision=e.precision,
                 feature=e.feature, gazetteer_id=e.gid, text=text, start=start, end=end, score=score)


def _facility_place(f: Facility, container: Entry, score: float) -> Place:
    """A facility at the point of the place it is in (so no finer than that place)."""
    place = _entry_place(container, f.text, f.start, f.end, score)
    place.name, place.feature = f.text, "facility"
    return place


def _place(m: Match) -> Place:
    place = _entry_place(m.best, m.text, m.start, m.end, m.score)
    if m.suffix and place.precision == "town":
        # "Orange County", "Sinjar district": the district around the town of that name
        place.precision, place.feature = "admin2", m.suffix
    return place


def geoparse_records(records: Iterable[dict], settings: Settings) -> Iterator[dict]:
    """The ``eventwire geoparse`` command: ``{id, text}`` in, ``{id, places: [...]}`` out, parsed in batches."""
    from ..nlp import load_nlp

    geocoder = Geocoder(settings)
    nlp = load_nlp(settings.spacy_model)
    batch: list[dict] = []
    for record in records:
        batch.append(record)
        if len(batch) >= settings.batch_size:
            yield from _geoparse_batch(batch, geocoder, nlp)
            batch = []
    if batch:
        yield from _geoparse_batch(batch, geocoder, nlp)


def _geoparse_batch(batch: list[dict], geocoder: Geocoder, nlp) -> Iterator[dict]:
    texts = [str(r.get("text") or "") for r in batch]
    for record, text, doc in zip(batch, texts, nlp.pipe(texts)):
        places = geocoder.geoparse(text, doc)
        yield {"id": record.get("id"), "places": [
            {"text": p.text, "start": p.start, "end": p.end, "name": p.name, "country": p.country,
             "admin1": p.admin1, "lat": p.lat, "lon": p.lon, "feature": p.feature, "score": p.score}
            for p in places]}
