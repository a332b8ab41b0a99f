"""The maturity levels' meanings in /beheer/, read only: the coordination team keeps them on its
own page (Bijlage 1), which versions them. Scores, frameworks and calibration change only through
the application."""

from django.contrib import admin

from maturity.models import LevelMeaning
from uwvkms.admin import ReadOnlyModelAdmin


@admin.register(LevelMeaning)
class LevelMeaningAdmin(ReadOnlyModelAdmin):
    list_display = ["level", "name", "version", "updated_at"]
