"""Serializer helpers shared by every app's API."""

import sys

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from uwvkms.query import INT_MAX, parse_int


def shown(value: object, limit: int = 50) -> str:
    """A value the client sent, cut short and safe to put in an answer (a lone surrogate from
    a JSON string cannot be encoded as UTF-8)."""
    return str(value)[:limit].encode("utf-8", "backslashreplace").decode("utf-8")


class StrictSerializer(serializers.Serializer):
    """A request body that names a field the resource does not have (or cannot write) is
    refused (400) rather than silently ignored: a typo never passes. The unknown fields are
    listed together with the other fields' errors in one answer, and a name the client sent is
    made safe to echo (see `shown`)."""

    def to_internal_value(self, data):
        errors = {}
        if isinstance(data, dict):
            writable = {name for name, f in self.fields.items() if not f.read_only}
            for name in data:
                if name not in writable:
                    errors[shown(name, 100)] = [
                        ErrorDetail(str(_("Onbekend veld.")), code="unknown_field")
                    ]
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if errors and isinstance(exc.detail, dict):
                errors.update(exc.detail)
                raise serializers.ValidationError(errors) from None
            raise
        if errors:
            raise serializers.ValidationError(errors)
        return value


class QueryIntegerField(serializers.IntegerField):
    """A whole number in a list filter, read by the pages' rule (`parse_int`): ASCII digits
    only, at most INT_MAX unless a lower max_value is given. DRF's own field also takes "١",
    " 1" and "1.0", and lets a number too large for the database through (a 500)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_value", INT_MAX)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        # The digits by the pages' rule; min_value and max_value as DRF checks them.
        if parse_int(data, maximum=sys.maxsize) is None:
            self.fail("invalid")
        return super().to_internal_value(data)


def query_params(serializer_class: type[serializers.Serializer], request) -> dict:
    """The validated query parameters of a list request (a bad value answers 400)."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return {k: v for k, v in serializer.validated_data.items() if v not in (None, "")}
