"""Search (issue 21 §5), on PostgreSQL only: herstelacties keep their Dutch full-text vector in
a stored generated column with the GIN index on it, in place of the expression index of 0013."""

from django.db import migrations

from uwvkms.search import store_search_document


class Migration(migrations.Migration):
    dependencies = [("herstel", "0013_search")]

    operations = [
        store_search_document(
            "herstel",
            "Herstelactie",
            ["title", "what_went_wrong"],
            "herstel_action_document",
            replaces="herstel_action_search",
        ),
    ]
