"""URLs of the roll-up (themes, rode draden, hoofdbevindingen), follow-up actions and the audit's
own rating."""

from django.urls import path

from findings.views import rollup

urlpatterns = [
    # Roll-up: the coordination team as roll-up team.
    path("<int:year>/oprollen/", rollup.rollup_board, name="rollup_board"),
    path("<int:year>/oprollen/drempel/", rollup.rollup_threshold, name="rollup_threshold"),
    path("<int:year>/oprollen/indelen/", rollup.rollup_group, name="rollup_group"),
    path("<int:year>/oprollen/themas/nieuw/", rollup.theme_create, name="theme_create"),
    path("<int:year>/oprollen/themas/<int:pk>/", rollup.theme_detail, name="theme_detail"),
    path("<int:year>/oprollen/themas/<int:pk>/wijzigen/", rollup.theme_edit, name="theme_edit"),
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
]
