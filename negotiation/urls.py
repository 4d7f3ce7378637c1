from django.urls import path

from negotiation import views

app_name = "negotiation"

urlpatterns = [
    path("<str:ref>/rounds/", views.rounds, name="rounds"),
    path("<str:ref>/rounds/<int:number>/", views.round_detail, name="round"),
    path("<str:ref>/rounds/<int:number>/close/", views.round_close, name="close"),
]
