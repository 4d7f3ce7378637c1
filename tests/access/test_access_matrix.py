"""Walks the URL resolver: every URL has a case, and every case holds for every persona."""

import importlib
import json
import pkgutil
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.access.matrix import PERSONAS, Case

SKIPPED_NAMESPACES = {"admin"}  # Django's admin has its own staff-only checks


def _collect_cases() -> dict[str, Case]:
    cases: dict[str, Case] = {}
    root = Path(tests.__file__).parent
    for module_info in pkgutil.walk_packages([str(root)], prefix="tests."):
        if module_info.name.rsplit(".", 1)[-1].startswith("access_cases"):
            module = importlib.import_module(module_info.name)
            for case in module.CASES:
                assert case.url_name not in cases, f"two cases for {case.url_name}"
                cases[case.url_name] = case
    return cases


def _url_names(resolver=None, namespace: str = "") -> list[str]:
    names = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names += _url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.append(f"{namespace}{entry.name}")
    return names


CASES = _collect_cases()


def test_every_url_has_an_access_case():
    missing = sorted(set(_url_names()) - set(CASES))
    assert not missing, f"URLs without an access-matrix case: {missing}"


def test_every_case_names_a_real_url():
    stale = sorted(set(CASES) - set(_url_names()))
    assert not stale, f"access cases for URLs that no longer exist: {stale}"


def _request(client, method: str, url: str, data: dict, api: bool = False):
    if method == "get":
        return client.get(url)
    if api and not any(hasattr(value, "read") for value in data.values()):  # files go as multipart
        return getattr(client, method)(url, json.dumps(data), content_type="application/json")
    return client.post(url, data)


@pytest.mark.parametrize("url_name", sorted(CASES))
def test_only_allowed_personas_reach_the_url(url_name, world, client, settings):
    case = CASES[url_name]
    if case.prepare:
        case.prepare(world)
    url = reverse(url_name, kwargs=case.kwargs(world))
    failures = []
    for method in case.methods:
        client.logout()
        response = _request(client, method, url, case.data(world), case.api)
        if case.public:
            if response.status_code >= 500 or response.status_code in (403, 404):
                failures.append(f"anonymous {method.upper()} got {response.status_code} on a public URL")
        elif case.api:
            if response.status_code != 401:
                failures.append(f"anonymous {method.upper()} got {response.status_code}, not 401")
        elif response.status_code != 302 or settings.LOGIN_URL.split(":")[-1] not in response.url:
            failures.append(f"anonymous {method.upper()} got {response.status_code}, not the login page")
        for persona in PERSONAS:
            client.force_login(world.users[persona])
            response = _request(client, method, url, case.data(world), case.api)
            allowed = persona in case.allowed or case.public
            expected = case.expected_status(method) if allowed else 404
            if response.status_code != expected:
                failures.append(f"{persona} {method.upper()} got {response.status_code}, expected {expected}")
    assert not failures, f"{url_name} ({url}): " + "; ".join(failures)
