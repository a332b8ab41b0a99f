"""The advice of step 1: the six sections (the financial one in four parts), the five mandate
criteria each with a rationale and who judged, the mandate computed from them with the rule that
decided it, and the control measures. An incomplete advice can be saved but not submitted."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from herstel.constants import AdviceSection, Criterion, Mandate, Step, StepMove
from herstel.models import ControlMeasure
from herstel.rules import StepMoveNotAllowed
from herstel.services.actions import advice_save, control_measure_add, control_measure_remove
from tests.herstel.flow import RVB_PATH, criteria, fill_advice, move, sections, submit
from uwvkms.models import AuditEvent


def advice_post(action, values=RVB_PATH, **section_overrides) -> dict:
    data = {"version": action.version}
    for section, text in sections(**section_overrides).items():
        data[section] = text
    for criterion, value in zip(Criterion, values, strict=True):
        if value is not None:
            data[f"{criterion}-value"] = "ja" if value else "nee"
        data[f"{criterion}-rationale"] = f"Omdat {criterion.label.lower()}."
        data[f"{criterion}-judged_by"] = "Jurist JKC"
    return data


def test_the_adviser_fills_the_advice_and_sees_the_computed_mandate(client, adviser, action):
    client.force_login(adviser)
    url = reverse("herstel:advice", args=[action.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Nog niet te bepalen: beoordeel alle vijf criteria." in page.content.decode()

    response = client.post(url, advice_post(action))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.version == 2
    advice = action.advice
    assert advice.target_group == "Doelgroep: beschreven."
    judged = {j.criterion: j for j in advice.criteria.all()}
    assert judged["organisational_impact"].value is True
    assert judged["within_law"].judged_by == "Jurist JKC"

    page = client.get(url).content.decode()
    assert "Raad van Bestuur" in page
    assert "De RvB besluit als de actie past binnen wet- en regelgeving" in page
    assert "Doorslaggevend: grote impact op de organisatie." in page
    event = AuditEvent.objects.get(event="herstel.advice.updated")
    assert event.changes["criteria.organisational_impact.value"] == [None, True]
    assert event.changes["target_group"] == ["", "Doelgroep: beschreven."]


def test_an_incomplete_advice_is_saved_but_cannot_be_submitted(client, adviser, action):
    client.force_login(adviser)
    values = (True, None, False, False, False)
    data = advice_post(action, values, capacity="")
    data["within_law-rationale"] = ""
    assert client.post(reverse("herstel:advice", args=[action.pk]), data).status_code == 302

    with pytest.raises(StepMoveNotAllowed) as refused:
        move(action, adviser, StepMove.SUBMIT_ADVICE)
    assert refused.value.messages == [
        "Capaciteit ontbreekt.",
        "Criterium “Past binnen wet- en regelgeving en de bevoegdheden van UWV” mist een "
        "onderbouwing.",
        "Criterium “Impact op de organisatie” is niet beoordeeld.",
    ]
    action.refresh_from_db()
    assert (action.step, action.mandate) == (Step.STAP_1, "")

    # The page says the same, and the move is offered but disabled.
    page = client.get(action.get_absolute_url()).content.decode()
    assert "“Advies voorleggen aan de DT” kan nog niet:" in page
    assert "Capaciteit ontbreekt." in page


def test_every_section_and_criterion_is_needed(adviser, action):
    for section in AdviceSection:
        action.refresh_from_db()
        advice_save(
            actor=adviser,
            herstelactie=action,
            expected_version=action.version,
            sections=sections(**{section.value: "  "}),
            criteria=criteria(RVB_PATH),
        )
        with pytest.raises(StepMoveNotAllowed, match=f"{section.label} ontbreekt"):
            move(action, adviser, StepMove.SUBMIT_ADVICE)
    for criterion in Criterion:
        judged = criteria(RVB_PATH)
        judged[criterion.value] = judged[criterion.value].__class__(
            value=True, rationale="Waarom.", judged_by=""
        )
        action.refresh_from_db()
        advice_save(
            actor=adviser,
            herstelactie=action,
            expected_version=action.version,
            sections=sections(),
            criteria=judged,
        )
        with pytest.raises(StepMoveNotAllowed, match="staat niet wie het beoordeelde"):
            move(action, adviser, StepMove.SUBMIT_ADVICE)


def test_submitting_fixes_the_mandate_with_its_rule(adviser, action):
    submit(action, adviser, RVB_PATH)
    action.refresh_from_db()
    assert (action.step, action.mandate) == (Step.STAP_2A, Mandate.RVB)
    assert action.mandate_rule.startswith("De RvB besluit als")
    assert action.mandate_rule.endswith("(grote impact op de organisatie)")
    moved = AuditEvent.objects.get(event="herstel.step.moved")
    assert moved.changes["mandate"] == [None, "rvb"]


def test_the_advice_is_fixed_once_submitted(client, adviser, action):
    submit(action, adviser)
    client.force_login(adviser)
    url = reverse("herstel:advice", args=[action.pk])
    page = client.get(url).content.decode()
    assert "Het advies is voorgelegd en ligt vast." in page
    assert client.post(url, advice_post(action)).status_code == 403
    action.refresh_from_db()
    with pytest.raises(ValidationError, match="kan niet in Stap 2A"):
        fill_advice(action, adviser)


def test_only_the_lead_advisers_edit_the_advice(client, action, dt_member, sbk_adviser, wg_member):
    url = reverse("herstel:advice", args=[action.pk])
    for user in (dt_member, sbk_adviser, wg_member):
        client.force_login(user)
        assert client.get(url).status_code == 200  # they read it
        assert "Advies opslaan" not in client.get(url).content.decode()
        assert client.post(url, advice_post(action)).status_code == 403
        with pytest.raises(PermissionDenied):
            fill_advice(action, user)
    action.refresh_from_db()
    assert action.version == 1


def test_control_measures(client, adviser, action, wg_member):
    client.force_login(adviser)
    response = client.post(
        reverse("herstel:measure_add", args=[action.pk]),
        {
            "description": "Controle op dagloon bij loonbeslag",
            "owner": "Teamleider WW",
            "due_on": "2026-12-01",
        },
    )
    assert response.status_code == 302
    measure = ControlMeasure.objects.get()
    assert (measure.owner, measure.due_on) == ("Teamleider WW", datetime.date(2026, 12, 1))
    assert (
        "Controle op dagloon bij loonbeslag"
        in client.get(reverse("herstel:advice", args=[action.pk])).content.decode()
    )

    empty = client.post(reverse("herstel:measure_add", args=[action.pk]), {})
    assert empty.status_code == 400
    assert empty.context["measure_form"].errors["owner"] == ["Dit veld is verplicht."]

    client.force_login(wg_member)
    assert (
        client.post(reverse("herstel:measure_remove", args=[action.pk, measure.pk])).status_code
        == 403
    )
    client.force_login(adviser)
    client.post(reverse("herstel:measure_remove", args=[action.pk, measure.pk]))
    assert not ControlMeasure.objects.exists()
    removed = AuditEvent.objects.get(event="herstel.measure.removed")
    assert removed.changes["owner"] == ["Teamleider WW", None]


def test_measures_change_in_step_2_but_not_after(adviser, action, dt_member):
    submit(action, adviser)
    measure = control_measure_add(
        actor=adviser,
        herstelactie=action,
        description="Signaal in het dossiersysteem",
        owner="Proceseigenaar",
        due_on=datetime.date(2027, 1, 1),
    )
    with pytest.raises(PermissionDenied):
        control_measure_remove(actor=dt_member, measure=measure)


MEASURE = {
    "description": "Controle op dagloon bij loonbeslag",
    "owner": "Teamleider WW",
    "due_on": "2026-12-01",
}


def test_adding_a_measure_gives_back_the_unsaved_advice(client, adviser, action):
    """The page is one form (issue 17): adding a measure posts the advice along, which comes
    back as typed, not saved, and can be saved after (its version is still the right one)."""
    client.force_login(adviser)
    typed = advice_post(action, target_group="Alle WW'ers met loonbeslag sinds 2024.")
    response = client.post(
        reverse("herstel:measure_add", args=[action.pk]), {**typed, **MEASURE}, follow=True
    )
    assert response.redirect_chain == [(reverse("herstel:advice", args=[action.pk]), 302)]
    html = response.content.decode()
    assert "Controle op dagloon bij loonbeslag</textarea>" not in html  # added, not given back
    assert "De beheersmaatregel is toegevoegd." in html
    assert "Alle WW&#x27;ers met loonbeslag sinds 2024." in html
    assert "maar is nog niet opgeslagen" in html
    assert ControlMeasure.objects.count() == 1
    action.refresh_from_db()
    assert action.advice.target_group == ""  # not saved
    saved = client.post(reverse("herstel:advice", args=[action.pk]), typed)
    assert saved.status_code == 302


def test_a_refused_measure_and_its_removal_keep_the_advice(client, adviser, action):
    client.force_login(adviser)
    typed = advice_post(action, target_group="Alle WW'ers met loonbeslag sinds 2024.")
    refused = client.post(
        reverse("herstel:measure_add", args=[action.pk]), {**typed, "description": "Alleen dit"}
    )
    assert refused.status_code == 400
    assert "Alle WW&#x27;ers met loonbeslag" in refused.content.decode()
    assert "Alleen dit</textarea>" in refused.content.decode()
    measure = control_measure_add(
        actor=adviser, herstelactie=action, **{**MEASURE, "due_on": datetime.date(2026, 12, 1)}
    )
    removed = client.post(
        reverse("herstel:measure_remove", args=[action.pk, measure.pk]),
        {**typed, "description": "Nog een maatregel"},
        follow=True,
    )
    assert removed.redirect_chain[-1][1] == 302
    assert "Alle WW&#x27;ers met loonbeslag" in removed.content.decode()
    assert "Nog een maatregel</textarea>" in removed.content.decode()  # typed, kept
    assert not ControlMeasure.objects.exists()


def test_saving_the_advice_gives_back_a_measure_typed_but_not_added(client, adviser, action):
    client.force_login(adviser)
    response = client.post(
        reverse("herstel:advice", args=[action.pk]),
        {**advice_post(action), **MEASURE},
        follow=True,
    )
    assert response.redirect_chain == [(reverse("herstel:advice", args=[action.pk]), 302)]
    html = response.content.decode()
    assert "Het advies is opgeslagen." in html
    assert "Controle op dagloon bij loonbeslag</textarea>" in html
    assert "nog niet toegevoegd" in html
    assert not ControlMeasure.objects.exists()
    # The advice is shown as saved, with its new version: saving it again is no conflict.
    action.refresh_from_db()
    assert response.context["form"].initial["version"] == action.version
    again = client.post(reverse("herstel:advice", args=[action.pk]), advice_post(action))
    assert again.status_code == 302
