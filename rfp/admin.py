from django.contrib import admin

from rfp.models import (
    RFP,
    Addendum,
    AuditEntry,
    BankQuestion,
    BankSection,
    Clarification,
    Question,
    RFPMember,
    Section,
)


class MemberInline(admin.TabularInline):
    model = RFPMember
    raw_id_fields = ("user",)
    extra = 0


class SectionInline(admin.TabularInline):
    model = Section
    fields = ("order", "key", "title", "kind", "weight")
    extra = 0


@admin.register(RFP)
class RFPAdmin(admin.ModelAdmin):
    list_display = ("reference", "title", "kind", "status", "deadline", "sealed")
    list_filter = ("kind", "status", "sealed")
    search_fields = ("reference", "title", "buyer")
    inlines = [MemberInline, SectionInline]
    raw_id_fields = ("created_by", "source_rfp")


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fields = ("order", "key", "text", "type", "required", "scored", "weight", "knockout", "auto_rule")


@admin.register(RFPMember)
class RFPMemberAdmin(admin.ModelAdmin):
    list_display = ("rfp", "user", "role")
    list_filter = ("role", "rfp")
    search_fields = ("rfp__reference", "user__username", "user__last_name")
    raw_id_fields = ("user",)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("title", "rfp", "kind", "weight", "order")
    list_filter = ("rfp", "kind")
    search_fields = ("title", "key", "rfp__reference")
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("key", "short_text", "type", "section", "weight", "required", "scored")
    list_filter = ("type", "required", "scored", "section__rfp")
    search_fields = ("key", "text", "section__rfp__reference")

    @admin.display(description="question")
    def short_text(self, obj):
        return obj.text[:80]


class BankQuestionInline(admin.StackedInline):
    model = BankQuestion
    extra = 0


@admin.register(BankSection)
class BankSectionAdmin(admin.ModelAdmin):
    list_display = ("title", "key", "kind", "weight", "order")
    inlines = [BankQuestionInline]


@admin.register(BankQuestion)
class BankQuestionAdmin(admin.ModelAdmin):
    list_display = ("key", "text", "type", "section", "weight")
    list_filter = ("type", "section")
    search_fields = ("key", "text")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "rfp", "actor", "action", "object_type", "object_id")
    list_filter = ("action",)
    search_fields = ("rfp__reference", "actor__username", "action", "message")
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_change_permission(self, request, obj=None):
        return False  # the log is evidence: it is read, never edited


@admin.register(Clarification)
class ClarificationAdmin(admin.ModelAdmin):
    list_display = ("rfp", "vendor", "asked_at", "published_at")
    list_filter = ("rfp",)
    search_fields = ("text", "answer", "vendor__name")


@admin.register(Addendum)
class AddendumAdmin(admin.ModelAdmin):
    list_display = ("rfp", "number", "created_at")
    search_fields = ("rfp__reference", "summary")
