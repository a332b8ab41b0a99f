"""Search (issue 21 §5), on PostgreSQL only: findings, recommendations, themes and main
findings keep their Dutch full-text vector in a stored generated column with the GIN index on
it, in place of the expression indexes of 0013. With 20,000 findings and recommendations, a
rare word or a code ("F07-0001") went by the cycle and unit first and parsed thousands of
texts again (0.13 s for one query); reading the stored vector takes a few milliseconds."""

from django.db import migrations

from uwvkms.search import store_search_document


class Migration(migrations.Migration):
    dependencies = [("findings", "0014_review")]

    operations = [
        store_search_document(
            "findings",
            "Finding",
            ["text"],
            "findings_finding_document",
            replaces="findings_finding_search",
        ),
        store_search_document(
            "findings",
            "Recommendation",
            ["title", "text"],
            "findings_rec_document",
            replaces="findings_rec_search",
        ),
        store_search_document(
            "findings",
            "Theme",
            ["title", "description"],
            "findings_theme_document",
            replaces="findings_theme_search",
        ),
        store_search_document(
            "findings",
            "MainFinding",
            ["title", "advice"],
            "findings_main_document",
            replaces="findings_main_search",
        ),
    ]
