"""The herstel demo's steps 1 and 2 (DOMAIN.md §6): five fictional herstelacties, one per
mandate path and stage, with working groups, advice, decisions and a kapstokverhaal, and the
moves every herstel scenario makes through the herstel services (start, fill the advice, move a
step, record a decision or a notification). Each scenario leaves an action that exists (by title)
alone. Every name, number, reference and text here is made up."""

from datetime import date
from decimal import Decimal

from demo.herstel_communication import issue_communication
from demo.herstel_documents import note_and_plan
from herstel.constants import (
    AdviceSection,
    ContactForm,
    Criterion,
    Directorate,
    Forum,
    InformChannel,
    InterestGroupKind,
    Mandate,
    NotificationKind,
    Outcome,
    StepMove,
    ViewPosition,
)
from herstel.models import Herstelactie
from herstel.notifications import CONTACTS_INFORMED, RVB_INFORMED
from herstel.rules import CriterionJudged
from herstel.services.actions import (
    advice_save,
    advice_section_assign,
    advice_section_write,
    control_measure_add,
    herstelactie_start,
)
from herstel.services.decisions import (
    decision_correct,
    decision_record,
    decision_withdraw,
    informal_round_record,
    notification_record,
)
from herstel.services.step2 import (
    advice_enrichment_save,
    dt_view_record,
    mandate_raise,
    minister_contact_record,
    minister_contact_withdraw,
)
from herstel.services.steps import herstelactie_move
from herstel.services.working_group import consultation_record, working_group_member_add
from uwvkms.models import Notification as CoreNotification
from uwvkms.models import User
from uwvkms.notifications import notification_acknowledge

DT_PATH = (True, False, False, False, False)
RVB_PATH = (True, True, True, False, False)
MINISTER_PATH = (True, True, True, True, True)


def _advice(**texts: str) -> dict[str, str]:
    base = {
        AdviceSection.TARGET_GROUP: "Cliënten bij wie de fout in de genoemde periode optrad.",
        AdviceSection.LEGAL_FRAMEWORK: "De wet biedt ruimte om ambtshalve te herzien.",
        AdviceSection.FINANCIAL_CLIENTS: "Nabetaling per cliënt, met wettelijke rente.",
        AdviceSection.FINANCIAL_EMPLOYERS: "Niet van toepassing.",
        AdviceSection.FINANCIAL_MONEY_FLOW: "Komt ten laste van het uitvoeringsbudget.",
        AdviceSection.FINANCIAL_OTHERS: "Geen andere belanghebbenden.",
        AdviceSection.CAPACITY: "Eén team beoordeelt de dossiers binnen drie maanden.",
        AdviceSection.COMMUNICATION: "Iedere cliënt krijgt een persoonlijke brief.",
        AdviceSection.OTHER: "Geen.",
    }
    return {section.value: text for section, text in base.items()} | texts


def _criteria(values, judged_by="Jurist JKC en controller FEZ") -> dict[str, CriterionJudged]:
    reasons = {
        Criterion.WITHIN_LAW: ("De wet staat herziening toe.", "De wet biedt geen grondslag."),
        Criterion.ORGANISATIONAL_IMPACT: (
            "Meerdere divisies en een hoog bedrag per cliënt.",
            "Eén team, binnen de normale capaciteit.",
        ),
        Criterion.POLITICAL_SENSITIVITY: (
            "Een grote, kwetsbare groep en een lange historie.",
            "Een kleine groep met beperkte gevolgen.",
        ),
        Criterion.CLIENT_IMPACT: ("Cliënten moeten geld terugbetalen.", "Cliënten krijgen geld."),
        Criterion.MONEY_FLOW: ("Het totaal loopt in de miljoenen.", "Een beperkt totaalbedrag."),
    }
    return {
        criterion.value: CriterionJudged(
            value=value,
            rationale=reasons[criterion][0 if value else 1],
            judged_by=judged_by,
        )
        for criterion, value in zip(Criterion, values, strict=True)
    }


def action_exists(title: str) -> bool:
    """Whether the scenario of this title ran before (its action is left alone then)."""
    return Herstelactie.objects.filter(title=title).exists()


def action_start(adviser: User, title: str, **fields) -> Herstelactie:
    """Step 1 begins: the adviser starts an action led by their own division."""
    return herstelactie_start(actor=adviser, title=title, lead_unit=adviser.business_unit, **fields)


def advice_fill(action: Herstelactie, adviser: User, values, **texts) -> Herstelactie:
    """The adviser saves a complete advice with the five mandate criteria judged as `values`
    (DT_PATH, RVB_PATH or MINISTER_PATH); `texts` replace sections of the standard text."""
    action.refresh_from_db()
    return advice_save(
        actor=adviser,
        herstelactie=action,
        expected_version=action.version,
        sections=_advice(**texts),
        criteria=_criteria(values),
    )


def step_move(action: Herstelactie, actor: User, move: StepMove, reason: str = "") -> Herstelactie:
    """The actor moves the action one step along the table of herstel.constants."""
    action.refresh_from_db()
    return herstelactie_move(
        actor=actor, herstelactie=action, move=move, expected_version=action.version, reason=reason
    )


def decision_add(action, actor, forum, outcome, body, on, document=""):
    """A decision of the DT or the RvB (step 2A or 2B), recorded by one of its members."""
    action.refresh_from_db()
    return decision_record(
        actor=actor,
        herstelactie=action,
        forum=forum,
        outcome=outcome,
        body=body,
        decided_on=on,
        document=document,
    )


def notification_add(action, actor, kind, summary, on, document="", document_file=None, channel=""):
    """Someone was informed (the RvB, SZW, the minister), recorded by the actor with how."""
    action.refresh_from_db()
    return notification_record(
        actor=actor,
        herstelactie=action,
        kind=kind,
        informed_on=on,
        summary=summary,
        document=document,
        document_file=document_file,
        channel=channel,
    )


def acknowledged(action: Herstelactie, user: User, kind: str) -> None:
    """`user` took note of the informing notification of `kind` about the action (issue 20),
    as they would with the "Kennisgenomen" button on their notifications page."""
    for notification in CoreNotification.objects.filter(
        recipient=user,
        kind=kind,
        object_type=action._meta.label_lower,
        object_id=str(action.pk),
        acknowledged_at__isnull=True,
    ):
        notification_acknowledge(user=user, notification=notification)


def dt_done(people) -> None:
    """DT mandate, decided and on to execution (step 3)."""
    title = "Nabetaling reiskosten bij re-integratietrajecten"
    if action_exists(title):
        return
    adviser, dt, rvb = people["herstel"], people["directie.uitkeren"], people["rvb"]
    action = action_start(
        adviser,
        title,
        what_went_wrong="Reiskosten naar een re-integratiebedrijf werden met een verouderd "
        "kilometertarief vergoed.",
        wrong_since=date(2024, 9, 1),
        estimated_clients=180,
        estimated_dossiers=180,
        estimated_amount=Decimal("21600.00"),
    )
    control_measure_add(
        actor=adviser,
        herstelactie=action,
        description="Het kilometertarief staat voortaan als parameter in het systeem.",
        owner="Proceseigenaar re-integratie",
        due_on=date(2026, 3, 1),
    )
    advice_fill(action, adviser, DT_PATH, target_group="Ongeveer 180 cliënten met reiskosten.")
    step_move(action, adviser, StepMove.SUBMIT_ADVICE)
    decision_add(
        action,
        dt,
        Forum.DT,
        Outcome.BESLUIT,
        "Het verschil wordt ambtshalve nabetaald met wettelijke rente.",
        date(2025, 10, 7),
        "DT-besluit UIT-2025-041",
    )
    # Informed through the app (issue 20): the RvB member and the FEZ contact took note; SBK's
    # contact person has not yet.
    acknowledged(action, rvb, RVB_INFORMED)
    acknowledged(action, people["fez.werkgroep"], CONTACTS_INFORMED)
    notification_add(
        action,
        adviser,
        NotificationKind.RVB_INFORMED,
        "RvB per memo geïnformeerd, in afstemming met SBK.",
        date(2025, 10, 9),
        "Memo RvB 2025-112",
        channel=InformChannel.LETTER,
    )
    step_move(action, dt, StepMove.TO_RVB)
    decision_add(
        action,
        rvb,
        Forum.RVB,
        Outcome.KENNISNAME,
        "De RvB neemt het besluit van de DT ter kennisgeving aan.",
        date(2025, 10, 21),
    )
    step_move(action, adviser, StepMove.TO_EXECUTION)


def dt_waiting(people) -> None:
    """DT mandate, advice submitted: the DT of Uitkeren is to decide (step 2A)."""
    title = "Vakantiegeld WW dubbel verrekend"
    if action_exists(title):
        return
    adviser = people["herstel"]
    action = action_start(
        adviser,
        title,
        what_went_wrong="Bij een wijziging van het uitbetalingsritme werd vakantiegeld twee keer "
        "verrekend met inkomsten.",
        wrong_since=date(2025, 5, 1),
        estimated_clients=420,
        estimated_dossiers=430,
        estimated_amount=Decimal("58000.00"),
    )
    advice_fill(action, adviser, DT_PATH)
    informal_round_record(
        actor=adviser,
        herstelactie=action,
        held_on=date(2025, 11, 3),
        participants="Directeur Uitkeren en de proceseigenaar WW",
        summary="Voorkeur voor herstel zonder aanvraag van de cliënt.",
    )
    step_move(action, adviser, StepMove.SUBMIT_ADVICE)
    # Recorded here by mistake and withdrawn (issue 17): the DT has still to decide.
    dt = people["directie.uitkeren"]
    mistaken = decision_add(
        action,
        dt,
        Forum.DT,
        Outcome.BESLUIT,
        "Herstel ambtshalve, zonder aanvraag van de cliënt.",
        date(2025, 11, 10),
    )
    decision_withdraw(
        actor=dt,
        decision=mistaken,
        reason="Vastgelegd bij de verkeerde herstelactie; over dit advies heeft de DT nog niet "
        "vergaderd.",
    )


def rvb_waiting(people) -> None:
    """RvB mandate: the DT took note (and corrected its record); the RvB is to decide (2B)."""
    title = "Ten onrechte beëindigde uitkeringen na herbeoordeling"
    if action_exists(title):
        return
    adviser, dt, sbk = people["herstel"], people["directie.uitkeren"], people["herstel.sbk"]
    action = action_start(
        adviser,
        title,
        what_went_wrong="Na een herbeoordeling werden uitkeringen beëindigd terwijl de "
        "beoordeling nog niet was afgerond.",
        wrong_since=date(2024, 3, 1),
        estimated_clients=2100,
        estimated_dossiers=2300,
        estimated_amount=Decimal("3400000.00"),
    )
    consultation_record(
        actor=adviser,
        herstelactie=action,
        kind=InterestGroupKind.CLIENTENRAAD,
        name="Landelijke Cliëntenraad",
        consulted_on=date(2025, 9, 15),
        outcome="Steunt herstel; vraagt om een vast aanspreekpunt voor cliënten.",
    )
    working_group_member_add(
        actor=adviser,
        herstelactie=action,
        name="Marloes de Ruiter",
        directorate=Directorate.SMZ,
        role="Verzekeringsarts, medisch advies",
    )
    advice_fill(
        action, adviser, RVB_PATH, target_group="Ruim 2.000 cliënten van wie de uitkering stopte."
    )
    step_move(action, adviser, StepMove.SUBMIT_ADVICE)
    noted = decision_add(
        action,
        dt,
        Forum.DT,
        Outcome.KENNISNAME,
        "De DT neemt kennis van het advies.",
        date(2025, 10, 14),
    )
    decision_correct(
        actor=dt,
        decision=noted,
        outcome=Outcome.KENNISNAME,
        body="De DT neemt kennis van het advies en vult de capaciteitsparagraaf aan.",
        decided_on=date(2025, 10, 14),
        reason="De aanvulling op het advies ontbrak in het verslag.",
    )
    # The RvB member has not yet taken note of the DT's (corrected) decision in the app; the
    # FEZ contact person took note of the start.
    acknowledged(action, people["fez.werkgroep"], CONTACTS_INFORMED)
    notification_add(
        action,
        sbk,
        NotificationKind.RVB_INFORMED,
        "Geagendeerd voor de RvB-vergadering.",
        date(2025, 10, 20),
        channel=InformChannel.MEETING,
    )
    step_move(action, dt, StepMove.TO_RVB)


def minister_waiting(people) -> None:
    """An issue on an RvB mandate: Werkbedrijf is involved (its DT records a view in 2A), the
    DT of Uitkeren takes note and enriches the advice, and the RvB, choosing a scenario that
    needs the minister's approval, raises the mandate to RvB + minister with its intended
    decision; the note is with the minister (answer to record) and the RvB's contact with the
    minister is recorded."""
    title = "Terugvordering na samenloop van uitkeringen"
    if action_exists(title):
        return
    adviser, dt, rvb, sbk = (
        people["herstel"],
        people["directie.uitkeren"],
        people["rvb"],
        people["herstel.sbk"],
    )
    action = action_start(
        adviser,
        title,
        what_went_wrong="Bij samenloop van twee uitkeringen is jarenlang te veel uitbetaald; "
        "terugvorderen raakt een kwetsbare groep.",
        wrong_since=date(2021, 1, 1),
        estimated_clients=9500,
        estimated_dossiers=11000,
        estimated_amount=Decimal("27500000.00"),
    )
    issue_communication(
        action,
        communicatie=people["communicatie-herstel"],
        adviser=adviser,
        sbk=sbk,
        uitkeren=adviser.business_unit,
    )
    # Werkbedrijf is involved: its adviser joins the working group, so its DT takes part in 2A.
    working_group_member_add(
        actor=adviser,
        herstelactie=action,
        user=people["herstel.wb"],
        role="Werkbedrijf: schuldhulp en re-integratie van de doelgroep",
    )
    advice_fill(action, adviser, RVB_PATH, financial_money_flow="Terugvorderen brengt ruim 27 "
          "miljoen euro terug; een scenario dat daarvan afziet, vraagt het akkoord van de "
          "minister.")  # fmt: skip
    step_move(action, adviser, StepMove.SUBMIT_ADVICE)
    dt_view_record(
        actor=people["directie.wb"],
        herstelactie=action,
        position=ViewPosition.EENS_MET_KANTTEKENING,
        body="Eens met het advies. Werkbedrijf vraagt om schuldhulp vóór de eerste brief; de "
        "capaciteit daarvoor moet in het plan van aanpak.",
    )
    action.refresh_from_db()
    advice_enrichment_save(
        actor=dt,
        herstelactie=action,
        body="De DT vult aan: een scenario met een drempelbedrag ontziet de kwetsbaarste "
        "cliënten; reken op 6 fte extra bij Werkbedrijf voor schuldhulp.",
        expected_version=0,
    )
    decision_add(
        action, dt, Forum.DT, Outcome.KENNISNAME, "Kennisgenomen en verrijkt.", date(2025, 9, 2)
    )
    step_move(action, dt, StepMove.TO_RVB)
    action.refresh_from_db()
    # The RvB chooses to waive recovery under a threshold: a scenario the minister must approve.
    mandate_raise(
        actor=rvb,
        herstelactie=action,
        new_mandate=Mandate.RVB_MINISTER,
        reason="Afzien van terugvordering onder een drempelbedrag schrijft ruim 20 miljoen euro "
        "af: een groot beroep op de grote geldstroom, dus het akkoord van de minister.",
        expected_version=action.version,
        intended_body="De RvB wil afzien van terugvordering onder een drempelbedrag en legt dit "
        "voor aan de minister.",
        decided_on=date(2025, 9, 16),
        document="RvB-besluitenlijst 2025-33",
    )
    action.refresh_from_db()
    minister_contact_record(
        actor=rvb,
        herstelactie=action,
        contact_on=date(2025, 9, 23),
        form=ContactForm.OVERLEG,
        summary="Bestuurlijk overleg: de minister wil het drempelbedrag toegelicht zien in de nota.",
    )
    # Recorded on the wrong action and withdrawn with the reason: it stays, struck through.
    mistaken = minister_contact_record(
        actor=sbk,
        herstelactie=action,
        contact_on=date(2025, 9, 24),
        form=ContactForm.TELEFOON,
        summary="Telefoon met SZW over de planning van de nota.",
    )
    minister_contact_withdraw(
        actor=sbk,
        contact=mistaken,
        reason="Vastgelegd bij de verkeerde herstelactie: dit ging over een andere nota.",
    )
    action.refresh_from_db()
    note = note_and_plan(action, sbk=sbk, adviser=adviser)
    notification_add(
        action,
        sbk,
        NotificationKind.MINISTER_NOTE,
        "Nota aan de minister met verzoek tot besluit, opgesteld met de directie van SZW.",
        date(2025, 9, 30),
        "Nota SZW 2025-0917",
        document_file=note,
    )


def step_1(people) -> None:
    """Step 1, led by Werkbedrijf: the advice is half done; Hester reads along."""
    title = "Te laat verwerkte inkomstenopgaven"
    if action_exists(title):
        return
    adviser = people["herstel.wb"]
    action = action_start(
        adviser,
        title,
        what_went_wrong="Inkomstenopgaven bleven weken liggen, waardoor voorschotten te hoog "
        "uitvielen.",
        wrong_since=date(2025, 6, 1),
        estimated_clients=760,
    )
    working_group_member_add(
        actor=adviser,
        herstelactie=action,
        user=people["herstel"],
        directorate=Directorate.UITKEREN,
        role="Adviseur Uitkeren, meelezer",
    )
    action.refresh_from_db()
    advice_save(
        actor=adviser,
        herstelactie=action,
        expected_version=action.version,
        sections={
            AdviceSection.TARGET_GROUP: "Cliënten met wisselende inkomsten en een voorschot.",
            AdviceSection.LEGAL_FRAMEWORK: "Herziening van het voorschot is mogelijk.",
        },
        criteria={
            Criterion.WITHIN_LAW: CriterionJudged(True, "De wet staat herziening toe.", "JKC"),
            Criterion.CLIENT_IMPACT: CriterionJudged(
                True, "Terugbetalen raakt deze cliënten hard.", "Adviseur Werkbedrijf"
            ),
        },
    )
    # SBK co-writes the advice (issue 20): asked to write the communication section, it does.
    advice_section_assign(
        actor=adviser,
        herstelactie=action,
        section=AdviceSection.COMMUNICATION,
        note="Graag met het oog op de Kamervragen over voorschotten.",
    )
    action.refresh_from_db()
    advice_section_write(
        actor=people["herstel.sbk"],
        herstelactie=action,
        expected_version=action.version,
        section=AdviceSection.COMMUNICATION,
        text="Een brief per cliënt met de herziene berekening; de woordvoering is voorbereid op "
        "vragen over voorschotten.",
    )
