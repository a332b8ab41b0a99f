"""URLs of the roll-up (themes, rode draden, hoofdbevindingen), follow-up actions and the audit's
own rating."""

from django.urls import path

from findings.views import follow_up, hours, ratings, rollup

urlpatterns = [
    # Roll-up: the coordination team as roll-up team.
    path("<int:year>/oprollen/", rollup.rollup_board, name="rollup_board"),
    path("<int:year>/oprollen/drempel/", rollup.rollup_threshold, name="rollup_threshold"),
    path("<int:year>/oprollen/indelen/", rollup.rollup_group, name="rollup_group"),
    path("<int:year>/oprollen/themas/nieuw/", rollup.theme_create, name="theme_create"),
    path("<int:year>/oprollen/themas/<int:pk>/", rollup.theme_detail, name="theme_detail"),
    path("<int:year>/oprollen/themas/<int:pk>/wijzigen/", rollup.theme_edit, name="theme_edit"),
    path(
        "<int:year>/oprollen/themas/<int:pk>/intrekken/",
        rollup.theme_withdraw,
        name="theme_withdraw",
    ),
    path(
        "<int:year>/oprollen/themas/<int:pk>/hoofdbevinding/",
        rollup.main_finding_save,
        name="main_finding_save",
    ),
    path(
        "<int:year>/oprollen/themas/<int:pk>/hoofdbevinding/intrekken/",
        rollup.main_finding_remove,
        name="main_finding_remove",
    ),
    # Follow-up: the unit's board writes; coordinators and the unit's auditors read.
    path("vervolgacties/", follow_up.my_follow_up, name="my_follow_up"),
    path("vervolgacties/tertaal/", follow_up.tertaal_overview, name="tertaal_overview"),
    path("<int:year>/vervolgacties/", follow_up.follow_up_cycle, name="follow_up_cycle"),
    path(
        "<int:year>/vervolgacties/<int:unit_id>/",
        follow_up.follow_up_unit,
        name="follow_up_unit",
    ),
    path(
        "<int:year>/vervolgacties/<int:unit_id>/aanbevelingen/<int:recommendation_id>/nieuw/",
        follow_up.action_create,
        name="action_create",
    ),
    path(
        "<int:year>/vervolgacties/<int:unit_id>/acties/<int:pk>/",
        follow_up.action_detail,
        name="action_detail",
    ),
    path(
        "<int:year>/vervolgacties/<int:unit_id>/acties/<int:pk>/wijzigen/",
        follow_up.action_edit,
        name="action_edit",
    ),
    path(
        "<int:year>/vervolgacties/<int:unit_id>/acties/<int:pk>/intrekken/",
        follow_up.action_withdraw,
        name="action_withdraw",
    ),
    path(
        "<int:year>/vervolgacties/<int:unit_id>/acties/<int:pk>/effectmeting/",
        follow_up.measurement_create,
        name="measurement_create",
    ),
    # The audit's own evaluation.
    path("<int:year>/evaluatie/", ratings.rating_summary, name="rating_summary"),
    path("<int:year>/evaluatie/mijn-beoordeling/", ratings.rating_mine, name="rating_mine"),
    path("<int:year>/evaluatie/uren/", hours.hours_summary, name="hours_summary"),
    path("<int:year>/evaluatie/uren/export.xlsx", hours.hours_export, name="hours_export"),
]
