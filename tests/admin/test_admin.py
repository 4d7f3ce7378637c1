"""A support engineer can open every model in the Django admin."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from accounts.models import Role
from tests.factories import UserFactory

PROJECT_APPS = {"accounts", "rfp", "vendors", "scoring", "sourcing", "reports"}
PROJECT_MODELS = [m for m in apps.get_models() if m._meta.app_label in PROJECT_APPS]


def test_every_model_of_the_project_is_in_the_admin():
    missing = [m._meta.label for m in PROJECT_MODELS if m not in admin.site._registry]
    assert not missing, f"models without an admin: {missing}"


@pytest.mark.parametrize("model", PROJECT_MODELS, ids=lambda m: m._meta.label)
def test_each_admin_list_and_add_page_opens_for_a_support_engineer(model, world, client):
    support = UserFactory(username="support", role=Role.PROCUREMENT, is_staff=True, is_superuser=True)
    client.force_login(support)
    opts = model._meta
    changelist = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    first = model.objects.first()
    if first is not None:
        change = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk]))
        assert change.status_code == 200
