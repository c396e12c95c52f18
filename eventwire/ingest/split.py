"""One text, one or more stories: headline, byline, dateline and the cut between stories.

Pages often hold more than one story (a site's page with an AFP story and a
UPI story under it, or one wire story pasted after another).  A new story
starts at a dateline with an agency or a date (``Washington DC (UPI) Jan 23,
2024 -``), taking the headline line just before it, or at a headline-like
line right after a line that closes a story (a lone "(AP)", a copyright or
credit line).  Ordinary short lines (sub-headings, quotes) never cut, and a
cut is only made when both sides hold a story's worth of text (the story
before it at least two paragraphs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..records import Dateline
from .clean import Unit, is_body, is_headline_like
from .dateline import is_strong_dateline, parse_byline, parse_dateline

_BYLINE_WINDOW = 3  # bylines and 'Published:' stamps are looked for in a story's first units
_MIN_STORY_PARAGRAPHS = 2  # a lone paragraph before a dateline is a caption or a teaser, not a story


@dataclass(slots=True)
class Story:
    """One story's paragraphs and the metadata found in its opening lines."""

    paragraphs: list[str]
    title: Optional[str] = None
    dateline: Optional[Dateline] = None
    byline_date: Optional[str] = None


def split_stories(units: list[Unit], min_chars: int, known_title: Optional[str] = None) -> list[Story]:
    """Cut ``units`` into stories and read each one's headline, byline and dateline.

    ``known_title`` (from a record or HTML metadata) is dropped from the top of
    the first story when the text repeats it.
    """
    stories = []
    for number, group in enumerate(_group(units, min_chars)):
        story = _shape(group, known_title if number == 0 else None)
        if story.paragraphs:
            stories.append(story)
    return stories


def _group(units: list[Unit], min_chars: int) -> list[list[str]]:
    """Unit texts grouped by story; see the module docstring for where cuts go."""
    body = [len(u.text) if is_body(u.text) else 0 for u in units]
    after = [0] * (len(units) + 1)
    for index in range(len(units) - 1, -1, -1):
        after[index] = after[index + 1] + body[index]
    groups: list[list[str]] = [[]]
    group_body = group_paragraphs = 0
    for index, unit in enumerate(units):
        whole = group_body >= min_chars and group_paragraphs >= _MIN_STORY_PARAGRAPHS and after[index] >= min_chars
        cut = _cut_at(units, index) if whole else None
        if cut is not None:
            groups.append([groups[-1].pop()] if cut < index else [])  # the headline moves with its story
            group_body = group_paragraphs = 0
        groups[-1].append(unit.text)
        group_body += body[index]
        group_paragraphs += body[index] > 0
    return [group for group in groups if group]


def _cut_at(units: list[Unit], index: int) -> Optional[int]:
    """Where a new story starts if one starts at ``units[index]`` (there, or at the headline before), else None."""
    unit = units[index]
    found = parse_dateline(unit.text)
    if found is not None and is_strong_dateline(found[0]):
        previous = units[index - 1] if index else None
        if previous is not None and not previous.after_trailer and is_headline_like(previous.text):
            return index - 1
        return index
    if unit.after_trailer and is_headline_like(unit.text) and index + 1 < len(units):
        following = units[index + 1].text
        if is_body(following) or parse_dateline(following) is not None:
            return index
    return None


def _shape(group: list[str], known_title: Optional[str]) -> Story:
    """Take the headline, bylines and dateline off the top of one story's units."""
    units = list(group)
    story = Story(paragraphs=units)
    if units and known_title and units[0].casefold() == known_title.casefold():
        story.title = units.pop(0)
    elif len(units) > 1 and _is_title(units[0]):
        story.title = units.pop(0)
    _take_bylines(story)
    _take_dateline(story)
    return story


def _is_title(text: str) -> bool:
    return is_headline_like(text) and parse_byline(text) is None and parse_dateline(text) is None


def _take_bylines(story: Story) -> None:
    """Remove bylines and 'Published: <date>' stamps near the top, keeping the first date they give."""
    units = story.paragraphs
    index = 0
    while index < min(_BYLINE_WINDOW, len(units)):
        found = parse_byline(units[index]) if len(units[index]) <= 160 else None
        if found is None:
            index += 1
            continue
        if story.byline_date is None:
            story.byline_date = found[1]
        del units[index]


def _take_dateline(story: Story) -> None:
    """Read the dateline opening the first paragraph; a dateline on a line of its own joins the next paragraph."""
    units = story.paragraphs
    if not units:
        return
    found = parse_dateline(units[0])
    if found is None:
        return
    dateline, end = found
    if not units[0][end:].strip() and len(units) > 1:
        units[0:2] = [f"{dateline.text} {units[1]}"]
    story.dateline = dateline
