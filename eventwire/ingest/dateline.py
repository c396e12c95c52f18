"""Datelines (``BAGHDAD (Reuters) -``), bylines (``By RFE/RL June 28, 2021``) and written dates.

A dateline names where a wire story was filed, by which agency and often on
which day; a byline names the writer and sometimes the day.  Both are the
only dates in many texts, so they become ``Article.published`` when the record
gives none.  A date without a year is kept as text but never turned into a
day: guessing the year is how background history ends up dated today.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Optional

from ..records import Dateline

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_ORD = r"(?:st|nd|rd|th)?"
DATE_PATTERN = (
    rf"{_WEEKDAY}(?:{_MONTH}\s+\d{{1,2}}{_ORD}(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}{_ORD}\s+{_MONTH}(?:,?\s+\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2})"
)
_DATE_PARTS = re.compile(
    rf"(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}}){_ORD}(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}}){_ORD}\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>\d{{4}}))?"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})",
    re.IGNORECASE,
)

# A place: up to four capitalised words (Arabic article prefixes allowed), then an
# optional ", Region".  The agency: up to four capitalised words in brackets.
_WORD = r"(?:(?:al|el|ad|as|ar|an|at)-)?[A-Z][\w'.&/-]*"
_PLACE = rf"{_WORD}(?: {_WORD}){{0,3}}"
_AGENCY = r"[A-Z][\w/&.-]*(?:[ -][A-Z][\w/&.-]*){0,3}"
_DASH = r"\s*(?:\u2014|\u2013|-{1,2}|_|:)(?:\s+|$)"  # old AP copy writes an underscore
_DATELINE = re.compile(
    rf"(?:By (?:[A-Z][\w'-]*\.? ){{1,3}}?[A-Z][\w'-]*[.,] )?"  # a byline run into the dateline
    rf"(?P<place>{_PLACE})(?:,\s*(?P<region>{_PLACE}))?"
    rf"(?:,?\s+(?P<date1>{DATE_PATTERN}))?"
    rf"(?:\s*\(\s?(?P<agency>{_AGENCY})\s?\))?"
    rf"(?:,?\s+(?P<date2>{DATE_PATTERN}))?"
    rf"{_DASH}"
)
_BYLINE = re.compile(
    rf"By\s+(?P<who>[A-Z][\w'./&-]*(?:(?:\s+|\s*[,&/]\s*|\s+and\s+|\s+of\s+)[A-Z][\w'./&-]*){{0,8}})"
    rf"(?:\s*[,|\u00b7\u2022-]?\s*(?P<date>{DATE_PATTERN}))?\s*$"
)
_STAMP = re.compile(
    rf"(?:[A-Z][\w&'.-]*\s+){{0,4}}(?i:published|posted|updated|last updated|date)(?:\s+on)?\s*:?\s*"
    rf"(?P<date>{DATE_PATTERN})\b[^.!?]{{0,40}}$"
)
# A line that is only a date, perhaps with a time: "May 2, 2013 | 5:03pm".
_DATE_ONLY = re.compile(rf"(?P<date>{DATE_PATTERN})(?:\s*[|,\u00b7\u2022-]\s*|\s+)?[^.!?]{{0,40}}$")
_ISO_PREFIX = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_dateline(line: str) -> Optional[tuple[Dateline, int]]:
    """The dateline opening ``line`` and where it ends, or None.

    Without an agency or a date the place must be in capitals (``MOSUL, Iraq —``),
    so that an ordinary sentence opening with a name and a dash is not taken.
    """
    match = _DATELINE.match(line)
    if match is None:
        return None
    place, agency = match["place"], match["agency"]
    written = match["date1"] or match["date2"]
    if not agency and not written and not (place.isupper() and len(place) >= 3):
        return None
    full_place = f"{place}, {match['region']}" if match["region"] else place
    dateline = Dateline(place=full_place, agency=agency, date=parse_written_date(written) if written else None,
                        text=line[: match.end()].rstrip())
    return dateline, match.end()


def is_strong_dateline(dateline: Dateline) -> bool:
    """A dateline with an agency or a date: safe to treat as the start of a new story."""
    return bool(dateline.agency) or _DATE_PARTS.search(dateline.text) is not None


def parse_byline(line: str) -> Optional[tuple[str, Optional[str]]]:
    """``(byline, ISO date or None)`` for a byline, a 'Published: <date>' stamp or a line that is only a date."""
    match = _BYLINE.match(line) or _STAMP.match(line) or _DATE_ONLY.match(line)
    if match is None:
        return None
    written = match["date"]
    return line, parse_written_date(written) if written else None


def parse_written_date(text: str) -> Optional[str]:
    """ISO day for 'Jan 23, 2024', '23 January 2024' or '2024-01-23'; None without a year or when invalid."""
    match = _DATE_PARTS.search(text)
    if match is None:
        return None
    if match["y3"]:
        year, month, day = int(match["y3"]), int(match["m3"]), int(match["d3"])
    else:
        year_text = match["y1"] or match["y2"]
        if not year_text:
            return None
        month = _MONTHS[(match["m1"] or match["m2"])[:3].lower()]
        year, day = int(year_text), int(match["d1"] or match["d2"])
    return _iso(year, month, day)


def parse_date_value(value: object) -> Optional[str]:
    """ISO day from a metadata or record value: ISO 8601, RFC 2822 or a written date; else None.

    The day is taken as written, without converting time zones, because the
    writer's local day is the one the text's relative dates count from.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    iso = _ISO_PREFIX.match(value)
    if iso:
        return _iso(int(iso[1]), int(iso[2]), int(iso[3]))
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return parse_written_date(value)


def _iso(year: int, month: int, day: int) -> Optional[str]:
    if not 1900 <= year <= datetime.now().year + 1:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
