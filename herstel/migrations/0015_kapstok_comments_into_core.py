"""The comments on the kapstokverhaal move onto the one comment mechanism (`uwvkms.comments`):
every `KapstokComment` becomes a `Comment` on its version of the kapstokverhaal, with its
author, when it was placed, its text and, for a withdrawn one, who withdrew it, when and why.
Then the old model goes.

Backwards the comments on a kapstokverhaal are copied back (text as it stands now; that a
comment was edited is lost, the old model had no edits) and taken out of the core's table.
The event log keeps what it recorded either way."""

from django.db import migrations


def _kapstok_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="herstel", model="kapstokverhaal")[0]


def into_core(apps, schema_editor):
    KapstokComment = apps.get_model("herstel", "KapstokComment")
    Comment = apps.get_model("uwvkms", "Comment")
    old = list(KapstokComment._base_manager.order_by("created_at", "id"))
    if not old:
        return
    target_type = _kapstok_type(apps)
    for row in old:
        comment = Comment._base_manager.create(
            target_type=target_type,
            target_id=row.kapstokverhaal_id,
            author_id=row.author_id,
            text=row.text,
            created_at=row.created_at,
            version=1,
            updated_by_id=row.withdrawn_by_id or row.author_id,
            withdrawn_at=row.withdrawn_at,
            withdrawn_by_id=row.withdrawn_by_id,
            withdrawal_reason=row.withdrawal_reason,
        )
        # `updated_at` is set on save: the last change was the withdrawal or the posting.
        Comment._base_manager.filter(pk=comment.pk).update(
            updated_at=row.withdrawn_at or row.created_at
        )


def out_of_core(apps, schema_editor):
    KapstokComment = apps.get_model("herstel", "KapstokComment")
    Comment = apps.get_model("uwvkms", "Comment")
    ContentType = apps.get_model("contenttypes", "ContentType")
    target_type = ContentType.objects.filter(app_label="herstel", model="kapstokverhaal").first()
    if target_type is None:
        return
    moved = Comment._base_manager.filter(target_type=target_type).order_by("created_at", "id")
    for row in moved:
        comment = KapstokComment._base_manager.create(
            kapstokverhaal_id=row.target_id,
            author_id=row.author_id,
            text=row.text,
            withdrawn_at=row.withdrawn_at,
            withdrawn_by_id=row.withdrawn_by_id,
            withdrawal_reason=row.withdrawal_reason,
        )
        # `created_at` was auto_now_add on the old model.
        KapstokComment._base_manager.filter(pk=comment.pk).update(created_at=row.created_at)
    moved.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("uwvkms", "0012_comments"),
        ("herstel", "0014_search_document"),
    ]

    operations = [
        migrations.RunPython(into_core, out_of_core),
        migrations.RemoveConstraint(
            model_name="kapstokcomment",
            name="herstel_kapstokcomment_withdrawn_with_who_when_why",
        ),
        migrations.RemoveConstraint(
            model_name="kapstokcomment",
            name="kapstokcomment_text_required",
        ),
        migrations.DeleteModel(name="KapstokComment"),
    ]
