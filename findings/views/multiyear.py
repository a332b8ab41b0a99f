"""The multi-year view for the coordination team and the RvB: per principle the mean per year
(table and chart), per unit its trajectory, and the three-year plan's coverage. The RvB sees
published cycles only."""

from django.shortcuts import render

from findings.selectors.multiyear import multiyear_view
from uwvkms.constants import Role
from uwvkms.permissions import role_required


@role_required(Role.COORDINATIETEAM, Role.RVB)
def multiyear(request):
    return render(
        request, "findings/multiyear/overview.html", {"view": multiyear_view(request.user)}
    )
