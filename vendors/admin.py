from django.contrib import admin

from vendors.models import Answer, Attachment, Invitation, Response, Submission, Vendor


@admin.register(Vendor)
class VendorAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "seats", "contact_email")
    search_fields = ("name", "slug", "country")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("rfp", "vendor", "email", "status", "invited_at", "responded_at")
    list_filter = ("status", "rfp")
    search_fields = ("vendor__name", "email", "rfp__reference")
    raw_id_fields = ("invited_by",)


class AnswerInline(admin.TabularInline):
    model = Answer
    fields = ("question", "state", "value", "version", "updated_by", "updated_at")
    readonly_fields = ("updated_at",)
    raw_id_fields = ("question", "updated_by")
    extra = 0


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ("rfp", "vendor", "status", "submitted_at", "updated_at")
    list_filter = ("status", "rfp")
    search_fields = ("vendor__name", "rfp__reference")
    inlines = [AnswerInline]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ("response", "question", "state", "version", "updated_at")
    list_filter = ("state", "response__rfp")
    search_fields = ("response__vendor__name", "question__key", "question__text")
    raw_id_fields = ("response", "question", "updated_by")


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("response", "number", "submitted_by", "submitted_at")
    search_fields = ("response__vendor__name", "response__rfp__reference")
    readonly_fields = ("snapshot",)


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ("original_name", "answer", "size", "uploaded_at")
    search_fields = ("original_name", "answer__response__vendor__name")
    raw_id_fields = ("answer", "uploaded_by")
