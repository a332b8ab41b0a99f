"""URLs of calibration (kept apart from scoring so both can grow)."""

from django.urls import path

from maturity.views import calibration

urlpatterns = [
    path("<int:year>/kalibratie/", calibration.calibration_overview, name="calibration"),
    path("<int:year>/kalibratie/matrix/", calibration.cycle_matrix, name="calibration_matrix"),
    path(
        "<int:year>/kalibratie/afsluiten/",
        calibration.calibration_close,
        name="calibration_close",
    ),
    path(
        "<int:year>/kalibratie/heropenen/",
        calibration.calibration_reopen,
        name="calibration_reopen",
    ),
    path(
        "<int:year>/kalibratie/sessies/nieuw/",
        calibration.session_open,
        name="calibration_session_open",
    ),
    path(
        "<int:year>/kalibratie/sessies/<int:number>/",
        calibration.session_detail,
        name="calibration_session",
    ),
    path(
        "<int:year>/kalibratie/sessies/<int:number>/sluiten/",
        calibration.session_close,
        name="calibration_session_close",
    ),
    path(
        "<int:year>/kalibratie/scores/<int:score_id>/",
        calibration.calibration_score,
        name="calibration_score",
    ),
    path(
        "<int:year>/kalibratie/scores/<int:score_id>/bijstellen/",
        calibration.score_adjust,
        name="calibration_score_adjust",
    ),
    path(
        "<int:year>/kalibratie/scores/<int:score_id>/heropenen/",
        calibration.score_reopen,
        name="calibration_score_reopen",
    ),
]
