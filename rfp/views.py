from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from rfp import selectors


@login_required
def rfp_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_buyer:
        raise Http404
    return render(request, "rfp/list.html", {"rfps": selectors.rfps_for_user(request.user)})


@login_required
def bank(request: HttpRequest) -> HttpResponse:
    if not request.user.is_procurement:
        raise Http404
    return render(request, "rfp/bank.html", {"sections": selectors.bank_sections()})
