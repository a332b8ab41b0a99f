"""The timeline of an action: every step, decision, notification and change in order."""

from django.shortcuts import render

from herstel.selectors import actions as selectors
from herstel.selectors.timeline import timeline as timeline_of


def timeline(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "herstel/timeline.html",
        {"access": access, "action": access.action, "entries": timeline_of(access.action)},
    )
