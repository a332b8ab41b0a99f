"""Background tasks of the core (Django's tasks framework; the worker is `manage.py db_worker`)."""

from django.tasks import task

from uwvkms.mail import (
    email_changed_email_send,
    invitation_email_send,
    mfa_reset_email_send,
    notification_email_send,
)
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


@task
def email_changed_email_task(user_id: int, old_address: str) -> bool:
    """Tell a user's old address that their e-mail address changed (`email_changed_email_send`)."""
    return email_changed_email_send(user_id=user_id, old_address=old_address)


@task
def mfa_reset_email_task(user_id: int) -> bool:
    """Tell a user that their two-step verification was reset (`mfa_reset_email_send`)."""
    return mfa_reset_email_send(user_id=user_id)
