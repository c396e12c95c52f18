"""Engines run :class:`~eventwire.pipeline.Processor` over batches of articles.

``local`` works in this process (``workers=1``) or in a pool of processes, each
loading the models once.  ``ray`` (an optional extra) runs the same function as
Ray tasks.  Every engine yields results in input order, so stored output does
not depend on the engine.
"""

from __future__ import annotations

from ..config import Settings
from ..errors import ConfigError
from .local import LocalEngine


def make_engine(settings: Settings):
    """The engine named by ``settings.engine``."""
    if settings.engine == "local":
        return LocalEngine(settings)
    if settings.engine == "ray":
        from .ray import RayEngine

        return RayEngine(settings)
    raise ConfigError(f"unknown engine '{settings.engine}' (choose local or ray)")
