from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaturityConfig(AppConfig):
    name = "maturity"
    verbose_name = _("Volwassenheid")

    def ready(self) -> None:
        from audits.selectors.readiness import register_phase_facts
        from audits.selectors.recorded_work import register_recorded_work
        from audits.services.cycle_setup import register_cycle_copier
        from maturity.comments import register_comment_targets
        from maturity.selectors.calibration import phase_facts
        from maturity.selectors.scores import recorded_work
        from maturity.selectors.workqueue import register_work_queue
        from maturity.services.blind import blind_scoring_copy
        from maturity.services.framework import frameworks_copy

        register_work_queue()
        register_comment_targets()
        register_phase_facts(phase_facts)
        register_recorded_work(recorded_work)
        register_cycle_copier(frameworks_copy)
        register_cycle_copier(blind_scoring_copy)
