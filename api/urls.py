from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api import views, views_tokens

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves the page's start-up script as a file: the site's CSP allows no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("tokens/", views_tokens.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views_tokens.revoke, name="token_revoke"),
    path("rfps/", views.rfp_list, name="rfp_list"),
    path("rfps/<str:ref>/", views.rfp_detail, name="rfp_detail"),
    path("rfps/<str:ref>/questionnaire/", views.questionnaire, name="questionnaire"),
    path("rfps/<str:ref>/responses/<int:response_id>/", views.bid, name="bid"),
    path("rfps/<str:ref>/ranking/", views.ranking, name="ranking"),
    path(
        "evaluation/<str:ref>/sections/<int:section_id>/answers/", views.evaluation_answers, name="evaluation_answers"
    ),
    path("rfps/<str:ref>/invitations/", views.invitations, name="invitations"),
    path("rfps/<str:ref>/audit/", views.audit_log_page, name="audit"),
    path("rfps/<str:ref>/ocds/", views.ocds_release, name="ocds"),
    path("rfps/<str:ref>/reports/", views.report_request, name="report_request"),
    path("rfps/<str:ref>/jobs/<int:job_id>/", views.report_job, name="report_job"),
    path("rfps/<str:ref>/jobs/<int:job_id>/file/", views.report_job_file, name="report_job_file"),
    path("evaluation/<str:ref>/answers/<int:answer_id>/score/", views.evaluation_score_save, name="score_save"),
    path("vendor/invitations/", views.vendor_invitations, name="vendor_invitations"),
    path("vendor/rfps/<str:ref>/answers/", views.vendor_answers, name="vendor_answers"),
    path("vendor/rfps/<str:ref>/answers/<int:question_id>/", views.vendor_answer_save, name="vendor_answer_save"),
    path("vendor/rfps/<str:ref>/answers/<int:question_id>/files/", views.vendor_file_upload, name="vendor_file_upload"),
    path("vendor/rfps/<str:ref>/files/<int:attachment_id>/", views.vendor_file_delete, name="vendor_file_delete"),
]
