"""The claims to verify: what each bid states (figures, certifications, commitments), for due
diligence and the contract. For those who read the results (procurement and executives)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from insights.exporters import claims_workbook
from insights.selectors import claims_list
from reports.access import get_report_rfp
from vendors.bid_view import results_rule

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def claims(request: HttpRequest, ref: str) -> HttpResponse:
    rfp, _can_write = get_report_rfp(request.user, ref)
    vendors = claims_list(rfp, results_rule(rfp))
    return render(request, "insights/claims.html", {"rfp": rfp, "vendors": vendors, "tab": "claims"})


@login_required
@require_GET
def claims_xlsx(request: HttpRequest, ref: str) -> HttpResponse:
    rfp, _can_write = get_report_rfp(request.user, ref)
    content = claims_workbook(rfp, claims_list(rfp, results_rule(rfp)))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{rfp.reference}-claims-to-verify.xlsx"'
    return response
