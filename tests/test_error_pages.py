"""Error pages in the site's look and the user's language, each with a way back."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation


def test_an_unknown_address_gets_the_sites_404_page_with_a_way_back(login, paula):
    page = login(paula).get("/rfps/NO-SUCH-RFP/")
    html = page.content.decode()
    assert page.status_code == 404
    assert "This page does not exist, or it is not yours to see" in html
    assert f'href="{reverse("home")}"' in html and "sl-navbar" in html


def test_the_404_page_speaks_the_users_language(login, paula):
    client = login(paula)
    client.post(reverse("set_language"), {"language": "he", "next": "/"})
    html = client.get("/rfps/NO-SUCH-RFP/").content.decode()
    assert 'lang="he"' in html and 'dir="rtl"' in html


@pytest.mark.parametrize("code", [403, 500])
def test_the_403_and_500_pages_render_on_their_own(code, rf):
    from django.views import defaults

    request = rf.get("/")
    request.user = None
    with translation.override("en"):
        response = defaults.server_error(request) if code == 500 else defaults.permission_denied(request, None)
    html = response.content.decode()
    assert response.status_code == code and f"Error {code}" in html and "Back to your start page" in html


def test_an_anonymous_visitor_also_gets_the_sites_404_page():
    assert "Back to your start page" in Client().get("/no/such/page/").content.decode()
