"""API representations of cycles, business units and management principles."""

from rest_framework import serializers

from audits.models import AuditCycle, ManagementPrinciple
from uwvkms.models import BusinessUnit


class BusinessUnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = BusinessUnit
        fields = ["id", "name", "abbreviation", "has_execution_processes"]


class PrincipleSerializer(serializers.ModelSerializer):
    class Meta:
        model = ManagementPrinciple
        fields = ["code", "name", "order", "is_basic", "execution_units_only"]


class CycleSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    principles = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = AuditCycle
        fields = [
            "year",
            "status",
            "status_label",
            "period_start",
            "period_end",
            "principles",
            "created_at",
        ]
