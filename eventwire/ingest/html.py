"""HTML pages: main text through trafilatura, title, link, outlet and date from real metadata only.

The publication date is read from what a page declares (meta tags, JSON-LD,
``itemprop``, ``<time>`` elements outside footers and sidebars) and nowhere
else.  Trafilatura's own date finder falls back to a footer's copyright year
and reports the 1st of January of it, which would date every undated page
wrongly, so it is not used.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterator, Optional

import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from .dateline import parse_date_value
from .errors import Unusable

# Meta names and properties that carry the publication date, in order of trust.
_DATE_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "published_time", "publishdate", "publish-date", "publish_date", "pubdate", "dc.date.issued",
    "dcterms.issued", "dcterms.created", "dc.date", "citation_publication_date", "parsely-pub-date",
    "sailthru.date", "date",
)
_TITLE_META = ("og:title", "twitter:title", "dc.title")
_URL_META = ("og:url",)
_OUTLET_META = ("og:site_name", "application-name")
_LD_DATE_KEYS = ("datePublished", "dateCreated")
_FURNITURE_TAGS = frozenset({"footer", "nav", "aside"})
_FURNITURE_CLASSES = ("footer", "sidebar", "related", "comment", "widget", "promo")
# libxml2 drops elements nested deeper than this, so 10,000 nested divs cannot
# exhaust Python's recursion in the extractor; text below that depth is lost.
_PARSER_MAX_DEPTH = 255
_TITLE_SEPARATORS = (" | ", " - ", " \u2013 ", " \u2014 ", " :: ")


@dataclass(slots=True)
class Page:
    """What one HTML page gives: main text (paragraphs on lines) and declared metadata."""

    text: str
    title: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None


def read_page(markup: str) -> Page:
    """Extract a page's main text and metadata; raise :class:`Unusable` when it holds no text."""
    try:
        tree = load_html(markup)
    except (RecursionError, ValueError, etree.LxmlError) as exc:
        raise Unusable(f"HTML could not be parsed ({type(exc).__name__})") from None
    if tree is None:
        raise Unusable("HTML could not be parsed")
    meta = _meta_values(tree)
    outlet = _first(meta, _OUTLET_META) or _ld_publisher(tree)
    page = Page(
        text="",
        title=_page_title(tree, meta, outlet),
        url=_canonical_url(tree) or _first(meta, _URL_META),
        outlet=outlet,
        published=_published(tree, meta),
    )
    try:
        text = trafilatura.extract(tree, output_format="txt", include_comments=False, include_tables=False,
                                   with_metadata=False, deduplicate=False)
    except Exception as exc:  # third-party extractor on arbitrary markup: any failure is the page's, reported
        raise Unusable(f"HTML could not be extracted ({type(exc).__name__})") from None
    if not text or not text.strip():
        if _depth(tree) >= _PARSER_MAX_DEPTH:
            raise Unusable(f"HTML nested deeper than {_PARSER_MAX_DEPTH} levels, no article text above that depth")
        raise Unusable("no article text found in the HTML")
    page.text = text
    return page


def _depth(tree: Any) -> int:
    """How deep the parsed tree goes; the parser stops descending at :data:`_PARSER_MAX_DEPTH`."""
    return max((sum(1 for _ in element.iterancestors()) for element in tree.iter()), default=0)


def _meta_values(tree: Any) -> dict[str, str]:
    """Lower-cased meta name/property/itemprop -> the first non-empty content."""
    values: dict[str, str] = {}
    for element in tree.iter("meta"):
        content = (element.get("content") or "").strip()
        if not content:
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = (element.get(attribute) or "").strip().lower()
            if key:
                values.setdefault(key, content)
    return values


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> Optional[str]:
    return next((meta[key] for key in keys if key in meta), None)


def _published(tree: Any, meta: dict[str, str]) -> Optional[str]:
    """The first declared publication day: meta tags, JSON-LD, itemprop, then a <time> element."""
    for key in _DATE_META:
        day = parse_date_value(meta.get(key))
        if day:
            return day
    for value in _ld_values(tree, _LD_DATE_KEYS):
        day = parse_date_value(value)
        if day:
            return day
    for element in tree.iterfind(".//*[@itemprop='datePublished']"):
        day = parse_date_value(element.get("datetime") or element.get("content") or element.text_content())
        if day:
            return day
    return _time_element_date(tree)


def _time_element_date(tree: Any) -> Optional[str]:
    """A <time datetime> marked pubdate, else the first one that is not in page furniture."""
    candidates = [t for t in tree.iter("time") if t.get("datetime") and not _in_furniture(t)]
    marked = [t for t in candidates if t.get("pubdate") is not None]
    for element in marked + candidates:
        day = parse_date_value(element.get("datetime"))
        if day:
            return day
    return None


def _in_furniture(element: Any) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag in _FURNITURE_TAGS:
            return True
        classes = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}".lower()
        if any(word in classes for word in _FURNITURE_CLASSES):
            return True
    return False


def _ld_objects(tree: Any) -> Iterator[dict]:
    """Every JSON object in the page's JSON-LD scripts, nested ones included; bad JSON is skipped."""
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                stack.extend(v for v in item.values() if isinstance(v, (list, dict)))


def _ld_values(tree: Any, keys: tuple[str, ...]) -> Iterator[Any]:
    for obj in _ld_objects(tree):
        for key in keys:
            if key in obj:
                yield obj[key]


def _ld_publisher(tree: Any) -> Optional[str]:
    for value in _ld_values(tree, ("publisher",)):
        name = value.get("name") if isinstance(value, dict) else value
        if isinstance(name, str) and name.strip():
            return name.strip()
    return None


def _canonical_url(tree: Any) -> Optional[str]:
    for link in tree.iterfind(".//link[@rel='canonical']"):
        href = (link.get("href") or "").strip()
        if href.startswith(("http://", "https://")):
            return href
    return None


def _page_title(tree: Any, meta: dict[str, str], outlet: Optional[str]) -> Optional[str]:
    """og:title, else the first <h1>, else <title> with a trailing ' - Site' removed."""
    title = _first(meta, _TITLE_META)
    if not title:
        heading = next(tree.iter("h1"), None)
        title = heading.text_content() if heading is not None else None
    if not title:
        element = next(tree.iter("title"), None)
        title = _strip_site_name(element.text_content(), outlet) if element is not None else None
    title = " ".join(title.split()) if title else None
    return title or None


def _strip_site_name(title: str, outlet: Optional[str]) -> str:
    """'Headline | Site' -> 'Headline': the tail is the outlet, or short after a headline-length head."""
    for separator in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if not found or not head.strip():
            continue
        if (outlet and tail.strip().casefold() == outlet.casefold()) or (
            len(head.split()) >= 4 and len(tail.split()) <= 4
        ):
            return head.strip()
    return title
