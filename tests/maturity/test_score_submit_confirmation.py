"""Submitting a score locks it for the auditor: the app asks first (issue 17, "guarded moves").
The confirmation page says what happens and carries everything typed, so going back or a
refusal on confirming loses nothing."""

from maturity.models import Score
from tests.maturity.scoring import post_score, score_url

TYPED = "Jaarplan gelezen; twee interviews bevestigen de werkwijze."


def test_submitting_asks_first_and_saves_nothing_yet(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    response = post_score(client, cycle, uitkeren, level=3, justification=TYPED, confirmed=False)
    assert response.status_code == 200
    html = response.content.decode()
    assert "indienen?" in html
    assert "niet meer wijzigen" in html
    assert TYPED in html  # the summary, and a hidden field to post it on
    assert 'name="bevestigd" value="1"' in html
    assert not Score.objects.exists()


def test_going_back_shows_the_form_as_typed_and_saves_nothing(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    response = post_score(
        client, cycle, uitkeren, level=3, justification=TYPED, confirmed=False, terug="1"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert TYPED in html and 'value="3"' in html and "checked" in html
    assert "Indienen" in html  # the form, not the confirmation page
    assert not Score.objects.exists()


def test_confirming_submits(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    response = post_score(client, cycle, uitkeren, level=3, justification=TYPED)
    assert response.status_code == 302
    assert Score.objects.get().status == "ingediend"


def test_saving_a_concept_asks_nothing(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    response = post_score(client, cycle, uitkeren, level=2, action="opslaan", confirmed=False)
    assert response.status_code == 302
    assert Score.objects.get().status == "concept"


def test_an_incomplete_submit_is_refused_on_the_form_without_asking(
    client, auditor, cycle, uitkeren
):
    client.force_login(auditor)
    response = post_score(client, cycle, uitkeren, level=None, justification=TYPED, confirmed=False)
    assert response.status_code == 400
    assert "indienen?" not in response.content.decode()
    assert TYPED in response.content.decode()


def test_someone_else_may_not_reach_the_confirmation(client, other_auditor, cycle, uitkeren):
    client.force_login(other_auditor)
    response = client.post(score_url(cycle, uitkeren), {"level": 3, "action": "indienen"})
    assert response.status_code in (403, 404)
