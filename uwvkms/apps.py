from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UwvkmsConfig(AppConfig):
    name = "uwvkms"
    verbose_name = _("Organisatie")

    def ready(self):
        from uwvkms import checks  # noqa: F401, PLC0415  (registers the deployment checks)
        from uwvkms.notifications import register_user_facts  # noqa: PLC0415

        register_user_facts()
