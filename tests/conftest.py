"""Shared fixtures: where ../shared is, and a CLI runner.

Tests read the real seed articles and evaluation sets from ``../shared`` (CI
has it beside the checkout); without it those tests are skipped, never faked.
"""

from __future__ import annotations

import json
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
def at_least_baseline():
    """Check an evaluation's figures against ``tests/baselines/NAME.json``: none may fall more than 0.02."""

    def check(figures: dict, name: str) -> None:
        baseline = json.loads((REPO / "tests" / "baselines" / f"{name}.json").read_text(encoding="utf-8"))
        for key, measured in baseline.items():
            assert figures[key] >= measured - 0.02, f"{key} fell to {figures[key]:.3f} (baseline {measured:.3f})"

    return check


@pytest.fixture(scope="session")
def seeds_jsonl(shared) -> Path:
    return shared / "corpus" / "seeds.jsonl"
