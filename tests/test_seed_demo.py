"""The demo data tells the product's story: the RFI was answered, closed and evaluated."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User
from rfp.models import RFP, Status
from vendors.models import ResponseStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _ranking(reference: str) -> dict:
    out = StringIO()
    call_command("rank", reference, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_the_demo_tells_the_story_of_an_evaluated_rfi(seeded):
    """One seeding, several checks: seeding takes seconds, so the story is read in one test."""
    # One working login per role is printed.
    assert "shortlist-demo" in seeded
    for username in ("paula", "omar", "dana", "harbor"):
        assert f" {username} " in seeded
        assert User.objects.get(username=username).check_password("shortlist-demo")
    assert set(User.objects.values_list("role", flat=True)) == {"procurement", "evaluator", "executive", "vendor"}

    # The RFI was answered by five vendors and closed.
    rfi = RFP.objects.get(reference="RFI-2027-001")
    assert rfi.title == "Customer service outsourcing 2027"
    assert rfi.status in (Status.EVALUATION, Status.DECIDED)
    assert rfi.deadline_passed
    assert rfi.responses.filter(status=ResponseStatus.SUBMITTED).count() == 5

    # Its ranking shows a failed knockout, an abnormally low price and a disagreement.
    ranking = _ranking("RFI-2027-001")
    vendors = {v["vendor"]: v for v in ranking["vendors"]}
    assert len(vendors) == 5
    assert vendors["Atlas Multilingual Services"]["knocked_out"]
    assert "PCI DSS" in " ".join(vendors["Atlas Multilingual Services"]["knockout_reasons"])
    assert "abnormally_low_price" in vendors["Coral Coast Outsourcing"]["flags"]
    assert any("disagreement" in v["flags"] for v in ranking["vendors"])
    assert ranking["vendors"][-1]["vendor"] == "Atlas Multilingual Services"


def test_running_the_demo_again_keeps_the_data_and_still_prints_the_logins(seeded):
    before = RFP.objects.count(), User.objects.count()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert (RFP.objects.count(), User.objects.count()) == before
    assert "already there" in out.getvalue()
    assert "paula" in out.getvalue()


def test_every_persona_has_work_in_the_demo_and_the_near_tie_is_stated(seeded, client):
    """A third RFP is in evaluation with omar half-way through and a disagreement to moderate;
    the RFI's top two are close, and the ranking, the dashboard and the PDF say so in words."""
    from django.urls import reverse

    from reports.pdf import ReportRenderer
    from scoring.models import Assignment
    from scoring.selectors import ranking_for_rfp
    from tests.reports.pdf_text import pdf_pages

    third = RFP.objects.get(reference="RFP-2027-003")
    assert third.status == Status.EVALUATION
    omar = User.objects.get(username="omar")
    mine = Assignment.objects.filter(section__rfp=third, evaluator=omar)
    assert 0 < mine.filter(submitted_at__isnull=False).count() < mine.count()
    client.force_login(omar)
    left = reverse("scoring:overview", kwargs={"ref": third.reference})
    assert client.get(left).status_code == 200
    open_section = mine.filter(submitted_at__isnull=True).order_by("section__order").first().section
    page = client.get(reverse("scoring:section", kwargs={"ref": third.reference, "section_id": open_section.pk}))
    assert 0 < page.context["progress"].scored < page.context["progress"].to_score

    client.force_login(User.objects.get(username="paula"))
    moderation = client.get(reverse("scoring:moderation", kwargs={"ref": third.reference}))
    assert moderation.context["moderation"].matching, "a disagreement waits for moderation"

    ranking = client.get(reverse("scoring:ranking", kwargs={"ref": "RFI-2027-001"})).content.decode()
    top_two = [row.label for row in ranking_for_rfp(RFP.objects.get(reference="RFI-2027-001")).rows[:2]]
    lead = f"{top_two[0]} leads {top_two[1]} by only"
    assert "Near tie" in ranking and lead in ranking
    client.force_login(User.objects.get(username="dana"))
    dashboard = client.get(reverse("reports:dashboard", kwargs={"ref": "RFI-2027-001"})).content.decode()
    assert "Near tie" in dashboard and "95% interval" in dashboard
    _name, _type, pdf = ReportRenderer(RFP.objects.get(reference="RFI-2027-001")).generate()
    text = " ".join(" ".join(pdf_pages(pdf, layout=False)).split())
    assert f"Near tie. {lead}" in text
    assert "Krippendorff's alpha (ordinal) over" in text


def test_the_fourth_tender_shows_a_best_and_final_round_that_moved_the_ranking(seeded, client):
    """RFP-2027-004: scored, then the two leaders were asked for best and final offers; the
    runner-up cut its price and rewrote its retention plan, the panel scored that answer again."""
    from django.urls import reverse

    from negotiation.models import Round, SetAsideScore
    from scoring.selectors import ranking_for_rfp

    fourth = RFP.objects.get(reference="RFP-2027-004")
    round_ = Round.objects.get(rfp=fourth)
    assert round_.closed_at is not None and round_.participants.count() == 2
    assert len(round_.changes) == 2 and SetAsideScore.objects.filter(round=round_).exists()
    ranking = ranking_for_rfp(fourth)
    assert not ranking.provisional and not ranking.price_sealed
    assert "RFP-2027-004" in seeded
    client.force_login(User.objects.get(username="dana"))
    page = client.get(reverse("scoring:ranking", kwargs={"ref": fourth.reference})).content.decode()
    assert "Round 1 against round 2" in page and "What moved it" in page
    assert "1 answer revised" in page


def test_the_demo_panel_sees_answer_checks_of_every_kind_in_english_and_hebrew(seeded, client, settings):
    """RFP-2027-003: omar's scoring pages carry boilerplate, evasive and contradiction hints with
    their quotes, in the interface's language."""
    from django.urls import reverse

    from insights.models import Finding
    from scoring.models import Assignment

    third = RFP.objects.get(reference="RFP-2027-003")
    omar = User.objects.get(username="omar")
    sections = set(Assignment.objects.filter(section__rfp=third, evaluator=omar).values_list("section_id", flat=True))
    client.force_login(omar)
    for language, labels in (
        ("en", ("Boilerplate", "Evasive answer", "Contradiction")),
        ("he", ("נוסח גנרי", "תשובה מתחמקת", "סתירה")),
    ):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for kind, label in zip(("boilerplate", "evasive", "contradiction"), labels, strict=True):
            finding = Finding.objects.filter(rfp=third, kind=kind, answers__question__section_id__in=sections).first()
            assert finding is not None, f"no {kind} finding in omar's sections"
            answer = finding.answers.filter(question__section_id__in=sections).first()
            questions = list(answer.question.section.questions.order_by("order", "id").values_list("id", flat=True))
            url = reverse("scoring:section", kwargs={"ref": third.reference, "section_id": answer.question.section_id})
            html = client.get(f"{url}?by=question&at={questions.index(answer.question_id) + 1}").content.decode()
            assert label in html and finding.evidence[0]["text"][:30] in html
