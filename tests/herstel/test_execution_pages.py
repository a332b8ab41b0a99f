"""Every page of steps 3 and 4 and the overview, rendered with data: strict CSP without inline
code, unique ids, and every label pointing at a field that exists."""

import datetime
from collections import Counter

from django.urls import reverse

from herstel.constants import StepMove
from herstel.models import Dossier
from herstel.services.actions import control_measure_add
from tests.audits.test_fieldwork_pages import _Ids
from tests.herstel.flow import go, import_rows, move, row, to_execution
from tests.uwvkms.test_security_headers import _assert_no_unsafe_inline, _assert_strict_policy


def assert_strict_and_labelled(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    _assert_strict_policy(response)
    _assert_no_unsafe_inline(response)
    parser = _Ids()
    parser.feed(response.content.decode())
    duplicates = [i for i, n in Counter(parser.ids).items() if n > 1]
    assert duplicates == [], f"{url}: duplicate ids {duplicates}"
    missing = [t for t in parser.label_targets if t not in parser.ids]
    assert missing == [], f"{url}: labels for missing fields {missing}"


def test_execution_pages_are_strict_and_well_labelled(
    client, adviser, wg_member, executing, fez_adviser, sbk_adviser, board_member
):
    a = executing.pk
    record = import_rows(
        executing,
        adviser,
        [row("HA-1"), row("HA-2", "beoordeeld", "nabetalen", "0", "100,00", "0", "0")],
    )
    import_rows(executing, adviser, [row("HA-1", "afgehandeld", "geen wijziging", 0, 0, 0, 0)])
    dossier = Dossier.objects.get(reference="HA-1")
    pages = [
        (adviser, reverse("herstel:execution", args=[a])),
        (adviser, reverse("herstel:execution_plan", args=[a])),
        (adviser, reverse("herstel:dossiers", args=[a])),
        (adviser, reverse("herstel:dossier_import", args=[a])),
        (adviser, reverse("herstel:dossier_import_result", args=[a, record.pk])),
        (adviser, reverse("herstel:dossier", args=[a, dossier.pk])),
        (adviser, reverse("herstel:management_information", args=[a])),
        (adviser, reverse("herstel:evaluation", args=[a])),
        (adviser, reverse("herstel:detail", args=[a])),
        (adviser, reverse("herstel:timeline", args=[a])),
        (wg_member, reverse("herstel:dossier", args=[a, dossier.pk])),
        (wg_member, reverse("herstel:management_information", args=[a])),
        (fez_adviser, reverse("herstel:management_information", args=[a])),
        (fez_adviser, reverse("herstel:overview")),
        (sbk_adviser, reverse("herstel:overview")),
        (sbk_adviser, reverse("herstel:sbk_overview")),
        (board_member, reverse("herstel:overview") + "?sorteer=-nabetaald&stap=stap_3"),
    ]
    for user, url in pages:
        assert_strict_and_labelled(client, user, url)


def test_evaluation_pages_are_strict_and_well_labelled(client, adviser, executing):
    import_rows(executing, adviser, [row("HA-1", "afgehandeld", "geen wijziging", 0, 0, 0, 0)])
    move(executing, adviser, StepMove.TO_EVALUATION)
    a = executing.pk
    assert_strict_and_labelled(client, adviser, reverse("herstel:evaluation", args=[a]))
    assert_strict_and_labelled(client, adviser, reverse("herstel:detail", args=[a]))


def test_evaluation_page_with_measures_is_strict(client, action, adviser, dt_member, board_member):
    control_measure_add(
        actor=adviser,
        herstelactie=action,
        description="Extra controle op het dagloon",
        owner="Teamleider",
        due_on=datetime.date(2026, 1, 1),
    )
    to_execution(action, adviser, dt_member, board_member)
    go(action, adviser)
    import_rows(action, adviser, [row("HA-1", "afgehandeld", "geen wijziging", 0, 0, 0, 0)])
    move(action, adviser, StepMove.TO_EVALUATION)
    assert_strict_and_labelled(client, adviser, reverse("herstel:evaluation", args=[action.pk]))
