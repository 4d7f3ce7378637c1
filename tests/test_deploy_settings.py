"""Production settings: `check --deploy` is clean with DEBUG off, every page carries the Content
Security Policy, plain http is redirected, each setting follows its environment variable with safe
defaults, and the admin can be switched off."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse

from config.env import env_int


def _manage(*args: str, tmp_path, **env) -> subprocess.CompletedProcess:
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "shortlist.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_with_debug_off_and_a_real_key_prints_no_warning(tmp_path):
    result = _manage("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr and "security." not in result.stdout + result.stderr


def test_every_page_carries_a_policy_without_inline_script(client, paula):
    client.force_login(paula)
    for url in (reverse("rfp:list"), reverse("accounts:login"), "/no/such/page/"):
        policy = client.get(url)["Content-Security-Policy"]
        script = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
        assert "'self'" in script and "unsafe-inline" not in script and "unsafe-eval" not in script
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_plain_http_is_sent_to_https_in_production(client):
    with override_settings(SECURE_SSL_REDIRECT=True):
        reply = client.get(reverse("accounts:login"))
    assert reply.status_code == 301 and reply["Location"].startswith("https://")


def _settings(tmp_path, *names: str, **env) -> dict:
    """The named settings as a separate process reads them from this environment."""
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {names!r}}}))"
    )
    result = _manage("shell", "-c", code, tmp_path=tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


HTTPS_SETTINGS = (
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_PROXY_SSL_HEADER",
)


def test_with_debug_off_https_is_on_by_default_and_the_proxy_header_is_not_trusted(tmp_path):
    assert _settings(tmp_path, *HTTPS_SETTINGS) == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_PROXY_SSL_HEADER": None,
    }


def test_development_runs_on_plain_http(tmp_path):
    values = _settings(tmp_path, *HTTPS_SETTINGS, DEBUG="1")
    assert not values["SECURE_SSL_REDIRECT"] and values["SECURE_HSTS_SECONDS"] == 0
    assert not values["SESSION_COOKIE_SECURE"] and not values["CSRF_COOKIE_SECURE"]


def test_each_setting_follows_its_environment_variable(tmp_path):
    values = _settings(
        tmp_path,
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_PROXY_SSL_HEADER",
        "AXES_FAILURE_LIMIT",
        "AXES_COOLOFF_TIME",
        "SESSION_COOKIE_AGE",
        "TRUSTED_PROXY_COUNT",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="3600",
        SECURE_HSTS_PRELOAD="no",
        SECURE_PROXY_SSL_HEADER="1",
        LOGIN_FAILURE_LIMIT="5",
        LOGIN_LOCKOUT_MINUTES="90",
        SESSION_IDLE_MINUTES="15",
        TRUSTED_PROXY_COUNT="1",
    )
    assert values == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 3600,
        "SECURE_HSTS_PRELOAD": False,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "AXES_FAILURE_LIMIT": 5,
        "AXES_COOLOFF_TIME": 1.5,
        "SESSION_COOKIE_AGE": 15 * 60,
        "TRUSTED_PROXY_COUNT": 1,
    }


@pytest.mark.parametrize(
    "name,value", [("LOGIN_FAILURE_LIMIT", "0"), ("LOGIN_LOCKOUT_MINUTES", "0"), ("SESSION_IDLE_MINUTES", "-5")]
)
def test_a_value_that_would_disable_a_protection_stops_the_start_with_its_name(tmp_path, name, value):
    result = _manage("check", tmp_path=tmp_path, **{name: value})
    assert result.returncode != 0 and name in result.stderr


def test_numbers_below_their_minimum_are_refused(monkeypatch):
    monkeypatch.setenv("SHORTLIST_N", "0")
    with pytest.raises(ImproperlyConfigured, match="SHORTLIST_N must be 1 or more"):
        env_int("SHORTLIST_N", 20, minimum=1)
    monkeypatch.setenv("SHORTLIST_N", "1")
    assert env_int("SHORTLIST_N", 20, minimum=1) == 1


@pytest.mark.parametrize("enabled,status", [(False, 404), (True, 302)])
def test_the_admin_can_be_switched_off(tmp_path, enabled, status):
    """Asked over http in a separate process, which builds its URLs from its own environment:
    switched off, /admin/ is a plain 404; on, it sends an anonymous visitor to the admin's login."""
    result = _manage(
        "shell",
        "-c",
        "from django.test import Client; print('status', Client().get('/admin/').status_code)",
        tmp_path=tmp_path,
        ADMIN_ENABLED="1" if enabled else "0",
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="testserver",
    )
    assert f"status {status}" in result.stdout, result.stdout + result.stderr
