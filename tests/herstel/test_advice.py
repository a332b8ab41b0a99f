"""The advice of step 1: the six sections (the financial one in four parts), the five mandate
criteria each with a rationale and who judged, the mandate computed from them with the rule that
decided it, and the control measures. An incomplete advice can be saved but not submitted."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from herstel.constants import AdviceSection, Criterion, Mandate, Step, StepMove
from herstel.rules import StepMoveNotAllowed
from herstel.services.actions import advice_save
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
