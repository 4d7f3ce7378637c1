"""Best-and-final rounds on the buyer's side: procurement opens a round and closes it; whoever reads
the ranking reads how each round moved it. Access goes through scoring.access (404 otherwise)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from negotiation import selectors, services
from negotiation.forms import RoundForm
from negotiation.models import Round
from reports.models import Shortlist
from rfp.models import SectionKind, Status
from scoring.access import PROCUREMENT, RESULT_READERS, RESULT_STATUSES, get_evaluation
from scoring.selectors.ranking import ranking_for_rfp
from vendors.bid_view import results_rule


def _vendor_choices(ranking) -> list[tuple[int, str]]:
    return [
        (row.bidder.response_id, _("%(name)s (rank %(rank)s, %(total).2f)") % {
            "name": row.bidder.name, "rank": row.result.rank, "total": row.result.total or 0
        })
        for row in ranking.rows
        if not row.result.excluded
    ]  # fmt: skip


def _initial_vendors(rfp, ranking) -> list[int]:
    """The saved shortlist if there is one, else the two leading valid bids."""
    shortlist = Shortlist.objects.filter(rfp=rfp).first()
    chosen = set(shortlist.entries.values_list("vendor_id", flat=True)) if shortlist else set()
    valid = [row for row in ranking.rows if not row.result.excluded]
    if chosen:
        return [row.bidder.response_id for row in valid if row.result.vendor_id in chosen]
    return [row.bidder.response_id for row in valid[:2]]


@login_required
@require_http_methods(["GET", "POST"])
def rounds(request: HttpRequest, ref: str) -> HttpResponse:
    evaluation = get_evaluation(request.user, ref, roles=PROCUREMENT, statuses=RESULT_STATUSES)
    rfp = evaluation.rfp
    ranking = ranking_for_rfp(rfp, settings=evaluation.settings)
    sections = [(s.id, s.title) for s in ranking.sections if s.kind == SectionKind.TECHNICAL]
    form = RoundForm(
        request.POST or None,
        vendors=_vendor_choices(ranking),
        sections=sections,
        initial={"vendors": _initial_vendors(rfp, ranking)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = services.round_open(
                rfp=rfp,
                by=request.user,
                response_ids=data["vendors"],
                deadline=data["deadline"],
                section_ids=data["sections"],
                note=data["note"],
            )
        except ValidationError as error:
            for problem in error.messages:
                form.add_error(None, problem)
        else:
            messages.success(
                request,
                _(
                    "Round %(n)s is open. The vendors in it were e-mailed; "
                    "their revisions stay sealed until the deadline."
                )
                % {"n": round_.number},
            )
            return redirect("negotiation:round", ref=ref, number=round_.number)
    context = {
        "evaluation": evaluation,
        "rfp": rfp,
        "rounds": selectors.rounds(rfp),
        "open_round": selectors.open_round(rfp),
        "form": form,
        "can_open": rfp.status == Status.EVALUATION,
    }
    return render(request, "negotiation/rounds.html", context)


def _round(rfp, number: int) -> Round:
    round_ = Round.objects.filter(rfp=rfp, number=number).first()
    if round_ is None:
        raise Http404("No such round.")
    return round_


@login_required
@require_GET
def round_detail(request: HttpRequest, ref: str, number: int) -> HttpResponse:
    evaluation = get_evaluation(request.user, ref, roles=RESULT_READERS, statuses=RESULT_STATUSES)
    round_ = _round(evaluation.rfp, number)
    context = {
        "evaluation": evaluation,
        "rfp": evaluation.rfp,
        "round": round_,
        "participants": list(round_.participants.select_related("response__vendor")),
        "section_titles": selectors.open_section_titles(round_),
        "comparison": None,
    }
    if not round_.is_open:
        ranking = ranking_for_rfp(evaluation.rfp, settings=evaluation.settings)
        context["comparison"] = selectors.comparison(round_, ranking, rule=results_rule(evaluation.rfp))
    return render(request, "negotiation/round.html", context)


@login_required
@require_POST
def round_close(request: HttpRequest, ref: str, number: int) -> HttpResponse:
    evaluation = get_evaluation(request.user, ref, roles=PROCUREMENT, statuses=RESULT_STATUSES)
    round_ = _round(evaluation.rfp, number)
    try:
        round_ = services.round_close(round_=round_, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Round %(n)s is closed: %(changed)s answers changed. "
                "The panel scores the changed answers again; the others keep their scores."
            )
            % {"n": round_.number, "changed": len(round_.changes)},
        )
    return redirect("negotiation:round", ref=ref, number=number)
