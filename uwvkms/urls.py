from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from uwvkms import account_views, comment_views, oidc_views, review_views, search_views, views
from uwvkms.middleware import mfa_exempt

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("inloggen/uwv/", oidc_views.OidcLoginStartView.as_view(), name="oidc_login"),
    path("inloggen/uwv/terug/", oidc_views.oidc_callback, name="oidc_callback"),
    path("inloggen/code/", account_views.login_code, name="login_code"),
    path("uitloggen/", mfa_exempt(oidc_views.LogoutView.as_view()), name="logout"),
    path("profiel/", views.profile, name="profile"),
    # One's own account: two-factor authentication and the password (issue 19 §1).
    path("profiel/tweestapsverificatie/", account_views.mfa_overview, name="mfa_overview"),
    path("profiel/tweestapsverificatie/instellen/", account_views.mfa_setup, name="mfa_setup"),
    path(
        "profiel/tweestapsverificatie/herstelcodes/",
        account_views.mfa_recovery_codes,
        name="mfa_recovery_codes",
    ),
    path(
        "profiel/tweestapsverificatie/uitschakelen/",
        account_views.mfa_switch_off,
        name="mfa_switch_off",
    ),
    path("profiel/wachtwoord/", account_views.password_change_view, name="password_change"),
    path("wachtwoord-vergeten/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="registration/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path(
        "profiel/tokens/<int:pk>/intrekken/",
        views.api_token_revoke_view,
        name="api_token_revoke",
    ),
    path("profiel/meldingen/", views.notification_preferences, name="notification_preferences"),
    path("bewaartermijnen/", views.retention_overview, name="retention_overview"),
    # Review before submission (issue 21 §3): the moves of every reviewable record.
    path(
        "review/<slug:kind>/<int:pk>/terugsturen/",
        review_views.review_send_back_view,
        name="review_send_back",
    ),
    path(
        "review/<slug:kind>/<int:pk>/<slug:action>/", review_views.review_move, name="review_move"
    ),
    path("meldingen/", views.notification_list, name="notification_list"),
    path("meldingen/alles-gelezen/", views.notifications_read_all, name="notifications_read_all"),
    path("meldingen/<int:pk>/gelezen/", views.notification_read, name="notification_read"),
    path(
        "meldingen/<int:pk>/kennisgenomen/",
        views.notification_acknowledge,
        name="notification_acknowledge",
    ),
    # Comment threads on any registered record (issue 21 §4, uwvkms.comments).
    path("reacties/<str:kind>/<int:pk>/", comment_views.comment_thread, name="comment_thread"),
    path("reacties/<int:pk>/wijzigen/", comment_views.comment_edit, name="comment_edit"),
    path("reacties/<int:pk>/intrekken/", comment_views.comment_withdraw, name="comment_withdraw"),
    path("zoeken/", search_views.search_page, name="search"),
    path("", include("uwvkms.users.urls")),
    path("gebeurtenissen/", views.event_log, name="event_log"),
    path("gebeurtenissen/export.csv", views.event_log_export, name="event_log_export"),
    # Apps are included by dotted path: the organisation core never imports the apps above it.
    path("toetsing/", include("audits.urls")),
    path("volwassenheid/", include("maturity.urls")),
    path("rapportage/", include("findings.urls")),
    path("herstel/", include("herstel.urls")),
    # The admin's own password-only login would skip the code step: its login is ours.
    path("beheer/login/", views.admin_login),
    # ... and its password change is the app's (validated against the breached list, recorded).
    path("beheer/password_change/", RedirectView.as_view(pattern_name="password_change")),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("uwvkms.api.urls")),
]

handler400 = "uwvkms.views.error_400"
handler403 = "uwvkms.views.error_403"
handler404 = "uwvkms.views.error_404"
handler500 = "uwvkms.views.error_500"
