"""URLs of the evidence an auditor gathers: documents and interviews (kept apart from the cycle
URLs so the two halves of fieldwork can grow independently)."""

from django.urls import path

from audits.views import confirmations, interviews, quarantine
from audits.views import evidence as views
from audits.views import requests as request_views

urlpatterns = [
    # The documentation list and the appreciative question set (coordination team).
    path("documentenlijst/", views.document_type_list, name="document_type_list"),
    path("documentenlijst/<int:pk>/", views.document_type_edit, name="document_type_edit"),
    path(
        "documentenlijst/<int:pk>/verplaatsen/",
        views.document_type_move,
        name="document_type_move",
    ),
    path(
        "documentenlijst/<int:pk>/in-gebruik/",
        views.document_type_set_active,
        name="document_type_set_active",
    ),
    path("vragen/", views.question_principles, name="question_principles"),
    path("vragen/<slug:principle_code>/", views.question_list, name="question_list"),
    path("vragen/<slug:principle_code>/<int:pk>/", views.question_edit, name="question_edit"),
    path(
        "vragen/<slug:principle_code>/<int:pk>/in-gebruik/",
        views.question_set_active,
        name="question_set_active",
    ),
    # Evidence per unit.
    path("<int:year>/bewijs/", views.evidence_units, name="evidence_units"),
    path(
        "<int:year>/onderdelen/<int:unit_id>/bewijs/",
        views.evidence_overview,
        name="evidence_overview",
    ),
    path(
        "<int:year>/onderdelen/<int:unit_id>/documenten/",
        views.document_checklist,
        name="document_checklist",
    ),
    path(
        "<int:year>/onderdelen/<int:unit_id>/documenten/<int:document_type_id>/",
        views.document_check,
        name="document_check",
    ),
    path(
        "<int:year>/onderdelen/<int:unit_id>/documenten/<int:document_type_id>/bestanden/",
        views.document_file_upload,
        name="document_file_upload",
    ),
    path("<int:year>/bestanden/<int:file_id>/", views.document_file_download, name="document_file"),
    path(
        "<int:year>/bestanden/<int:file_id>/verwijderen/",
        views.document_file_delete,
        name="document_file_delete",
    ),
    # Deleted evidence in quarantine (coordination team).
    path("<int:year>/quarantaine/", quarantine.quarantine_list, name="quarantine_list"),
    path(
        "<int:year>/quarantaine/<int:file_id>/",
        quarantine.quarantine_download,
        name="quarantine_download",
    ),
    path(
        "<int:year>/quarantaine/<int:file_id>/terugzetten/",
        quarantine.quarantine_restore,
        name="quarantine_restore",
    ),
    path(
        "<int:year>/quarantaine/aangeleverd/<int:file_id>/",
        quarantine.quarantine_request_file_download,
        name="quarantine_request_file_download",
    ),
    path(
        "<int:year>/quarantaine/aangeleverd/<int:file_id>/terugzetten/",
        quarantine.quarantine_request_file_restore,
        name="quarantine_request_file_restore",
    ),
    path(
        "<int:year>/onderdelen/<int:unit_id>/interviews/",
        interviews.interview_list,
        name="interview_list",
    ),
    path(
        "<int:year>/onderdelen/<int:unit_id>/interviews/nieuw/",
        interviews.interview_create,
        name="interview_create",
    ),
    path("<int:year>/interviews/<int:pk>/", interviews.interview_detail, name="interview_detail"),
    path(
        "<int:year>/interviews/<int:pk>/wijzigen/", interviews.interview_edit, name="interview_edit"
    ),
    path(
        "<int:year>/interviews/<int:pk>/status/",
        interviews.interview_transition,
        name="interview_transition",
    ),
    path(
        "<int:year>/interviews/<int:pk>/ter-bevestiging-sturen/",
        interviews.interview_send,
        name="interview_send",
    ),
    path(
        "<int:year>/interviews/<int:pk>/intrekken/",
        interviews.interview_withdraw,
        name="interview_withdraw",
    ),
    path(
        "<int:year>/interviews/<int:pk>/bevestiging/",
        interviews.interviewee_confirmation,
        name="interviewee_confirmation",
    ),
    path(
        "<int:year>/interviews/<int:pk>/verslag.pdf", interviews.interview_pdf, name="interview_pdf"
    ),
    # Self-service confirmation by a linked interviewee.
    path("ter-bevestiging/", confirmations.confirmation_list, name="confirmation_list"),
    path(
        "ter-bevestiging/<int:pk>/",
        confirmations.confirmation_detail,
        name="confirmation_detail",
    ),
    # Evidence requests to the unit (issue 21 §1).
    path(
        "<int:year>/onderdelen/<int:unit_id>/uitvraag/",
        request_views.unit_request,
        name="unit_request",
    ),
    path(
        "<int:year>/onderdelen/<int:unit_id>/uitvraag/<int:item_id>/aanleveren/",
        request_views.unit_item_deliver,
        name="unit_item_deliver",
    ),
    path(
        "<int:year>/onderdelen/<int:unit_id>/uitvraag/<int:item_id>/beantwoorden/",
        request_views.unit_item_answer,
        name="unit_item_answer",
    ),
    path(
        "<int:year>/onderdelen/<int:unit_id>/uitvraag/<int:item_id>/bericht/",
        request_views.unit_item_message,
        name="unit_item_message",
    ),
    path(
        "<int:year>/onderdelen/<int:unit_id>/uitvraag-toetsteam/",
        request_views.team_request,
        name="team_request",
    ),
    path(
        "<int:year>/onderdelen/<int:unit_id>/uitvraag-toetsteam/wijzigen/",
        request_views.team_request_update,
        name="team_request_update",
    ),
    path(
        "<int:year>/onderdelen/<int:unit_id>/uitvraag-toetsteam/toevoegen/",
        request_views.team_item_add,
        name="team_item_add",
    ),
    path(
        "<int:year>/onderdelen/<int:unit_id>/uitvraag-toetsteam/<int:item_id>/aanvullend/",
        request_views.team_item_ask_more,
        name="team_item_ask_more",
    ),
    path(
        "<int:year>/onderdelen/<int:unit_id>/uitvraag-toetsteam/<int:item_id>/bericht/",
        request_views.team_item_message,
        name="team_item_message",
    ),
    path(
        "<int:year>/onderdelen/<int:unit_id>/uitvraag-toetsteam/<int:item_id>/intrekken/",
        request_views.team_item_withdraw,
        name="team_item_withdraw",
    ),
    path("<int:year>/aangeleverd/<int:file_id>/", request_views.request_file, name="request_file"),
    path(
        "<int:year>/aangeleverd/<int:file_id>/verwijderen/",
        request_views.request_file_delete,
        name="request_file_delete",
    ),
    path(
        "<int:year>/standaarddocumenten/",
        request_views.standard_documents,
        name="standard_documents",
    ),
    path(
        "<int:year>/standaarddocumenten.xlsx",
        request_views.standard_documents_xlsx,
        name="standard_documents_xlsx",
    ),
    path(
        "kwaliteitscontactpersonen/",
        request_views.quality_contacts,
        name="quality_contacts",
    ),
    path(
        "kwaliteitscontactpersonen/<int:pk>/beeindigen/",
        request_views.quality_contact_end,
        name="quality_contact_end",
    ),
]
