"""Seed the five levels of UWV's maturity model (DOMAIN.md §3) as reference data: the meanings
the application used until now, made fuller where the 2023 report's own description says more
(level 2 names what can be improved, level 3 what the documentation shows). Our own wording; the
coordination team keeps the texts afterwards. A level already present is left as it is."""

from django.db import migrations

LEVELS = [
    (1, "Ad hoc", "Ongestructureerd; er wordt vooral gereageerd op wat zich voordoet."),
    (
        2,
        "Initieel",
        "De organisatie kan in beginsel tekortkomingen zichtbaar maken en haar kennis, gedrag, "
        "processen, producten en systemen verbeteren.",
    ),
    (
        3,
        "Reproduceren",
        "Met documentatie is aan te tonen dat dat zichtbaar maken en verbeteren regelmatig "
        "gebeurt.",
    ),
    (
        4,
        "Sturen",
        "Het systeem wordt actief gebruikt om te sturen; de instrumenten zelf worden geëvalueerd.",
    ),
    (5, "Optimaliseren", "Het systeem wordt continu geoptimaliseerd."),
]


def seed(apps, schema_editor):
    LevelMeaning = apps.get_model("maturity", "LevelMeaning")
    for level, name, meaning in LEVELS:
        LevelMeaning.objects.get_or_create(level=level, defaults={"name": name, "meaning": meaning})


def unseed(apps, schema_editor):
    apps.get_model("maturity", "LevelMeaning").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("maturity", "0004_level_meanings")]

    operations = [migrations.RunPython(seed, unseed)]
