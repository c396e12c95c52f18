"""The packaged gazetteer: places, their names, and spelling-tolerant look-up.

The data is built by ``scripts/build_gazetteer.py`` into gzip'd text files
(``places.tsv.gz``, ``names.txt.gz``, ``skeletons.txt.gz``) and loaded once per process by
:func:`load_gazetteer`.  Names are matched on a normalised key (ASCII, lower
case, punctuation and hyphens as spaces) and, failing that, on a consonant
skeleton that absorbs the usual transliteration variants of Arabic, Kurdish
and Persian names (al-/el-/ad- articles, Ain/Ayn, Asad/Assad, Irbil/Erbil,
Mayadeen/Mayadin, Sulaimani/Sulaymaniyah).
"""

from __future__ import annotations

import functools
import gzip
import math
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Optional

from unidecode import unidecode

from ..errors import ConfigError

_APOSTROPHES = re.compile(r"['’ʼʻ`´ʿʾ]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Facility words the press writes both closed and open ("airbase", "air base"): one key for both.
_COMPOUNDS = re.compile(r"\b(air|oil|gas)(base|field|strip|fields)\b")
# Arabic definite-article forms as they appear in transliterated names.
ARTICLES = frozenset("al el ad as ash an ar at az ath adh ed es et ez ul il".split())
_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("sh", "s"), ("ch", "c"), ("q", "k"),
             ("ph", "f"), ("w", "u"), ("y", "i"), ("j", "g"))
_VOWELS = re.compile(r"[aeiou]+")
_DOUBLES = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=200_000)
def normalise_name(name: str) -> str:
    """The exact-match key: ASCII, lower case, apostrophes dropped, other punctuation as spaces,
    and closed facility compounds opened ("Al-Asad Airbase" and "Al-Asad air base" share a key)."""
    text = _APOSTROPHES.sub("", unidecode(name).lower())
    text = _COMPOUNDS.sub(r"\1 \2", _NON_ALNUM.sub(" ", text).strip())
    return text[4:] if text.startswith("the ") else text


def slug(name: str) -> str:
    """The id part of a curated or user site ("ain-al-asad-air-base"): stable, so compounds stay closed."""
    text = _NON_ALNUM.sub(" ", _APOSTROPHES.sub("", unidecode(name).lower())).strip()
    return (text[4:] if text.startswith("the ") else text).replace(" ", "-")


def skeleton(key: str) -> str:
    """A spelling-tolerant key: articles dropped, digraphs folded, vowels and doubled letters removed."""
    parts = []
    for word in key.split():
        if word in ARTICLES:
            continue
        for a, b in _DIGRAPHS:
            word = word.replace(a, b)
        if len(word) > 3 and word.endswith("h"):
            word = word[:-1]
        head = "V" if word[:1] in "aeiou" else ""
        word = _DOUBLES.sub(r"\1", _VOWELS.sub("", word))
        parts.append(head + word)
    return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer row."""

    gid: str
    name: str
    feature: str
    precision: str
    country: Optional[str]
    admin1: Optional[str]
    lat: float
    lon: float
    population: int
    # log10 population, with administrative units and curated sites counted as large (set once: read often)
    prominence: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "prominence", _prominence(self))


_FIXED_PROMINENCE = {"country": 7.0, "admin1": 6.0, "continent": 7.0, "demonym": 7.0}


def _prominence(e: Entry) -> float:
    bonus = _FIXED_PROMINENCE.get(e.feature)
    if bonus is None and e.gid.startswith("county:"):
        bonus = 4.0 + 0.25 * math.log10(e.population + 1)  # the more populous county first
    if bonus is None and e.gid.startswith(("site:", "user:")):
        bonus = 6.5 if e.precision == "region" else 5.0
    return bonus if bonus is not None else math.log10(e.population + 1)


class Gazetteer:
    """Rows plus an exact-key index and a skeleton index over prominent places.

    Rows and id lists stay as the text read from disk and are parsed on first
    use, so loading costs one decompression and two dict builds.
    """

    def __init__(self, rows: list[str], names: dict[str, str], skeletons: dict[str, str]):
        self._rows = rows
        self._names = names
        self._skeletons = skeletons
        self._parsed: dict[int, Entry] = {}
        self._countries: Optional[dict[str, Entry]] = None

    def entry(self, index: int) -> Entry:
        """Row ``index`` as an :class:`Entry` (parsed once)."""
        e = self._parsed.get(index)
        if e is None:
            gid, name, feature, precision, country, admin1, lat, lon, pop = self._rows[index].split("\t")
            e = Entry(gid, name, feature, precision, country or None, admin1 or None,
                      float(lat), float(lon), int(pop or 0))
            self._parsed[index] = e
        return e

    def _entries(self, ids: str) -> list[Entry]:
        return [self.entry(int(i)) for i in ids.split(",")]

    def lookup(self, key: str) -> tuple[list[Entry], bool]:
        """Entries named ``key`` exactly, else by skeleton; the flag says whether the match was exact."""
        ids = self._names.get(key)
        if ids:
            return self._entries(ids), True
        ids = self._skeletons.get(skeleton(key))
        return (self._entries(ids), False) if ids else ([], False)

    def exact(self, key: str) -> list[Entry]:
        """Entries named ``key`` exactly (no spelling tolerance)."""
        ids = self._names.get(key)
        return self._entries(ids) if ids else []

    def country(self, iso: str) -> Optional[Entry]:
        """The country row for an ISO-2 code."""
        if self._countries is None:
            self._countries = {}
            for i, row in enumerate(self._rows):
                if row.startswith("country:"):
                    e = self.entry(i)
                    self._countries[e.country] = e
        return self._countries.get(iso)


def _read_lines(name: str) -> list[str]:
    data = resources.files("eventwire.data").joinpath("gazetteer", name).read_bytes()
    return gzip.decompress(data).decode("utf-8").splitlines()


def _read_index(name: str) -> dict[str, str]:
    """Keys then id lists, in two equal blocks of lines."""
    lines = _read_lines(name)
    half = len(lines) // 2
    return dict(zip(lines[:half], lines[half:]))


@functools.lru_cache(maxsize=4)
def load_gazetteer(extra_places: Optional[str] = None) -> Gazetteer:
    """The packaged gazetteer, read once per process, with a user's sites CSV on top when given.

    The CSV has the columns of ``eventwire/data/sites.csv``: name, aliases (``|``-separated),
    feature, precision, country, admin1, lat, lon.
    """
    rows = _read_lines("places.tsv.gz")
    names = _read_index("names.txt.gz")
    if extra_places:
        names = dict(names)
        for site in _read_sites(extra_places):
            index = len(rows)
            rows.append("\t".join(site[:8]) + "\t0")
            for alias in [site[1]] + [a for a in site[8].split("|") if a]:
                key = normalise_name(alias)
                names[key] = f"{names[key]},{index}" if key in names else str(index)
    return Gazetteer(rows, names, _read_index("skeletons.txt.gz"))


def _read_sites(path: str) -> list[list[str]]:
    """Rows of a user sites CSV as place-table fields (plus the alias list last); bad rows raise."""
    import csv

    out = []
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            for n, r in enumerate(csv.DictReader(fh), start=2):
                try:
                    lat, lon = float(r["lat"]), float(r["lon"])
                except (KeyError, TypeError, ValueError):
                    raise ConfigError(f"{path}:{n}: a site needs numeric lat and lon") from None
                out.append([f"user:{slug(r.get('name') or '')}", r.get("name") or "", r.get("feature") or "site",
                            r.get("precision") or "site", r.get("country") or "", r.get("admin1") or "",
                            str(lat), str(lon), r.get("aliases") or ""])
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read extra places ({exc})") from None
    return out


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
