from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Sends each role to where its work is."""
    if request.user.is_vendor:
        return redirect("vendors:dashboard")
    return redirect("rfp:list")
