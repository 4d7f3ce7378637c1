from django.contrib import admin

from reports.models import Shortlist, ShortlistEntry


class EntryInline(admin.TabularInline):
    model = ShortlistEntry
    extra = 0
    raw_id_fields = ("vendor",)


@admin.register(Shortlist)
class ShortlistAdmin(admin.ModelAdmin):
    list_display = ("rfp", "published_at", "published_by")
    readonly_fields = ("ranking_snapshot", "published_at", "published_by")
    inlines = [EntryInline]


@admin.register(ShortlistEntry)
class ShortlistEntryAdmin(admin.ModelAdmin):
    list_display = ("shortlist", "vendor", "rank", "total")
    list_filter = ("shortlist__rfp",)
    search_fields = ("vendor__name", "shortlist__rfp__reference")
