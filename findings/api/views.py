"""API views of findings: recommendations (inside the unit reports the user may read),
themes with their main findings (the roll-up team), follow-up actions (read by whoever may
read the unit's follow-up; status and effect measurements written by the unit's own board
through `findings.services.follow_up`) and published report versions (metadata and the stored
PDF, its SHA-256 checked as the web download does)."""

import base64
import json
import logging

from django.db.models import Prefetch, Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.filters import OrderingFilter
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from findings.api import serializers as api
from findings.models import EffectMeasurement, FollowUpAction, Recommendation, Theme
from findings.selectors.follow_up import (
    can_read_follow_up,
    follow_up_actions_for_reader,
    follow_up_unit_get_for_board,
)
from findings.selectors.publishing import (
    VERSION_READERS,
    ReportIntegrityError,
    report_version_pdf,
    report_versions_for_user,
)
from findings.selectors.unit_reports import REPORT_ROLES, unit_report_pairs_for_reader
from findings.services.follow_up import (
    effect_measurement_record,
    follow_up_action_update,
)
from findings.views.publishing import version_pdf_response
from uwvkms.api.permissions import not_found_unless, roles_required
from uwvkms.api.serializers import query_params
from uwvkms.constants import Role
from uwvkms.security import record_download

logger = logging.getLogger(__name__)

FOLLOW_UP_ROLES = (Role.COORDINATIETEAM, Role.DIRECTIE, Role.TOETSER)


def _pairs_q(pairs: set[tuple[int, int]]) -> Q:
    """A filter on (cycle, unit) pairs, one term per cycle."""
    by_cycle: dict[int, list[int]] = {}
    for cycle_id, unit_id in pairs:
        by_cycle.setdefault(cycle_id, []).append(unit_id)
    q = Q(pk__in=[])
    for cycle_id, unit_ids in by_cycle.items():
        q |= Q(cycle_id=cycle_id, unit_id__in=unit_ids)
    return q


class RecommendationList(generics.ListAPIView):
    """The recommendations in every unit report the user may read now (auditors of the unit's
    team and the coordination team in any status, the unit's board once agreed, the RvB once
    definitief)."""

    serializer_class = api.RecommendationSerializer
    permission_classes = [roles_required(*REPORT_ROLES)]
    filter_backends = [OrderingFilter]
    ordering_fields = ["cycle__year", "unit__name", "principle__order", "priority", "id"]
    ordering = ["-cycle__year", "unit__name", "principle__order", "id"]

    def get_queryset(self):
        pairs = unit_report_pairs_for_reader(self.request.user)
        recommendations = Recommendation.objects.filter(_pairs_q(pairs)).select_related(
            "cycle", "principle"
        )
        filters = query_params(api.RecommendationFilterSerializer, self.request)
        if "cycle" in filters:
            recommendations = recommendations.filter(cycle__year=filters["cycle"])
        if "unit" in filters:
            recommendations = recommendations.filter(unit_id=filters["unit"])
        if "principle" in filters:
            recommendations = recommendations.filter(principle__code=filters["principle"])
        if "priority" in filters:
            recommendations = recommendations.filter(priority=filters["priority"])
        return recommendations

    @extend_schema(parameters=[api.RecommendationFilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class RecommendationDetail(generics.RetrieveAPIView):
    serializer_class = api.RecommendationSerializer
    permission_classes = [roles_required(*REPORT_ROLES)]

    def get_queryset(self):
        pairs = unit_report_pairs_for_reader(self.request.user)
        return Recommendation.objects.filter(_pairs_q(pairs)).select_related("cycle", "principle")


def _themes():
    return Theme.objects.select_related("cycle", "main_finding").prefetch_related("recommendations")


class ThemeList(generics.ListAPIView):
    """The roll-up's themes with their recommendations and main findings: for the coordination
    team (the roll-up team), as on the roll-up pages."""

    serializer_class = api.ThemeSerializer
    permission_classes = [roles_required(Role.COORDINATIETEAM)]
    filter_backends = [OrderingFilter]
    ordering_fields = ["cycle__year", "title", "id"]
    ordering = ["-cycle__year", "title"]

    def get_queryset(self):
        themes = _themes()
        filters = query_params(api.ThemeFilterSerializer, self.request)
        if "cycle" in filters:
            themes = themes.filter(cycle__year=filters["cycle"])
        if "main_finding" in filters:
            themes = themes.filter(main_finding__isnull=not filters["main_finding"])
        return themes

    @extend_schema(parameters=[api.ThemeFilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ThemeDetail(generics.RetrieveAPIView):
    serializer_class = api.ThemeSerializer
    permission_classes = [roles_required(Role.COORDINATIETEAM)]

    def get_queryset(self):
        return _themes()


def _actions(user):
    return (
        follow_up_actions_for_reader(user)
        .select_related("cycle")
        .prefetch_related(
            Prefetch(
                "measurements", queryset=EffectMeasurement.objects.select_related("recorded_by")
            )
        )
    )


class ActionList(generics.ListAPIView):
    """Follow-up actions of recognised recommendations, with their effect measurements: the
    coordination team every unit's, a unit's board its own, an auditor those of the units on
    their teams."""

    serializer_class = api.FollowUpActionSerializer
    permission_classes = [roles_required(*FOLLOW_UP_ROLES)]
    filter_backends = [OrderingFilter]
    ordering_fields = ["due_on", "status", "cycle__year", "unit__name", "id"]
    ordering = ["due_on", "id"]

    def get_queryset(self):
        actions = _actions(self.request.user)
        filters = query_params(api.FollowUpActionFilterSerializer, self.request)
        if "cycle" in filters:
            actions = actions.filter(cycle__year=filters["cycle"])
        if "unit" in filters:
            actions = actions.filter(unit_id=filters["unit"])
        if "status" in filters:
            actions = actions.filter(status=filters["status"])
        return actions

    @extend_schema(parameters=[api.FollowUpActionFilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


def _action_for_board(request, pk: int) -> FollowUpAction:
    """The action, for its unit's own board: 404 when the user may not read it, 403 when they
    may read but not change it."""
    action = generics.get_object_or_404(
        FollowUpAction.objects.select_related("cycle", "unit"), pk=pk
    )
    not_found_unless(lambda: can_read_follow_up(request.user, action.cycle, action.unit))
    follow_up_unit_get_for_board(user=request.user, year=action.cycle.year, unit_id=action.unit_id)
    return action


class ActionDetail(generics.RetrieveAPIView):
    """One follow-up action. PATCH: the unit's own board changes its status (or other fields),
    carrying the `version` read (stale: 409)."""

    serializer_class = api.FollowUpActionSerializer
    permission_classes = [roles_required(*FOLLOW_UP_ROLES, write_roles=(Role.DIRECTIE,))]
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return _actions(self.request.user)

    @extend_schema(
        request=api.FollowUpActionUpdateSerializer, responses={200: api.FollowUpActionSerializer}
    )
    def patch(self, request, pk: int):
        action = _action_for_board(request, pk)
        body = api.FollowUpActionUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        fields = ("title", "owner", "goal", "indicator", "baseline", "target", "due_on", "status")
        follow_up_action_update(  # a stale version answers 409 (uwvkms.api.exceptions)
            actor=request.user,
            action=action,
            expected_version=data["version"],
            **{f: data[f] if f in data else getattr(action, f) for f in fields},
        )
        return Response(api.FollowUpActionSerializer(self.get_queryset().get(pk=pk)).data)


class ActionMeasurementCreate(APIView):
    """POST: the unit's own board records what the action delivered (effect measurement)."""

    permission_classes = [roles_required(Role.DIRECTIE)]

    @extend_schema(
        request=api.EffectMeasurementCreateSerializer,
        responses={201: api.FollowUpActionSerializer},
    )
    def post(self, request, pk: int):
        action = _action_for_board(request, pk)
        body = api.EffectMeasurementCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        effect_measurement_record(  # a stale version answers 409 (uwvkms.api.exceptions)
            actor=request.user,
            action=action,
            expected_version=data["version"],
            measured_value=data["measured_value"],
            measured_on=data["measured_on"],
            conclusion=data["conclusion"],
            next_steps=data.get("next_steps", ""),
        )
        return Response(
            api.FollowUpActionSerializer(_actions(request.user).get(pk=pk)).data,
            status=status.HTTP_201_CREATED,
        )


def _versions(user):
    return report_versions_for_user(user=user, cycle=None).select_related("cycle", "requested_by")


class ReportVersionList(generics.ListAPIView):
    """Versions of the UWV-wide report: the RvB sees published ones only, the coordination
    team also those still being rendered or failed."""

    serializer_class = api.ReportVersionSerializer
    permission_classes = [roles_required(*VERSION_READERS)]
    filter_backends = [OrderingFilter]
    ordering_fields = ["cycle__year", "requested_at", "published_at", "id"]
    ordering = ["-cycle__year", "-requested_at", "-id"]

    def get_queryset(self):
        versions = _versions(self.request.user)
        filters = query_params(api.ReportVersionFilterSerializer, self.request)
        if "cycle" in filters:
            versions = versions.filter(cycle__year=filters["cycle"])
        return versions

    @extend_schema(parameters=[api.ReportVersionFilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ReportVersionDetail(generics.RetrieveAPIView):
    serializer_class = api.ReportVersionSerializer
    permission_classes = [roles_required(*VERSION_READERS)]

    def get_queryset(self):
        return _versions(self.request.user)


class PdfRenderer(BaseRenderer):
    """Lets a client ask for `application/pdf`; errors still go out as JSON text."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return json.dumps(data).encode()


class ReportIntegrityFailure(exceptions.APIException):
    status_code = 500
    default_code = "integrity_error"
    default_detail = "De opgeslagen pdf klopt niet meer met de vastgelegde SHA-256; niet geleverd."


class ReportVersionPdf(APIView):
    """The stored PDF of a published version, byte for byte as published, with its SHA-256 in
    `X-Content-SHA256` (hex) and `Repr-Digest` (RFC 9530). Refused (500) when the stored bytes
    no longer match the recorded hash."""

    permission_classes = [roles_required(*VERSION_READERS)]
    renderer_classes = [JSONRenderer, PdfRenderer]

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="De pdf zoals gepubliceerd."
            )
        }
    )
    def get(self, request, pk: int):
        version = generics.get_object_or_404(_versions(request.user), pk=pk)
        try:
            data = report_version_pdf(version)
        except ReportIntegrityError as exc:
            logger.error(
                "Integrity check failed for report version %s (cycle %s): not served",
                version.label,
                version.cycle.year,
                exc_info=True,
            )
            raise ReportIntegrityFailure() from exc
        response = version_pdf_response(version, data)
        digest = base64.b64encode(bytes.fromhex(version.pdf_sha256)).decode()
        response["Repr-Digest"] = f"sha-256=:{digest}:"
        return record_download(request, response, target=version, what="gepubliceerde versie")
