"""API representations of recommendations, themes with main findings, follow-up actions with
their effect measurements, and published report versions."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from findings.constants import ActionStatus, EffectConclusion, Priority
from findings.models import (
    EffectMeasurement,
    FollowUpAction,
    MainFinding,
    Recommendation,
    ReportVersion,
    Theme,
)
from findings.selectors.rollup import main_finding_of
from uwvkms.api.serializers import QueryIntegerField, StrictSerializer


class RecommendationSerializer(serializers.ModelSerializer):
    cycle = serializers.IntegerField(source="cycle.year", read_only=True)
    unit = serializers.IntegerField(source="unit_id", read_only=True)
    principle = serializers.CharField(source="principle.code", read_only=True)

    class Meta:
        model = Recommendation
        fields = ["id", "cycle", "unit", "principle", "title", "text", "priority", "version"]


class RecommendationFilterSerializer(serializers.Serializer):
    cycle = QueryIntegerField(required=False, min_value=2000, max_value=2100)
    unit = QueryIntegerField(required=False, min_value=1)
    principle = serializers.SlugField(required=False, max_length=50)
    priority = serializers.ChoiceField(choices=Priority.choices, required=False)


class MainFindingSerializer(serializers.ModelSerializer):
    class Meta:
        model = MainFinding
        fields = ["title", "advice", "confirmed_at"]


class ThemeSerializer(serializers.ModelSerializer):
    """A theme of the roll-up with the recommendations grouped in it and, when confirmed, its
    main finding (hoofdbevinding)."""

    cycle = serializers.IntegerField(source="cycle.year", read_only=True)
    recommendations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    main_finding = serializers.SerializerMethodField()

    class Meta:
        model = Theme
        fields = ["id", "cycle", "title", "description", "recommendations", "main_finding"]

    @extend_schema_field(MainFindingSerializer(allow_null=True))
    def get_main_finding(self, theme) -> dict | None:
        finding = main_finding_of(theme)
        return MainFindingSerializer(finding).data if finding else None


class ThemeFilterSerializer(serializers.Serializer):
    cycle = QueryIntegerField(required=False, min_value=2000, max_value=2100)
    main_finding = serializers.BooleanField(required=False, allow_null=True, default=None)


class EffectMeasurementSerializer(serializers.ModelSerializer):
    recorded_by = serializers.CharField(source="recorded_by.__str__", read_only=True)

    class Meta:
        model = EffectMeasurement
        fields = [
            "id",
            "measured_value",
            "measured_on",
            "conclusion",
            "next_steps",
            "recorded_by",
            "recorded_at",
        ]


class FollowUpActionSerializer(serializers.ModelSerializer):
    cycle = serializers.IntegerField(source="cycle.year", read_only=True)
    unit = serializers.IntegerField(source="unit_id", read_only=True)
    recommendation = serializers.IntegerField(source="recommendation_id", read_only=True)
    measurements = EffectMeasurementSerializer(many=True, read_only=True)

    class Meta:
        model = FollowUpAction
        fields = [
            "id",
            "cycle",
            "unit",
            "recommendation",
            "title",
            "owner",
            "goal",
            "indicator",
            "baseline",
            "target",
            "due_on",
            "status",
            "version",
            "updated_at",
            "measurements",
        ]


class FollowUpActionFilterSerializer(serializers.Serializer):
    cycle = QueryIntegerField(required=False, min_value=2000, max_value=2100)
    unit = QueryIntegerField(required=False, min_value=1)
    status = serializers.ChoiceField(choices=ActionStatus.choices, required=False)


_AMOUNT = {"max_digits": 12, "decimal_places": 2, "allow_null": True, "required": False}


class FollowUpActionUpdateSerializer(StrictSerializer):
    """A change of an action by the unit's own board; `version` is the version read (stale:
    409). Omitted fields keep their value."""

    version = serializers.IntegerField(min_value=1)
    status = serializers.ChoiceField(choices=ActionStatus.choices, required=False)
    title = serializers.CharField(max_length=200, required=False)
    owner = serializers.CharField(max_length=120, required=False)
    goal = serializers.CharField(max_length=5000, required=False)
    indicator = serializers.CharField(max_length=200, allow_blank=True, required=False)
    baseline = serializers.DecimalField(**_AMOUNT)
    target = serializers.DecimalField(**_AMOUNT)
    due_on = serializers.DateField(required=False)


class EffectMeasurementCreateSerializer(StrictSerializer):
    """What the action delivered; `version` is the action's version read (stale: 409)."""

    version = serializers.IntegerField(min_value=1)
    measured_value = serializers.DecimalField(max_digits=12, decimal_places=2)
    measured_on = serializers.DateField()
    conclusion = serializers.ChoiceField(choices=EffectConclusion.choices)
    next_steps = serializers.CharField(max_length=5000, allow_blank=True, required=False)


class ReportVersionSerializer(serializers.ModelSerializer):
    """A version of the UWV-wide report; `pdf_sha256` is the hash of its stored PDF."""

    cycle = serializers.IntegerField(source="cycle.year", read_only=True)
    requested_by = serializers.CharField(source="requested_by.__str__", read_only=True)

    class Meta:
        model = ReportVersion
        fields = [
            "id",
            "cycle",
            "label",
            "report_status",
            "state",
            "requested_by",
            "requested_at",
            "published_at",
            "pdf_size",
            "pdf_sha256",
        ]


class ReportVersionFilterSerializer(serializers.Serializer):
    cycle = QueryIntegerField(required=False, min_value=2000, max_value=2100)
