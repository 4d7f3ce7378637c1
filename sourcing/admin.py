from django.contrib import admin

from sourcing.models import Assessment


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["title", "rfp", "owner", "seats", "rhythm", "years", "updated_at"]
    list_filter = ["rhythm", "complexity"]
    search_fields = ["title", "rfp__reference"]
    raw_id_fields = ["rfp", "owner"]
