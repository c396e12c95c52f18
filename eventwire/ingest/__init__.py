"""Readers, cleaning and metadata: files and folders in, clean :class:`Article` records out.

Contract: ``iter_articles(paths, settings, on_reject)`` streams articles from
files and folders (.txt, .html/.htm, .jsonl); every input that cannot be read
is reported once through ``on_reject(Rejected(path, reason))`` and skipped, and
nothing raises for bad input.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..config import Settings
from ..records import Article, Rejected

# PLACEHOLDER: minimal reader, replaced by the full ingest package.


def iter_articles(paths: Iterable[str], settings: Settings, on_reject: Callable[[Rejected], None]) -> Iterator[Article]:
    for raw in paths:
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.suffix == ".jsonl":
                for line in file.read_text(encoding="utf-8").splitlines():
                    rec = json.loads(line)
                    yield Article(id=rec["id"], text=rec["text"], outlet=rec.get("outlet"),
                                  published=rec.get("published"), url=rec.get("url"), title=rec.get("title"),
                                  published_source="record" if rec.get("published") else None)
            elif file.suffix == ".txt":
                text = file.read_text(encoding="utf-8")
                yield Article(id=hashlib.sha1(text.encode()).hexdigest()[:16], text=text, source_path=str(file))
            else:
                on_reject(Rejected(str(file), "unsupported file type"))
