"""Country names and ACLED regions by ISO-2 code, from the packaged countries.tsv."""

from __future__ import annotations

import functools
from importlib import resources
from typing import NamedTuple, Optional


class Country(NamedTuple):
    iso2: str
    iso3: str
    numeric: str
    name: str
    region: str


@functools.lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """Every country by ISO-2 code (built by scripts/build_countries.py)."""
    text = resources.files("eventwire.data").joinpath("countries.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines()[1:] if line)
    return {row[0]: Country(*row) for row in rows}


def country(iso2: Optional[str]) -> Optional[Country]:
    return countries().get(iso2.upper()) if iso2 else None
