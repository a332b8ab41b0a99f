"""Background tasks of findings (Django's tasks framework; the worker is `manage.py db_worker`)."""

from django.tasks import task

from findings.services.publishing import report_version_render


@task
def report_version_render_task(version_id: int) -> str | None:
    """Render and store a queued report version once (see `report_version_render`)."""
    version = report_version_render(version_id=version_id)
    return version.pdf_sha256 if version else None
