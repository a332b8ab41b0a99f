"""API views of the audit cycle: cycles (as `audits.selectors.cycles_for_user` shows them),
business units and management principles (reference data, for anyone holding a role)."""

from rest_framework import generics
from rest_framework.filters import OrderingFilter

from audits.api.serializers import BusinessUnitSerializer, CycleSerializer, PrincipleSerializer
from audits.models import ManagementPrinciple
from audits.selectors import cycles_for_user
from uwvkms.api.permissions import ANY_ROLE, roles_required
from uwvkms.selectors import business_units


class CycleList(generics.ListAPIView):
    """The audit cycles the user may see: every cycle for the coordination team, the RvB and
    the functional admin; for an auditor the cycles with an assignment of theirs."""

    serializer_class = CycleSerializer
    permission_classes = [roles_required(*ANY_ROLE)]
    filter_backends = [OrderingFilter]
    ordering_fields = ["year", "status"]
    ordering = ["-year"]

    def get_queryset(self):
        return cycles_for_user(self.request.user).prefetch_related("principles")


class CycleDetail(generics.RetrieveAPIView):
    """One audit cycle; 404 when the user may not see it."""

    serializer_class = CycleSerializer
    permission_classes = [roles_required(*ANY_ROLE)]
    lookup_field = "year"

    def get_queryset(self):
        return cycles_for_user(self.request.user).prefetch_related("principles")


class BusinessUnitList(generics.ListAPIView):
    """UWV's business units (bedrijfsonderdelen)."""

    serializer_class = BusinessUnitSerializer
    permission_classes = [roles_required(*ANY_ROLE)]
    filter_backends = [OrderingFilter]
    ordering_fields = ["name", "abbreviation"]
    ordering = ["name"]

    def get_queryset(self):
        return business_units()


class BusinessUnitDetail(generics.RetrieveAPIView):
    serializer_class = BusinessUnitSerializer
    permission_classes = [roles_required(*ANY_ROLE)]

    def get_queryset(self):
        return business_units()


class PrincipleList(generics.ListAPIView):
    """The management principles (and Basic Kwaliteitsmanagement), in their order."""

    serializer_class = PrincipleSerializer
    permission_classes = [roles_required(*ANY_ROLE)]

    def get_queryset(self):
        return ManagementPrinciple.objects.all()


class PrincipleDetail(generics.RetrieveAPIView):
    serializer_class = PrincipleSerializer
    permission_classes = [roles_required(*ANY_ROLE)]
    lookup_field = "code"

    def get_queryset(self):
        return ManagementPrinciple.objects.all()
