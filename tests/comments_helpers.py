"""Shared setup of the comment tests (issue 21 §4): a score under discussion at Uitkeren, and a
second auditor on Uitkeren's audit team to mention."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from audits.services import assignment_create
from tests.factories import ScoreFactory, UserFactory, principle
from uwvkms.constants import Role


def colleague_on_team(*, coordinator, cycle, unit, fez):
    """Bram, a second auditor (from FEZ) on `unit`'s audit team."""
    bram = UserFactory(
        username="bram",
        first_name="Bram",
        last_name="Collega",
        business_unit=fez,
        roles=[Role.TOETSER],
    )
    assignment_create(actor=coordinator, cycle=cycle, unit=unit, auditor=bram, is_lead=False)
    return bram


def concept_score(*, cycle, unit, auditor):
    return ScoreFactory(
        cycle=cycle,
        unit=unit,
        principle=principle("klantgerichtheid"),
        concept=True,
        updated_by=auditor,
    )


def queries_of(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)
