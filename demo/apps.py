from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo scenarios and `manage.py loaddemo`: on top of every other app, which it fills
    through their services; no production app imports it (the import-linter layers say so)."""

    name = "demo"
    verbose_name = _("Demodata")
