"""Background tasks of the core (Django's tasks framework; the worker is `manage.py db_worker`)."""

from django.tasks import task

from uwvkms.mail import invitation_email_send, notification_email_send
from uwvkms.passwords import password_reset_email_send


@task
def notification_email_task(notification_id: int) -> bool:
    """Mail one notification (see `notification_email_send`); a failure is recorded on it and
    retried by `manage.py meldingen_mailen`."""
    return notification_email_send(notification_id=notification_id)


@task
def password_reset_email_task(user_id: int) -> bool:
    """Mail a password reset link (see `uwvkms.passwords.password_reset_email_send`)."""
    return password_reset_email_send(user_id=user_id)


@task
def invitation_email_task(user_id: int) -> bool:
    """Mail an invited user their one-time link to set a password (`invitation_email_send`)."""
    return invitation_email_send(user_id=user_id)
