"""No lost input on a document's page (issue 17): the judgement and the files are one form, so
adding or removing a file gives back the judgement as typed (not saved, and said so) on the page
it redirects to (a refresh never adds a file twice), a refused upload does too, "Beoordeling
opslaan" always posts to the judgement (it used to post to the upload URL after a refused
upload) and a file chosen when saving is added as well."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audits.models import DocumentCheck, DocumentFile, DocumentType
from tests.audits.test_documents_files import EXE, PDF
from tests.factories import AssignmentFactory, UserFactory
from uwvkms.constants import Role

DESIGN = "Het jaarplan beschrijft de doelen per team en wie ze bewaakt."
EXISTENCE = "Alle teams hebben een teamplan dat naar het jaarplan verwijst."


@pytest.fixture
def jaarplan(db):
    return DocumentType.objects.get(name="Jaarplan")


def typed(**extra):
    return {
        "status": "geleverd",
        "design_note": DESIGN,
        "existence_note": EXISTENCE,
        "operation_note": "",
        "version": "0",
        **extra,
    }


def check_url(cycle, unit, document_type):
    return reverse("audits:document_check", args=[cycle.year, unit.pk, document_type.pk])


def upload_url(cycle, unit, document_type):
    return reverse("audits:document_file_upload", args=[cycle.year, unit.pk, document_type.pk])


def pdf(name="jaarplan.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_uploading_gives_back_the_unsaved_judgement(client, auditor, cycle, uitkeren, jaarplan):
    client.force_login(auditor)
    response = client.post(upload_url(cycle, uitkeren, jaarplan), typed(file=pdf()), follow=True)
    assert response.redirect_chain == [(check_url(cycle, uitkeren, jaarplan), 302)]
    html = response.content.decode()
    assert DESIGN in html and EXISTENCE in html
    assert "jaarplan.pdf is toegevoegd aan Jaarplan." in html
    assert "maar is nog niet opgeslagen" in html
    check = DocumentCheck.objects.get()
    assert (check.status, check.design_note) == ("open", "")  # the judgement is not saved
    # ...and saving it now (onto the record the upload made) works, not "changed meanwhile".
    version = response.context["form"].initial["version"]
    saved = client.post(check_url(cycle, uitkeren, jaarplan), typed(version=str(version)))
    assert saved.status_code == 302
    check.refresh_from_db()
    assert (check.status, check.design_note) == ("geleverd", DESIGN)


def test_a_refused_upload_keeps_the_judgement_and_the_save_goes_to_the_judgement(
    client, auditor, cycle, uitkeren, jaarplan
):
    client.force_login(auditor)
    response = client.post(upload_url(cycle, uitkeren, jaarplan), typed(file=pdf("virus.pdf", EXE)))
    assert response.status_code == 400
    html = response.content.decode()
    assert DESIGN in html and EXISTENCE in html
    assert not DocumentFile.objects.exists()
    # The page's form posts the judgement to the document's own URL, whatever URL shows.
    assert f'action="{check_url(cycle, uitkeren, jaarplan)}"' in html
    assert f'formaction="{upload_url(cycle, uitkeren, jaarplan)}"' in html


def test_saving_with_a_file_chosen_saves_both(client, auditor, cycle, uitkeren, jaarplan):
    client.force_login(auditor)
    response = client.post(check_url(cycle, uitkeren, jaarplan), typed(file=pdf()))
    assert response.status_code == 302
    check = DocumentCheck.objects.get()
    assert check.status == "geleverd"
    assert [f.original_name for f in check.files.all()] == ["jaarplan.pdf"]


def test_removing_a_file_gives_back_the_unsaved_judgement(
    client, auditor, cycle, uitkeren, jaarplan
):
    client.force_login(auditor)
    client.post(upload_url(cycle, uitkeren, jaarplan), {"file": pdf()})
    document_file = DocumentFile.objects.get()
    version = DocumentCheck.objects.get().version
    response = client.post(
        reverse("audits:document_file_delete", args=[cycle.year, document_file.pk]),
        typed(version=str(version)),
        follow=True,
    )
    assert response.redirect_chain == [(check_url(cycle, uitkeren, jaarplan), 302)]
    html = response.content.decode()
    assert "jaarplan.pdf is verwijderd." in html and DESIGN in html
    assert not DocumentFile.objects.exists()
    # Given back once: the next visit shows the judgement as stored.
    assert DESIGN not in client.get(check_url(cycle, uitkeren, jaarplan)).content.decode()


def test_an_upload_onto_a_saved_judgement_does_not_refuse_the_next_save(
    client, auditor, cycle, uitkeren, jaarplan
):
    """A file moves the record one version on (its review starts again, issue 21 §3); the
    judgement the same person was typing still saves, because the change was their own."""
    client.force_login(auditor)
    assert client.post(check_url(cycle, uitkeren, jaarplan), typed()).status_code == 302
    version = DocumentCheck.objects.get().version
    response = client.post(
        upload_url(cycle, uitkeren, jaarplan),
        typed(version=str(version), operation_note="Getypt, nog niet opgeslagen.", file=pdf()),
        follow=True,
    )
    assert DocumentCheck.objects.get().version == version + 1
    assert int(response.context["form"].initial["version"]) == version + 1
    saved = client.post(
        check_url(cycle, uitkeren, jaarplan),
        typed(version=str(version + 1), operation_note="Getypt, nog niet opgeslagen."),
    )
    assert saved.status_code == 302
    assert DocumentCheck.objects.get().operation_note == "Getypt, nog niet opgeslagen."


def test_a_change_by_someone_else_before_the_upload_is_still_a_conflict(
    client, auditor, cycle, uitkeren, jaarplan, fez
):
    colleague = UserFactory(username="tweede.toetser", business_unit=fez, roles=[Role.TOETSER])
    AssignmentFactory(cycle=cycle, unit=uitkeren, auditor=colleague)
    client.force_login(auditor)
    assert client.post(check_url(cycle, uitkeren, jaarplan), typed()).status_code == 302
    version = DocumentCheck.objects.get().version
    other = client.__class__()
    other.force_login(colleague)
    changed = other.post(
        check_url(cycle, uitkeren, jaarplan),
        typed(version=str(version), design_note="Door de collega aangepast."),
    )
    assert changed.status_code == 302
    response = client.post(
        upload_url(cycle, uitkeren, jaarplan), typed(version=str(version), file=pdf()), follow=True
    )
    # Not carried on: the version typed on is still the one before the colleague's change.
    assert int(response.context["form"].initial["version"]) == version
    assert DocumentCheck.objects.get().version == version + 2
    refused = client.post(check_url(cycle, uitkeren, jaarplan), typed(version=str(version)))
    assert refused.status_code == 400
    assert "intussen gewijzigd" in refused.content.decode()
    assert DocumentCheck.objects.get().design_note == "Door de collega aangepast."
