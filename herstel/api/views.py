"""The herstel API (issue 9): herstelacties with their mandate criteria, their dossiers (list
and bulk import), FEZ's central overview and SBK's list.

Thin like the web views: every object comes through the access-checked getters of
herstel/selectors/actions.py (an action the user may not see answers 404, as on the web), every
right is asked of herstel/permissions.py through the same helpers the web views use, every write
is a herstel service and every figure a herstel selector. Refusals are DRF exceptions that the
API's handler answers as problem details: 403/404 for access, 400 with invalidParams for bad
input, 409 for a stale version or a step that does not allow the change."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from herstel.api import dossier_rows
from herstel.api.parsers import CSV_MEDIA_TYPE, CsvBodyParser
from herstel.api.serializers import (
    DossierImportResultSerializer,
    DossierRowSerializer,
    DossierSerializer,
    HerstelactieCreateSerializer,
    HerstelactieDetailSerializer,
    HerstelactieSerializer,
    HerstelactieUpdateSerializer,
    MandateCriteriaSerializer,
    MandateCriteriaWriteSerializer,
    OverviewPageSerializer,
    OverviewRowSerializer,
    SbkRowSerializer,
    amounts_of,
    counts_of,
    money,
)
from herstel.constants import Criterion, DossierOutcome, DossierStatus, Mandate, Operation, Step
from herstel.dossier_files import read_dossier_file
from herstel.models import CriterionJudgement
from herstel.permissions import may_see_overview, may_see_sbk_tasks, may_start
from herstel.rules import CriterionJudged
from herstel.selectors import actions as selectors
from herstel.selectors import dossiers as dossier_selectors
from herstel.selectors import figures
from herstel.services import actions as services
from herstel.services import dossiers as dossier_services
from herstel.views.actions import require_capacity, require_right
from uwvkms.api.exceptions import Conflict, ScannerUnavailable
from uwvkms.api.pagination import ApiPagination
from uwvkms.api.parsers import LimitedJSONParser
from uwvkms.api.serializers import QueryIntegerField, query_params
from uwvkms.malware import UploadInfected, UploadNotScanned
from uwvkms.selectors import business_units

TAGS = ["herstelacties"]


def _conflict(exc: DjangoValidationError) -> Conflict:
    """A service's refusal that is about the state of the action, not about the input: a step
    (or a missing "go") that does not allow the change now. (A stale version, EditConflict,
    answers 409 by itself: uwvkms.api.exceptions.)"""
    return Conflict(" ".join(str(message) for message in exc.messages))


def _page_params():
    return [
        OpenApiParameter("page", OpenApiTypes.INT, description="Paginanummer (vanaf 1)."),
        OpenApiParameter(
            "page_size", OpenApiTypes.INT, description="Aantal per pagina (hoogstens 500)."
        ),
    ]


# --- Herstelacties ---------------------------------------------------------------------------


ACTION_ORDERINGS = {
    "started_at": ("started_at", "id"),
    "-started_at": ("-started_at", "-id"),
    "title": ("title", "id"),
    "-title": ("-title", "-id"),
    "updated_at": ("updated_at", "id"),
    "-updated_at": ("-updated_at", "-id"),
    "id": ("id",),
    "-id": ("-id",),
}


class HerstelactieQuerySerializer(serializers.Serializer):
    step = serializers.ChoiceField(
        choices=Step.choices, required=False, help_text="Alleen deze stap."
    )
    lead_unit = QueryIntegerField(
        required=False,
        min_value=1,
        help_text="Alleen acties van deze leidende divisie (id).",
    )
    mandate = serializers.ChoiceField(
        choices=Mandate.choices,
        required=False,
        help_text="Alleen acties met dit vastgestelde mandaat (na stap 1).",
    )
    ordering = serializers.ChoiceField(
        choices=list(ACTION_ORDERINGS), required=False, default="-started_at"
    )


def _with_criteria(actions):
    """Actions with what their answers show (lead unit, who started, the criteria for the
    computed mandate) in a fixed number of queries."""
    return actions.select_related("lead_unit", "started_by", "advice").prefetch_related(
        Prefetch("advice__criteria", queryset=CriterionJudgement.objects.order_by("id"))
    )


def _detail(access, request, status_code=status.HTTP_200_OK) -> Response:
    action = access.action
    state = selectors.advice_state(action)
    data = HerstelactieDetailSerializer(
        action, context={"request": request, "advice_state": state}
    ).data
    return Response(data, status=status_code)


class HerstelactieListView(GenericAPIView):
    """The herstelacties the user may see (all for the RvB and SBK; the actions of their own
    division for its advisers and DT; the actions whose working group they are in)."""

    pagination_class = ApiPagination
    serializer_class = HerstelactieSerializer

    @extend_schema(
        tags=TAGS,
        summary="Herstelacties",
        description=(
            "De herstelacties die u mag zien: alle voor de RvB en SBK; die van uw eigen divisie "
            "voor haar adviseurs en DT; die waarvan u in de werkgroep zit. `mandate` is het "
            "mandaat dat bij het voorleggen van het advies is vastgesteld; `mandate_assessment` "
            "is waar de criteria zoals ze nu beoordeeld zijn toe leiden, met de regel die het "
            "besliste (null zolang een criterium open is)."
        ),
        parameters=[HerstelactieQuerySerializer],
        responses=HerstelactieSerializer(many=True),
    )
    def get(self, request):
        selectors.require_herstel_user(request.user)
        query = query_params(HerstelactieQuerySerializer, request)
        actions = selectors.herstelacties_for_user(request.user)
        if "step" in query:
            actions = actions.filter(step=query["step"])
        if "lead_unit" in query:
            actions = actions.filter(lead_unit_id=query["lead_unit"])
        if "mandate" in query:
            actions = actions.filter(mandate=query["mandate"])
        actions = _with_criteria(actions).order_by(*ACTION_ORDERINGS[query["ordering"]])
        page = self.paginate_queryset(actions)
        return self.get_paginated_response(
            HerstelactieSerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(
        tags=TAGS,
        summary="Herstelactie starten",
        description=(
            "Start een herstelactie in stap 1 (iedere Herstel-adviseur). De vaste contactpersonen "
            "worden ingelicht en vormen de werkgroep, zoals bij starten in de browser."
        ),
        request=HerstelactieCreateSerializer,
        responses={201: HerstelactieDetailSerializer},
    )
    def post(self, request):
        if not may_start(request.user):
            raise PermissionDenied
        serializer = HerstelactieCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        lead_unit = business_units().filter(pk=data.pop("lead_unit")).first()
        if lead_unit is None:
            raise ValidationError({"lead_unit": [_("Onbekende divisie.")]})
        action = services.herstelactie_start(actor=request.user, lead_unit=lead_unit, **data)
        access = selectors.herstelactie_get_for_user(user=request.user, pk=action.pk)
        response = _detail(access, request, status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(f"{action.pk}/")
        return response


class HerstelactieDetailView(GenericAPIView):
    """One herstelactie; its facts are changed by the advisers of the lead division in steps
    1–2, with the version they read."""

    serializer_class = HerstelactieDetailSerializer

    @extend_schema(
        tags=TAGS,
        summary="Eén herstelactie",
        description=(
            "Met het berekende mandaat en wat het advies nog mist. 404 voor een actie die u "
            "niet mag zien."
        ),
        responses=HerstelactieDetailSerializer,
    )
    def get(self, request, pk: int):
        return _detail(selectors.herstelactie_get_for_user(user=request.user, pk=pk), request)

    @extend_schema(
        tags=TAGS,
        summary="Gegevens van een herstelactie wijzigen",
        description=(
            "Adviseurs van de leidende divisie, stap 1 en 2. `version` is de versie die u las; "
            "een verouderde versie geeft 409 en wijzigt niets."
        ),
        request=HerstelactieUpdateSerializer,
        responses=HerstelactieDetailSerializer,
    )
    def put(self, request, pk: int):
        return self._update(request, pk, partial=False)

    @extend_schema(
        tags=TAGS,
        summary="Gegevens van een herstelactie deels wijzigen",
        description="Als PUT; velden die ontbreken houden hun waarde. `version` is verplicht.",
        request=HerstelactieUpdateSerializer(partial=True),
        responses=HerstelactieDetailSerializer,
    )
    def patch(self, request, pk: int):
        return self._update(request, pk, partial=True)

    def _update(self, request, pk: int, *, partial: bool) -> Response:
        access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
        require_right(access, Operation.EDIT_DETAILS)
        serializer = HerstelactieUpdateSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "version" not in data:
            raise ValidationError({"version": [_("Dit veld is verplicht.")]})
        action = access.action
        # PATCH keeps what is not sent; PUT replaces the whole, so an estimate left out is none.
        current = {
            name: getattr(action, name) if partial else None for name in services.DETAIL_FIELDS
        }
        services.herstelactie_update(  # a stale version answers 409 (uwvkms.api.exceptions)
            actor=request.user,
            herstelactie=action,
            expected_version=data.pop("version"),
            **(current | data),
        )
        return _detail(selectors.herstelactie_get_for_user(user=request.user, pk=pk), request)


# --- The mandate criteria ----------------------------------------------------------------------


def _criteria_answer(action) -> dict:
    advice = selectors.advice_of(action)
    judgements = list(advice.criteria.all())
    state = selectors.advice_state(action)
    return MandateCriteriaSerializer(
        {
            "herstelactie": action.pk,
            "version": action.version,
            "criteria": judgements,
            "open_criteria": [j.criterion for j in judgements if j.value is None],
            "mandate_assessment": state.routing,
            "mandate": action.mandate or None,
            "mandate_rule": action.mandate_rule or None,
            "advice_gaps": [str(gap) for gap in state.gaps],
        }
    ).data


class MandateCriteriaView(GenericAPIView):
    """The five criteria of the mandate assessment of an action's advice, as judged (who judged
    and why), and the mandate they lead to with the rule of the process guide that decided it:
    the same rule (herstel.rules.mandate_for) as the advice page."""

    serializer_class = MandateCriteriaSerializer

    @extend_schema(
        tags=TAGS,
        summary="Mandaatcriteria en berekend mandaat",
        description=(
            "De vijf criteria van de mandaatbepaling zoals beoordeeld (door wie en waarom), het "
            "mandaat waartoe ze leiden met de regel uit de proceshandreiking die het besliste, "
            "en het vastgestelde mandaat zodra het advies is voorgelegd."
        ),
    )
    def get(self, request, pk: int):
        access = selectors.herstelactie_get_for_decision_making(user=request.user, pk=pk)
        return Response(_criteria_answer(access.action))

    @extend_schema(
        tags=TAGS,
        summary="Mandaatcriteria beoordelen",
        description=(
            "Adviseurs van de leidende divisie, in stap 1. Criteria die niet in de lijst staan "
            "houden hun oordeel; bij een criterium zonder `rationale` of `judged_by` blijven "
            "die zoals ze waren. `version` is de versie van de herstelactie die u las; een "
            "verouderde versie geeft 409 en wijzigt niets."
        ),
        request=MandateCriteriaWriteSerializer,
        responses=MandateCriteriaSerializer,
    )
    def put(self, request, pk: int):
        access = selectors.herstelactie_get_for_decision_making(user=request.user, pk=pk)
        require_right(access, Operation.EDIT_ADVICE)
        serializer = MandateCriteriaWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        sections, judged = selectors.advice_inputs(access.action)
        criteria = {}
        for item in serializer.validated_data["criteria"]:
            code = Criterion(item["criterion"]).value
            current = judged.get(code) or CriterionJudged(value=None, rationale="", judged_by="")
            criteria[code] = CriterionJudged(
                value=item["value"],
                rationale=item.get("rationale", current.rationale),
                judged_by=item.get("judged_by", current.judged_by),
            )
        action = services.advice_save(  # a stale version answers 409 (uwvkms.api.exceptions)
            actor=request.user,
            herstelactie=access.action,
            expected_version=serializer.validated_data["version"],
            sections=sections,
            criteria=criteria,
        )
        return Response(_criteria_answer(action))


# --- Dossiers ------------------------------------------------------------------------------------


class DossierQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=DossierStatus.choices, required=False, help_text="Alleen deze status."
    )
    outcome = serializers.ChoiceField(
        choices=DossierOutcome.choices, required=False, help_text="Alleen deze uitkomst."
    )
    reference = serializers.CharField(
        required=False, max_length=64, help_text="Alleen referenties die deze tekst bevatten."
    )


CSV_EXAMPLE = (
    "referentie;status;uitkomst;nabetaald;nog_te_betalen;teruggevorderd;afgeboekt\n"
    "HA-0001;te beoordelen;;;;;\n"
    "HA-0002;beoordeeld;nabetalen;0;1250,00;0;0\n"
)
JSON_EXAMPLE = [
    {"reference": "HA-0001", "status": "te_beoordelen"},
    {
        "reference": "HA-0002",
        "status": "beoordeeld",
        "outcome": "nabetalen",
        "paid": "0.00",
        "to_pay": "1250.00",
        "recovered": "0.00",
        "written_off": "0.00",
    },
]

IMPORT_DESCRIPTION = (
    "Dossiers in bulk, als JSON-lijst of als CSV (`Content-Type: text/csv`, dezelfde kolommen "
    "als het importsjabloon op de website). Gaat door dezelfde importservice als een upload: "
    "alleen adviseurs van de leidende divisie, in stap 3 na een go-besluit; alleen een "
    "pseudonieme referentie (een waarde die op een BSN lijkt wordt geweigerd); bedragen nul of "
    "meer die bij de uitkomst passen; een bekende referentie werkt dat dossier bij, met de "
    "wijzigingshistorie. Alles of niets: bij één foute regel wordt niets opgeslagen en staat "
    "elke foute regel in `invalidParams` — bij JSON als `[index]` of `[index].veld` "
    "(index vanaf 0), bij CSV als `line N` (de kop is regel 1); `body` geldt het geheel. "
    'Bedragen in JSON zijn tekst ("1234.50"), nooit getallen. 409 als de stap of het '
    "ontbreken van een go-besluit import nu niet toelaat."
)


class DossierListView(GenericAPIView):
    """The dossiers of one action: everyone who reads the action reads them (but a reader of
    the communication track only: 404); the advisers of the lead division import them."""

    pagination_class = ApiPagination
    serializer_class = DossierSerializer
    parser_classes = [LimitedJSONParser, CsvBodyParser]
    # 100,000 dossier rows in one request: the only API call allowed more than 1 MB.
    body_limit_setting = "IMPORT_MAX_BODY_BYTES"

    @extend_schema(
        tags=TAGS,
        summary="Dossiers van een herstelactie",
        description=(
            "Iedereen die de herstelactie mag zien, leest haar dossiers; op referentie "
            "gesorteerd. Bedragen zijn tekst met twee decimalen."
        ),
        parameters=[DossierQuerySerializer],
        responses=DossierSerializer(many=True),
    )
    def get(self, request, pk: int):
        access = selectors.herstelactie_get_for_dossiers(user=request.user, pk=pk)
        query = query_params(DossierQuerySerializer, request)
        dossiers = dossier_selectors.dossiers_of(
            access.action,
            status=query.get("status", ""),
            outcome=query.get("outcome", ""),
            reference=query.get("reference", ""),
        )
        page = self.paginate_queryset(dossiers)
        return self.get_paginated_response(DossierSerializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Dossiers importeren (bulk)",
        description=IMPORT_DESCRIPTION,
        request={
            "application/json": DossierRowSerializer(many=True),
            CSV_MEDIA_TYPE: {"type": "string", "description": "CSV volgens het importsjabloon."},
        },
        responses={201: DossierImportResultSerializer},
        examples=[
            # drf-spectacular wraps the example of a list body in a list itself
            OpenApiExample("JSON", value=JSON_EXAMPLE[1], request_only=True),
            OpenApiExample("CSV", value=CSV_EXAMPLE, request_only=True, media_type=CSV_MEDIA_TYPE),
        ],
    )
    def post(self, request, pk: int):
        access = selectors.herstelactie_get_for_dossiers(user=request.user, pk=pk)
        require_capacity(access, Operation.IMPORT_DOSSIERS)
        body = request.data
        if request.content_type.split(";")[0].strip().lower() == CSV_MEDIA_TYPE:
            source, file_name = "csv", "api.csv"
            data = body if isinstance(body, bytes) else b""
            to_params = dossier_rows.csv_row_errors
            if not data.strip():
                raise ValidationError({"body": [_("Het CSV-bestand is leeg.")]})
        else:
            source, file_name = "json", "api.json"
            if not isinstance(body, list):
                raise ValidationError(
                    {"body": [_("Stuur een lijst van dossiers (een JSON-array van objecten).")]}
                )
            if not body:
                raise ValidationError({"body": [_("De lijst bevat geen dossiers.")]})
            prepared = dossier_rows.prepare_json_rows(body)
            data = prepared.csv
            to_params = dossier_rows.json_row_errors
            if prepared.errors:
                # Refused before the service: list the other rows' problems too (the same
                # reading the service does), so that one answer names every bad row.
                parsed = read_dossier_file(name=file_name, data=data)
                others = to_params([e for e in parsed.errors if e.line is not None])
                raise ValidationError(dossier_rows.by_index(prepared.errors | others))
        try:
            record = dossier_services.dossiers_import(
                actor=request.user, herstelactie=access.action, file_name=file_name, data=data
            )
        except dossier_services.DossierImportRefused as exc:
            raise ValidationError(dossier_rows.by_index(to_params(exc.row_errors))) from None
        except UploadInfected as exc:
            raise ValidationError({"body": exc.messages}, code="infected") from None
        except UploadNotScanned as exc:
            raise ScannerUnavailable(exc.messages[0]) from None
        except DjangoValidationError as exc:
            raise _conflict(exc) from None
        result = {
            "id": record.pk,
            "source": source,
            "rows": record.rows,
            "created": record.created,
            "updated": record.updated,
            "unchanged": record.unchanged,
            "imported_by": str(record.imported_by),
            "imported_at": record.imported_at,
        }
        return Response(DossierImportResultSerializer(result).data, status=status.HTTP_201_CREATED)


# --- The central overview and SBK's list -------------------------------------------------------


# The API's sort keys → the overview's (herstel/selectors/figures.py SORTS).
OVERVIEW_ORDERINGS = {
    "title": "titel",
    "lead_unit": "divisie",
    "step": "stap",
    "mandate": "mandaat",
    "started_at": "gestart",
    "dossiers": "dossiers",
    "progress": "voortgang",
    "paid": "nabetaald",
    "to_pay": "nog_te_betalen",
    "recovered": "teruggevorderd",
    "written_off": "afgeboekt",
    "remaining_amount": "restwaarde",
}


class OverviewQuerySerializer(serializers.Serializer):
    lead_unit = QueryIntegerField(
        required=False,
        min_value=1,
        help_text="Alleen acties van deze leidende divisie (id).",
    )
    step = serializers.ChoiceField(choices=Step.choices, required=False)
    mandate = serializers.ChoiceField(choices=Mandate.choices, required=False)
    issues_only = serializers.BooleanField(
        required=False, default=False, help_text="true: alleen acties die een issue zijn."
    )
    search = serializers.CharField(
        required=False, max_length=100, help_text="Titel bevat deze tekst."
    )
    ordering = serializers.ChoiceField(
        choices=[*OVERVIEW_ORDERINGS, *(f"-{key}" for key in OVERVIEW_ORDERINGS)],
        required=False,
        default="-started_at",
    )


class OverviewView(GenericAPIView):
    """FEZ's central overview of all herstelacties (also for SBK and the RvB): per action the
    lead division, step, mandate, dossier progress, the four money totals (added up by the
    database over whole cents: exact) and the estimate for what is still to assess; `totals`
    adds up every action the filters select. The same selector as the overview page."""

    pagination_class = ApiPagination
    serializer_class = OverviewRowSerializer

    @extend_schema(
        tags=TAGS,
        summary="Totaaloverzicht herstelacties (FEZ)",
        description=(
            "Voor FEZ, SBK en de RvB: per herstelactie de leidende divisie, stap, mandaat, "
            "voortgang van de dossiers, de vier geldbedragen (door de database opgeteld over "
            "hele centen: exact) en de schatting voor wat nog te beoordelen is. `totals` telt "
            "alle acties op die de filters selecteren, niet alleen deze pagina."
        ),
        parameters=[OverviewQuerySerializer, *_page_params()],
        responses=OverviewPageSerializer,
    )
    def get(self, request):
        if not may_see_overview(request.user):
            raise PermissionDenied
        query = query_params(OverviewQuerySerializer, request)
        ordering = query["ordering"]
        sort = ("-" if ordering.startswith("-") else "") + OVERVIEW_ORDERINGS[ordering.lstrip("-")]
        view = figures.overview(
            figures.OverviewFilters(
                unit=query.get("lead_unit"),
                step=query.get("step", ""),
                mandate=query.get("mandate", ""),
                issue=query["issues_only"],
                text=query.get("search", "").strip(),
                sort=sort,
            )
        )
        page = self.paginate_queryset(view.rows)
        response = self.get_paginated_response(OverviewRowSerializer(page, many=True).data)
        response.data["totals"] = {
            "actions": len(view.rows),
            "dossiers": counts_of(view.totals),
            "amounts": amounts_of(view.totals),
            "remaining_amount": money(view.remaining_cents),
        }
        return response


class SbkOverviewView(GenericAPIView):
    """SBK's list (also for the RvB): the actions in step 2 for which SBK still has to inform
    SZW, write the note to the minister or record the minister's answer; ready ones first."""

    pagination_class = ApiPagination
    serializer_class = SbkRowSerializer

    @extend_schema(
        tags=TAGS,
        summary="SBK: SZW informeren en nota's aan de minister",
        description=(
            "Voor SBK en de RvB: de acties in stap 2 waarvoor SBK nog SZW moet informeren, de "
            "nota aan de minister moet opstellen of het antwoord van de minister moet "
            "vastleggen; wat nu kan eerst."
        ),
        responses=SbkRowSerializer(many=True),
    )
    def get(self, request):
        if not may_see_sbk_tasks(request.user):
            raise PermissionDenied
        page = self.paginate_queryset(figures.sbk_overview())
        return self.get_paginated_response(SbkRowSerializer(page, many=True).data)
