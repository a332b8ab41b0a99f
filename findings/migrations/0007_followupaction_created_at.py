import django.utils.timezone
from django.db import migrations, models
from django.db.models import Min


def from_the_event_log(apps, schema_editor):
    """An action recorded before this field knew when: the moment of its "created" event, or,
    without one, of its earliest measurement's recording or its last change, whichever is
    earliest."""
    FollowUpAction = apps.get_model("findings", "FollowUpAction")
    AuditEvent = apps.get_model("uwvkms", "AuditEvent")
    EffectMeasurement = apps.get_model("findings", "EffectMeasurement")
    created = dict(
        AuditEvent.objects.filter(
            event="findings.follow_up_action.created", object_type="findings.followupaction"
        )
        .values_list("object_id")
        .annotate(first=Min("occurred_at"))
    )
    measured = dict(
        EffectMeasurement.objects.values_list("action_id").annotate(first=Min("recorded_at"))
    )
    for action in FollowUpAction.objects.all().iterator():
        known = [
            moment
            for moment in (created.get(str(action.pk)), measured.get(action.pk), action.updated_at)
            if moment is not None
        ]
        FollowUpAction.objects.filter(pk=action.pk).update(created_at=min(known))


class Migration(migrations.Migration):
    dependencies = [
        ("findings", "0006_withdrawal"),
        ("uwvkms", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="followupaction",
            name="created_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, editable=False, verbose_name="vastgelegd op"
            ),
        ),
        migrations.RunPython(from_the_event_log, migrations.RunPython.noop),
    ]
