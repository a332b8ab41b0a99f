"""SBK co-writes the advice (issue 20; the process guide has "divisies/SBK" bring it out): the
lead advisers ask SBK to write a section, SBK then writes exactly the sections asked of it in
step 1, and every section records who wrote it last and when."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from herstel.constants import AdviceSection, Capacity, Step
from herstel.models import AdviceSectionAssignment, AdviceSectionAuthor
from herstel.rules import advice_section_editable
from herstel.services.actions import (
    advice_save,
    advice_section_assign,
    advice_section_assignment_withdraw,
    advice_section_write,
)
from tests.herstel.flow import DT_PATH, criteria, sections, submit
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict

LEGAL = AdviceSection.LEGAL_FRAMEWORK
COMM = AdviceSection.COMMUNICATION
LEAD = frozenset({Capacity.LEAD_ADVISER})
SBK = frozenset({Capacity.SBK})
BOTH = LEAD | SBK


@pytest.mark.parametrize(
    ("capacities", "step", "section", "assigned", "expected"),
    [
        (LEAD, Step.STAP_1, LEGAL, (), True),  # the lead advisers write every section
        (LEAD, Step.STAP_1, COMM, (LEGAL,), True),
        (SBK, Step.STAP_1, LEGAL, (LEGAL,), True),  # SBK the sections asked of it
        (SBK, Step.STAP_1, COMM, (LEGAL,), False),
        (SBK, Step.STAP_1, LEGAL, (), False),
        (BOTH, Step.STAP_1, COMM, (), True),
        (SBK, Step.STAP_2A, LEGAL, (LEGAL,), False),  # only in step 1
        (LEAD, Step.STAP_2A, LEGAL, (), False),
        (SBK, Step.GESLOTEN, LEGAL, (LEGAL,), False),
        (frozenset({Capacity.DT}), Step.STAP_1, LEGAL, (LEGAL,), False),
        (frozenset({Capacity.MEMBER}), Step.STAP_1, LEGAL, (LEGAL,), False),
        (frozenset(), Step.STAP_1, LEGAL, (LEGAL,), False),
        (SBK, Step.STAP_1, "onbekend", ("onbekend",), False),
    ],
)
def test_advice_section_editable(capacities, step, section, assigned, expected):
    assert (
        advice_section_editable(
            capacities=capacities, step=step, section=section, assigned=assigned
        )
        is expected
    )


def _assign(action, adviser, section=LEGAL, note="Graag het juridisch kader."):
    return advice_section_assign(actor=adviser, herstelactie=action, section=section, note=note)


def _write(action, user, section=LEGAL, text="Artikel 4:57 Awb.", version=None):
    action.refresh_from_db()
    return advice_section_write(
        actor=user,
        herstelactie=action,
        expected_version=action.version if version is None else version,
        section=section,
        text=text,
    )


def test_sbk_writes_the_section_asked_of_it(adviser, sbk_adviser, action):
    assignment = _assign(action, adviser)
    assert (assignment.asked_by, assignment.note) == (adviser, "Graag het juridisch kader.")
    _write(action, sbk_adviser)
    action.refresh_from_db()
    assert action.advice.legal_framework == "Artikel 4:57 Awb."
    author = AdviceSectionAuthor.objects.get(section=LEGAL)
    assert (author.written_by, author.as_sbk) == (sbk_adviser, True)
    event = AuditEvent.objects.get(event="herstel.advice_section.written")
    assert event.changes == {"legal_framework": [None, "Artikel 4:57 Awb."]}
    assert AuditEvent.objects.filter(event="herstel.advice_section.assigned").exists()


def test_the_lead_advisers_keep_writing_every_section(adviser, sbk_adviser, action):
    _assign(action, adviser)
    _write(action, sbk_adviser)
    action.refresh_from_db()
    advice_save(
        actor=adviser,
        herstelactie=action,
        expected_version=action.version,
        sections=sections(),
        criteria=criteria(DT_PATH),
    )
    authors = {a.section: a for a in AdviceSectionAuthor.objects.all()}
    assert set(authors) == set(AdviceSection.values)
    assert (authors[LEGAL].written_by, authors[LEGAL].as_sbk) == (adviser, False)


def test_sbk_may_not_write_an_unassigned_section(adviser, sbk_adviser, action):
    _assign(action, adviser)
    with pytest.raises(PermissionDenied):
        _write(action, sbk_adviser, section=COMM)
    action.refresh_from_db()
    assert action.advice.communication == ""


def test_sbk_may_not_write_in_step_2(adviser, sbk_adviser, action):
    _assign(action, adviser)
    submit(action, adviser)
    with pytest.raises(ValidationError, match="kan niet in"):
        _write(action, sbk_adviser)


@pytest.mark.parametrize("persona", ["outsider", "other_adviser", "dt_member", "wg_user"])
def test_others_may_not_write_nor_assign(request, adviser, action, persona):
    _assign(action, adviser)
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        _write(action, user)
    with pytest.raises(PermissionDenied):
        _assign(action, user, section=COMM)


def test_sbk_may_not_assign_itself(adviser, sbk_adviser, action):
    with pytest.raises(PermissionDenied):
        _assign(action, sbk_adviser)


def test_a_section_is_asked_once(adviser, action):
    _assign(action, adviser)
    with pytest.raises(ValidationError, match="al gevraagd"):
        _assign(action, adviser)


def test_sbk_writing_on_a_stale_version_conflicts(adviser, sbk_adviser, action):
    _assign(action, adviser)
    action.refresh_from_db()
    seen = action.version
    advice_save(
        actor=adviser,
        herstelactie=action,
        expected_version=seen,
        sections=sections(),
        criteria=criteria(DT_PATH),
    )
    with pytest.raises(EditConflict):
        _write(action, sbk_adviser, version=seen)


def test_a_question_withdrawn_ends_the_right_to_write(adviser, sbk_adviser, action):
    assignment = _assign(action, adviser)
    with pytest.raises(ValidationError):
        advice_section_assignment_withdraw(actor=adviser, assignment=assignment, reason="")
    advice_section_assignment_withdraw(
        actor=adviser, assignment=assignment, reason="De divisie schrijft het zelf."
    )
    assert not AdviceSectionAssignment.objects.exists()
    assert AdviceSectionAssignment.with_withdrawn.get().is_withdrawn
    with pytest.raises(PermissionDenied):
        _write(action, sbk_adviser)
    _assign(action, adviser)  # and it may be asked again


# --- the page ------------------------------------------------------------------------------------


def test_the_lead_asks_sbk_on_the_advice_page(client, adviser, action):
    client.force_login(adviser)
    url = reverse("herstel:advice", args=[action.pk])
    assert "SBK vragen dit onderdeel te schrijven" in client.get(url).content.decode()
    response = client.post(
        reverse("herstel:advice_section_assign", args=[action.pk]),
        {"sbk-section": LEGAL, "sbk-note": "Met JKC afstemmen."},
        follow=True,
    )
    html = response.content.decode()
    assert "SBK is gevraagd dit onderdeel van het advies te schrijven." in html
    assert "Met JKC afstemmen." in html
    refused = client.post(
        reverse("herstel:advice_section_assign", args=[action.pk]),
        {"sbk-section": "", "sbk-note": "Mijn toelichting"},
    )
    assert refused.status_code == 400
    assert "Mijn toelichting</textarea>" in refused.content.decode()


def test_sbk_writes_its_section_on_the_advice_page(client, adviser, sbk_adviser, action):
    _assign(action, adviser)
    client.force_login(sbk_adviser)
    url = reverse("herstel:advice", args=[action.pk])
    page = client.get(url).content.decode()
    assert 'name="legal_framework-text"' in page
    assert 'name="communication-text"' not in page  # not asked: no form
    assert "Advies opslaan" not in page
    action.refresh_from_db()
    response = client.post(
        reverse("herstel:advice_section_write", args=[action.pk]),
        {
            "section": LEGAL,
            "legal_framework-version": action.version,
            "legal_framework-text": "Artikel 4:57 Awb.",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Artikel 4:57 Awb." in html
    assert "Geschreven door Sem Beleid (SBK)" in html
    # An unassigned section posted by hand: refused, nothing changes.
    action.refresh_from_db()
    forged = client.post(
        reverse("herstel:advice_section_write", args=[action.pk]),
        {"section": COMM, "communication-version": action.version, "communication-text": "X"},
    )
    assert forged.status_code == 403


def test_a_stale_sbk_save_gives_back_the_text(client, adviser, sbk_adviser, action):
    _assign(action, adviser)
    action.refresh_from_db()
    seen = action.version
    _write(action, sbk_adviser, text="Eerste versie.")
    client.force_login(sbk_adviser)
    response = client.post(
        reverse("herstel:advice_section_write", args=[action.pk]),
        {"section": LEGAL, "legal_framework-version": seen, "legal_framework-text": "Mijn tekst"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mijn tekst</textarea>" in html
    assert "intussen gewijzigd door" in html


def test_the_lead_sees_who_wrote_each_section(client, adviser, sbk_adviser, action):
    _assign(action, adviser)
    _write(action, sbk_adviser)
    client.force_login(adviser)
    html = client.get(reverse("herstel:advice", args=[action.pk])).content.decode()
    assert "Geschreven door Sem Beleid (SBK)" in html


def test_the_timeline_tells_who_asked_and_who_wrote(client, adviser, sbk_adviser, action):
    _assign(action, adviser)
    _write(action, sbk_adviser)
    client.force_login(adviser)
    html = client.get(reverse("herstel:timeline", args=[action.pk])).content.decode()
    assert "SBK gevraagd een adviesonderdeel te schrijven" in html
    assert "Adviesonderdeel geschreven door SBK" in html
    assert "Juridisch kader" in html  # the section by its label, not its code


def test_the_lead_withdraws_a_question_on_the_advice_page(client, adviser, sbk_adviser, action):
    assignment = _assign(action, adviser)
    url = reverse("herstel:advice_section_assignment_withdraw", args=[action.pk, assignment.pk])
    client.force_login(sbk_adviser)
    assert client.post(url, {"intrekken-reason": "Zelf."}).status_code == 403
    client.force_login(adviser)
    empty = client.post(url, {"intrekken-reason": ""}, follow=True)
    assert "Geef de reden waarom u de vraag aan SBK intrekt." in empty.content.decode()
    assert AdviceSectionAssignment.objects.exists()
    done = client.post(url, {"intrekken-reason": "De divisie schrijft het zelf."}, follow=True)
    assert "De vraag aan SBK is ingetrokken." in done.content.decode()
    assert not AdviceSectionAssignment.objects.exists()
