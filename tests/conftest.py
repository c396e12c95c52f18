"""Shared fixtures: where ../shared is, and a CLI runner.

Tests read the real seed articles and evaluation sets from ``../shared`` (CI
has it beside the checkout); without it those tests are skipped, never faked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def seeds_jsonl(shared) -> Path:
    return shared / "corpus" / "seeds.jsonl"
