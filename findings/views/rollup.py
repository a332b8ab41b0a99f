"""Views of the roll-up (oprollen): the coordination team as roll-up team groups the
recommendations of all units into themes, sets the thread threshold and confirms the
hoofdbevindingen the rule proposes. Thin: access in the selectors, every write a service."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from findings.forms.follow_up import WithdrawForm
from findings.forms.rollup import (
    BoardFilterForm,
    GroupAction,
    GroupingForm,
    MainFindingForm,
    MainFindingRemoveForm,
    ThemeForm,
    ThresholdForm,
)
from findings.selectors import rollup as selectors
from findings.services import rollup as services
from uwvkms.forms import add_service_errors, posted_data
from uwvkms.selectors import business_units


def _board_url(cycle, query: dict | None = None) -> str:
    url = reverse("findings:rollup_board", kwargs={"year": cycle.year})
    return f"{url}?{urlencode(query)}" if query else url


def _theme_url(theme) -> str:
    return reverse("findings:theme_detail", kwargs={"year": theme.cycle.year, "pk": theme.pk})


def _filter_form(request, cycle) -> BoardFilterForm:
    return BoardFilterForm(
        request.GET or None,
        principles=selectors.principles_of_cycle(cycle),
        units=business_units(),
    )


def rollup_board(request, year: int):
    """All recommendations of the cycle, filterable by principle and unit, with their themes;
    every theme with its verdict."""
    cycle = selectors.rollup_cycle_get(user=request.user, year=year)
    return _render_board(request, cycle)


def _render_board(request, cycle, *, threshold_form=None, theme_form=None, grouping_form=None):
    filter_form = _filter_form(request, cycle)
    status = 200
    principle = unit = None
    if filter_form.is_bound:
        if filter_form.is_valid():
            principle = filter_form.cleaned_data["principle"]
            unit = filter_form.cleaned_data["unit"]
        else:
            status = 400
    board = selectors.rollup_board(cycle, principle=principle, unit=unit)
    if any(f is not None and f.is_bound for f in (threshold_form, theme_form, grouping_form)):
        status = 400
    return render(
        request,
        "findings/rollup/board.html",
        {
            "cycle": cycle,
            "board": board,
            "filter_form": filter_form,
            "filter_query": urlencode(filter_form.query()),
            "editable": selectors.rollup_editable(cycle),
            "threshold_form": threshold_form
            or ThresholdForm(initial={"thread_threshold": board.threshold}),
            "theme_form": theme_form or ThemeForm(),
            "grouping_errors": grouping_form.errors if grouping_form is not None else None,
            "threshold_history": selectors.threshold_history(cycle),
        },
        status=status,
    )


@require_POST
def rollup_threshold(request, year: int):
    cycle = selectors.rollup_cycle_get(user=request.user, year=year)
    form = ThresholdForm(request.POST)
    if form.is_valid():
        old = selectors.thread_threshold(cycle)
        try:
            services.rollup_threshold_set(
                actor=request.user, cycle=cycle, threshold=form.cleaned_data["thread_threshold"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            new = form.cleaned_data["thread_threshold"]
            if new == old:
                messages.info(
                    request, _("De drempel was al %(n)s; er is niets gewijzigd.") % {"n": new}
                )
            else:
                messages.success(
                    request,
                    _("De drempel voor een rode draad is gewijzigd van %(old)s naar %(new)s.")
                    % {"old": old, "new": new},
                )
            return redirect(_board_url(cycle, _filter_form(request, cycle).query()))
    return _render_board(request, cycle, threshold_form=form)


@require_POST
def theme_create(request, year: int):
    cycle = selectors.rollup_cycle_get(user=request.user, year=year)
    form = ThemeForm(request.POST)
    if form.is_valid():
        try:
            theme = services.theme_create(
                actor=request.user,
                cycle=cycle,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Thema ‘%(title)s’ is aangemaakt.") % {"title": theme})
            return redirect(_board_url(cycle, _filter_form(request, cycle).query()))
    return _render_board(request, cycle, theme_form=form)


@require_POST
def rollup_group(request, year: int):
    """Put the ticked recommendations into a theme, or take them out."""
    cycle = selectors.rollup_cycle_get(user=request.user, year=year)
    form = GroupingForm(
        request.POST,
        themes=selectors.themes_of_cycle(cycle),
        recommendations=selectors.recommendations_of_cycle(cycle),
    )
    if form.is_valid():
        theme = form.cleaned_data["theme"]
        recommendations = form.cleaned_data["recommendations"]
        try:
            if form.cleaned_data["action"] == GroupAction.ADD:
                changed = services.theme_recommendations_add(
                    actor=request.user, theme=theme, recommendations=recommendations
                )
                text = ngettext(
                    "%(n)s aanbeveling toegevoegd aan ‘%(theme)s’.",
                    "%(n)s aanbevelingen toegevoegd aan ‘%(theme)s’.",
                    len(changed),
                )
            else:
                changed = services.theme_recommendations_remove(
                    actor=request.user, theme=theme, recommendations=recommendations
                )
                text = ngettext(
                    "%(n)s aanbeveling uit ‘%(theme)s’ gehaald.",
                    "%(n)s aanbevelingen uit ‘%(theme)s’ gehaald.",
                    len(changed),
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if changed:
                messages.success(request, text % {"n": len(changed), "theme": theme})
            else:
                messages.info(
                    request, _("Er is niets gewijzigd aan ‘%(theme)s’.") % {"theme": theme}
                )
            if form.cleaned_data["return_to"] == "theme":
                return redirect(_theme_url(theme))
            return redirect(_board_url(cycle, _filter_form(request, cycle).query()))
    return _render_board(request, cycle, grouping_form=form)


def theme_detail(request, year: int, pk: int):
    cycle = selectors.rollup_cycle_get(user=request.user, year=year)
    theme = selectors.theme_get(cycle=cycle, pk=pk, withdrawn_too=True)
    return _render_theme(request, cycle, theme)


def _render_theme(request, cycle, theme, *, main_finding_form=None, remove_form=None, status=200):
    detail = selectors.theme_detail(theme)
    main_finding = detail.row.main_finding
    # A withdrawn theme is shown as it was, struck through: nothing on it changes any more.
    editable = selectors.rollup_editable(cycle) and not theme.is_withdrawn
    if main_finding_form is None and editable:
        if main_finding is not None:
            main_finding_form = MainFindingForm(
                initial={
                    "title": main_finding.title,
                    "advice": main_finding.advice,
                    "version": main_finding.version,
                }
            )
        elif detail.row.verdict.propose_main_finding:
            main_finding_form = MainFindingForm(initial={"title": theme.title})
    if remove_form is None and editable and main_finding is not None:
        remove_form = MainFindingRemoveForm(initial={"version": main_finding.version})
    return render(
        request,
        "findings/rollup/theme.html",
        {
            "cycle": cycle,
            "theme": theme,
            "detail": detail,
            "row": detail.row,
            "main_finding": main_finding,
            "editable": editable,
            "main_finding_form": main_finding_form,
            "remove_form": remove_form,
            "can_withdraw": selectors.theme_withdrawal_refusal(theme) is None,
            "history": selectors.theme_history(theme),
        },
        status=status,
    )


def theme_edit(request, year: int, pk: int):
    cycle = selectors.rollup_cycle_get(user=request.user, year=year)
    theme = selectors.theme_get(cycle=cycle, pk=pk)
    form = ThemeForm(
        posted_data(request),
        initial={"title": theme.title, "description": theme.description, "version": theme.version},
    )
    editable = selectors.rollup_editable(cycle)
    if not editable:
        for f in form.fields.values():
            f.disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_update(
                actor=request.user,
                theme=theme,
                expected_version=form.cleaned_data["version"] or 0,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het thema is opgeslagen."))
            return redirect(_theme_url(theme))
    return render(
        request,
        "findings/rollup/theme_form.html",
        {"cycle": cycle, "theme": theme, "form": form, "editable": editable},
        status=400 if form.is_bound else 200,
    )


@require_POST
def main_finding_save(request, year: int, pk: int):
    """Confirm the proposed hoofdbevinding of a theme, or change a confirmed one."""
    cycle = selectors.rollup_cycle_get(user=request.user, year=year)
    theme = selectors.theme_get(cycle=cycle, pk=pk)
    main_finding = selectors.main_finding_of(theme)
    form = MainFindingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if main_finding is None:
                services.main_finding_confirm(
                    actor=request.user, theme=theme, title=data["title"], advice=data["advice"]
                )
                text = _("De hoofdbevinding ‘%(title)s’ is bevestigd.")
            else:
                services.main_finding_update(
                    actor=request.user,
                    main_finding=main_finding,
                    expected_version=data["version"] or 0,
                    title=data["title"],
                    advice=data["advice"],
                )
                text = _("De hoofdbevinding ‘%(title)s’ is opgeslagen.")
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, text % {"title": data["title"]})
            return redirect(_theme_url(theme))
    return _render_theme(request, cycle, theme, main_finding_form=form, status=400)


@require_POST
def main_finding_remove(request, year: int, pk: int):
    cycle = selectors.rollup_cycle_get(user=request.user, year=year)
    theme = selectors.theme_get(cycle=cycle, pk=pk)
    main_finding = selectors.main_finding_of(theme)
    form = MainFindingRemoveForm(request.POST)
    if main_finding is None:
        messages.info(request, _("Dit thema heeft geen hoofdbevinding."))
        return redirect(_theme_url(theme))
    if form.is_valid():
        try:
            services.main_finding_remove(
                actor=request.user,
                main_finding=main_finding,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("De hoofdbevinding ‘%(title)s’ is ingetrokken.") % {"title": main_finding},
            )
            return redirect(_theme_url(theme))
    return _render_theme(request, cycle, theme, remove_form=form, status=400)


def theme_withdraw(request, year: int, pk: int):
    """Withdraw a theme made in error, with a reason (GET: the question; POST: the
    withdrawal). Until the report is published; the page says why when it cannot."""
    cycle = selectors.rollup_cycle_get(user=request.user, year=year)
    theme = selectors.theme_get(cycle=cycle, pk=pk, withdrawn_too=True)
    form = WithdrawForm(posted_data(request), initial={"version": theme.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_withdraw(
                actor=request.user,
                theme=theme,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Het thema ‘%(title)s’ is ingetrokken; het telt nergens meer mee.")
                % {"title": theme},
            )
            return redirect(_board_url(cycle))
    main_finding = selectors.main_finding_of(theme)
    return render(
        request,
        "findings/withdraw.html",
        {
            "cycle": cycle,
            "record": theme,
            "title": _("Thema ‘%(title)s’ intrekken?") % {"title": theme},
            "consequence": (
                _(
                    "Het thema blijft doorgestreept op het bord staan met de reden, maar telt niet "
                    "meer mee als rode draad en niet in het rapport. "
                )
                + (
                    _("Ook de hoofdbevinding ‘%(title)s’ verdwijnt uit het rapport. ")
                    % {"title": main_finding.title}
                    if main_finding is not None
                    else ""
                )
                + _("De reden komt in de historie van het thema.")
            ),
            "refusal": selectors.theme_withdrawal_refusal(theme),
            "form": form,
            "back_url": _theme_url(theme),
            "back_label": _("Terug naar het thema"),
            "button": _("Thema intrekken"),
            "crumbs": [(_board_url(cycle), _("Oprollen")), (_theme_url(theme), theme.title)],
        },
        status=400 if form.is_bound else 200,
    )
