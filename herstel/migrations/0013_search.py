"""Search (issue 21 §5), on PostgreSQL only (SQLite searches without them): a GIN index on the
Dutch full-text vector of herstelacties, and an index for finding a dossier by the start of its
reference whatever the case."""

from django.db import migrations

from uwvkms.search import prefix_index_operation, search_index_operation


class Migration(migrations.Migration):
    dependencies = [("herstel", "0012_document_references_withdrawable_minister_contacts")]

    operations = [
        search_index_operation(
            "herstel", "Herstelactie", ["title", "what_went_wrong"], "herstel_action_search"
        ),
        prefix_index_operation("herstel_dossier", "reference", "herstel_dossier_ref_prefix"),
    ]
