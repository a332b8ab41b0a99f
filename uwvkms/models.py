"""The organisation core: business units, users and the event log every app writes to."""

import datetime
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Expression
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from uwvkms.constants import Delivery, HomeOrganisation, Role
from uwvkms.prepared import PreparedQuery
from uwvkms.versioning import Versioned, VersionedSinceLater
from uwvkms.withdrawal import Withdrawable


class BusinessUnit(models.Model):
    """A bedrijfsonderdeel of UWV (DOMAIN.md §2); the report compares units with and without
    execution processes (uitvoeringsprocessen) separately."""

    name = models.CharField(_("naam"), max_length=100)
    abbreviation = models.CharField(_("afkorting"), max_length=20)
    has_execution_processes = models.BooleanField(_("heeft uitvoeringsprocessen"), default=False)

    class Meta:
        verbose_name = _("bedrijfsonderdeel")
        verbose_name_plural = _("bedrijfsonderdelen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="businessunit_name_unique",
                violation_error_message=_("Er bestaat al een bedrijfsonderdeel met deze naam."),
            ),
            models.UniqueConstraint(
                Lower("abbreviation"),
                name="businessunit_abbreviation_unique",
                violation_error_message=_(
                    "Er bestaat al een bedrijfsonderdeel met deze afkorting."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class User(VersionedSinceLater, AbstractUser):
    """A person using uwvkms. Belongs to one business unit; roles are Django groups. The
    Beheerder edits accounts on the Gebruikers pages (`uwvkms.users`), versioned like every record
    people edit in a form (`version`, who changed it last and when; rows from before issue 19
    have no author). A user is deactivated, never deleted: their history stays."""

    business_unit = models.ForeignKey(
        BusinessUnit,
        verbose_name=_("bedrijfsonderdeel"),
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
    )
    # The stable subject of the user's UWV account (the OpenID Connect subject claim): how a
    # login through the identity provider finds them. Empty for local accounts.
    oidc_subject = models.CharField(
        _("kenmerk UWV-account"), max_length=255, unique=True, null=True, blank=True
    )
    # An auditor's home organisation (issue 21 §6), set by the Beheerder; empty for others.
    home_organisation = models.CharField(
        _("thuisorganisatie"),
        max_length=10,
        choices=HomeOrganisation.choices,
        blank=True,
        default="",
        help_text=_("Voor toetsers: BC&K of FEZ; het rapport telt het toetsteam hiernaar."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def has_role(self, role: Role) -> bool:
        """Whether the user holds `role`. Group names are cached for the request's user."""
        if not self.is_active:
            return False
        if not hasattr(self, "_role_names"):
            self._load_roles_and_facts()
        return role.value in self._role_names

    def fact(self, name: str):
        """A per-user fact another app registered in USER_FACTS (e.g. how many interview
        records wait for this user's confirmation), loaded with the role names."""
        if not hasattr(self, "_role_names") or not hasattr(self, "_user_facts"):
            self._load_roles_and_facts()
        return self._user_facts.get(name)

    def _load_roles_and_facts(self) -> None:
        # One query for the role names, every registered fact and the business unit: the
        # navigation bar needs them on every page, and a page's query count must not grow with
        # each app's badge.
        query, facts, unit_fields = _roles_and_facts_query()
        # An unsaved user holds nothing yet (the ORM's filter(pk=None) found no row either).
        rows = (
            [] if self.pk is None else query.rows(self.pk, using=self._state.db or DEFAULT_DB_ALIAS)
        )
        self._role_names = {row["groups__name"] for row in rows if row["groups__name"]}
        self._user_facts = {name: rows[0][name] for name in facts} if rows else {}
        unit = [rows[0][f"business_unit__{f}"] for f in unit_fields] if rows else ()
        if (
            self.business_unit_id is not None
            and unit
            and unit[0] == self.business_unit_id
            and not User.business_unit.is_cached(self)
        ):
            self.business_unit = BusinessUnit.from_db(self._state.db, unit_fields, list(unit))


# Per-user facts that apps above the organisation core add to the one query that loads a user's
# roles: name → a callable returning a query expression correlated on the user's row
# (OuterRef("pk"), OuterRef("business_unit_id")). Apps register in their AppConfig.ready() (the
# core never imports them).
USER_FACTS: dict[str, Callable[[], Expression]] = {}

_roles_and_facts_queries: dict[tuple, tuple[PreparedQuery, list[str], list[str]]] = {}


def _roles_and_facts_query() -> tuple[PreparedQuery, list[str], list[str]]:
    """The query behind `User.has_role` for a user's key, the fact names and the unit's fields.
    Compiled to SQL once per process, database and set of facts (`uwvkms.prepared`): compiling
    its subqueries took fifteen times as long as running it, on every page."""
    key = tuple(USER_FACTS.items())  # a name registered again with another query counts anew
    if key not in _roles_and_facts_queries:
        facts = {name: make() for name, make in USER_FACTS.items()}
        unit_fields = [f.attname for f in BusinessUnit._meta.concrete_fields]
        query = (
            User.objects.order_by()
            .annotate(**facts)
            .values_list("groups__name", *facts, *(f"business_unit__{f}" for f in unit_fields))
        )
        _roles_and_facts_queries[key] = (
            PreparedQuery(lambda pk: query.filter(pk=pk)),
            list(facts),
            unit_fields,
        )
    return _roles_and_facts_queries[key]


class AuditEvent(models.Model):
    """One recorded change: who did what, when, to which object, with old → new values and why.
    Apps write it through `uwvkms.services.audit_event_record` inside their own transaction.

    Append-only: database triggers (migration 0007) refuse UPDATE and DELETE of its rows, except
    inside `uwvkms.eventlog.retention_permit()`."""

    event = models.CharField(_("gebeurtenis"), max_length=100, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
    )
    occurred_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    object_type = models.CharField(_("soort object"), max_length=100)
    object_id = models.CharField(_("object-id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=255)
    changes = models.JSONField(_("wijzigingen"), default=dict, blank=True)
    reason = models.TextField(_("reden"), blank=True)
    # The request that made the change (also in the request's log line and X-Request-ID), so an
    # operator can follow one request from the proxy's log to the event log. Empty for a worker.
    request_id = models.CharField(_("verzoek-id"), max_length=64, blank=True, db_index=True)
    # Where the request came from (BIO 8.15, ASVS 16): the client address behind our trusted
    # proxies (uwvkms.proxy.client_ip) and the browser's user agent, cut to 255 characters.
    # Empty for a worker or a command.
    client_address = models.GenericIPAddressField(_("adres"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="auditevent_object_idx")]

    def __str__(self) -> str:
        return f"{self.event} {self.object_repr}"


def api_token_default_expiry():
    """Now plus `API_TOKEN_DEFAULT_DAYS` (90 unless configured)."""
    return timezone.now() + datetime.timedelta(days=settings.API_TOKEN_DEFAULT_DAYS)


class ApiToken(models.Model):
    """A personal API token: its owner names it, sees the key once, and can revoke it.

    Only the SHA-256 hash of the key is stored; `prefix` (the key's first characters) lets the
    owner recognise a token in their list. A token past `expires_at` or with `revoked_at` set is
    refused by the API."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("naam"), max_length=100)
    key_hash = models.CharField(_("hash van de sleutel"), max_length=64, unique=True)
    prefix = models.CharField(_("begin van de sleutel"), max_length=12)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("verloopt op"), default=api_token_default_expiry)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="apitoken_expires_after_creation",
                violation_error_message=_("Een token moet na het aanmaken verlopen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def status_at(self, now) -> str:
        """'actief', 'verlopen' or 'ingetrokken' at `now`."""
        if self.revoked_at is not None:
            return "ingetrokken"
        if self.expires_at <= now:
            return "verlopen"
        return "actief"


class Notification(models.Model):
    """A message to one user that something waits for them (issue 16 §3): shown in the
    notification centre (/meldingen/) and, by their preference, e-mailed at once or in the daily
    digest. The title names the object only (no personal or case details: mail leaves the
    building); the url leads to the page where the work is done. Written by
    `uwvkms.notifications.notify` inside the transaction of the change it reports."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("soort"), max_length=100)
    title = models.CharField(_("titel"), max_length=255)
    url = models.CharField(_("link"), max_length=500)
    object_type = models.CharField(_("soort object"), max_length=100, blank=True)
    object_id = models.CharField(_("object-id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    # The recipient's preference when it was made: the mail task and the digest follow it.
    delivery = models.CharField(
        _("bezorging"), max_length=20, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )
    emailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("pogingen om te mailen"), default=0)
    email_error = models.TextField(_("fout bij mailen"), blank=True)
    # An informing duty (issue 20): the recipient is asked to say they took note, once, on
    # their notification centre (`uwvkms.notifications.notification_acknowledge`).
    asks_acknowledgement = models.BooleanField(_("vraagt om kennisname"), default=False)
    acknowledged_at = models.DateTimeField(_("kennisgenomen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The navigation's unread count and the centre's first rows.
            models.Index(
                fields=["recipient", "-created_at"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_idx"),
            # What the mail task and the digest still have to send.
            models.Index(
                fields=["delivery", "created_at"],
                condition=models.Q(emailed_at__isnull=True),
                name="notification_unsent_idx",
            ),
            # Who was informed of an object, and who took note (`informing_of`).
            models.Index(
                fields=["object_type", "object_id", "kind"],
                condition=models.Q(asks_acknowledgement=True),
                name="notification_informing_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(acknowledged_at__isnull=True)
                | models.Q(asks_acknowledgement=True),
                name="notification_acknowledged_only_when_asked",
                violation_error_message=_(
                    "Van een melding die niet om kennisname vraagt, wordt geen kennisname "
                    "vastgelegd."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """How one user wants one kind of notification delivered; without a row: at once by
    e-mail (Delivery.IMMEDIATE)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("soort"), max_length=100)
    delivery = models.CharField(_("bezorging"), max_length=20, choices=Delivery.choices)

    class Meta:
        verbose_name = _("voorkeur voor meldingen")
        verbose_name_plural = _("voorkeuren voor meldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                name="notificationpreference_user_kind_unique",
                violation_error_message=_("Per soort melding is er één voorkeur."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}: {self.delivery}"


class ReminderSent(models.Model):
    """One reminder (or digest) sent: who, about what, on which occasion, when. Its unique
    constraint is what makes the daily job idempotent: a run (or a second node running at the
    same time) that finds the row already there sends nothing."""

    kind = models.CharField(_("soort"), max_length=100)
    object_type = models.CharField(_("soort object"), max_length=100)
    object_id = models.CharField(_("object-id"), max_length=64)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    occasion = models.CharField(_("aanleiding"), max_length=50)
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    class Meta:
        verbose_name = _("verstuurde herinnering")
        verbose_name_plural = _("verstuurde herinneringen")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_type", "object_id", "recipient", "occasion"],
                name="remindersent_once",
                violation_error_message=_("Deze herinnering is al verstuurd."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_type}#{self.object_id} → {self.recipient_id}"


class Comment(Versioned, Withdrawable):
    """A comment in a thread on some record where the work is discussed (issue 21 §4): a score,
    a finding or recommendation, a section of the UWV-wide report, a herstelactie. One mechanism
    for every app (`uwvkms.comments`): the target is any record (its content type and id), and
    the app that owns the target kind says who may read and write its thread. A comment is
    edited only by its author within a short while of posting (versioned, every edit in the
    event log) and never deleted: withdrawn with a reason, it stays in the thread struck
    through. Comments never go into a report."""

    target_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("soort onderwerp"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_id = models.PositiveBigIntegerField(_("onderwerp"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    text = models.TextField(_("reactie"), max_length=4000)
    created_at = models.DateTimeField(_("geplaatst op"), default=timezone.now)
    edited_at = models.DateTimeField(_("gewijzigd op"), null=True, blank=True)

    class Meta(Withdrawable.Meta):
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["target_type", "target_id", "created_at"], name="comment_thread_idx"
            )
        ]
        constraints = [
            *Withdrawable.Meta.constraints,
            models.CheckConstraint(
                condition=~models.Q(text=""),
                name="comment_text_not_empty",
                violation_error_message=_("Een reactie heeft tekst."),
            ),
            models.CheckConstraint(
                condition=models.Q(edited_at__isnull=True)
                | models.Q(edited_at__gte=models.F("created_at")),
                name="comment_edited_after_posted",
                violation_error_message=_("Een reactie wordt gewijzigd nadat ze is geplaatst."),
            ),
        ]

    def __str__(self) -> str:
        return _("Reactie van %(author)s") % {"author": self.author}
