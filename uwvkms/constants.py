"""Roles of the organisation core (DOMAIN.md §1). Each role is a Django group of the same name."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles people hold; the value is the group's name in the database. The Beheerder
    assigns them on the Gebruikers pages (`uwvkms.users`).

    SBK and FEZ are capacities in herstelacties (herstel/permissions.py), assigned explicitly:
    before issue 19 they followed from the abbreviation of the user's business unit, so renaming
    a unit (editable reference data) granted or took away reading every herstelactie."""

    TOETSER = "Toetser", _("Toetser")
    COORDINATIETEAM = "Coördinatieteam", _("Coördinatieteam")
    DIRECTIE = "Directie bedrijfsonderdeel", _("Directie bedrijfsonderdeel")
    RVB = "Raad van Bestuur", _("Raad van Bestuur")
    HERSTEL_ADVISEUR = "Herstel-adviseur", _("Herstel-adviseur")
    BEHEERDER = "Beheerder", _("Beheerder")
    SBK = "SBK (herstel)", _("SBK (herstel)")
    FEZ = "FEZ (herstel)", _("FEZ (herstel)")
    # Directie Communicatie in herstelacties (issue 20): declares an action an issue and
    # designates its issuemanager (herstel/permissions.py).
    COMMUNICATIE = "Communicatie (herstel)", _("Communicatie (herstel)")


class UserStatus(models.TextChoices):
    """Where a user account stands (`uwvkms.users.rules.user_status`): invited accounts have no
    password yet and have never logged in; a deactivated account cannot log in, and is never
    deleted (its history stays)."""

    ACTIVE = "actief", _("Actief")
    INVITED = "uitgenodigd", _("Uitgenodigd")
    INACTIVE = "gedeactiveerd", _("Gedeactiveerd")


class Delivery(models.TextChoices):
    """How a user wants to hear of one kind of notification (their preference on /profiel/)."""

    IMMEDIATE = "direct", _("Direct per e-mail")
    DIGEST = "dagelijks", _("In een dagelijks overzicht per e-mail")
    APP = "app", _("Alleen in de app")


class HomeOrganisation(models.TextChoices):
    """Where an auditor comes from (DOMAIN.md §2: the second line, BC&K and FEZ); the report's
    method section counts the audit team by it (issue 21 §6)."""

    NONE = "", _("– onbekend –")
    BCK = "bck", _("BC&K")
    FEZ = "fez", _("FEZ")
