"""The command line as a user meets it: help with examples, one-line errors, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main

COMMANDS = ["run", "export", "show", "classify", "geoparse", "dates", "stories", "eval", "bench"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and "eventwire" in result.output


def test_top_level_help_has_an_example():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0 and "eventwire run examples/" in result.output


def test_a_broken_database_is_one_line_not_a_traceback(tmp_path):
    bad = tmp_path / "x.duckdb"
    bad.write_bytes(b"garbage" * 1000)
    result = CliRunner().invoke(main, ["export", "--db", str(bad)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert str(bad) in result.output and "cannot open" in result.output


def test_a_bad_setting_is_named(tmp_path):
    result = CliRunner().invoke(main, ["run", "x.txt", "--db", str(tmp_path / "d.duckdb"), "--set", "batch_sise=3"])
    assert result.exit_code == 2
    assert "batch_sise" in result.output and "Traceback" not in result.output


def test_bad_json_lines_are_reported_and_skipped(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "1", "text": "2021-06-27"}\n{"id": 2, "text"\n[1, 2]\n{"id": "3"}\n')
    result = CliRunner().invoke(main, ["dates", str(source)])
    assert result.exit_code == 1
    assert "in.jsonl:2: not valid JSON" in result.output
    assert "in.jsonl:3: expected a JSON object" in result.output
    assert "in.jsonl:4: missing text" in result.output


def test_a_database_out_of_memory_says_which_setting_to_raise(tmp_path):
    """A cap too small for the run's budgets is the user's to change: one line naming it, no traceback."""
    db = tmp_path / "x.duckdb"
    examples = str(Path(__file__).parent.parent / "examples")
    result = CliRunner().invoke(main, ["run", examples, "--db", str(db), "--workers", "1", "--quiet",
                                       "--set", "db_memory_mb=6"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "ran out of memory under its cap of 6MB" in result.output and "db_memory_mb" in result.output
