"""Login lockout (django-axes) with a second, higher limit per client address.

Axes locks one username from one address after AXES_FAILURE_LIMIT failures (a colleague
elsewhere is never locked out). Password spraying tries a few passwords on many usernames from
one address, which that lock never sees; so an address that failed LOGIN_ADDRESS_FAILURE_LIMIT
times within the cool-off time, whatever the usernames, is locked as a whole until the failures
age out. Both count failed passwords and failed codes of the MFA step (uwvkms.account_views).
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def address_locked(failures_from_address: int, limit: int) -> bool:
    """Whether an address with this many recent failures (any usernames) is locked."""
    return failures_from_address >= limit


class LoginLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, whose failure count reaches the lockout limit also when the
    client address as a whole has failed too often."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if address_locked(self.address_failures(request), settings.LOGIN_ADDRESS_FAILURE_LIMIT):
            return max(failures, get_failure_limit(request, credentials))
        return failures

    @staticmethod
    def address_failures(request) -> int:
        """The failures from the request's client address within the cool-off time."""
        attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
