"""The demo shows informing that reaches people (issue 20): the contact persons informed at the
start and the RvB after the DT's decision, some of whom took note and some not, on the pages."""

from django.urls import reverse

from herstel.models import Herstelactie
from herstel.notifications import CONTACTS_INFORMED, RVB_INFORMED
from uwvkms.models import Notification, User


def test_the_demo_shows_sent_and_acknowledged_informing(client, demo_data, db):
    informing = Notification.objects.filter(
        kind__in=[CONTACTS_INFORMED, RVB_INFORMED], asks_acknowledgement=True
    )
    assert informing.filter(acknowledged_at__isnull=False).exists()
    assert informing.filter(acknowledged_at__isnull=True).exists()
    done = Herstelactie.objects.get(title="Nabetaling reiskosten bij re-integratietrajecten")
    waiting = Herstelactie.objects.get(
        title="Ten onrechte beëindigde uitkeringen na herbeoordeling"
    )
    client.force_login(User.objects.get(username="herstel"))
    body = client.get(reverse("herstel:decisions", args=[done.pk])).content.decode()
    assert "aan 1 lid van de RvB" in body and "kennisgenomen door 1" in body
    assert "(per brief)" in body  # also recorded by hand, with how
    body = client.get(reverse("herstel:decisions", args=[waiting.pk])).content.decode()
    assert "aan 1 lid van de RvB" in body and "kennisgenomen door 0" in body
    body = client.get(reverse("herstel:working_group", args=[done.pk])).content.decode()
    assert "melding in de app, kennisgenomen op" in body
    assert "melding in de app, nog niet kennisgenomen" in body
    # The RvB member finds the one still to acknowledge on their notifications page.
    client.force_login(User.objects.get(username="rvb"))
    body = client.get(reverse("notification_list")).content.decode()
    assert "Kennisgenomen" in body
