"""Vendor companies, their invitations and their people: a company invited to an RFP, its contact
joining or declining with a reason, colleagues brought into the company's account, and the
company's response, started on its first visit."""

from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import Role, User, check_person_names
from config.text_rules import REASON_MAX, check_names, check_text
from rfp.audit import audit_log, snapshot
from rfp.models import RFP, Status
from vendors.emails import absolute_url, send_templated
from vendors.models import Invitation, InvitationStatus, Response, ResponseStatus, Vendor, check_vendor_name
from vendors.services.state import require_open


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "vendor"
    slug, n = base, 2
    while Vendor.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def vendor_create(
    *,
    by,
    name: str,
    country: str = "",
    sites: list[str] | None = None,
    languages: list[str] | None = None,
    seats: int | None = None,
    certifications: list[str] | None = None,
    contact_email: str = "",
) -> Vendor:
    name = name.strip()
    check_vendor_name(name)
    check_names(sites or [], field=_("The delivery sites"), key="sites")
    check_names(languages or [], field=_("The languages"), key="languages")
    check_names(certifications or [], field=_("The certifications"), key="certifications")
    if Vendor.objects.filter(name__iexact=name).exists():
        raise ValidationError(
            {"name": _("A company called %(name)s already exists; pick it from the list.") % {"name": name}}
        )
    vendor = Vendor(
        name=name,
        slug=_unique_slug(name),
        country=country.strip(),
        sites=sites or [],
        languages=languages or [],
        seats=seats,
        certifications=certifications or [],
        contact_email=contact_email,
    )
    vendor.full_clean()
    vendor.save()
    audit_log(action="vendor.created", actor=by, obj=vendor, after=snapshot(vendor, ["name", "country", "seats"]))
    return vendor


def invitation_create(*, rfp: RFP, vendor: Vendor, email: str, by) -> Invitation:
    """Invite a company to an open RFP and e-mail its contact a link to join."""
    require_open(rfp)
    if Invitation.objects.filter(rfp=rfp, vendor=vendor).exists():
        raise ValidationError(_("%(vendor)s is already invited to this RFP.") % {"vendor": vendor.name})
    invitation = Invitation(rfp=rfp, vendor=vendor, email=email.strip().lower(), invited_by=by)
    invitation.full_clean()
    invitation.save()
    audit_log(
        action="invitation.created",
        actor=by,
        rfp=rfp,
        obj=invitation,
        after={"vendor": vendor.name, "email": invitation.email},
    )
    send_invitation(invitation=invitation)
    return invitation


def remind_pending(*, rfp: RFP, by) -> int:
    """E-mail every invited company that has neither declined nor submitted: the deadline, and a
    link back to its response. Each company hears only about itself. Returns how many companies."""
    from vendors.selectors import awaiting_submission

    require_open(rfp)
    pending = awaiting_submission(rfp)
    if not pending:
        raise ValidationError(_("Every invited company has submitted or declined: there is no one to remind."))
    _remind(rfp, pending, by)
    return len(pending)


def remind_before_deadlines(*, days: int, now=None) -> dict[str, int]:
    """The automatic reminder (`manage.py send_reminders`, daily): for every open RFP whose
    deadline falls within `days`, each invited company that has neither declined nor submitted,
    and has not been reminded since that window opened, is reminded once. Returns the number of
    companies reminded per RFP reference."""
    from vendors.selectors import awaiting_submission

    now = now or timezone.now()
    reminded = {}
    for rfp in RFP.objects.filter(status=Status.OPEN, deadline__gt=now, deadline__lte=now + timedelta(days=days)):
        window_opened = rfp.deadline - timedelta(days=days)
        pending = [
            (invitation, addresses)
            for invitation, addresses in awaiting_submission(rfp)
            if invitation.reminded_at is None or invitation.reminded_at < window_opened
        ]
        if pending:
            _remind(rfp, pending, None)
            reminded[rfp.reference] = len(pending)
    return reminded


def _remind(rfp: RFP, pending: list, by) -> None:
    for invitation, addresses in pending:
        send_templated(
            template="reminder",
            to=addresses,
            context={
                "rfp": rfp,
                "vendor": invitation.vendor,
                "deadline": rfp.deadline,
                "url": absolute_url("vendors:join", token=invitation.token)
                if invitation.status == InvitationStatus.PENDING
                else absolute_url("vendors:rfp", ref=rfp.reference),
            },
        )
    Invitation.objects.filter(pk__in=[invitation.pk for invitation, _addresses in pending]).update(
        reminded_at=timezone.now()
    )
    audit_log(
        action="invitation.reminded",
        actor=by,
        rfp=rfp,
        after={"vendors": [invitation.vendor.name for invitation, _addresses in pending], "automatic": by is None},
    )


def send_invitation(*, invitation: Invitation) -> None:
    send_templated(
        template="invitation",
        to=[invitation.email],
        context={
            "invitation": invitation,
            "rfp": invitation.rfp,
            "vendor": invitation.vendor,
            "join_url": absolute_url("vendors:join", token=invitation.token),
            "deadline": invitation.rfp.deadline,
        },
    )


def invitations_send_on_publish(*, rfp: RFP) -> int:
    """E-mail the invitations made while the RFP was a draft (a shortlist promoted into a new RFP
    invites its vendors before publication); they go out when the RFP opens."""
    pending = list(rfp.invitations.filter(status=InvitationStatus.PENDING).select_related("vendor", "rfp"))
    for invitation in pending:
        send_invitation(invitation=invitation)
    return len(pending)


def invitation_accept(*, invitation: Invitation, by) -> Invitation:
    if invitation.status == InvitationStatus.DECLINED:
        raise ValidationError(_("Your company declined this invitation."))
    if invitation.status == InvitationStatus.PENDING:
        invitation.status = InvitationStatus.ACCEPTED
        invitation.responded_at = timezone.now()
        invitation.save(update_fields=["status", "responded_at"])
        audit_log(action="invitation.accepted", actor=by, rfp=invitation.rfp, obj=invitation)
    response_for_invitation(invitation=invitation)
    return invitation


def invitation_decline(*, invitation: Invitation, reason: str, by) -> Invitation:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Tell the buyer why you decline; it helps them plan.")})
    check_text(reason, limit=REASON_MAX, field=_("The reason"), key="reason")
    if invitation.status == InvitationStatus.DECLINED:
        raise ValidationError(_("Your company has already declined this invitation."))
    if Response.objects.filter(rfp=invitation.rfp, vendor=invitation.vendor, status=ResponseStatus.SUBMITTED).exists():
        raise ValidationError(_("Your company has submitted a response; reopen it before declining."))
    before = snapshot(invitation, ["status"])
    invitation.status = InvitationStatus.DECLINED
    invitation.decline_reason = reason
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "decline_reason", "responded_at"])
    audit_log(
        action="invitation.declined",
        actor=by,
        rfp=invitation.rfp,
        obj=invitation,
        before=before,
        after={"status": invitation.status, "reason": invitation.decline_reason},
        message=invitation.decline_reason,
    )
    return invitation


@transaction.atomic
def vendor_user_join(
    *, invitation: Invitation, first_name: str, last_name: str, password: str, time_zone: str = "UTC"
) -> User:
    """A new contact sets a password and joins the invited company; the user name is the e-mail."""
    email = invitation.email.lower()
    if User.objects.filter(username__iexact=email).exists():
        raise ValidationError(_("An account for %(email)s already exists: log in to accept.") % {"email": email})
    first_name, last_name = first_name.strip(), last_name.strip()
    check_person_names(first_name=first_name, last_name=last_name)
    user = User(
        username=email,
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=Role.VENDOR,
        company=invitation.vendor,
        timezone=time_zone,
    )
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    audit_log(action="vendor_user.joined", actor=user, rfp=invitation.rfp, obj=user, after={"username": email})
    invitation_accept(invitation=invitation, by=user)
    return user


def colleague_add(*, company: Vendor, email: str, first_name: str, last_name: str, by) -> User:
    """A bid manager brings a colleague into the company's account: the colleague gets an e-mail
    with a one-time link to choose a password, and then works on every response of the company."""
    email = email.strip().lower()
    if User.objects.filter(username__iexact=email).exists() or User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("%(email)s already has an account.") % {"email": email}})
    first_name, last_name = first_name.strip(), last_name.strip()
    check_person_names(first_name=first_name, last_name=last_name)
    user = User(
        username=email,
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=Role.VENDOR,
        company=company,
        timezone=by.timezone,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    audit_log(action="vendor_user.added", actor=by, obj=user, after={"username": email, "company": company.name})
    send_colleague_welcome(user=user, by=by)
    return user


def send_colleague_welcome(*, user: User, by) -> None:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    send_templated(
        template="colleague_welcome",
        to=[user.email],
        context={
            "user": user,
            "by": by,
            "company": user.company,
            "url": absolute_url(
                "vendors:welcome",
                uidb64=urlsafe_base64_encode(force_bytes(user.pk)),
                token=default_token_generator.make_token(user),
            ),
        },
    )


def response_for_invitation(*, invitation: Invitation) -> Response:
    """The company's response to the RFP, started on first visit."""
    response, _created = Response.objects.select_related("rfp", "vendor").get_or_create(
        rfp=invitation.rfp, vendor=invitation.vendor
    )
    return response
