from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "role", "company", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("username", "email", "first_name", "last_name", "company__name")
    autocomplete_fields = ("company",)
    fieldsets = BaseUserAdmin.fieldsets + (("Shortlist", {"fields": ("role", "company", "timezone", "job_title")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + (("Shortlist", {"fields": ("email", "role", "company")}),)
