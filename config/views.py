from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from accounts.models import Role
from rfp.models import MemberRole, Status
from rfp.selectors import latest_rfp_as

RESULT_STATUSES = (Status.EVALUATION, Status.DECIDED, Status.ARCHIVED)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Sends each role to where its work is: vendors to their invitations, executives to the results
    of their latest RFP, evaluators to their latest evaluation, procurement to its RFPs."""
    user = request.user
    if user.is_vendor:
        return redirect("vendors:dashboard")
    if user.role == Role.EXECUTIVE and (rfp := latest_rfp_as(user, MemberRole.EXECUTIVE, RESULT_STATUSES)):
        return redirect("reports:dashboard", ref=rfp.reference)
    if user.role == Role.EVALUATOR and (rfp := latest_rfp_as(user, MemberRole.EVALUATOR, (Status.EVALUATION,))):
        return redirect("scoring:overview", ref=rfp.reference)
    return redirect("rfp:list")
