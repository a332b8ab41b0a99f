"""`manage.py loaddemo` gives Uitkeren improvement actions of both kinds with an effect
measurement: audit follow-up actions with an EffectMeasurement and control measures judged in a
completed evaluation, so the list per business unit shows both in `make demo`."""

from django.urls import reverse
from django.utils import timezone

from herstel.constants import ImprovementSource
from uwvkms.models import BusinessUnit, User


def test_the_demo_shows_both_kinds_for_uitkeren(demo_data, db, client):
    uitkeren = BusinessUnit.objects.get(name="Uitkeren")
    client.force_login(User.objects.get(username="directie.uitkeren"))
    response = client.get(reverse("herstel:improvements_unit", args=[uitkeren.pk]))
    assert response.status_code == 200
    rows = response.context["view"].rows
    measured = {row.source for row in rows if row.measured}
    assert measured == {ImprovementSource.AUDIT, ImprovementSource.HERSTEL}
    assert any(row.lacks_measurement for row in rows)
    assert any(row.measured_on and row.measured_on <= timezone.localdate() for row in rows)
    client.force_login(User.objects.get(username="herstel.sbk"))
    index = client.get(reverse("herstel:improvements")).content.decode()
    assert "Uitkeren" in index
