from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("<str:ref>/", views.dashboard, name="dashboard"),
    path("<str:ref>/shortlist/", views.shortlist, name="shortlist"),
    path("<str:ref>/promote/", views.promote, name="promote"),
    path("<str:ref>/report.pdf", views.report_pdf, name="pdf"),
    path("<str:ref>/scores.xlsx", views.scores_xlsx, name="scores_xlsx"),
]
