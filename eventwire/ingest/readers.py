"""Files and folders in, :class:`Article` records out, one at a time.

Each reader turns one input (a text file, an HTML page, a JSON Lines record)
into raw text plus whatever metadata it declares; :func:`build_articles` then
cleans the text, cuts it into stories and makes one article per story.  Bad
input raises :class:`Unusable`, which ``iter_articles`` reports and skips.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Optional

from ..config import Settings
from ..records import Article, Rejected, Span
from .clean import clean_units, split_units
from .dateline import parse_date_value
from .encoding import decode_bytes, repair_text
from .errors import Unusable
from .split import Story, split_stories

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
RECORD_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
_PARAGRAPH_SEPARATOR = "\n\n"
_CHUNK = 1 << 20


@dataclass(slots=True)
class RawInput:
    """One input's raw text and the metadata it declares, before cleaning."""

    text: str
    path: str
    id: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    published_source: Optional[str] = None


def iter_articles(paths: Iterable[str], settings: Settings, on_reject: Callable[[Rejected], None]) -> Iterator[Article]:
    """Stream articles from files and folders (recursing in sorted order; ``-`` reads JSON Lines from stdin).

    Every input that cannot be used is reported once through ``on_reject`` and
    skipped; nothing here raises for bad input.
    """
    for path in iter_files(paths, on_reject):
        try:
            for source in _read(path, settings, on_reject):
                try:
                    yield from build_articles(source, settings)
                except Unusable as exc:
                    on_reject(Rejected(path, str(exc)))
        except Unusable as exc:
            on_reject(Rejected(path, str(exc)))
        except OSError as exc:
            on_reject(Rejected(path, f"cannot read ({exc.strerror or exc})"))


def iter_files(paths: Iterable[str], on_reject: Callable[[Rejected], None]) -> Iterator[str]:
    """Files named in ``paths``, folders walked depth-first in name order; hidden entries in folders are skipped."""
    for raw in paths:
        raw = str(raw)
        if raw == "-" or os.path.isfile(raw):
            yield raw
        elif os.path.isdir(raw):
            yield from _walk(raw)
        elif not os.path.exists(raw):
            on_reject(Rejected(raw, "no such file or folder"))
        else:
            on_reject(Rejected(raw, "not a regular file"))


def _walk(folder: str) -> Iterator[str]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path)
        elif entry.is_file():
            yield entry.path


def _read(path: str, settings: Settings, on_reject: Callable[[Rejected], None]) -> Iterator[RawInput]:
    """The inputs one file holds, read by its extension."""
    if path == "-":
        yield from _read_records(sys.stdin.buffer, path, settings, on_reject)
        return
    suffix = Path(path).suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES:
        raise Unusable(f"unsupported file type {suffix or '(no extension)'}")
    size = os.path.getsize(path)
    if size == 0:
        raise Unusable("empty file")
    if suffix in (".jsonl", ".ndjson"):
        with open(path, "rb") as handle:
            yield from _read_records(handle, path, settings, on_reject)
        return
    if size > settings.max_file_bytes:
        raise Unusable(f"larger than {settings.max_file_bytes} bytes")
    with open(path, "rb") as handle:
        text = decode_bytes(handle.read())
    if not text.strip():
        raise Unusable("empty file")
    if suffix in HTML_SUFFIXES:
        from .html import read_page  # trafilatura takes seconds to import: only when a page comes

        page = read_page(text)
        yield RawInput(text=page.text, path=path, title=page.title, url=page.url, outlet=page.outlet,
                       published=page.published, published_source="html" if page.published else None)
    elif suffix == ".json":
        yield from _read_json_document(text, path, on_reject)
    else:
        yield RawInput(text=text, path=path)


def _read_records(handle: IO[bytes], path: str, settings: Settings, on_reject: Callable[[Rejected], None]) -> Iterator[RawInput]:
    """One input per JSON Lines record; a bad line is reported and the rest still read.

    The size limit applies to each line, not the file, since lines are read one by one.
    """
    blank = True
    for number, line in _bounded_lines(handle, settings.max_file_bytes):
        try:
            if line is None:
                raise Unusable(f"line {number}: larger than {settings.max_file_bytes} bytes")
            if not line.strip():
                continue
            blank = False
            try:
                record = json.loads(decode_bytes(line.lstrip(b"\xef\xbb\xbf")))
            except ValueError:
                raise Unusable(f"line {number}: not valid JSON") from None
            except RecursionError:
                raise Unusable(f"line {number}: not valid JSON (nested too deeply)") from None
            yield _record_source(record, path, f"line {number}")
        except Unusable as exc:
            blank = False
            on_reject(Rejected(path, str(exc)))
    if blank:
        raise Unusable("empty file")


def _read_json_document(text: str, path: str, on_reject: Callable[[Rejected], None]) -> Iterator[RawInput]:
    """A .json file: one record, a list of records, or an object with an 'articles' list."""
    try:
        data = json.loads(text)
    except ValueError:
        raise Unusable("not valid JSON") from None
    except RecursionError:
        raise Unusable("not valid JSON (nested too deeply)") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, 1):
        try:
            yield _record_source(record, path, f"item {number}")
        except Unusable as exc:
            on_reject(Rejected(path, str(exc)))


def _bounded_lines(handle: IO[bytes], limit: int) -> Iterator[tuple[int, Optional[bytes]]]:
    """Numbered lines, never reading more than ``limit`` bytes of one; an over-long line comes as None."""
    number = 0
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = handle.readline(_CHUNK)
            yield number, None
        else:
            yield number, line


def _record_source(record: Any, path: str, where: str) -> RawInput:
    """Check one JSON record (``id``, ``text``; optional ``title``, ``url``, ``outlet``, ``published``)."""
    if not isinstance(record, dict):
        raise Unusable(f"{where}: expected a JSON object, got {type(record).__name__}")
    raw_id = record.get("id")
    record_id = str(raw_id) if isinstance(raw_id, (str, int)) and str(raw_id).strip() else None
    label = f"record '{record_id}'" if record_id else f"{where}: record"
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise Unusable(f"{label} has no text")
    published = parse_date_value(record.get("published"))
    return RawInput(
        text=text, path=path, id=record_id, title=_optional_str(record.get("title")),
        url=_optional_str(record.get("url")), outlet=_optional_str(record.get("outlet")),
        published=published, published_source="record" if published else None,
    )


def _optional_str(value: Any) -> Optional[str]:
    return (" ".join(value.split()) or None) if isinstance(value, str) else None


def build_articles(source: RawInput, settings: Settings) -> Iterator[Article]:
    """Clean one source's text, cut it into stories and make an article of each.

    The first story takes the source's id (or its content hash) and declared
    metadata; later stories get ``<id>#2``, ``#3`` ... (or their own content
    hash) and their own dateline or byline date.
    """
    prefix = f"record '{source.id}': " if source.id else ""
    units = clean_units(split_units(repair_text(source.text)))
    if not units:
        raise Unusable(f"{prefix}nothing left after removing page furniture")
    title = repair_text(source.title) if source.title else None
    stories = split_stories(units, settings.min_article_chars, known_title=title)
    for number, story in enumerate(stories, 1):
        paragraphs = truncate(story.paragraphs, settings.max_article_chars)
        text = _PARAGRAPH_SEPARATOR.join(paragraphs)
        if len(text) < settings.min_article_chars:
            raise Unusable(f"{prefix}too short ({len(text)} characters of text, minimum {settings.min_article_chars})")
        yield _article(source, story, number, text, paragraphs, title)


def _article(source: RawInput, story: Story, number: int, text: str, paragraphs: list[str], title: Optional[str]) -> Article:
    content_hash = content_digest(text)
    if source.id:
        article_id = source.id if number == 1 else f"{source.id}#{number}"
    else:
        article_id = content_hash[:16]
    published, published_source = _publication(source, story, number)
    return Article(
        id=article_id,
        text=text,
        title=(title if number == 1 and title else story.title),
        url=source.url if number == 1 else None,
        outlet=source.outlet,
        published=published,
        published_source=published_source,
        paragraphs=paragraph_spans(paragraphs),
        dateline=story.dateline,
        source_path=source.path,
        content_hash=content_hash,
    )


def _publication(source: RawInput, story: Story, number: int) -> tuple[Optional[str], Optional[str]]:
    """The declared date first for the page's first story; a later story's own dateline or byline first."""
    declared = [(source.published, source.published_source)]
    own = [(story.dateline.date if story.dateline else None, "dateline"), (story.byline_date, "byline")]
    for day, origin in (declared + own if number == 1 else own + declared):
        if day:
            return day, origin
    return None, None


def truncate(paragraphs: list[str], limit: int) -> list[str]:
    """Whole paragraphs up to ``limit`` characters of joined text; a first paragraph too long is cut at a sentence."""
    kept: list[str] = []
    total = 0
    for paragraph in paragraphs:
        extra = len(paragraph) + (len(_PARAGRAPH_SEPARATOR) if kept else 0)
        if total + extra > limit:
            if not kept:
                kept.append(_cut_paragraph(paragraph, limit))
            break
        kept.append(paragraph)
        total += extra
    return kept


def _cut_paragraph(text: str, limit: int) -> str:
    head = text[:limit]
    for mark in (". ", "? ", "! "):
        end = head.rfind(mark)
        if end > limit // 2:
            return head[: end + 1]
    space = head.rfind(" ")
    return head[:space] if space > limit // 2 else head


def paragraph_spans(paragraphs: list[str]) -> list[Span]:
    """Spans of the paragraphs in the text they make when joined by a blank line."""
    spans = []
    start = 0
    for paragraph in paragraphs:
        spans.append(Span(paragraph, start, start + len(paragraph)))
        start += len(paragraph) + len(_PARAGRAPH_SEPARATOR)
    return spans


def content_digest(text: str) -> str:
    """sha1 of the text case-folded with whitespace collapsed: the same story gives the same hash."""
    return hashlib.sha1(" ".join(text.casefold().split()).encode("utf-8")).hexdigest()
