"""Pages whose query count must not grow with their rows (found in review)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.models import AssessedPrinciple, ManagementPrinciple
from audits.services.cycles import assignment_create, cycle_open
from tests.factories import BusinessUnitFactory


def _n(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200, r.status_code
    return len(ctx.captured_queries)


def test_my_follow_up_queries_do_not_grow_with_cycles(client, auditor, coordinator, cycle):
    client.force_login(auditor)
    url = reverse("findings:my_follow_up")
    before = _n(client, url)
    p = ManagementPrinciple.objects.filter(is_basic=False).first()
    for year in range(2040, 2046):
        c = cycle_open(actor=coordinator, year=year, principles=[p])
        for _ in range(2):
            unit = BusinessUnitFactory()
            AssessedPrinciple.objects.get_or_create(cycle=c, unit=unit, principle=p)
            assignment_create(actor=coordinator, cycle=c, unit=unit, auditor=auditor)
    after = _n(client, url)
    assert after <= before


def test_action_page_queries_do_not_grow_with_measurements(
    client, coordinator, cycle, uitkeren, unit_board
):
    from tests.factories import (
        EffectMeasurementFactory,
        FollowUpActionFactory,
        RecommendationFactory,
        RecommendationResponseFactory,
        UserFactory,
    )

    answer = RecommendationResponseFactory(
        recommendation=RecommendationFactory(cycle=cycle, unit=uitkeren), recognition="herkend"
    )
    action = FollowUpActionFactory(recommendation=answer.recommendation, updated_by=unit_board)
    EffectMeasurementFactory(action=action)
    client.force_login(coordinator)
    url = reverse("findings:action_detail", args=[cycle.year, uitkeren.pk, action.pk])
    before = _n(client, url)
    for _ in range(6):
        EffectMeasurementFactory(action=action, recorded_by=UserFactory())
    after = _n(client, url)
    assert after <= before


def test_document_check_queries_do_not_grow_with_files(client, auditor, cycle, uitkeren, fez):
    from audits.models import Assignment
    from audits.services.documents import document_file_add
    from tests.factories import DocumentCheckFactory, UserFactory
    from uwvkms.constants import Role

    PDF = b"%PDF-1.7\n%%EOF\n"
    check = DocumentCheckFactory(cycle=cycle, unit=uitkeren, geleverd=True)
    document_file_add(
        actor=auditor,
        cycle=cycle,
        unit=uitkeren,
        document_type=check.document_type,
        name="a.pdf",
        data=PDF,
    )
    client.force_login(auditor)
    url = reverse("audits:document_check", args=[cycle.year, uitkeren.pk, check.document_type.pk])
    before = _n(client, url)
    for i in range(5):
        u = UserFactory(business_unit=fez, roles=[Role.TOETSER])
        Assignment.objects.create(cycle=cycle, unit=uitkeren, auditor=u, assigned_by=auditor)
        document_file_add(
            actor=u,
            cycle=cycle,
            unit=uitkeren,
            document_type=check.document_type,
            name=f"b{i}.pdf",
            data=PDF,
        )
    after = _n(client, url)
    assert after <= before
