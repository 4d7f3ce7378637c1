"""Best-and-final rounds, service by service: opening one for two leading vendors, revisions that
buyers cannot read until the round closes, closing it (revisions applied, stale scores set aside,
unchanged ones carried over) and the comparison that says what moved each vendor."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from negotiation import selectors, services
from negotiation.models import Round, SetAsideScore
from rfp.models import AuditEntry, Question
from scoring import services as scoring_services
from scoring.access import get_evaluation
from scoring.models import Assignment, Consensus, EvaluationSettings, Score
from scoring.selectors.ranking import ranking_for_rfp
from vendors import services as vendor_services
from vendors.bid_view import results_rule
from vendors.models import Answer, Response
from vendors.services.state import ResponseClosed

CORAL, HARBOR, VISTULA, ATLAS = (
    "Coral Coast Outsourcing",
    "Harbor Premium Contact",
    "Vistula Nearshore CX",
    "Atlas Multilingual Services",
)


def plain(text: str) -> str:
    """The text without the isolation marks that keep titles and figures in their own direction."""
    return re.sub("[\u2066-\u2069]", "", text)


def response_of(rfp, name) -> Response:
    return Response.objects.get(rfp=rfp, vendor=rfp.vendors_by_name[name])


def question(rfp, key) -> Question:
    return Question.objects.get(section__rfp=rfp, key=key)


def answer(rfp, name, key) -> Answer:
    return Answer.objects.get(response=response_of(rfp, name), question=question(rfp, key))


def open_round(rfp, paula, names=(CORAL, HARBOR), sections=("turnover",), days=5) -> Round:
    return services.round_open(
        rfp=rfp,
        by=paula,
        response_ids=[response_of(rfp, n).pk for n in names],
        deadline=timezone.now() + timedelta(days=days),
        section_ids=list(rfp.sections.filter(key__in=sections).values_list("id", flat=True)),
        note="Please sharpen your price and your retention plan.",
    )


def revise(rfp, user, name, key, raw, comment=""):
    """What the answer page's autosave does: the version the page was loaded with, then the save."""
    response = response_of(rfp, name)
    entry = vendor_services.open_entry(response)
    current = selectors.revisions_by_question(entry).get(question(rfp, key).pk) or answer(rfp, name, key)
    return vendor_services.answer_save(
        response=response, question=question(rfp, key), raw=raw, comment=comment, version=current.version, by=user
    )


def test_procurement_opens_a_round_for_two_vendors_and_only_they_are_told(
    tender, paula, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        round_ = open_round(tender, paula)
    assert round_.number == 2 and round_.is_open
    assert sorted(e.response.vendor.name for e in round_.participants.all()) == [CORAL, HARBOR]
    # The ranking as it stood is kept: Harbor led before the round.
    baseline = round_.baseline["vendors"]
    assert len(baseline) == 4
    assert baseline[str(tender.vendors_by_name[HARBOR].pk)]["rank"] == 1
    recipients = {address for message in mail.outbox for address in message.to}
    assert mail.outbox and all("best and final offer" in m.subject.lower() for m in mail.outbox)
    assert any("coral" in r or "bids@2" in r for r in recipients)
    assert not any("bids@1" in r for r in recipients)  # Vistula was not asked
    entry = AuditEntry.objects.get(action="round.opened")
    assert entry.after["vendors"] == [CORAL, HARBOR]


def test_a_round_needs_a_complete_ranking_valid_bids_and_a_future_deadline(tender, paula):
    unscored = answer(tender, VISTULA, "turnover-03")
    Score.objects.filter(answer=unscored).delete()
    with pytest.raises(ValidationError, match="Scoring is not complete"):
        open_round(tender, paula)
    assert not Round.objects.exists()


def test_a_knocked_out_bid_cannot_be_asked_for_a_best_and_final_offer(tender, paula):
    with pytest.raises(ValidationError, match="valid bid"):
        open_round(tender, paula, names=(CORAL, ATLAS))
    with pytest.raises(ValidationError, match="deadline in the future"):
        open_round(tender, paula, days=-1)
    assert not Round.objects.exists()


def test_only_one_round_is_open_at_a_time(tender, paula):
    open_round(tender, paula)
    with pytest.raises(ValidationError, match="already open"):
        open_round(tender, paula, names=(VISTULA,))


def test_a_revision_is_sealed_from_the_buyer_until_the_round_closes(tender, paula, coral_manager):
    before = ranking_for_rfp(tender).as_json()
    open_round(tender, paula)
    revise(tender, coral_manager, CORAL, "pricing-01", "1200000")
    revise(tender, coral_manager, CORAL, "turnover-03", "A new retention plan with career paths.")
    # What every buyer page, the ranking and the reports read has not changed.
    assert answer(tender, CORAL, "pricing-01").value == 1_590_000.0
    assert answer(tender, CORAL, "turnover-03").value.startswith(CORAL)
    assert ranking_for_rfp(tender).as_json() == before
    # The vendor's own sheet shows the revision.
    sheet = vendor_services_sheet(tender, CORAL)
    assert sheet["pricing-01"] == 1_200_000.0


def vendor_services_sheet(rfp, name) -> dict:
    from vendors.selectors import response_sheet

    response = response_of(rfp, name)
    sheet = response_sheet(response, revision=vendor_services.open_entry(response))
    return {item.question.key: item.value for section in sheet.sections for item in section.items}


def test_a_vendor_revises_only_the_price_and_the_sections_the_round_opens(tender, paula, coral_manager):
    open_round(tender, paula, sections=("turnover",))
    with pytest.raises(ValidationError, match="not among them"):
        revise(tender, coral_manager, CORAL, "security-02", "A rewritten security answer.")
    # Sending the same content again is not a change, so a whole-form save does not fail.
    same = answer(tender, CORAL, "security-02").value
    revise(tender, coral_manager, CORAL, "security-02", same)
    assert vendor_services_sheet(tender, CORAL)["security-02"] == same


def test_a_vendor_outside_the_round_cannot_change_anything(tender, paula):
    open_round(tender, paula)
    vistula = response_of(tender, VISTULA)
    with pytest.raises(ValidationError):
        vendor_services.answer_save(
            response=vistula, question=question(tender, "pricing-01"), raw="1", comment="", version=1, by=paula
        )
    assert answer(tender, VISTULA, "pricing-01").value == 3_420_000.0


def test_after_the_round_deadline_a_revision_is_refused_and_nothing_changes(tender, paula, coral_manager):
    open_round(tender, paula, days=2)
    with time_machine.travel(timezone.now() + timedelta(days=3)), pytest.raises(ResponseClosed, match="passed"):
        revise(tender, coral_manager, CORAL, "pricing-01", "1000000")
    assert not selectors.revisions_by_question(vendor_services.open_entry(response_of(tender, CORAL)))


def test_two_colleagues_revising_the_same_answer_get_a_conflict(tender, paula, coral_manager):
    open_round(tender, paula)
    response = response_of(tender, CORAL)
    price = question(tender, "pricing-01")
    loaded = answer(tender, CORAL, "pricing-01").version
    vendor_services.answer_save(response=response, question=price, raw="1300000", version=loaded, by=coral_manager)
    with pytest.raises(services.RevisionConflict, match="changed this answer"):
        vendor_services.answer_save(response=response, question=price, raw="1250000", version=loaded, by=coral_manager)
    assert vendor_services_sheet(tender, CORAL)["pricing-01"] == 1_300_000.0


def close_after_deadline(round_, paula):
    with time_machine.travel(round_.deadline + timedelta(minutes=1)):
        return services.round_close(round_=round_, by=paula)


def test_closing_applies_submitted_revisions_and_sets_aside_only_the_stale_scores(
    tender, paula, coral_manager, harbor_manager, omar
):
    round_ = open_round(tender, paula)
    revise(tender, coral_manager, CORAL, "pricing-01", "1200000")
    revise(tender, coral_manager, CORAL, "turnover-03", "A new retention plan with career paths.")
    vendor_services.response_submit(response=response_of(tender, CORAL), by=coral_manager)
    # Harbor saves a revision but never submits it: its earlier offer stands.
    revise(tender, harbor_manager, HARBOR, "pricing-01", "3000000")
    with pytest.raises(ValidationError, match="have not submitted"):
        services.round_close(round_=round_, by=paula)
    round_ = close_after_deadline(round_, paula)

    assert answer(tender, CORAL, "pricing-01").value == 1_200_000.0
    assert answer(tender, HARBOR, "pricing-01").value == 4_650_000.0
    retention = answer(tender, CORAL, "turnover-03")
    assert round_.changed_answer_ids == {answer(tender, CORAL, "pricing-01").pk, retention.pk}
    # The panel's scores on the changed answer are kept aside, not lost; the others stay.
    assert not Score.objects.filter(answer=retention).exists()
    assert SetAsideScore.objects.filter(answer=retention, is_consensus=False).count() == 2
    assert Score.objects.filter(answer=answer(tender, CORAL, "security-02")).count() == 2
    # The section with the changed answer goes back to the panel; the others stay submitted.
    reopened = set(Assignment.objects.filter(submitted_at__isnull=True).values_list("section__key", flat=True))
    assert reopened == {"turnover"}
    assert ranking_for_rfp(tender).provisional
    audit = AuditEntry.objects.get(action="round.closed")
    assert audit.after["answers_changed"] == 2 and audit.after["scores_set_aside"] == 2


def test_a_consensus_on_a_changed_answer_is_set_aside_with_its_reason(tender, paula, coral_manager):
    retention = answer(tender, CORAL, "turnover-03")
    Consensus.objects.create(answer=retention, points=2, reason="Moderated.", set_by=paula)
    round_ = open_round(tender, paula, names=(CORAL,))
    revise(tender, coral_manager, CORAL, "turnover-03", "Rewritten.")
    vendor_services.response_submit(response=response_of(tender, CORAL), by=coral_manager)
    services.round_close(round_=round_, by=paula)  # everyone submitted: no need to wait
    assert not Consensus.objects.filter(answer=retention).exists()
    kept = SetAsideScore.objects.get(answer=retention, is_consensus=True)
    assert (kept.points, kept.comment) == (2, "Moderated.")


def rescored(tender, paula, manager, omar, lena, points=5):
    """The issue's story: the two leaders are asked; Vistula lowers its price below every other bid
    and rewrites its retention answer, which the panel scores again; Harbor revises nothing."""
    round_ = open_round(tender, paula, names=(HARBOR, VISTULA))
    revise(tender, manager, VISTULA, "pricing-01", "1500000")
    revise(tender, manager, VISTULA, "turnover-03", "A retention plan with career paths and a 12% bonus.")
    vendor_services.response_submit(response=response_of(tender, VISTULA), by=manager)
    round_ = close_after_deadline(round_, paula)
    retention = answer(tender, VISTULA, "turnover-03")
    for evaluator in (omar, lena):
        assignment = Assignment.objects.get(section=retention.question.section, evaluator=evaluator)
        scoring_services.score_save(
            answer=retention, evaluator=evaluator, assignment=assignment, points=points, comment="Clear plan now."
        )
        evaluation = get_evaluation(evaluator, tender.reference)
        scoring_services.section_submit(assignment=assignment, evaluation=evaluation, by=evaluator)
    return round_


def test_evaluators_score_again_only_the_changed_answers(tender, paula, coral_manager, omar, lena):
    round_ = open_round(tender, paula)
    revise(tender, coral_manager, CORAL, "turnover-03", "Rewritten retention plan.")
    vendor_services.response_submit(response=response_of(tender, CORAL), by=coral_manager)
    close_after_deadline(round_, paula)
    assignment = Assignment.objects.get(section__rfp=tender, section__key="turnover", evaluator=omar)
    unchanged = answer(tender, HARBOR, "turnover-03")
    with pytest.raises(ValidationError, match="carries over"):
        scoring_services.score_save(
            answer=unchanged, evaluator=omar, assignment=assignment, points=1, comment="Why not"
        )
    assert Score.objects.get(answer=unchanged, evaluator=omar).points == 5
    changed = answer(tender, CORAL, "turnover-03")
    scoring_services.score_save(answer=changed, evaluator=omar, assignment=assignment, points=4, comment="Better.")
    assert Score.objects.get(answer=changed, evaluator=omar).points == 4


def test_the_comparison_says_who_moved_and_what_moved_them(tender, paula, vistula_manager, omar, lena):
    round_ = rescored(tender, paula, vistula_manager, omar, lena)
    ranking = ranking_for_rfp(tender)
    assert not ranking.provisional
    comparison = selectors.comparison(round_, ranking, rule=results_rule(tender))
    assert (comparison.winner_before, comparison.winner_after) == (HARBOR, VISTULA)
    vistula = next(m for m in comparison.moves if m.name == VISTULA)
    assert (vistula.rank_before, vistula.rank_after) == (2, 1)
    before = round_.baseline["vendors"][str(vistula.vendor_id)]["total"]
    assert vistula.total_before == before and vistula.delta == pytest.approx(vistula.total_after - before)
    # The section moves add up to the change in the total (weighted sum).
    assert sum(s.points for s in vistula.sections) == pytest.approx(vistula.delta, abs=1e-6)
    assert [s.title for s in vistula.drivers] == ["Pricing", "Agent attrition and workforce"]
    explanation = plain(vistula.explanation)
    assert explanation.startswith("Moves from rank 2 to rank 1 with +")
    assert "(price 3,420,000 → 1,500,000)" in explanation
    assert "Agent attrition and workforce +" in explanation and "(1 answer revised)" in explanation
    assert {c.key for c in vistula.changes} == {"pricing-01", "turnover-03"}
    price_change = next(c for c in vistula.changes if c.key == "pricing-01")
    assert (price_change.before, price_change.after) == ("3,420,000", "1,500,000")
    harbor = next(m for m in comparison.moves if m.name == HARBOR)
    assert not harbor.submitted and harbor.rank_after == 2
    # Harbor revised nothing, but Vistula's lower price lowers Harbor's relative price score.
    assert harbor.delta < 0 and "another bid's price" in harbor.explanation
    # Titles and signed figures are isolated, so that they keep their shape in a right-to-left page.
    assert "\u2068Pricing\u2069" in vistula.explanation


def test_on_a_two_envelope_rfp_the_price_envelope_is_sealed_again_for_rescoring(tender, paula, coral_manager):
    tender.two_envelope = True
    tender.save(update_fields=["two_envelope"])
    EvaluationSettings.objects.update_or_create(rfp=tender, defaults={"price_opened": True, "price_opened_for": []})
    EvaluationSettings.objects.filter(rfp=tender).update(
        price_opened_for=list(Response.objects.filter(rfp=tender).values_list("pk", flat=True))
    )
    round_ = open_round(tender, paula)
    revise(tender, coral_manager, CORAL, "pricing-01", "1200000")
    revise(tender, coral_manager, CORAL, "turnover-03", "Rewritten.")
    vendor_services.response_submit(response=response_of(tender, CORAL), by=coral_manager)
    round_ = close_after_deadline(round_, paula)
    assert not EvaluationSettings.objects.get(rfp=tender).price_opened
    comparison = selectors.comparison(round_, ranking_for_rfp(tender), rule=results_rule(tender))
    assert comparison.prices_sealed
    coral = next(m for m in comparison.moves if m.name == CORAL)
    assert next(c for c in coral.changes if c.key == "pricing-01").after == "sealed"
    # Once the panel has scored the revised answer, procurement opens the envelope again.
    retention = answer(tender, CORAL, "turnover-03")
    with pytest.raises(ValidationError, match="not complete"):
        scoring_services.price_envelope_open(rfp=tender, by=paula)
    for evaluator in Assignment.objects.filter(section=retention.question.section).values_list("evaluator", flat=True):
        user = type(paula).objects.get(pk=evaluator)
        assignment = Assignment.objects.get(section=retention.question.section, evaluator=user)
        scoring_services.score_save(answer=retention, evaluator=user, assignment=assignment, points=3, comment="")
        scoring_services.section_submit(
            assignment=assignment, evaluation=get_evaluation(user, tender.reference), by=user
        )
    scoring_services.price_envelope_open(rfp=tender, by=paula)
    comparison = selectors.comparison(round_, ranking_for_rfp(tender), rule=results_rule(tender))
    coral = next(m for m in comparison.moves if m.name == CORAL)
    assert not comparison.prices_sealed
    assert next(c for c in coral.changes if c.key == "pricing-01").after == "1,200,000"


def test_the_vendor_api_reads_and_writes_the_revision_during_a_round(tender, paula, vistula_manager):
    from rest_framework.test import APIClient

    from api.models import TokenScope
    from api.tokens import token_create

    open_round(tender, paula, names=(VISTULA,))
    _token, secret = token_create(user=vistula_manager, name="answer library", scope=TokenScope.WRITE, days=30)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    price = question(tender, "pricing-01")
    url = f"/api/vendor/rfps/{tender.reference}/answers/{price.pk}/"
    loaded = answer(tender, VISTULA, "pricing-01").version
    saved = client.put(url, {"value": "1500000", "version": loaded, "not_applicable": False}, format="json")
    assert saved.status_code == 200, saved.content
    stale = client.put(url, {"value": "1400000", "version": loaded, "not_applicable": False}, format="json")
    assert stale.status_code == 409 and "changed this answer" in stale.json()["detail"]
    listed = {row["key"]: row["value"] for row in client.get(f"/api/vendor/rfps/{tender.reference}/answers/").json()}
    assert listed["pricing-01"] == 1_500_000.0
    assert answer(tender, VISTULA, "pricing-01").value == 3_420_000.0  # sealed from the buyer until the close


def test_no_shortlist_is_published_while_a_round_is_open(tender, paula):
    from reports.models import Shortlist, ShortlistEntry
    from reports.services import shortlist_publish

    shortlist = Shortlist.objects.create(rfp=tender, rationale="The two leaders.", created_by=paula)
    ShortlistEntry.objects.create(shortlist=shortlist, vendor=tender.vendors_by_name[HARBOR], rank=1)
    open_round(tender, paula)
    with pytest.raises(ValidationError, match="round is open"):
        shortlist_publish(rfp=tender, by=paula)
    tender.refresh_from_db()
    assert tender.status == "evaluation"


def test_closing_a_round_re_analyses_only_the_changed_answers(
    tender, paula, coral_manager, django_capture_on_commit_callbacks
):
    from insights.models import Finding
    from insights.services import analyse_rfp
    from jobs.models import Job

    analyse_rfp(rfp=tender)
    copied = answer(tender, HARBOR, "turnover-03").value + " We measure it every month and report it to you."
    Answer.objects.filter(pk=answer(tender, HARBOR, "turnover-03").pk).update(value=copied)
    analyse_rfp(rfp=tender)
    round_ = open_round(tender, paula, names=(CORAL,))
    revise(tender, coral_manager, CORAL, "turnover-03", copied)  # Coral copies Harbor's paragraph
    vendor_services.response_submit(response=response_of(tender, CORAL), by=coral_manager)
    with django_capture_on_commit_callbacks(execute=True):
        services.round_close(round_=round_, by=paula)
    job = Job.objects.get(kind="insights.analyse", rfp=tender)
    assert job.params == {"answers": [answer(tender, CORAL, "turnover-03").pk]} and job.status == "done"
    shared = Finding.objects.get(rfp=tender, code="shared_across_vendors")
    assert set(shared.answers.values_list("response__vendor__name", flat=True)) == {CORAL, HARBOR}
