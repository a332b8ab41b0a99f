"""Roles of the organisation core (DOMAIN.md §1). Each role is a Django group of the same name."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles people hold; the value is the group's name in the database."""

    TOETSER = "Toetser", _("Toetser")
    COORDINATIETEAM = "Coördinatieteam", _("Coördinatieteam")
    DIRECTIE = "Directie bedrijfsonderdeel", _("Directie bedrijfsonderdeel")
    RVB = "Raad van Bestuur", _("Raad van Bestuur")
    HERSTEL_ADVISEUR = "Herstel-adviseur", _("Herstel-adviseur")
    BEHEERDER = "Beheerder", _("Beheerder")


class Delivery(models.TextChoices):
    """How a user wants to hear of one kind of notification (their preference on /profiel/)."""

    IMMEDIATE = "direct", _("Direct per e-mail")
    DIGEST = "dagelijks", _("In een dagelijks overzicht per e-mail")
    APP = "app", _("Alleen in de app")
