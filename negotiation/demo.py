"""The demo's best-and-final round, on the fourth tender: after the panel scored everything and the
price envelope opened, procurement asked the two leading bids for best and final offers. The
runner-up cut its price and rewrote its plan to keep agents, the leader confirmed its offer, the
panel scored the one revised answer again, and the envelope opened once more. Everything goes
through the services the pages use; only the dates are moved into the past afterwards."""

from datetime import timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from negotiation import services
from negotiation.models import Participant, Round
from rfp.models import Question
from scoring import services as scoring_services
from scoring.access import get_evaluation
from scoring.models import Assignment, EvaluationSettings
from scoring.selectors.ranking import ranking_for_rfp
from vendors import services as vendor_services
from vendors.models import Answer, Response

ROUND_NOTE = gettext_noop(
    "Attrition is the main risk we see in every offer. Please review your price and your plan to keep agents."
)
REVISED_RETENTION = gettext_noop(
    "From the first month every agent on this account has a written career path: senior agent after 9 months, "
    "team leader track after 18. Pay is set at the 60th percentile of the local market and reviewed every year. "
    "A retention bonus of one month's pay is paid at months 9 and 18. Last year these measures cut attrition on "
    "our two comparable accounts from 41% to 24%; we report attrition, tenure and exit reasons monthly."
)
RESCORE_COMMENT = gettext_noop(
    "Concrete now: career paths, pay position and a bonus, with results on comparable accounts."
)
PRICE_CUT = 0.88  # the runner-up's revised price: 12% lower
RETENTION_QUESTION = "turnover-04"


def seed_demo_round(rfp, *, procurement, vendors: list) -> Round:
    with translation.override(rfp.language):
        return _seed(rfp, procurement, {vendor.pk: user for vendor, user, _profile in vendors})


def _open_envelope(rfp, by) -> None:
    if rfp.two_envelope and not EvaluationSettings.objects.filter(rfp=rfp, price_opened=True).exists():
        scoring_services.price_envelope_open(rfp=rfp, by=by)


def _revise(response: Response, question: Question, raw: str, by) -> None:
    answer = Answer.objects.get(response=response, question=question)
    vendor_services.answer_save(
        response=response, question=question, raw=raw, comment=answer.comment, version=answer.version, by=by
    )


def _seed(rfp, procurement, users: dict) -> Round:
    _open_envelope(rfp, procurement)
    leader, runner = [row for row in ranking_for_rfp(rfp).rows if not row.result.excluded][:2]
    retention = Question.objects.select_related("section").get(section__rfp=rfp, key=RETENTION_QUESTION)
    round_ = services.round_open(
        rfp=rfp,
        by=procurement,
        response_ids=[leader.bidder.response_id, runner.bidder.response_id],
        deadline=timezone.now() + timedelta(days=7),
        section_ids=[retention.section_id],
        note=_(ROUND_NOTE),
    )
    revising = Response.objects.get(pk=runner.bidder.response_id)
    revisor = users[revising.vendor_id]
    price = Question.objects.get(section__rfp=rfp, is_price=True)
    old_price = Answer.objects.get(response=revising, question=price).value
    _revise(revising, price, str(int(round(old_price * PRICE_CUT, -3))), revisor)
    _revise(revising, retention, _(REVISED_RETENTION), revisor)
    for row in (runner, leader):
        response = Response.objects.get(pk=row.bidder.response_id)
        vendor_services.response_submit(response=response, by=users[response.vendor_id])
    round_ = services.round_close(round_=round_, by=procurement)
    changed = Answer.objects.get(response=revising, question=retention)
    for assignment in Assignment.objects.filter(section=retention.section, submitted_at__isnull=True):
        evaluator = assignment.evaluator
        scoring_services.score_save(
            answer=changed, evaluator=evaluator, assignment=assignment, points=5, comment=_(RESCORE_COMMENT)
        )
        evaluation = get_evaluation(evaluator, rfp.reference)
        scoring_services.section_submit(assignment=assignment, evaluation=evaluation, by=evaluator)
    _open_envelope(rfp, procurement)
    _into_the_past(round_)
    return round_


def _into_the_past(round_: Round) -> None:
    """The round ran last week: opened five days ago, revisions in two days later, closed yesterday."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    Round.objects.filter(pk=round_.pk).update(
        opened_at=now - timedelta(days=5), deadline=now - timedelta(days=1), closed_at=now - timedelta(hours=20)
    )
    Participant.objects.filter(round=round_).update(submitted_at=now - timedelta(days=3))
