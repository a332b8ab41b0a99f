"""Editing one dossier in the browser (advisers of the lead division, step 3, after "go"): the
same rules as an import, optimistic locking against other edits and imports, and the history
of every change (who, when, old → new)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from herstel.constants import GoOutcome
from herstel.models import Dossier, DossierChange
from herstel.selectors.dossiers import dossier_history
from herstel.selectors.timeline import timeline
from herstel.services.dossiers import dossier_update
from tests.herstel.flow import go, import_rows, row, start
from uwvkms.models import AuditEvent
from uwvkms.services import audit_event_record
from uwvkms.versioning import EditConflict

ASSESSED = {
    "status": "beoordeeld",
    "outcome": "nabetalen",
    "paid": Decimal("0"),
    "to_pay": Decimal("99.95"),
    "recovered": Decimal("0"),
    "written_off": Decimal("0"),
}


@pytest.fixture
def dossier(executing, adviser):
    import_rows(executing, adviser, [row("HA-0001"), row("HA-0002")])
    return Dossier.objects.get(reference="HA-0001")


def test_an_edit_is_kept_with_its_history(dossier, adviser, executing):
    edited = dossier_update(actor=adviser, dossier=dossier, expected_version=1, **ASSESSED)
    assert (edited.status, edited.to_pay_cents, edited.version) == ("beoordeeld", 9995, 2)
    change = DossierChange.objects.get()
    assert change.dossier_import is None and change.changed_by == adviser
    assert change.changes == {
        "status": ["te_beoordelen", "beoordeeld"],
        "outcome": ["", "nabetalen"],
        "to_pay": [0, 9995],
    }
    history = dossier_history(edited)
    assert history.initial == {
        "status": "te_beoordelen",
        "outcome": "",
        "paid": 0,
        "to_pay": 0,
        "recovered": 0,
        "written_off": 0,
    }
    entry = timeline(executing)[-1]
    assert entry.label == "Dossier gewijzigd"
    assert ("dossier", "–", "HA-0001") in entry.changes
    assert ("status", "Te beoordelen", "Beoordeeld") in entry.changes
    assert ("uitkomst", "–", "Nabetalen") in entry.changes
    assert ("nog te betalen (€)", "0.00", "99.95") in entry.changes


def test_an_edit_is_written_once_and_shown_once_on_the_timeline(dossier, adviser, executing):
    # DossierChange is the one record of an edit (see its docstring): no event log row beside it.
    before = AuditEvent.objects.count()
    edited = dossier_update(actor=adviser, dossier=dossier, expected_version=1, **ASSESSED)
    assert AuditEvent.objects.count() == before
    assert DossierChange.objects.filter(dossier=edited, dossier_import=None).count() == 1
    # A row the event log held from before (the same edit recorded twice) is not shown again.
    audit_event_record(
        event="herstel.dossier.updated",
        actor=adviser,
        target=executing,
        changes={"dossier": [None, "HA-0001"]},
    )
    edits = [entry for entry in timeline(executing) if entry.label == "Dossier gewijzigd"]
    assert len(edits) == 1
    assert edits[0].actor == adviser
    assert ("dossier", "–", "HA-0001") in edits[0].changes


def test_an_unchanged_save_records_nothing(dossier, adviser):
    dossier_update(
        actor=adviser,
        dossier=dossier,
        expected_version=1,
        status="te_beoordelen",
        outcome="",
        paid=Decimal(0),
        to_pay=Decimal(0),
        recovered=Decimal(0),
        written_off=Decimal(0),
    )
    assert not DossierChange.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"outcome": ""}, "heeft een uitkomst"),
        ({"recovered": Decimal("1")}, "hoort geen bedrag bij “teruggevorderd”"),
        ({"status": "te_beoordelen"}, "nog geen uitkomst"),
        ({"to_pay": Decimal("-1")}, "nul of meer"),
        ({"to_pay": Decimal("1.001")}, "Hoogstens twee decimalen"),
    ],
)
def test_an_edit_follows_the_rules(dossier, adviser, changes, message):
    with pytest.raises(ValidationError, match=message):
        dossier_update(actor=adviser, dossier=dossier, expected_version=1, **(ASSESSED | changes))
    dossier.refresh_from_db()
    assert (dossier.status, dossier.version) == ("te_beoordelen", 1)


def test_a_stale_edit_is_refused_naming_who(dossier, adviser, executing):
    dossier_update(actor=adviser, dossier=dossier, expected_version=1, **ASSESSED)
    with pytest.raises(EditConflict, match="gewijzigd door Hester Adviseur"):
        dossier_update(
            actor=adviser, dossier=dossier, expected_version=1, **(ASSESSED | {"paid": Decimal(1)})
        )
    # An import changes the version too: a form opened before it is stale.
    import_rows(executing, adviser, [row("HA-0001")])
    with pytest.raises(EditConflict):
        dossier_update(actor=adviser, dossier=dossier, expected_version=2, **ASSESSED)


def test_no_edit_after_a_no_go(dossier, adviser, executing):
    go(executing, adviser, GoOutcome.NO_GO)
    with pytest.raises(ValidationError, match="nog geen go-besluit"):
        dossier_update(actor=adviser, dossier=dossier, expected_version=1, **ASSESSED)


def test_only_lead_advisers_edit(
    wg_member, dossier, dt_member, sbk_adviser, board_member, other_adviser
):
    for someone in (dt_member, sbk_adviser, board_member, other_adviser, wg_member):
        with pytest.raises(PermissionDenied):
            dossier_update(actor=someone, dossier=dossier, expected_version=1, **ASSESSED)
    assert not DossierChange.objects.exists()


def form(**overrides):
    return {
        "status": "beoordeeld",
        "outcome": "nabetalen",
        "paid": "0",
        "to_pay": "1250,50",
        "recovered": "0",
        "written_off": "0",
        "version": "1",
    } | overrides


def test_the_dossier_page(client, wg_member, dossier, adviser, executing):
    url = reverse("herstel:dossier", args=[executing.pk, dossier.pk])
    client.force_login(adviser)
    assert "Dossier opslaan" in client.get(url).content.decode()
    response = client.post(url, form(), follow=True)
    page = response.content.decode()
    assert "Dossier HA-0001 is opgeslagen." in page
    assert "Aangemaakt bij de import van dossiers.csv" in page
    assert "nog te betalen</span>: €\xa00,00 → €\xa01.250,50" in page
    response = client.post(url, form(paid="5"))  # stale version, and against the rules
    assert response.status_code == 400
    assert "intussen gewijzigd door Hester Adviseur" in response.content.decode()
    client.force_login(wg_member)
    page = client.get(url).content.decode()
    assert "Dossier opslaan" not in page and "€\xa01.250,50" in page
    assert client.post(url, form(version="2")).status_code == 403


def test_a_dossier_of_another_action_is_404(client, dossier, adviser, other_adviser):
    other = start(other_adviser, title="Andere actie")
    client.force_login(adviser)
    assert client.get(reverse("herstel:dossier", args=[other.pk, dossier.pk])).status_code == 404
    client.force_login(other_adviser)
    assert client.get(reverse("herstel:dossier", args=[other.pk, dossier.pk])).status_code == 404


def test_the_list_filters_and_pages(client, executing, adviser):
    import_rows(
        executing,
        adviser,
        [row(f"HA-{n:04d}") for n in range(60)]
        + [row("XY-1", "afgehandeld", "geen wijziging", 0, 0, 0, 0)],
    )
    client.force_login(adviser)
    url = reverse("herstel:dossiers", args=[executing.pk])
    page = client.get(url).content.decode()
    assert "61 dossiers" in page and "Pagina 1 van 2" in page
    page = client.get(url, {"status": "afgehandeld"}).content.decode()
    assert "1 dossier" in page and "XY-1" in page and "HA-0001" not in page
    page = client.get(url, {"referentie": "xy"}).content.decode()
    assert "XY-1" in page and "HA-0001" not in page
    page = client.get(url, {"pagina": "2"}).content.decode()
    assert "HA-0059" in page and "Pagina 2 van 2" in page
