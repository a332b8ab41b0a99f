from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaturityConfig(AppConfig):
    name = "maturity"
    verbose_name = _("Volwassenheid")

    def ready(self) -> None:
        from maturity.selectors.workqueue import register_work_queue

        register_work_queue()
