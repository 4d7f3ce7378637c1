from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    if not request.user.is_vendor:
        raise Http404
    return render(request, "vendors/dashboard.html", {})
