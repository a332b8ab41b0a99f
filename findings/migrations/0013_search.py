"""Search (issue 21 §5): GIN indexes on the Dutch full-text vectors of findings,
recommendations, themes and main findings, on PostgreSQL only (SQLite searches without them)."""

from django.db import migrations

from uwvkms.search import search_index_operation


class Migration(migrations.Migration):
    dependencies = [("findings", "0012_report_material")]

    operations = [
        search_index_operation("findings", "Finding", ["text"], "findings_finding_search"),
        search_index_operation(
            "findings", "Recommendation", ["title", "text"], "findings_rec_search"
        ),
        search_index_operation(
            "findings", "Theme", ["title", "description"], "findings_theme_search"
        ),
        search_index_operation(
            "findings", "MainFinding", ["title", "advice"], "findings_main_search"
        ),
    ]
