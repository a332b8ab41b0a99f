from django.contrib import admin

from maturity.models import Score, ScoreChange


@admin.register(Score)
class ScoreAdmin(admin.ModelAdmin):
    """Read-only: scores change through the application, which keeps their history."""

    list_display = ["cycle", "unit", "principle", "level", "updated_by", "updated_at"]
    list_filter = ["cycle", "principle"]
    list_select_related = ["cycle", "unit", "principle", "updated_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ScoreChange)
class ScoreChangeAdmin(ScoreAdmin):
    list_display = ["score", "event", "old_level", "new_level", "changed_by", "changed_at"]
    list_filter = ["event"]
    list_select_related = ["score__unit", "score__principle", "score__cycle", "changed_by"]
