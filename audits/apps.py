from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = _("Interne toets")

    def ready(self) -> None:
        from audits.notifications import register_reminders
        from audits.retention import register_retention
        from audits.selectors.capacities import register_quality_contact_fact
        from audits.selectors.confirmations import register_user_facts
        from audits.selectors.request_queue import register_request_queue
        from audits.selectors.review import register_review
        from audits.selectors.search import register_search
        from audits.selectors.workqueue import register_work_queue

        register_user_facts()
        register_work_queue()
        register_retention()
        register_quality_contact_fact()
        register_request_queue()
        register_reminders()
        register_search()
        register_review()
