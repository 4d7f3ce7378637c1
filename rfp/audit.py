"""The audit log: services call `audit_log` for every change, with the values before and after."""

from typing import Any

from django.db import models

from rfp.models import RFP, AuditEntry


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """A JSON-safe picture of some fields of an object, for the before/after columns."""
    picture = {}
    for name in fields:
        value = getattr(obj, name)
        if isinstance(value, models.Model):
            value = value.pk
        elif value is not None and not isinstance(value, (str, int, float, bool, list, dict)):
            value = str(value)
        picture[name] = value
    return picture


def audit_log(
    *,
    action: str,
    actor=None,
    rfp: RFP | None = None,
    obj: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
    message: str = "",
) -> AuditEntry:
    return AuditEntry.objects.create(
        rfp=rfp,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        before=before,
        after=after,
        message=message,
    )


# Reading a bid's price or one of its files is logged too: in a bid protest the buyer must be
# able to say who saw what, and when.
BID_FILE_OPENED = "bid.file_opened"
BID_PRICE_READ = "bid.price_read"


def log_bid_file_opened(*, actor, attachment) -> AuditEntry:
    response = attachment.answer.response
    return audit_log(
        action=BID_FILE_OPENED,
        actor=actor,
        rfp=response.rfp,
        obj=attachment,
        after={"vendor": response.vendor.name, "question": attachment.answer.question.key},
    )


def log_bid_prices_read(*, actor, rfp: RFP, vendors: list[str], where: str) -> AuditEntry | None:
    """One entry per page or download that showed prices, naming whose."""
    if not vendors:
        return None
    return audit_log(action=BID_PRICE_READ, actor=actor, rfp=rfp, after={"vendors": sorted(vendors), "where": where})
