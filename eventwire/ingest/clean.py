"""Page furniture out, paragraphs in: the line-level cleaning of an article's text.

Text is cut into *units* (candidate paragraphs), and each unit is matched
against general patterns of boilerplate rather than any one site's strings:
newsletter and donation pleas, bracketed banners, share buttons, copyright
and reprint notices, credit lines ("With reporting by ..."), source links,
lone agency tags ("(AP)") and "Related Links" lists.  Trailer lines that close
a story are remembered, because a headline right after one starts a new story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dateline import parse_byline, parse_dateline

# Page furniture anywhere on a page: dropped, says nothing about story boundaries.
_FURNITURE = re.compile(
    r"(?:"
    r"advertisement|advertising|sponsored(?: content)?|skip to (?:main )?content|loading\W*|menu|close"
    r"|share(?: this)?(?: (?:article|story|page|on \w+))?|tweet|print(?: this)?(?: article| page)?"
    r"|e-?mail(?: this)?(?: article| story)?|comments?(?: on this article)?|\d+ comments?"
    r"|listen to (?:this )?(?:article|story)\b.*|click here\b.*|(?:file )?(?:photo|image|picture)(?: credit)?\s*:.*"
    r"|(?:tags?|topics?|filed under|categories?)\s*:.*"
    r"|\[[^\[\]]{1,80}\]"
    r"|[\W_]+"
    r")$",
    re.IGNORECASE,
)
# Photo captions: a paragraph that ends with its credit, "(AP Photo/Name)" or "Picture: Name."
_CAPTION = re.compile(
    r"(?:\((?:[\w.&/-]+ )?(?:photo|photograph|image|picture|file)\b[^()]{0,60}\)"
    r"|\b(?:photo|picture|image|credit)s?:\s*[A-Z][^.:]{0,60}\.?)$",
    re.IGNORECASE,
)
# Breadcrumbs and menus: short items separated by | > >> or bullets.
_SEPARATORS = "|\u203a\u00bb>\u00b7\u2022"
_BREADCRUMB = re.compile(rf"[^{_SEPARATORS}\s][^{_SEPARATORS}]{{0,30}}(?:\s[{_SEPARATORS}]\s[^{_SEPARATORS}]{{1,30}}){{1,8}}$")
# Pleas to subscribe, follow or donate; only short lines or lines that are not sentences,
# so a news paragraph that mentions a newsletter or an update is kept.
_PLEA_START = re.compile(
    r"(?:(?:sign up|signup|register|join|follow|like|get)\s.*\b(?:newsletters?|mailing list|updates|alerts|"
    r"us on \w+|our \w+ channel|free)\b|subscribe\b)",
    re.IGNORECASE,
)
_PLEA_ANYWHERE = re.compile(r"\b(?:make a (?:charitable )?donation|donate (?:now|today|here|to us))\b", re.IGNORECASE)
_MAX_PLEA_SENTENCE_CHARS = 100
# Wire agencies whose bare name on a line of its own closes a story ("Reuters").
_AGENCIES = (
    r"AP|AFP|UPI|Reuters|Associated Press|Agence France[- ]Presse|dpa|Xinhua|Anadolu(?: Agency)?|AA|TASS|"
    r"RIA Novosti|Interfax|EFE|ANSA|Kyodo|Yonhap|Bernama|PTI|IANS|ANI|IRNA|SANA|KUNA|WAM|SPA|QNA|MENA|Bloomberg|"
    r"CNN|BBC|ESTA|RFE/RL"
)
# Lines that close a story: dropped, and a headline after one may open the next story.
_TRAILER_START = re.compile(
    r"(?:"
    r"(?:copyright\b|\u00a9|\(c\)\s*\d{4}).*"
    r"|\(?(?:with |additional )?(?:reporting|writing|editing|compiled|translated|translation|research)"
    r"(?: and \w+)? by\b.*"
    r"|(?:source|sources|original(?: article)?|read the original(?: article)?|via)\s*:?\s*(?:https?://|www\.).*"
    r"|(?:https?://|www\.)\S+"
    rf"|[-\u2014\u2013]*\s*\(?(?:{_AGENCIES})\)?\.?"
    r"|\([A-Z][\w/&.-]*(?: [A-Z][\w/&.-]*){0,2}\)"
    r")$",
    re.IGNORECASE,
)
_TRAILER_ANYWHERE = re.compile(
    r"\b(?:all rights reserved|reprinted with (?:the )?permission|may not be (?:re)?published|redistributed without)\b",
    re.IGNORECASE,
)
# Headers of the link lists at the foot of a story ("Related Links").
_LINKS_HEADER = re.compile(
    r"(?:related(?: (?:links|articles|stories|coverage|content|news|topics|reading))?|read more|more (?:on this( story)?|"
    r"from \w+|stories|news|like this)|see also|you (?:may|might) also like|recommended(?: for you)?|"
    r"most (?:read|popular|viewed)|top stories|latest news)\s*:?$",
    re.IGNORECASE,
)
_MAX_LINKS_HEADER_CHARS = 40
_MULTISPACE = re.compile(r" {2,}")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# "Service. Drivers": a full stop after a lower-case word, then a capital ("U.S. Defends" does not match).
_INNER_SENTENCE_END = re.compile(r"[a-z]{2}[.!?]\s+[A-Z]")
_CLOSERS = "'\")]\u201d\u2019 "
_SENTENCE_END = frozenset(".!?:;,\u2026")
BODY_MIN_CHARS = 120  # a unit this long is running text even without a final full stop
_MAX_FURNITURE_CHARS = 300
_MIN_WRAPPED_LINES = 3
_MIN_WRAPPED_WIDTH = 40


@dataclass(slots=True)
class Unit:
    """A candidate paragraph; ``after_trailer`` says a story-closing line came right before it."""

    text: str
    after_trailer: bool = False


def is_sentence_end(text: str) -> bool:
    """True when ``text`` ends like a sentence (closing quotes and brackets allowed)."""
    return text.rstrip(_CLOSERS)[-1:] in _SENTENCE_END


def is_headline_like(text: str) -> bool:
    """A short line, capitalised, without sentence-final punctuation: a headline or a link title."""
    words = text.split()
    return (
        1 < len(words) <= 25
        and len(text) <= 200
        and (text[0].isupper() or text[0].isdigit() or text[0] in "\"'")
        and not is_sentence_end(text)
        and _INNER_SENTENCE_END.search(text) is None
    )


def split_units(text: str) -> list[str]:
    """Candidate paragraphs, whitespace-collapsed.

    Lines are paragraphs, unless the text is hard-wrapped (blank lines between
    blocks whose inner lines mostly stop mid-sentence), in which case each block
    is joined into one paragraph.
    """
    blocks = [[_MULTISPACE.sub(" ", line.strip()) for line in block.split("\n")] for block in _BLANK_LINE.split(text)]
    blocks = [[line for line in block if line] for block in blocks]
    blocks = [block for block in blocks if block]
    if _is_hard_wrapped(blocks):
        return [" ".join(block) for block in blocks]
    return [line for block in blocks for line in block]


def _is_hard_wrapped(blocks: list[list[str]]) -> bool:
    """Most lines sit inside blocks, are of prose length and stop mid-sentence."""
    inner = [line for block in blocks if len(block) > 1 for line in block[:-1]]
    total = sum(len(block) for block in blocks)
    if len(blocks) < 2 or len(inner) < _MIN_WRAPPED_LINES or len(inner) * 3 < total:
        return False
    open_ended = sum(1 for line in inner if not is_sentence_end(line))
    lengths = sorted(len(line) for line in inner)
    return open_ended / len(inner) > 0.5 and lengths[len(lengths) // 2] >= _MIN_WRAPPED_WIDTH


def clean_units(units: list[str]) -> list[Unit]:
    """Drop boilerplate units and the link lists after a 'Related Links' header.

    Inside a link list, short lines without sentence punctuation are link titles
    and are dropped; the list ends at the first sentence-like unit, or at a short
    unit followed by one (the headline of a next story).
    """
    kept: list[Unit] = []
    trailer = False
    in_links = False
    for index, text in enumerate(units):
        kind = classify(text)
        if kind == "furniture":
            continue
        if kind in ("trailer", "links"):
            trailer = True
            in_links = in_links or kind == "links"
            continue
        if in_links and _is_link_title(units, index):
            continue
        in_links = False
        kept.append(Unit(text, after_trailer=trailer))
        trailer = False
    return kept


def classify(text: str) -> str:
    """'furniture', 'trailer', 'links' or 'text' for one unit.

    Cheap tests come first: long units are prose, and the anchored patterns
    fail on the first characters of an ordinary sentence.
    """
    if len(text) > _MAX_FURNITURE_CHARS:
        return "text"
    if len(text) <= _MAX_LINKS_HEADER_CHARS and _LINKS_HEADER.match(text):
        return "links"
    if _TRAILER_START.match(text) or _TRAILER_ANYWHERE.search(text):
        return "trailer"
    if _FURNITURE.match(text) or _CAPTION.search(text[-80:]):
        return "furniture"
    if any(sep in text for sep in _SEPARATORS) and _BREADCRUMB.match(text) and parse_byline(text) is None:
        return "furniture"
    if (_PLEA_START.match(text) or _PLEA_ANYWHERE.search(text)) and (
        len(text) <= _MAX_PLEA_SENTENCE_CHARS or not is_sentence_end(text)
    ):
        return "furniture"
    return "text"


def is_body(text: str) -> bool:
    """A unit of running text: it ends like a sentence or is too long for a headline or a link."""
    return is_sentence_end(text) or len(text) >= BODY_MIN_CHARS


def _is_link_title(units: list[str], index: int) -> bool:
    """A short unit in a link list, unless it heads a next story (body text or a dateline follows)."""
    text = units[index]
    if is_body(text) or parse_dateline(text) is not None:
        return False
    following = next((u for u in units[index + 1:] if classify(u) == "text"), None)
    if following is None:
        return True
    heads_story = parse_dateline(following) is not None or (
        is_sentence_end(following) and len(following) >= BODY_MIN_CHARS)
    return not heads_story
