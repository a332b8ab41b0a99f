"""Views of the organisation core: login, home and the error pages."""

from django.contrib.auth import views as auth_views
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _

from uwvkms.api.exceptions import is_api_request, problem_response
from uwvkms.middleware import LAST_SEEN, LOGIN_AT


class LoginView(auth_views.LoginView):
    """Django's login view; records the login time for the absolute session timeout."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        now = timezone.now().isoformat()
        self.request.session[LOGIN_AT] = now
        self.request.session[LAST_SEEN] = now
        return response


def home(request):
    """The start page: what this user can do, by role."""
    return render(request, "uwvkms/home.html")


def error_400(request, exception=None):
    if is_api_request(request):
        return problem_response(request, 400, "bad_request", _("Het verzoek is ongeldig."))
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    if is_api_request(request):
        return problem_response(
            request, 403, "permission_denied", _("U heeft hier geen toegang toe.")
        )
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    if is_api_request(request):
        return problem_response(request, 404, "not_found", _("Deze resource bestaat niet."))
    return render(request, "404.html", status=404)


def error_500(request):
    if is_api_request(request):
        return problem_response(request, 500, "error", _("Er ging iets mis aan onze kant."))
    # Rendered without a request context: the failure may lie in a context processor.
    return HttpResponseServerError(loader.get_template("500.html").render())
