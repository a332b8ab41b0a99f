"""Views where the coordination team keeps Bijlage 2's reference texts: each principle's
definition and "UWV specifiek", and the appendix's introduction. Thin: the access checks live in
the selectors, the writes in the services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from audits.constants import ReferenceTextKey
from audits.forms.reference import PrincipleTextsForm, ReferenceTextForm
from audits.selectors import reference as selectors
from audits.services import reference as services
from uwvkms.forms import add_service_errors, posted_data

INTRODUCTION = ReferenceTextKey.PRINCIPLES_INTRODUCTION


def principle_texts_list(request):
    principles = selectors.bijlage_principles_for_coordinator(user=request.user)
    return render(
        request,
        "audits/reference/principles.html",
        {"principles": principles, "introduction": selectors.reference_text(INTRODUCTION)},
    )


def principle_texts_edit(request, code: str):
    principle = selectors.principle_texts_get_for_coordinator(user=request.user, code=code)
    form = PrincipleTextsForm(
        posted_data(request),
        initial={
            "definition": principle.definition,
            "uwv_specific": principle.uwv_specific,
            "version": principle.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.principle_texts_update(
                actor=request.user,
                principle=principle,
                definition=form.cleaned_data["definition"],
                uwv_specific=form.cleaned_data["uwv_specific"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("De omschrijving van %(principle)s is opgeslagen.")
                % {"principle": principle.name},
            )
            return redirect("audits:principle_texts_list")
    return render(
        request,
        "audits/reference/principle_form.html",
        {
            "principle": principle,
            "form": form,
            "history": selectors.principle_texts_history(principle),
        },
        status=400 if form.errors else 200,
    )


def principles_introduction_edit(request):
    stored = selectors.reference_text_get_for_coordinator(user=request.user, key=INTRODUCTION)
    form = ReferenceTextForm(
        posted_data(request), initial={"text": stored.text, "version": stored.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.reference_text_update(
                actor=request.user,
                key=INTRODUCTION,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De inleiding van Bijlage 2 is opgeslagen."))
            return redirect("audits:principle_texts_list")
    return render(
        request,
        "audits/reference/introduction_form.html",
        {
            "stored": stored,
            "form": form,
            "history": selectors.reference_text_history(stored),
        },
        status=400 if form.errors else 200,
    )
