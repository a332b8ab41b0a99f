"""Seed UWV's eight management principles (DOMAIN.md §5, Bijlage 2)."""

from django.db import migrations

PRINCIPLES = [
    ("klantgerichtheid", "Klantgerichtheid", False),
    ("leiderschap", "Leiderschap", False),
    ("vakmanschap", "Vakmanschap", False),
    ("procesbenadering", "Procesbenadering", False),
    ("continu-leren", "Continu leren en verbeteren", False),
    ("besturing", "Besturing, verantwoordelijkheden en eigenaarschap", False),
    ("operationele-kwaliteit", "Operationele Kwaliteit", True),
    ("sturen-verantwoorden", "Sturen en verantwoorden", False),
]


def seed(apps, schema_editor):
    Principle = apps.get_model("audits", "ManagementPrinciple")
    for order, (code, name, execution_only) in enumerate(PRINCIPLES, start=1):
        Principle.objects.update_or_create(
            code=code,
            defaults={"name": name, "order": order, "execution_units_only": execution_only},
        )


def unseed(apps, schema_editor):
    codes = [code for code, _, _ in PRINCIPLES]
    apps.get_model("audits", "ManagementPrinciple").objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("audits", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
