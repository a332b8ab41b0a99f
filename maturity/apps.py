from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaturityConfig(AppConfig):
    name = "maturity"
    verbose_name = _("Volwassenheid")

    def ready(self) -> None:
        from audits.selectors.readiness import register_phase_facts
        from maturity.selectors.calibration import phase_facts
        from maturity.selectors.workqueue import register_work_queue

        register_work_queue()
        register_phase_facts(phase_facts)
