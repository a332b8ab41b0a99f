"""Views of the audit's own evaluation: participants rate the audit; the coordination team and the
RvB read the average and the distribution. Thin: access in the selectors, the write a service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from findings.forms.ratings import AuditRatingForm
from findings.selectors import ratings as selectors
from findings.services import ratings as services
from uwvkms.forms import add_service_errors, posted_data


def rating_summary(request, year: int):
    cycle = selectors.rating_cycle_get_for_reader(user=request.user, year=year)
    return render(
        request,
        "findings/ratings/summary.html",
        {"cycle": cycle, "summary": selectors.rating_summary(cycle)},
    )


def rating_mine(request, year: int):
    """A participant's own rating of the audit: given once, changed as often as they like."""
    cycle, position = selectors.rating_cycle_get_for_rater(user=request.user, year=year)
    own = selectors.own_rating(cycle=cycle, user=request.user)
    initial = {"rating": own.rating, "comment": own.comment} if own else {}
    form = AuditRatingForm(posted_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.audit_rating_save(
                actor=request.user,
                cycle=cycle,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Dank u wel: uw beoordeling van de toets is opgeslagen."))
            return redirect("findings:rating_mine", year=cycle.year)
    return render(
        request,
        "findings/ratings/mine.html",
        {
            "cycle": cycle,
            "position": position,
            "own": own,
            "form": form,
            "history": selectors.rating_history(own),
        },
        status=400 if form.is_bound else 200,
    )
