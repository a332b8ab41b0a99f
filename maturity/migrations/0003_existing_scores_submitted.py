"""Scores recorded before scores had a status were final when saved: mark them submitted."""

from django.db import migrations


def mark_submitted(apps, schema_editor):
    Score = apps.get_model("maturity", "Score")
    Score.objects.filter(level__isnull=False).exclude(justification="").update(status="ingediend")


class Migration(migrations.Migration):
    dependencies = [("maturity", "0002_framework_scoring_calibration")]

    operations = [migrations.RunPython(mark_submitted, migrations.RunPython.noop)]
