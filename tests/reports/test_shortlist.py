"""Choosing, saving and publishing the shortlist: through the services and through the page."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from reports import selectors, services
from reports.models import Shortlist
from rfp.models import AuditEntry, Question, Status
from scoring.models import Score
from vendors.models import Answer

RATIONALE = "Harbor and Vistula lead on attrition and security; Coral is cheapest but breaks the benchmarks."


def ids(rfp, *names):
    return [rfp.vendors_by_name[name].pk for name in names]


def test_the_suggestions_start_from_the_top_vendors_or_a_threshold_and_skip_knockouts(evaluated):
    ranking = selectors.report_ranking(evaluated)
    atlas = evaluated.vendors_by_name["Atlas Multilingual Services"].pk
    assert selectors.suggest_top(ranking, 2) == ids(evaluated, "Harbor Premium Contact", "Vistula Nearshore CX")
    assert atlas not in selectors.suggest_top(ranking, 10)
    assert selectors.suggest_above(ranking, 70) == ids(evaluated, "Harbor Premium Contact", "Vistula Nearshore CX")
    assert atlas not in selectors.suggest_above(ranking, 0)


def test_procurement_saves_a_draft_shortlist_with_the_rank_and_total_of_each_vendor(evaluated, paula):
    chosen = ids(evaluated, "Vistula Nearshore CX", "Harbor Premium Contact")
    shortlist = services.shortlist_save(rfp=evaluated, by=paula, vendor_ids=chosen, rationale=RATIONALE)
    entries = list(shortlist.entries.values_list("vendor__name", "rank"))
    assert entries == [("Harbor Premium Contact", 1), ("Vistula Nearshore CX", 2)]
    assert not shortlist.is_published
    evaluated.refresh_from_db()
    assert evaluated.status == Status.EVALUATION
    assert AuditEntry.objects.filter(rfp=evaluated, action="shortlist.saved").exists()


def test_a_knocked_out_vendor_cannot_be_shortlisted(evaluated, paula):
    with pytest.raises(ValidationError, match="Atlas Multilingual Services"):
        services.shortlist_save(
            rfp=evaluated, by=paula, vendor_ids=ids(evaluated, "Atlas Multilingual Services"), rationale=RATIONALE
        )
    assert not Shortlist.objects.filter(rfp=evaluated).exists()


def test_publishing_decides_the_rfp_keeps_the_ranking_and_emails_each_executive(
    evaluated, paula, dana, django_capture_on_commit_callbacks
):
    services.shortlist_save(
        rfp=evaluated, by=paula, vendor_ids=ids(evaluated, "Harbor Premium Contact"), rationale=RATIONALE
    )
    with django_capture_on_commit_callbacks(execute=True):
        shortlist = services.shortlist_publish(rfp=evaluated, by=paula)
    evaluated.refresh_from_db()
    assert evaluated.status == Status.DECIDED
    assert shortlist.published_by == paula
    assert shortlist.ranking_snapshot == selectors.report_ranking(evaluated).as_json()
    assert [m.to for m in mail.outbox] == [[dana.email]]
    assert "RFI-2027-090" in mail.outbox[0].subject and RATIONALE in mail.outbox[0].body
    assert AuditEntry.objects.filter(rfp=evaluated, action="shortlist.published").exists()
    assert AuditEntry.objects.filter(rfp=evaluated, action="rfp.decided").exists()


def test_publishing_needs_a_rationale(evaluated, paula):
    services.shortlist_save(rfp=evaluated, by=paula, vendor_ids=ids(evaluated, "Harbor Premium Contact"), rationale="")
    with pytest.raises(ValidationError, match="rationale"):
        services.shortlist_publish(rfp=evaluated, by=paula)
    evaluated.refresh_from_db()
    assert evaluated.status == Status.EVALUATION


def test_publishing_waits_until_every_answer_has_a_score(evaluated, paula):
    question = Question.objects.get(section__rfp=evaluated, key="turnover-03")
    Score.objects.filter(answer__question=question).delete()
    services.shortlist_save(
        rfp=evaluated, by=paula, vendor_ids=ids(evaluated, "Harbor Premium Contact"), rationale=RATIONALE
    )
    with pytest.raises(ValidationError, match="Scoring is not complete"):
        services.shortlist_publish(rfp=evaluated, by=paula)
    assert Answer.objects.filter(question=question).exists()


def test_the_page_ticks_the_top_three_then_a_suggestion_asked_for(evaluated, paula, login):
    client = login(paula)
    url = reverse("reports:shortlist", kwargs={"ref": evaluated.reference})
    page = client.get(url)
    assert page.context["chosen"] == {
        str(v) for v in ids(evaluated, "Harbor Premium Contact", "Vistula Nearshore CX", "Coral Coast Outsourcing")
    }
    page = client.get(url, {"top": "1"})
    assert page.context["chosen"] == {str(v) for v in ids(evaluated, "Harbor Premium Contact")}
    page = client.get(url, {"above": "75"})
    assert page.context["chosen"] == {str(v) for v in ids(evaluated, "Harbor Premium Contact", "Vistula Nearshore CX")}


def test_a_nonsense_suggestion_gets_a_message_not_an_error(evaluated, paula, login):
    page = login(paula).get(reverse("reports:shortlist", kwargs={"ref": evaluated.reference}), {"top": "lots"})
    assert page.status_code == 200
    assert "A suggestion needs a number of vendors" in page.content.decode()


def test_saving_and_publishing_from_the_page(evaluated, paula, login, django_capture_on_commit_callbacks):
    client = login(paula)
    url = reverse("reports:shortlist", kwargs={"ref": evaluated.reference})
    data = {"vendors": ids(evaluated, "Harbor Premium Contact", "Vistula Nearshore CX"), "rationale": RATIONALE}
    response = client.post(url, data | {"action": "save"})
    assert response.status_code == 302 and response.url == url
    assert selectors.shortlisted_vendor_ids(selectors.shortlist_of(evaluated)) == data["vendors"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data | {"action": "publish"})
    assert response.url == reverse("reports:dashboard", kwargs={"ref": evaluated.reference})
    evaluated.refresh_from_db()
    assert evaluated.status == Status.DECIDED
    assert len(mail.outbox) == 1


def test_choosing_a_knocked_out_vendor_on_the_page_explains_and_saves_nothing(evaluated, paula, login):
    url = reverse("reports:shortlist", kwargs={"ref": evaluated.reference})
    atlas = evaluated.vendors_by_name["Atlas Multilingual Services"].pk
    page = login(paula).post(url, {"vendors": [atlas], "rationale": RATIONALE, "action": "save"})
    assert page.status_code == 200
    assert not Shortlist.objects.filter(rfp=evaluated).exists()


def test_a_decided_shortlist_can_no_longer_change(evaluated, paula, login, django_capture_on_commit_callbacks):
    services.shortlist_save(
        rfp=evaluated, by=paula, vendor_ids=ids(evaluated, "Harbor Premium Contact"), rationale=RATIONALE
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.shortlist_publish(rfp=evaluated, by=paula)
    url = reverse("reports:shortlist", kwargs={"ref": evaluated.reference})
    response = login(paula).post(
        url, {"vendors": ids(evaluated, "Vistula Nearshore CX"), "rationale": "x", "action": "save"}
    )
    assert response.status_code == 302
    assert selectors.shortlisted_vendor_ids(selectors.shortlist_of(evaluated)) == ids(
        evaluated, "Harbor Premium Contact"
    )
    page = login(paula).get(url)
    assert "Published shortlist" in page.content.decode()


@pytest.mark.parametrize("persona", ["dana", "omar", "piotr", "ana"])
def test_only_procurement_may_post_a_shortlist(evaluated, persona, request, login):
    user = request.getfixturevalue(persona)
    url = reverse("reports:shortlist", kwargs={"ref": evaluated.reference})
    response = login(user).post(url, {"vendors": ids(evaluated, "Harbor Premium Contact"), "rationale": RATIONALE})
    assert response.status_code == 404
    assert not Shortlist.objects.filter(rfp=evaluated).exists()
