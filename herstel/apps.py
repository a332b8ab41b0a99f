from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HerstelConfig(AppConfig):
    name = "herstel"
    verbose_name = _("Herstelacties")

    def ready(self) -> None:
        from herstel.comments import register_comment_targets
        from herstel.notifications import register_reminders
        from herstel.retention import register_retention
        from herstel.selectors.actions import register_user_facts
        from herstel.selectors.search import register_search
        from herstel.selectors.workqueue import register_work_queue

        register_user_facts()
        register_work_queue()
        register_reminders()
        register_retention()
        register_comment_targets()
        register_search()
