"""Search (issue 21 §5): GIN indexes on the Dutch full-text vectors of interview notes and
interviewees, on PostgreSQL only (SQLite searches without them)."""

from django.db import migrations

from uwvkms.search import search_index_operation


class Migration(migrations.Migration):
    dependencies = [("audits", "0016_evaluation")]

    operations = [
        search_index_operation("audits", "InterviewNote", ["notes"], "audits_note_search"),
        search_index_operation(
            "audits", "Interviewee", ["name", "function"], "audits_interviewee_search"
        ),
    ]
