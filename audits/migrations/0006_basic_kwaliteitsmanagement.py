"""Seed "Basic Kwaliteitsmanagement": scored per unit like a principle (DOMAIN.md §2), but not one
of the eight management principles and outside the three-year plan."""

from django.db import migrations


def seed(apps, schema_editor):
    Principle = apps.get_model("audits", "ManagementPrinciple")
    Principle.objects.update_or_create(
        code="basic-km",
        defaults={"name": "Basic Kwaliteitsmanagement", "order": 99, "is_basic": True},
    )


def unseed(apps, schema_editor):
    apps.get_model("audits", "ManagementPrinciple").objects.filter(code="basic-km").delete()


class Migration(migrations.Migration):
    dependencies = [("audits", "0005_principle_is_basic")]

    operations = [migrations.RunPython(seed, unseed)]
