"""Toponym recognition and disambiguation over the packaged gazetteer.

Recognition is gazetteer-driven: every capitalised word (or ``al-``/``el-``
article, or compass word such as "eastern") starts a look-up of the longest
run of up to seven words whose normalised key names a place.  spaCy's
entities and part-of-speech tags then decide which matches are real place
mentions: its NER alone misses many Arabic names ("Ain al-Asad" comes out as
a person), while the gazetteer alone would turn "Police" or "Biden" into
towns.  Disambiguation scores every candidate by prominence (population, or
rank for countries, provinces and curated sites), the countries and provinces
the rest of the article settles on, and "Town, Province" qualifiers.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from rapidfuzz import fuzz

from .gazetteer import ARTICLES, Entry, Gazetteer, haversine_km, normalise_name

_WORD = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*")
_JOIN = re.compile(r"[ \t\-–‐]{1,3}|['’]s ")  # "People's Republic" reads on as one name
_ABBREV_JOIN = re.compile(r"\.[ ]?")
MAX_WORDS = 7
COMPASS = frozenset("north south east west northern southern eastern western northeast northwest southeast "
                    "southwest northeastern northwestern southeastern southwestern central".split())
TITLES = frozenset("president mr mrs ms dr gen general col colonel sen senator rep gov governor minister king "
                   "queen prince princess sheikh imam ayatollah lt maj major capt captain sgt pope judge "
                   "secretary spokesman spokeswoman commander chief ambassador lord lady sir".split())
LOCATIVE = frozenset("in near at outside from to into across around towards toward inside within through "
                     "throughout between via".split())
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Single words that are place names somewhere but nearly always ordinary English here:
# they count as places only when spaCy itself tags them as a place.
COMMON_WORDS = frozenset("""
hamas hezbollah isis isil nato houthi houthis taliban qaeda shabaab wagner
car act more no bank human chamber officer centre market federal alliance luck nov leader agency research
vice supreme time week rail air minister corporation competition piano mega pan
of the a an and or but if on in at to by for with from as is it be are was were this that these those
police mobile reading nice well march may june july august april january february september october november
december monday tuesday wednesday thursday friday saturday sunday god man men woman women new old good great
best home army navy marine marines president union university college church state states city county
republic island islands river lake mount bay beach park street road centre center hospital school hall
court house white black red green blue gold silver star sun moon sky rock stone hill hills valley spring
springs fall falls summer winter energy power independence liberty victory peace justice freedom hope
unity progress commerce industry prosperity concord harmony friendship eagle bear wolf buffalo fox deer
lion tiger phoenix orange lemon olive palm pine oak cedar rose lily may june april will hazard opportunity
enterprise paradise eden jerusalem christmas easter early late big little long short high low upper lower
middle north south east west central western eastern northern southern southeast southwest northeast
northwest general major captain colonel king queen prince princess lord lady sir bishop pope saint santa
san mission fort camp port cape point post office media government ministry council senate congress
parliament assembly party press news times today daily online video photo photos page click share
email twitter facebook google apple amazon windows office us we our he she they you i me my his her their
its one two three four five six seven eight nine ten hundred thousand million billion trade
""".split())
ADMIN_SUFFIXES = frozenset("county parish district province governorate oblast prefecture municipality".split())
# A town whose country the article never settles on, further than NEAR_KM from every place of
# the countries it does (share >= CONTEXT_SHARE), is a far namesake unless it is a big city.
NEAR_KM = 1000.0
CONTEXT_SHARE = 0.5
FAR_KEEP_POPULATION = 1_000_000
SMALL_POPULATION = 10_000
_VILLAGE_BEFORE = re.compile(r"\b(?:village|hamlet|settlement|locality)s? (?:of )?$", re.I)
_NAME_GOES_ON = re.compile(r"^[ -](?:al|el|ad|ash|as|az|an|ar|at|ez|es|bin|ibn|abu|um|umm)[- ]", re.I)
_SMALL_PLACE_FEATURES = frozenset({"city", "town", "village"})
PROMINENT = 5.0  # prominence (log10 population, or rank) that lets a match ride over a person/org tag


@dataclass(slots=True)
class Word:
    text: str
    start: int
    end: int
    key: str


@dataclass(slots=True)
class Match:
    """A run of words that names one or more gazetteer entries."""

    start: int
    end: int
    text: str
    key: str
    words: int
    candidates: list[Entry]
    exact: bool
    first_word: int
    best: Optional[Entry] = None
    score: float = 0.0
    suffix: Optional[str] = None  # "county" in "Orange County": the district named after the town
    qualifier: Optional["Match"] = None  # the "Province" of "Town, Province"
    qualifies: Optional["Match"] = None  # the "Town" this match is the province or country of
    inner: bool = False  # part of a facility's name ("Windsor" of "Windsor Castle"): no vote, no place of its own


def words_of(text: str) -> list[Word]:
    """Words with offsets; a trailing possessive 's is left out of the word."""
    out = []
    for m in _WORD.finditer(text):
        start, end, word = m.start(), m.end(), m.group()
        if len(word) > 3 and word[-2] in "'’ʼ" and word[-1] in "sS":
            end -= 2
            word = word[:-2]
        out.append(Word(word, start, end, normalise_name(word)))
    return out


def _joined(text: str, a: Word, b: Word) -> bool:
    """Whether two neighbouring words may belong to one name (no comma, bracket or full stop between)."""
    sep = text[a.end:b.start]
    if not sep:
        return False
    if _JOIN.fullmatch(sep):
        return True
    return len(a.text) <= 2 and a.text[:1].isupper() and bool(_ABBREV_JOIN.fullmatch(sep))


def _starts_name(words: list[Word], i: int) -> bool:
    w = words[i].text
    if w[:1].isupper():
        return True
    nxt = words[i + 1].text if i + 1 < len(words) else ""
    return (w.lower() in ARTICLES or w.lower() in COMPASS) and nxt[:1].isupper()


def find_matches(text: str, words: list[Word], gazetteer: Gazetteer) -> list[Match]:
    """Greedy left-to-right longest matches of word runs against the gazetteer."""
    matches: list[Match] = []
    i, n = 0, len(words)
    while i < n:
        if not _starts_name(words, i):
            i += 1
            continue
        keys, j = [words[i].key], i
        while j + 1 < n and j + 1 - i < MAX_WORDS and _joined(text, words[j], words[j + 1]):
            j += 1
            keys.append(keys[-1] + " " + words[j].key)
        found = _longest(words, i, keys, gazetteer, text)
        if found is None:
            i += 1
            continue
        nxt = i + found.words
        if nxt < n and words[nxt].key in ADMIN_SUFFIXES and _joined(text, words[nxt - 1], words[nxt]):
            found.end, found.suffix = words[nxt].end, words[nxt].key
            found.text = text[found.start:found.end]
            nxt += 1
        matches.append(found)
        i = nxt
    return matches


def _longest(words: list[Word], i: int, keys: list[str], gazetteer: Gazetteer, text: str) -> Optional[Match]:
    """The longest exact name starting at word ``i``; failing that, the longest spelling-tolerant one.

    A loose name of more words wins over an exact small place when a candidate is
    spelled nearly like it ("Ain Issa", GeoNames' "Ayn Isa", over a village "Ain").
    """
    exact = _first_name(words, i, keys, gazetteer, text, exact=True)
    if words[i].key in COMMON_WORDS:
        return exact
    if exact is not None and max(c.prominence for c in exact.candidates) >= 4.0:
        return exact
    loose = _first_name(words, i, keys, gazetteer, text, exact=False)
    if exact is None or loose is not None and loose.words > exact.words and _alike(loose, 80):
        return loose
    return exact


def _first_name(words: list[Word], i: int, keys: list[str], gazetteer: Gazetteer, text: str,
                exact: bool) -> Optional[Match]:
    """The longest name starting at word ``i``, looked up exactly or by spelling skeleton."""
    for size in range(len(keys), 0, -1):
        last = words[i + size - 1]
        if last.key in ARTICLES or (size == 1 and not last.text[:1].isupper()):
            continue
        if exact:
            entries = gazetteer.exact(keys[size - 1])
        elif all(w.text[:1].isupper() or w.key in ARTICLES for w in words[i:i + size]):
            entries = gazetteer.lookup(keys[size - 1])[0]
        else:
            continue
        if entries:
            start, end = words[i].start, last.end
            if len(last.text) == 1 and text[end:end + 1] == ".":
                end += 1  # the closing full stop of "U.S."
            return Match(start, end, text[start:end], keys[size - 1], size, entries, exact, i)
    return None


class DocView:
    """What the spaCy parse says about character spans: entity labels and proper nouns."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents] if doc is not None else []
        self.ent_starts = [s for s, _, _ in self.ents]
        # surnames of people named in full ("Lloyd Austin"): alone later on, they still mean the person
        self.surnames = {normalise_name(e.text.split()[-1]) for e in doc.ents
                         if e.label_ == "PERSON" and len(e.text.split()) > 1} if doc is not None else set()

    def entity(self, start: int, end: int) -> Optional[tuple[int, int, str]]:
        """The entity overlapping [start, end) most, if any (spaCy's entities never overlap each other)."""
        best, overlap = None, 0
        i = bisect.bisect_left(self.ent_starts, end) - 1
        while i >= 0 and self.ents[i][1] > start:
            s, e, label = self.ents[i]
            o = min(e, end) - max(s, start)
            if o > overlap:
                best, overlap = self.ents[i], o
            i -= 1
        return best

    def proper(self, start: int, end: int) -> bool:
        if self.doc is None:
            return True
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and any(t.pos_ == "PROPN" for t in span)


def is_place_mention(m: Match, words: list[Word], view: DocView) -> bool:
    """Keep matches that read as places in context; drop people, common words and titles."""
    top = max(_trust(m, c) for c in m.candidates)
    if m.exact and m.words >= 2 and any(c.gid.startswith(("site:", "user:")) for c in m.candidates):
        return True
    prev_word = words[m.first_word - 1] if m.first_word > 0 else None
    if prev_word is not None and prev_word.key in TITLES and prev_word.text[:1].isupper():
        return False
    locative = prev_word is not None and (prev_word.key in LOCATIVE or _person_of(m, words, view))
    ent = view.entity(m.start, m.end)
    larger = ent is not None and (ent[0] < m.start - 1 or ent[1] > m.end + 2)  # +2: a possessive 's
    label = ent[2] if ent is not None and not larger else None
    around = ent[2] if larger else None
    if m.exact and any(c.feature == "demonym" for c in m.candidates):
        m.candidates = [c for c in m.candidates if c.feature == "demonym"]
        return around != "PERSON"
    if m.words == 1 and m.key in COMPASS:
        return False  # "West", "SOUTH": a direction, not Cameroon's provinces
    if _acronym(m.text):
        if not m.exact:
            return False  # "KTVU" is a call sign, not a loose spelling of a province
        m.candidates = [c for c in m.candidates
                        if c.feature in _ACRONYM_FEATURES or c.gid.startswith(("site:", "user:"))]
        if not m.candidates or around == "PERSON":
            return False
        return label != "NORP"
    if m.words == 1 and m.key in COMMON_WORDS and label not in PLACE_LABELS:
        return False
    if m.words == 1 and m.key in view.surnames and not (label in PLACE_LABELS and locative):
        return False
    if not m.exact:
        # a curated site's several-word name spelled a little differently ("Al-Assad Airbase")
        # stands on its own; a loose spelling of one word needs the parse to call it a place
        if m.words >= 2 and label != "PERSON" and around != "PERSON" and _close_site_spelling(m):
            return True
        if m.words >= 2 and _placed_by_cue(m, words) and _close_spelling(m):
            return True  # "west of Ain Issa", "near Ain Issa": a place whatever the parse says
        return label in PLACE_LABELS and _close_spelling(m)
    if label in PLACE_LABELS:
        return True
    if around == "PERSON":
        return False
    if label == "NORP":
        return top >= PROMINENT
    if label in ("PERSON", "ORG"):
        return top >= PROMINENT or (locative and top >= 3.0)
    if around is not None:
        return top >= 4.0
    return view.proper(m.start, m.end) and (top >= PROMINENT or (top >= 3.0 and (locative or m.words >= 2)))


def _person_of(m: Match, words: list[Word], view: DocView) -> bool:
    """"Jodi Mahler of Bellmore", "Miss Abdhou, of Hayes": where a person named just before is from."""
    if m.first_word < 2 or words[m.first_word - 1].key != "of":
        return False
    nxt = m.first_word + m.words
    if nxt < len(words) and words[nxt].text[:1].isupper() and words[nxt].start - m.end == 1:
        return False  # "Robert Snodgrass of Aston Villa": a club, not a town
    before = words[m.first_word - 2]
    ent = view.entity(before.start, before.end)
    return ent is not None and ent[2] == "PERSON" and ent[1] <= words[m.first_word - 1].start


def place_mentions(matches: list[Match], words: list[Word], view: DocView, text: str) -> list[Match]:
    """The matches that are place mentions: by :func:`is_place_mention`, or as the town of "Town, Province".

    A province or country right after a comma that holds one of the town's namesakes vouches
    for it even when the parse cannot ("PLEASANTON, Calif.", "Immokalee, Florida").
    """
    keep = [is_place_mention(m, words, view) and not _short_word(m, text) for m in matches]
    for i in range(len(matches) - 1):
        a, b = matches[i], matches[i + 1]
        if not keep[i] and keep[i + 1] and a.exact and text[a.end:b.start].strip() == "," and _vouches(b, a):
            a.candidates = [c for c in a.candidates if _under(c, b)]
            keep[i] = True
    _listed_with_places(matches, keep, view, text)
    _named_again(matches, keep, words, view, text)
    return [m for m, k in zip(matches, keep) if k]


def _named_again(matches: list[Match], keep: list[bool], words: list[Word], view: DocView, text: str) -> None:
    """One name, one sense: a name the article already uses as a place is a place again where the parse
    hesitates ("around Hinton ... lessons to offer Hinton"), unless it is part of a person's name."""
    sure = Counter(m.key for m, k in zip(matches, keep) if k and m.exact and _surely_placed(m, words, view))
    doubted = Counter(m.key for m, k in zip(matches, keep) if not k and m.exact)
    placed = {key for key, n in sure.items() if n >= doubted[key]}  # not "Noma" once a town, nine times a woman
    for i, m in enumerate(matches):
        if keep[i] or not m.exact or m.key not in placed or _acronym(m.text) or _short_word(m, text):
            continue
        nxt = m.first_word + m.words
        if nxt < len(words) and words[nxt].text[:1].isupper() and _joined(text, words[nxt - 1], words[nxt]):
            continue  # "Helen Kunz": a name goes on
        if m.words == 1 and (m.key in COMMON_WORDS or m.key in view.surnames):
            continue
        prev_word = words[m.first_word - 1] if m.first_word > 0 else None
        if prev_word is not None and prev_word.key in TITLES:
            continue
        ent = view.entity(m.start, m.end)
        if ent is not None and ent[2] == "PERSON" and (ent[0] < m.start - 1 or ent[1] > m.end + 2):
            continue  # "Paris Hilton"
        keep[i] = True


def _surely_placed(m: Match, words: list[Word], view: DocView) -> bool:
    """A mention the parse calls a place, or that follows "in", "near", "from"...: firm enough to vouch
    for the same name elsewhere in the article."""
    ent = view.entity(m.start, m.end)
    if ent is not None and ent[2] in PLACE_LABELS:
        return True
    return m.first_word > 0 and words[m.first_word - 1].key in LOCATIVE


def _listed_with_places(matches: list[Match], keep: list[bool], view: DocView, text: str) -> None:
    """Towns listed beside places ("Žilina, Nitra, Prešov and Košice") are places too, both ways along the list."""
    changed = True
    while changed:
        changed = False
        for i, m in enumerate(matches):
            if keep[i] or not _list_candidate(m, view):
                continue
            before = i > 0 and keep[i - 1] and _LIST_SEP.fullmatch(text[matches[i - 1].end:m.start])
            after = i + 1 < len(matches) and keep[i + 1] and _LIST_SEP.fullmatch(text[m.end:matches[i + 1].start])
            if before or after:
                keep[i] = changed = True


_LIST_SEP = re.compile(r"\s*(?:,|,?\s+and|,?\s+or|/)\s*")


def _list_candidate(m: Match, view: DocView) -> bool:
    """A proper-noun town name that only lacked evidence (not a common word, a person, or a loose spelling)."""
    if not m.exact or (m.words == 1 and (m.key in COMMON_WORDS or m.key in view.surnames)):
        return False
    ent = view.entity(m.start, m.end)
    if ent is not None and ent[2] == "PERSON":
        return False
    return view.proper(m.start, m.end) and any(c.feature in ("city", "capital") and c.prominence >= 3.0
                                               for c in m.candidates)


def _short_word(m: Match, text: str) -> bool:
    """'Ms', 'Mt', 'Va': a short word names a state by its code only in capitals or as 'Va.' (not 'Qom', 'Hit')."""
    if len(m.text) > 3 or _acronym(m.text) or text[m.end:m.end + 1] == ".":
        return False
    return not any(_own_name(c.name) == m.key for c in m.candidates)


def _under(town: Entry, qualifier: Match) -> bool:
    return any(_contains(q, town) for q in qualifier.candidates if q.feature in QUALIFIER_FEATURES)


QUALIFIER_FEATURES = frozenset({"admin1", "country", "county"})
COUNTY_KM = 80.0  # a town "in" a county (which the gazetteer knows only as a point) lies this close to it


def _contains(q: Entry, town: Entry) -> bool:
    """Whether qualifier ``q`` (a country, province or county) may hold ``town``."""
    if q.country != town.country:
        return False
    if q.feature == "county":
        return town.lat is not None and haversine_km(q.lat, q.lon, town.lat, town.lon) <= COUNTY_KM
    return q.feature == "country" or q.admin1 == town.admin1


def _vouches(qualifier: Match, town: Match) -> bool:
    return any(_under(c, qualifier) for c in town.candidates if c.feature in ("city", "capital"))


_ACRONYM_FEATURES = frozenset({"country", "admin1", "demonym"})


def _trust(m: Match, c: Entry) -> float:
    """Prominence, less when a town is matched only through one of its foreign or historic names."""
    if c.feature in ("city", "capital") and _own_name(c.name) != m.key.removesuffix(" city"):
        return c.prominence - 0.5
    return c.prominence


def _acronym(text: str) -> bool:
    """'US', 'UAE', 'U.S.': all capitals, so not the pronoun or a hamlet spelled the same."""
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 5 and all(c.isupper() for c in letters)


def _placed_by_cue(m: Match, words: list[Word]) -> bool:
    """Words before ``m`` that only a place follows: "near", "outside", "west of", "the village of"."""
    before = [w.key for w in words[max(0, m.first_word - 2):m.first_word]]
    if before[-1:] and before[-1] in ("near", "outside"):
        return True
    return len(before) == 2 and before[1] == "of" and (before[0] in COMPASS or before[0] in _SETTLEMENTS)


_SETTLEMENTS = frozenset("village town city outskirts suburb district province".split())


def _close_spelling(m: Match) -> bool:
    """For a skeleton match, keep only the candidates whose name is spelled much like the text:
    a town of 10,000 or more at 70% alike, a smaller one (indexed in conflict countries only)
    at 80% and only for a name of several words ("Ain Issa" for "Ayn Isa")."""
    text, close = _bare(m.key), []
    for c in m.candidates:
        alike = _spelling(text, c)
        if alike >= 70 and c.prominence >= 4.0 or alike >= 80 and m.words >= 2:
            close.append(c)
    m.candidates = close
    return bool(close)


def _bare(key: str) -> str:
    """A normalised name without its articles ("al", "the"), as spellings are compared."""
    return " ".join(w for w in key.split() if w not in ARTICLES)


def _spelling(text: str, c: Entry) -> float:
    """How alike (0-100) ``text`` (a :func:`_bare` key) and the name of ``c`` are spelled, articles dropped."""
    return fuzz.ratio(text, _bare(normalise_name(c.name)))


def _alike(m: Match, least: float) -> bool:
    text = _bare(m.key)
    return any(_spelling(text, c) >= least for c in m.candidates)


def _close_site_spelling(m: Match) -> bool:
    """For a several-word skeleton match, keep the curated sites spelled nearly like the text (>= 85%
    alike once articles are dropped, against the site's name or the end of it)."""
    text = _bare(m.key)
    close = []
    for c in m.candidates:
        if not c.gid.startswith(("site:", "user:")):
            continue
        name = _bare(normalise_name(c.name))
        tail = " ".join(name.split()[-len(text.split()):])
        if max(fuzz.ratio(text, name), fuzz.ratio(text, tail)) >= 85:
            close.append(c)
    if close:
        m.candidates = close
    return bool(close)


# -- disambiguation ---------------------------------------------------------------------------

ADMIN1_BONUS = 1.0  # a town in a province the article names: less than a tenfold population gap
SITE_BONUS = 1.5  # curated entries win over a same-named hamlet
CONTEXT_WEIGHT = 2.0  # the article's main country against the rest
NATIONAL_VOTE = 0.5  # a country or demonym mention's weight in the article's context, against a town's
PROMINENCE_WEIGHT = 0.8  # per power of ten of population
PROXIMITY_WEIGHT = 1.5  # a town near the article's other towns against a far namesake
PROXIMITY_NEAR_KM = 50.0
PROXIMITY_FAR_KM = 500.0
_LOG_NEAR, _LOG_FAR = math.log10(PROXIMITY_NEAR_KM), math.log10(PROXIMITY_FAR_KM)
MAX_ANCHORS = 30
_LOCAL_PRECISIONS = frozenset({"site", "town", "admin2"})
FEATURE_PRIOR = {"country": 1.5, "continent": 1.0, "admin1": 0.3, "capital": 0.5}


@dataclass
class Context:
    """What the article settles on: its countries and provinces, with weights."""

    countries: Counter = field(default_factory=Counter)
    admin1: Counter = field(default_factory=Counter)
    anchors: list[tuple[str, Entry]] = field(default_factory=list)  # (name key, town-level place) chosen so far

    def share(self, country: Optional[str], own: Optional["Match"] = None) -> float:
        """The weight of ``country`` in the article (leaving out ``own``'s vote), relative to the top one."""
        if not country or not self.countries:
            return 0.0
        weight = self.countries[country]
        if own is not None and own.best is not None and own.best.country == country:
            weight -= _vote(own)
        top = max(self.countries.values())
        return max(0.0, weight) / top if top > 0 else 0.0


def candidate_score(m: Match, c: Entry, ctx: Context) -> float:
    """How likely entry ``c`` is the place meant by ``m`` in this article."""
    score = PROMINENCE_WEIGHT * c.prominence + FEATURE_PRIOR.get(c.feature, 0.0)
    if c.gid.startswith(("site:", "user:")):
        score += SITE_BONUS
    score += CONTEXT_WEIGHT * ctx.share(c.country, m)
    if c.admin1 and ctx.admin1.get((c.country, c.admin1)) and c.feature not in ("admin1", "country"):
        score += ADMIN1_BONUS
    if m.qualifier is not None and m.qualifier.best is not None:
        if m.qualifier.best.feature in QUALIFIER_FEATURES and _contains(m.qualifier.best, c):
            score += 3.0
    if m.qualifies is not None and c.feature in QUALIFIER_FEATURES:
        if any(_contains(c, x) and x.prominence >= 4.0 for x in m.qualifies.candidates):
            score += 2.0
    if c.feature == "admin1" and not m.suffix and _has_namesake_city(m, c):
        score -= 1.5  # "Kirkuk", "New York": the city, unless the text says province or state
    if c.gid.startswith(("site:", "user:")) or _own_name(c.name) == m.key.removesuffix(" city"):
        score += 1.0  # the place's own name, not one of its many alternate spellings
    return score


def _has_namesake_city(m: Match, province: Entry) -> bool:
    return any(x.feature in ("city", "capital") and x.population >= 100_000 and x.country == province.country
               and x.admin1 == province.admin1 for x in m.candidates)


@functools.lru_cache(maxsize=100_000)
def _own_name(name: str) -> str:
    return normalise_name(name).removesuffix(" city")


def resolve(matches: list[Match], hint_countries: Counter, text: str = "") -> None:
    """Pick each match's entry: once without context, then with the article's countries and provinces."""
    ctx = Context(countries=Counter(hint_countries))
    _link_qualifiers(matches)
    for _ in range(2):
        for m in matches:
            _choose(m, ctx)
        ctx = _context(matches, hint_countries)
    for m in matches:
        if not m.exact:
            # a loose spelling is trusted only for places in countries the article is about
            m.candidates = [c for c in m.candidates if ctx.share(c.country, m) > 0] or m.candidates[:0]
        if m.candidates:
            _choose(m, ctx)
        else:
            m.best = None
    _one_sense(matches, ctx)
    _drop_far_namesakes(matches, ctx, text)


def _drop_far_namesakes(matches: list[Match], ctx: Context, text: str) -> None:
    """A small place in no country the article is about is no lone namesake on another continent:
    "the village of Saida" in a Syria story is not Saïda, Algeria, and "Wadi" of "the Wadi al-Shay
    area" near Kirkuk is not Wādi, India.  A candidate within reach of the article's own places wins;
    with none the name stays unresolved (an unknown village is better off the map than on the wrong
    one).  Only small towns, places the text calls a village, and names cut short are judged so: a
    foreign city named in passing ("talks in Geneva") keeps its sense."""
    anchors = [m.best for m in matches if m.best is not None and m.best.lat is not None
               and ctx.share(m.best.country, m) >= CONTEXT_SHARE]
    if not anchors:
        return
    for m in matches:
        best = m.best
        if (best is None or best.feature not in _SMALL_PLACE_FEATURES or best.population >= FAR_KEEP_POPULATION
                or ctx.share(best.country, m) > 0 or m.qualifier is not None or best.lat is None):
            continue
        others = [a for a in anchors if a is not best]
        if not others or _distance_to(best, others) <= NEAR_KM or not _small_or_partial(m, best, text):
            continue
        near = [c for c in m.candidates if m.exact and ctx.share(c.country) > 0 and c.lat is not None
                and _distance_to(c, others) <= NEAR_KM]
        m.best = max(near, key=lambda c: c.prominence, default=None)


def _small_or_partial(m: Match, best: Entry, text: str) -> bool:
    """A hamlet-sized namesake, a place the text calls a village, or a match that is only the start of
    a longer name ("Wadi" of "Wadi al-Shay")."""
    return (best.population < SMALL_POPULATION or bool(_VILLAGE_BEFORE.search(text[max(0, m.start - 30):m.start]))
            or bool(_NAME_GOES_ON.match(text[m.end:m.end + 12])))


def _distance_to(entry: Entry, anchors: list[Entry]) -> float:
    return min(haversine_km(entry.lat, entry.lon, a.lat, a.lon) for a in anchors)


def _one_sense(matches: list[Match], ctx: Context) -> None:
    """One name, one place per article: "Cambridge, England" settles the bare "Cambridge" further on.

    Each candidate's scores are summed over every mention of the same name, so a qualifier
    or a province named beside one mention decides for all of them.
    """
    groups: dict[str, list[Match]] = {}
    for m in matches:
        if m.best is not None and m.exact and len(m.candidates) > 1:
            groups.setdefault(m.key, []).append(m)
    for group in groups.values():
        if len(group) < 2:
            continue
        totals: Counter = Counter()
        for m in group:
            for c in m.candidates:
                totals[c.gid] += candidate_score(m, c, ctx)
        best = max(totals, key=totals.__getitem__)
        for m in group:
            m.best = next((c for c in m.candidates if c.gid == best), m.best)


def _choose(m: Match, ctx: Context) -> None:
    scored = sorted(((candidate_score(m, c, ctx), i) for i, c in enumerate(m.candidates)), reverse=True)
    if ctx.anchors and len(scored) > 1:
        top = scored[0][0]
        scored = sorted(((sc + _proximity(m, m.candidates[i], ctx) if sc > top - PROXIMITY_WEIGHT else sc, i)
                         for sc, i in scored), reverse=True)
    best_score, best_i = scored[0]
    second = scored[1][0] if len(scored) > 1 else best_score - 3.0
    m.best = m.candidates[best_i]
    m.score = round(min(1.0, 0.5 + 0.15 * (best_score - second)), 3) if m.exact else 0.4


def _proximity(m: Match, c: Entry, ctx: Context) -> float:
    """A bonus for a town near the article's other towns (full within PROXIMITY_NEAR_KM, none past
    PROXIMITY_FAR_KM): the Oceanside of a story about Bellmore is the one on Long Island."""
    if c.precision not in _LOCAL_PRECISIONS or c.lat is None:
        return 0.0
    d = min((haversine_km(c.lat, c.lon, a.lat, a.lon) for key, a in ctx.anchors if key != m.key),
            default=PROXIMITY_FAR_KM)
    if d >= PROXIMITY_FAR_KM:
        return 0.0
    near = math.log10(max(d, PROXIMITY_NEAR_KM))
    return PROXIMITY_WEIGHT * (_LOG_FAR - near) / (_LOG_FAR - _LOG_NEAR)


def _vote(m: Match) -> float:
    """How much one mention says about the article's country: a town more than 'U.S.' or 'Washington'."""
    if m.inner:
        return 0.0
    national = m.best is not None and m.best.feature in ("country", "demonym", "building", "capital")
    return m.score * (NATIONAL_VOTE if national else 1.0)


def _context(matches: list[Match], hints: Counter) -> Context:
    ctx = Context(countries=Counter(hints))
    for m in matches:
        if m.best is None:
            continue
        weight = _vote(m)
        if m.best.country:
            ctx.countries[m.best.country] += weight
        if m.best.feature == "admin1":
            ctx.admin1[(m.best.country, m.best.admin1)] += weight
    seen: set[str] = set()
    for m in matches:
        e = m.best
        if (e is not None and not m.inner and e.precision in _LOCAL_PRECISIONS and e.lat is not None
                and e.gid not in seen and len(ctx.anchors) < MAX_ANCHORS):
            seen.add(e.gid)
            ctx.anchors.append((m.key, e))
    return ctx


def _link_qualifiers(matches: list[Match]) -> None:
    """Mark "Town, Province" and "Town, Country" pairs so the second part narrows the first."""
    for a, b in zip(matches, matches[1:]):
        if b.start - a.end <= 2 and b.words <= 3 and any(c.feature in QUALIFIER_FEATURES for c in b.candidates):
            a.qualifier, b.qualifies = b, a


# -- facilities -------------------------------------------------------------------------------
# Streets, buildings, venues and small natural features are too many for a packaged gazetteer,
# yet news names them constantly ("Royal Street", "Altnagelvin Hospital", "Glenrock Lagoon").
# Their name shows what they are; the town they are in is said beside them ("X in Y", "Y's X",
# "X, Y"), is part of the name ("Windsor Castle"), or is the town the article is about.

FACILITY_TAILS = frozenset("""street avenue ave road boulevard blvd lane highway parkway square plaza bridge
    hospital clinic infirmary centre center stadium arena park church cathedral chapel basilica abbey mosque
    temple synagogue shrine school college university academy library museum theatre theater hotel inn motel
    restaurant mall market prison jail penitentiary courthouse court embassy consulate castle palace farm
    harbor harbour airport station racecourse speedway circuit hall campus tower towers cottage canal lagoon
    beach mountains cemetery graveyard zoo gardens pier wharf terminal barracks quarter building
    reservoir dam forest""".split())
FACILITY_HEADS = frozenset("university museum embassy consulate palace cathedral college school "
                           "hospital academy".split())  # "University of Alberta"
STREETS = frozenset("street avenue ave road boulevard blvd lane highway parkway".split())
# Words that make a body's name, not a building's ("Supreme Court", "Catholic Church", "Some White House aides").
GENERIC_NAME_WORDS = frozenset("""supreme high federal district regional catholic orthodox protestant great money
    some many every each any more most all detention trial appeals constitutional world""".split()) | TITLES
NAMED_AFTER = frozenset("mount mt lake cape camp fort".split())  # "Mount Chaambi", "Camp Murray"
_FACILITY_KEYS = FACILITY_TAILS | FACILITY_HEADS | NAMED_AFTER
_NAME_LINKS = frozenset("of de du la le des del di da van von".split())
_NOT_IN_NAMES = frozenset("the a an this that these those at in on from to by for with and or but as "
                          "its his her their our my your".split())
_BESIDE = re.compile(r"\s*(?:,|\(|in|at|near|outside|off|on)?\s*(?:the\s+|downtown\s+|central\s+)?")
_SAINT = re.compile(r"^(?:St|Ste|Saint|San|Santa)\b")
FACILITY_MAX_WORDS = 7
HOME_NEAR_KM = 150.0  # a town inside a facility's name stands for it only near the article's own town


@dataclass(slots=True)
class Facility:
    """A named street, building, venue or small feature, and the places that may contain it."""

    start: int
    end: int
    text: str
    inner: list[Match]
    owner: Optional[Match] = None  # "Derry" of "Derry's Altnagelvin Hospital"
    beside: Optional[Match] = None  # "Rome" of "Bambino Gesu Hospital in Rome"
    nearby: list[Match] = field(default_factory=list)  # places its sentence goes on to put things "in"


def _beside_match(text: str, end: int, matches: list[Match], starts: list[int]) -> Optional[Match]:
    """The place right after a facility that holds it, if the words between say so."""
    after = bisect.bisect_left(starts, end)
    return matches[after] if after < len(matches) and _beside(text[end:matches[after].start]) else None


def _beside(gap: str) -> bool:
    """The words between a facility and a place say the place holds it: "X in Y", "X, Y", "X (Y)", or an
    address's short capitals ("1201 Connecticut Ave., N.W. Washington")."""
    return bool(_BESIDE.fullmatch(gap)) or (len(gap) <= 12 and not _LOWER_WORD.search(gap))


_LOWER_WORD = re.compile(r"[a-z]{2,}|\n")


def _cap(word: Word) -> bool:
    return word.text[:1].isupper() and word.key not in _NOT_IN_NAMES


def find_facilities(text: str, words: list[Word], matches: list[Match]) -> list[Facility]:
    """Facility names (see FACILITY_TAILS) that no gazetteer match covers; the matches inside them are
    marked ``inner`` so they neither vote on the article's country nor stand as places themselves."""
    ends = {m.end: m for m in matches}
    starts = [m.start for m in matches]  # in text order, as find_matches made them
    spans: list[tuple[int, int]] = []
    for h in [i for i, w in enumerate(words) if w.key in _FACILITY_KEYS]:
        if spans and h < spans[-1][1]:
            continue  # inside the facility just found ("University of X Hospital")
        span = _facility_words(text, words, h, ends)
        if span is not None:
            spans.append(span)
    facilities = []
    for first, last in spans:
        start, end = words[first].start, words[last - 1].end
        at = bisect.bisect_left(starts, start)
        if any(m.start <= start and m.end >= end for m in matches[max(0, at - 1):at + 1]):
            continue  # the gazetteer knows it ("Ain al-Asad Air Base", "Hyde Park")
        if all(w.key in GENERIC_NAME_WORDS or w.key in _NAME_LINKS or w.key in FACILITY_TAILS
               for w in words[first:last]):
            continue
        after = bisect.bisect_left(starts, end, at)
        inner = [m for m in matches[at:after] if m.end <= end]
        beside = _beside_match(text, end, matches, starts)
        owner = ends.get(words[first - 1].end) if first > 0 and text[words[first - 1].end:start] in ("'s ", "’s ") \
            else None
        said = owner is not None or (beside is not None and any(c.feature not in _NO_CONTAINER
                                                                 for c in beside.candidates))
        if words[last - 1].key not in STREETS and not said and any(_prominent(m) for m in inner
                                                                   if m.key not in _FACILITY_KEYS):
            continue  # "London Guildhall School", "Embassy of Ukraine": the place named is the better guess
        if words[last - 1].text.isupper() and beside is None:
            continue  # a headline in capitals ("MORE COLLEGE BASKETBALL"), unless a dateline ("CAMP MURRAY, Wash.")
        for m in inner:
            m.inner = True
        facilities.append(Facility(start, end, text[start:end], inner, owner, beside))
    facilities += _roads(text, matches, facilities)
    facilities.sort(key=lambda f: f.start)
    for i, f in enumerate(facilities):
        f.beside = f.beside or _beside_match(text, f.end, matches, starts)
        lo, hi = _sentence_bounds(text, f.start, f.end)
        nxt = facilities[i + 1] if i + 1 < len(facilities) else None
        if nxt is not None and nxt.start < hi and _COORDINATED.search(text, f.end, nxt.start):
            hi = nxt.start  # "Tahrir Square and the Grand Mosque in Mecca": Mecca is the mosque's, not the square's
        f.nearby = [m for m in matches[bisect.bisect_left(starts, f.end):bisect.bisect_left(starts, hi)]
                    if m.end <= hi and not m.inner and _IN_BEFORE.search(text, max(f.end, m.start - 12), m.start)]
    return facilities


# Numbered roads: "on the A417", "The A417 southbound", "I-95", "Route 9", "Highway 401". A British-style
# code needs a road word around it, so "the A380 airliner" or "the M777 howitzers" stay no road.
_CODE = r"(?:A|B|M|N)\d{1,4}\b"
_ROAD = re.compile(
    rf"\b(?:on|to|via|off|onto|from|near|along|across|towards) the (?P<a>{_CODE})"
    rf"|\b[Tt]he (?P<b>{_CODE})(?= (?:southbound|northbound|eastbound|westbound|carriageway|motorway|road|"
    r"junction|roundabout|heading)\b)"
    r"|\b(?P<c>(?:I-|Interstate |Route |Highway |Hwy\.? |State Road |State Route )\d{1,4})\b(?![-–]\d)")
_ROAD_NEXT = re.compile(r"(?:,\s*|,?\s+(?:and|or)\s+(?:the\s+)?)((?:A|B|M|N)\d{1,4}\b)")


def _roads(text: str, matches: list[Match], found: list[Facility]) -> list[Facility]:
    """Numbered roads, as facilities with no place inside their name."""
    taken = [(m.start, m.end) for m in matches] + [(f.start, f.end) for f in found]
    out = []
    for r in _ROAD.finditer(text):
        group = r.lastgroup or "c"
        spans = [r.span(group)]
        nxt = _ROAD_NEXT.match(text, r.end(group))
        while nxt is not None:  # "via the A436, A40 and A429"
            spans.append(nxt.span(1))
            nxt = _ROAD_NEXT.match(text, nxt.end())
        for start, end in spans:
            if not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
                out.append(Facility(start, end, text[start:end], []))
    return out


_COORDINATED = re.compile(r",|\band\b|\bor\b|;")
_IN_BEFORE = re.compile(r"\bin (?:the |downtown |central )?$")
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z“\"])|\n")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Roughly the sentence around [start, end): from the last sentence break before to the next after."""
    lo = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)), default=max(0, start - 400))
    nxt = _SENTENCE_END.search(text, end, end + 400)
    return lo, nxt.start() if nxt else min(len(text), end + 400)


def _prominent(m: Match) -> bool:
    """A country, province, curated site or city of 100,000 named inside a facility's name (a people's
    name is only a modifier: the "Russian Embassy" is in some other country's capital)."""
    return any(c.feature in ("country", "admin1", "continent") or c.gid.startswith(("site:", "user:"))
               or c.prominence >= 5.0 and c.feature != "demonym" for c in m.candidates)


def _facility_words(text: str, words: list[Word], h: int, ends: dict[int, Match]) -> Optional[tuple[int, int]]:
    """The word range [first, last) of a facility name that ends (or, for "University of X", begins) at ``h``."""
    w = words[h]
    if not w.text[:1].isupper():
        return None
    key = w.key
    if key in NAMED_AFTER or key in FACILITY_HEADS:
        last = h + 1
        if key in FACILITY_HEADS:
            if not (last + 1 < len(words) and words[last].key == "of" and _joined(text, words[h], words[last])):
                return _tail_name(text, words, h, ends)
            last += 1
        while (last < len(words) and last - h < FACILITY_MAX_WORDS and _joined(text, words[last - 1], words[last])
               and (_cap(words[last]) or words[last].key in _NAME_LINKS and last + 1 < len(words)
                    and words[last + 1].text[:1].isupper())):
            last += 1
        while words[last - 1].key in _NAME_LINKS:
            last -= 1
        return (h, last) if last - h >= 2 and _cap(words[last - 1]) else None
    return _tail_name(text, words, h, ends)


def _tail_name(text: str, words: list[Word], h: int, ends: dict[int, Match]) -> Optional[tuple[int, int]]:
    """"Royal Street", "Alder Hey Children's Hospital": capitalised words before a facility word."""
    if words[h].key not in FACILITY_TAILS:
        return None
    first = h
    while first > 0 and h - first < FACILITY_MAX_WORDS - 1 and _joined(text, words[first - 1], words[first]):
        prev, sep = words[first - 1], text[words[first - 1].end:words[first].start]
        if sep in ("'s ", "’s ") and prev.end in ends and not _SAINT.match(ends[prev.end].text):
            break  # "Derry's Altnagelvin Hospital": the owner is the town it is in
        if _cap(prev) or (prev.key in _NAME_LINKS and first > 1 and words[first - 2].text[:1].isupper()):
            first -= 1
        else:
            break
    while first < h and words[first].key in _NAME_LINKS:
        first += 1
    return (first, h + 1) if first < h else None


def facility_container(f: Facility, home: Optional[Entry]) -> tuple[Optional[Entry], bool]:
    """The place a facility is in, and whether the text said so: the town said beside it, else the
    first town its sentence goes on to put something in ("the Museum of Ice Cream is opening on
    Collins Avenue in Miami Beach"); failing those (a guess), a town in its name near the article's
    own town, else the article's own town, else whatever its name holds."""
    for m in (f.owner, f.beside):
        if m is not None and m.best is not None and m.best.feature not in _NO_CONTAINER:
            return m.best, True
    for m in f.nearby:
        if m.best is not None and m.best.precision in _LOCAL_PRECISIONS and m.best.feature != "building":
            return m.best, True
    inner = [m.best for m in f.inner if m.best is not None and m.best.precision in _LOCAL_PRECISIONS]
    if home is not None:
        near = [e for e in inner if haversine_km(e.lat, e.lon, home.lat, home.lon) <= HOME_NEAR_KM]
        return (near[0] if near else home), False
    fallback = inner or [m.best for m in f.inner if m.best is not None and m.best.feature not in _NO_CONTAINER]
    return (fallback[0] if fallback else None), False


_NO_CONTAINER = frozenset({"continent", "ocean", "sea", "demonym", "country"})


def home_town(matches: list[Match]) -> Optional[Entry]:
    """The town the article is about: the town-level place with the most support, counting its own
    mentions, the mentions of other places within HOME_NEAR_KM, its province being named and its
    country being the article's most named one (so a person's name read as a far hamlet, even
    named twice, does not outvote a cluster of towns around one city)."""
    local: list[Entry] = []
    admin1: set[tuple[Optional[str], Optional[str]]] = set()
    countries: Counter = Counter()
    for m in matches:
        e = m.best
        if e is None or m.inner:
            continue
        if e.country:
            countries[e.country] += 1
        if e.feature == "admin1":
            admin1.add((e.country, e.admin1))
        elif e.precision in _LOCAL_PRECISIONS and e.feature != "building" and e.lat is not None:
            local.append(e)
    if not local:
        return None
    top_country = countries.most_common(1)[0][0] if countries else None
    unique = list({e.gid: e for e in local}.values())[:MAX_ANCHORS]

    def support(e: Entry) -> float:
        near = sum(1 for x in local if haversine_km(e.lat, e.lon, x.lat, x.lon) <= HOME_NEAR_KM)
        return near + ((e.country, e.admin1) in admin1) + (e.country == top_country)

    return max(unique, key=support)
