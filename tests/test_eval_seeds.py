"""Accuracy floor on the seeds: the figures in tests/baselines/seeds.json can only go down on purpose.

The run is real (ingest, parse, extract, resolve, fuse, export); the answer key
is ../shared/gold/seeds.yaml.  To raise a floor after an improvement, run
``eventwire eval seeds --gold ../shared/gold/seeds.yaml --json`` and copy the
new figures into the baseline file in the same commit.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.config import Settings
from eventwire.eval import run_evaluation

BASELINE = json.loads((Path(__file__).parent / "baselines" / "seeds.json").read_text())
TOLERANCE = 0.02


@pytest.fixture(scope="module")
def figures(shared):
    return run_evaluation("seeds", str(shared / "gold" / "seeds.yaml"), Settings()).figures


@pytest.mark.parametrize("name", sorted(k for k, v in BASELINE.items() if isinstance(v, float)))
def test_rate_does_not_fall_below_its_floor(figures, name):
    assert figures[name] >= BASELINE[name] - TOLERANCE, f"{name}: {figures[name]:.3f} < floor {BASELINE[name]:.3f}"


@pytest.mark.parametrize("name", sorted(k for k, v in BASELINE.items() if v is True))
def test_check_that_passed_still_passes(figures, name):
    assert figures[name] is True


def test_splits_do_not_grow(figures):
    assert figures["splits"] <= BASELINE["splits"]
