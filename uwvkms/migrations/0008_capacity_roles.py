"""Issue 19: SBK and FEZ in herstelacties become roles the Beheerder assigns, no longer derived
from the abbreviation of a user's business unit. The two groups are created, and today's
Herstel-adviseurs of the units with the abbreviation SBK or FEZ get them, so nothing changes for
existing users. Going back removes the groups (and so the assignments)."""

from django.db import migrations

HERSTEL_ADVISEUR = "Herstel-adviseur"
# The new role's group name → the abbreviation that granted it before.
CAPACITIES = {"SBK (herstel)": "SBK", "FEZ (herstel)": "FEZ"}


def assign_capacities(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model("uwvkms", "User")
    for name, abbreviation in CAPACITIES.items():
        group, _created = Group.objects.get_or_create(name=name)
        holders = User.objects.filter(
            groups__name=HERSTEL_ADVISEUR, business_unit__abbreviation__iexact=abbreviation
        ).distinct()
        group.user_set.add(*holders)


def remove_capacities(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=CAPACITIES).delete()


class Migration(migrations.Migration):
    dependencies = [("uwvkms", "0007_user_version")]

    operations = [migrations.RunPython(assign_capacities, remove_capacities)]
