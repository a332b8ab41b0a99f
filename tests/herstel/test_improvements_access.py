"""Who reads the improvement actions per business unit: a unit's own board its own unit (and is
sent there from the index); the coordination team, FEZ, SBK and the RvB every unit; everyone
else is refused (403), another unit's board too, and an unknown unit is 404."""

import pytest
from django.urls import reverse

EVERY_UNIT = ["coordinator", "fez_adviser", "sbk_adviser", "board_member"]
REFUSED = ["auditor", "other_auditor", "outsider", "adviser", "wg_user", "beheerder"]


def unit_urls(unit_id: int) -> list[str]:
    return [
        reverse("herstel:improvements_unit", args=[unit_id]),
        reverse("herstel:improvements_export", args=[unit_id, "csv"]),
        reverse("herstel:improvements_export", args=[unit_id, "xlsx"]),
    ]


@pytest.mark.parametrize("persona", EVERY_UNIT)
def test_readers_of_every_unit(db, client, request, persona, uitkeren, handhaving):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("herstel:improvements")).status_code == 200
    for unit in (uitkeren, handhaving):
        for url in unit_urls(unit.pk):
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", REFUSED)
def test_everyone_else_is_refused(db, client, request, persona, uitkeren):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("herstel:improvements")).status_code == 403
    for url in unit_urls(uitkeren.pk):
        assert client.get(url).status_code == 403, url


def test_a_units_board_reads_its_own_unit_only(client, dt_member, uitkeren, handhaving):
    client.force_login(dt_member)
    response = client.get(reverse("herstel:improvements"))
    assert response.status_code == 302
    assert response.url == reverse("herstel:improvements_unit", args=[uitkeren.pk])
    for url in unit_urls(uitkeren.pk):
        assert client.get(url).status_code == 200, url
    for url in unit_urls(handhaving.pk):
        assert client.get(url).status_code == 403, url


def test_unknown_unit_and_format(client, board_member, uitkeren):
    client.force_login(board_member)
    assert client.get(reverse("herstel:improvements_unit", args=[99999])).status_code == 404
    assert (
        client.get(reverse("herstel:improvements_export", args=[99999, "csv"])).status_code == 404
    )
    assert (
        client.get(reverse("herstel:improvements_export", args=[uitkeren.pk, "pdf"])).status_code
        == 404
    )


def test_logged_out_goes_to_login(client, uitkeren):
    for url in [reverse("herstel:improvements"), *unit_urls(uitkeren.pk)]:
        response = client.get(url)
        assert response.status_code == 302 and "/inloggen/" in response.url


def test_where_people_find_it(client, dt_member, coordinator, fez_adviser, auditor, uitkeren):
    index = reverse("herstel:improvements")
    own = reverse("herstel:improvements_unit", args=[uitkeren.pk])
    client.force_login(dt_member)
    assert own in client.get(reverse("home")).content.decode()
    client.force_login(coordinator)
    assert index in client.get(reverse("home")).content.decode()
    client.force_login(fez_adviser)
    assert index in client.get(reverse("home")).content.decode()
    assert index in client.get(reverse("herstel:overview")).content.decode()
    assert index in client.get(reverse("herstel:list")).content.decode()
    client.force_login(auditor)
    assert "/herstel/verbeteracties/" not in client.get(reverse("home")).content.decode()
