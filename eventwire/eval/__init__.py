"""Scorers for the seeds and the public evaluation sets, behind one entry point.

Each scorer module has ``evaluate(path, settings, **options) -> Report``; the
figures in a report are what the accuracy floors in ``tests/`` check.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Optional

from ..config import Settings
from ..errors import EventwireError

SCORERS = {
    "seeds": "seeds",
    "timebank": "timebank",
    "geowebnews": "geowebnews",
    "ecbplus": "ecbplus",
    "classifier": "classifier",
}


@dataclass
class Report:
    """Figures (flat name -> number) and the table a person reads."""

    figures: dict[str, Any] = field(default_factory=dict)
    text: str = ""


def run_evaluation(name: str, path: Optional[str], settings: Settings, **options) -> Report:
    """Score ``name`` on the data at ``path`` (each scorer knows its default where it has one)."""
    if name not in SCORERS:
        raise EventwireError(f"unknown evaluation '{name}' (choose {', '.join(SCORERS)})")
    module = importlib.import_module(f"eventwire.eval.{SCORERS[name]}")
    if path is None and not getattr(module, "HAS_DEFAULT_DATA", False):
        raise EventwireError(f"eval {name} needs --gold PATH (the data set)")
    return module.evaluate(path, settings, **options)


def format_table(rows: list[tuple[str, Any]], title: str) -> str:
    """A two-column text table: figure name, value (floats to 3 places)."""
    width = max((len(name) for name, _ in rows), default=10)
    lines = [title, "-" * len(title)]
    for name, value in rows:
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        lines.append(f"{name.ljust(width)}  {shown}")
    return "\n".join(lines)
