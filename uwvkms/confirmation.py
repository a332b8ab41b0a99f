"""Asking first, one way for every move that is hard to undo (issue 17, "guarded moves").

A form whose submit cannot be undone (submitting a score, a herstelactie's next step, publishing
a version of the report) is validated as usual; when it is valid but not yet confirmed, the view
answers with `confirmation_page` instead of acting. That page says what will happen and posts
everything that was typed back to the same address, as hidden fields, with either
"confirm" (the view then acts) or "back" (the view shows its form again with the typed input,
nothing saved). It needs no JavaScript, and a refused confirm still returns the whole form.

A move without typed input (a cycle's next phase) has its own GET confirmation page instead."""

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRMED = "bevestigd"
BACK = "terug"


def is_confirmed(request: HttpRequest) -> bool:
    """The user confirmed the move on its confirmation page."""
    return request.method == "POST" and request.POST.get(CONFIRMED) == "1"


def went_back(request: HttpRequest) -> bool:
    """The user chose "back" on the confirmation page: show the form again, act on nothing."""
    return request.method == "POST" and request.POST.get(BACK) == "1"


def confirmation_page(
    request: HttpRequest,
    *,
    title: str,
    consequences: Iterable[str],
    confirm_label: str,
    summary: Iterable[tuple[str, str]] = (),
    back_label: str = "",
) -> HttpResponse:
    """The page asking to confirm the posted move: `title` as a question, what will happen
    (`consequences`), what was typed (`summary`: label, value), and the two buttons. Every
    posted value goes back as a hidden field, so nothing typed is lost either way."""
    hidden = [
        (key, value)
        for key in request.POST
        if key not in ("csrfmiddlewaretoken", CONFIRMED, BACK)
        for value in request.POST.getlist(key)
    ]
    return render(
        request,
        "components/confirm_move.html",
        {
            "title": title,
            "consequences": list(consequences),
            "summary": [(label, value) for label, value in summary if value not in (None, "")],
            "hidden": hidden,
            "confirm_label": confirm_label,
            "back_label": back_label,
            "confirmed_name": CONFIRMED,
            "back_name": BACK,
        },
    )
