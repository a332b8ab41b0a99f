from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FindingsConfig(AppConfig):
    name = "findings"
    verbose_name = _("Bevindingen en rapportage")

    def ready(self) -> None:
        from findings.notifications import register_reminders  # noqa: PLC0415

        register_reminders()

        from audits.selectors.readiness import register_phase_facts
        from audits.selectors.recorded_work import register_recorded_work
        from findings.comments import register_comment_targets
        from findings.selectors.publishing import phase_facts, recorded_work
        from findings.selectors.review import register_review
        from findings.selectors.search import register_search
        from findings.selectors.workqueue import register_work_queue

        register_work_queue()
        register_comment_targets()
        register_review()
        register_phase_facts(phase_facts)
        register_recorded_work(recorded_work)
        register_search()
