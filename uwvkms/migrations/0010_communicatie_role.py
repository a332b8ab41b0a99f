"""Issue 20: Directie Communicatie in herstelacties becomes a role the Beheerder assigns
("Communicatie (herstel)"): its holders read every herstelactie, declare or withdraw the issue
status and designate the issuemanager. The group is created empty: nobody held this capacity
before (the communication track was run by the lead advisers and SBK). Going back removes it."""

from django.db import migrations

NAME = "Communicatie (herstel)"


def create_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=NAME)


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("uwvkms", "0009_security_log")]

    operations = [migrations.RunPython(create_role, remove_role)]
