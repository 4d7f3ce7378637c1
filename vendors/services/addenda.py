"""Addenda: a question reworded or added on an open RFP, each change a numbered addendum that
raises the questionnaire version and is e-mailed to every invited vendor, who acknowledges it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from config.text_rules import QUESTION_TEXT_MAX, check_text, refuse_problems
from rfp.audit import audit_log
from rfp.models import CHOICE_TYPES, RFP, Addendum, Question, QuestionType, Section
from rfp.questionnaire import question_as_dict, question_text_problems
from vendors import selectors
from vendors.emails import absolute_url, send_templated
from vendors.models import Invitation
from vendors.services.state import require_open


def choices_from_labels(labels: list[str], old: list[dict]) -> list[dict]:
    """New choice list from labels, keeping the points of labels that already existed."""
    points = {c["label"]: c.get("points") for c in old}
    return [{"label": label, "points": points.get(label)} for label in labels]


def _choice_labels_problem(question_type: str, labels: list[str]) -> str:
    if question_type not in CHOICE_TYPES:
        return ""
    if question_type == QuestionType.YES_NO:
        return ""
    if len(labels) < 2:
        return _("A choice question needs at least two choices, one per line.")
    if len({label.casefold() for label in labels}) != len(labels):
        return _("Each choice must be different.")
    return ""


def _issue_addendum(*, rfp: RFP, by, summary: str, changes: list[dict]) -> Addendum:
    number = (Addendum.objects.filter(rfp=rfp).aggregate(m=Max("number"))["m"] or 0) + 1
    addendum = Addendum.objects.create(rfp=rfp, number=number, summary=summary, changes=changes, created_by=by)
    RFP.objects.filter(pk=rfp.pk).update(questionnaire_version=F("questionnaire_version") + 1)
    rfp.refresh_from_db(fields=["questionnaire_version"])
    audit_log(
        action="addendum.issued",
        actor=by,
        rfp=rfp,
        obj=addendum,
        before={"questionnaire_version": rfp.questionnaire_version - 1},
        after={"questionnaire_version": rfp.questionnaire_version, "number": number, "changes": changes},
        message=summary,
    )
    return addendum


def _notify_addendum(addendum: Addendum) -> None:
    rfp = addendum.rfp
    send_templated(
        template="addendum_issued",
        to=selectors.notification_addresses(rfp),
        context={"rfp": rfp, "addendum": addendum, "url": absolute_url("vendors:rfp", ref=rfp.reference)},
    )


def _require_summary(summary: str) -> str:
    summary = summary.strip()
    if not summary:
        raise ValidationError({"summary": _("Say what changed and why; every invited vendor reads it.")})
    check_text(summary, limit=QUESTION_TEXT_MAX, field=_("The summary"), key="summary")
    return summary


def addendum_edit_question(
    *, rfp: RFP, question: Question, by, summary: str, text: str, guidance: str, choices: list[str] | None = None
) -> Addendum:
    """Change one question's wording, guidance or choice labels on an open RFP."""
    require_open(rfp)
    summary = _require_summary(summary)
    if question.section.rfp_id != rfp.pk:
        raise ValidationError(_("That question is not part of this RFP."))
    new = {"text": text.strip(), "guidance": guidance.strip()}
    if not new["text"]:
        raise ValidationError({"text": _("The question text cannot be empty.")})
    if choices is not None and question.type in CHOICE_TYPES and question.type != QuestionType.YES_NO:
        problem = _choice_labels_problem(question.type, choices)
        if problem:
            raise ValidationError({"choices": problem})
        new["choices"] = choices_from_labels(choices, question.choices)
    refuse_problems(question_text_problems(new))
    changes = []
    for name, value in new.items():
        old = getattr(question, name)
        if name == "choices":
            before, after = [c["label"] for c in old], [c["label"] for c in value]
        else:
            before, after = old, value
        if before != after:
            changes.append(
                {
                    "action": "edit",
                    "question_id": question.pk,
                    "question": question.key,
                    "section": question.section.title,
                    "field": name,
                    "before": before,
                    "after": after,
                }
            )
    if not changes:
        raise ValidationError(_("Nothing changed: edit the text, the guidance or the choices."))
    with transaction.atomic():
        for name, value in new.items():
            setattr(question, name, value)
        question.full_clean()
        question.save(update_fields=list(new))
        addendum = _issue_addendum(rfp=rfp, by=by, summary=summary, changes=changes)
    _notify_addendum(addendum)
    return addendum


def addendum_add_question(
    *,
    rfp: RFP,
    section: Section,
    by,
    summary: str,
    text: str,
    type: str,
    guidance: str = "",
    choices: list[str] | None = None,
    required: bool = True,
    unit: str = "",
    word_limit: int | None = None,
) -> Addendum:
    """Add a question at the end of a section of an open RFP. Evaluators score it by hand."""
    require_open(rfp)
    summary = _require_summary(summary)
    if section.rfp_id != rfp.pk:
        raise ValidationError(_("That section is not part of this RFP."))
    labels = ["Yes", "No"] if type == QuestionType.YES_NO else (choices or [])
    problem = _choice_labels_problem(type, labels)
    if problem:
        raise ValidationError({"choices": problem})
    existing = set(Question.objects.filter(section__rfp=rfp).values_list("key", flat=True))
    number = section.questions.count() + 1
    while f"{section.key}-{number:02d}"[:40] in existing:
        number += 1
    question = Question(
        section=section,
        key=f"{section.key}-{number:02d}"[:40],
        text=text.strip(),
        type=type,
        guidance=guidance.strip(),
        required=required,
        unit=unit.strip(),
        word_limit=word_limit,
        choices=choices_from_labels(labels, []) if type in CHOICE_TYPES else [],
        order=(section.questions.aggregate(m=Max("order"))["m"] or 0) + 1,
    )
    refuse_problems(question_text_problems(question_as_dict(question)))
    question.full_clean()
    change = {
        "action": "add",
        "question": question.key,
        "section": section.title,
        "field": "question",
        "before": None,
        "after": question.text,
    }
    with transaction.atomic():
        question.save()
        change["question_id"] = question.pk
        addendum = _issue_addendum(rfp=rfp, by=by, summary=summary, changes=[change])
    _notify_addendum(addendum)
    return addendum


def addenda_acknowledge(*, invitation: Invitation, by) -> Invitation:
    latest = Addendum.objects.filter(rfp_id=invitation.rfp_id).aggregate(m=Max("number"))["m"] or 0
    if latest <= invitation.addenda_acknowledged:
        return invitation
    before = {"addenda_acknowledged": invitation.addenda_acknowledged}
    invitation.addenda_acknowledged = latest
    invitation.save(update_fields=["addenda_acknowledged"])
    audit_log(
        action="addenda.acknowledged",
        actor=by,
        rfp=invitation.rfp,
        obj=invitation,
        before=before,
        after={"addenda_acknowledged": latest},
    )
    return invitation
