"""Settings come from the environment through strict readers that refuse malformed values."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str, env_timezone


def test_a_missing_required_variable_stops_the_start_with_its_name(monkeypatch):
    monkeypatch.delenv("SHORTLIST_X", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SHORTLIST_X"):
        env_str("SHORTLIST_X")


@pytest.mark.parametrize("raw,expected", [("1", True), ("true", True), ("Off", False), ("no", False)])
def test_booleans_accept_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("SHORTLIST_FLAG", raw)
    assert env_bool("SHORTLIST_FLAG") is expected


def test_a_typo_in_a_boolean_is_refused_rather_than_guessed(monkeypatch):
    monkeypatch.setenv("SHORTLIST_FLAG", "ture")
    with pytest.raises(ImproperlyConfigured, match="SHORTLIST_FLAG"):
        env_bool("SHORTLIST_FLAG")


def test_lists_refuse_empty_items(monkeypatch):
    monkeypatch.setenv("SHORTLIST_HOSTS", "a.example,,b.example")
    with pytest.raises(ImproperlyConfigured):
        env_list("SHORTLIST_HOSTS", [])
    monkeypatch.setenv("SHORTLIST_HOSTS", "a.example, b.example")
    assert env_list("SHORTLIST_HOSTS", []) == ["a.example", "b.example"]


def test_numbers_and_time_zones_are_checked(monkeypatch):
    monkeypatch.setenv("SHORTLIST_N", "12x")
    with pytest.raises(ImproperlyConfigured):
        env_int("SHORTLIST_N", 1)
    monkeypatch.setenv("SHORTLIST_TZ", "Mars/Olympus")
    with pytest.raises(ImproperlyConfigured):
        env_timezone("SHORTLIST_TZ", "UTC")
    monkeypatch.setenv("SHORTLIST_TZ", "Asia/Jerusalem")
    assert env_timezone("SHORTLIST_TZ", "UTC") == "Asia/Jerusalem"


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; django.setup()",
        ],
        env={"PATH": "/usr/bin:/bin", "DEBUG": "0"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
