from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("<str:ref>/", views.dashboard, name="dashboard"),
    path("<str:ref>/shortlist/", views.shortlist, name="shortlist"),
    path("<str:ref>/promote/", views.promote, name="promote"),
    path("<str:ref>/report.pdf", views.report_pdf, name="pdf"),
    path("<str:ref>/jobs/<int:job_id>/", views.report_job, name="job"),
    path("<str:ref>/jobs/<int:job_id>/file", views.report_job_file, name="job_file"),
    path("<str:ref>/scores.xlsx", views.scores_xlsx, name="scores_xlsx"),
]
