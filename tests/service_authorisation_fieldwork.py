"""The builders of the fieldwork-with-the-units services (issue 21) for
tests/test_service_authorisation.py: comment threads (§4: the thread's readers write, only the
author edits or withdraws) and evidence requests to the unit (§1: the lead sends, the unit's
side answers, the team asks more)."""

import datetime

from tests.factories import DocumentTypeFactory, ScoreFactory, principle

A = "audits.services."
KG = "klantgerichtheid"
OTHER_TEAM = "other_auditor"  # an auditor on no team of this unit
OTHER_BOARD = "other_dt"  # the board of Handhaving, not of Uitkeren


def _colleague(unit):
    from tests.factories import UserFactory

    return UserFactory(username="collega.kwaliteit", business_unit=unit)


def _request_item(f, *, answered=False):
    item = f("evidence_request").items.order_by("order").first()
    if answered:
        from audits.services.requests import request_item_answer

        request_item_answer(
            actor=f("unit_board"), item=item, action="nvt", answer="Nee.", expected_version=1
        )
        item.refresh_from_db()
    return item


def _delivered_file(f, *, deleted=False):
    """A file the unit delivered for an item (stored bare: only the authorisation is tested);
    `deleted`: in quarantine, deleted by the unit's auditor."""
    from audits.models import RequestItemFile
    from audits.services.requests import request_file_delete

    delivered = RequestItemFile.objects.create(
        item=_request_item(f),
        file="requests/none",
        original_name="plan.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        uploaded_by=f("unit_board"),
    )
    if deleted:
        request_file_delete(actor=f("auditor"), delivered=delivered)
        delivered = RequestItemFile.with_withdrawn.get(pk=delivered.pk)
    return delivered


def _commented_score(f):
    return ScoreFactory(
        cycle=f("cycle"), unit=f("uitkeren"), principle=principle(KG), updated_by=f("auditor")
    )


def _score_comment(f):
    from uwvkms.comments import comment_post

    return comment_post(actor=f("auditor"), target=_commented_score(f), text="Eerste reactie.")


FIELDWORK_BUILDERS = {
    # --- uwvkms: comments (issue 21 §4): the thread's readers write; only the author edits ---
    "uwvkms.comments.comment_post": (
        lambda f: {"target": _commented_score(f), "text": "Kunnen we dit bespreken?"},
        "unit_board",
    ),
    "uwvkms.comments.comment_edit": (
        lambda f: {"comment": _score_comment(f), "text": "Anders.", "expected_version": 1},
        "coordinator",
    ),
    "uwvkms.comments.comment_withdraw": (
        lambda f: {"comment": _score_comment(f), "reason": "Dubbel."},
        "coordinator",
    ),
    # --- audits: evidence requests to the unit (issue 21 §1) ---
    A + "requests.quality_contact_designate": (
        lambda f: {"unit": f("uitkeren"), "user": _colleague(f("uitkeren"))},
        OTHER_BOARD,
    ),
    A + "requests.quality_contact_end": (
        lambda f: {"contact": f("qc"), "reason": "Weg."},
        OTHER_BOARD,
    ),
    A + "requests.evidence_request_send": (
        lambda f: {
            "cycle": f("cycle"),
            "unit": f("uitkeren"),
            "due_on": datetime.date.today() + datetime.timedelta(days=7),
            "document_types": [DocumentTypeFactory()],
        },
        OTHER_TEAM,
    ),
    A + "requests.evidence_request_update": (
        lambda f: {
            "request": f("evidence_request"),
            "due_on": datetime.date.today() + datetime.timedelta(days=8),
            "note": "",
            "expected_version": 1,
        },
        OTHER_TEAM,
    ),
    A + "requests.request_item_add": (
        lambda f: {"request": f("evidence_request"), "title": "Klachtenrapportage"},
        OTHER_TEAM,
    ),
    A + "requests.request_item_deliver": (
        lambda f: {"item": _request_item(f), "name": "jaarplan.pdf", "data": b"%PDF-1.7\n%%EOF\n"},
        "other_qc",
    ),
    A + "requests.request_item_answer": (
        lambda f: {
            "item": _request_item(f),
            "action": "nvt",
            "answer": "Nee.",
            "expected_version": 1,
        },
        "other_qc",
    ),
    A + "requests.request_item_ask_more": (
        lambda f: {"item": _request_item(f, answered=True), "text": "Meer?", "expected_version": 2},
        "unit_board",
    ),
    A + "requests.request_message_post": (
        lambda f: {"item": _request_item(f), "text": "Hallo."},
        "other_qc",
    ),
    A + "requests.request_item_withdraw": (
        lambda f: {"item": _request_item(f), "reason": "Niet nodig."},
        OTHER_TEAM,
    ),
    # Delivered files into quarantine (the unit's auditors) and back (the coordination team).
    A + "requests.request_file_delete": (
        lambda f: {"delivered": _delivered_file(f)},
        "unit_board",
    ),
    A + "requests.request_file_restore": (
        lambda f: {"delivered": _delivered_file(f, deleted=True), "reason": "Terug."},
        "auditor",
    ),
}
