"""Production settings: `check --deploy` is clean with DEBUG off, every page carries the Content
Security Policy, plain http is redirected, and the admin can be switched off."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import clear_url_caches, reverse


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


@pytest.mark.parametrize("enabled", [False, True])
def test_the_admin_can_be_switched_off(client, enabled, tmp_path):
    result = _manage(
        "shell",
        "-c",
        "from django.urls import resolve, Resolver404\n"
        "try:\n    resolve('/admin/'); print('admin on')\nexcept Resolver404:\n    print('admin off')",
        tmp_path=tmp_path,
        ADMIN_ENABLED="1" if enabled else "0",
    )
    assert ("admin on" if enabled else "admin off") in result.stdout, result.stderr
    clear_url_caches()
