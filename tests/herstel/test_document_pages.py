"""The Documenten page of a herstelactie: the list by kind with every version, the upload form
for whoever may upload (refusals in Dutch, what was typed kept, nothing stored; an infected file
or no scanner refused by a real clamd), downloads for everyone who reads the action (logged),
404 for FEZ reading only the figures and for outsiders; the link from a decision and the
timeline; a flat number of queries."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from herstel.constants import Forum, Outcome
from herstel.models import ActionDocument
from herstel.services.decisions import decision_record
from herstel.services.documents import action_document_withdraw
from tests.clamd import EICAR, EICAR_SIGNATURE
from tests.herstel.documents import PDF, TEXT, upload
from tests.herstel.flow import DAY, DT_PATH, make_issue, start, submit
from uwvkms.models import AuditEvent


def page(action) -> str:
    return reverse("herstel:documents", args=[action.pk])


def download(action, document) -> str:
    return reverse("herstel:document_download", args=[action.pk, document.pk])


def post(client, action, *, kind="advies", title="Advies aan de DT", name="advies.pdf", data=PDF):
    return client.post(
        page(action),
        {
            "document-kind": kind,
            "document-title": title,
            "document-file": SimpleUploadedFile(name, data, content_type="application/pdf"),
        },
    )


def test_the_tab_is_in_the_action_navigation(client, action, adviser):
    client.force_login(adviser)
    response = client.get(reverse("herstel:detail", args=[action.pk]))
    assert page(action) in response.content.decode()


def test_an_adviser_uploads_and_sees_the_versions(client, action, adviser):
    client.force_login(adviser)
    response = post(client, action)
    assert response.status_code == 302
    response = post(client, action, name="advies-2.txt", data=TEXT)
    assert response.status_code == 302
    response = client.get(page(action))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Advies aan de DT" in body and "advies.pdf" in body and "advies-2.txt" in body
    assert "huidige versie" in body
    assert [d.version for d in ActionDocument.objects.order_by("version")] == [1, 2]
    # Dutch dates, never ISO.
    document = ActionDocument.objects.get(version=1)
    assert document.uploaded_at.date().isoformat() not in body


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("advies.pdf", TEXT, "De inhoud van het bestand is tekst (TXT)"),
        ("advies.exe", b"MZ\x90\x00\x03" + b"\x00" * 50, "Dit soort bestand is niet toegestaan"),
    ],
)
def test_a_refused_upload_keeps_what_was_typed(client, action, adviser, name, data, message):
    client.force_login(adviser)
    response = post(client, action, kind="overig", title="Mijn eigen titel", name=name, data=data)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert 'value="Mijn eigen titel"' in body
    assert response.context["form"]["kind"].value() == "overig"
    assert not ActionDocument.with_withdrawn.exists()


def test_a_file_over_the_limit_is_refused(client, action, adviser, settings):
    settings.UPLOAD_MAX_BYTES = 20
    client.force_login(adviser)
    response = post(client, action)
    assert response.status_code == 400
    assert "Het bestand is te groot" in response.content.decode()
    assert not ActionDocument.with_withdrawn.exists()


def test_an_infected_upload_is_refused(client, scanning, action, adviser):
    client.force_login(adviser)
    response = post(client, action, name="advies.txt", data=TEXT + EICAR + b"\n")
    assert response.status_code == 400
    body = response.content.decode()
    assert "de virusscanner heeft er malware in gevonden" in body and EICAR_SIGNATURE in body
    assert 'value="Advies aan de DT"' in body
    assert not ActionDocument.with_withdrawn.exists()
    event = AuditEvent.objects.get(event="uwvkms.upload.infected")
    assert (event.object_type, event.object_id) == ("herstel.herstelactie", str(action.pk))
    assert event.changes["file"][1]["name"] == "advies.txt"


def test_without_a_scanner_the_upload_is_refused(client, scanner_down, action, adviser):
    client.force_login(adviser)
    response = post(client, action)
    assert response.status_code == 400
    assert "de virusscanner is niet bereikbaar" in response.content.decode()
    assert not ActionDocument.with_withdrawn.exists()
    assert AuditEvent.objects.get(event="uwvkms.upload.not_scanned").actor == adviser


def test_a_clean_upload_records_the_verdict(client, scanning, action, adviser):
    client.force_login(adviser)
    assert post(client, action).status_code == 302
    event = AuditEvent.objects.get(event="herstel.document.uploaded")
    assert event.changes["malware_scan"] == [None, "geen malware gevonden (ClamAV)"]


# --- Who reads, who downloads, who uploads ----------------------------------------------------


@pytest.fixture
def uploaded(action, adviser):
    return upload(action, adviser)


@pytest.mark.parametrize(
    ("persona", "status", "form"),
    [
        ("adviser", 200, True),
        ("sbk_adviser", 200, True),
        ("dt_member", 200, True),  # decision documents
        ("board_member", 200, True),
        ("wg_member", 200, False),
        ("fez_adviser", 404, False),
        ("other_adviser", 404, False),
        ("outsider", 404, False),
    ],
)
def test_who_reads_and_downloads(client, request, action, uploaded, persona, status, form):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    response = client.get(page(action))
    assert response.status_code == status
    if status == 200:
        assert (response.context["form"] is not None) is form
    answer = client.get(download(action, uploaded))
    assert answer.status_code == status
    logged = AuditEvent.objects.filter(event="uwvkms.data.downloaded", actor=user)
    if status == 200:
        assert b"".join(answer.streaming_content) == PDF
        assert answer["Content-Disposition"].startswith("attachment")
        assert answer["X-Content-Type-Options"] == "nosniff"
        event = logged.get()
        assert (event.object_type, event.object_id) == (
            "herstel.actiondocument",
            str(uploaded.pk),
        )
        assert event.changes["file"] == "advies.pdf"
    else:
        assert not logged.exists()


def test_who_may_not_upload_is_refused_on_post(client, request, action, wg_member, board_member):
    client.force_login(wg_member)
    assert post(client, action).status_code == 403
    client.force_login(board_member)  # decision documents only
    assert post(client, action, kind="advies").status_code == 403
    client.force_login(request.getfixturevalue("other_adviser"))
    assert post(client, action).status_code == 404
    assert not ActionDocument.with_withdrawn.exists()


def test_the_issuemanager_uploads_the_kapstokverhaal(
    client, action, adviser, sbk_adviser, communicatie_user, issuemanager
):
    make_issue(action, communicatie_user, issuemanager)
    client.force_login(issuemanager)
    response = client.get(page(action))
    assert [k for k, _label in response.context["form"].fields["kind"].choices] == [
        "",
        "kapstokverhaal",
        "overig",
    ]
    assert "Document toevoegen" in response.content.decode()
    assert post(client, action, kind="advies").status_code == 403
    assert post(client, action, kind="kapstokverhaal", title="Kapstok").status_code == 302
    # The lead advisers and SBK comment on the kapstokverhaal; they no longer write it.
    for user in (adviser, sbk_adviser):
        client.force_login(user)
        choices = client.get(page(action)).context["form"].fields["kind"].choices
        assert "kapstokverhaal" not in [k for k, _label in choices]
        assert post(client, action, kind="kapstokverhaal", title="Kapstok").status_code == 403
    # Communicatie other than the issuemanager reads, and gets no form.
    client.force_login(communicatie_user)
    assert client.get(page(action)).context["form"] is None
    assert ActionDocument.objects.get().uploaded_by == issuemanager


def test_the_dt_uploads_a_decision_document_in_2a(client, action, adviser, dt_member):
    submit(action, adviser, DT_PATH)
    client.force_login(dt_member)
    response = client.get(page(action))
    assert [k for k, _label in response.context["form"].fields["kind"].choices] == [
        "",
        "besluitdocument",
    ]
    assert post(client, action, kind="advies").status_code == 403
    assert post(client, action, kind="besluitdocument", title="Besluit DT").status_code == 302


def test_older_versions_download_and_a_withdrawn_one_does_not(client, action, adviser):
    first = upload(action, adviser)
    second = upload(action, adviser, name="advies-2.txt", data=TEXT)
    client.force_login(adviser)
    assert client.get(download(action, first)).status_code == 200
    response = client.get(reverse("herstel:document_withdraw", args=[action.pk, second.pk]))
    assert response.status_code == 200 and "Versie intrekken" in response.content.decode()
    response = client.post(
        reverse("herstel:document_withdraw", args=[action.pk, second.pk]), {"reason": ""}
    )
    assert response.status_code == 400 and "Geef de reden" in response.content.decode()
    response = client.post(
        reverse("herstel:document_withdraw", args=[action.pk, second.pk]),
        {"reason": "Verkeerd bestand."},
    )
    assert response.status_code == 302
    assert client.get(download(action, second)).status_code == 404
    body = client.get(page(action)).content.decode()
    assert "Verkeerd bestand." in body and "<del>advies-2.txt</del>" in body


def test_a_reader_gets_no_withdraw_page(client, action, uploaded, wg_member):
    client.force_login(wg_member)
    url = reverse("herstel:document_withdraw", args=[action.pk, uploaded.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "Weg."}).status_code == 403
    uploaded.refresh_from_db()
    assert not uploaded.is_withdrawn


def test_a_document_of_another_action_is_404(client, action, adviser, other_adviser):
    elsewhere = start(other_adviser)
    document = upload(elsewhere, other_adviser)
    client.force_login(adviser)
    assert client.get(download(action, document)).status_code == 404


# --- Decisions refer to a document --------------------------------------------------------------


def test_a_decision_links_its_document_on_the_decisions_page_and_timeline(
    client, action, adviser, dt_member
):
    submit(action, adviser, DT_PATH)
    document = upload(action, dt_member, kind="besluitdocument", title="Besluit DT")
    client.force_login(dt_member)
    decisions = reverse("herstel:decisions", args=[action.pk])
    form_page = client.get(decisions).content.decode()
    assert "Besluitdocument: Besluit DT (versie 1)" in form_page  # offered in the form
    response = client.post(
        reverse("herstel:decision_record", args=[action.pk, Forum.DT]),
        {
            "besluit-dt-outcome": Outcome.BESLUIT,
            "besluit-dt-decided_on": "01-03-2025",
            "besluit-dt-body": "Besloten zoals voorgesteld.",
            "besluit-dt-document_file": str(document.pk),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    link = download(action, document)
    assert link in client.get(decisions).content.decode()
    assert link in client.get(reverse("herstel:timeline", args=[action.pk])).content.decode()


def test_a_document_a_decision_rests_on_is_not_offered_for_withdrawal(
    client, action, adviser, dt_member
):
    submit(action, adviser, DT_PATH)
    used = upload(action, dt_member, kind="besluitdocument", title="Besluit DT")
    free = upload(action, dt_member, kind="besluitdocument", title="Bijlage")
    decision_record(
        actor=dt_member,
        herstelactie=action,
        forum=Forum.DT,
        outcome=Outcome.BESLUIT,
        decided_on=DAY,
        body="Besloten.",
        document_file=used,
    )
    client.force_login(dt_member)
    body = client.get(page(action)).content.decode()
    withdraw = reverse("herstel:document_withdraw", args=[action.pk, used.pk])
    assert withdraw not in body
    assert "in gebruik bij een besluit" in body
    assert reverse("herstel:document_withdraw", args=[action.pk, free.pk]) in body
    # Its withdraw page says why and offers no form.
    response = client.get(withdraw)
    assert response.status_code == 200 and not response.context["may_withdraw_now"]
    assert "in gebruik bij een besluit" in response.content.decode()
    assert "Versie intrekken" not in response.content.decode()


def test_the_form_refuses_a_withdrawn_document_and_keeps_the_rest(
    client, action, adviser, dt_member
):
    submit(action, adviser, DT_PATH)
    document = upload(action, dt_member, kind="besluitdocument", title="Besluit DT")
    action_document_withdraw(actor=dt_member, document=document, reason="Fout.")
    client.force_login(dt_member)
    response = client.post(
        reverse("herstel:decision_record", args=[action.pk, Forum.DT]),
        {
            "besluit-dt-outcome": Outcome.BESLUIT,
            "besluit-dt-decided_on": "01-03-2025",
            "besluit-dt-body": "Mijn besluittekst.",
            "besluit-dt-document_file": str(document.pk),
        },
    )
    assert response.status_code == 400
    assert "Mijn besluittekst." in response.content.decode()


def test_the_timeline_names_uploads_and_withdrawals(client, action, adviser):
    document = upload(action, adviser)
    action_document_withdraw(actor=adviser, document=document, reason="Verkeerd bestand.")
    client.force_login(adviser)
    body = client.get(reverse("herstel:timeline", args=[action.pk])).content.decode()
    assert "Document toegevoegd aan het dossier: Advies: Advies aan de DT (versie 1)" in body
    assert "Document ingetrokken: Advies: Advies aan de DT (versie 1)" in body
    assert document.sha256 not in body


# --- A flat number of queries -------------------------------------------------------------------


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_the_page_reads_a_fixed_number_of_queries(client, action, adviser, dt_member):
    submit(action, adviser, DT_PATH)
    upload(action, adviser)
    client.force_login(adviser)
    url = page(action)
    decisions = reverse("herstel:decisions", args=[action.pk])
    few, few_decisions = _count(client, url), _count(client, decisions)
    for n in range(6):
        kind = ["advies", "overig", "besluitdocument"][n % 3]
        document = upload(action, adviser, kind=kind, title=f"Stuk {n % 2}")
        if n == 2:
            action_document_withdraw(actor=adviser, document=document, reason="Fout.")
    decision_record(
        actor=dt_member,
        herstelactie=action,
        forum=Forum.DT,
        outcome=Outcome.BESLUIT,
        body="Besloten.",
        decided_on=DAY,
        document_file=ActionDocument.objects.filter(kind="besluitdocument").first(),
    )
    assert _count(client, url) == few
    assert _count(client, decisions) <= few_decisions + 1  # the decision itself, not per document
