"""Writes to RFPs: creation, the questionnaire, and the lifecycle.

Every function takes keyword arguments, checks the state it needs, validates before saving, and
writes an audit entry. Lifecycle transitions are explicit functions that refuse illegal moves:
draft -> open -> closed -> evaluation -> decided -> archived.
"""

import json
from datetime import datetime
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from config.text_rules import refuse_problems
from rfp.audit import audit_log, snapshot
from rfp.bank import i18n as bank_i18n
from rfp.deadlines import default_deadline
from rfp.models import (
    RFP,
    BankQuestion,
    BankSection,
    Kind,
    MemberRole,
    Question,
    RFPMember,
    Section,
    Status,
)
from rfp.questionnaire import (
    question_as_dict,
    question_model_fields,
    question_text_problems,
    questionnaire_problems,
    rfp_text_problems,
    section_as_dict,
    section_model_fields,
    section_text_problems,
    weight_problems,
)

BANK_FILE = Path(__file__).resolve().parent / "bank" / "contact_center_bank.json"
RFP_FIELDS = [
    "kind",
    "title",
    "buyer",
    "summary",
    "channels",
    "languages",
    "language",
    "yearly_volumes",
    "hours",
    "sites",
    "deadline",
    "currency",
    "sealed",
    "two_envelope",
    "technical_pass_mark",
    "price_method",
    "price_ceiling",
    "price_floor",
]


class TransitionError(ValidationError):
    """An RFP cannot move to the asked status; the messages say why."""


# --- references and creation -------------------------------------------------------------------


def next_reference(kind: str, year: int) -> str:
    """RFI-2027-001 style. Numbers run across kinds so that an RFI and the RFP promoted from it
    never share one."""
    taken = RFP.objects.filter(reference__contains=f"-{year}-").values_list("reference", flat=True)
    numbers = [int(ref.rsplit("-", 1)[1]) for ref in taken if ref.rsplit("-", 1)[1].isdigit()]
    return f"{kind}-{year}-{max(numbers, default=0) + 1:03d}"


@transaction.atomic
def rfp_create(*, by, reference: str | None = None, **fields) -> RFP:
    refuse_problems(rfp_text_problems(fields))
    kind = fields.get("kind", Kind.RFI)
    deadline: datetime = fields["deadline"]
    rfp = RFP(reference=reference or next_reference(kind, deadline.year), created_by=by, **fields)
    rfp.full_clean()
    rfp.save()
    RFPMember.objects.create(rfp=rfp, user=by, role=MemberRole.PROCUREMENT)
    audit_log(action="rfp.created", actor=by, rfp=rfp, obj=rfp, after=snapshot(rfp, ["reference"] + RFP_FIELDS))
    return rfp


def rfp_update(*, rfp: RFP, by, **fields) -> RFP:
    _require_draft(rfp)
    refuse_problems(rfp_text_problems(fields))
    before = snapshot(rfp, list(fields))
    for name, value in fields.items():
        setattr(rfp, name, value)
    rfp.full_clean()
    rfp.save(update_fields=[*fields, "updated_at"])
    audit_log(action="rfp.updated", actor=by, rfp=rfp, obj=rfp, before=before, after=snapshot(rfp, list(fields)))
    return rfp


def _require_draft(rfp: RFP) -> None:
    if rfp.status != Status.DRAFT:
        raise ValidationError(
            _("The questionnaire of an RFP that is %(status)s changes only through an addendum.")
            % {"status": rfp.get_status_display().lower()}
        )


def rescale_weights(weights: list[Decimal], total: Decimal = Decimal("100")) -> list[Decimal]:
    """Scale weights to the total with two decimals, the rounding remainder going to the largest."""
    current = sum(weights, Decimal("0"))
    if current == 0:
        return weights
    scaled = [(w * total / current).quantize(Decimal("0.01"), rounding=ROUND_DOWN) for w in weights]
    remainder = total - sum(scaled, Decimal("0"))
    if scaled:
        largest = max(range(len(scaled)), key=lambda i: scaled[i])
        scaled[largest] += remainder
    return scaled


@transaction.atomic
def rfp_add_sections_from_data(*, rfp: RFP, by, sections: list[dict], rescale: bool = True) -> None:
    """Append sections (questionnaire data) to a draft RFP, optionally rescaling weights to 100."""
    _require_draft(rfp)
    start = (rfp.sections.aggregate(m=Max("order"))["m"] or 0) + 1
    new_sections = []
    for offset, data in enumerate(sections):
        section = Section(rfp=rfp, order=start + offset, **section_model_fields(data))
        new_sections.append((section, data.get("questions") or []))
    Section.objects.bulk_create([s for s, _q in new_sections])
    Question.objects.bulk_create(
        Question(section=section, order=index, **question_model_fields(q))
        for section, questions in new_sections
        for index, q in enumerate(questions, start=1)
    )
    if rescale:
        all_sections = list(rfp.sections.all())
        for section, weight in zip(all_sections, rescale_weights([s.weight for s in all_sections]), strict=False):
            section.weight = weight
        Section.objects.bulk_update(all_sections, ["weight"])
    audit_log(
        action="questionnaire.sections_added",
        actor=by,
        rfp=rfp,
        obj=rfp,
        after={"sections": [s.get("key") for s in sections]},
    )


def bank_as_data(section_keys: list[str] | None = None, language: str | None = None) -> list[dict]:
    """The bank's sections as questionnaire data, in `language` where the bank has a translation."""
    sections = BankSection.objects.prefetch_related("questions").order_by("order", "id")
    if section_keys is not None:
        sections = sections.filter(key__in=section_keys)
    data = [section_as_dict(s, s.questions.all()) for s in sections]
    return bank_i18n.in_language(data, language) if language else data


@transaction.atomic
def rfp_create_from_bank(*, by, section_keys: list[str] | None = None, **fields) -> RFP:
    rfp = rfp_create(by=by, **fields)
    rfp_add_sections_from_data(rfp=rfp, by=by, sections=bank_as_data(section_keys, rfp.language))
    return rfp


@transaction.atomic
def rfp_create_from_data(*, by, data: dict, **fields) -> RFP:
    """A draft RFP from questionnaire data (an import): all of it or nothing."""
    problems = questionnaire_problems(data)
    if problems:
        raise ValidationError(problems)
    rfp = rfp_create(by=by, **fields)
    rfp_add_sections_from_data(rfp=rfp, by=by, sections=data["sections"], rescale=False)
    return rfp


@transaction.atomic
def rfp_clone(*, rfp: RFP, by, title: str | None = None, deadline: datetime | None = None) -> RFP:
    """A new draft with the same settings and questionnaire; answers and vendors stay behind."""
    fields = {name: getattr(rfp, name) for name in RFP_FIELDS}
    fields["title"] = title or _("Copy of %(title)s") % {"title": rfp.title}
    if deadline is not None:
        fields["deadline"] = deadline
    elif fields["deadline"] <= timezone.now():
        fields["deadline"] = default_deadline()
    clone = rfp_create(by=by, **fields)
    sections = [section_as_dict(s, s.questions.all()) for s in rfp.sections.prefetch_related("questions")]
    rfp_add_sections_from_data(rfp=clone, by=by, sections=sections, rescale=False)
    audit_log(action="rfp.cloned", actor=by, rfp=clone, obj=clone, message=f"from {rfp.reference}")
    return clone


# --- the question bank -------------------------------------------------------------------------


@transaction.atomic
def bank_load(*, path: Path = BANK_FILE, replace: bool = False) -> int:
    """Load the shipped bank into the database (where procurement can edit it). Returns the
    number of questions loaded; with replace=False an already loaded bank is left alone."""
    if BankSection.objects.exists() and not replace:
        return 0
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    problems = questionnaire_problems(data)
    if problems:
        raise ValidationError(problems)
    BankSection.objects.all().delete()
    count = 0
    for order, section_data in enumerate(data["sections"], start=1):
        section = BankSection.objects.create(order=order, **section_model_fields(section_data))
        questions = [
            BankQuestion(section=section, order=index, **question_model_fields(q))
            for index, q in enumerate(section_data["questions"], start=1)
        ]
        BankQuestion.objects.bulk_create(questions)
        count += len(questions)
    return count


# --- sections and questions --------------------------------------------------------------------


def section_save(*, section: Section, by, **fields) -> Section:
    _require_draft(section.rfp)
    before = snapshot(section, list(fields)) if section.pk else None
    for name, value in fields.items():
        setattr(section, name, value)
    if not section.pk:
        section.order = (section.rfp.sections.aggregate(m=Max("order"))["m"] or 0) + 1
    refuse_problems(section_text_problems({"title": section.title, "description": section.description}))
    section.full_clean()
    section.save()
    audit_log(
        action="section.saved",
        actor=by,
        rfp=section.rfp,
        obj=section,
        before=before,
        after=snapshot(section, list(fields)),
    )
    return section


def section_delete(*, section: Section, by) -> None:
    _require_draft(section.rfp)
    audit_log(
        action="section.deleted",
        actor=by,
        rfp=section.rfp,
        obj=section,
        before=snapshot(section, ["key", "title", "weight"]),
    )
    section.delete()


def question_save(*, question: Question, by, **fields) -> Question:
    rfp = question.section.rfp
    _require_draft(rfp)
    before = snapshot(question, list(fields)) if question.pk else None
    for name, value in fields.items():
        setattr(question, name, value)
    if not question.pk:
        question.order = (question.section.questions.aggregate(m=Max("order"))["m"] or 0) + 1
    refuse_problems(question_text_problems(question_as_dict(question)))
    question.full_clean()
    question.save()
    audit_log(
        action="question.saved", actor=by, rfp=rfp, obj=question, before=before, after=snapshot(question, list(fields))
    )
    return question


def question_delete(*, question: Question, by) -> None:
    rfp = question.section.rfp
    _require_draft(rfp)
    audit_log(action="question.deleted", actor=by, rfp=rfp, obj=question, before=snapshot(question, ["key", "text"]))
    question.delete()


def _move(items: list, item, direction: int) -> list:
    index = items.index(item)
    target = index + direction
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    return items


def section_move(*, section: Section, by, direction: int) -> None:
    """Move a section one place up (-1) or down (+1)."""
    _require_draft(section.rfp)
    ordered = _move(list(section.rfp.sections.order_by("order", "id")), section, direction)
    for order, item in enumerate(ordered, start=1):
        item.order = order
    Section.objects.bulk_update(ordered, ["order"])
    audit_log(action="section.moved", actor=by, rfp=section.rfp, obj=section, after={"order": section.order})


def question_move(*, question: Question, by, direction: int) -> None:
    _require_draft(question.section.rfp)
    ordered = _move(list(question.section.questions.order_by("order", "id")), question, direction)
    for order, item in enumerate(ordered, start=1):
        item.order = order
    Question.objects.bulk_update(ordered, ["order"])
    audit_log(
        action="question.moved", actor=by, rfp=question.section.rfp, obj=question, after={"order": question.order}
    )


# --- lifecycle ---------------------------------------------------------------------------------


def publish_problems(rfp: RFP) -> list[str]:
    """Why this RFP cannot be published yet; empty when it can."""
    sections = list(rfp.sections.all())
    problems = weight_problems([{"weight": s.weight} for s in sections])
    if not Question.objects.filter(section__rfp=rfp).exists():
        problems.append(_("The questionnaire has no question yet."))
    if rfp.deadline <= timezone.now():
        problems.append(_("The deadline must be in the future."))
    empty_scored = [s.title for s in sections if s.weight > 0 and not s.questions.exists()]
    for title in empty_scored:
        problems.append(_("The section %(title)s has a weight but no question.") % {"title": title})
    return problems


def _transition(rfp: RFP, *, by, allowed_from: set[str], to: str, problems: list[str] | None = None) -> RFP:
    if rfp.status not in allowed_from:
        raise TransitionError(
            _("An RFP that is %(current)s cannot become %(target)s.")
            % {"current": rfp.get_status_display().lower(), "target": Status(to).label.lower()}
        )
    if problems:
        raise TransitionError(problems)
    before = rfp.status
    rfp.status = to
    fields = ["status", "updated_at"]
    if to == Status.OPEN:
        rfp.published_at = timezone.now()
        fields.append("published_at")
    rfp.save(update_fields=fields)
    audit_log(action=f"rfp.{to}", actor=by, rfp=rfp, obj=rfp, before={"status": before}, after={"status": to})
    return rfp


def rfp_publish(*, rfp: RFP, by) -> RFP:
    # Imported here: the vendors app builds on rfp's models and services, not the other way round,
    # except for this one notification at publication.
    from vendors.services import invitations_send_on_publish

    rfp = _transition(rfp, by=by, allowed_from={Status.DRAFT}, to=Status.OPEN, problems=publish_problems(rfp))
    invitations_send_on_publish(rfp=rfp)
    return rfp


def rfp_close(*, rfp: RFP, by=None) -> RFP:
    """Close after the deadline; the server refuses to close early."""
    problems = [] if rfp.deadline_passed else [_("The deadline has not passed yet.")]
    return _transition(rfp, by=by, allowed_from={Status.OPEN}, to=Status.CLOSED, problems=problems)


class NoBidsToEvaluate(TransitionError):
    """Starting an evaluation with no submitted bid needs an explicit confirmation."""


def rfp_start_evaluation(*, rfp: RFP, by, without_bids: bool = False) -> RFP:
    """Closed -> evaluation. With no submitted bid the panel would have nothing to score and the
    RFP could only be decided empty, so that takes `without_bids` (an explicit confirmation)."""
    if rfp.status == Status.CLOSED and not without_bids and not rfp.responses.filter(status="submitted").exists():
        raise NoBidsToEvaluate(
            _(
                "No vendor submitted a bid to %(ref)s. Starting the evaluation gives the panel nothing to "
                "score, and the RFP can then only be decided with an empty shortlist."
            )
            % {"ref": rfp.reference}
        )
    return _transition(rfp, by=by, allowed_from={Status.CLOSED}, to=Status.EVALUATION)


def rfp_decide(*, rfp: RFP, by) -> RFP:
    return _transition(rfp, by=by, allowed_from={Status.EVALUATION}, to=Status.DECIDED)


def rfp_archive(*, rfp: RFP, by) -> RFP:
    return _transition(rfp, by=by, allowed_from={Status.DECIDED}, to=Status.ARCHIVED)


def member_add(*, rfp: RFP, user, role: str, by) -> RFPMember:
    if not user.is_buyer:
        raise ValidationError(_("Only buyer users can be members of an RFP."))
    member, _created = RFPMember.objects.update_or_create(rfp=rfp, user=user, defaults={"role": role})
    audit_log(action="member.set", actor=by, rfp=rfp, obj=member, after={"user": user.username, "role": role})
    return member


# --- the team ----------------------------------------------------------------------------------


def _last_procurement_member(member: RFPMember) -> bool:
    """Whether this membership is the only one left that may edit the RFP."""
    if member.role != MemberRole.PROCUREMENT:
        return False
    return not member.rfp.members.filter(role=MemberRole.PROCUREMENT).exclude(pk=member.pk).exists()


def member_set(*, rfp: RFP, user, role: str, by) -> RFPMember:
    """Add a buyer to the team or change their role, refusing to leave the RFP with no one who may
    edit it (a demoted last procurement member would lock everyone out)."""
    if role not in MemberRole.values:
        raise ValidationError(_("Choose a role on this RFP."))
    current = RFPMember.objects.filter(rfp=rfp, user=user).select_related("rfp").first()
    if current is not None and role != MemberRole.PROCUREMENT and _last_procurement_member(current):
        raise ValidationError(
            _("%(user)s is the only procurement member; add another before changing their role.") % {"user": user}
        )
    return member_add(rfp=rfp, user=user, role=role, by=by)


def member_remove(*, member: RFPMember, by) -> None:
    """Take a buyer off the team; the last procurement member stays so that someone can edit."""
    if _last_procurement_member(member):
        raise ValidationError(
            _("%(user)s is the only procurement member of this RFP and cannot be removed.") % {"user": member.user}
        )
    audit_log(
        action="member.removed",
        actor=by,
        rfp=member.rfp,
        obj=member,
        before={"user": member.user.username, "role": member.role},
    )
    member.delete()


def member_grant_bids(*, member: RFPMember, by, granted: bool) -> RFPMember:
    """Let an executive read the raw bids and files of this RFP, or take that back. Procurement and
    evaluators read bids by their role already (vendors.bid_view), so only executives are granted."""
    if member.role != MemberRole.EXECUTIVE:
        raise ValidationError(_("Only an executive's access to the bids can be granted or withdrawn."))
    if member.bids_granted == granted:
        return member
    before = {"user": member.user.username, "bids_granted": member.bids_granted}
    member.bids_granted = granted
    member.save(update_fields=["bids_granted"])
    audit_log(
        action="member.bids_granted",
        actor=by,
        rfp=member.rfp,
        obj=member,
        before=before,
        after={"user": member.user.username, "bids_granted": granted},
    )
    return member
