"""Sharing the work: a bid manager brings colleagues into the company's account."""

import re

from django.core import mail
from django.urls import reverse

from accounts.models import Role, User


def add(client, **data):
    return client.post(reverse("vendors:team"), data, follow=True)


def test_a_colleague_gets_a_link_chooses_a_password_and_sees_the_companys_invitations(world, login, ana, client):
    add(login(ana), first_name="João", last_name="Reis", email="Joao@Northwind.example")
    joao = User.objects.get(username="joao@northwind.example")
    assert joao.role == Role.VENDOR and joao.company == world.vendors["vendor"] and not joao.has_usable_password()
    link = re.search(r"http://[^/\s]+(/vendor/welcome/\S+/)", mail.outbox[-1].body).group(1)
    client.logout()
    form_page = client.get(link, follow=True)
    assert "Choose your password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Douro-valley-2027", "new_password2": "Douro-valley-2027"},
        follow=True,
    )
    assert done.redirect_chain[-1][0] == reverse("vendors:dashboard")
    assert world.rfp.title in done.content.decode()
    joao.refresh_from_db()
    assert joao.check_password("Douro-valley-2027")
    assert "expired or was already used" in client.get(link, follow=True).content.decode()


def test_an_address_that_already_has_an_account_is_refused(world, login, ana, ravi):
    page = add(login(ana), first_name="Ravi", last_name="Menon", email=ravi.email).content.decode()
    assert "already has an account" in page
    assert User.objects.get(email=ravi.email).company == world.vendors["rival"]


def test_the_team_page_lists_only_the_users_own_company(world, login, ana, ravi):
    page = login(ravi).get(reverse("vendors:team")).content.decode()
    assert "Ravi" in page and "Ana Silva" not in page
