"""python manage.py export_response REF VENDOR -o FILE.xlsx: the vendor's offline workbook."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from rfp.models import RFP
from vendors import offline
from vendors.models import Invitation, InvitationStatus, Response, Vendor


def find_response(reference: str, vendor_text: str) -> Response:
    """The response of an invited vendor (name or slug) to an RFP, or a CommandError saying why not.
    The response is not saved here: a new one is created only when answers are imported."""
    rfp = RFP.objects.filter(reference=reference).first()
    if rfp is None:
        raise CommandError(f"No RFP with the reference {reference!r}.")
    vendor = Vendor.objects.filter(Q(slug=vendor_text) | Q(name__iexact=vendor_text)).first()
    if vendor is None:
        raise CommandError(f"No vendor company named {vendor_text!r} (give its name or slug).")
    invitation = Invitation.objects.filter(rfp=rfp, vendor=vendor).first()
    if invitation is None:
        raise CommandError(f"{vendor.name} was not invited to {rfp.reference}.")
    if invitation.status == InvitationStatus.DECLINED:
        raise CommandError(f"{vendor.name} declined the invitation to {rfp.reference}.")
    response = Response.objects.select_related("rfp", "vendor").filter(rfp=rfp, vendor=vendor).first()
    return response or Response(rfp=rfp, vendor=vendor)


class Command(BaseCommand):
    help = "Write a vendor's offline answers workbook (.xlsx) for an RFP, pre-filled with its saved answers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("reference", help="the RFP's reference, e.g. RFP-2027-002")
        parser.add_argument("vendor", help="the vendor company's name or slug")
        parser.add_argument("-o", "--output", required=True, help="the .xlsx file to write")

    def handle(self, *args, reference: str, vendor: str, output: str, **options) -> None:
        response = find_response(reference, vendor)
        # The deadline in the workbook is also shown in the zone of the vendor's first user.
        user = response.vendor.users.order_by("id").first()
        content = offline.build_workbook(response, tz_name=user.timezone if user else "UTC")
        try:
            Path(output).write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror or error}.") from None
        self.stdout.write(f"Wrote {output}: the workbook of {response.vendor.name} for {response.rfp.reference}.")
