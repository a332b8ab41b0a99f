"""A score recorded between opening the blind-scoring setting and saving it (issue 21 part 2,
review): the save is refused on the page with the reason and the choice given back (400),
never a 403 that loses it; the setting stays as it was."""

from django.urls import reverse

from tests.maturity.blind import score_own


def test_a_score_recorded_meanwhile_refuses_the_save_on_the_page(
    client, cycle, coordinator, auditor, uitkeren
):
    url = reverse("maturity:blind_setting", args=[cycle.year])
    client.force_login(coordinator)
    assert client.post(url, {"enabled": "1", "version": "0"}).status_code == 302
    page = client.get(url).content.decode()
    assert 'name="enabled"' in page  # the coordinator opens the page before scoring starts
    score_own(auditor, cycle, uitkeren, 3)  # meanwhile, an auditor records their score
    response = client.post(url, {"enabled": "0", "version": "1"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Er zijn al scores vastgelegd in deze toetscyclus" in body
    assert 'role="alert"' in body
    assert response.context["form"].non_field_errors()
    assert "Uw keuze, niet opgeslagen: <strong>uit</strong>" in body
    assert 'name="enabled"' not in body  # no form is offered that would be refused again
    cycle.blind_scoring.refresh_from_db()
    assert cycle.blind_scoring.enabled
