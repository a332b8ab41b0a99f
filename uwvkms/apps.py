from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UwvkmsConfig(AppConfig):
    name = "uwvkms"
    verbose_name = _("Organisatie")
