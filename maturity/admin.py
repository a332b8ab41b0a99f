from django.contrib import admin

from maturity.models import (
    CalibrationClosure,
    CalibrationSession,
    Framework,
    LevelMeaning,
    Score,
    ScoreChange,
)
from uwvkms.admin import ReadOnlyModelAdmin


@admin.register(Score)
class ScoreAdmin(ReadOnlyModelAdmin):
    list_display = ["cycle", "unit", "principle", "level", "status", "updated_by", "updated_at"]
    list_filter = ["cycle", "principle", "status"]
    list_select_related = ["cycle", "unit", "principle", "updated_by"]


@admin.register(ScoreChange)
class ScoreChangeAdmin(ReadOnlyModelAdmin):
    list_display = ["score", "event", "old_level", "new_level", "changed_by", "changed_at"]
    list_filter = ["event"]
    list_select_related = ["score__unit", "score__principle", "score__cycle", "changed_by"]


@admin.register(Framework)
class FrameworkAdmin(ReadOnlyModelAdmin):
    list_display = ["cycle", "principle", "version", "updated_by", "updated_at"]
    list_select_related = ["cycle", "principle", "updated_by"]


@admin.register(CalibrationSession)
class CalibrationSessionAdmin(ReadOnlyModelAdmin):
    list_display = ["cycle", "number", "held_on", "status", "closed_at"]
    list_select_related = ["cycle"]


@admin.register(CalibrationClosure)
class CalibrationClosureAdmin(ReadOnlyModelAdmin):
    list_display = ["cycle", "closed_by", "closed_at", "reopened_by", "reopened_at"]
    list_select_related = ["cycle", "closed_by", "reopened_by"]


@admin.register(LevelMeaning)
class LevelMeaningAdmin(ReadOnlyModelAdmin):
    list_display = ["level", "name", "version", "updated_at"]
