"""The method section counts the audit team by home organisation (issue 21 §6)."""

import pytest

from findings.report.uwv import build_uwv_report, render_uwv_report_html
from findings.report.uwv.model import team_sentence
from tests.factories import AssignmentFactory, UserFactory
from tests.findings.report_writing import write
from uwvkms.constants import HomeOrganisation, Role


@pytest.mark.parametrize(
    ("bck", "fez", "unknown", "sentence"),
    [
        (0, 0, 0, ""),
        (7, 5, 0, "Het toetsteam bestond uit 12 toetsers: 7 van BC&K en 5 van FEZ."),
        (3, 0, 0, "Het toetsteam bestond uit 3 toetsers van BC&K."),
        (0, 1, 0, "Het toetsteam bestond uit 1 toetser van FEZ."),
        (
            2,
            1,
            1,
            "Het toetsteam bestond uit 4 toetsers: 2 van BC&K, 1 van FEZ en 1 van wie de "
            "thuisorganisatie niet is vastgelegd.",
        ),
        (
            0,
            2,
            3,
            "Het toetsteam bestond uit 5 toetsers: 2 van FEZ en 3 van wie de thuisorganisatie "
            "niet is vastgelegd.",
        ),
    ],
)
def test_team_sentence(bck, fez, unknown, sentence):
    assert team_sentence(bck=bck, fez=fez, unknown=unknown) == sentence


def test_the_report_counts_each_auditor_once_by_home_organisation(
    coordinator, cycle, auditor, uitkeren, communicatie
):
    # `auditor` (FEZ) audits both units: counted once. Two of BC&K, one without a home.
    auditor.home_organisation = HomeOrganisation.FEZ
    auditor.save(update_fields=["home_organisation"])
    for n, home in enumerate((HomeOrganisation.BCK, HomeOrganisation.BCK, "")):
        AssignmentFactory(
            cycle=cycle,
            unit=uitkeren if n else communicatie,
            auditor=UserFactory(roles=[Role.TOETSER], home_organisation=home),
            is_lead=False,
        )
    report = build_uwv_report(cycle)
    assert (report.team_bck, report.team_fez, report.team_unknown) == (2, 1, 1)
    write(cycle, coordinator, "bronnen", blocks=["bronnen"])
    html = render_uwv_report_html(build_uwv_report(cycle), for_pdf=False)
    assert (
        "Het toetsteam bestond uit 4 toetsers: 2 van BC&amp;K, 1 van FEZ en 1 van wie de "
        "thuisorganisatie niet is vastgelegd." in html
    )
