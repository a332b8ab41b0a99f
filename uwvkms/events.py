"""The names of the event log's events, each with its Dutch label, declared in one mechanism.

Every app declares its events in its own `<app>/events.py` as module constants
(``SCORE_SUBMITTED = Event("maturity.score.submitted", _("Ingediend"))``); this module declares the
core's own and holds the registry. `event_label(name)` is the one way to put an event in words: a
history table, a timeline and an export all ask it, so no app keeps a label map of its own.

An `Event` is a `str` (its dotted name), so it goes wherever a name went before: into
`audit_event_record(event=...)`, a queryset filter or a comparison with a stored name.
"""

from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

_REGISTRY: dict[str, "Event"] = {}
_discovered = False


class Event(str):
    """One kind of recorded change: a dotted name (``<app>.<thing>.<what happened>``, STYLE.md
    practice 2) and a Dutch label. Declaring it registers it; a name is declared once."""

    label: Promise | str

    def __new__(cls, name: str, label: Promise | str) -> "Event":
        app, *rest = name.split(".")
        if len(rest) != 2 or not all(rest):
            raise ValueError(f"An event name is <app>.<thing>.<what>, not {name!r}.")
        known = _REGISTRY.get(name)
        if known is not None:
            # Re-importing a module (autoreload, a test reloading it) declares the same event again.
            if str(known.label) != str(label):
                raise ValueError(f"Event {name!r} is declared twice with different labels.")
            return known
        event = super().__new__(cls, name)
        event.label = label
        _REGISTRY[name] = event
        return event

    def __getnewargs__(self) -> tuple[str, Promise | str]:
        # Copying or pickling an event (a queryset filter, a cached value) finds the declared one.
        return (str(self), self.label)

    @property
    def name(self) -> str:
        return str(self)

    @property
    def app(self) -> str:
        return self.partition(".")[0]


def _discover() -> None:
    # The apps' events modules sit above the core, so the core finds them by name, once.
    global _discovered
    if not _discovered:
        autodiscover_modules("events")
        _discovered = True


def declared_events() -> dict[str, Event]:
    """Every declared event, by name."""
    _discover()
    return dict(_REGISTRY)


def event_get(name: str) -> Event | None:
    """The declared event with this name, or None for a name nobody declared."""
    _discover()
    return _REGISTRY.get(name)


def event_label(name: str) -> str:
    """The Dutch label of the event with this name; the name itself for an undeclared one, so an
    old or unknown row still shows what it was."""
    event = event_get(name)
    return str(event.label) if event is not None else name


# --- the core's own events ------------------------------------------------------------------

API_TOKEN_CREATED = Event("uwvkms.api_token.created", _("API-token aangemaakt"))
API_TOKEN_REVOKED = Event("uwvkms.api_token.revoked", _("API-token ingetrokken"))
API_TOKEN_REFUSED = Event("uwvkms.api_token.refused", _("API-token geweigerd"))

# The security log (BIO 8.15, ASVS 16; uwvkms.security writes them): who logged in or failed,
# who was refused, who read or exported sensitive data, what an administrator changed in /beheer/.
LOGIN_SUCCEEDED = Event("uwvkms.login.succeeded", _("Ingelogd"))
LOGIN_FAILED = Event("uwvkms.login.failed", _("Inloggen mislukt"))
LOGIN_LOCKED_OUT = Event("uwvkms.login.locked_out", _("Inloggen geblokkeerd na te veel pogingen"))
LOGGED_OUT = Event("uwvkms.login.logged_out", _("Uitgelogd"))
ACCESS_REFUSED = Event("uwvkms.access.refused", _("Toegang geweigerd"))
FILE_DOWNLOADED = Event("uwvkms.data.downloaded", _("Vertrouwelijk bestand gedownload"))
DATA_EXPORTED = Event("uwvkms.data.exported", _("Gegevens geëxporteerd"))
ADMIN_ADDED = Event("uwvkms.beheer.added", _("Toegevoegd in beheer"))
ADMIN_CHANGED = Event("uwvkms.beheer.changed", _("Gewijzigd in beheer"))
ADMIN_DELETED = Event("uwvkms.beheer.deleted", _("Verwijderd in beheer"))

# Rows about access rather than about a change: a test that checks "a refusal changed nothing"
# leaves these out (the refusal itself is recorded).
SECURITY_EVENTS = frozenset(
    {
        LOGIN_SUCCEEDED,
        LOGIN_FAILED,
        LOGIN_LOCKED_OUT,
        LOGGED_OUT,
        ACCESS_REFUSED,
        FILE_DOWNLOADED,
        DATA_EXPORTED,
        API_TOKEN_REFUSED,
    }
)

# Notifications (issue 20): a recipient took note of a notification that asked for it.
NOTIFICATION_ACKNOWLEDGED = Event(
    "uwvkms.notification.acknowledged", _("Kennisgenomen van een melding")
)

RETENTION_APPLIED = Event(
    "uwvkms.retention.applied", _("Bewaartermijn toegepast (gepseudonimiseerd of verwijderd)")
)
USER_SSO_CREATED = Event(
    "uwvkms.user.sso_created", _("Gebruiker aangemaakt bij eerste inloggen met UWV-account")
)
USER_SSO_UPDATED = Event(
    "uwvkms.user.sso_updated", _("Rollen of gegevens bijgewerkt uit het UWV-account")
)

# Two-factor authentication and passwords (issue 19 §1): the account's owner is the target.
MFA_ENABLED = Event("uwvkms.mfa.enabled", _("Tweestapsverificatie ingesteld"))
MFA_DISABLED = Event("uwvkms.mfa.disabled", _("Tweestapsverificatie uitgeschakeld"))
MFA_RESET = Event("uwvkms.mfa.reset", _("Tweestapsverificatie gereset door beheerder"))
MFA_RECOVERY_CODES_GENERATED = Event(
    "uwvkms.mfa_recovery_codes.generated", _("Herstelcodes opnieuw aangemaakt")
)
PASSWORD_CHANGED = Event("uwvkms.password.changed", _("Wachtwoord gewijzigd"))
PASSWORD_RESET = Event("uwvkms.password.reset", _("Wachtwoord hersteld via e-mail"))

# User administration (uwvkms.users): who changed which account, old → new, and why.
USER_CREATED = Event("uwvkms.user.created", _("Gebruiker aangemaakt"))
USER_UPDATED = Event("uwvkms.user.updated", _("Gebruiker gewijzigd"))
USER_DEACTIVATED = Event("uwvkms.user.deactivated", _("Gebruiker gedeactiveerd"))
USER_REACTIVATED = Event("uwvkms.user.reactivated", _("Gebruiker weer actief"))
USER_INVITED = Event("uwvkms.user.invited", _("Uitnodiging verstuurd"))
USER_INVITATION_ACCEPTED = Event(
    "uwvkms.user.invitation_accepted", _("Uitnodiging aanvaard, wachtwoord ingesteld")
)
# Comments where the work is discussed (issue 21 §4, `uwvkms.comments`): the comment is the target.
COMMENT_POSTED = Event("uwvkms.comment.posted", _("Reactie geplaatst"))
COMMENT_EDITED = Event("uwvkms.comment.edited", _("Reactie gewijzigd"))
COMMENT_WITHDRAWN = Event("uwvkms.comment.withdrawn", _("Reactie ingetrokken"))

UPLOAD_INFECTED = Event("uwvkms.upload.infected", _("Upload geweigerd: malware gevonden"))
UPLOAD_NOT_SCANNED = Event(
    "uwvkms.upload.not_scanned", _("Upload geweigerd: virusscanner niet bereikbaar")
)

# Review before submission (issue 21 §3, uwvkms.review): on the reviewed record, old → new.
REVIEW_REQUESTED = Event("uwvkms.review.requested", _("Klaar voor review gezet"))
REVIEW_APPROVED = Event("uwvkms.review.approved", _("Beoordeeld (review)"))
REVIEW_SENT_BACK = Event("uwvkms.review.sent_back", _("Teruggestuurd na review"))
REVIEW_REOPENED = Event(
    "uwvkms.review.reopened", _("Na wijziging terug naar concept (review vervalt)")
)
