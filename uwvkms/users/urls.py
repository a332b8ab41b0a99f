"""The Gebruikers pages (/gebruikers/) and the invitation link (/uitnodiging/…)."""

from django.urls import path

from uwvkms.users import views

urlpatterns = [
    path("gebruikers/", views.user_list, name="user_list"),
    path("gebruikers/nieuw/", views.user_create, name="user_create"),
    path("gebruikers/<int:pk>/", views.user_detail, name="user_detail"),
    path("gebruikers/<int:pk>/wijzigen/", views.user_edit, name="user_edit"),
    path("gebruikers/<int:pk>/deactiveren/", views.user_deactivate, name="user_deactivate"),
    path("gebruikers/<int:pk>/activeren/", views.user_reactivate, name="user_reactivate"),
    path("gebruikers/<int:pk>/uitnodigen/", views.user_invite, name="user_invite"),
    path("gebruikers/<int:pk>/mfa-resetten/", views.user_mfa_reset, name="user_mfa_reset"),
    path("uitnodiging/<uidb64>/<token>/", views.invitation_accept, name="invitation_accept"),
]
