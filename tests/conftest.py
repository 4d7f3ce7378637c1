"""Shared personas and the access-matrix world.

The personas are the people of a small buying team and two rival vendors:
- Paula Lind, procurement lead, owns the RFP;
- Omar Haddad, evaluator on the panel;
- Dana Cohen, executive who reads the results;
- Piotr Nowak, procurement at the same buyer but not on this RFP (an outsider);
- Ana Silva, bid manager at Northwind Contact (invited vendor);
- Ravi Menon, bid manager at Bluepeak BPO (the rival, also invited).
"""

import os
from dataclasses import dataclass, field

import pytest
from django.utils import translation

from accounts.models import Role
from rfp.models import MemberRole, Status
from tests.factories import (
    PASSWORD,
    InvitationFactory,
    MemberFactory,
    ResponseFactory,
    RFPFactory,
    UserFactory,
    VendorFactory,
    make_questionnaire,
)

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# inside one unless told that this is deliberate (it is: the loop belongs to the browser driver).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in English: a request in Hebrew (LocaleMiddleware) or a report rendered
    in Hebrew leaves the language active in the thread, which would leak into the next test."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the API's per-user throttle counts requests in it, and
    user ids repeat from test to test, so a test that makes hundreds of calls (the contract test)
    would otherwise leave the next test of the same worker throttled."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def paula(db):
    return UserFactory(username="paula", first_name="Paula", last_name="Lind", role=Role.PROCUREMENT)


@pytest.fixture
def omar(db):
    return UserFactory(username="omar", first_name="Omar", last_name="Haddad", role=Role.EVALUATOR)


@pytest.fixture
def dana(db):
    return UserFactory(username="dana", first_name="Dana", last_name="Cohen", role=Role.EXECUTIVE)


@pytest.fixture
def piotr(db):
    return UserFactory(username="piotr", first_name="Piotr", last_name="Nowak", role=Role.PROCUREMENT)


@pytest.fixture
def northwind(db):
    return VendorFactory(name="Northwind Contact", country="Portugal")


@pytest.fixture
def bluepeak(db):
    return VendorFactory(name="Bluepeak BPO", country="Philippines")


@pytest.fixture
def ana(northwind):
    return UserFactory(username="ana", first_name="Ana", last_name="Silva", role=Role.VENDOR, company=northwind)


@pytest.fixture
def ravi(bluepeak):
    return UserFactory(username="ravi", first_name="Ravi", last_name="Menon", role=Role.VENDOR, company=bluepeak)


@pytest.fixture
def draft_rfp(paula):
    rfp = RFPFactory(reference="RFI-2027-050", title="Customer service outsourcing 2027")
    MemberFactory(rfp=rfp, user=paula, role=MemberRole.PROCUREMENT)
    make_questionnaire(rfp)
    return rfp


@dataclass
class World:
    """Everything the access matrix needs: one RFP with its team and two invited rival vendors."""

    rfp: object
    users: dict
    vendors: dict
    responses: dict
    extra: dict = field(default_factory=dict)

    @property
    def sections(self):
        return list(self.rfp.sections.order_by("order", "id"))

    @property
    def questions(self):
        return [q for s in self.sections for q in s.questions.order_by("order", "id")]


@pytest.fixture
def world(paula, omar, dana, piotr, ana, ravi, northwind, bluepeak):
    rfp = RFPFactory(reference="RFI-2027-077", title="Customer service outsourcing 2027", status=Status.OPEN)
    MemberFactory(rfp=rfp, user=paula, role=MemberRole.PROCUREMENT)
    MemberFactory(rfp=rfp, user=omar, role=MemberRole.EVALUATOR)
    MemberFactory(rfp=rfp, user=dana, role=MemberRole.EXECUTIVE)
    make_questionnaire(rfp)
    responses = {}
    for key, vendor in (("vendor", northwind), ("rival", bluepeak)):
        InvitationFactory(rfp=rfp, vendor=vendor)
        responses[key] = ResponseFactory(rfp=rfp, vendor=vendor)
    return World(
        rfp=rfp,
        users={
            "procurement": paula,
            "evaluator": omar,
            "executive": dana,
            "outsider": piotr,
            "vendor": ana,
            "rival": ravi,
        },
        vendors={"vendor": northwind, "rival": bluepeak},
        responses=responses,
    )


@pytest.fixture
def login(client):
    """Log a persona in on the test client: login(paula)."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


__all__ = ["PASSWORD"]
