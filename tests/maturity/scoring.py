"""Helpers shared by the scoring tests: the score page's URL and posting its form."""

from django.urls import reverse

JUSTIFICATION = "Jaarplan en twee bevestigde interviews."


def score_url(cycle, unit, code="klantgerichtheid"):
    return reverse("maturity:score_edit", args=[cycle.year, unit.pk, code])


def post_score(
    client,
    cycle,
    unit,
    *,
    level=None,
    justification=JUSTIFICATION,
    version=0,
    reason="",
    code="klantgerichtheid",
    action="indienen",
    confirmed=True,
    **extra,
):
    """Post the score form; `action` is the button: "indienen" (submit) or "opslaan" (concept).
    A submit is posted as confirmed on its confirmation page unless `confirmed` is False."""
    data = {
        "level": "" if level is None else level,
        "justification": justification,
        "version": version,
        "reason": reason,
        "action": action,
        **extra,
    }
    if confirmed:
        data["bevestigd"] = "1"
    return client.post(score_url(cycle, unit, code), data)
