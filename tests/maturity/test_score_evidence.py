"""A score cites its evidence: only the unit's confirmed interviews and delivered documents in
this cycle (DOMAIN.md §2), each linked to its page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audits.models import DocumentCheck
from maturity.models import Score
from maturity.services import score_record
from tests.factories import (
    AuditCycleFactory,
    DocumentCheckFactory,
    DocumentTypeFactory,
    InterviewFactory,
    principle,
)
from tests.maturity.scoring import post_score, score_url


@pytest.fixture
def evidence(cycle, uitkeren, communicatie, auditor):
    klant = principle("klantgerichtheid")
    earlier = AuditCycleFactory(year=2030, created_by=cycle.created_by)
    # Uitkeren's fieldwork is reviewed (issue 21 §3), so the scores can be submitted.
    return {
        "confirmed": InterviewFactory(
            cycle=cycle,
            unit=uitkeren,
            bevestigd=True,
            principles=[klant],
            created_by=auditor,
            reviewed=True,
        ),
        "unconfirmed": InterviewFactory(
            cycle=cycle, unit=uitkeren, ter_bevestiging=True, reviewed=True
        ),
        "elsewhere": InterviewFactory(cycle=cycle, unit=communicatie, bevestigd=True),
        "delivered": DocumentCheckFactory(
            cycle=cycle,
            unit=uitkeren,
            geleverd=True,
            principles=[klant],
            document_type=DocumentTypeFactory(name="Jaarplan"),
            reviewed=True,
        ),
        "not_delivered": DocumentCheckFactory(
            cycle=cycle,
            unit=uitkeren,
            niet_geleverd=True,
            document_type=DocumentTypeFactory(name="Kwaliteitsplan"),
            reviewed=True,
        ),
        "earlier_cycle": DocumentCheckFactory(
            cycle=earlier,
            unit=uitkeren,
            geleverd=True,
            document_type=DocumentTypeFactory(name="Directiebeoordeling"),
        ),
    }


def test_the_form_offers_only_citable_evidence_with_links(
    client, auditor, cycle, uitkeren, evidence
):
    client.force_login(auditor)
    response = client.get(score_url(cycle, uitkeren))
    form = response.context["form"]
    assert list(form.fields["interviews"].queryset) == [evidence["confirmed"]]
    assert list(form.fields["documents"].queryset) == [evidence["delivered"]]
    html = response.content.decode()
    interview_url = reverse("audits:interview_detail", args=[cycle.year, evidence["confirmed"].pk])
    document_url = reverse(
        "audits:document_check",
        args=[cycle.year, uitkeren.pk, evidence["delivered"].document_type_id],
    )
    assert f'href="{interview_url}"' in html
    assert f'href="{document_url}"' in html
    assert "Jaarplan · bewijs voor dit principe" in html
    assert "met aantekeningen over dit principe" in html
    assert "Kwaliteitsplan" not in html
    assert "Directiebeoordeling" not in html
    # The links lead to pages the auditor may open.
    assert client.get(interview_url).status_code == 200
    assert client.get(document_url).status_code == 200


def test_the_auditor_cites_evidence_and_sees_it_ticked(client, auditor, cycle, uitkeren, evidence):
    client.force_login(auditor)
    response = post_score(
        client,
        cycle,
        uitkeren,
        level=3,
        action="opslaan",
        interviews=[evidence["confirmed"].pk],
        documents=[evidence["delivered"].pk],
    )
    assert response.status_code == 302
    score = Score.objects.get()
    assert list(score.cited_interviews.all()) == [evidence["confirmed"]]
    assert list(score.cited_documents.all()) == [evidence["delivered"]]
    form = client.get(score_url(cycle, uitkeren)).context["form"]
    assert form["interviews"].value() == [evidence["confirmed"].pk]
    assert form["documents"].value() == [evidence["delivered"].pk]

    # Untick the document: the citation goes, and the change is on record.
    post_score(
        client,
        cycle,
        uitkeren,
        level=3,
        version=1,
        action="opslaan",
        interviews=[evidence["confirmed"].pk],
    )
    score.refresh_from_db()
    assert list(score.cited_documents.all()) == []
    assert score.version == 2


def test_a_submitted_score_shows_its_evidence_linked(client, auditor, cycle, uitkeren, evidence):
    client.force_login(auditor)
    post_score(
        client,
        cycle,
        uitkeren,
        level=3,
        interviews=[evidence["confirmed"].pk],
        documents=[evidence["delivered"].pk],
    )
    html = client.get(score_url(cycle, uitkeren)).content.decode()
    assert reverse("audits:interview_detail", args=[cycle.year, evidence["confirmed"].pk]) in html
    assert "Jaarplan" in html


@pytest.mark.parametrize(
    ("field", "key"),
    [
        ("interviews", "unconfirmed"),
        ("interviews", "elsewhere"),
        ("documents", "not_delivered"),
        ("documents", "earlier_cycle"),
    ],
)
def test_the_form_refuses_evidence_that_does_not_count(
    client, auditor, cycle, uitkeren, evidence, field, key
):
    client.force_login(auditor)
    response = post_score(client, cycle, uitkeren, level=3, **{field: [evidence[key].pk]})
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert "tellen als bewijs" in response.content.decode()
    assert not Score.objects.exists()


@pytest.mark.parametrize(
    ("field", "key", "message"),
    [
        ("interviews", "unconfirmed", "Alleen bevestigde interviews bij Uitkeren"),
        ("interviews", "elsewhere", "Alleen bevestigde interviews bij Uitkeren"),
        ("documents", "not_delivered", "Alleen geleverde documenten van Uitkeren"),
        ("documents", "earlier_cycle", "Alleen geleverde documenten van Uitkeren"),
    ],
)
def test_the_service_refuses_evidence_that_does_not_count(
    auditor, cycle, uitkeren, evidence, field, key, message
):
    with pytest.raises(ValidationError) as refused:
        score_record(
            actor=auditor,
            cycle=cycle,
            unit=uitkeren,
            principle=principle("klantgerichtheid"),
            level=3,
            justification="Onderbouwing.",
            expected_version=0,
            submit=False,
            **{field: [evidence[key]]},
        )
    assert message in refused.value.message_dict[field][0]
    assert not Score.objects.exists()


def test_evidence_that_stopped_counting_is_flagged(client, auditor, cycle, uitkeren, evidence):
    client.force_login(auditor)
    post_score(
        client, cycle, uitkeren, level=3, action="opslaan", documents=[evidence["delivered"].pk]
    )
    DocumentCheck.objects.filter(pk=evidence["delivered"].pk).update(status="niet_geleverd")
    html = client.get(score_url(cycle, uitkeren)).content.decode()
    assert "niet meer als bewijs telt" in html
    post_score(client, cycle, uitkeren, level=3, version=1, action="opslaan")
    assert not Score.objects.get().cited_documents.exists()


def test_score_page_queries_do_not_grow_with_evidence(
    client, auditor, cycle, uitkeren, evidence, django_assert_max_num_queries
):
    client.force_login(auditor)
    post_score(
        client,
        cycle,
        uitkeren,
        level=3,
        action="opslaan",
        interviews=[evidence["confirmed"].pk],
        documents=[evidence["delivered"].pk],
    )
    url = score_url(cycle, uitkeren)
    client.get(url)
    # 30 before issue 21; then the blind-scoring setting (1), the fieldwork-review gate (the four
    # reviewed kinds and the team, 4 + 2) and the comment thread with its readers' check (3, less
    # one shared), and who may be mentioned in it (1): a fixed count; the assertion below is what
    # keeps it flat in the evidence.
    with django_assert_max_num_queries(37) as small:
        client.get(url)
    klant = principle("klantgerichtheid")
    interviews, documents = [], []
    for n in range(6):
        interviews.append(
            InterviewFactory(cycle=cycle, unit=uitkeren, bevestigd=True, principles=[klant])
        )
        documents.append(
            DocumentCheckFactory(
                cycle=cycle,
                unit=uitkeren,
                geleverd=True,
                principles=[klant],
                document_type=DocumentTypeFactory(name=f"Teamplan {n}"),
            )
        )
    score = Score.objects.get()
    score.cited_interviews.add(*interviews)
    score.cited_documents.add(*documents)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["form"].fields["interviews"].queryset) == 7
