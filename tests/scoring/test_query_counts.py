"""The evaluation pages run the same number of queries with 5 vendors as with 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from scoring.management.commands.seed_scale import build_scale_rfp
from scoring.models import Assignment


def _count(client, url: str, method: str = "get", data=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data or {})
    assert response.status_code == 200, response.status_code
    return len(queries)


@pytest.fixture
def two_sizes(db):
    small = build_scale_rfp(vendors=5, questions=24, evaluators=2, reference="QC-SMALL")
    large = build_scale_rfp(vendors=50, questions=24, evaluators=2, reference="QC-LARGE")
    return small, large


def _users(rfp):
    prefix = rfp.reference.lower()
    return User.objects.get(username=f"{prefix}-procurement"), User.objects.get(username=f"{prefix}-evaluator-1")


PAGES = [
    ("procurement", "scoring:overview", "get"),
    ("procurement", "scoring:ranking", "get"),
    ("procurement", "scoring:moderation", "get"),
    ("procurement", "scoring:what_if", "post"),
    ("procurement", "scoring:ahp", "get"),
    ("evaluator", "scoring:overview", "get"),
    ("evaluator", "scoring:conflicts", "get"),
]


@pytest.mark.parametrize("who, url_name, method", PAGES)
def test_a_page_runs_as_many_queries_for_50_vendors_as_for_5(client, two_sizes, who, url_name, method):
    counts = []
    for rfp in two_sizes:
        procurement, evaluator = _users(rfp)
        client.force_login(procurement if who == "procurement" else evaluator)
        data = {"show": "all"} if url_name == "scoring:moderation" else None
        url = reverse(url_name, kwargs={"ref": rfp.reference})
        if url_name == "scoring:moderation":
            url += "?show=all"
        counts.append(_count(client, url, method, data))
    assert counts[0] == counts[1]


def test_the_scoring_sheet_runs_as_many_queries_for_50_vendors_as_for_5(client, two_sizes):
    counts = []
    for rfp in two_sizes:
        _procurement, evaluator = _users(rfp)
        section = Assignment.objects.filter(evaluator=evaluator, section__rfp=rfp).first().section
        for submitted in (False, True):  # the draft sheet and the sheet with the others' scores
            Assignment.objects.filter(evaluator=evaluator).update(
                submitted_at=None if not submitted else section.rfp.created_at
            )
            client.force_login(evaluator)
            url = reverse("scoring:section", kwargs={"ref": rfp.reference, "section_id": section.pk})
            counts.append((submitted, _count(client, url)))
    assert counts[0] == counts[2] and counts[1] == counts[3]


def test_ranking_for_rfp_reads_in_a_fixed_number_of_queries(two_sizes, django_assert_max_num_queries):
    from scoring.selectors import ranking_for_rfp

    for rfp in two_sizes:
        with django_assert_max_num_queries(10):
            ranking = ranking_for_rfp(rfp)
        assert not ranking.error and len(ranking.rows) in (5, 50)
