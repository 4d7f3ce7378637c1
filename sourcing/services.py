"""Writes to make-or-buy assessments: create, update, delete. Each validates before saving and
writes an audit entry (on the RFP's log when the assessment is attached to one)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from config.text_rules import LONG_TEXT_MAX, TITLE_MAX, name_problem, names_problem, refuse_problems, text_problem
from rfp.access import rfp_membership
from rfp.audit import audit_log, snapshot
from rfp.models import RFP, MemberRole
from sourcing.models import Assessment

AUDITED_FIELDS = ["title", "seats", "rhythm", "complexity", "knowledge", "years"]


def text_problems(fields: dict) -> dict[str, str]:
    """{field: problem} for the assessment's texts, among the fields given: its title is a name
    (read in the report: no direction controls), its context a capped text, languages short names."""
    problems = {}
    if isinstance(fields.get("title"), str):
        problems["title"] = name_problem(fields["title"], field=_("The title"), limit=TITLE_MAX)
    if isinstance(fields.get("context"), str):
        problems["context"] = text_problem(fields["context"], limit=LONG_TEXT_MAX, field=_("The context"))
    if isinstance(fields.get("languages"), list):
        problems["languages"] = names_problem(fields["languages"], field=_("The languages"))
    return {name: problem for name, problem in problems.items() if problem}


def _check_can_attach(*, rfp: RFP, by) -> None:
    membership = rfp_membership(by, rfp)
    if membership is None or membership.role != MemberRole.PROCUREMENT:
        raise ValidationError({"rfp": _("Only the RFP's procurement team can attach an assessment to it.")})
    if Assessment.objects.filter(rfp=rfp).exists():
        raise ValidationError({"rfp": _("%(ref)s already has an assessment.") % {"ref": rfp.reference}})


@transaction.atomic
def assessment_create(*, by, rfp: RFP | None = None, **fields) -> Assessment:
    if not by.is_procurement:
        raise ValidationError(_("Only procurement users create make-or-buy assessments."))
    refuse_problems(text_problems(fields))
    if rfp is not None:
        _check_can_attach(rfp=rfp, by=by)
        fields.setdefault("currency", rfp.currency)
    assessment = Assessment(rfp=rfp, owner=by, **fields)
    assessment.full_clean()
    assessment.save()
    audit_log(
        action="sourcing.assessment_created",
        actor=by,
        rfp=rfp,
        obj=assessment,
        after=snapshot(assessment, AUDITED_FIELDS),
    )
    return assessment


@transaction.atomic
def assessment_update(*, assessment: Assessment, by, **fields) -> Assessment:
    fields.pop("rfp", None)  # an assessment stays where it was created
    refuse_problems(text_problems(fields))
    # The stored values, not the instance's: a form may already have written the new ones onto it.
    before = snapshot(Assessment.objects.get(pk=assessment.pk), list(fields))
    for name, value in fields.items():
        setattr(assessment, name, value)
    assessment.full_clean()
    assessment.save()
    changed = {name: value for name, value in snapshot(assessment, list(fields)).items() if before[name] != value}
    audit_log(
        action="sourcing.assessment_updated",
        actor=by,
        rfp=assessment.rfp,
        obj=assessment,
        before={name: before[name] for name in changed},
        after=changed,
    )
    return assessment


@transaction.atomic
def assessment_delete(*, assessment: Assessment, by) -> None:
    audit_log(
        action="sourcing.assessment_deleted",
        actor=by,
        rfp=assessment.rfp,
        obj=assessment,
        before=snapshot(assessment, AUDITED_FIELDS),
    )
    assessment.delete()
