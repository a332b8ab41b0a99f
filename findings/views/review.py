"""The review page of one unit's fieldwork (issue 21 §3): interview records, document
judgements, findings and recommendations with their review status; the reviewer marks them
beoordeeld here or sends them back (the moves are `uwvkms.review_views`)."""

from django.shortcuts import render

from findings.selectors.review import unit_review_get


def unit_review(request, year: int, unit_id: int):
    review = unit_review_get(user=request.user, year=year, unit_id=unit_id)
    access = review.access
    return render(
        request,
        "findings/unit/review.html",
        {"access": access, "cycle": access.cycle, "unit": access.unit, "review": review},
    )
