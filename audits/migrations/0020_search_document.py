"""Search (issue 21 §5), on PostgreSQL only: interview notes and interviewees keep their Dutch
full-text vector in a stored generated column with the GIN index on it, in place of the
expression indexes of 0017 (matching and ranking then read the vector instead of parsing every
candidate's text again)."""

from django.db import migrations

from uwvkms.search import store_search_document


class Migration(migrations.Migration):
    dependencies = [("audits", "0019_fix_review")]

    operations = [
        store_search_document(
            "audits",
            "InterviewNote",
            ["notes"],
            "audits_note_document",
            replaces="audits_note_search",
        ),
        store_search_document(
            "audits",
            "Interviewee",
            ["name", "function"],
            "audits_interviewee_document",
            replaces="audits_interviewee_search",
        ),
    ]
