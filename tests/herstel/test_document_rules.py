"""Who uploads (and withdraws) which kind of document of a herstelactie, in which step: the
table of DOCUMENT_UPLOADERS on top of OPERATION_RIGHTS (permissions.may_upload_document)."""

import pytest

from herstel.constants import Capacity, DocumentKind, Step
from herstel.permissions import may_upload_document, may_upload_kind, uploadable_kinds

LEAD, SBK, DT, RVB, MEMBER, FEZ = (
    Capacity.LEAD_ADVISER,
    Capacity.SBK,
    Capacity.DT,
    Capacity.RVB,
    Capacity.MEMBER,
    Capacity.FEZ,
)
K = DocumentKind

# kind → who may upload it (in any open step)
TABLE = {
    K.ADVIES: {LEAD},
    K.NOTA_MINISTER: {LEAD, SBK},
    K.PLAN_VAN_AANPAK: {LEAD},
    K.BESLUITDOCUMENT: {LEAD, SBK, DT, RVB},
    K.EVALUATIERAPPORT: {LEAD},
    K.KAPSTOKVERHAAL: {LEAD, SBK},
    K.OVERIG: {LEAD, SBK},
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
        ({LEAD}, Step.STAP_1, list(DocumentKind)),
        ({SBK}, Step.MINISTER, [K.NOTA_MINISTER, K.BESLUITDOCUMENT, K.KAPSTOKVERHAAL, K.OVERIG]),
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
