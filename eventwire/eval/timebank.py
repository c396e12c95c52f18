"""Date resolution scored on TimeBank 1.2 and AQUAINT (TimeML ``.tml`` files).

Each file's ``<DCT>`` is the publication day; the gold is every
``<TIMEX3 type="DATE">`` inside ``<TEXT>``.  A gold date is *found* when a
predicted expression overlaps it, and *right* when the overlapping prediction
(the one sharing most characters) has the same value.  ``right_of_all`` is
right over all gold dates: the figure the floor test guards.

The headline figures score the whole grammar, with the TimeML values the
pipeline does not use (quarters, seasons, decades, PRESENT_REF ...), which
TimeBank's financial news is full of.  ``pipeline_*`` score ``find_dates`` as
the pipeline calls it (day, week, month and year values only), against all
gold dates and (``calendar_*``) against the gold dates with such a value.
Spurious counts predictions overlapping no gold TIMEX3 of any type (TimeBank
does not tag every date-like word, so this is an upper bound on false alarms).
"""

from __future__ import annotations

import html
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..config import Settings
from ..errors import EventwireError
from ..resolve import timex
from ..resolve.dates import find_dates, parse_day
from . import Report, format_table

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>|[^<]+")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_WEEK = re.compile(r"^(\d{4})-W(\d)$")
_CALENDAR = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?|-W\d\d?)?$")  # the values the pipeline writes


@dataclass
class Gold:
    start: int
    end: int
    kind: str  # DATE | TIME | DURATION | SET
    value: str


@dataclass
class Document:
    name: str
    published: Optional[str]
    text: str
    timexes: list[Gold]


def read_tml(path: Path) -> Document:
    """The text inside ``<TEXT>`` with tags removed, its TIMEX3s as offsets, and the DCT."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    dct = re.search(r"<DCT>.*?value=\"([^\"]*)\"", raw, re.S)
    body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0] if "<TEXT>" in raw else raw
    pieces: list[str] = []
    length = 0
    open_timex: Optional[tuple[int, dict]] = None
    timexes: list[Gold] = []
    for match in _TAG.finditer(body):
        closing, name, attrs = match.group(1), match.group(2), match.group(3)
        if name is None:
            chunk = html.unescape(match.group(0))
            pieces.append(chunk)
            length += len(chunk)
        elif name == "TIMEX3" and not closing:
            open_timex = (length, dict(_ATTR.findall(attrs)))
        elif name == "TIMEX3" and closing and open_timex is not None:
            start, fields = open_timex
            timexes.append(Gold(start, length, fields.get("type", ""), fields.get("value", "")))
            open_timex = None
    published = parse_day(dct.group(1)) if dct else None
    return Document(path.stem, published.isoformat() if published else None, "".join(pieces), timexes)


def _normal(value: str) -> str:
    """TimeBank writes some weeks unpadded (2000-W7); compare them as 2000-W07."""
    week = _WEEK.match(value)
    return f"{week.group(1)}-W0{week.group(2)}" if week else value


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    right: int = 0
    predicted: int = 0
    spurious: int = 0

    def add(self, doc: Document, predicted: list[tuple[int, int, str]], calendar: bool = False) -> None:
        """Count ``predicted`` against the DATE gold (only calendar-valued gold when ``calendar``)."""
        self.predicted += len(predicted)
        self.spurious += sum(1 for s, e, _ in predicted
                             if not any(s < g.end and g.start < e for g in doc.timexes))
        for gold in (g for g in doc.timexes if g.kind == "DATE"):
            if calendar and not _CALENDAR.match(gold.value):
                continue
            self.gold += 1
            overlapping = [(min(e, gold.end) - max(s, gold.start), v) for s, e, v in predicted
                           if s < gold.end and gold.start < e]
            if overlapping:
                self.found += 1
                self.right += _normal(max(overlapping)[1]) == _normal(gold.value)

    def figures(self, prefix: str) -> dict[str, float | int]:
        return {f"{prefix}gold": self.gold, f"{prefix}found": self._share(self.found, self.gold),
                f"{prefix}right": self._share(self.right, self.found),
                f"{prefix}right_of_all": self._share(self.right, self.gold),
                f"{prefix}spurious": self._share(self.spurious, self.predicted)}

    @staticmethod
    def _share(part: int, whole: int) -> float:
        return part / whole if whole else 0.0


def _extended(doc: Document) -> list[tuple[int, int, str]]:
    """What the ``dates`` command gives: the whole grammar, TimeML extras included."""
    return [(d.start, d.end, d.value) for d in find_dates(doc.text, doc.published, timeml=True)]


def evaluate(path: Optional[str], settings: Settings, **options) -> Report:
    """Score date finding and resolution on every ``.tml`` file under ``path``."""
    if path is None:
        raise EventwireError("eval timebank needs --gold PATH (the TimeBank/AQUAINT folder)")
    files = sorted(Path(path).rglob("*.tml")) if Path(path).is_dir() else [Path(path)]
    if not files:
        raise EventwireError(f"{path}: no .tml files found")
    documents = [read_tml(file) for file in files]
    pipeline, calendar, extended = Tally(), Tally(), Tally()
    started = time.process_time()  # CPU time: other jobs on the machine do not inflate it
    predictions = [[(d.start, d.end, d.value) for d in find_dates(doc.text, doc.published)] for doc in documents]
    seconds = time.process_time() - started
    for doc, predicted in zip(documents, predictions):
        pipeline.add(doc, predicted)
        calendar.add(doc, predicted, calendar=True)
    for doc in documents:
        extended.add(doc, _extended(doc))
    sentences = sum(len(timex.sentence_starts(doc.text)) for doc in documents)
    figures: dict[str, float | int] = {"documents": len(documents), "sentences": sentences}
    figures.update(extended.figures(""))
    figures.update(pipeline.figures("pipeline_"))
    figures.update({k: v for k, v in calendar.figures("calendar_").items() if not k.endswith("spurious")})
    figures["cpu_ms_per_1000_sentences"] = round(1000 * seconds / max(sentences, 1) * 1000, 1)
    table = format_table(list(figures.items()), "TimeBank + AQUAINT: DATE expressions")
    return Report(figures=figures, text=table)
