"""Views where the coordination team keeps the five maturity levels' names and meanings
(Bijlage 1). Thin: the access checks live in the selectors, the writes in the services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from maturity.forms.levels import LevelMeaningForm
from maturity.selectors import levels as selectors
from maturity.services import levels as services
from uwvkms.forms import add_service_errors, posted_data


def level_meaning_list(request):
    meanings = selectors.level_meanings_for_coordinator(user=request.user)
    return render(request, "maturity/levels/list.html", {"meanings": meanings.values()})


def level_meaning_edit(request, level: int):
    meaning = selectors.level_meaning_get_for_coordinator(user=request.user, level=level)
    form = LevelMeaningForm(
        posted_data(request),
        initial={"name": meaning.name, "meaning": meaning.meaning, "version": meaning.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.level_meaning_update(
                actor=request.user,
                level_meaning=meaning,
                name=form.cleaned_data["name"],
                meaning=form.cleaned_data["meaning"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Niveau %(level)s is opgeslagen.") % {"level": meaning.level}
            )
            return redirect("maturity:level_meaning_list")
    return render(
        request,
        "maturity/levels/form.html",
        {
            "level_meaning": meaning,
            "form": form,
            "history": selectors.level_meaning_history(meaning),
        },
        status=400 if form.errors else 200,
    )
