"""A small regex grammar for English time expressions, resolved as TimeML writes them.

Why our own grammar and not dateparser: news needs the publication day as the
anchor for weekdays, "last year", "the previous day" chains and month names
without a year, and the rules differ from a generic parser's (a bare weekday
in past-tense news is the most recent such day *on or before* publication).
A dozen precompiled patterns scanned once per text keep this cheap enough for
100k articles a day.

Rules worth knowing (each one is a choice, written down here once):
- bare weekday: most recent such day on or before the reference day (the same
  day when the weekdays match); the next one on or after when the words just
  before it are future ("will", "is due to", ...).
- "last Monday": the Monday of the previous ISO week; "next Monday": the first
  Monday strictly after the reference day.
- "last night": the day before the reference day (the night mostly falls before
  a morning edition; wire copy filed in the evening says "tonight").
- bare month ("in February", "since April") and month-day without a year
  ("June 27"): the candidate year nearest the reference, a later one counting
  three times its distance (news reports what has happened); only later ones
  in a future clause, only earlier ones after "since"; a weekday written with
  the date ("Monday, Oct. 26") picks the year.  "last April": strictly before.
- "the previous day", "the same day", "a day later", "earlier that month":
  relative to the last resolved date before it, never to the publication day.
- clock times ("at 7:44 p.m.", "in the evening"): the day in context (a dated
  expression in the same sentence, else the last day in the paragraph, else
  the reference day).

``scan`` returns :class:`Found` items; ``extended=True`` also returns the TimeML
values the pipeline does not use (quarters, seasons, decades, PRESENT_REF ...),
for scoring against TimeBank.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Optional

from ..timeml import first_date

_MONTH_NUM = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
              "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}
_WEEKDAY_NUM = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
                "friday": 4, "saturday": 5, "sunday": 6}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                 "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30}
_SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "fall": ("FA", 9), "autumn": ("FA", 9),
            "winter": ("WI", 12)}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}

_MONTH = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?")
_MONTH_FULL = (r"(?P<mon>january|february|march|april|may|june|july|august|september|october"
               r"|november|december)\b")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
_YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)(?!\d)"
_WEEKDAY = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_OPT_WEEKDAY = r"(?:(?P<owd>monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"
_NUM = (r"(?P<num>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
        r"|fifteen|twenty|thirty|a\s+few|several|many)")
_CLAUSE_END = r"(?=\s*(?:[,.;:!?)\"”]|$|\s(?:and|but|when|as|while)\b))"

# Words before a capitalised "May"/"March" that make it a month, not a verb or a noun.
_MONTH_CUE = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|from|through|to|during|before|after|last|this|next"
    r"|early|mid|late|and|or|between|on|for)\s*-?\s*)$", re.I)
_FUTURE = re.compile(
    r"\b(?:will|won['’]t|shall|would|['’]ll|(?:due|set|expected|going|intends?|intended|hopes?|hoped"
    r"|aims?)\s+to|(?:is|are)\s+to|to\s+be\s+held|upcoming|scheduled|slated|plann(?:ed|ing)|plans?"
    r"|set\s+for|as\s+soon\s+as|deadline|no\s+later\s+than)\b", re.I)
# After a sentence-opening date only plain future verbs count ("On Friday, the government planned ...").
_FUTURE_AFTER = re.compile(
    r"\b(?:will|won['’]t|shall|['’]ll|(?:is|are)\s+(?:due|set|scheduled|expected|going)?\s*to)\b", re.I)
# Past-tense cues; a participle after "be"/"been" ("will be named") is not one.
_PAST = re.compile(
    r"\b(?:said|says|told|announced|reported|was|were|had|did|claimed|killed)\b"
    r"|(?<!\bbe )(?<!\bbeen )(?<!\bbeing )\b[a-z]{3,}ed\b", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“(]?[A-Z0-9])|\n+")
_ABBREV = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Maj|Cmdr|Adm|Gov|Sen|Rep|Rev|St|No|Jan|Feb"
    r"|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Corp|Co|Ltd|vs|etc|approx|U\.S|U\.N|U\.K))\.$")
_SENTENCE_STOP = re.compile(r"[.!?;]\s|\n")
_SINCE = re.compile(r"\bsince\s+$", re.I)
# "Resolution 1701", "Flight 2019", "Route 1990": numbers, not years.
_NUMBERED = re.compile(r"\b(?:resolution|no\.?|number|flight|route|highway|room|page|article|chapter|code"
                       r"|model|item|unit|squadron|brigade|battalion|division|regiment|bus|line|gate)\s+$", re.I)
_COUNTED = re.compile(r"\s+[a-z]+s\b")  # "2000 troops": a count, not a year
_LEADING_CUE = re.compile(r"\b(?:since|until|till|before|after|by|from|through)\s+(?:the\s+)?$", re.I)

# Full dates that can serve as a dateline's (and so the reference day's) source.
_FULL_DATE_PATTERNS = ("mdy", "dmy", "iso")


@dataclass(slots=True)
class Found:
    """One time expression: span, TimeML value, precision and what it was resolved against."""

    start: int
    end: int
    value: str
    precision: str  # day | week | month | year | other (extended values only)
    relative: bool  # needed the reference day (or an anchor) to resolve
    kind: str


@dataclass(slots=True)
class _Context:
    """What a resolver may look at: the text, the reference day, the last resolved date."""

    text: str
    ref: Optional[date]
    anchor: Optional[tuple[date, str]]  # (first day of the last resolved value, its precision)
    sentence_start: int
    extended: bool = False  # TimeML values beyond day/week/month/year are wanted


def _month(match: re.Match) -> int:
    return _MONTH_NUM[match.group("mon").lower()[:3]]


def _safe_date(year: int, month: int, day: int) -> Optional[date]:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _tense(ctx: _Context, start: int, end: int) -> tuple[Optional[str], Optional[str]]:
    """The tense of the clause around an expression: (cue before it, cue after it).

    Before: the last cue in the clause wins ("said it will meet Friday": future).
    After: the first cue up to the end of the sentence, for dates that open a
    sentence ("In April, fighting resumed").
    """
    window = ctx.text[max(ctx.sentence_start, start - 160):start]
    future = max((m.end() for m in _FUTURE.finditer(window)), default=-1)
    past = max((m.end() for m in _PAST.finditer(window)), default=-1)
    before = None if future < 0 and past < 0 else ("future" if future >= past else "past")
    after_text = ctx.text[end:end + 80]
    stop = _SENTENCE_STOP.search(after_text)
    after_text = after_text[:stop.start()] if stop else after_text
    next_future, next_past = _FUTURE_AFTER.search(after_text), _PAST.search(after_text)
    after = None
    if next_future or next_past:
        after = "future" if next_future and (not next_past or next_future.start() <= next_past.start()) else "past"
    return before, after


def _is_future(ctx: _Context, start: int, end: int) -> bool:
    before, after = _tense(ctx, start, end)
    return (before or after) == "future"


def _pick_year(ctx: _Context, match: re.Match, candidates: list[date], ref: Optional[date] = None) -> date:
    """The candidate nearest the reference day, favouring the past unless the clause is future.

    "since" keeps only days behind; a future cue before the date keeps only days
    ahead; with no cue before, a cue after decides ("In April, fighting
    resumed").  A past cue before does not decide: reporting verbs come before
    future dates too ("ruled Wednesday that he must leave by Jan. 14"; trying it
    cost 1.6 points on TimeBank).  Otherwise a day ahead counts three times its
    distance, since news mostly reports what has happened.
    """
    ref = ref or ctx.ref
    start = match.start()
    before, after = _tense(ctx, start, match.end())
    if _SINCE.search(ctx.text, max(0, start - 8), start) or (before is None and after == "past"):
        wanted = [d for d in candidates if d <= ref]
    elif (before or after) == "future":
        wanted = [d for d in candidates if d >= ref]
    else:
        wanted = candidates
    return min(wanted or candidates, key=lambda d: abs((d - ref).days) * (3 if d > ref else 1))


def _day(value: date, relative: bool = True) -> tuple[str, str, bool]:
    return value.isoformat(), "day", relative


# --- resolvers: (match, context) -> (value, precision, relative) or None ---------------------

Resolved = Optional[tuple[str, str, bool]]


def _r_full(match: re.Match, ctx: _Context) -> Resolved:
    month = int(match.group("mnum")) if "mnum" in match.re.groupindex else _month(match)
    found = _safe_date(int(match.group("year")), month, int(match.group("day")))
    return _day(found, False) if found else None


def _r_month_day(match: re.Match, ctx: _Context) -> Resolved:
    if ctx.ref is None:
        return None
    month, day = _month(match), int(match.group("day"))
    candidates = [d for d in (_safe_date(ctx.ref.year + k, month, day) for k in (-1, 0, 1)) if d]
    if match.group("owd"):  # "Monday, Oct. 26": the weekday says which year
        weekday = _WEEKDAY_NUM[match.group("owd").lower()]
        candidates = [d for d in candidates if d.weekday() == weekday] or candidates
    return _day(_pick_year(ctx, match, candidates)) if candidates else None


def _r_month_year(match: re.Match, ctx: _Context) -> Resolved:
    return _month_value(int(match.group("year")), _month(match)), "month", False


def _r_month(match: re.Match, ctx: _Context) -> Resolved:
    if ctx.ref is None:
        return None
    month = _month(match)
    mod = (match.group("mod") or "").lower()
    year = ctx.ref.year
    if mod == "last":
        year -= 1 if month >= ctx.ref.month else 0
    elif mod == "next":
        year += 1 if month <= ctx.ref.month else 0
    elif mod != "this":
        options = [date(ctx.ref.year + k, month, 1) for k in (-1, 0, 1)]
        this_month = date(ctx.ref.year, ctx.ref.month, 1)
        year = _pick_year(ctx, match, options, ref=this_month).year
    return _month_value(year, month), "month", True


def _r_month_rel_year(match: re.Match, ctx: _Context) -> Resolved:
    """"February this year", "May last year"."""
    if ctx.ref is None:
        return None
    step = {"last": -1, "this": 0, "next": 1}[match.group("mod").lower()]
    return _month_value(ctx.ref.year + step, _month(match)), "month", True


def _r_year(match: re.Match, ctx: _Context) -> Resolved:
    return match.group("year"), "year", False


_TENS = {"ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}


def _r_spelled_year(match: re.Match, ctx: _Context) -> Resolved:
    """"nineteen ninety-six", as broadcast transcripts write years."""
    units = _NUMBER_WORDS.get((match.group("units") or "").lower(), 0)
    return str(1900 + _TENS[match.group("tens").lower()] + units), "year", False


def _r_decade(match: re.Match, ctx: _Context) -> Resolved:
    return match.group("dec"), "other", False


def _r_weekday(match: re.Match, ctx: _Context) -> Resolved:
    if ctx.ref is None:
        return None
    target = _WEEKDAY_NUM[match.group("wd").lower()]
    mod = " ".join((match.group("mod") or "").lower().split())
    ref, now = ctx.ref, ctx.ref.weekday()
    if mod == "last":
        return _day(ref - timedelta(days=now + 7 - target))
    if mod == "this past":
        return _day(ref - timedelta(days=(now - target) % 7 or 7))
    if mod in ("next", "coming", "this coming"):
        return _day(ref + timedelta(days=(target - now) % 7 or 7))
    possessive = "'" in match.group(0) or "’" in match.group(0)  # "Sunday's attacks" have happened
    if not possessive and _is_future(ctx, match.start(), match.end()):
        return _day(ref + timedelta(days=(target - now) % 7))
    return _day(ref - timedelta(days=(now - target) % 7))


_REL_DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1,
                    "this morning": 0, "this afternoon": 0, "this evening": 0,
                    "the day before yesterday": -2, "the day after tomorrow": 2}


def _r_rel_day(match: re.Match, ctx: _Context) -> Resolved:
    if ctx.ref is None:
        return None
    key = " ".join(match.group("rel").lower().split())
    return _day(ctx.ref + timedelta(days=_REL_DAY_OFFSETS[key]))


def _unit_value(day: date, unit: str) -> tuple[str, str]:
    if unit == "day":
        return day.isoformat(), "day"
    if unit in ("week", "weekend"):
        return _week_value(day), "week"
    if unit == "month":
        return _month_value(day.year, day.month), "month"
    return str(day.year), "year"


def _shift(day: date, unit: str, count: int) -> date:
    if unit == "day":
        return day + timedelta(days=count)
    if unit in ("week", "weekend"):
        return day + timedelta(weeks=count)
    if unit == "month":
        return _add_months(day, count)
    return date(day.year + count, day.month, 1)


def _r_rel_unit(match: re.Match, ctx: _Context) -> Resolved:
    if ctx.ref is None:
        return None
    unit = match.group("unit").lower()
    mod = match.group("mod").lower()
    step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(mod, 0)
    if unit == "weekend" and mod in ("this", "current") and ctx.ref.weekday() < 5 \
            and not _is_future(ctx, match.start(), match.end()):
        step = -1
    value, precision = _unit_value(_shift(ctx.ref, unit, step), unit)
    return (_weekend(value, ctx) if unit == "weekend" else value), precision, True


def _r_weekend(match: re.Match, ctx: _Context) -> Resolved:
    if ctx.ref is None:
        return None
    back = ctx.ref.weekday() < 5 and not _is_future(ctx, match.start(), match.end())
    return _weekend(_week_value(ctx.ref - timedelta(weeks=1 if back else 0)), ctx), "week", True


def _weekend(week: str, ctx: _Context) -> str:
    """TimeML marks a weekend as its week plus -WE; the pipeline keeps the plain week."""
    return f"{week}-WE" if ctx.extended else week


def number(word: str) -> Optional[int]:
    """A count written in digits or in words ("3", "three", "a"); None for "several" and the like."""
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


def _r_ago(match: re.Match, ctx: _Context) -> Resolved:
    """"five months ago" against the reference day; "a day later" against the last date."""
    count, unit = number(match.group("num")), match.group("unit").lower()
    direction = " ".join(match.group("dir").lower().split())
    if ctx.extended and direction == "ago" and (count is None or unit == "decade"):
        if count is None:
            return "PAST_REF", "other", True
        return (str(ctx.ref.year - 10 * count)[:3], "other", True) if ctx.ref else None
    if count is None or unit == "decade":
        return None
    if direction in ("ago", "from now"):
        base, precision_floor = ctx.ref, "day"
    else:
        if ctx.anchor is None:
            return None
        base, precision_floor = ctx.anchor
    if base is None or _coarser(precision_floor, unit):
        return None
    sign = 1 if direction in ("later", "after", "from now") else -1
    value, precision = _unit_value(_shift(base, unit, sign * count), unit)
    return value, precision, True


_ANAPHOR_OFFSETS = {"previous": -1, "before": -1, "following": 1, "next": 1, "after": 1,
                    "same": 0, "that": 0}


def _r_anaphor(match: re.Match, ctx: _Context) -> Resolved:
    """"the previous day", "the same day", "that month": relative to the last resolved date."""
    if ctx.anchor is None:
        return None
    groups = match.groupdict()
    rel = (groups.get("arel") or groups.get("arel2") or "").lower()
    unit = (groups.get("aunit") or groups.get("aunit2") or "").lower()
    unit = "day" if unit in ("morning", "afternoon", "evening", "night") else unit
    base, precision = ctx.anchor
    if _coarser(precision, unit):
        return None
    value, out_precision = _unit_value(_shift(base, unit, _ANAPHOR_OFFSETS[rel]), unit)
    return value, out_precision, True


def _coarser(precision: str, unit: str) -> bool:
    """True when an anchor of ``precision`` is too coarse to count ``unit`` steps from."""
    order = {"day": 0, "week": 1, "weekend": 1, "month": 2, "year": 3, "other": 4}
    return order.get(precision, 4) > order.get(unit, 4)


def _r_time(match: re.Match, ctx: _Context) -> Resolved:
    """A clock time names no day by itself: ``scan`` gives it the day in context afterwards."""
    return None


def _r_quarter(match: re.Match, ctx: _Context) -> Resolved:
    quarter = _ORDINALS[match.group("q").lower()]
    explicit = match.group("qy1") or match.group("qy2")
    if explicit:
        return f"{explicit}-Q{quarter}", "other", False
    if ctx.ref is None:
        return None
    year = ctx.ref.year - (1 if (quarter - 1) * 3 + 1 > ctx.ref.month else 0)
    return f"{year}-Q{quarter}", "other", True


def _r_half(match: re.Match, ctx: _Context) -> Resolved:
    half = _ORDINALS[match.group("h").lower()]
    if match.group("hy"):
        return f"{match.group('hy')}-H{half}", "other", False
    if ctx.ref is None:
        return None
    year = ctx.ref.year - (1 if half == 2 and ctx.ref.month < 7 else 0)
    return f"{year}-H{half}", "other", True


def _season_year(ctx: _Context, start_month: int, mod: str) -> int:
    """The year of the season named, counted as TimeML does (winter by its December)."""
    month = ctx.ref.month
    current = start_month <= month < start_month + 3 or (start_month == 12 and month <= 2)
    year = ctx.ref.year - (1 if start_month == 12 and month <= 2 else 0)
    if mod == "last":
        return year - 1 if current or start_month > month else year
    if mod == "next":
        return year + 1 if current or start_month < month else year
    if mod == "this" or current:
        return year
    return year - 1 if start_month > month else year


def _r_season(match: re.Match, ctx: _Context) -> Resolved:
    """"last fall", "summer of 2019": TimeML's 1998-FA, or just the year for the pipeline."""
    code, start_month = _SEASONS[match.group("season").lower()]
    if match.group("sy"):
        year, relative = int(match.group("sy")), False
    elif ctx.ref is not None and (match.group("smod") or ctx.extended):
        year, relative = _season_year(ctx, start_month, (match.group("smod") or "").lower()), True
    else:
        return None
    return (f"{year}-{code}", "other", relative) if ctx.extended else (str(year), "year", relative)


_REF_VALUES = {"present": "PRESENT_REF", "past": "PAST_REF", "future": "FUTURE_REF"}


def _r_ref(match: re.Match, ctx: _Context) -> Resolved:
    kind = next(name for name in ("present", "past", "future") if match.group(name))
    return _REF_VALUES[kind], "other", False


# --- the grammar -------------------------------------------------------------------------------

_I = re.I
_PATTERNS: list[tuple[str, re.Pattern, Callable[..., Resolved], bool]] = [
    # (kind, pattern, resolver, extended only)
    ("mdy", re.compile(rf"\b{_OPT_WEEKDAY}{_MONTH}\s*{_DAY},?\s+{_YEAR}", _I), _r_full, False),
    ("dmy", re.compile(rf"(?<![\d,.])\b{_OPT_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", _I),
     _r_full, False),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b"),
     _r_full, False),
    ("md", re.compile(rf"\b{_OPT_WEEKDAY}{_MONTH}\s*{_DAY}(?!\s*(?:%|percent))", _I),
     _r_month_day, False),
    ("dm", re.compile(rf"(?<![\d,.$])\b{_OPT_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH}", _I),
     _r_month_day, False),
    ("my", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}", _I), _r_month_year, False),
    ("month_rel_year", re.compile(rf"\b{_MONTH_FULL}\s+(?:of\s+)?(?P<mod>last|this|next)\s+year\b", _I),
     _r_month_rel_year, False),
    ("month", re.compile(
        rf"\b(?:(?P<mod>last|this|next|early|mid|late|earlier|later)[\s-]+(?:in\s+)?)?{_MONTH_FULL}", _I),
     _r_month, False),
    ("year", re.compile(
        rf"(?<![\d,.$£€#/])\b(?:(?P<fiscal>fiscal|calendar)\s+)?{_YEAR}\b"
        r"(?!\s*(?:%|percent|per\s+cent|GMT|UTC|hrs|hours|local)|/\d)", _I), _r_year, False),
    ("spelled_year", re.compile(
        r"\bnineteen[\s-]+(?P<tens>ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        r"(?:[\s-]+(?P<units>one|two|three|four|five|six|seven|eight|nine))?\b", _I), _r_spelled_year, False),
    ("weekday", re.compile(
        rf"\b(?:(?P<mod>this\s+past|this\s+coming|last|this|next|coming)\s+)?{_WEEKDAY}(?:['’]s)?\b"
        r"(?:\s+(?:morning|afternoon|evening|night))?", _I), _r_weekday, False),
    ("rel_day", re.compile(
        r"\b(?P<rel>today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)"
        r"|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)\b", _I), _r_rel_day, False),
    ("rel_unit", re.compile(
        r"\b(?:(?:early|earlier|late|later|mid)[\s-]+)?(?P<mod>last|this|next|past|coming|current)\s+"
        r"(?P<unit>week|month|year|weekend)\b", _I), _r_rel_unit, False),
    ("weekend", re.compile(r"\b(?:the\s+)?weekend\b", _I), _r_weekend, False),
    ("ago", re.compile(
        rf"\b{_NUM}\s+(?P<unit>day|week|month|year|decade)s?\s+"
        rf"(?P<dir>ago|from\s+now|earlier|later|(?:before|after){_CLAUSE_END})", _I), _r_ago, False),
    ("anaphor", re.compile(
        r"\b(?:(?:the\s+)?(?P<arel>previous|following|next|same)\s+(?P<aunit>day|week|month|year"
        r"|morning|afternoon|evening|night)\b|(?P<arel2>that)\s+(?P<aunit2>day|week|month|year|morning"
        r"|afternoon|evening|night)\b)", _I), _r_anaphor, False),
    ("anaphor2", re.compile(rf"\bthe\s+(?P<aunit>day|week|month|year)\s+(?P<arel>before|after){_CLAUSE_END}",
                            _I), _r_anaphor, False),
    ("time", re.compile(
        r"\b(?:at\s+)?(?:(?P<hh>[01]?\d)(?:[:.][0-5]\d)?\s*(?:[ap]\.\s?m\.|[ap]m\b)"
        r"|(?P<hhmm>[0-2]\d[0-5]\d)\s*(?:GMT|UTC|hrs|local\s+time)\b|(?P<named>noon|midnight|dawn|dusk"
        r"|daybreak|nightfall)\b)(?:\s+(?:local\s+time|GMT|UTC)\b)?"
        r"|\b(?:(?:early|late)\s+)?in\s+the\s+(?:early\s+|late\s+)?(?:morning|afternoon|evening|night)\b",
        _I), _r_time, False),
    ("season", re.compile(
        r"\b(?:(?P<smod>last|this|next|early|late)\s+)?(?P<season>spring|summer|fall|autumn|winter)\b"
        r"(?:\s+(?:of\s+)?(?P<sy>(?:1[6-9]|20)\d\d)(?!\d))?", _I), _r_season, False),
    ("decade", re.compile(r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<dec>(?:1[6-9]|20)\d)0['’]?s\b", _I),
     _r_decade, True),
    ("quarter", re.compile(
        r"\b(?:the\s+)?(?:(?:fiscal|calendar)\s+)?(?:(?P<qy1>(?:19|20)\d\d)\s+)?"
        r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter\b"
        r"(?:\s+of\s+(?:fiscal\s+)?(?P<qy2>(?:19|20)\d\d)(?!\d))?", _I), _r_quarter, True),
    ("half", re.compile(
        r"\b(?:the\s+)?(?P<h>first|second)[\s-]+half\b(?:\s+of\s+(?:the\s+year\s+)?(?P<hy>(?:19|20)\d\d)(?!\d))?",
        _I), _r_half, True),
    ("ref", re.compile(
        r"\b(?:(?P<present>now|currently|current|presently|at\s+present|nowadays|these\s+days|right\s+now"
        r"|at\s+the\s+moment)|(?P<past>recently|recent|lately|previously|formerly|(?:in\s+)?the\s+past)"
        r"|(?P<future>(?:in\s+)?the\s+future|future|soon|in\s+the\s+coming\s+(?:days|weeks|months|years)))\b",
        _I), _r_ref, True),
]
_ORDER = {kind: index for index, (kind, _, _, _) in enumerate(_PATTERNS)}
_RESOLVERS = {kind: resolver for kind, _, resolver, _ in _PATTERNS}

# Speed: most patterns are only tried in windows around a word they cannot match without,
# found by one cheap pass per family ("June 27" needs a capitalised month name); the rare
# ones are skipped unless a keyword is in the text at all (``in`` on the lowered text).
# Triggers are plain lower-case alternations run on the lowered text: without IGNORECASE
# or a leading \b the regex engine scans for their first letters, several times faster.
_MONTH_TRIGGER = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP"
                            r"|OCT|NOV|DEC")  # case-sensitive, on the text itself: months are capitalised
_UNITS = r"(?:day|week|month|year|weekend|morning|afternoon|evening|night)"
_TRIGGERS: dict[str, re.Pattern] = {
    **dict.fromkeys(("mdy", "dmy", "md", "dm", "my", "month_rel_year", "month"), _MONTH_TRIGGER),
    "iso": re.compile(r"\d\d\d\d-\d\d-\d\d"),
    "rel_day": re.compile(r"today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)"),
    "rel_unit": re.compile(r"(?:last|this|next|past|coming|current)\s+(?:week|month|year)"),
    "anaphor": re.compile(rf"(?:previous|following|next|same|that)\s+{_UNITS}"),
    "anaphor2": re.compile(r"(?:day|week|month|year)\s+(?:before|after)"),
    "weekday": re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"),
    "year": re.compile(r"(?:1[6-9]|20)\d\d"),
    "ago": re.compile(r"ago|earlier|later|before|after|from\s+now"),
    "time": re.compile(r"\d\s*[ap]\.?\s?m|\d\d\d\d\s*(?:gmt|utc|hrs|local)|noon|midnight|dawn|dusk|daybreak"
                       r"|nightfall|in\s+the\s+(?:early\s+|late\s+)?(?:morning|afternoon|evening|night)"),
}
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "spelled_year": ("nineteen",), "weekend": ("weekend",),
    "season": ("spring", "summer", "fall", "autumn", "winter"), "decade": ("0s", "0's", "0’s"),
    "quarter": ("quarter",), "half": ("half",),
}
_BEFORE, _AFTER = 48, 72  # window around a trigger: longer than any prefix / suffix a pattern takes


def _windows(text: str, lowered: str, trigger: re.Pattern) -> list[tuple[int, int]]:
    """Merged stretches of ``text`` around each trigger match in ``lowered``, cut at whitespace."""
    out: list[tuple[int, int]] = []
    for match in trigger.finditer(text if trigger is _MONTH_TRIGGER else lowered):
        lo, hi = max(0, match.start() - _BEFORE), match.end() + _AFTER
        space = text.find(" ", hi, hi + 40)  # bounded: a text without spaces stays linear
        hi = min(len(text), hi + 40) if space < 0 else space
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _valid(kind: str, match: re.Match, text: str) -> bool:
    """Cheap checks a regex cannot say: day numbers, and "May"/"March" used as months."""
    groups = match.re.groupindex
    if "day" in groups and match.group("day") and not 1 <= int(match.group("day")) <= 31:
        return False
    if "mon" in groups and match.group("mon"):
        word = match.group("mon")
        if not word[0].isupper():
            return False
        if kind == "month" and word.lower() in ("may", "march") and not match.group("mod"):
            return bool(_MONTH_CUE.search(text[max(0, match.start() - 12):match.start()]))
    if kind == "year":
        if _NUMBERED.search(text, max(0, match.start() - 14), match.start()):
            return False
        if not match.group("fiscal") and _COUNTED.match(text, match.end()):
            return _MONTH_CUE.search(text[max(0, match.start() - 12):match.start()]) is not None
    return True


def sentence_starts(text: str) -> list[int]:
    """Start offsets of sentences (a period after an abbreviation or an initial does not end one)."""
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        if match.group(0)[0] == "." and _ABBREV.search(text[max(0, match.start() - 6):match.start() + 1]):
            continue
        starts.append(match.end())
    return starts


def paragraph_starts(text: str) -> list[int]:
    """Start offsets of lines: wire copy puts one paragraph on a line."""
    return [0] + [m.end() for m in re.finditer(r"\n+", text)]


def _candidates(text: str, extended: bool) -> list[tuple[int, int, str, re.Match]]:
    """Every pattern's matches, then the longest non-overlapping ones, left to right."""
    found = []
    lowered = text.lower()
    whole = [(0, len(text))]
    windows: dict[int, list[tuple[int, int]]] = {}
    if len(lowered) != len(text):  # lower-casing moved offsets (rare letters): scan everything
        windows = {id(trigger): whole for trigger in _TRIGGERS.values()}
    for kind, pattern, _resolver, ext_only in _PATTERNS:
        if ext_only and not extended:
            continue
        if kind in _KEYWORDS and not any(word in lowered for word in _KEYWORDS[kind]):
            continue
        trigger = _TRIGGERS.get(kind)
        if trigger is not None and id(trigger) not in windows:
            windows[id(trigger)] = _windows(text, lowered, trigger)
        for lo, hi in windows[id(trigger)] if trigger is not None else whole:
            for match in pattern.finditer(text, lo, hi):
                if _valid(kind, match, text):
                    found.append((match.start(), match.end(), kind, match))
    found.sort(key=lambda item: (item[0], item[0] - item[1], _ORDER[item[2]]))
    chosen: list[tuple[int, int, str, re.Match]] = []
    last_end = -1
    for item in found:
        if item[0] >= last_end:
            chosen.append(item)
            last_end = item[1]
    return chosen


def scan(text: str, refs: list[tuple[int, date]], extended: bool = False) -> list[Found]:
    """Find and resolve every time expression in ``text``.

    ``refs`` gives the reference day from an offset on (the publication day
    from 0, a later dateline's day from its line on); empty when unknown.
    """
    if not text:
        return []
    sentences = sentence_starts(text)
    paragraphs = paragraph_starts(text)
    ref_offsets = [offset for offset, _ in refs]
    results: list[Found] = []
    times: list[tuple[int, int]] = []
    anchor: Optional[tuple[date, str]] = None
    anchor_ref: Optional[date] = None
    for start, end, kind, match in _candidates(text, extended):
        ref_index = bisect.bisect_right(ref_offsets, start) - 1
        ref = refs[ref_index][1] if ref_index >= 0 else None
        if ref != anchor_ref:  # a new story (dateline) starts: forget the old anchor
            anchor, anchor_ref = None, ref
        if kind == "time":
            times.append((start, end))
            continue
        sentence_start = sentences[bisect.bisect_right(sentences, start) - 1]
        try:
            resolved = _RESOLVERS[kind](match, _Context(text, ref, anchor, sentence_start, extended))
        except (ValueError, OverflowError):  # a reference day at the calendar's edge (year 1 or 9999)
            resolved = None
        if resolved is None:
            continue
        value, precision, relative = resolved
        results.append(Found(start, end, value, precision, relative, kind))
        floor = first_date(value)
        if floor is not None and _LEADING_CUE.search(text[max(0, start - 12):start]) is None:
            anchor = (floor, precision)
    if times:
        results.extend(_attach_times(text, times, results, sentences, paragraphs, refs))
        results.sort(key=lambda found: found.start)
    return results


def _attach_times(text: str, times: list[tuple[int, int]], dated: list[Found], sentences: list[int],
                  paragraphs: list[int], refs: list[tuple[int, date]]) -> list[Found]:
    """Give each clock time the day in context: same sentence, else earlier in the paragraph, else ref."""
    days = [found for found in dated if found.precision == "day"]
    day_starts = [found.start for found in days]
    ref_offsets = [offset for offset, _ in refs]
    out = []
    for start, end in times:
        s_index = bisect.bisect_right(sentences, start) - 1
        s_end = sentences[s_index + 1] if s_index + 1 < len(sentences) else len(text)
        p_start = paragraphs[bisect.bisect_right(paragraphs, start) - 1]
        same = days[bisect.bisect_left(day_starts, sentences[s_index]):bisect.bisect_left(day_starts, s_end)]
        before = bisect.bisect_left(day_starts, start)
        if same:
            pick = min(same, key=lambda d: abs(d.start - start))
        elif before and days[before - 1].start >= p_start:
            pick = days[before - 1]
        else:
            ref_index = bisect.bisect_right(ref_offsets, start) - 1
            if ref_index >= 0:
                out.append(Found(start, end, refs[ref_index][1].isoformat(), "day", True, "time"))
            continue
        out.append(Found(start, end, pick.value, "day", pick.relative, "time"))
    return out


_DATELINE = re.compile(
    rf"^[^\n]{{0,60}}?(?:\([A-Za-z/&. -]{{2,25}}\)|(?-i:\b[A-Z]{{3,}}\b))[,\s]+(?P<date>{_OPT_WEEKDAY}"
    rf"{_MONTH}\s*{_DAY},?\s+{_YEAR})\s*[-—–:]", re.I | re.M)


def is_dateline_date(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the date of a ``PLACE (AGENCY) DATE -`` line: the filing day."""
    line_start = text.rfind("\n", 0, start) + 1
    match = _DATELINE.match(text, line_start)
    return match is not None and match.start("date") <= start and end <= match.end("date")


def datelines(text: str) -> list[tuple[int, date]]:
    """``PLACE (AGENCY) Jan 23, 2024 -`` lines: each starts a story with its own reference day."""
    out = []
    for match in _DATELINE.finditer(text):
        day = _safe_date(int(match.group("year")), _month(match), int(match.group("day")))
        if day is not None:
            out.append((match.start(), day))
    return out


# A line that carries a publication date: a byline or stamp, or a line holding only the date.
_STAMP_LINE = re.compile(
    r"^\s*(?:by\b|published\b|updated\b|posted\b|last\s+updated\b|date\b)|[|•]|\([A-Z/&. -]{2,25}\)", re.I)
_DATE_ONLY_LINE = re.compile(r"^[\s,]*(?:\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?[\s,]*$", re.I)


def opening_date(text: str, limit: int = 600) -> Optional[date]:
    """A full date (with its year) near the top written as a dateline, a byline or a date stamp.

    A date in a headline or a sentence ("the attack of September 11, 2001") is
    not taken: only one followed by a dateline dash, on a byline/stamp line, or
    alone on its line.
    """
    head = text[:limit]
    for kind in _FULL_DATE_PATTERNS:
        pattern = _PATTERNS[_ORDER[kind]][1]
        for match in pattern.finditer(head):
            line_start = head.rfind("\n", 0, match.start()) + 1
            line_end = head.find("\n", match.end())
            line = head[line_start:line_end if line_end >= 0 else len(head)]
            rest = line[:match.start() - line_start] + line[match.end() - line_start:]
            if (re.match(r"\s*[-—–]", head[match.end():match.end() + 3]) or _STAMP_LINE.search(line)
                    or _DATE_ONLY_LINE.match(rest)):
                found = _r_full(match, _Context(head, None, None, 0))
                if found:
                    return date.fromisoformat(found[0])
    return None
