"""Demo evaluation: a panel that scores every human-scored answer of an RFP plausibly.

`seed_evaluation(rfp, evaluators)` starts the evaluation if the RFP is closed, assigns the
panel, records "no conflict" declarations, scores every answer that needs a person from the
answer's own quality (length, figures, specific practices), submits every section, and makes one
disagreement explicit: two evaluators three points apart on one answer, with their reasons.
Everything goes through the services, so the audit log reads like a real evaluation.

Scores are deterministic: the same answers give the same scores on every run.
"""

import hashlib
import re

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext_lazy

from rfp.models import MemberRole, RFPMember, SectionKind, Status
from rfp.services import member_add
from scoring import services
from scoring.access import Evaluation, is_human_scored, settings_for
from scoring.models import Assignment
from scoring.selectors import bidders
from vendors.answer_values import display_value
from vendors.models import Answer, AnswerState, ResponseStatus

# Acronyms read the same in every language; the other words are stems, translated so that a demo
# answer written in Polish or Hebrew is judged on the same evidence as one in English.
EVIDENCE_ACRONYMS = ("iso", "soc", "pci", "kpi", "sla", "qa", "csat", "nps", "fcr")
EVIDENCE_WORDS = (
    pgettext_lazy("demo evidence word stem", "weekly"),
    pgettext_lazy("demo evidence word stem", "monthly"),
    pgettext_lazy("demo evidence word stem", "quarterly"),
    pgettext_lazy("demo evidence word stem", "dashboard"),
    pgettext_lazy("demo evidence word stem", "root cause"),
    pgettext_lazy("demo evidence word stem", "coaching"),
    pgettext_lazy("demo evidence word stem", "training"),
    pgettext_lazy("demo evidence word stem", "audit"),
    pgettext_lazy("demo evidence word stem", "certified"),
    pgettext_lazy("demo evidence word stem", "governance"),
    pgettext_lazy("demo evidence word stem", "escalation"),
    pgettext_lazy("demo evidence word stem", "retention"),
    pgettext_lazy("demo evidence word stem", "attrition"),
    pgettext_lazy("demo evidence word stem", "workforce"),
    pgettext_lazy("demo evidence word stem", "forecast"),
    pgettext_lazy("demo evidence word stem", "calibration"),
    pgettext_lazy("demo evidence word stem", "named"),
    pgettext_lazy("demo evidence word stem", "tested"),
    pgettext_lazy("demo evidence word stem", "recovery"),
)
COMMENTS = {
    0: gettext_noop("Not addressed: the answer does not respond to the requirement."),
    1: gettext_noop("Clearly does not meet the requirement: generic statements, no evidence."),
    2: gettext_noop("Partly meets the requirement; key elements and figures are missing."),
    3: gettext_noop("Adequately meets the requirement."),
    4: gettext_noop("Meets the requirement well, with concrete practice and some figures."),
    5: gettext_noop("Greatly exceeds the requirement: specific figures, named practices and evidence."),
}


def _unit(*parts) -> float:
    """A deterministic number in [0, 1) from any parts (stable across runs and machines)."""
    digest = hashlib.sha256(":".join(str(p) for p in parts).encode()).hexdigest()
    return int(digest[:8], 16) / 0x100000000


def _stable_key(answer: Answer) -> str:
    """Names the answer by what it is, not by its row id, so that the demo scores (and so its
    ranking) are the same in every database, whatever ids the rows happen to get."""
    return f"{answer.response.rfp.reference}/{answer.response.vendor.slug}/{answer.question.key}"


def text_quality(text: str) -> float | None:
    """How convincing a free-text answer reads, 0-1: substance, figures and specific practice.
    None when there is no text to judge (numbers, dates, files)."""
    words = text.split()
    if len(words) < 4:
        return None
    lowered = text.lower()
    length = min(len(words) / 90.0, 1.0)
    figures = min(len(re.findall(r"\d", text)) / 8.0, 1.0)
    evidence = set(EVIDENCE_ACRONYMS) | {str(word).lower() for word in EVIDENCE_WORDS}
    practice = min(sum(1 for w in evidence if w in lowered) / 5.0, 1.0)
    return 0.4 * length + 0.3 * figures + 0.3 * practice


# A cross-functional panel: evaluators[1] is the security and risk lead, evaluators[2] the finance
# partner; each takes the risk areas of their trade (the bank's section keys).
SPECIALIST_SECTIONS = {
    1: {"security", "continuity", "exit", "innovation", "location"},
    2: {"commercial", "governance", "references", "scalability", "vmo"},
}


def _specialist(section, evaluators, index: int):
    for position, keys in SPECIALIST_SECTIONS.items():
        if section.key in keys and position < len(evaluators):
            return evaluators[position]
    return evaluators[1 + index % (len(evaluators) - 1)]


def _assign_panel(rfp, evaluators, by) -> dict[int, list]:
    """The first evaluator (the operations lead) reads every section; a specialist reads the
    sections of their trade as well, so that every answer gets two independent scores."""
    sections = [
        s
        for s in rfp.sections.filter(kind=SectionKind.TECHNICAL).order_by("order", "id")
        if any(is_human_scored_in(s, q) for q in s.questions.all())
    ]
    pairs = set()
    panel: dict[int, list] = {}
    for index, section in enumerate(sections):
        chosen = [evaluators[0]]
        if len(evaluators) > 1:
            chosen.append(_specialist(section, evaluators, index))
        panel[section.id] = chosen
        pairs |= {(section.id, user.pk) for user in chosen}
    services.assignments_set(rfp=rfp, by=by, pairs=pairs)
    return panel


def is_human_scored_in(section, question) -> bool:
    question.section = section
    return is_human_scored(question)


def seed_evaluation(rfp, evaluators: list, *, by=None, halfway=None) -> dict:
    """Score every human-scored answer of `rfp` with `evaluators` and submit. Returns a summary:
    {"scores": n, "disagreement": (answer id, [(username, points), ...])}. The evaluators read and
    comment in the questionnaire's language.

    With `halfway` (one of the evaluators), that evaluator is in the middle of the work: they
    submitted the first half of their sections, scored half of the next one and have not opened
    the rest, so the RFP stays in evaluation."""
    with translation.override(rfp.language):
        return _seed_evaluation(rfp, evaluators, by, halfway)


def _halfway_plan(panel: dict[int, list], user) -> tuple[set[int], int | None]:
    """The sections `user` submitted (the first half of theirs) and the one they are working on."""
    mine = [section_id for section_id, users in panel.items() if user in users]
    half = len(mine) // 2
    return set(mine[:half]), (mine[half] if half < len(mine) else None)


def _seed_evaluation(rfp, evaluators: list, by, halfway=None) -> dict:
    if not evaluators:
        raise ValueError("The demo evaluation needs at least one evaluator.")
    by = by or RFPMember.objects.filter(rfp=rfp, role=MemberRole.PROCUREMENT).select_related("user").first().user
    for user in evaluators:
        member_add(rfp=rfp, user=user, role=MemberRole.EVALUATOR, by=by)
    if rfp.status == Status.CLOSED:
        services.evaluation_start(rfp=rfp, by=by)
    panel = _assign_panel(rfp, evaluators, by)
    done, current = _halfway_plan(panel, halfway) if halfway else (set(panel), None)
    bids = bidders(rfp)
    for user in evaluators:
        services.conflicts_declare(rfp=rfp, evaluator=user, declarations={b.vendor_id: (False, "") for b in bids})

    answers = list(
        Answer.objects.filter(
            response__rfp=rfp, response__status=ResponseStatus.SUBMITTED, question__section_id__in=list(panel)
        )
        .select_related("question__section", "response__rfp", "response__vendor")
        .order_by("question__section__order", "question__order", "response__vendor__name")
    )
    vendor_quality = _vendor_quality(answers)
    # The disagreement is in a section both of its evaluators submitted: the one to moderate.
    disagreement = _pick_disagreement([a for a in answers if a.question.section_id in done], panel)
    assignments = {(a.section_id, a.evaluator_id): a for a in Assignment.objects.filter(section__rfp=rfp)}
    in_current = [a for a in answers if a.question.section_id == current]
    stop_at = {a.pk for a in in_current[len(in_current) // 2 :]}
    count = 0
    for answer in answers:
        if answer.state != AnswerState.ANSWERED or not is_human_scored(answer.question):
            continue
        for position, user in enumerate(panel[answer.question.section_id]):
            if user == halfway and (answer.question.section_id not in done | {current} or answer.pk in stop_at):
                continue
            points, comment = _score_for(answer, user, vendor_quality)
            if disagreement is not None and answer.pk == disagreement.pk:
                points, comment = _disagreeing(position)
            services.score_save(
                answer=answer,
                evaluator=user,
                assignment=assignments[(answer.question.section_id, user.pk)],
                points=points,
                comment=comment,
            )
            count += 1
    evaluation_by_user = {
        u.pk: Evaluation(rfp=rfp, role=MemberRole.EVALUATOR, settings=settings_for(rfp)) for u in evaluators
    }
    for (section_id, uid), assignment in assignments.items():
        if assignment.evaluator == halfway and section_id not in done:
            continue
        services.section_submit(assignment=assignment, evaluation=evaluation_by_user[uid], by=assignment.evaluator)
    if rfp.two_envelope and not halfway and not settings_for(rfp).price_opened:
        services.price_envelope_open(rfp=rfp, by=by)  # technical scoring is complete: prices may open
    summary = {"scores": count, "disagreement": None}
    if disagreement is not None:
        summary["disagreement"] = (
            disagreement.pk,
            [(u.username, _disagreeing(i)[0]) for i, u in enumerate(panel[disagreement.question.section_id])],
        )
    return summary


def _vendor_quality(answers: list[Answer]) -> dict[int, float]:
    """Each vendor's mean text quality: the basis for answers that are not text (a file, a
    number judged against a rubric), since a strong bid tends to be strong throughout."""
    totals: dict[int, list[float]] = {}
    for answer in answers:
        quality = text_quality(display_value(answer.value)) if answer.state == AnswerState.ANSWERED else None
        if quality is not None:
            totals.setdefault(answer.response.vendor_id, []).append(quality)
    return {vendor: sum(values) / len(values) for vendor, values in totals.items()}


def _score_for(answer: Answer, user, vendor_quality: dict[int, float]) -> tuple[int, str]:
    text = display_value(answer.value)
    quality = text_quality(text)
    if quality is None:
        quality = vendor_quality.get(answer.response.vendor_id, 0.5)
    # Evaluators differ a little in leniency and read each answer a little differently, but
    # by less than a point in all: apart from the explicit case, the panel agrees within 1.
    leniency = (_unit("leniency", user.username) - 0.5) * 0.5
    noise = (_unit("noise", _stable_key(answer), user.username) - 0.5) * 0.4
    points = max(0, min(5, round(0.4 + quality * 4.8 + leniency + noise)))
    return points, _(COMMENTS[points])


def _pick_disagreement(answers: list[Answer], panel: dict[int, list]) -> Answer | None:
    """A long answer of middling quality in a section read by two evaluators: the kind of answer
    on which a panel really splits."""
    candidates = [
        a
        for a in answers
        if a.state == AnswerState.ANSWERED
        and is_human_scored(a.question)
        and len(panel.get(a.question.section_id, [])) >= 2
        and (text_quality(display_value(a.value)) or 0) > 0
    ]
    if not candidates:
        return None
    candidates.sort(key=lambda a: (abs((text_quality(display_value(a.value)) or 0) - 0.5), _stable_key(a)))
    return candidates[0]


def _disagreeing(position: int) -> tuple[int, str]:
    if position == 0:
        return 4, _("Convincing: concrete practice, and the figures are plausible for a centre of this size.")
    return 1, _(
        "Not evidenced: the figures are not backed by any report or reference, and the text reads like a "
        "brochure. I would not rely on it."
    )
