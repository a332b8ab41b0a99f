"""`manage.py loaddemo_herstel` (and `loaddemo`, which calls it): seven fictional herstelacties,
one per mandate path and stage, with working groups, advice, decisions and a kapstokverhaal; one
in execution with imported dossiers and weekly snapshots, one in evaluation, one closed.
Idempotent, DEBUG only."""

import pytest
from django.core.management import CommandError, call_command

from herstel.constants import Discipline
from herstel.models import (
    ActionDocument,
    ContactPoint,
    Decision,
    Dossier,
    DossierChange,
    DossierSnapshot,
    Evaluation,
    Herstelactie,
    Kapstokverhaal,
    MinisterContact,
    Notification,
    WorkingGroupMember,
)
from herstel.selectors.actions import herstelacties_for_user, obligations_of
from herstel.selectors.figures import management_information
from uwvkms.comments import comments_of
from uwvkms.models import AuditEvent, User
from uwvkms.models import Notification as CoreNotification
from uwvkms.notifications import COMMENT_MENTIONED


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            ActionDocument,
            User,
            Herstelactie,
            WorkingGroupMember,
            Decision,
            Notification,
            Kapstokverhaal,
            ContactPoint,
            AuditEvent,
            Dossier,
            DossierChange,
            DossierSnapshot,
            Evaluation,
        )
    }


def test_the_herstel_demo_loads_and_is_idempotent(db, settings, capsys):
    settings.DEBUG = True
    call_command("loaddemo_herstel")
    first = counts()
    out = capsys.readouterr().out
    assert "demo-kms-2023" in out and "herstel.sbk" in out and "directie.uitkeren" in out
    assert "communicatie-herstel" in out
    call_command("loaddemo_herstel")
    assert counts() == first

    actions = {a.title: a for a in Herstelactie.objects.all()}
    assert len(actions) == 7
    assert sorted((a.step, a.mandate) for a in actions.values()) == [
        ("gesloten", "dt"),
        ("minister", "rvb_minister"),
        ("stap_1", ""),
        ("stap_2a", "dt"),
        ("stap_2b", "rvb"),
        ("stap_3", "dt"),
        ("stap_4", "dt"),
    ]
    done = actions["Nabetaling reiskosten bij re-integratietrajecten"]
    assert all(met for _label, met in obligations_of(done))
    assert Decision.objects.filter(corrects__isnull=False).exists()  # a correction
    issue = actions["Terugvordering na samenloop van uitkeringen"]
    assert issue.is_issue
    assert [(k.version, k.status) for k in issue.kapstok_versions.order_by("version")] == [
        (1, "vastgesteld"),
        (2, "concept"),
    ]
    # The note to the minister (a PDF) and the plan of approach, in the private storage; the
    # note's notification refers to it.
    note = issue.documents.get(kind="nota_minister")
    assert note.content_type == "application/pdf" and note.version == 1
    with note.file.storage.open(note.file.name, "rb") as stored:
        assert stored.read().startswith(b"%PDF-")
    assert issue.notifications.get(kind="minister_note").document_file == note
    assert issue.documents.filter(kind="plan_van_aanpak").exists()
    # The communication track run by the right people (issue 20): Communicatie's contact person
    # is the issuemanager, the joint approach is written, the disciplines' tasks in several
    # states, and the lead adviser and SBK commented in the kapstokverhaal's thread, SBK
    # mentioning the adviser (who got a notification).
    assert issue.issuemanager.username == "communicatie-herstel"
    assert issue.kapstok_versions.get(version=2).joint_approach
    assert {t.status for t in issue.communication_tasks.all()} == {
        "open",
        "in_uitvoering",
        "gereed",
    }
    assert {t.discipline for t in issue.communication_tasks.all()} == set(Discipline.values)
    kapstok_comments = [c for k in issue.kapstok_versions.all() for c in comments_of(k)]
    assert {c.author.username for c in kapstok_comments} == {"herstel", "herstel.sbk"}
    assert CoreNotification.objects.filter(
        kind=COMMENT_MENTIONED, recipient__username="herstel"
    ).exists()
    assert herstelacties_for_user(User.objects.get(username="communicatie-herstel")).count() == 7
    # Step 2 as the guide describes it: the RvB raised the mandate to the minister (without a
    # return to step 1), Werkbedrijf's DT gave its view, the DT enriched the advice, and the
    # RvB's contact with the minister is recorded.
    raised = issue.mandate_raises.get()
    assert (raised.old_mandate, raised.new_mandate) == ("rvb", "rvb_minister") and raised.reason
    assert issue.dt_views.get().business_unit.abbreviation == "WB"
    assert issue.enrichments.get().version == 1
    assert issue.minister_contacts.count() == 1  # the withdrawn one left out
    assert MinisterContact.with_withdrawn.filter(herstelactie=issue).count() == 2
    assert herstelacties_for_user(User.objects.get(username="directie.wb")).filter(pk=issue.pk)
    assert ContactPoint.objects.count() == 9
    assert all(a.members.count() >= 9 for a in actions.values())  # contacts informed

    # Every demo login has something to see; the FEZ contact person reads every action.
    for username in ("herstel", "herstel.wb", "herstel.sbk", "directie.uitkeren", "rvb"):
        assert herstelacties_for_user(User.objects.get(username=username)).exists(), username
    assert herstelacties_for_user(User.objects.get(username="fez.werkgroep")).count() == 7

    # Execution: a few hundred fictional dossiers, a trend over weeks, an entered estimate.
    executing = actions["Nabetaling reiskosten bij re-integratietrajecten"]
    mi = management_information(executing)
    assert mi.totals.total == 180 and 0 < mi.totals.assessed < 180
    assert len(mi.trend) == 3 and mi.estimate.source == "entered"
    assert executing.dossier_imports.count() == 3 and DossierChange.objects.exists()
    assert 400 <= Dossier.objects.count() <= 600
    evaluating = actions["Niet uitbetaalde vakantiebijslag WIA"]
    assert [(e.number, e.is_completed) for e in evaluating.evaluations.all()] == [
        (1, True),
        (2, False),
    ]
    closed = actions["Nabetaling na te laat verwerkte adreswijzigingen"]
    assert closed.evaluations.get().is_completed and closed.closed_on is not None


def test_loaddemo_includes_the_herstel_demo(demo_data, db):
    assert Herstelactie.objects.count() == 7
    # The audit demo's herstel user is the one the herstel demo leads its actions with.
    herstel = User.objects.get(username="herstel")
    assert Herstelactie.objects.filter(lead_unit=herstel.business_unit).count() == 6


def test_the_herstel_demo_refuses_outside_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("loaddemo_herstel")
    assert not Herstelactie.objects.exists()
