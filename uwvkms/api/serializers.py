"""Serializer helpers shared by every app's API."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know (400), rather than silently ignoring a typo."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {name: [_("Onbekend veld.")] for name in unknown}, code="unknown_field"
                )
        return super().to_internal_value(data)


def query_params(serializer_class: type[serializers.Serializer], request) -> dict:
    """The validated query parameters of a list request (a bad value answers 400)."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return {k: v for k, v in serializer.validated_data.items() if v not in (None, "")}
