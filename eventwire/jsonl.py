"""JSON Lines in and out, streamed, with bad lines reported rather than fatal."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any

from .errors import InputError


@contextmanager
def open_input(path: str):
    """A text stream for ``path`` (``-`` is stdin); a missing file raises :class:`InputError`."""
    if path == "-":
        yield sys.stdin
        return
    try:
        handle = open(path, encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(f"{path}: cannot open ({exc.strerror})") from None
    with handle:
        yield handle


@contextmanager
def open_output(path: str | None):
    """A text stream for ``path`` (None or ``-`` is stdout)."""
    if path in (None, "-"):
        yield sys.stdout
        return
    try:
        handle = open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from None
    with handle:
        yield handle


def read_records(
    stream: IO[str], name: str, on_error: Callable[[str], None], required: tuple[str, ...] = ("id", "text")
) -> Iterator[dict[str, Any]]:
    """Dicts from a JSON Lines stream; a line that is not a JSON object with ``required`` keys is reported and skipped."""
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            on_error(f"{name}:{number}: not valid JSON ({exc.msg})")
            continue
        if not isinstance(record, dict):
            on_error(f"{name}:{number}: expected a JSON object, got {type(record).__name__}")
            continue
        missing = [key for key in required if record.get(key) in (None, "")]
        if missing:
            on_error(f"{name}:{number}: missing {', '.join(missing)}")
            continue
        yield record


def write_records(records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    """Write dicts as JSON Lines; returns how many were written."""
    count = 0
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
