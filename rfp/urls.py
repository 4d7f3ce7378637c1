from django.urls import path

from rfp import views

app_name = "rfp"

urlpatterns = [
    path("", views.rfp_list, name="list"),
    path("bank/", views.bank, name="bank"),
]
