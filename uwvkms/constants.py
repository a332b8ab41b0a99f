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
