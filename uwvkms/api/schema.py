"""The OpenAPI schema: drf-spectacular's AutoSchema plus the problem-details answers every
operation can give, so integrators (and schemathesis) see the error format too."""

from drf_spectacular.authentication import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

from uwvkms.api.exceptions import PROBLEM_CONTENT_TYPE


class InvalidParamSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Het veld; `[index].veld` voor een item van een lijst.")
    code = serializers.CharField()
    reason = serializers.CharField(help_text="De reden, in het Nederlands.")


class ProblemSerializer(serializers.Serializer):
    """A problem-details answer (RFC 9457)."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField()
    invalidParams = InvalidParamSerializer(many=True, required=False)  # noqa: N815

    class Meta:
        ref_name = "Problem"


# Answers any operation may give; 400/409/413/415 only where a body is sent.
_ALWAYS = ("401", "403", "404", "406", "429")
_WITH_BODY = ("400", "409", "413", "415")


class ProblemAutoSchema(AutoSchema):
    """AutoSchema that documents the problem-details error answers of every operation."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = list(_ALWAYS)
        if self.method in ("POST", "PUT", "PATCH"):
            codes.extend(_WITH_BODY)
        else:
            codes.append("400")  # a bad filter or query parameter
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    ProblemSerializer, code, media_types=[PROBLEM_CONTENT_TYPE]
                )
        return responses


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "uwvkms.api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Persoonlijk API-token, aan te maken op de profielpagina.",
        }
