"""The DT decides once in step 2A (issue 17: "the 2A form stays open after the DT decided,
inviting duplicates"): once its part of the path is done, the form is no longer offered, the
page says why, a second record is refused, and a correction stays the way to change it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from herstel.constants import Forum, Outcome
from herstel.models import Decision
from herstel.services.decisions import decision_correct, decision_record
from tests.herstel.flow import DAY, RVB_PATH, decide, submit

FORM = "Besluit vastleggen: DT (stap 2A)"


def page(client, action):
    return client.get(reverse("herstel:decisions", args=[action.pk])).content.decode()


def test_after_the_dts_decision_the_form_is_gone_and_a_second_is_refused(
    client, action, adviser, dt_member
):
    submit(action, adviser)  # the DT path
    client.force_login(dt_member)
    assert FORM in page(client, action)
    first = decide(action, dt_member, Forum.DT, Outcome.BESLUIT)
    html = page(client, action)
    assert FORM not in html
    assert "DT (stap 2A) heeft in deze stap besloten of kennisgenomen. Klopt dat niet" in html
    response = client.post(
        reverse("herstel:decision_record", args=[action.pk, "dt"]),
        {
            "besluit-dt-outcome": "besluit",
            "besluit-dt-decided_on": DAY.isoformat(),
            "besluit-dt-body": "Nog een keer.",
        },
    )
    assert response.status_code == 400
    assert "heeft in deze stap al besloten of kennisgenomen" in response.content.decode()
    assert Decision.objects.count() == 1
    # Changing it is a correction of the record, which stays possible.
    decision_correct(
        actor=dt_member,
        decision=first,
        outcome=Outcome.BESLUIT,
        body="Besloten, met een kleinere groep.",
        decided_on=DAY,
        reason="De groep was te ruim omschreven.",
    )
    assert Decision.objects.count() == 2


def test_taking_note_is_the_dts_part_on_a_higher_mandate(action, adviser, dt_member):
    submit(action, adviser, RVB_PATH)
    decide(action, dt_member, Forum.DT, Outcome.KENNISNAME, "Kennisgenomen.")
    action.refresh_from_db()
    with pytest.raises(ValidationError, match="al besloten"):
        decision_record(
            actor=dt_member,
            herstelactie=action,
            forum=Forum.DT,
            outcome=Outcome.KENNISNAME,
            body="Nogmaals.",
            decided_on=DAY,
        )


def test_an_intended_decision_is_not_yet_the_dts_final_word(client, action, adviser, dt_member):
    """On the DT path the DT may record an intended decision first; its decision follows."""
    submit(action, adviser)
    decide(action, dt_member, Forum.DT, Outcome.VOORGENOMEN_BESLUIT, "Eerste lezing.")
    client.force_login(dt_member)
    assert FORM in page(client, action)
    decide(action, dt_member, Forum.DT, Outcome.BESLUIT)
    assert FORM not in page(client, action)
    assert Decision.objects.count() == 2
