from django.urls import path

from insights import views

app_name = "insights"

urlpatterns = [
    path("<str:ref>/claims/", views.claims, name="claims"),
    path("<str:ref>/claims.xlsx", views.claims_xlsx, name="claims_xlsx"),
]
