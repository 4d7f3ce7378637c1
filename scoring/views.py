"""Evaluation pages: set-up and progress, conflict declarations, scoring, moderation, the ranking
dashboard with what-if sliders, and AHP weights. Each view fetches through scoring.access (404
for what the user may not see), validates, calls a service and redirects."""

from decimal import Decimal
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from config.params import id_from
from negotiation.selectors import last_round_comparison
from rfp.audit import log_bid_prices_read
from rfp.models import MemberRole, RFPMember, SectionKind, Status
from rfp.services import NoBidsToEvaluate
from scoring import charts, selectors, services
from scoring.access import (
    PROCUREMENT,
    RESULT_READERS,
    RESULT_STATUSES,
    SCORING_STATUSES,
    SETUP_STATUSES,
    get_answer_to_moderate,
    get_answer_to_score,
    get_assignment,
    get_evaluation,
)
from scoring.forms import AhpForm, ConsensusForm, ScoreForm, SettingsForm, nearest_saaty
from scoring.models import Assignment, ConflictDeclaration, Score, WeightDerivation
from vendors.bid_view import bid_rule
from vendors.views_buyer import bid_file

EVALUATOR_ONLY = frozenset({MemberRole.EVALUATOR})
MAX_AHP_ITEMS = 10


def _problems(error: ValidationError) -> str:
    return " ".join(error.messages)


def _overview(reference: str) -> str:
    return reverse("scoring:overview", kwargs={"ref": reference})


# --- overview and set-up -----------------------------------------------------------------------


@login_required
@require_GET
def overview(request: HttpRequest, ref: str) -> HttpResponse:
    evaluation = get_evaluation(request.user, ref)
    rfp = evaluation.rfp
    context = {"evaluation": evaluation, "rfp": rfp}
    if evaluation.is_evaluator:
        assignments = list(
            Assignment.objects.filter(section__rfp=rfp, evaluator=request.user)
            .select_related("section")
            .order_by("section__order", "section_id")
        )
        declared = dict(
            ConflictDeclaration.objects.filter(rfp=rfp, evaluator=request.user).values_list("vendor_id", "conflict")
        )
        rows = {r.assignment.pk: r for r in selectors.progress(rfp) if r.assignment.evaluator_id == request.user.pk}
        all_bidders = selectors.bidders(rfp)
        context |= {
            "my_rows": [rows[a.pk] for a in assignments],
            "undeclared": sum(1 for b in all_bidders if b.vendor_id not in declared),
            "conflicts": sum(1 for v in declared.values() if v),
            "prices": _evaluator_prices(request, rfp),
        }
    else:
        context["matrix"] = selectors.progress_matrix(rfp)
        context["bidder_count"] = len(selectors.bidders(rfp))
    if evaluation.is_procurement:
        sections = list(rfp.sections.filter(kind=SectionKind.TECHNICAL).order_by("order", "id"))
        evaluators = [
            m.user
            for m in RFPMember.objects.filter(rfp=rfp, role=MemberRole.EVALUATOR)
            .select_related("user")
            .order_by("user__last_name", "user__first_name")
        ]
        assigned = set(Assignment.objects.filter(section__rfp=rfp).values_list("section_id", "evaluator_id"))
        context |= {
            "settings_form": SettingsForm(instance=evaluation.settings),
            "sections": sections,
            "evaluators": evaluators,
            "section_rows": [(s, [(e, (s.id, e.id) in assigned) for e in evaluators]) for s in sections],
            "can_assign": rfp.status in (Status.OPEN, Status.CLOSED, Status.EVALUATION),
        }
    return render(request, "scoring/overview.html", context)


def _evaluator_prices(request: HttpRequest, rfp) -> list | None:
    """The prices an evaluator may read once the envelope is open (None while it is sealed);
    reading them is written in the audit log."""
    rule = bid_rule(request.user, rfp)
    if not rule.prices_open:
        return None
    rows = selectors.price_rows(rfp, rule)
    log_bid_prices_read(
        actor=request.user, rfp=rfp, vendors=[label for label, _value in rows], where="evaluation overview"
    )
    return rows


@login_required
@require_POST
def start(request: HttpRequest, ref: str) -> HttpResponse:
    evaluation = get_evaluation(request.user, ref, roles=PROCUREMENT)
    rfp = evaluation.rfp
    try:
        services.evaluation_start(rfp=rfp, by=request.user, without_bids=request.POST.get("without_bids") == "1")
        messages.success(request, _("Evaluation started: assigned evaluators can now score."))
    except NoBidsToEvaluate as warning:
        return render(request, "rfp/confirm_start_evaluation.html", {"rfp": rfp, "warning": warning.messages[0]})
    except ValidationError as error:
        messages.error(request, _problems(error))
    return redirect(_overview(ref))


@login_required
@require_POST
def settings_save(request: HttpRequest, ref: str) -> HttpResponse:
    evaluation = get_evaluation(request.user, ref, roles=PROCUREMENT)
    form = SettingsForm(request.POST, instance=evaluation.settings)
    if not form.is_valid():
        messages.error(request, _("Choose an aggregate and a price direction from the lists."))
        return redirect(_overview(ref))
    try:
        services.evaluation_settings_save(rfp=evaluation.rfp, by=request.user, **form.cleaned_data)
        messages.success(request, _("Evaluation settings saved."))
    except ValidationError as error:
        messages.error(request, _problems(error))
    return redirect(_overview(ref))


def _parse_pairs(values: list[str]) -> set[tuple[int, int]] | None:
    pairs = set()
    for value in values:
        left, _sep, right = value.partition(":")
        if not (left.isdigit() and right.isdigit()):
            return None
        pairs.add((int(left), int(right)))
    return pairs


@login_required
@require_POST
def assignments_save(request: HttpRequest, ref: str) -> HttpResponse:
    evaluation = get_evaluation(request.user, ref, roles=PROCUREMENT)
    pairs = _parse_pairs(request.POST.getlist("assign"))
    if pairs is None:
        messages.error(request, _("The assignments could not be read; nothing was changed."))
        return redirect(_overview(ref))
    try:
        services.assignments_set(rfp=evaluation.rfp, by=request.user, pairs=pairs)
        messages.success(request, _("Assignments saved."))
    except ValidationError as error:
        messages.error(request, _problems(error))
    return redirect(_overview(ref))


@login_required
@require_POST
def price_open(request: HttpRequest, ref: str) -> HttpResponse:
    evaluation = get_evaluation(request.user, ref, roles=PROCUREMENT, statuses=SCORING_STATUSES)
    try:
        services.price_envelope_open(rfp=evaluation.rfp, by=request.user)
        messages.success(request, _("The price envelope is open: prices now count in the ranking."))
    except ValidationError as error:
        messages.error(request, _problems(error))
    return redirect(_overview(ref))


# --- the evaluator -----------------------------------------------------------------------------


@login_required
def conflicts(request: HttpRequest, ref: str) -> HttpResponse:
    """Before seeing any answer, the evaluator declares per vendor whether they have a conflict."""
    evaluation = get_evaluation(request.user, ref, roles=EVALUATOR_ONLY, statuses=RESULT_STATUSES)
    rfp = evaluation.rfp
    # Names, not aliases: nobody can declare a conflict with "Vendor B". They are listed
    # alphabetically, so the list says nothing about which alias is which.
    vendors = sorted(selectors.bidders(rfp), key=lambda b: b.name.casefold())
    declared = {d.vendor_id: d for d in ConflictDeclaration.objects.filter(rfp=rfp, evaluator=request.user)}
    if request.method == "POST":
        if rfp.status != Status.EVALUATION:
            raise Http404
        declarations = {}
        for bidder in vendors:
            choice = request.POST.get(f"vendor_{bidder.vendor_id}")
            if choice in ("none", "conflict"):
                declarations[bidder.vendor_id] = (
                    choice == "conflict",
                    request.POST.get(f"note_{bidder.vendor_id}", ""),
                )
        try:
            services.conflicts_declare(rfp=rfp, evaluator=request.user, declarations=declarations)
            messages.success(request, _("Your declarations are recorded."))
            return redirect(_overview(ref))
        except ValidationError as error:
            messages.error(request, _problems(error))
    rows = [(b, declared.get(b.vendor_id)) for b in vendors]
    return render(request, "scoring/conflicts.html", {"evaluation": evaluation, "rfp": rfp, "rows": rows})


def _sheet_url(ref: str, section_id: int, **query) -> str:
    base = reverse("scoring:section", kwargs={"ref": ref, "section_id": section_id})
    return base + "?" + urlencode({k: v for k, v in query.items() if v not in (None, "")})


def _sheet_links(ref: str, section_id: int, page) -> dict:
    """Every link of the page keeps the rest of its state (mode, focus, filter)."""

    def link(**change) -> str:
        state = {"by": page.mode, "at": page.position, "show": page.filter, "page": page.page} | change
        return _sheet_url(ref, section_id, **state)

    def maybe(value, **change) -> str | None:
        return None if value is None else link(**change)

    return {
        "modes": [(mode, link(by=mode, at=1, page=1)) for mode in selectors.SHEET_MODES],
        "filters": [(name, link(show=name, page=1), page.filter_counts[name]) for name in selectors.SHEET_FILTERS],
        "previous_page": maybe(page.previous_page, page=page.previous_page),
        "next_page": maybe(page.next_page, page=page.next_page),
        "previous_position": maybe(page.previous_position, at=page.previous_position, page=1),
        "next_position": maybe(page.next_position, at=page.next_position, page=1),
        "here": link(),
    }


@login_required
@require_GET
def section(request: HttpRequest, ref: str, section_id: int) -> HttpResponse:
    """One page of an assigned section: a question across vendors, or one vendor's answers."""
    evaluation, assignment = get_assignment(request.user, ref, section_id)
    page = selectors.scoring_page(
        evaluation,
        assignment,
        mode=request.GET.get("by", "question"),
        position=id_from(request.GET.get("at")),
        filter_name=request.GET.get("show", "all"),
        page=id_from(request.GET.get("page")) or 1,
    )
    return render(
        request,
        "scoring/section.html",
        {
            "evaluation": evaluation,
            "rfp": evaluation.rfp,
            "assignment": assignment,
            "section": assignment.section,
            "sheet": page,
            "progress": page.progress,
            "links": _sheet_links(ref, section_id, page),
            "editable": evaluation.is_scoring_open and not assignment.is_submitted,
        },
    )


def _version_from(request: HttpRequest) -> int | None:
    """The score's version the page was loaded with; None when the form did not send one."""
    text = request.POST.get("version")
    if text is None:
        return None
    number = id_from(text)
    return -1 if number is None else number  # a tampered version can only conflict


@login_required
@require_POST
def score_save(request: HttpRequest, ref: str, answer_id: int) -> HttpResponse:
    evaluation, answer, assignment = get_answer_to_score(request.user, ref, answer_id)
    form = ScoreForm(request.POST)
    error, conflict, score = "", False, None
    if form.is_valid():
        try:
            score = services.score_save(
                answer=answer,
                evaluator=request.user,
                assignment=assignment,
                points=form.cleaned_data["points"],
                comment=form.cleaned_data["comment"],
                flagged=form.cleaned_data["flagged"],
                version=_version_from(request),
            )
        except services.ScoreConflict as exc:
            error, conflict, score = str(exc), True, exc.score
        except ValidationError as exc:
            error = _problems(exc)
    else:
        error = " ".join(message for errors in form.errors.values() for message in errors)
    if request.htmx:
        # The form comes back in place with what was typed (or the other window's version on a
        # conflict); the progress card (and its Submit button) is swapped out of band, so the
        # evaluator sees the count move and can submit once it is complete.
        if score is None:
            score = Score.objects.filter(answer=answer, evaluator=request.user).first()
        return render(
            request,
            "scoring/_score_response.html",
            {
                "rfp": evaluation.rfp,
                "answer_id": answer.pk,
                "score": score,
                "label": request.POST.get("label", "")[:80],
                "error": error,
                "conflict": conflict,
                "posted": request.POST if error and not conflict else None,
                "saved": not error,
                "progress": selectors.assignment_progress(evaluation, assignment, preview=True),
                "reload_url": request.headers.get("HX-Current-URL", "") if conflict else "",
                "assignment": assignment,
                "section": assignment.section,
                "editable": True,
                "oob": True,
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Score saved."))
    back = request.POST.get("back", "")
    if not back.startswith("/") or back.startswith("//"):
        back = reverse("scoring:section", kwargs={"ref": ref, "section_id": answer.question.section_id})
    return redirect(back)


@login_required
@require_POST
def section_submit(request: HttpRequest, ref: str, section_id: int) -> HttpResponse:
    evaluation, assignment = get_assignment(request.user, ref, section_id)
    try:
        services.section_submit(assignment=assignment, evaluation=evaluation, by=request.user)
        messages.success(request, _("Section submitted: your scores are locked."))
    except ValidationError as error:
        messages.error(request, _problems(error))
    return redirect(reverse("scoring:section", kwargs={"ref": ref, "section_id": section_id}))


@login_required
@require_GET
def attachment(request: HttpRequest, ref: str, attachment_id: int) -> FileResponse:
    """The scoring sheet's links to bid files: served and logged as the bid rule allows. With
    ?inline=1 a PDF is shown in the sheet's preview frame (same origin only) instead of
    downloaded."""
    response = bid_file(request, ref, attachment_id)
    if request.GET.get("inline") == "1" and response.get("Content-Type") == "application/pdf":
        response["Content-Disposition"] = response["Content-Disposition"].replace("attachment", "inline", 1)
        response["X-Frame-Options"] = "SAMEORIGIN"
        # Read by django-csp's middleware: this one response may be framed by our own pages and
        # shown by the browser's PDF viewer.
        response._csp_replace = {"frame-ancestors": ["'self'"], "object-src": ["'self'"]}
    return response


# --- moderation --------------------------------------------------------------------------------


@login_required
@require_GET
def moderation(request: HttpRequest, ref: str) -> HttpResponse:
    """Answers to moderate a page at a time, grouped by question: every evaluator's score and
    comment side by side, and the consensus form (a reason is required)."""
    evaluation = get_evaluation(request.user, ref, roles=PROCUREMENT, statuses=SCORING_STATUSES)
    rfp = evaluation.rfp
    sections = list(rfp.sections.filter(kind=SectionKind.TECHNICAL).order_by("order", "id"))
    section_id = id_from(request.GET.get("section"))
    page = selectors.moderation_page(
        rfp,
        show=request.GET.get("show", "disagreements"),
        section_id=section_id,
        page=id_from(request.GET.get("page")) or 1,
    )

    def link(**change) -> str:
        state = {"show": page.show, "section": section_id, "page": page.page} | change
        return "?" + urlencode({k: v for k, v in state.items() if v not in (None, "")})

    return render(
        request,
        "scoring/moderation.html",
        {
            "evaluation": evaluation,
            "rfp": rfp,
            "moderation": page,
            "show": page.show,
            "sections": sections,
            "section_id": section_id,
            "blind": evaluation.settings.blind,
            "agreement": selectors.panel_agreement(rfp, questions=[g.question.id for g in page.groups]),
            "previous_page": link(page=page.page - 1) if page.page > 1 else None,
            "next_page": link(page=page.page + 1) if page.page < page.pages else None,
        },
    )


@login_required
@require_POST
def consensus_save(request: HttpRequest, ref: str, answer_id: int) -> HttpResponse:
    evaluation, answer = get_answer_to_moderate(request.user, ref, answer_id)
    back = request.POST.get("back") or reverse("scoring:moderation", kwargs={"ref": ref})
    if not back.startswith("/"):
        back = reverse("scoring:moderation", kwargs={"ref": ref})
    if request.POST.get("clear"):
        services.consensus_clear(answer=answer, by=request.user)
        messages.success(request, _("Consensus removed: the evaluators' aggregate counts again."))
        return redirect(back)
    form = ConsensusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a consensus score from 0 to 5 and give the reason."))
        return redirect(back)
    try:
        services.consensus_set(answer=answer, by=request.user, **form.cleaned_data)
        messages.success(request, _("Consensus score saved; the individual scores are unchanged."))
    except ValidationError as error:
        messages.error(request, _problems(error))
    return redirect(back)


# --- the ranking -------------------------------------------------------------------------------


def _method(request: HttpRequest) -> str:
    method = request.GET.get("method", "wsm")
    return method if method in selectors.METHODS else "wsm"


@login_required
@require_GET
def ranking(request: HttpRequest, ref: str) -> HttpResponse:
    evaluation = get_evaluation(request.user, ref, roles=RESULT_READERS, statuses=RESULT_STATUSES)
    method = _method(request)
    result = selectors.ranking_for_rfp(evaluation.rfp, method=method, settings=evaluation.settings)
    context = {"evaluation": evaluation, "rfp": evaluation.rfp, "ranking": result, "method": method}
    # Sliders reach twice the heaviest weight, so that the usual small weights are not crammed
    # into the first tenth of the track.
    context["slider_max"] = 100 if max(result.weights, default=0) > 25 else 50
    if not result.error and result.rows:
        robustness = selectors.robustness_for(result) if method == "wsm" else None
        context |= {
            "heatmap": [mark_safe(svg) for svg in charts.heat_map_split(result, rtl=get_language_bidi())],  # noqa: S308
            "bars": mark_safe(charts.total_bars(result, rtl=get_language_bidi())),  # noqa: S308
            "robustness": robustness,
            "confidence": selectors.lead_confidence(result, robustness),
            "stress": selectors.price_stress_for(result) if method == "wsm" else None,
            "methods": selectors.method_agreement(result),
            "whatif_rows": selectors.what_if(result, result.weights) if method == "wsm" else None,
            "comparison": last_round_comparison(evaluation.rfp, result) if method == "wsm" else None,
            "answer_checks": _answer_checks(evaluation.rfp, result),
        }
    return render(request, "scoring/ranking.html", context)


def _answer_checks(rfp, ranking) -> list:
    """Per ranked vendor (in the table's order), how many answer checks touch its bid, by kind."""
    from insights.selectors import vendor_counts

    counts = vendor_counts(rfp)
    return [counts.get(row.result.vendor_id) for row in ranking.rows]


@login_required
@require_POST
def what_if(request: HttpRequest, ref: str) -> HttpResponse:
    """Re-rank with the slider weights; nothing is saved, so executives may play too."""
    evaluation = get_evaluation(request.user, ref, roles=RESULT_READERS, statuses=RESULT_STATUSES)
    result = selectors.ranking_for_rfp(evaluation.rfp, settings=evaluation.settings)
    error, rows, weights, robustness = "", None, None, None
    try:
        raw = [float(request.POST.get(f"w_{s.id}", s.weight)) for s in result.sections]
        if any(w < 0 or w != w or w > 1000 for w in raw):
            raise ValueError(_("Weights must be between 0 and 100."))
        weights = selectors.normalised_weights(raw)
        if not result.error:
            rows = selectors.what_if(result, weights)
            robustness = selectors.robustness_for(result, weights)
    except ValueError as exc:
        error = str(exc) if str(exc) and "could not convert" not in str(exc) else _("Weights must be numbers.")
    context = {
        "rfp": evaluation.rfp,
        "ranking": result,
        "whatif_rows": rows,
        "weights": list(zip(result.sections, weights or result.weights, strict=True)),
        "robustness": robustness,
        "error": error or result.error,
    }
    return render(request, "scoring/_whatif.html", context)


# --- AHP ---------------------------------------------------------------------------------------


def _ahp_initial(rfp, sections) -> dict[str, str]:
    """The last derivation's judgements when the sections are the same; else the ratios of the
    current weights, so that a first look reproduces today's weights."""
    last = WeightDerivation.objects.filter(rfp=rfp).first()
    ids = [s.id for s in sections]
    initial = {}
    if last and last.section_ids == ids:
        values = iter(last.judgements)
        for i in range(len(sections)):
            for j in range(i + 1, len(sections)):
                initial[f"pair_{i}_{j}"] = nearest_saaty(next(values))
        return initial
    for i, left in enumerate(sections):
        for j in range(i + 1, len(sections)):
            right = sections[j]
            if left.weight > 0 and right.weight > 0:
                initial[f"pair_{i}_{j}"] = nearest_saaty(float(left.weight / right.weight))
    return initial


def _ahp_selection(request: HttpRequest, sections: list) -> list:
    """The sections to compare: those ticked, else the weighted ones (the ten heaviest at most,
    AHP being defined for up to ten items), in questionnaire order."""
    source = request.POST if request.method == "POST" else request.GET
    ticked = {pk for pk in map(id_from, source.getlist("s")) if pk is not None}
    if ticked:
        return [s for s in sections if s.id in ticked]
    weighted = [s for s in sections if s.weight > 0]
    heaviest = {s.id for s in sorted(weighted, key=lambda s: -s.weight)[:MAX_AHP_ITEMS]}
    return [s for s in sections if s.id in heaviest]


@login_required
def ahp(request: HttpRequest, ref: str) -> HttpResponse:
    evaluation = get_evaluation(request.user, ref, roles=PROCUREMENT, statuses=SETUP_STATUSES | {Status.DRAFT})
    rfp = evaluation.rfp
    sections = list(rfp.sections.order_by("order", "id"))
    chosen = _ahp_selection(request, sections)
    chosen_ids = {s.id for s in chosen}
    # Weights are part of the published evaluation method: they are set while drafting and fixed
    # once vendors can bid, as moving them after the answers are known could not be defended.
    writable = rfp.status == Status.DRAFT
    context = {
        "evaluation": evaluation,
        "rfp": rfp,
        "sections": sections,
        "chosen": chosen,
        "choice_rows": [(s, s.id in chosen_ids) for s in sections],
        "shared": sum((s.weight for s in chosen), Decimal("0")),
        "writable": writable,
        "max_items": MAX_AHP_ITEMS,
        "last": WeightDerivation.objects.filter(rfp=rfp).first(),
    }
    if not 2 <= len(chosen) <= MAX_AHP_ITEMS:
        messages.error(request, _("Tick between 2 and 10 sections to compare."))
        return render(request, "scoring/ahp.html", context)
    data = request.POST if request.method == "POST" else None
    form = AhpForm(data, sections=chosen, initial_values=_ahp_initial(rfp, chosen))
    result = None
    if data is not None and form.is_valid():
        judgements = form.judgements()
        try:
            result = services.ahp_weights_for([s.id for s in chosen], judgements)
            if request.POST.get("action") == "apply":
                if not writable:
                    raise ValidationError(
                        _(
                            "Weights are fixed once the RFP is published: changing them after bids arrive could "
                            "not be defended. Use the what-if on the ranking page to explore other weights."
                        )
                    )
                services.ahp_apply(
                    rfp=rfp,
                    by=request.user,
                    section_ids=[s.id for s in chosen],
                    judgements=judgements,
                    override=form.cleaned_data["override"],
                )
                messages.success(request, _("Section weights updated from the AHP comparison."))
                query = "&".join(f"s={s.id}" for s in chosen)
                return redirect(reverse("scoring:ahp", kwargs={"ref": ref}) + "?" + query)
        except ValidationError as error:
            messages.error(request, _problems(error))
    elif data is not None:
        messages.error(request, _("Choose one judgement for every pair."))
    if result is not None:
        proposed = services.ahp_share(result.priorities, context["shared"] or Decimal("100"))
        largest = float(max(proposed)) or 1.0
        context["proposal"] = [
            (s, float(w), s.weight, round(100 * float(w) / largest)) for s, w in zip(chosen, proposed, strict=True)
        ]
    context |= {"form": form, "result": result}
    return render(request, "scoring/ahp.html", context)
