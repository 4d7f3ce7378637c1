from django.urls import path

from vendors import views, views_buyer, views_offline

app_name = "vendors"

urlpatterns = [
    # The vendor's side
    path("", views.dashboard, name="dashboard"),
    path("join/<uuid:token>/", views.join, name="join"),
    path("team/", views.team, name="team"),
    path("welcome/<uidb64>/<token>/", views.WelcomeView.as_view(), name="welcome"),
    path("rfps/<str:ref>/", views.rfp_overview, name="rfp"),
    path("rfps/<str:ref>/accept/", views.accept, name="accept"),
    path("rfps/<str:ref>/decline/", views.decline, name="decline"),
    path("rfps/<str:ref>/sections/<int:section_id>/", views.section, name="section"),
    path("rfps/<str:ref>/answers/<int:question_id>/", views.save_answer, name="save_answer"),
    path("rfps/<str:ref>/answers/<int:question_id>/files/", views.upload, name="upload"),
    path("rfps/<str:ref>/files/<int:attachment_id>/", views.attachment, name="attachment"),
    path("rfps/<str:ref>/files/<int:attachment_id>/delete/", views.delete_attachment, name="delete_attachment"),
    path("rfps/<str:ref>/review/", views.review, name="review"),
    path("rfps/<str:ref>/submit/", views.submit, name="submit"),
    path("rfps/<str:ref>/reopen/", views.reopen, name="reopen"),
    path("rfps/<str:ref>/clarifications/", views.clarifications, name="clarifications"),
    path("rfps/<str:ref>/addenda/acknowledge/", views.acknowledge_addenda, name="acknowledge_addenda"),
    # The buyer's side (views_buyer.py): invitations, submission status, sealed responses, clarifications, addenda
    path("rfps/<str:ref>/invitations/", views_buyer.invitations, name="invitations"),
    path("rfps/<str:ref>/invitations/new/", views_buyer.invite, name="invite"),
    path("rfps/<str:ref>/invitations/remind/", views_buyer.remind, name="remind"),
    path("rfps/<str:ref>/responses/<int:response_id>/", views_buyer.buyer_response, name="buyer_response"),
    path("rfps/<str:ref>/questions-from-vendors/", views_buyer.buyer_clarifications, name="buyer_clarifications"),
    path(
        "rfps/<str:ref>/questions-from-vendors/<int:pk>/answer/",
        views_buyer.answer_clarification,
        name="answer_clarification",
    ),
    path("rfps/<str:ref>/addenda/", views_buyer.buyer_addenda, name="buyer_addenda"),
    path("rfps/<str:ref>/addenda/new/", views_buyer.issue_addendum, name="issue_addendum"),
    # The vendor's offline Excel workbook (vendors/views_offline.py)
    path("rfps/<str:ref>/offline/", views_offline.offline_upload, name="offline_upload"),
    path("rfps/<str:ref>/offline/download/", views_offline.offline_download, name="offline_download"),
    path("rfps/<str:ref>/offline/confirm/", views_offline.offline_confirm, name="offline_confirm"),
    path("rfps/<str:ref>/offline/jobs/<int:job_id>/", views_offline.offline_job, name="offline_job"),
]
