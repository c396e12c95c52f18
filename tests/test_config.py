"""Settings: defaults, a TOML file on top, options on top of that, clear errors."""

from __future__ import annotations

import pytest

from eventwire.config import Settings, load_settings, parse_override
from eventwire.errors import ConfigError


def test_defaults_then_file_then_overrides(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text("[eventwire]\nbatch_size = 8\nincident_km = 50\n")
    settings = load_settings(path, {"batch_size": 4, "workers": None})
    assert settings.batch_size == 4 and settings.incident_km == 50.0
    assert settings.workers == Settings().workers


def test_unknown_setting_is_named(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text("batch_sise = 8\n")
    with pytest.raises(ConfigError, match="batch_sise"):
        load_settings(path)


def test_wrong_type_and_bad_toml(tmp_path):
    with pytest.raises(ConfigError, match="wants a int"):
        load_settings(None, {"batch_size": "many"})
    path = tmp_path / "bad.toml"
    path.write_text("batch_size = = 3")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(path)


def test_override_values_are_read_as_toml():
    assert parse_override("batch_size=64") == ("batch_size", 64)
    assert parse_override("engine=ray") == ("engine", "ray")
    with pytest.raises(ConfigError):
        parse_override("batch_size")
