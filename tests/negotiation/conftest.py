"""An evaluated RFP ready for a best-and-final round: the report tests' four vendors, every answer
scored by Omar and Lena, their sections submitted, and a bid manager at each of the two leaders."""

import pytest

from accounts.models import Role
from tests.factories import UserFactory
from tests.negotiation.scenario import evaluated_tender


@pytest.fixture
def lena(db):
    return UserFactory(username="lena", first_name="Lena", last_name="Berg", role=Role.EVALUATOR)


@pytest.fixture
def tender(paula, omar, lena, dana):
    return evaluated_tender(procurement=paula, evaluators=[omar, lena], executive=dana)


@pytest.fixture
def coral_manager(tender):
    vendor = tender.vendors_by_name["Coral Coast Outsourcing"]
    return UserFactory(username="mei", first_name="Mei", last_name="Tan", role=Role.VENDOR, company=vendor)


@pytest.fixture
def harbor_manager(tender):
    vendor = tender.vendors_by_name["Harbor Premium Contact"]
    return UserFactory(username="hugo", first_name="Hugo", last_name="Brandt", role=Role.VENDOR, company=vendor)


@pytest.fixture
def vistula_manager(tender):
    vendor = tender.vendors_by_name["Vistula Nearshore CX"]
    return UserFactory(username="zofia", first_name="Zofia", last_name="Wrona", role=Role.VENDOR, company=vendor)
