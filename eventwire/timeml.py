"""TimeML date values (2021-06-27, 2021-06, 2021, 2021-W26) turned into calendar days.

Exports and the database need one sortable day per incident; the precision
travels beside it, so "2021-02" (month) becomes 2021-02-01 with precision month.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def first_date(value: Optional[str]) -> Optional[dt.date]:
    """The first calendar day a TimeML value covers, or None if it names no day (quarters, PAST_REF ...)."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _MONTH.match(value):
            return dt.date(int(m[1]), int(m[2]), 1)
        if m := _YEAR.match(value):
            return dt.date(int(m[1]), 1, 1)
        if m := _WEEK.match(value):
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
    except ValueError:
        return None
    return None


def first_day(value: Optional[str]) -> Optional[str]:
    """:func:`first_date` as an ISO string, the form exports and the database hold."""
    day = first_date(value)
    return day.isoformat() if day else None
