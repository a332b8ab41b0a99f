"""The demo beheerder's list of users is realistic (issue 19 §2): every demo user, a former
colleague deactivated with the reason in the history, and a new colleague invited who has not set
a password yet; SBK and FEZ hold their roles."""

from django.urls import reverse

from uwvkms.constants import Role
from uwvkms.models import User


def test_the_beheerder_sees_every_account_in_every_state(client, demo_data, db):
    client.force_login(User.objects.get(username="beheerder"))
    listed = client.get(reverse("user_list"))
    assert listed.status_code == 200
    assert listed.context["page"].paginator.count == User.objects.count()
    states = client.get(reverse("user_list"), {"status": "gedeactiveerd"}).context["page"]
    assert [user.username for user in states] == ["oud.adviseur"]
    states = client.get(reverse("user_list"), {"status": "uitgenodigd"}).context["page"]
    assert [user.username for user in states] == ["nieuw.adviseur"]
    former = User.objects.get(username="oud.adviseur")
    page = client.get(reverse("user_detail", args=[former.pk])).content.decode()
    assert "Gebruiker gedeactiveerd" in page and "Uit dienst per 1 september 2023." in page
    sbk = client.get(reverse("user_list"), {"rol": Role.SBK.value}).context["page"]
    assert [user.username for user in sbk] == ["herstel.sbk"]
    fez = client.get(reverse("user_list"), {"rol": Role.FEZ.value}).context["page"]
    assert [user.username for user in fez] == ["herstel.fez"]
