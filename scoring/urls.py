from django.urls import path

from scoring import views

app_name = "scoring"

urlpatterns = [
    path("<str:ref>/", views.overview, name="overview"),
    path("<str:ref>/start/", views.start, name="start"),
    path("<str:ref>/settings/", views.settings_save, name="settings"),
    path("<str:ref>/assignments/", views.assignments_save, name="assignments"),
    path("<str:ref>/price/open/", views.price_open, name="price_open"),
    path("<str:ref>/conflicts/", views.conflicts, name="conflicts"),
    path("<str:ref>/sections/<int:section_id>/", views.section, name="section"),
    path("<str:ref>/sections/<int:section_id>/submit/", views.section_submit, name="section_submit"),
    path("<str:ref>/answers/<int:answer_id>/score/", views.score_save, name="score"),
    path("<str:ref>/answers/<int:answer_id>/consensus/", views.consensus_save, name="consensus"),
    path("<str:ref>/attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path("<str:ref>/moderation/", views.moderation, name="moderation"),
    path("<str:ref>/ranking/", views.ranking, name="ranking"),
    path("<str:ref>/ranking/what-if/", views.what_if, name="what_if"),
    path("<str:ref>/weights/ahp/", views.ahp, name="ahp"),
]
