"""Who uploads (and withdraws) which kind of document of a herstelactie, in which step: the
table of DOCUMENT_UPLOADERS on top of OPERATION_RIGHTS (permissions.may_upload_document)."""

import pytest

from herstel.constants import Capacity, DocumentKind, Step
from herstel.permissions import may_upload_document, may_upload_kind, uploadable_kinds

LEAD, SBK, DT, RVB, MEMBER, FEZ, IM, COMM, OWNER = (
    Capacity.LEAD_ADVISER,
    Capacity.SBK,
    Capacity.DT,
    Capacity.RVB,
    Capacity.MEMBER,
    Capacity.FEZ,
    Capacity.ISSUEMANAGER,
    Capacity.COMMUNICATIE,
    Capacity.TASK_OWNER,
)
K = DocumentKind

# kind → who may upload it (in any open step)
TABLE = {
    K.ADVIES: {LEAD},
    K.NOTA_MINISTER: {LEAD, SBK},
    K.PLAN_VAN_AANPAK: {LEAD},
    K.BESLUITDOCUMENT: {LEAD, SBK, DT, RVB},
    K.EVALUATIERAPPORT: {LEAD},
    # The issuemanager writes the kapstokverhaal; the lead advisers and SBK comment on it.
    K.KAPSTOKVERHAAL: {IM},
    K.OVERIG: {LEAD, SBK, IM},
}
OPEN_STEPS = [s for s in Step if s not in (Step.GESLOTEN, Step.BEEINDIGD)]


def test_the_table_covers_every_kind():
    assert set(TABLE) == set(DocumentKind)


@pytest.mark.parametrize("kind", list(DocumentKind))
@pytest.mark.parametrize("capacity", list(Capacity))
@pytest.mark.parametrize("step", list(Step))
def test_who_uploads_which_kind_when(kind, capacity, step):
    expected = capacity in TABLE[kind] and step in OPEN_STEPS
    assert may_upload_document(kind, capacities={capacity}, step=step) is expected
    assert may_upload_kind(kind, capacities={capacity}) is (capacity in TABLE[kind])


@pytest.mark.parametrize(
    ("capacities", "step", "kinds"),
    [
        ({LEAD}, Step.STAP_1, [k for k in DocumentKind if k != K.KAPSTOKVERHAAL]),
        ({SBK}, Step.MINISTER, [K.NOTA_MINISTER, K.BESLUITDOCUMENT, K.OVERIG]),
        ({COMM, IM}, Step.STAP_2A, [K.KAPSTOKVERHAAL, K.OVERIG]),
        ({COMM}, Step.STAP_2A, []),
        ({OWNER}, Step.STAP_3, []),
        ({DT}, Step.STAP_2A, [K.BESLUITDOCUMENT]),
        ({RVB}, Step.STAP_2B, [K.BESLUITDOCUMENT]),
        ({MEMBER}, Step.STAP_3, []),
        ({FEZ}, Step.STAP_3, []),
        ({LEAD, SBK}, Step.GESLOTEN, []),
        ({LEAD}, Step.BEEINDIGD, []),
    ],
)
def test_the_form_offers_only_what_may_be_uploaded(capacities, step, kinds):
    assert uploadable_kinds(capacities=capacities, step=step) == kinds


def test_an_unknown_kind_is_never_allowed():
    assert not may_upload_document("onbekend", capacities={LEAD}, step=Step.STAP_1)
