"""Choices and transition tables of herstelacties (DOMAIN.md §6 and the process guide): the steps
and who may move them, the decision mandates, which forum records which outcomes, the obligations
per mandate path, and the communication track. Data only; the functions that read these tables
live in `rules.py` (pure) and `permissions.py` (who)."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

# --- People: in which capacity someone takes part in one herstelactie (see permissions.py) -------


class Capacity(models.TextChoices):
    """How a user relates to one herstelactie. A user may hold several capacities at once."""

    LEAD_ADVISER = "lead_adviser", _("Adviseur van de leidende divisie")
    DT = "dt", _("DT-lid van de leidende divisie")
    # Step 2A: the DTs of the divisions involved through the working group (not the lead) read
    # the action and record their view; the lead DT's decision is the one that counts.
    INVOLVED_DT = "involved_dt", _("DT-lid van een betrokken divisie")
    RVB = "rvb", _("Lid van de Raad van Bestuur")
    SBK = "sbk", _("Adviseur van SBK")
    MEMBER = "member", _("Lid van de werkgroep")
    # FEZ reads the financial figures of every action (management information, the overview).
    FEZ = "fez", _("Adviseur van FEZ (financiële cijfers)")
    # Directie Communicatie (Role.COMMUNICATIE) reads every action and declares or withdraws
    # the issue status; it designates one of its people as the action's issuemanager.
    COMMUNICATIE = "communicatie", _("Directie Communicatie")
    ISSUEMANAGER = "issuemanager", _("Issuemanager van deze herstelactie")
    # The owner (a user) of a task of the communication track: reads the action's overview, the
    # communication track, the documents and the timeline, and updates their task; not the
    # advice, the decisions, the dossiers or the figures (selectors.ActionAccess).
    TASK_OWNER = "task_owner", _("Eigenaar van een communicatietaak")


# --- Steps -------------------------------------------------------------------------------------


class Step(models.TextChoices):
    """Where a herstelactie stands: step 1 (advice), the parts of step 2 (decision), step 3
    (execution with the dossiers), step 4 (evaluation), and closed once evaluated; or ended
    without execution after a final no-go."""

    STAP_1 = "stap_1", _("Stap 1 · situatie en advies")
    STAP_2A = "stap_2a", _("Stap 2A · DT")
    STAP_2B = "stap_2b", _("Stap 2B · RvB")
    MINISTER = "minister", _("Stap 2 · minister van SZW")
    STAP_3 = "stap_3", _("Stap 3 · uitvoering")
    STAP_4 = "stap_4", _("Stap 4 · evaluatie")
    GESLOTEN = "gesloten", _("Gesloten")
    # After a final no-go at the go/no-go moment the lead division ends the action with a reason.
    BEEINDIGD = "beeindigd", _("Beëindigd zonder uitvoering")


# Step 2 in all its parts: decisions are taken here, and it cannot be left until the obligations
# of the mandate path are met.
STEP_2 = frozenset({Step.STAP_2A, Step.STAP_2B, Step.MINISTER})
# Steps 1 and 2: the advisers of the lead division edit the action (the issue's "steps 1–2").
STEPS_1_AND_2 = frozenset({Step.STAP_1} | STEP_2)
# Everything after the advice was submitted, while the action is open.
AFTER_ADVICE = frozenset(STEP_2 | {Step.STAP_3, Step.STAP_4})
# Execution and later: the pages of steps 3 and 4 (dossiers, management information,
# evaluation) are there from here on.
FROM_EXECUTION = frozenset({Step.STAP_3, Step.STAP_4, Step.GESLOTEN, Step.BEEINDIGD})
# The end states: read-only from here on.
CLOSED_STEPS = frozenset({Step.GESLOTEN, Step.BEEINDIGD})


class StepMove(models.TextChoices):
    """The moves of a herstelactie between steps; see STEP_TRANSITIONS."""

    SUBMIT_ADVICE = "submit_advice", _("Advies voorleggen aan de DT")
    RETURN_TO_ADVICE = "return_to_advice", _("Terug naar stap 1 (advies aanpassen)")
    TO_RVB = "to_rvb", _("Voorleggen aan de RvB")
    TO_MINISTER = "to_minister", _("Voorleggen aan de minister van SZW")
    BACK_TO_RVB = "back_to_rvb", _("Terug naar de RvB")
    TO_EXECUTION = "to_execution", _("Door naar stap 3 · uitvoering")
    TO_EVALUATION = "to_evaluation", _("Uitvoering afronden, door naar stap 4 · evaluatie")
    CLOSE = "close", _("Herstelactie sluiten")
    END_WITHOUT_EXECUTION = (
        "end_without_execution",
        _("Beëindigen zonder uitvoering (na een definitieve no-go)"),
    )


@dataclass(frozen=True)
class StepTransition:
    """One allowed move: where it leads and which capacities may make it."""

    target: Step
    by: frozenset[Capacity]


# (from step, move) → where it leads and who may make it. Only these moves exist; the guards on
# top of this table (a complete advice, the recorded decisions, the obligations) are in rules.py.
STEP_TRANSITIONS: dict[tuple[Step, StepMove], StepTransition] = {
    (Step.STAP_1, StepMove.SUBMIT_ADVICE): StepTransition(
        Step.STAP_2A, frozenset({Capacity.LEAD_ADVISER})
    ),
    (Step.STAP_2A, StepMove.RETURN_TO_ADVICE): StepTransition(
        Step.STAP_1, frozenset({Capacity.LEAD_ADVISER, Capacity.DT})
    ),
    (Step.STAP_2A, StepMove.TO_RVB): StepTransition(
        Step.STAP_2B, frozenset({Capacity.LEAD_ADVISER, Capacity.DT})
    ),
    (Step.STAP_2B, StepMove.RETURN_TO_ADVICE): StepTransition(
        Step.STAP_1, frozenset({Capacity.LEAD_ADVISER, Capacity.RVB})
    ),
    (Step.STAP_2B, StepMove.TO_MINISTER): StepTransition(
        Step.MINISTER, frozenset({Capacity.LEAD_ADVISER, Capacity.SBK})
    ),
    (Step.STAP_2B, StepMove.TO_EXECUTION): StepTransition(
        Step.STAP_3, frozenset({Capacity.LEAD_ADVISER})
    ),
    (Step.MINISTER, StepMove.BACK_TO_RVB): StepTransition(
        Step.STAP_2B, frozenset({Capacity.LEAD_ADVISER, Capacity.SBK})
    ),
    (Step.MINISTER, StepMove.TO_EXECUTION): StepTransition(
        Step.STAP_3, frozenset({Capacity.LEAD_ADVISER})
    ),
    # Execution ends when every dossier is handled after a "go" (rules.move_blockers).
    (Step.STAP_3, StepMove.TO_EVALUATION): StepTransition(
        Step.STAP_4, frozenset({Capacity.LEAD_ADVISER})
    ),
    # An action closes only after an evaluation, with none still planned.
    (Step.STAP_4, StepMove.CLOSE): StepTransition(
        Step.GESLOTEN, frozenset({Capacity.LEAD_ADVISER})
    ),
    # After a final no-go the action ends without execution (rules.move_blockers: only when the
    # latest go/no-go says no-go), with a reason.
    (Step.STAP_3, StepMove.END_WITHOUT_EXECUTION): StepTransition(
        Step.BEEINDIGD, frozenset({Capacity.LEAD_ADVISER})
    ),
}

# What a move does, said on its confirmation page (uwvkms.confirmation) before it is made.
MOVE_CONSEQUENCES = {
    StepMove.SUBMIT_ADVICE: _(
        "Het advies en de criteria liggen daarna vast, en daarmee het mandaat. Aanpassen kan "
        "alleen na een stap terug naar stap 1, met een reden."
    ),
    StepMove.RETURN_TO_ADVICE: _(
        "De herstelactie gaat terug naar stap 1 en het advies gaat weer open. Vastgelegde "
        "besluiten blijven staan; de reden komt in de tijdlijn."
    ),
    StepMove.TO_RVB: _("Het advies gaat naar de RvB (stap 2B), die erover besluit."),
    StepMove.TO_MINISTER: _(
        "Het besluit gaat naar de minister van SZW; de RvB en SBK bereiden het voor."
    ),
    StepMove.BACK_TO_RVB: _(
        "De herstelactie gaat terug naar de RvB; de reden komt in de tijdlijn."
    ),
    StepMove.TO_EXECUTION: _(
        "De uitvoering (stap 3) begint. Het besluit ligt vast; een stap terug is er niet meer."
    ),
    StepMove.TO_EVALUATION: _(
        "De uitvoering is daarmee afgerond en de evaluatie (stap 4) begint; een stap terug is "
        "er niet."
    ),
    StepMove.CLOSE: _("De herstelactie wordt gesloten en is daarna alleen nog te lezen."),
    StepMove.END_WITHOUT_EXECUTION: _(
        "De herstelactie eindigt zonder uitvoering en is daarna alleen nog te lezen; de reden "
        "komt in de tijdlijn."
    ),
}

# Moves that look at what steps 3 and 4 recorded (rules.ExecutionFacts).
EXECUTION_MOVES = frozenset(
    {StepMove.TO_EVALUATION, StepMove.CLOSE, StepMove.END_WITHOUT_EXECUTION}
)

# Moves that need a reason (going back and ending without execution are always explained).
MOVES_WITH_REASON = frozenset(
    {StepMove.RETURN_TO_ADVICE, StepMove.BACK_TO_RVB, StepMove.END_WITHOUT_EXECUTION}
)


# --- What the advisers edit, and when -------------------------------------------------------


class Operation(models.TextChoices):
    """Changes to a herstelactie other than step moves, decisions and notifications."""

    EDIT_DETAILS = "edit_details", _("Gegevens wijzigen")
    CHANGE_LEAD = "change_lead", _("Leidende divisie wijzigen")
    EDIT_ADVICE = "edit_advice", _("Advies en criteria wijzigen")
    # The lead advisers ask SBK to write a section of the advice; SBK then writes those sections
    # (which ones: rules.advice_section_editable).
    ASSIGN_ADVICE_SECTION = (
        "assign_advice_section",
        _("SBK vragen een adviesonderdeel te schrijven"),
    )
    WRITE_ADVICE_SECTION = "write_advice_section", _("Adviesonderdeel schrijven")
    EDIT_MEASURES = "edit_measures", _("Beheersmaatregelen wijzigen")
    EDIT_WORKING_GROUP = "edit_working_group", _("Werkgroep en belangengroepen wijzigen")
    RECORD_INFORMAL_ROUND = "record_informal_round", _("Informele ronde vastleggen")
    SET_ISSUE = "set_issue", _("Issuestatus vaststellen of intrekken")
    DESIGNATE_ISSUEMANAGER = "designate_issuemanager", _("Issuemanager aanwijzen")
    EDIT_COMMUNICATION = "edit_communication", _("Communicatiespoor wijzigen")
    COMMENT_KAPSTOK = "comment_kapstok", _("Reageren op het kapstokverhaal")
    EDIT_EXECUTION_PLAN = "edit_execution_plan", _("Projectstructuur en plan van aanpak wijzigen")
    RECORD_GO_DECISION = "record_go_decision", _("Go/no-go vastleggen")
    IMPORT_DOSSIERS = "import_dossiers", _("Dossiers importeren")
    EDIT_DOSSIER = "edit_dossier", _("Dossier wijzigen")
    SET_ESTIMATE = "set_estimate", _("Geschat gemiddeld bedrag vastleggen")
    EDIT_EVALUATION = "edit_evaluation", _("Evaluatie vastleggen")
    UPLOAD_DOCUMENT = "upload_document", _("Document toevoegen aan het dossier")


@dataclass(frozen=True)
class Right:
    """Who may do something, and in which steps."""

    by: frozenset[Capacity]
    steps: frozenset[Step]


_ADVISERS = frozenset({Capacity.LEAD_ADVISER})
# Every step while the action is open; a closed or ended action is read-only.
ALL_STEPS = frozenset(Step) - CLOSED_STEPS
# Literally every step, closed and ended included: learning and prevention run "naast of na de
# herstelactie" (the process guide), so control measures stay open to the lead advisers; the one
# exception to "a closed action is read-only" (tests/herstel/test_closed_action_writes.py).
EVERY_STEP = frozenset(Step)
_STEP_3 = frozenset({Step.STAP_3})

OPERATION_RIGHTS: dict[Operation, Right] = {
    Operation.EDIT_DETAILS: Right(_ADVISERS, STEPS_1_AND_2),
    Operation.CHANGE_LEAD: Right(_ADVISERS, STEPS_1_AND_2),
    # Once submitted the advice is what the DT and the RvB read; changing it means going back to
    # step 1.
    Operation.EDIT_ADVICE: Right(_ADVISERS, frozenset({Step.STAP_1})),
    # Control measures: added, updated and withdrawn in every step, also after closing.
    Operation.EDIT_MEASURES: Right(_ADVISERS, EVERY_STEP),
    Operation.ASSIGN_ADVICE_SECTION: Right(_ADVISERS, frozenset({Step.STAP_1})),
    # SBK writes the sections asked of it (the lead advisers write all through EDIT_ADVICE).
    Operation.WRITE_ADVICE_SECTION: Right(frozenset({Capacity.SBK}), frozenset({Step.STAP_1})),
    Operation.EDIT_WORKING_GROUP: Right(_ADVISERS, STEPS_1_AND_2),
    Operation.RECORD_INFORMAL_ROUND: Right(_ADVISERS, STEPS_1_AND_2),
    # Communication runs parallel to every step (the process guide, "Communicatie"): Directie
    # Communicatie decides that an action is an issue and designates the issuemanager, who holds
    # the regie: the communication working group, the kapstokverhaal with the joint approach and
    # the tasks per discipline. The lead division and SBK read along and comment on the
    # kapstokverhaal.
    Operation.SET_ISSUE: Right(frozenset({Capacity.COMMUNICATIE}), ALL_STEPS),
    Operation.DESIGNATE_ISSUEMANAGER: Right(frozenset({Capacity.COMMUNICATIE}), ALL_STEPS),
    Operation.EDIT_COMMUNICATION: Right(frozenset({Capacity.ISSUEMANAGER}), ALL_STEPS),
    Operation.COMMENT_KAPSTOK: Right(
        frozenset(
            {Capacity.LEAD_ADVISER, Capacity.SBK, Capacity.COMMUNICATIE, Capacity.ISSUEMANAGER}
        ),
        ALL_STEPS,
    ),
    # Step 3: the project structure, the go/no-go (usually at DT/MT level: the DT of the lead
    # division or its advisers record it), the dossiers and the estimate. Only the advisers of
    # the lead division touch dossiers; the service also demands a "go".
    Operation.EDIT_EXECUTION_PLAN: Right(_ADVISERS, _STEP_3),
    Operation.RECORD_GO_DECISION: Right(frozenset({Capacity.LEAD_ADVISER, Capacity.DT}), _STEP_3),
    Operation.IMPORT_DOSSIERS: Right(_ADVISERS, _STEP_3),
    Operation.EDIT_DOSSIER: Right(_ADVISERS, _STEP_3),
    Operation.SET_ESTIMATE: Right(_ADVISERS, _STEP_3),
    # Step 4: the lead division sets up and runs the evaluation.
    Operation.EDIT_EVALUATION: Right(_ADVISERS, frozenset({Step.STAP_4})),
    # The documents of the action's dossier, in every open step; which kind whom: see
    # DOCUMENT_UPLOADERS (permissions.may_upload_document).
    Operation.UPLOAD_DOCUMENT: Right(
        frozenset(
            {Capacity.LEAD_ADVISER, Capacity.SBK, Capacity.DT, Capacity.RVB, Capacity.ISSUEMANAGER}
        ),
        ALL_STEPS,
    ),
}


# --- Documents in the action's dossier -----------------------------------------------------------


class DocumentKind(models.TextChoices):
    """What an uploaded document of a herstelactie is (the process guide's stukken)."""

    ADVIES = "advies", _("Advies")
    NOTA_MINISTER = "nota_minister", _("Nota aan de minister")
    PLAN_VAN_AANPAK = "plan_van_aanpak", _("Plan van aanpak")
    BESLUITDOCUMENT = "besluitdocument", _("Besluitdocument")
    EVALUATIERAPPORT = "evaluatierapport", _("Evaluatierapport")
    KAPSTOKVERHAAL = "kapstokverhaal", _("Kapstokverhaal")
    OVERIG = "overig", _("Overig")


_LEAD_AND_SBK = frozenset({Capacity.LEAD_ADVISER, Capacity.SBK})

# Who uploads (and withdraws) which kind of document, in every open step (OPERATION_RIGHTS).
# The lead division writes its advice, plan of approach and evaluation; SBK drafts the note to
# the minister with SZW; the issuemanager, who holds the regie of the communication track,
# writes the kapstokverhaal (the lead advisers and SBK comment on it, they no longer write it);
# a decision document comes from whoever records decisions (the DT, the RvB, SBK for the
# minister) or the advisers who prepare it. Other documents: the lead advisers, SBK and the
# issuemanager.
DOCUMENT_UPLOADERS: dict[DocumentKind, frozenset[Capacity]] = {
    DocumentKind.ADVIES: _ADVISERS,
    DocumentKind.NOTA_MINISTER: _LEAD_AND_SBK,
    DocumentKind.PLAN_VAN_AANPAK: _ADVISERS,
    DocumentKind.BESLUITDOCUMENT: frozenset(
        {Capacity.LEAD_ADVISER, Capacity.SBK, Capacity.DT, Capacity.RVB}
    ),
    DocumentKind.EVALUATIERAPPORT: _ADVISERS,
    DocumentKind.KAPSTOKVERHAAL: frozenset({Capacity.ISSUEMANAGER}),
    DocumentKind.OVERIG: _LEAD_AND_SBK | {Capacity.ISSUEMANAGER},
}


# --- The mandate (who decides) ------------------------------------------------------------------


class Mandate(models.TextChoices):
    """The decision mandate (besluitvormingsmandaat), from least to most demanding."""

    DT = "dt", _("DT van de divisie")
    RVB = "rvb", _("Raad van Bestuur")
    RVB_MINISTER = "rvb_minister", _("Raad van Bestuur en minister van SZW")


MANDATE_ORDER = (Mandate.DT, Mandate.RVB, Mandate.RVB_MINISTER)


class Criterion(models.TextChoices):
    """The five criteria of the mandate assessment (the process guide, "Besluitvorming")."""

    WITHIN_LAW = "within_law", _("Past binnen wet- en regelgeving en de bevoegdheden van UWV")
    ORGANISATIONAL_IMPACT = "organisational_impact", _("Impact op de organisatie")
    POLITICAL_SENSITIVITY = "political_sensitivity", _("Politieke gevoeligheid")
    CLIENT_IMPACT = "client_impact", _("Grote impact op cliënten")
    MONEY_FLOW = "money_flow", _("Groot beroep op de grote geldstroom")


@dataclass(frozen=True)
class CriterionAnswers:
    """The two answers to one criterion: what True and False mean."""

    yes: str
    no: str


CRITERION_ANSWERS: dict[Criterion, CriterionAnswers] = {
    Criterion.WITHIN_LAW: CriterionAnswers(
        _("Ja, past binnen wet- en regelgeving en de bevoegdheden van UWV"),
        _("Nee, past niet binnen wet- en regelgeving of de taken en bevoegdheden van UWV"),
    ),
    Criterion.ORGANISATIONAL_IMPACT: CriterionAnswers(_("Groot"), _("Gering")),
    Criterion.POLITICAL_SENSITIVITY: CriterionAnswers(_("Groot"), _("Beperkt")),
    Criterion.CLIENT_IMPACT: CriterionAnswers(
        _("Ja, naar verwachting grote impact op cliënten"), _("Nee")
    ),
    Criterion.MONEY_FLOW: CriterionAnswers(_("Ja, groot beroep op de grote geldstroom"), _("Nee")),
}

CRITERION_HELP: dict[Criterion, str] = {
    Criterion.WITHIN_LAW: _("Valt de voorgenomen actie binnen de wet en de taken van UWV?"),
    Criterion.ORGANISATIONAL_IMPACT: _(
        "Groot bijvoorbeeld bij meerdere divisies, zorgen over de uitvoerbaarheid of een hoog "
        "gemiddeld bedrag per cliënt."
    ),
    Criterion.POLITICAL_SENSITIVITY: _(
        "Groot bijvoorbeeld bij een grote of kwetsbare groep, grote financiële gevolgen of een "
        "oorzaak met een lange historie."
    ),
    Criterion.CLIENT_IMPACT: _("Heeft de actie naar verwachting grote gevolgen voor cliënten?"),
    Criterion.MONEY_FLOW: _(
        "Wordt er in totaal een groot bedrag teruggevorderd, kwijtgescholden of nabetaald?"
    ),
}


class AdviceSection(models.TextChoices):
    """What the advice of step 1 covers at least. The financial aspect has four parts; each
    must be filled (write "niet van toepassing" where it does not apply)."""

    TARGET_GROUP = "target_group", _("Doelgroep")
    LEGAL_FRAMEWORK = "legal_framework", _("Juridisch kader")
    FINANCIAL_CLIENTS = "financial_clients", _("Financieel aspect: cliënten")
    FINANCIAL_EMPLOYERS = "financial_employers", _("Financieel aspect: werkgevers")
    FINANCIAL_MONEY_FLOW = "financial_money_flow", _("Financieel aspect: grote geldstroom")
    FINANCIAL_OTHERS = "financial_others", _("Financieel aspect: andere belanghebbenden")
    CAPACITY = "capacity", _("Capaciteit")
    COMMUNICATION = "communication", _("Communicatie en contact met de doelgroep")
    OTHER = "other", _("Overige relevante informatie")


# --- Decisions (step 2) -------------------------------------------------------------------------


class Forum(models.TextChoices):
    """Who took a decision."""

    DT = "dt", _("DT (stap 2A)")
    RVB = "rvb", _("Raad van Bestuur (stap 2B)")
    MINISTER = "minister", _("Minister van SZW")


class Outcome(models.TextChoices):
    BESLUIT = "besluit", _("Besluit")
    KENNISNAME = "kennisname", _("Kennisname")
    BIJSTURING = "bijsturing", _("Bijsturing")
    VOORGENOMEN_BESLUIT = "voorgenomen_besluit", _("Voorgenomen besluit")
    AKKOORD = "akkoord", _("Akkoord")
    NIET_AKKOORD = "niet_akkoord", _("Niet akkoord")


@dataclass(frozen=True)
class ForumRule:
    """Which capacity records the decisions of a forum, and in which step."""

    recorded_by: Capacity
    step: Step


FORUM_RULES: dict[Forum, ForumRule] = {
    Forum.DT: ForumRule(Capacity.DT, Step.STAP_2A),
    Forum.RVB: ForumRule(Capacity.RVB, Step.STAP_2B),
    # SBK keeps the contact with SZW and records the minister's answer.
    Forum.MINISTER: ForumRule(Capacity.SBK, Step.MINISTER),
}

# (forum, mandate) → the outcomes that forum can record on that path (process guide, step 2).
# 2A: with a DT mandate the DT decides (possibly as an intention the RvB then notes); otherwise
# it takes note and passes the advice on. 2B: with a DT mandate the RvB notes or adjusts; with an
# RvB mandate it decides; with a minister mandate it takes an intended decision. The minister
# approves or not.
ALLOWED_OUTCOMES: dict[tuple[Forum, Mandate], tuple[Outcome, ...]] = {
    (Forum.DT, Mandate.DT): (Outcome.BESLUIT, Outcome.VOORGENOMEN_BESLUIT),
    (Forum.DT, Mandate.RVB): (Outcome.KENNISNAME,),
    (Forum.DT, Mandate.RVB_MINISTER): (Outcome.KENNISNAME,),
    (Forum.RVB, Mandate.DT): (Outcome.KENNISNAME, Outcome.BIJSTURING),
    (Forum.RVB, Mandate.RVB): (Outcome.BESLUIT,),
    (Forum.RVB, Mandate.RVB_MINISTER): (Outcome.VOORGENOMEN_BESLUIT,),
    (Forum.MINISTER, Mandate.RVB_MINISTER): (Outcome.AKKOORD, Outcome.NIET_AKKOORD),
}

# Every outcome a forum can ever record (the database constraint on Decision).
FORUM_OUTCOMES: dict[Forum, frozenset[Outcome]] = {
    forum: frozenset(
        outcome
        for (f, _mandate), outcomes in ALLOWED_OUTCOMES.items()
        if f == forum
        for outcome in outcomes
    )
    for forum in Forum
}


class NotificationKind(models.TextChoices):
    """Who was informed (kennisgeving), and the minister's note."""

    RVB_INFORMED = "rvb_informed", _("RvB geïnformeerd")
    SZW_INFORMED = "szw_informed", _("SZW geïnformeerd (door SBK)")
    MINISTER_NOTE = "minister_note", _("Nota aan de minister, met SZW opgesteld (door SBK)")


class InformChannel(models.TextChoices):
    """How someone outside the app (SZW) was informed; SBK records it with the kennisgeving."""

    EMAIL = "email", _("Per e-mail")
    MEETING = "overleg", _("In een overleg")
    LETTER = "brief", _("Per brief")
    PHONE = "telefoon", _("Telefonisch")


# The informing that reaches people in the app (issue 20): the kinds of notification that
# herstel/notifications.py declares by these names, each asking its recipients to take note.
# The fixed contact persons (and every user added to the working group) when an action starts;
# the RvB after the DT's decision of step 2A (this counts as "the RvB is informed").
INFORM_CONTACTS_KIND = "herstel.herstelactie.contacts_informed"
INFORM_RVB_KIND = "herstel.herstelactie.rvb_informed"

NOTIFICATION_RULES: dict[NotificationKind, Right] = {
    # The division informs the RvB, in consultation with SBK.
    NotificationKind.RVB_INFORMED: Right(
        frozenset({Capacity.LEAD_ADVISER, Capacity.SBK}), AFTER_ADVICE
    ),
    NotificationKind.SZW_INFORMED: Right(frozenset({Capacity.SBK}), AFTER_ADVICE),
    NotificationKind.MINISTER_NOTE: Right(frozenset({Capacity.SBK}), frozenset({Step.MINISTER})),
}


class Obligation(models.TextChoices):
    """What must have happened before step 2 can be left; see OBLIGATIONS."""

    DT_DECISION = "dt_decision", _("De DT heeft besloten (stap 2A)")
    DT_NOTED = "dt_noted", _("De DT heeft kennisgenomen van het advies aan de RvB (stap 2A)")
    RVB_INFORMED = "rvb_informed", _("De RvB is geïnformeerd")
    RVB_NOTED_OR_ADJUSTED = (
        "rvb_noted_or_adjusted",
        _(
            "De RvB heeft het besluit van de DT ter kennisgeving aangenomen of bijgestuurd (stap 2B)"
        ),
    )
    RVB_DECISION = "rvb_decision", _("De RvB heeft besloten (stap 2B)")
    RVB_INTENDED = "rvb_intended", _("De RvB heeft een voorgenomen besluit genomen (stap 2B)")
    SZW_INFORMED = "szw_informed", _("SBK heeft SZW geïnformeerd over het besluit")
    MINISTER_NOTE = "minister_note", _("SBK heeft met SZW een nota aan de minister opgesteld")
    MINISTER_APPROVAL = "minister_approval", _("De minister heeft akkoord gegeven")


# The checklist per mandate path. The RvB is always informed; SBK informs SZW where the path
# requires it (with a DT mandate only "where applicable", so not required); with a minister
# mandate nothing is executed without the minister's approval.
OBLIGATIONS: dict[Mandate, tuple[Obligation, ...]] = {
    Mandate.DT: (
        Obligation.DT_DECISION,
        Obligation.RVB_INFORMED,
        Obligation.RVB_NOTED_OR_ADJUSTED,
    ),
    Mandate.RVB: (
        Obligation.DT_NOTED,
        Obligation.RVB_INFORMED,
        Obligation.RVB_DECISION,
        Obligation.SZW_INFORMED,
    ),
    Mandate.RVB_MINISTER: (
        Obligation.DT_NOTED,
        Obligation.RVB_INFORMED,
        Obligation.RVB_INTENDED,
        Obligation.MINISTER_NOTE,
        Obligation.MINISTER_APPROVAL,
    ),
}


# --- Step 2: the views of the involved DTs, the enriched advice, the raised mandate -------------


class ViewPosition(models.TextChoices):
    """Where the DT of an involved division stands on the advice (its view in step 2A)."""

    EENS = "eens", _("Eens")
    EENS_MET_KANTTEKENING = "eens_met_kanttekening", _("Eens, met een kanttekening")
    ONEENS = "oneens", _("Oneens")


# The DTs who take part in 2A: the lead division's DT decides (or takes note), the DTs of the
# divisions involved record their view; both may enrich the advice to the RvB.
DT_CAPACITIES = frozenset({Capacity.DT, Capacity.INVOLVED_DT})
# Mandates under which the advice goes on to the RvB, so the DT may enrich it first (the process
# guide, step 2A: "DT neemt kennis van advies aan RvB en verrijkt dit indien nodig").
ENRICHABLE_MANDATES = frozenset({Mandate.RVB, Mandate.RVB_MINISTER})


class ContactForm(models.TextChoices):
    """How the RvB was in contact with the minister of SZW (the process guide, step 2B:
    "RvB onderhoudt, indien van toepassing, contact minister")."""

    OVERLEG = "overleg", _("Overleg")
    BRIEF = "brief", _("Brief")
    TELEFOON = "telefoon", _("Telefoon")
    EMAIL = "email", _("E-mail")
    OVERIG = "overig", _("Anders")


# The RvB (and SBK, who keeps the contact with SZW) record the contacts with the minister (the
# process guide, 2B: "RvB onderhoudt, indien van toepassing, contact minister"): from step 2B
# on, while the action is open, under a mandate the RvB decides on (rules.minister_contact_refusal).
MINISTER_CONTACT_RIGHT = Right(
    frozenset({Capacity.RVB, Capacity.SBK}),
    frozenset({Step.STAP_2B, Step.MINISTER, Step.STAP_3, Step.STAP_4}),
)
MINISTER_CONTACT_MANDATES = frozenset({Mandate.RVB, Mandate.RVB_MINISTER})


# --- Working group ------------------------------------------------------------------------------


class Directorate(models.TextChoices):
    """The divisions and directorates with a fixed contact person for herstelacties, in the order
    of the process guide."""

    UITKEREN = "uitkeren", _("Uitkeren")
    DHH = "dhh", _("DHH")
    SMZ = "smz", _("SMZ")
    WB = "wb", _("WB")
    JKC = "jkc", _("JKC")
    FEZ = "fez", _("FEZ")
    SBK = "sbk", _("SBK")
    KS = "ks", _("K&S")
    COMMUNICATIE = "communicatie", _("Communicatie")


DIRECTORATE_ORDER = {value: index for index, value in enumerate(Directorate.values)}


class InterestGroupKind(models.TextChoices):
    """Interest groups that may be consulted in step 1."""

    CLIENTENRAAD = "clientenraad", _("Cliëntenraad")
    WERKNEMERS = "werknemers", _("Werknemersorganisatie")
    WERKGEVERS = "werkgevers", _("Werkgeversorganisatie")
    OVERHEID = "overheid", _("Andere overheidsorganisatie (bijv. VNG, Belastingdienst)")
    OVERIG = "overig", _("Overig")


# --- Communication track ------------------------------------------------------------------------


class CommunicationFunction(models.TextChoices):
    """The disciplines in the communication working group of an issue."""

    ISSUEMANAGEMENT = "issuemanagement", _("Issuemanagement (regie)")
    WOORDVOERING = "woordvoering", _("Woordvoering (pers)")
    PUBLIC_AFFAIRS = "public_affairs", _("Public affairs")
    INTERNE_COMMUNICATIE = "interne_communicatie", _("Interne communicatie (C&A)")
    ISSUE_EIGENAAR_SBK = "issue_eigenaar_sbk", _("Issue-eigenaar SBK")
    DIVISIE = "divisie", _("Communicatieadviseur divisie")


class Discipline(models.TextChoices):
    """Who works out their own part of the joint approach from the kapstokverhaal (the process
    guide): a task per discipline, or per involved division."""

    WOORDVOERING = "woordvoering", _("Woordvoering")
    PUBLIC_AFFAIRS = "public_affairs", _("Public affairs")
    INTERNE_COMMUNICATIE = "interne_communicatie", _("Interne communicatie")
    COMMUNICATIE_ADVIES = "communicatie_advies", _("Communicatie & Advies")
    DIVISIE = "divisie", _("Divisie")


class TaskStatus(models.TextChoices):
    """Where a discipline's task stands; see TASK_TRANSITIONS."""

    OPEN = "open", _("Open")
    IN_UITVOERING = "in_uitvoering", _("In uitvoering")
    GEREED = "gereed", _("Gereed")


# status → the statuses a task may move to. A finished task may be reopened (something turned
# out to be missing), but only into execution, with what was done kept.
TASK_TRANSITIONS: dict[TaskStatus, frozenset[TaskStatus]] = {
    TaskStatus.OPEN: frozenset({TaskStatus.IN_UITVOERING, TaskStatus.GEREED}),
    TaskStatus.IN_UITVOERING: frozenset({TaskStatus.OPEN, TaskStatus.GEREED}),
    TaskStatus.GEREED: frozenset({TaskStatus.IN_UITVOERING}),
}


class KapstokStatus(models.TextChoices):
    """Where a version of the kapstokverhaal stands."""

    CONCEPT = "concept", _("Concept")
    TER_AFSTEMMING = "ter_afstemming", _("Ter afstemming")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")


class KapstokMove(models.TextChoices):
    SUBMIT = "submit", _("Ter afstemming voorleggen")
    ADOPT = "adopt", _("Vaststellen")
    REOPEN = "reopen", _("Terug naar concept")


KAPSTOK_TRANSITIONS: dict[tuple[KapstokStatus, KapstokMove], KapstokStatus] = {
    (KapstokStatus.CONCEPT, KapstokMove.SUBMIT): KapstokStatus.TER_AFSTEMMING,
    (KapstokStatus.TER_AFSTEMMING, KapstokMove.ADOPT): KapstokStatus.VASTGESTELD,
    (KapstokStatus.TER_AFSTEMMING, KapstokMove.REOPEN): KapstokStatus.CONCEPT,
}


# --- Step 3: execution ----------------------------------------------------------------------------


class GoBody(models.TextChoices):
    """Who takes the go/no-go decision (the process guide: "veelal op DT/MT niveau")."""

    DT = "dt", _("DT")
    MT = "mt", _("MT")


class GoOutcome(models.TextChoices):
    GO = "go", _("Go")
    NO_GO = "no_go", _("No-go")


class DossierStatus(models.TextChoices):
    """Where a dossier stands in the execution."""

    TE_BEOORDELEN = "te_beoordelen", _("Te beoordelen")
    BEOORDEELD = "beoordeeld", _("Beoordeeld")
    AFGEHANDELD = "afgehandeld", _("Afgehandeld")


# Assessed: the progress of an action counts these (beoordeeld and afgehandeld).
ASSESSED_STATUSES = frozenset({DossierStatus.BEOORDEELD, DossierStatus.AFGEHANDELD})


class DossierOutcome(models.TextChoices):
    """What the assessment of a dossier comes to."""

    NABETALEN = "nabetalen", _("Nabetalen")
    TERUGVORDEREN = "terugvorderen", _("Terugvorderen")
    AFBOEKEN = "afboeken", _("Afboeken")
    GEEN_WIJZIGING = "geen_wijziging", _("Geen wijziging")


class Amount(models.TextChoices):
    """The four amounts of a dossier (euros; stored as whole cents, see herstel/money.py)."""

    PAID = "paid", _("Nabetaald")
    TO_PAY = "to_pay", _("Nog te betalen")
    RECOVERED = "recovered", _("Teruggevorderd")
    WRITTEN_OFF = "written_off", _("Afgeboekt")


AMOUNT_HELP: dict[Amount, str] = {
    Amount.PAID: _("Nabetaald aan de cliënt: de betaalopdracht is gegeven."),
    Amount.TO_PAY: _("Besloten, maar de opdracht tot betaling is nog niet gegeven."),
    Amount.RECOVERED: _("Teruggevorderd van de cliënt."),
    Amount.WRITTEN_OFF: _("Afgeboekt: een vordering die niet wordt geïnd."),
}


class DossierColumn(models.TextChoices):
    """The columns of the import file, in the order of the template. The header names are the
    values; nothing else may be in the file (no BSN, no name: a reference only)."""

    REFERENCE = "referentie", _("Pseudonieme referentie")
    STATUS = "status", _("Status")
    OUTCOME = "uitkomst", _("Uitkomst")
    PAID = "nabetaald", _("Nabetaald (€)")
    TO_PAY = "nog_te_betalen", _("Nog te betalen (€)")
    RECOVERED = "teruggevorderd", _("Teruggevorderd (€)")
    WRITTEN_OFF = "afgeboekt", _("Afgeboekt (€)")


AMOUNT_COLUMNS: dict[DossierColumn, Amount] = {
    DossierColumn.PAID: Amount.PAID,
    DossierColumn.TO_PAY: Amount.TO_PAY,
    DossierColumn.RECOVERED: Amount.RECOVERED,
    DossierColumn.WRITTEN_OFF: Amount.WRITTEN_OFF,
}

# Header names that mean personal data; such a column is refused by name, whatever it holds.
PERSONAL_DATA_COLUMNS = frozenset(
    {
        "bsn",
        "burgerservicenummer",
        "sofinummer",
        "sofi",
        "sofi-nummer",
        "naam",
        "name",
        "voornaam",
        "achternaam",
        "voorletters",
        "geboortedatum",
        "adres",
        "postcode",
        "woonplaats",
        "email",
        "e-mail",
        "telefoon",
        "telefoonnummer",
        "iban",
        "rekeningnummer",
    }
)


# Amounts that must be zero for an outcome (rules.dossier_problems): who is paid gets nothing
# claimed back, a claim is not paid out, and "geen wijziging" moves no money at all.
OUTCOME_ZERO_AMOUNTS: dict[DossierOutcome, frozenset[Amount]] = {
    DossierOutcome.NABETALEN: frozenset({Amount.RECOVERED, Amount.WRITTEN_OFF}),
    DossierOutcome.TERUGVORDEREN: frozenset({Amount.PAID, Amount.TO_PAY}),
    DossierOutcome.AFBOEKEN: frozenset({Amount.PAID, Amount.TO_PAY}),
    DossierOutcome.GEEN_WIJZIGING: frozenset(Amount),
}


class EstimateSource(models.TextChoices):
    """Where the estimated average amount per dossier comes from (rules.average_estimate)."""

    ENTERED = "entered", _("ingevoerd door de leidende divisie")
    DERIVED = "derived", _("afgeleid uit de beoordeelde dossiers")
    NONE = "none", _("nog geen schatting: niets ingevoerd en nog geen dossier beoordeeld")


class SnapshotTrigger(models.TextChoices):
    """What took a snapshot of the figures."""

    IMPORT = "import", _("Import")
    SCHEDULE = "schedule", _("Wekelijkse momentopname")


# --- Step 4: evaluation ---------------------------------------------------------------------------


class Effectiveness(models.TextChoices):
    """Whether an implemented control measure works."""

    YES = "yes", _("Ja")
    PARTLY = "partly", _("Deels")
    NO = "no", _("Nee")


# The first evaluation plus at most a second and a third (the process guide, step 4).
MAX_EVALUATIONS = 3


# --- Improvement actions per business unit (DOMAIN.md §7) ----------------------------------------


class ImprovementSource(models.TextChoices):
    """Where an improvement action of a unit comes from: the audit's follow-up of a recommendation,
    or a control measure of a herstelactie the unit leads."""

    AUDIT = "audit", _("Vervolgactie toets")
    HERSTEL = "herstel", _("Beheersmaatregel herstelactie")


class ControlMeasureProgress(models.TextChoices):
    """Where a control measure stands as its owner reports it (recorded by the lead advisers)."""

    OPEN = "open", _("Open")
    IN_UITVOERING = "in_uitvoering", _("In uitvoering")
    GEREED = "gereed", _("Gereed")


class MeasureStatus(models.TextChoices):
    """How a control measure stands in the unit's improvement list: as the latest completed
    evaluation judged it, else as recorded (rules.control_measure_status)."""

    PLANNED = "planned", _("Gepland")
    IN_PROGRESS = "in_progress", _("In uitvoering")
    OVERDUE = "overdue", _("Over de datum, nog niet geëvalueerd")
    DONE = "done", _("Gereed, nog niet geëvalueerd")
    IMPLEMENTED = "implemented", _("Geïmplementeerd")
    NOT_IMPLEMENTED = "not_implemented", _("Niet geïmplementeerd")
