"""Writes of the decision: the shortlist, its publication and its promotion into a new RFP.

Each function takes keyword arguments, checks the state it needs, validates before saving and
writes an audit entry. Publishing is the one step that moves the RFP from evaluation to decided
(through rfp.services.rfp_decide) and it freezes the ranking it was taken on.
"""

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from config.text_rules import COMMENT_MAX, check_text
from jobs import services as jobs
from jobs.mail import queue_mail
from jobs.models import Job
from reports import selectors
from reports.models import Shortlist, ShortlistEntry
from rfp.audit import audit_log
from rfp.models import RFP, Kind, Status
from rfp.questionnaire import section_as_dict
from rfp.services import RFP_FIELDS, bank_as_data, member_add, rfp_add_sections_from_data, rfp_create, rfp_decide
from scoring.selectors import Ranking
from vendors.models import Invitation, InvitationStatus, Vendor

QUESTIONS_FROM_SOURCE = "source"
QUESTIONS_FROM_BANK = "bank"
RATIONALE_MAX = COMMENT_MAX  # a page of reasons, as long as any comment


def _require_status(rfp: RFP, status: str, message: str) -> None:
    if rfp.status != status:
        raise ValidationError(message % {"ref": rfp.reference, "status": rfp.get_status_display().lower()})


def _usable_ranking(rfp: RFP) -> Ranking:
    ranking = selectors.report_ranking(rfp)
    if ranking.error:
        raise ValidationError(_("The ranking cannot be computed: %(error)s") % {"error": ranking.error})
    if not ranking.rows:
        raise ValidationError(_("No vendor has submitted a response to shortlist."))
    return ranking


def _chosen_rows(ranking: Ranking, vendor_ids: list[int]) -> list:
    """The ranked vendors chosen, in rank order; refuses unknown and excluded vendors."""
    wanted = {int(v) for v in vendor_ids}
    if not wanted:
        raise ValidationError(_("Choose at least one vendor for the shortlist."))
    rows = {row.result.vendor_id: row for row in ranking.rows}
    unknown = wanted - set(rows)
    if unknown:
        raise ValidationError(_("Only vendors that submitted a response can be shortlisted."))
    excluded = [rows[v].label for v in wanted if rows[v].result.excluded]
    if excluded:
        raise ValidationError(
            _("Knocked-out or excluded vendors cannot be shortlisted: %(vendors)s.")
            % {"vendors": ", ".join(sorted(excluded))}
        )
    return [row for row in ranking.rows if row.result.vendor_id in wanted]


def _total(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(f"{value:.2f}")


@transaction.atomic
def shortlist_save(*, rfp: RFP, by, vendor_ids: list[int], rationale: str) -> Shortlist:
    """Save (or replace) the draft shortlist of an RFP in evaluation."""
    _require_status(rfp, Status.EVALUATION, _("%(ref)s is %(status)s: a shortlist is chosen during evaluation."))
    rationale = (rationale or "").strip()
    check_text(rationale, limit=RATIONALE_MAX, field=_("The rationale"), key="rationale")
    rows = _chosen_rows(_usable_ranking(rfp), vendor_ids)
    shortlist, created = Shortlist.objects.get_or_create(rfp=rfp, defaults={"created_by": by})
    before = {
        "vendors": list(shortlist.entries.values_list("vendor__name", flat=True)),
        "rationale": shortlist.rationale,
    }
    shortlist.rationale = rationale
    shortlist.full_clean()
    shortlist.save()
    shortlist.entries.all().delete()
    ShortlistEntry.objects.bulk_create(
        ShortlistEntry(
            shortlist=shortlist, vendor_id=row.result.vendor_id, rank=row.result.rank, total=_total(row.result.total)
        )
        for row in rows
    )
    audit_log(
        action="shortlist.saved",
        actor=by,
        rfp=rfp,
        obj=shortlist,
        before=None if created else before,
        after={"vendors": [row.label for row in rows], "rationale": rationale},
    )
    return shortlist


@transaction.atomic
def shortlist_publish(*, rfp: RFP, by) -> Shortlist:
    """Publish the saved shortlist: the RFP becomes decided, the ranking it was taken on is kept
    with it, and the executives are told (after the transaction commits)."""
    _require_status(rfp, Status.EVALUATION, _("%(ref)s is %(status)s: only an RFP in evaluation can be decided."))
    from negotiation.selectors import open_round

    if open_round(rfp) is not None:
        raise ValidationError(
            _("A best-and-final round is open: close it and score the revised answers before publishing.")
        )
    shortlist = Shortlist.objects.filter(rfp=rfp).first()
    if shortlist is None or not shortlist.entries.exists():
        raise ValidationError(_("Save a shortlist with at least one vendor before publishing it."))
    if not shortlist.rationale.strip():
        raise ValidationError(_("Write the rationale before publishing: executives and auditors will read it."))
    ranking = _usable_ranking(rfp)
    if ranking.provisional:
        raise ValidationError(
            _("Scoring is not complete: some answers still wait for a score. Publish once the ranking is final.")
        )
    rows = _chosen_rows(ranking, list(shortlist.entries.values_list("vendor_id", flat=True)))
    for entry in shortlist.entries.all():
        row = next(r for r in rows if r.result.vendor_id == entry.vendor_id)
        entry.rank, entry.total = row.result.rank, _total(row.result.total)
        entry.save(update_fields=["rank", "total"])
    rfp_decide(rfp=rfp, by=by)
    shortlist.published_at = timezone.now()
    shortlist.published_by = by
    shortlist.ranking_snapshot = ranking.as_json()
    shortlist.save(update_fields=["published_at", "published_by", "ranking_snapshot", "updated_at"])
    audit_log(
        action="shortlist.published",
        actor=by,
        rfp=rfp,
        obj=shortlist,
        after={"vendors": [row.label for row in rows], "rationale": shortlist.rationale},
    )
    transaction.on_commit(lambda: notify_executives(shortlist=shortlist))
    return shortlist


def notify_executives(*, shortlist: Shortlist) -> int:
    """One e-mail per executive member of the RFP (their addresses are not shared)."""
    rfp = shortlist.rfp
    addresses = sorted({user.email.strip().lower() for user in selectors.executives(rfp) if user.email})
    if not addresses:
        return 0
    context = {
        "rfp": rfp,
        "shortlist": shortlist,
        "entries": list(shortlist.entries.select_related("vendor")),
        "dashboard_url": settings.SITE_URL.rstrip("/") + reverse("reports:dashboard", kwargs={"ref": rfp.reference}),
        "report_url": settings.SITE_URL.rstrip("/") + reverse("reports:pdf", kwargs={"ref": rfp.reference}),
    }
    subject = " ".join(render_to_string("reports/emails/shortlist_published_subject.txt", context).split())
    body = render_to_string("reports/emails/shortlist_published.txt", context)
    messages = [EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses]
    return queue_mail(messages)


# --- promotion ---------------------------------------------------------------------------------


def _contact_email(vendor: Vendor, source_emails: dict[int, str]) -> str:
    return source_emails.get(vendor.pk) or vendor.contact_email or ""


@transaction.atomic
def shortlist_promote(
    *,
    rfp: RFP,
    by,
    deadline: datetime,
    title: str = "",
    questions: str = QUESTIONS_FROM_SOURCE,
    bank_sections: list[str] | None = None,
    reference: str | None = None,
) -> RFP:
    """A new draft RFP from a decided RFI's published shortlist: its settings, the questions of
    the RFI or of the bank, the same team, and an invitation for every shortlisted vendor.

    Invitations are created as rows on the draft; vendors.services.invitation_create needs an
    open RFP (it e-mails the vendor at once), so the e-mails go out when the new RFP is published.
    """
    _require_status(rfp, Status.DECIDED, _("%(ref)s is %(status)s: only a decided shortlist can be promoted."))
    shortlist = Shortlist.objects.filter(rfp=rfp, published_at__isnull=False).first()
    if shortlist is None:
        raise ValidationError(_("Publish the shortlist before promoting it."))
    if questions not in (QUESTIONS_FROM_SOURCE, QUESTIONS_FROM_BANK):
        raise ValidationError(_("Choose where the questions come from."))
    if deadline <= timezone.now():
        raise ValidationError(_("The deadline must be in the future."))
    vendors = [entry.vendor for entry in shortlist.entries.select_related("vendor")]
    source_emails = dict(Invitation.objects.filter(rfp=rfp).values_list("vendor_id", "email"))
    missing = [v.name for v in vendors if not _contact_email(v, source_emails)]
    if missing:
        raise ValidationError(
            _("No contact e-mail for %(vendors)s: add one to the vendor before promoting.")
            % {"vendors": ", ".join(missing)}
        )

    fields = {name: getattr(rfp, name) for name in RFP_FIELDS}
    fields.update(kind=Kind.RFP, deadline=deadline, title=title.strip() or rfp.title)
    promoted = rfp_create(by=by, reference=reference or None, source_rfp=rfp, **fields)
    if questions == QUESTIONS_FROM_BANK:
        data = bank_as_data(bank_sections or None, promoted.language)
    else:
        data = [section_as_dict(s, s.questions.all()) for s in rfp.sections.prefetch_related("questions")]
    if not data:
        raise ValidationError(_("There are no questions to copy."))
    rfp_add_sections_from_data(rfp=promoted, by=by, sections=data, rescale=questions == QUESTIONS_FROM_BANK)
    for member in rfp.members.select_related("user").exclude(user=by):
        member_add(rfp=promoted, user=member.user, role=member.role, by=by)
    for vendor in vendors:
        invitation = Invitation(
            rfp=promoted,
            vendor=vendor,
            email=_contact_email(vendor, source_emails),
            invited_by=by,
            status=InvitationStatus.PENDING,
        )
        invitation.full_clean()
        invitation.save()
        audit_log(
            action="invitation.created",
            actor=by,
            rfp=promoted,
            obj=invitation,
            after={"vendor": vendor.name, "email": invitation.email},
            message=f"shortlisted in {rfp.reference}",
        )
    audit_log(
        action="rfp.promoted",
        actor=by,
        rfp=promoted,
        obj=promoted,
        after={"from": rfp.reference, "vendors": [v.name for v in vendors], "questions": questions},
    )
    audit_log(action="shortlist.promoted", actor=by, rfp=rfp, obj=shortlist, after={"to": promoted.reference})
    return promoted


# --- report files, made in the background ------------------------------------------------------


def report_job_request(*, rfp: RFP, by, kind: str, params: dict, interface_language: str) -> Job:
    """The job making this report file: a finished one reused while nothing behind it changed, one
    already on its way, or a new one handed to a worker. Progress labels are written in the
    language of the person who asked (`interface_language`)."""
    from reports.tasks import enqueue  # the task module loads WeasyPrint and openpyxl lazily, not Celery's app

    return jobs.job_request(
        kind=kind,
        rfp=rfp,
        by=by,
        params=params,
        fingerprint=selectors.report_fingerprint(rfp, kind=kind, **params),
        enqueue=lambda job_id: enqueue(kind, job_id, interface_language),
    )
