from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from config import health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("rfps/", include("rfp.urls")),
    path("vendor/", include("vendors.urls")),
    path("evaluation/", include("scoring.urls")),
    path("evaluation/", include("negotiation.urls")),
    path("sourcing/", include("sourcing.urls")),
    path("reports/", include("reports.urls")),
    path("reports/", include("insights.urls")),
    path("api/", include("api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
] + ([path("admin/", admin.site.urls)] if settings.ADMIN_ENABLED else [])
