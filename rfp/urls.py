from django.urls import path

from rfp import views, views_io, views_team

app_name = "rfp"

urlpatterns = [
    path("", views.rfp_list, name="list"),
    path("new/", views.rfp_create, name="create"),
    path("bank/", views.bank, name="bank"),
    # One RFP: the builder and its read pages
    path("<str:ref>/", views.rfp_detail, name="detail"),
    path("<str:ref>/preview/", views.rfp_preview, name="preview"),
    path("<str:ref>/settings/", views.rfp_edit, name="edit"),
    path("<str:ref>/team/", views_team.rfp_members, name="members"),
    path("<str:ref>/team/add/", views_team.member_add, name="member_add"),
    path("<str:ref>/team/<int:member_id>/remove/", views_team.member_remove, name="member_remove"),
    path("<str:ref>/team/<int:member_id>/bids/", views_team.member_bids, name="member_bids"),
    path("<str:ref>/audit/", views_team.rfp_audit, name="audit"),
    # Lifecycle (POST only)
    path("<str:ref>/clone/", views.rfp_clone, name="clone"),
    path("<str:ref>/publish/", views.rfp_publish, name="publish"),
    path("<str:ref>/close/", views.rfp_close, name="close"),
    path("<str:ref>/start-evaluation/", views.rfp_start_evaluation, name="start_evaluation"),
    path("<str:ref>/archive/", views.rfp_archive, name="archive"),
    # Sections and questions of a draft
    path("<str:ref>/sections/add/", views.section_add, name="section_add"),
    path("<str:ref>/sections/<int:section_id>/edit/", views.section_edit, name="section_edit"),
    path("<str:ref>/sections/<int:section_id>/delete/", views.section_delete, name="section_delete"),
    path("<str:ref>/sections/<int:section_id>/weight/", views.section_weight, name="section_weight"),
    path("<str:ref>/weights/scale/", views.weights_scale, name="weights_scale"),
    path("<str:ref>/sections/<int:section_id>/move/", views.section_move, name="section_move"),
    path("<str:ref>/sections/<int:section_id>/questions/add/", views.question_add, name="question_add"),
    path("<str:ref>/questions/<int:question_id>/edit/", views.question_edit, name="question_edit"),
    path("<str:ref>/questions/<int:question_id>/delete/", views.question_delete, name="question_delete"),
    path("<str:ref>/questions/<int:question_id>/move/", views.question_move, name="question_move"),
    # Downloads (added by the I/O engineer) go below.
    path("new/import/", views_io.import_questionnaire_page, name="import_questionnaire"),
    path("bank/export.<str:fmt>", views_io.export_bank, name="export_bank"),
    path("<str:ref>/export.<str:fmt>", views_io.export_questionnaire, name="export_questionnaire"),
]
