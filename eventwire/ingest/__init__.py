"""Readers, cleaning and metadata: files and folders in, clean :class:`Article` records out.

Contract: ``iter_articles(paths, settings, on_reject)`` streams articles from
files and folders (.txt, .html/.htm, .jsonl, .json); every input that cannot
be read is reported once through ``on_reject(Rejected(path, reason))`` and
skipped, and nothing raises for bad input.

Modules: ``readers`` (files, formats, article assembly), ``encoding`` (bytes to
repaired text), ``clean`` (boilerplate), ``dateline`` (datelines, bylines,
dates), ``split`` (headlines and several stories in one text), ``html``.
"""

from .readers import iter_articles

__all__ = ["iter_articles"]
