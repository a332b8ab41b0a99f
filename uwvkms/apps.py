from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UwvkmsConfig(AppConfig):
    name = "uwvkms"
    verbose_name = _("Organisatie")

    def ready(self):
        from uwvkms import checks  # noqa: F401, PLC0415  (registers the deployment checks)
        from uwvkms.notifications import register_user_facts  # noqa: PLC0415
        from uwvkms.retention import register_retention  # noqa: PLC0415

        register_user_facts()
        register_retention()
        _connect_security_log()


def _connect_security_log() -> None:
    """Logins, failures, lockouts and logouts go to the event log (uwvkms.security)."""
    from axes.signals import user_locked_out  # noqa: PLC0415
    from django.contrib.auth.signals import (  # noqa: PLC0415
        user_logged_in,
        user_logged_out,
        user_login_failed,
    )

    from uwvkms import security  # noqa: PLC0415

    user_logged_in.connect(security.login_succeeded, dispatch_uid="uwvkms.security.login")
    user_logged_out.connect(security.logged_out, dispatch_uid="uwvkms.security.logout")
    user_login_failed.connect(security.login_failed, dispatch_uid="uwvkms.security.failed")
    user_locked_out.connect(security.locked_out, dispatch_uid="uwvkms.security.locked_out")
