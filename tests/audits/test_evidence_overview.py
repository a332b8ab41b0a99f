"""The evidence overview of a unit: per assessed principle the delivered documents and confirmed
interviews that evidence it, with the gaps highlighted. Only confirmed interviews count."""

import pytest
from django.urls import reverse

from audits.services.documents import document_file_add
from tests.factories import DocumentCheckFactory, DocumentTypeFactory, InterviewFactory, principle

PDF = b"%PDF-1.7\n%%EOF\n"


def overview_url(cycle, unit):
    return reverse("audits:evidence_overview", args=[cycle.year, unit.pk])


def rows_by_code(page):
    return {row.principle.code: row for row in page.context["overview"].rows}


@pytest.fixture
def klant(db):
    return principle("klantgerichtheid")


@pytest.fixture
def ok(db):
    return principle("operationele-kwaliteit")


def test_only_delivered_documents_and_confirmed_interviews_count(
    client, auditor, cycle, uitkeren, klant, ok
):
    delivered = DocumentCheckFactory(
        cycle=cycle,
        unit=uitkeren,
        geleverd=True,
        principles=[klant],
        document_type__name="Jaarplan",
    )
    DocumentCheckFactory(cycle=cycle, unit=uitkeren, niet_geleverd=True, principles=[klant, ok])
    DocumentCheckFactory(cycle=cycle, unit=uitkeren, principles=[ok])  # still open
    confirmed = InterviewFactory(
        cycle=cycle, unit=uitkeren, bevestigd=True, principles=[klant], location__name="Noord"
    )
    for trait in ("ter_bevestiging", "correctie_gevraagd"):
        InterviewFactory(cycle=cycle, unit=uitkeren, principles=[klant, ok], **{trait: True})
    InterviewFactory(cycle=cycle, unit=uitkeren, principles=[ok])  # concept
    client.force_login(auditor)
    page = client.get(overview_url(cycle, uitkeren))
    assert page.status_code == 200
    rows = rows_by_code(page)
    assert list(rows) == ["klantgerichtheid", "operationele-kwaliteit"]
    assert rows["klantgerichtheid"].documents == [delivered]
    assert rows["klantgerichtheid"].interviews == [confirmed]
    assert rows["klantgerichtheid"].gap == "none"
    assert rows["operationele-kwaliteit"].documents == []
    assert rows["operationele-kwaliteit"].interviews == []
    assert rows["operationele-kwaliteit"].gap == "no_evidence"
    overview = page.context["overview"]
    assert overview.unconfirmed_interviews == 3
    content = page.content.decode()
    assert "1 principe in scope heeft nog geen bevestigd bewijs." in content
    assert "geen bewijs" in content
    assert "evidence-gap" in content


@pytest.mark.parametrize(
    ("documents", "interviews", "badge"),
    [
        (True, False, "geen bevestigd interview"),
        (False, True, "geen geleverd document"),
    ],
)
def test_partial_evidence_is_flagged(
    client, auditor, cycle, communicatie, klant, documents, interviews, badge
):
    if documents:
        DocumentCheckFactory(cycle=cycle, unit=communicatie, geleverd=True, principles=[klant])
    if interviews:
        InterviewFactory(cycle=cycle, unit=communicatie, bevestigd=True, principles=[klant])
    client.force_login(auditor)
    page = client.get(overview_url(cycle, communicatie))
    # Operationele Kwaliteit is absent at Communicatie: not a gap, simply not there.
    assert list(rows_by_code(page)) == ["klantgerichtheid"]
    assert badge in page.content.decode()
    assert "nog geen bevestigd bewijs" not in page.content.decode()


def test_the_unit_board_reads_without_names_or_links_to_records(
    client, unit_board, auditor, cycle, uitkeren, klant
):
    jaarplan = DocumentTypeFactory(name="Jaarplan")
    document_file = document_file_add(
        actor=auditor, cycle=cycle, unit=uitkeren, document_type=jaarplan, name="plan.pdf", data=PDF
    )
    check = document_file.document_check
    check.status = "geleverd"
    check.save()
    check.principles.set([klant])
    interview = InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        bevestigd=True,
        principles=[klant],
        interviewees=[("Geheim Persoon", "Teamleider")],
        location__name="District West",
    )
    InterviewFactory(cycle=cycle, unit=uitkeren, principles=[klant], location__name="Concept-Oost")
    client.force_login(unit_board)
    page = client.get(overview_url(cycle, uitkeren))
    assert page.status_code == 200
    content = page.content.decode()
    assert "District West" in content
    assert "Concept-Oost" not in content
    assert "Geheim Persoon" not in content
    assert interview.get_absolute_url() not in content
    assert reverse("audits:document_file", args=[cycle.year, document_file.pk]) in content
    assert reverse("audits:document_checklist", args=[cycle.year, uitkeren.pk]) not in content
    assert page.context["overview"].unconfirmed_interviews is None


def test_queries_do_not_grow_with_the_evidence(
    client, auditor, cycle, uitkeren, klant, ok, django_assert_max_num_queries
):
    def add_evidence(n):
        for _ in range(n):
            check = DocumentCheckFactory(
                cycle=cycle, unit=uitkeren, geleverd=True, principles=[klant, ok]
            )
            document_file_add(
                actor=auditor,
                cycle=cycle,
                unit=uitkeren,
                document_type=check.document_type,
                name="bewijs.pdf",
                data=PDF,
            )
            InterviewFactory(cycle=cycle, unit=uitkeren, bevestigd=True, principles=[klant, ok])
            InterviewFactory(cycle=cycle, unit=uitkeren, principles=[klant])

    client.force_login(auditor)
    add_evidence(1)
    url = overview_url(cycle, uitkeren)
    client.get(url)  # warm the session
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    add_evidence(8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url)
    assert len(rows_by_code(page)["klantgerichtheid"].documents) == 9
    assert len(rows_by_code(page)["klantgerichtheid"].interviews) == 9


def test_the_coordinators_unit_list_counts_evidence(
    client, coordinator, cycle, uitkeren, communicatie, klant, django_assert_max_num_queries
):
    DocumentCheckFactory(cycle=cycle, unit=uitkeren, geleverd=True)
    DocumentCheckFactory(cycle=cycle, unit=uitkeren, niet_geleverd=True)
    InterviewFactory(cycle=cycle, unit=uitkeren, bevestigd=True)
    InterviewFactory(cycle=cycle, unit=uitkeren)
    client.force_login(coordinator)
    url = reverse("audits:evidence_units", args=[cycle.year])
    client.get(url)
    with django_assert_max_num_queries(12):
        page = client.get(url)
    summaries = {s.unit.name: s for s in page.context["summaries"]}
    assert (
        summaries["Uitkeren"].delivered_documents,
        summaries["Uitkeren"].confirmed_interviews,
    ) == (
        1,
        1,
    )
    assert summaries["Uitkeren"].interviews == 2
    assert summaries["Communicatie"].delivered_documents == 0
    assert "Documentenlijst" in page.content.decode()
