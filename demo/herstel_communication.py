"""The herstel demo's communication track (issue 20): Directie Communicatie declares the action
with announced Kamervragen an issue and designates its issuemanager, who forms the
communication working group, writes the kapstokverhaal with the joint approach and sets out a
task per discipline; the lead adviser and SBK comment on the kapstokverhaal in its thread (the
one comment mechanism, `uwvkms.comments`), SBK mentioning the adviser. Every name and text here
is made up."""

from datetime import timedelta

from django.utils import timezone

from herstel.constants import CommunicationFunction, Discipline, KapstokMove, TaskStatus
from herstel.models import Herstelactie
from herstel.services.communication import (
    communication_member_add,
    issue_set,
    issuemanager_set,
    kapstok_move,
    kapstok_save,
)
from herstel.services.communication_tasks import communication_task_add, communication_task_update
from uwvkms.comments import comment_post
from uwvkms.models import User

JOINT_APPROACH = (
    "Eerst intern: klantcontact en de divisie Uitkeren krijgen de kernboodschappen voordat de "
    "brieven de deur uitgaan. Public affairs informeert SZW over de Kamervragen; woordvoering "
    "houdt een reactieve lijn aan en verwijst naar de brief van de minister. Alle uitingen volgen "
    "de kernboodschappen van dit kapstokverhaal."
)


def issue_communication(
    action: Herstelactie, *, communicatie: User, adviser: User, sbk: User, uitkeren
) -> None:
    """The communication track of the demo's issue, run by the right people."""
    issue_set(
        actor=communicatie,
        herstelactie=action,
        is_issue=True,
        reason="Kamervragen zijn aangekondigd.",
    )
    issuemanager_set(actor=communicatie, herstelactie=action, user=communicatie)
    for function, name in [
        (CommunicationFunction.ISSUEMANAGEMENT, "Romy Tersteeg"),
        (CommunicationFunction.WOORDVOERING, "Daan Pers"),
        (CommunicationFunction.PUBLIC_AFFAIRS, "Lotte Haag"),
        (CommunicationFunction.INTERNE_COMMUNICATIE, "Bas Intranet"),
        (CommunicationFunction.ISSUE_EIGENAAR_SBK, "Sara Bestuurskabinet"),
    ]:
        communication_member_add(
            actor=communicatie, herstelactie=action, function=function, name=name
        )
    first = kapstok_save(
        actor=communicatie,
        herstelactie=action,
        expected_version=0,
        narrative="UWV heeft te veel uitbetaald en neemt zijn verantwoordelijkheid. We kiezen "
        "een aanpak die cliënten niet in de problemen brengt.",
        key_messages="UWV heeft een fout gemaakt.\nNiemand komt door de terugvordering in "
        "financiële problemen.\nCliënten krijgen persoonlijk bericht.",
        questions_answers=[
            ("Moet ik nu iets doen?", "Nee. U krijgt eerst een brief met uitleg."),
            ("Kan ik een regeling treffen?", "Ja, we stemmen het bedrag af op uw situatie."),
        ],
        joint_approach=JOINT_APPROACH,
    )
    comment_post(
        actor=adviser,
        target=first,
        text="Noem in de Q&A ook wat er gebeurt met cliënten die al een regeling hebben.",
    )
    kapstok_move(
        actor=communicatie, kapstok=first, move=KapstokMove.SUBMIT, expected_status="concept"
    )
    kapstok_move(
        actor=communicatie, kapstok=first, move=KapstokMove.ADOPT, expected_status="ter_afstemming"
    )
    second = kapstok_save(
        actor=communicatie,
        herstelactie=action,
        expected_version=1,
        narrative=first.narrative + " De minister beslist over het voorstel.",
        key_messages=first.key_messages,
        questions_answers=[(qa.question, qa.answer) for qa in first.qas.all()],
        joint_approach=JOINT_APPROACH,
    )
    comment_post(
        actor=sbk,
        target=second,
        text=f"Akkoord vanuit SBK; de nota aan de minister volgt dezelfde lijn. @{adviser.username}, "
        "de Q&A over lopende regelingen staat er nu in.",
    )
    _tasks(action, communicatie=communicatie, adviser=adviser, uitkeren=uitkeren)


def _tasks(action: Herstelactie, *, communicatie: User, adviser: User, uitkeren) -> None:
    """A task per discipline, in several states (due dates from today: the demo is fresh)."""
    today = timezone.localdate()

    def task(discipline, description, owner_name, days, **extra):
        return communication_task_add(
            actor=communicatie,
            herstelactie=action,
            discipline=discipline,
            description=description,
            owner_name=owner_name,
            due_on=today + timedelta(days=days),
            **extra,
        )

    press = task(
        Discipline.WOORDVOERING,
        "Reactieve perslijn en woordvoering bij de Kamervragen.",
        "Daan Pers",
        7,
    )
    communication_task_update(
        actor=communicatie,
        task=press,
        expected_version=1,
        status=TaskStatus.GEREED,
        done="Perslijn vastgesteld en gedeeld met de woordvoerders van dienst.",
        due_on=press.due_on,
    )
    affairs = task(
        Discipline.PUBLIC_AFFAIRS,
        "SZW informeren en de beantwoording van de Kamervragen voorbereiden.",
        "Lotte Haag",
        14,
    )
    communication_task_update(
        actor=communicatie,
        task=affairs,
        expected_version=1,
        status=TaskStatus.IN_UITVOERING,
        done="Eerste overleg met de directie van SZW gevoerd.",
        due_on=affairs.due_on,
    )
    task(
        Discipline.INTERNE_COMMUNICATIE,
        "Intranetbericht en briefing voor de medewerkers klantcontact.",
        "Bas Intranet",
        21,
    )
    task(
        Discipline.COMMUNICATIE_ADVIES,
        "Advies over de toon van de brieven aan cliënten.",
        "Romy Tersteeg",
        10,
    )
    task(
        Discipline.DIVISIE,
        "Klantcontact van Uitkeren voorbereiden op vragen na de brieven.",
        str(adviser),
        28,
        business_unit=uitkeren,
        owner_user=adviser,
    )
