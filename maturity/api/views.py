"""API views of maturity: scores (read with their history; written by the assigned auditors
through `maturity.services.scores.score_record`, with optimistic locking), the framework per
cycle and the roll-up figures (the same `rollup_by_principle` the report pages use)."""

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response
from rest_framework.views import APIView

from audits.models import AuditCycle, ManagementPrinciple
from audits.selectors import cycle_get, principle_get, unit_get
from maturity.api import serializers as api
from maturity.models import Score, ScoreChange
from maturity.rules import EMPTY_ROLLUP
from maturity.selectors import (
    FIGURES_READERS,
    citable_documents,
    citable_interviews,
    frameworks_of_cycle,
    maturity_figures_cycle_get,
    require_scoring_access,
    rollup_by_principle,
)
from maturity.selectors.calibration import scores_visible_to
from maturity.selectors.framework import framework_cycle_get_for_reader
from maturity.services.scores import ScoreLocked, score_record
from uwvkms.api.exceptions import Conflict
from uwvkms.api.permissions import ANY_ROLE, refusal_as_not_found, roles_required
from uwvkms.api.serializers import query_params
from uwvkms.constants import Role

SCORE_READERS = (Role.COORDINATIETEAM, Role.TOETSER)


def _scores(user):
    """The scores `user` may see, with what the representation needs: a fixed number of
    queries, whatever the number of scores."""
    return (
        scores_visible_to(user)
        .select_related("cycle", "unit", "principle", "updated_by")
        .prefetch_related(
            Prefetch("cited_interviews", queryset=_ids("cited_interviews")),
            Prefetch("cited_documents", queryset=_ids("cited_documents")),
            Prefetch(
                "changes",
                queryset=ScoreChange.objects.select_related("changed_by", "session"),
            ),
        )
    )


def _ids(relation: str):
    return Score._meta.get_field(relation).related_model.objects.only("id")


def _evidence(queryset, ids: list[int], field: str) -> list:
    """The evidence with these ids that the score may cite; unknown ones are a field error."""
    found = list(queryset.filter(pk__in=ids))
    missing = sorted(set(ids) - {item.pk for item in found})
    if missing:
        raise serializers.ValidationError(
            {
                field: [
                    _("Niet te citeren (onbekend, niet bevestigd of niet geleverd): %(ids)s")
                    % {"ids": ", ".join(map(str, missing))}
                ]
            }
        )
    return found


def _record(*, user, cycle, unit, principle, score: Score | None, data: dict) -> Score:
    """Save through the maturity service; its refusals become 409 (stale or locked) or 400."""

    def current(field: str, default=""):
        if field in data:
            return data[field]
        return getattr(score, field) if score is not None else default

    interview_ids = data.get(
        "interviews", [i.pk for i in score.cited_interviews.all()] if score else []
    )
    document_ids = data.get(
        "documents", [d.pk for d in score.cited_documents.all()] if score else []
    )
    interviews = citable_interviews(cycle=cycle, unit=unit)
    documents = citable_documents(cycle=cycle, unit=unit)
    if "interviews" not in data:
        interview_ids = list(interviews.filter(pk__in=interview_ids).values_list("pk", flat=True))
    if "documents" not in data:
        document_ids = list(documents.filter(pk__in=document_ids).values_list("pk", flat=True))
    try:
        return score_record(
            actor=user,
            cycle=cycle,
            unit=unit,
            principle=principle,
            level=current("level", None),
            justification=current("justification"),
            design_note=current("design_note"),
            existence_note=current("existence_note"),
            operation_note=current("operation_note"),
            interviews=_evidence(interviews, interview_ids, "interviews"),
            documents=_evidence(documents, document_ids, "documents"),
            reason=data.get("reason", ""),
            expected_version=data["version"],
            submit=data["submit"],
        )
    except ScoreLocked as exc:  # a stale version (EditConflict) answers 409 by itself
        raise Conflict(" ".join(exc.messages)) from exc


class ScoreList(generics.ListAPIView):
    """Scores per unit × principle × cycle, each with its history (calibration included).
    The coordination team sees every score, an auditor those of the units on their teams.
    POST: an assigned auditor records a first score (`version` 0); an existing one answers 409
    (change it with PATCH)."""

    serializer_class = api.ScoreSerializer
    permission_classes = [roles_required(*SCORE_READERS, write_roles=(Role.TOETSER,))]
    filter_backends = [OrderingFilter]
    ordering_fields = ["cycle__year", "unit__name", "principle__order", "level", "updated_at"]
    ordering = ["-cycle__year", "unit__name", "principle__order"]

    def get_queryset(self):
        scores = _scores(self.request.user)
        filters = query_params(api.ScoreFilterSerializer, self.request)
        if "cycle" in filters:
            scores = scores.filter(cycle__year=filters["cycle"])
        if "unit" in filters:
            scores = scores.filter(unit_id=filters["unit"])
        if "principle" in filters:
            scores = scores.filter(principle__code=filters["principle"])
        if "status" in filters:
            scores = scores.filter(status=filters["status"])
        return scores

    @extend_schema(parameters=[api.ScoreFilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=api.ScoreCreateSerializer, responses={201: api.ScoreSerializer})
    def post(self, request):
        body = api.ScoreCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        keys = {}
        for field, get in (
            ("cycle", lambda v: cycle_get(year=v)),
            ("unit", lambda v: unit_get(unit_id=v)),
            ("principle", lambda v: principle_get(code=v)),
        ):
            try:
                keys[field] = get(data[field])
            except Http404 as exc:
                raise serializers.ValidationError({field: [_("Bestaat niet.")]}) from exc
        require_scoring_access(user=request.user, cycle=keys["cycle"], unit=keys["unit"])
        existing = Score.objects.filter(**keys).first()
        if existing is not None:
            raise Conflict(
                _("Deze score bestaat al (id %(id)s); wijzig hem met PATCH.") % {"id": existing.pk}
            )
        score = _record(user=request.user, score=None, data=data, **keys)
        return Response(
            api.ScoreSerializer(_scores(request.user).get(pk=score.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class ScoreDetail(generics.RetrieveAPIView):
    """One score with its history; 404 when the user may not see it. PATCH: an assigned
    auditor changes it, carrying the `version` read (stale: 409)."""

    serializer_class = api.ScoreSerializer
    permission_classes = [roles_required(*SCORE_READERS, write_roles=(Role.TOETSER,))]
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return _scores(self.request.user)

    @extend_schema(request=api.ScoreUpdateSerializer, responses={200: api.ScoreSerializer})
    def patch(self, request, pk: int):
        score = self.get_object()
        body = api.ScoreUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        require_scoring_access(user=request.user, cycle=score.cycle, unit=score.unit)
        _record(
            user=request.user,
            cycle=score.cycle,
            unit=score.unit,
            principle=score.principle,
            score=score,
            data=body.validated_data,
        )
        return Response(api.ScoreSerializer(self.get_queryset().get(pk=score.pk)).data)


class FrameworkList(APIView):
    """The assessment framework (toetskader) of every principle in the cycle's scope; for
    whoever may see the cycle (404 otherwise)."""

    permission_classes = [roles_required(*ANY_ROLE)]

    @extend_schema(responses={200: api.FrameworkSerializer(many=True)})
    def get(self, request, year: int):
        with refusal_as_not_found():
            cycle = framework_cycle_get_for_reader(user=request.user, year=year)
        rows = [
            {
                "principle": entry.principle.code,
                "definition": entry.framework.definition,
                "hard_controls": entry.framework.hard_controls,
                "soft_controls": entry.framework.soft_controls,
                "research_questions": entry.framework.research_questions,
                "levels": [getattr(entry.framework, f"level_{n}") for n in range(1, 6)],
                "version": entry.framework.version,
                "stored": entry.stored,
                "based_on": entry.based_on.year if entry.based_on else None,
            }
            for entry in frameworks_of_cycle(cycle)
        ]
        return Response(api.FrameworkSerializer(rows, many=True).data)


def _figures(figures) -> dict:
    return {
        "assessed_units": figures.assessed_units,
        "scored_units": figures.scored_units,
        "mean": figures.mean.unrounded if figures.mean else None,
        "rounded": figures.mean.rounded if figures.mean else None,
        "minimum": figures.minimum,
        "maximum": figures.maximum,
        "distribution": list(figures.distribution),
    }


class Rollup(APIView):
    """The roll-up figures of a cycle per principle (DOMAIN.md §3): over all counted units and
    per group (with and without execution processes). The coordination team any time, the RvB
    once the cycle is published (404 before)."""

    permission_classes = [roles_required(*FIGURES_READERS)]

    @extend_schema(responses={200: api.RollupSerializer})
    def get(self, request, year: int):
        with refusal_as_not_found():
            cycle: AuditCycle = maturity_figures_cycle_get(user=request.user, year=year)
        figures = rollup_by_principle(cycle)
        principles: list[ManagementPrinciple] = list(cycle.principles.all())
        body = {
            "cycle": cycle.year,
            "status": cycle.status,
            "principles": [
                {
                    "principle": p.code,
                    "name": p.name,
                    **{
                        group: _figures(getattr(figures.get(p.id, EMPTY_ROLLUP), group))
                        for group in ("all", "execution", "other")
                    },
                }
                for p in principles
            ],
        }
        return Response(api.RollupSerializer(body).data)
