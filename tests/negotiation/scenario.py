"""The tender the best-and-final tests start from, shared by the service and browser tests."""

from rfp.models import Section
from scoring.models import Assignment, ConflictDeclaration
from tests.reports.conftest import build_evaluated_rfp


def evaluated_tender(*, procurement, evaluators, executive):
    """The report tests' evaluated RFI (four vendors, every answer scored) with each evaluator's
    sections submitted and no conflict declared with any vendor: ready for a round."""
    rfp, vendors = build_evaluated_rfp(procurement=procurement, evaluators=evaluators, executive=executive)
    for section in Section.objects.filter(rfp=rfp):
        for evaluator in evaluators:
            Assignment.objects.create(section=section, evaluator=evaluator, submitted_at=rfp.deadline)
    for vendor in vendors.values():
        for evaluator in evaluators:
            ConflictDeclaration.objects.create(rfp=rfp, evaluator=evaluator, vendor=vendor, conflict=False)
    rfp.vendors_by_name = vendors
    return rfp
