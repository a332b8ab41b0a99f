"""The assessment framework (toetskader) per principle and cycle: read by whoever sees the cycle,
edited by the coordination team until publication, starting from the previous cycle's text,
versioned and on record."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from audits.models import AuditCycle
from audits.services import cycle_open
from maturity.constants import MaturityLevel
from maturity.models import Framework
from maturity.selectors import level_meanings
from maturity.selectors.framework import framework_for, frameworks_of_cycle
from maturity.services.framework import framework_get_or_start, framework_update
from tests.factories import UserFactory, principle
from uwvkms.constants import Role
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict

TEXTS = {
    "definition": "De klant staat centraal in het werk.",
    "hard_controls": "Klanttevredenheidsmetingen.",
    "soft_controls": "Luisteren naar de klant.",
    "research_questions": "Waar ben je trots op?\nWat kan beter?",
    "level_1": "Klantsignalen worden incidenteel opgepakt.",
    "level_2": "",
    "level_3": "Klantsignalen worden structureel vastgelegd.",
    "level_4": "Klantsignalen sturen de verbeteragenda.",
    "level_5": "De klant denkt mee over verbeteringen.",
}


def meaning(level: MaturityLevel) -> str:
    """The generic meaning of `level`, as the reference data holds it."""
    return level_meanings()[level].meaning


def list_url(cycle):
    return reverse("maturity:framework_list", args=[cycle.year])


def detail_url(cycle, code="klantgerichtheid"):
    return reverse("maturity:framework_detail", args=[cycle.year, code])


def edit_url(cycle, code="klantgerichtheid"):
    return reverse("maturity:framework_edit", args=[cycle.year, code])


def post_framework(client, cycle, *, version=0, code="klantgerichtheid", **texts):
    return client.post(edit_url(cycle, code), {**TEXTS, **texts, "version": version})


def update(actor, cycle, *, version=0, code="klantgerichtheid", **texts):
    return framework_update(
        actor=actor,
        cycle=cycle,
        principle=principle(code),
        expected_version=version,
        **{**TEXTS, **texts},
    )


@pytest.fixture
def admin_user(db):
    return UserFactory(username="beheerder", roles=[Role.BEHEERDER])


# --- Reading ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["coordinator", "auditor", "board_member", "admin_user"])
def test_whoever_sees_the_cycle_reads_its_framework(client, request, persona, cycle):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(list_url(cycle))
    assert response.status_code == 200
    assert [e.principle.code for e in response.context["entries"]] == [
        "klantgerichtheid",
        "operationele-kwaliteit",
    ]
    assert client.get(detail_url(cycle)).status_code == 200


@pytest.mark.parametrize("persona", ["other_auditor", "unit_board", "outsider"])
def test_others_get_403_on_the_framework_pages(client, request, persona, cycle):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(list_url(cycle)).status_code == 403
    assert client.get(detail_url(cycle)).status_code == 403


def test_a_principle_outside_the_cycle_or_a_missing_cycle_is_404(client, coordinator, cycle):
    client.force_login(coordinator)
    assert client.get(detail_url(cycle, "leiderschap")).status_code == 404
    assert client.get(edit_url(cycle, "leiderschap")).status_code == 404
    assert client.get(reverse("maturity:framework_list", args=[2099])).status_code == 404


def test_without_a_framework_the_generic_level_meanings_show_and_nothing_is_written(
    client, auditor, cycle
):
    client.force_login(auditor)
    response = client.get(detail_url(cycle))
    html = response.content.decode()
    assert meaning(MaturityLevel.STUREN) in html
    assert "algemene niveaubeschrijvingen" in html
    assert not Framework.objects.exists()
    assert not AuditEvent.objects.filter(event__startswith="maturity.framework").exists()


def test_a_new_cycle_starts_from_the_latest_earlier_framework(coordinator, cycle):
    update(coordinator, cycle)
    later = cycle_open(actor=coordinator, year=2033, principles=[principle("klantgerichtheid")])
    framework = framework_for(cycle=later, principle=principle("klantgerichtheid"))
    assert framework.pk is None and framework.version == 0  # shown, not stored
    assert framework.definition == TEXTS["definition"]
    assert framework.level_2 == ""  # the earlier text as it was
    entry = next(e for e in frameworks_of_cycle(later) if e.principle.code == "klantgerichtheid")
    assert entry.based_on == cycle
    # Basic Kwaliteitsmanagement had no framework anywhere: the generic meanings.
    basic = next(e for e in frameworks_of_cycle(later) if e.principle.is_basic)
    assert basic.based_on is None
    assert basic.framework.level_3 == meaning(MaturityLevel.REPRODUCEREN)


def test_the_framework_list_queries_do_not_grow(
    client, coordinator, cycle, django_assert_max_num_queries
):
    client.force_login(coordinator)
    update(coordinator, cycle)
    later = cycle_open(
        actor=coordinator,
        year=2033,
        principles=[principle("klantgerichtheid"), principle("leiderschap")],
    )
    # With the navigation's work queue, and one for the generic level meanings (reference data)
    # a framework without an earlier cycle's text starts from.
    with django_assert_max_num_queries(15) as small:
        client.get(list_url(later))
    # Earlier cycles (before 2033) with frameworks of their own: the list starts from them.
    for year, code in ((2028, "vakmanschap"), (2029, "procesbenadering")):
        older = cycle_open(actor=coordinator, year=year, principles=[principle(code)])
        update(coordinator, older, code=code)
        later.principles.add(principle(code))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(list_url(later))
    assert len(response.context["entries"]) == 5


# --- Editing ----------------------------------------------------------------------------------


def test_coordinator_edits_the_framework_and_every_change_is_recorded(client, coordinator, cycle):
    client.force_login(coordinator)
    page = client.get(edit_url(cycle))
    assert page.status_code == 200
    assert page.context["form"]["level_4"].value() == meaning(MaturityLevel.STUREN)

    response = post_framework(client, cycle)
    assert response.status_code == 302
    assert response["Location"] == detail_url(cycle)
    framework = Framework.objects.get(cycle=cycle, principle=principle("klantgerichtheid"))
    assert (framework.definition, framework.level_3, framework.version) == (
        TEXTS["definition"],
        TEXTS["level_3"],
        2,
    )
    assert framework.updated_by == coordinator
    started, changed = AuditEvent.objects.filter(
        object_type="maturity.framework", object_id=str(framework.pk)
    ).order_by("id")
    assert started.event == "maturity.framework.started"
    assert started.changes["based_on"] == [None, "generic"]
    assert changed.event == "maturity.framework.changed"
    assert changed.changes["definition"] == ["", TEXTS["definition"]]
    assert changed.changes["level_4"] == [
        meaning(MaturityLevel.STUREN),
        TEXTS["level_4"],
    ]

    response = post_framework(client, cycle, version=2, definition="Klant voorop.")
    assert response.status_code == 302
    framework.refresh_from_db()
    assert (framework.definition, framework.version) == ("Klant voorop.", 3)
    latest = (
        AuditEvent.objects.filter(object_type="maturity.framework", object_id=str(framework.pk))
        .order_by("-id")
        .first()
    )
    assert latest.changes == {"definition": [TEXTS["definition"], "Klant voorop."]}

    html = client.get(detail_url(cycle)).content.decode()
    assert "Historie van dit toetskader" in html
    assert "Klant voorop." in html


def test_an_unchanged_save_stores_nothing_more(client, coordinator, cycle):
    client.force_login(coordinator)
    post_framework(client, cycle)
    events = AuditEvent.objects.filter(event__startswith="maturity.framework").count()
    response = post_framework(client, cycle, version=2)
    assert response.status_code == 302
    assert Framework.objects.get().version == 2
    assert AuditEvent.objects.filter(event__startswith="maturity.framework").count() == events


def test_the_earlier_cycle_keeps_its_text(coordinator, cycle):
    update(coordinator, cycle)
    later = cycle_open(actor=coordinator, year=2033, principles=[principle("klantgerichtheid")])
    update(coordinator, later, definition="Nieuwe definitie.")
    framework = Framework.objects.get(cycle=later)
    assert framework.definition == "Nieuwe definitie."
    assert framework.level_1 == TEXTS["level_1"]  # started from 2031
    started = AuditEvent.objects.get(
        event="maturity.framework.started", object_id=str(framework.pk)
    )
    assert started.changes["based_on"] == [None, 2031]
    assert Framework.objects.get(cycle=cycle).definition == TEXTS["definition"]


def test_a_stale_form_is_refused_naming_who_changed_it(client, coordinator, cycle):
    colleague = UserFactory(username="collega", roles=[Role.COORDINATIETEAM])
    client.force_login(coordinator)
    post_framework(client, cycle)  # version 2
    client.force_login(colleague)
    assert post_framework(client, cycle, version=2, definition="Van de collega.").status_code == 302
    client.force_login(coordinator)
    response = post_framework(client, cycle, version=2, definition="Van mij.")
    assert response.status_code == 400
    html = response.content.decode()
    assert "intussen gewijzigd door" in html and escape(str(colleague)) in html
    assert Framework.objects.get().definition == "Van de collega."


def test_a_first_edit_that_someone_else_beat_is_refused(coordinator, cycle):
    framework_get_or_start(actor=coordinator, cycle=cycle, principle=principle("klantgerichtheid"))
    with pytest.raises(EditConflict):
        update(coordinator, cycle, version=0)
    assert Framework.objects.get().definition == ""


@pytest.mark.parametrize(
    "persona", ["auditor", "other_auditor", "board_member", "unit_board", "outsider"]
)
def test_only_the_coordination_team_edits(client, request, persona, cycle):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(edit_url(cycle)).status_code == 403
    assert post_framework(client, cycle).status_code == 403
    assert not Framework.objects.exists()


def test_readers_see_no_edit_links_but_coordinators_do(client, auditor, coordinator, cycle):
    client.force_login(auditor)
    assert edit_url(cycle) not in client.get(list_url(cycle)).content.decode()
    assert edit_url(cycle) not in client.get(detail_url(cycle)).content.decode()
    client.force_login(coordinator)
    assert edit_url(cycle) in client.get(list_url(cycle)).content.decode()


@pytest.mark.parametrize("status", ["voorbereiding", "veldwerk", "kalibratie", "oprollen"])
def test_editable_until_publication(coordinator, cycle, status):
    AuditCycle.objects.filter(pk=cycle.pk).update(status=status)
    cycle.refresh_from_db()
    assert update(coordinator, cycle).changed


def test_a_published_framework_is_fixed(client, coordinator, cycle):
    update(coordinator, cycle)
    AuditCycle.objects.filter(pk=cycle.pk).update(status="gepubliceerd")
    client.force_login(coordinator)
    page = client.get(edit_url(cycle))
    assert page.status_code == 200
    assert "gepubliceerd" in page.content.decode()
    assert "Toetskader opslaan" not in page.content.decode()
    assert edit_url(cycle) not in client.get(list_url(cycle)).content.decode()
    response = post_framework(client, cycle, version=2, definition="Te laat.")
    assert response.status_code == 400
    assert "Het toetskader kan niet meer worden gewijzigd" in response.content.decode()
    assert Framework.objects.get().definition == TEXTS["definition"]
    cycle.refresh_from_db()
    with pytest.raises(ValidationError):
        framework_get_or_start(
            actor=coordinator, cycle=cycle, principle=principle("operationele-kwaliteit")
        )


# --- On the score page --------------------------------------------------------------------------


def test_the_score_page_shows_this_cycles_descriptors(
    client, auditor, coordinator, cycle, uitkeren
):
    update(coordinator, cycle)
    client.force_login(auditor)
    response = client.get(
        reverse("maturity:score_edit", args=[cycle.year, uitkeren.pk, "klantgerichtheid"])
    )
    html = response.content.decode()
    assert TEXTS["level_3"] in html
    assert TEXTS["definition"] in html
    assert meaning(MaturityLevel.REPRODUCEREN) not in html
    # Level 2 is empty in the framework: its generic meaning stands in.
    assert meaning(MaturityLevel.INITIEEL) in html
    levels = [descriptor for _radio, descriptor in response.context["levels"]]
    assert [d.generic for d in levels] == [False, True, False, False, False]
