"""API representations of scores (with their history), frameworks and roll-up figures."""

from rest_framework import serializers

from maturity.constants import MaturityLevel, ScoreStatus
from maturity.models import Score, ScoreChange
from uwvkms.api.serializers import QueryIntegerField, StrictSerializer


class ScoreChangeSerializer(serializers.ModelSerializer):
    """One change of a score: who, when, old → new and why; `calibration_session` is the
    number of the calibration session it was made in, if any."""

    changed_by = serializers.CharField(source="changed_by.__str__", read_only=True)
    calibration_session = serializers.IntegerField(
        source="session.number", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = ScoreChange
        fields = [
            "event",
            "changed_by",
            "changed_at",
            "old_level",
            "new_level",
            "old_status",
            "new_status",
            "old_justification",
            "new_justification",
            "reason",
            "calibration_session",
        ]


class ScoreSerializer(serializers.ModelSerializer):
    cycle = serializers.IntegerField(source="cycle.year", read_only=True)
    unit = serializers.IntegerField(source="unit_id", read_only=True)
    principle = serializers.CharField(source="principle.code", read_only=True)
    cited_interviews = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    cited_documents = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    updated_by = serializers.CharField(source="updated_by.__str__", read_only=True)
    history = ScoreChangeSerializer(source="changes", many=True, read_only=True)

    class Meta:
        model = Score
        fields = [
            "id",
            "cycle",
            "unit",
            "principle",
            "level",
            "status",
            "justification",
            "design_note",
            "existence_note",
            "operation_note",
            "cited_interviews",
            "cited_documents",
            "submitted_at",
            "version",
            "updated_by",
            "updated_at",
            "history",
        ]


class ScoreUpdateSerializer(StrictSerializer):
    """A change of a score by an assigned auditor. `version` is the version read (optimistic
    locking: a stale one answers 409). Omitted fields keep their value. `submit` true submits
    the score (it then needs a level and a justification), false keeps it a concept."""

    version = serializers.IntegerField(min_value=0)
    level = serializers.ChoiceField(choices=MaturityLevel.choices, allow_null=True, required=False)
    justification = serializers.CharField(allow_blank=True, required=False, max_length=20000)
    design_note = serializers.CharField(allow_blank=True, required=False, max_length=20000)
    existence_note = serializers.CharField(allow_blank=True, required=False, max_length=20000)
    operation_note = serializers.CharField(allow_blank=True, required=False, max_length=20000)
    interviews = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=1000
    )
    documents = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=1000
    )
    submit = serializers.BooleanField(default=False)
    reason = serializers.CharField(allow_blank=True, required=False, max_length=5000)


class ScoreCreateSerializer(ScoreUpdateSerializer):
    """A first score of a unit for a principle in a cycle; `version` is 0."""

    cycle = serializers.IntegerField(min_value=2000, max_value=2100)
    unit = serializers.IntegerField(min_value=1)
    principle = serializers.SlugField(max_length=50)


class ScoreFilterSerializer(serializers.Serializer):
    cycle = QueryIntegerField(required=False, min_value=2000, max_value=2100)
    unit = QueryIntegerField(required=False, min_value=1)
    principle = serializers.SlugField(required=False, max_length=50)
    status = serializers.ChoiceField(choices=ScoreStatus.choices, required=False)


class FrameworkSerializer(serializers.Serializer):
    """A principle's assessment framework (toetskader) in a cycle; `stored` false means the
    cycle has none yet and this is what it would start from (`based_on`: that cycle's year)."""

    principle = serializers.CharField()
    definition = serializers.CharField(allow_blank=True)
    hard_controls = serializers.CharField(allow_blank=True)
    soft_controls = serializers.CharField(allow_blank=True)
    research_questions = serializers.CharField(allow_blank=True)
    levels = serializers.ListField(child=serializers.CharField(allow_blank=True))
    version = serializers.IntegerField()
    stored = serializers.BooleanField()
    based_on = serializers.IntegerField(allow_null=True)


class FiguresSerializer(serializers.Serializer):
    """Figures over a group of units: `mean` unrounded (two decimals) and `rounded` half up;
    both null ("geen score") when no unit has a submitted score."""

    assessed_units = serializers.IntegerField()
    scored_units = serializers.IntegerField()
    mean = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    rounded = serializers.IntegerField(allow_null=True)
    minimum = serializers.IntegerField(allow_null=True)
    maximum = serializers.IntegerField(allow_null=True)
    distribution = serializers.ListField(child=serializers.IntegerField())


class PrincipleRollupSerializer(serializers.Serializer):
    principle = serializers.CharField()
    name = serializers.CharField()
    all = FiguresSerializer()
    execution = FiguresSerializer(help_text="Onderdelen met uitvoeringsprocessen.")
    other = FiguresSerializer(help_text="Onderdelen zonder uitvoeringsprocessen.")


class RollupSerializer(serializers.Serializer):
    cycle = serializers.IntegerField()
    status = serializers.CharField()
    principles = PrincipleRollupSerializer(many=True)
