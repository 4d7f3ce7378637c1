from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from config import health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page links to (PDF viewers, bookmarks).
    path("favicon.ico", RedirectView.as_view(url=static("img/favicon.svg"), permanent=True)),
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
