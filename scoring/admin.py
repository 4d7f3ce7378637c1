from django.contrib import admin

from scoring.models import Assignment, ConflictDeclaration, Consensus, EvaluationSettings, Score, WeightDerivation


@admin.register(EvaluationSettings)
class EvaluationSettingsAdmin(admin.ModelAdmin):
    list_display = ("rfp", "blind", "aggregate", "price_direction", "price_opened")
    raw_id_fields = ("rfp", "price_opened_by")


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("section", "evaluator", "assigned_at", "submitted_at")
    raw_id_fields = ("section", "evaluator", "assigned_by")


@admin.register(ConflictDeclaration)
class ConflictDeclarationAdmin(admin.ModelAdmin):
    list_display = ("rfp", "evaluator", "vendor", "conflict", "declared_at")
    list_filter = ("conflict",)
    raw_id_fields = ("rfp", "evaluator", "vendor")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Scores and consensus change only through the services, which write the audit log."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdmin):
    list_display = ("answer", "evaluator", "points", "submitted_at")
    raw_id_fields = ("answer", "evaluator")


@admin.register(Consensus)
class ConsensusAdmin(ReadOnlyAdmin):
    list_display = ("answer", "points", "set_by", "set_at")
    raw_id_fields = ("answer", "set_by")


@admin.register(WeightDerivation)
class WeightDerivationAdmin(ReadOnlyAdmin):
    list_display = ("rfp", "cr", "overridden", "created_by", "created_at")
