from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from uwvkms import oidc_views, views

admin.site.site_header = _("uwvkms beheer")
admin.site.site_title = _("uwvkms beheer")

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("inloggen/uwv/", oidc_views.OidcLoginStartView.as_view(), name="oidc_login"),
    path("inloggen/uwv/terug/", oidc_views.oidc_callback, name="oidc_callback"),
    path("uitloggen/", oidc_views.LogoutView.as_view(), name="logout"),
    path("profiel/", views.profile, name="profile"),
    path(
        "profiel/tokens/<int:pk>/intrekken/",
        views.api_token_revoke_view,
        name="api_token_revoke",
    ),
    path("profiel/meldingen/", views.notification_preferences, name="notification_preferences"),
    path("bewaartermijnen/", views.retention_overview, name="retention_overview"),
    path("meldingen/", views.notification_list, name="notification_list"),
    path("meldingen/alles-gelezen/", views.notifications_read_all, name="notifications_read_all"),
    path("meldingen/<int:pk>/gelezen/", views.notification_read, name="notification_read"),
    path("gebeurtenissen/", views.event_log, name="event_log"),
    path("gebeurtenissen/export.csv", views.event_log_export, name="event_log_export"),
    # Apps are included by dotted path: the organisation core never imports the apps above it.
    path("toetsing/", include("audits.urls")),
    path("volwassenheid/", include("maturity.urls")),
    path("rapportage/", include("findings.urls")),
    path("herstel/", include("herstel.urls")),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("uwvkms.api.urls")),
]

handler400 = "uwvkms.views.error_400"
handler403 = "uwvkms.views.error_403"
handler404 = "uwvkms.views.error_404"
handler500 = "uwvkms.views.error_500"
