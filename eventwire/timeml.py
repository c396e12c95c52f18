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


def first_day(value: Optional[str]) -> Optional[str]:
    """The first calendar day (ISO) a TimeML value covers, or None if it names no day."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        if m := _MONTH.match(value):
            return dt.date(int(m[1]), int(m[2]), 1).isoformat()
        if m := _YEAR.match(value):
            return dt.date(int(m[1]), 1, 1).isoformat()
        if m := _WEEK.match(value):
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1).isoformat()
    except ValueError:
        return None
    return None
