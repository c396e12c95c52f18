"""Actor spans normalised to one canonical name per real group or body.

Contract: ``ActorResolver(settings)`` loads the packaged actor list
(``eventwire/data/actors.yaml``) plus the user's (``settings.extra_actors``);
``resolve(spans, article, doc) -> list[Actor]`` gives one actor per distinct
body among the spans, and ``canonical(name, article)`` resolves one name for
other stages (fusion compares the canonical names).

How a span is read, in order (each step is a dictionary look-up on the
normalised n-grams of the span, never a loop over the list):

1. Spellings are normalised: accents, apostrophes, hyphens, case, leading
   "the", Arabic "al-"/"el-" particles and known transliteration variants
   (hizballah/hezbollah, kata'ib/kataeb, sayyid/sayyed, ...) are reduced first.
2. A listed name or alias inside the span wins, longest first ("U.S. Air Force
   planes" holds "U.S. Air Force"); an acronym the article itself spells out
   ("... Forces (PFX)") counts as an alias of its long form.
3. A backer ("Iran-backed militia positions", "militias aligned with Iran",
   "pro-Iranian militias") gives "<Backer>-backed militias", so a patron's name
   never turns its clients into the patron's army.
4. A country word and a noun of kind ("Iraqi troops", "Turkish drones",
   "Syrian civilians", "U.S. officials") give the generated country actor:
   "Military Forces of Iraq", "Government of the United States",
   "Civilians (Syria)".  A bare country name is its military (the state acting);
   a bare capital ("Washington said") is its government.
5. People: a listed person stands for the body they lead or speak for
   ("Defense Secretary Lloyd Austin" -> the US military); a title with a country
   stands for the country's body ("Iranian Foreign Minister X" -> Government of
   Iran); a title without either keeps the person's name with kind "person".
6. Anything else keeps its own name, stripped of determiners and trailing nouns
   ("the PFX positions" -> "PFX"), and is merged within the article with
   earlier unknown names by transliteration-aware fuzzy matching.  A span with
   no capitalised word left ("facilities", "they", "June 27") names no actor.
7. A bare place name is no actor ("Ain Issa ... has been hit by drones"): an
   unknown name with no noun of kind that the gazetteer lists under that very
   name, or that the article itself uses as a place ("near Ain Issa", "the
   village of X").  With a noun of kind it stays a group ("Ain Issa militants").
   A single word spaCy tags as a person needs the article's own evidence, since
   many surnames are also small towns somewhere.

The list format (see the comments in ``actors.yaml``): an ``actors:`` list of
entries with ``name``, ``kind``, ``country`` (ISO-2), ``inter`` (ACLED 1..8,
optional when ``kind`` implies it), ``aliases`` and ``people``.  A user file has
the same fields, as YAML or as CSV with ``|`` between aliases.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections import OrderedDict
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple, Optional, Union

import yaml
from rapidfuzz import fuzz, process
from unidecode import unidecode

from ..config import Settings
from ..errors import ConfigError, ModelError
from ..records import Actor, Article, Span
from .gazetteer import load_gazetteer, normalise_name

# Every kind an actor may have, with the ACLED inter code it implies.
KINDS: dict[str, Optional[int]] = {
    "state forces": 1, "government": 1, "rebel group": 2, "political militia": 3, "identity militia": 4,
    "rioters": 5, "protesters": 6, "civilians": 7, "organization": 7, "external/other forces": 8, "person": None,
}

# Noun category -> (name with a country, name without, kind, inter).
_GENERIC: dict[str, tuple[str, str, str, int]] = {
    "military": ("Military Forces of {name}", "Military Forces", "state forces", 1),
    "police": ("Police Forces of {name}", "Police Forces", "state forces", 1),
    "government": ("Government of {name}", "Government", "government", 1),
    "civilians": ("Civilians ({short})", "Civilians", "civilians", 7),
    "protesters": ("Protesters ({short})", "Protesters", "protesters", 6),
    "rioters": ("Rioters ({short})", "Rioters", "rioters", 5),
    "armed": ("Unidentified Armed Group ({short})", "Unidentified Armed Group", "political militia", 3),
    "militia": ("Militias ({short})", "Militias", "political militia", 3),
    "rebels": ("Rebels ({short})", "Rebels", "rebel group", 2),
    "communal": ("Communal Militia ({short})", "Communal Militia", "identity militia", 4),
}
# Heads that make a backed span an armed client ("Iran-backed groups").
_CLIENT_CATEGORIES = frozenset({"militia", "armed", "rebels", "military", "materiel"})
_CLIENT_WORDS = frozenset({"group", "groups", "organization", "organizations", "elements", "networks", "cells"})
_BACKER_LINKS = frozenset({"by", "with", "to"})
_SPAN_CHARS = 400  # longer "spans" are sentences, not names; read their start only
_MEMO_ARTICLES = 64
_SEEN_TEXTS = 100_000  # span readings remembered per resolver

_WORD = re.compile(r"[^\s,;:()\[\]{}\"“”«»!?|+*]+")
_PIECE = re.compile(r"[^-‐‑‒–—/]+")
_POSSESSIVE = re.compile(r"['’`ʼ]s$", re.IGNORECASE)
_APOSTROPHES = re.compile(r"['’‘`´ʼʻʾʿ′]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_VOWELS = re.compile(r"[aeiouy]")
_REPEATS = re.compile(r"(.)\1+")
# Arabic article and conjunction particles written before a hyphen ("al-Shuhada", "wal-Muslimin").
_PREFIXES = frozenset({"al", "el", "ad", "as", "ash", "an", "ar", "az", "at", "ath", "adh", "ud", "ul", "ed", "es",
                       "er", "wal", "wa", "il", "bil", "lil"})
_DROPPED = frozenset({"al", "el"})
_PAREN_ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z0-9&]{1,9})\s*\)")
_ACRONYM_FIRST = re.compile(r"\b([A-Z][A-Z0-9]{1,8})\s*\(([^()]{4,120})\)")
_LONG_WORD = re.compile(r"[\w'’]+(?:-[\w'’]+)*")
_CONNECTORS = frozenset({"of", "for", "the", "and", "in", "on", "al", "el", "wa", "wal", "de", "du", "des", "la", "le",
                         "del", "i", "e", "y", "to", "against", "bin", "ibn", "lil", "ul", "fi"})


class _EntryError(Exception):
    """Internal: a bad entry, re-raised as ConfigError (user file) or ModelError (packaged list)."""


@dataclass(frozen=True, slots=True)
class _Entry:
    name: str
    kind: Optional[str]
    country: Optional[str]
    inter: Optional[int]
    led_by: Optional[str] = None


@dataclass(frozen=True, slots=True)
class _Country:
    iso: str
    name: str  # as it reads after "Military Forces of": "the United States"
    short: str  # as it reads alone: "United States"


@dataclass(frozen=True, slots=True)
class _Unknown:
    """A name not in the list: shown as written, compared by its normalised key."""

    display: str
    key: str
    kind: Optional[str] = None
    bare: bool = False  # the whole span is the name: no noun of kind says it is a group


class _Tok(NamedTuple):
    norm: str  # normalised, transliteration-folded, lower case
    orig: str  # as written, without dots and apostrophes (for case-sensitive acronyms)
    start: int
    end: int


_Value = Union[_Entry, _Unknown]


@dataclass(slots=True)
class _Index:
    """Everything a look-up needs, keyed by normalised phrase ("us air force")."""

    variants: dict[str, str]
    phrases: dict[str, _Entry]
    cased: dict[str, _Entry]  # short acronyms, matched only as written: "KH", "IS"
    skeletons: dict[str, _Entry]
    countries: dict[str, _Country]
    by_iso: dict[str, _Country]
    cased_countries: dict[str, _Country]
    capitals: frozenset[str]
    nouns: dict[str, str]
    titles: dict[str, bool]
    patron: frozenset[str]
    determiners: frozenset[str]
    trailing: frozenset[str]
    # first word of a phrase -> the most words a phrase starting with it has, per table
    starts: dict[str, dict[str, int]]


# ---------------------------------------------------------------- normalising

@functools.lru_cache(maxsize=200_000)
def _fold(piece: str) -> str:
    """A word piece without accents, apostrophes, punctuation or case (cached: words repeat)."""
    if piece == "&":
        return "and"
    return _NON_ALNUM.sub("", unidecode(_APOSTROPHES.sub("", piece)).lower())


def _tokens(text: str, variants: dict[str, str]) -> list[_Tok]:
    """The normalised words of ``text`` with their offsets; hyphens split words, particles drop."""
    out: list[_Tok] = []
    for word in _WORD.finditer(text):
        at = word.start()
        for norm, orig, start, end in _pieces(word.group()):
            out.append(_Tok(variants.get(norm, norm), orig, at + start, at + end))
    return out


@functools.lru_cache(maxsize=200_000)
def _pieces(word: str) -> tuple[tuple[str, str, int, int], ...]:
    """A written word as (folded, as written, start, end) pieces; cached because words repeat."""
    pieces = list(_PIECE.finditer(word))
    out = []
    carry = -1  # start of a dropped particle, given to the next piece
    for k, piece in enumerate(pieces):
        raw = _POSSESSIVE.sub("", piece.group())
        norm = _fold(raw.replace(".", ""))
        if not norm:
            continue
        if norm in _DROPPED or (k < len(pieces) - 1 and norm in _PREFIXES):
            carry = piece.start() if carry < 0 else carry
            continue
        orig = _APOSTROPHES.sub("", raw.replace(".", ""))
        out.append((norm, orig, carry if carry >= 0 else piece.start(), piece.start() + len(raw)))
        carry = -1
    return tuple(out)


def _key(text: str, variants: dict[str, str]) -> str:
    toks = _tokens(text, variants)
    if toks and toks[0].norm == "the" and len(toks) > 1:
        toks = toks[1:]
    return " ".join(t.norm for t in toks)


@functools.lru_cache(maxsize=100_000)
def _skeleton(key: str) -> str:
    """Consonant outline of a key, so transliterations meet: "kataeb hizbullah" ~ "kataib hezbollah"."""
    return " ".join(_REPEATS.sub(r"\1", w[0] + _VOWELS.sub("", w[1:])) for w in key.split())


def _is_cased(alias: str, toks: list[_Tok]) -> bool:
    """Short all-capitals acronyms ("KH", "IS", "WHO") match only when written in capitals."""
    if len(toks) != 1:
        return False
    orig = toks[0].orig
    return len(orig) <= 3 and sum(c.isupper() for c in orig) >= 2


# ---------------------------------------------------------------- loading

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=1)
def _packaged() -> dict[str, Any]:
    """The packaged actor list, parsed once per process."""
    try:
        text = resources.files("eventwire.data").joinpath("actors.yaml").read_text(encoding="utf-8")
        return yaml.load(text, Loader=_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise ModelError(f"packaged actor list eventwire/data/actors.yaml is missing or broken ({exc})") from None


def load_index(extra_actors: Optional[str] = None) -> _Index:
    """The look-up tables for the packaged list plus an optional user file (cached per file version)."""
    if not extra_actors:
        return _build_index(None, 0)
    try:
        mtime = Path(extra_actors).stat().st_mtime_ns
    except OSError as exc:
        raise ConfigError(f"{extra_actors}: actor file cannot be read ({exc.strerror})") from None
    return _build_index(str(extra_actors), mtime)


@functools.lru_cache(maxsize=8)
def _build_index(extra_path: Optional[str], mtime: int) -> _Index:
    data = _packaged()
    variants = {spelling: form for form, spellings in data["variants"].items() for spelling in spellings}
    index = _Index(
        variants=variants, phrases={}, cased={}, skeletons={}, countries={}, by_iso={}, cased_countries={},
        capitals=frozenset(), nouns={}, titles={}, patron=frozenset(), determiners=frozenset(),
        trailing=frozenset(), starts={})
    _add_vocabulary(index, data)
    entries: dict[str, tuple[_Entry, list[str]]] = {}
    _add_countries(index, data["countries"], entries)
    try:
        for number, raw in enumerate(data["actors"], 1):
            _merge_entry(entries, _check_entry(raw, f"entry {number}"))
    except _EntryError as exc:
        raise ModelError(f"packaged actor list: {exc}") from None
    if extra_path:
        for number, raw in enumerate(_read_user_file(extra_path), 1):
            try:
                _merge_entry(entries, _check_entry(raw, f"entry {number}"))
            except _EntryError as exc:
                raise ConfigError(f"{extra_path}: {exc}") from None
    _index_entries(index, entries)
    index.starts = {name: _starts(getattr(index, name)) for name in ("phrases", "countries", "nouns", "titles")}
    return index


def _starts(phrases: dict[str, Any]) -> dict[str, int]:
    """First word -> longest phrase length, so a scan tries only n-grams that can match."""
    out: dict[str, int] = {}
    for key in phrases:
        words = key.split()
        out[words[0]] = max(out.get(words[0], 0), len(words))
    return out


def _add_vocabulary(index: _Index, data: dict[str, Any]) -> None:
    v = index.variants
    index.nouns = {_key(word, v): category for category, words in data["nouns"].items() for word in words}
    index.titles = dict.fromkeys((_key(word, v) for word in data["titles"]), True)
    index.patron = frozenset(_key(word, v) for word in data["patron"])
    index.determiners = frozenset(_key(word, v) for word in data["determiners"])
    index.trailing = frozenset(_key(word, v) for word in data["trailing"])


def _add_countries(index: _Index, table: dict[str, list], entries: dict[str, tuple[_Entry, list[str]]]) -> None:
    """Country words, and the three state actors every country gets (with nothing to write by hand)."""
    capitals = set()
    for iso, row in table.items():
        name, capital, *forms = row
        country = index.by_iso[iso] = _Country(iso, name, name[4:] if name.startswith("the ") else name)
        for form in [name, country.short, *forms, *([capital] if capital else [])]:
            toks = _tokens(form, index.variants)
            if _is_cased(form, toks):
                index.cased_countries[toks[0].orig] = country
            else:
                index.countries[_key(form, index.variants)] = country
        if capital:
            capitals.add(_key(capital, index.variants))
        for category in ("military", "police", "government"):
            entry = _generic(category, country)
            entries[entry.name.casefold()] = (entry, [])
    index.capitals = frozenset(capitals)


def _check_entry(raw: Any, where: str) -> dict[str, Any]:
    """One list entry, checked: a name, a known kind, an ISO-2 country, an inter code 1..8."""
    if not isinstance(raw, dict):
        raise _EntryError(f"{where}: expected a mapping with at least 'name', got {raw!r}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _EntryError(f"{where}: 'name' is missing or empty")
    kind = raw.get("kind") or None
    if kind is not None and kind not in KINDS:
        raise _EntryError(f"{where} ({name}): unknown kind {kind!r} (known: {', '.join(KINDS)})")
    country, led_by = _iso2(raw, "country", name, where), _iso2(raw, "led_by", name, where)
    inter = raw.get("inter")
    if inter in ("", None):
        inter = KINDS.get(kind) if kind else None
    elif not (str(inter).isdigit() and 1 <= int(inter) <= 8):
        raise _EntryError(f"{where} ({name}): inter must be an ACLED code 1..8, got {inter!r}")
    aliases = [*_names(raw.get("aliases"), where), *_names(raw.get("people"), where)]
    return {"name": name.strip(), "kind": kind, "country": country, "led_by": led_by,
            "inter": int(inter) if inter is not None else None, "aliases": aliases}


def _iso2(raw: dict[str, Any], key: str, name: str, where: str) -> Optional[str]:
    """An entry's ISO-2 country field (``country``, ``led_by``), upper-cased; None when empty."""
    value = raw.get(key) or None
    if value is not None and not (isinstance(value, str) and re.fullmatch(r"[A-Za-z]{2}", value)):
        raise _EntryError(f"{where} ({name}): {key} must be an ISO-2 code like IQ, got {value!r}")
    return value.upper() if value else None


def _names(value: Any, where: str) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[|;]", value) if part.strip()]
    if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
        return [str(v) for v in value]
    raise _EntryError(f"{where}: aliases must be a list of names or a '|'-separated string, got {value!r}")


def _merge_entry(entries: dict[str, tuple[_Entry, list[str]]], item: dict[str, Any]) -> None:
    """Add an entry, or add aliases (and any given kind/country/inter) to one of the same name."""
    slot = item["name"].casefold()
    if slot in entries:
        old, aliases = entries[slot]
        entry = _Entry(old.name, item["kind"] or old.kind, item["country"] or old.country,
                       item["inter"] if item["inter"] is not None else old.inter, item["led_by"] or old.led_by)
        entries[slot] = (entry, aliases + item["aliases"])
    else:
        entry = _Entry(item["name"], item["kind"], item["country"], item["inter"], item["led_by"])
        entries[slot] = (entry, item["aliases"])


def _index_entries(index: _Index, entries: dict[str, tuple[_Entry, list[str]]]) -> None:
    clashes: dict[str, set[str]] = {}
    for entry, aliases in entries.values():
        for alias in (entry.name, *aliases):
            toks = _tokens(alias, index.variants)
            if not toks:
                continue
            if _is_cased(alias, toks):
                index.cased[toks[0].orig] = entry
                continue
            key = _key(alias, index.variants)
            index.phrases[key] = entry
            skeleton = _skeleton(key)
            if " " in key and len(skeleton.replace(" ", "")) >= 8:
                clashes.setdefault(skeleton, set()).add(entry.name)
                index.skeletons[skeleton] = entry
    for skeleton, names in clashes.items():
        if len(names) > 1:
            del index.skeletons[skeleton]


def _read_user_file(path: str) -> list[Any]:
    """A user's actors as raw entries: YAML (a list, or a mapping with ``actors:``) or CSV."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: actor file cannot be read ({exc})") from None
    if path.lower().endswith(".csv"):
        rows = list(csv.DictReader(io.StringIO(text)))
        if not rows or "name" not in rows[0]:
            raise ConfigError(f"{path}: an actor CSV needs a header with at least a 'name' column")
        return rows
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc})") from None
    if isinstance(data, dict):
        data = data.get("actors")
    if not isinstance(data, list):
        raise ConfigError(f"{path}: expected a list of actors (or a mapping with an 'actors:' list)")
    return data


def _generic(category: str, country: Optional[_Country]) -> _Entry:
    with_country, alone, kind, inter = _GENERIC[category]
    if country is None:
        return _Entry(alone, kind, None, inter)
    return _Entry(with_country.format(name=country.name, short=country.short), kind, country.iso, inter)


# ---------------------------------------------------------------- reading one span

def _scan(toks: list[_Tok], phrases: dict, cased: dict, starts: dict[str, int]) -> list[tuple[int, int, Any]]:
    """Non-overlapping matches, the longest at each position, left to right."""
    found, i, n = [], 0, len(toks)
    while i < n:
        hit, key = None, ""
        for j in range(i, min(n, i + starts.get(toks[i].norm, 0))):
            key = f"{key} {toks[j].norm}" if key else toks[j].norm
            value = phrases.get(key)
            if value is not None:
                hit = (i, j + 1, value)
        if hit is None and toks[i].orig in cased:
            hit = (i, i + 1, cased[toks[i].orig])
        if hit:
            found.append(hit)
            i = hit[1]
        else:
            i += 1
    return found


class _Reader:
    """Reads spans against one index; ``memo`` carries an article's acronyms and unknown names."""

    def __init__(self, index: _Index):
        self.ix = index
        self._seen: dict[str, tuple[list[_Tok], list[tuple[_Value, int, int]]]] = {}

    def read(self, text: str, memo: Optional["_ArticleMemo"]) -> list[tuple[_Value, int, int]]:
        """The actors a span names, each with its offsets inside ``text``; two for "U.S. and British forces".

        The same words read the same way unless the article spelled out one of them as an acronym,
        so readings are remembered per text (spans like "U.S. forces" recur in most articles).
        """
        seen = self._seen.get(text)
        toks = seen[0] if seen is not None else _tokens(text[:_SPAN_CHARS], self.ix.variants)
        if memo is not None and memo.acronyms and any(t.orig in memo.acronyms for t in toks):
            return self._read(toks, text, memo)
        if seen is not None:
            return seen[1]
        values = self._read(toks, text, None) if toks else []
        if len(self._seen) >= _SEEN_TEXTS:
            self._seen.clear()
        self._seen[text] = (toks, values)
        return values

    def _read(self, toks: list[_Tok], text: str, memo) -> list[tuple[_Value, int, int]]:
        """The whole span as one actor, or its parts when an "and" joins two actors."""
        named = self._named(toks, memo)
        ands = [i for i, t in enumerate(toks) if t.norm == "and"]
        if ands and not any(i < a < j for a in ands for i, j, _ in named):
            parts = self._read_parts(toks, ands, text, memo)
            if parts:
                return parts
        value = self._one(toks, named, text, None)
        return [(value, 0, len(text))] if value else []

    def _read_parts(self, toks, ands, text: str, memo) -> list[tuple[_Value, int, int]]:
        """Each side of an "and" as its own actor, when at least one side is a listed or country actor."""
        bounds = [-1, *ands, len(toks)]
        parts = [toks[a + 1:b] for a, b in zip(bounds, bounds[1:]) if b > a + 1]
        if len(parts) < 2:
            return []
        last_head = self._head(parts[-1], set())
        values = []
        for part in parts:
            value = self._one(part, self._named(part, memo), text, last_head[1] if last_head else None)
            if value is not None:
                values.append((value, part[0].start, part[-1].end))
        known = sum(isinstance(v, _Entry) for v, _, _ in values)
        return values if len(values) >= 2 and known >= 1 else []

    def _named(self, toks: list[_Tok], memo) -> list[tuple[int, int, _Value]]:
        """Listed names in the span, and acronyms the article spelled out (these win where both match)."""
        found = _scan(toks, self.ix.phrases, self.ix.cased, self.ix.starts["phrases"])
        if not (memo and memo.acronyms):
            return found
        spelled = []
        for i, tok in enumerate(toks):
            long_form = memo.acronyms.get(tok.orig)
            value = self._long_form(long_form) if long_form else None
            if value is not None:
                spelled.append((i, i + 1, value))
        taken = {i for i, _, _ in spelled}
        return [m for m in found if not taken & set(range(m[0], m[1]))] + spelled

    def _long_form(self, long_form: str) -> Optional[_Value]:
        """What an acronym's spelled-out form resolves to (without acronyms, so it cannot loop)."""
        toks = _tokens(long_form, self.ix.variants)
        return self._one(toks, self._named(toks, None), long_form, None) if toks else None

    def _one(self, toks: list[_Tok], named, text: str, fallback: Optional[str]) -> Optional[_Value]:
        """One actor for a run of tokens, by the rules in the module docstring."""
        places = _scan(toks, self.ix.countries, self.ix.cased_countries, self.ix.starts["countries"])
        backer, held = self._backer(toks, places, named)
        free = [(i, j, v) for i, j, v in named if not set(range(i, j)) <= held]
        if free:
            return self._listed(toks, max(free, key=lambda m: (m[1] - m[0], -m[0])))
        places = [p for p in places if not set(range(p[0], p[1])) & held]
        head = self._head(toks, held)
        if backer is not None and (head is None or head[1] in _CLIENT_CATEGORIES
                                   or any(t.norm in _CLIENT_WORDS for t in toks)):
            return self._client(backer, head, places)
        if head is None and fallback and places:
            head = (len(toks), fallback)
        if head is not None and self._names_a_group(toks, head[0], places):
            return self._unknown(toks[:head[0]], text)
        owner = self._owner(toks, head[0], places) if head is not None else None
        if owner:
            return self._unknown(owner, text)
        if head is not None:
            return self._generic_or_person(toks, head, places, text)
        if places and all(t.norm in self.ix.determiners for k, t in enumerate(toks)
                          if not any(i <= k < j for i, j, _ in places)):
            i, j, country = places[0]
            capital = " ".join(t.norm for t in toks[i:j]) in self.ix.capitals
            return _generic("government" if capital else "military", country)
        value = self._unknown(toks, text)
        return replace(value, bare=True) if isinstance(value, _Unknown) else value

    def _listed(self, toks, match) -> _Value:
        """A listed actor; a government named before military words is its country's military ("Assad regime forces")."""
        _, end, value = match
        if isinstance(value, _Entry) and value.kind == "government" and value.country in self.ix.by_iso:
            after = _scan(toks[end:], self.ix.nouns, {}, self.ix.starts["nouns"])
            if any(category in ("military", "materiel") for _, _, category in after):
                return _generic("military", self.ix.by_iso[value.country])
        return value

    def _backer(self, toks, places, named) -> tuple[Optional[str], set[int]]:
        """A patron in the span ("Iran-backed", "aligned with Iran", "pro-Iranian") and the words it covers."""
        mentions = [(i, j, v.short) for i, j, v in places] + [(i, j, v.name) for i, j, v in named if isinstance(v, _Entry)]
        for i, j, label in sorted(mentions):
            if j < len(toks) and (toks[j].norm in self.ix.patron or toks[j].norm in ("proxies", "proxy")):
                return label, set(range(i, j + (toks[j].norm in self.ix.patron)))
            if i > 0 and toks[i - 1].norm == "pro":
                return label, set(range(i - 1, j))
            if i > 1 and toks[i - 1].norm in _BACKER_LINKS and toks[i - 2].norm in self.ix.patron:
                return label, set(range(i - 2, j))
        return None, set()

    def _head(self, toks, held: set[int]) -> Optional[tuple[int, str]]:
        """The leftmost noun of kind, as (position, category); military words beat government ones."""
        found = [(i, cat) for i, j, cat in _scan(toks, self.ix.nouns, {}, self.ix.starts["nouns"]) if i not in held]
        if not found:
            return None
        position, category = found[0]
        armed = [(i, cat) for i, cat in found if cat in ("military", "materiel")]
        if category in ("government", "materiel") and armed:  # "government forces", "regime warplanes"
            position, category = ([m for m in armed if m[1] == "military"] or armed)[0]
        return position, category

    def _client(self, backer: str, head, places) -> _Entry:
        """The backed group: "Iran-backed militias", located in the host country the span names, if any."""
        rebels = head is not None and head[1] == "rebels"
        host = places[0][2].iso if places else None
        if rebels:
            return _Entry(f"{backer}-backed rebels", "rebel group", host, 2)
        return _Entry(f"{backer}-backed militias", "political militia", host, 3)

    def _names_a_group(self, toks, position: int, places) -> bool:
        """Whether the words before a generic head are a group's own name ("PFX fighters", "Popular Front for X forces")."""
        in_place = {k for i, j, _ in places for k in range(i, j)}
        words = [(k, t.orig) for k, t in enumerate(toks[:position])
                 if k not in in_place and t.norm not in self.ix.determiners]
        first_place = min(in_place, default=position)
        if first_place < position and not any(w[:1].isupper() for k, w in words if k < first_place):
            return False  # a country word in front ("Iraqi ... units") makes it the country's body
        acronyms = sum(len(w) >= 2 and w.isupper() for _, w in words)
        capitalised = sum(w[:1].isupper() for _, w in words)
        return acronyms >= 1 or capitalised >= 2

    def _owner(self, toks, position: int, places) -> Optional[list[_Tok]]:
        """The group a generic head belongs to, named after it: "fighters from the Zomia Front"."""
        link = next((k for k in range(position + 1, len(toks)) if toks[k].norm in ("of", "from")), None)
        if link is None or any(i > link for i, _, _ in places):
            return None
        tail = [t for t in toks[link + 1:] if t.norm not in self.ix.determiners]
        named = sum(t.orig[:1].isupper() for t in tail) >= 2 or any(len(t.orig) >= 2 and t.orig.isupper() for t in tail)
        return toks[link + 1:] if named else None

    def _generic_or_person(self, toks, head, places, text: str) -> Optional[_Value]:
        """The country's body for the head noun (the nearest country word before it, else after it), or a person."""
        position, category = head
        before = [p for p in places if p[0] < position]
        country = (before[-1] if before else places[0])[2] if places else None
        if category == "materiel":
            return _generic("military", country) if country is not None else None
        if country is None and category in ("military", "government"):
            person = self._person(toks, text)
            if person is not None:
                return person
        return _generic(category, country)

    def _person(self, toks, text: str) -> Optional[_Unknown]:
        """The name after a title ("spokesman Nasser Kanaani"), when every word of it is capitalised."""
        titles = _scan(toks, self.ix.titles, {}, self.ix.starts["titles"])
        rest = toks[titles[-1][1]:] if titles else []
        if not rest or not all(t.orig[:1].isupper() for t in rest):
            return None
        display = text[rest[0].start:rest[-1].end].strip(" .,'’\"")
        return _Unknown(display, " ".join(t.norm for t in rest), "person")

    def _trails(self, toks, k: int) -> bool:
        """Whether word k can go from the end of a name: "positions", "on Sunday", "June 28"."""
        norm = toks[k].norm
        if norm.isdigit():
            return k > 0 and toks[k - 1].norm in self.ix.determiners
        return norm in self.ix.trailing or norm in self.ix.determiners

    def _unknown(self, toks, text: str) -> Optional[_Value]:
        """A name not in the list, without determiners and trailing nouns; a listed one if only its vowels differ."""
        i, j = 0, len(toks)
        while i < j and toks[i].norm in self.ix.determiners:
            i += 1
        while j - 1 > i and self._trails(toks, j - 1):
            j -= 1
        if i >= j or not any(c.isupper() for t in toks[i:j] for c in t.orig):
            return None  # "facilities", "June 27", "they": no proper name, so no actor
        key = " ".join(t.norm for t in toks[i:j])
        known = self.ix.skeletons.get(_skeleton(key)) if " " in key else None
        if known is not None:
            return known
        display = text[toks[i].start:toks[j - 1].end].strip(" .,'’\"")
        return _Unknown(_POSSESSIVE.sub("", display), key)


# ---------------------------------------------------------------- article memory

class _ArticleMemo:
    """What one article teaches: its own acronyms, and the unknown names already seen in it."""

    __slots__ = ("acronyms", "unknown", "outlines", "text", "places", "setting")

    def __init__(self, text: str):
        self.setting: Optional[_Country] = None  # the country of the story's dateline, set by the resolver
        self.acronyms = article_acronyms(text)
        self.unknown: dict[str, str] = {}  # normalised key -> canonical name
        self.outlines: dict[str, str] = {}  # consonant skeleton -> canonical name
        self.text = text
        self.places: dict[str, bool] = {}  # name -> whether the article uses it as a place

    def name_for(self, value: _Unknown) -> str:
        """The canonical name of an unknown actor: an earlier spelling of it in this article, else its own."""
        name = self.unknown.get(value.key)
        if name is None:
            name = self.unknown[value.key] = self._earlier(value.key) or value.display
            outline = _skeleton(value.key)
            if len(outline) >= 6:
                self.outlines.setdefault(outline, name)
        return name

    def _earlier(self, key: str) -> Optional[str]:
        """An earlier name this key spells differently, shortens ("Popular Front" of "Popular Front for X") or mistypes."""
        if not self.unknown:
            return None
        outline = _skeleton(key)
        if len(outline) >= 6 and outline in self.outlines:
            return self.outlines[outline]
        if " " in key:
            for other, name in self.unknown.items():
                if other.startswith(key + " ") or (" " in other and key.startswith(other + " ")):
                    return name
        best = process.extractOne(key, self.unknown.keys(), scorer=fuzz.ratio, score_cutoff=88)
        return self.unknown[best[0]] if best is not None else None


def article_acronyms(text: str) -> dict[str, str]:
    """Acronyms an article spells out: "the Popular Front for X (PFX)" or "PFX (Popular Front for X)"."""
    found: dict[str, str] = {}
    for m in _PAREN_ACRONYM.finditer(text):
        letters = [c for c in m.group(1) if c.isupper()]
        if len(letters) >= 2 and m.group(1) not in found:
            long_form = _long_form_before(text[max(0, m.start() - 200):m.start()], letters)
            if long_form:
                found[m.group(1)] = long_form
    for m in _ACRONYM_FIRST.finditer(text):
        acronym, inner = m.group(1), m.group(2).strip()
        letters = [c for c in acronym if c.isupper()]
        if acronym not in found and _initials(inner) == letters:
            found[acronym] = inner
    return found


def _initials(phrase: str) -> Optional[list[str]]:
    """Capital initials of a name's words and hyphen parts; None if a lower-case content word is in it."""
    out: list[str] = []
    for word in _LONG_WORD.findall(phrase):
        for part in word.split("-"):
            part = _APOSTROPHES.sub("", part)
            if part[:1].isupper():
                out.append(part[0])
            elif part.lower() not in _CONNECTORS:
                return None
    return out


def _long_form_before(before: str, letters: list[str]) -> Optional[str]:
    """The shortest run of words just before "(ACR)" whose capital initials spell ACR."""
    words = list(_LONG_WORD.finditer(before.rstrip()))
    for k in range(len(words) - 1, max(-1, len(words) - 16), -1):
        candidate = before[words[k].start():].strip()
        initials = _initials(candidate)
        if initials is None or len(initials) > len(letters):
            return None
        if initials == letters and words[k].group()[:1].isupper():
            return candidate.strip(" ,;:")
    return None


# ---------------------------------------------------------------- the stage

class ActorResolver:
    """Turns actor spans into canonical actors; load once per process and reuse (the index is cached)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._index = load_index(settings.extra_actors)
        self._reader = _Reader(self._index)
        self._memos: OrderedDict[tuple[str, int], _ArticleMemo] = OrderedDict()
        self._gazetteer = None  # loaded on first need (cached per process by load_gazetteer)

    def resolve(self, spans: list[Span], article: Article, doc=None) -> list[Actor]:
        """One actor per distinct canonical name among ``spans`` (the first span that names it)."""
        memo = self._memo(article)
        actors: list[Actor] = []
        seen: set[str] = set()
        opening = _dateline_length(article)
        for span in spans:
            text, start = span.text or "", span.start
            if 0 <= start < opening:
                # "KIRKUK, Iraq — Iraqi forces": the dateline says where the story was filed, no party
                cut = min(opening - start, len(text))
                text, start = text[cut:], start + cut
            for actor in self._actors(text, start, memo, doc, drop_places=True):
                actor = self._localised(actor, memo.setting)
                if actor.name not in seen:
                    seen.add(actor.name)
                    actors.append(actor)
        return actors

    def _localised(self, actor: Actor, setting: Optional[_Country]) -> Actor:
        """Unnamed state forces ("troops", "security forces", "the ministry") are those of the country the
        story is set in: a report filed from inside a country calls its own forces by no country word.
        Crowds and civilians of the story are, as ACLED names them, of the country where they are."""
        category = _UNPLACED_STATE.get(actor.name)
        if setting is None or category is None or actor.country is not None:
            return actor
        entry = _generic(category, setting)
        return replace(actor, name=entry.name, country=entry.country)

    def _setting(self, article: Article) -> Optional[_Country]:
        """The country the dateline names ("KIRKUK, Iraq", "BAGHDAD" as a capital), else None."""
        place = article.dateline.place if article.dateline is not None else None
        for part in reversed((place or "").split(",")):
            toks = _tokens(part, self._index.variants)
            if len(toks) == 1 and toks[0].orig in self._index.cased_countries:
                return self._index.cased_countries[toks[0].orig]
            country = self._index.countries.get(_key(part, self._index.variants)) if toks else None
            if country is not None:
                return country
        return None

    def canonical(self, name: str, article: Optional[Article] = None) -> Optional[Actor]:
        """The canonical actor for one name (None when it holds no word); uses the article's acronyms if given."""
        actors = self._actors(name or "", -1, self._memo(article) if article is not None else None, None)
        return actors[0] if actors else None

    def _actors(self, text: str, offset: int, memo: Optional[_ArticleMemo], doc,
                drop_places: bool = False) -> list[Actor]:
        out = []
        for value, start, end in self._reader.read(text, memo):
            where = dict(text=text[start:end], start=offset + start, end=offset + end) if offset >= 0 else dict(text=text)
            if isinstance(value, _Entry):
                out.append(Actor(name=value.name, kind=value.kind, country=value.country, inter=value.inter,
                                 led_by=value.led_by, **where))
            else:
                kind = value.kind or _person_in_doc(doc, offset + start, offset + end)
                if drop_places and value.bare and self._is_place(value, kind, memo):
                    continue
                name = memo.name_for(value) if memo is not None else value.display
                out.append(Actor(name=name, kind=kind, **where))
        return out

    def _is_place(self, value: _Unknown, kind: Optional[str], memo: Optional[_ArticleMemo]) -> bool:
        """Rule 7: the bare name is a place, by the article's own words or by the gazetteer."""
        if memo is not None:
            used = memo.places.get(value.display)
            if used is None:
                used = memo.places[value.display] = _used_as_place(memo.text, value.display)
            if used:
                return True
        if kind == "person" and " " not in value.display:
            return False
        key = normalise_name(value.display)
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer(self.settings.extra_places)
        return any(e.feature not in _NOT_PLACES and normalise_name(e.name) == key
                   for e in self._gazetteer.exact(key))

    def _memo(self, article: Article) -> _ArticleMemo:
        slot = (article.id, len(article.text or ""))
        memo = self._memos.get(slot)
        if memo is None:
            memo = self._memos[slot] = _ArticleMemo(article.text or "")
            memo.setting = self._setting(article)
            if len(self._memos) > _MEMO_ARTICLES:
                self._memos.popitem(last=False)
        return memo


# Country-less state and people actors -> their noun category, for giving them the story's country.
_UNPLACED_STATE = {_GENERIC[c][1]: c for c in ("military", "police", "government", "civilians", "protesters",
                                                "rioters")}
# Gazetteer rows that name people or areas no one acts as ("Kurdish" -> Kurdistan Region).
_NOT_PLACES = frozenset({"demonym", "continent"})
# Words right before a name that make it a place in the article: "near Ain Issa", "west of X", "the village
# of X" ("in the X Front" is more often a group than a place, so no "the" in between).
_PLACE_CUE = (r"(?:\b(?:in|near|outside|inside|around|across|towards?)\s+"
              r"|\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of\s+"
              r"|\b(?:town|city|village|district|province|governorate|outskirts|suburb|countryside)\s+of\s+)")


def _used_as_place(text: str, name: str) -> bool:
    """Whether the article writes ``name`` right after a locative cue ("in", "near", "west of", "town of")."""
    return re.search(_PLACE_CUE + re.escape(name) + r"\b", text, re.I) is not None


def _dateline_length(article: Article) -> int:
    """How many opening characters of the text are the dateline (0 when it is not at the very start)."""
    d = article.dateline
    text = article.text or ""
    if d is None or not d.text or not text.startswith(d.text):
        return 0
    return len(d.text)


def _person_in_doc(doc, start: int, end: int) -> Optional[str]:
    """"person" when spaCy tagged the words as a PERSON entity (only if a parsed doc is at hand)."""
    if doc is None or start < 0:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    return "person" if span is not None and any(e.label_ == "PERSON" for e in span.ents) else None
