"""The herstel demo: seven fictional herstelacties, one per mandate path and stage, with working
groups, advice, decisions and a kapstokverhaal (demo/herstel_decisions.py); one in execution with
a few hundred imported dossiers and weekly snapshots, one in evaluation and one closed
(demo/herstel_execution.py). Built through the herstel services so the timeline looks like real
use. Idempotent: an action that exists (by title) is left alone (its execution is added once when
it has no go/no-go yet), and so are existing users and contact persons. Every name, number,
reference and text here is made up."""

from django.db import transaction

from demo.comments import load_herstel_comment_demo
from demo.herstel_decisions import dt_done, dt_waiting, minister_waiting, rvb_waiting, step_1
from demo.herstel_execution import closed, dt_done_execution, evaluating
from demo.people import DemoLogin, login_of, people_get_or_create
from herstel.constants import Directorate
from herstel.models import ContactPoint

# The people of the herstel demo (demo/people.py) and what each does in it, as printed.
PEOPLE = {
    "herstel": "adviseur van Uitkeren: leidt zes herstelacties",
    "herstel.wb": "adviseur van Werkbedrijf: leidt één actie in stap 1",
    "herstel.sbk": "SBK: SZW, de nota aan de minister, contactpersonen",
    "directie.uitkeren": "DT van Uitkeren: legt stap 2A vast en vult het advies aan",
    "directie.wb": "DT van Werkbedrijf (betrokken divisie): geeft een zienswijze in stap 2A",
    "rvb": "RvB: legt stap 2B vast, verhoogt zo nodig het mandaat, contact met de minister",
    "fez.werkgroep": "vaste contactpersoon FEZ: leest elke actie mee",
    "herstel.fez": "FEZ: financiële cijfers van alle acties, totaaloverzicht en export",
    "communicatie-herstel": "Communicatie: issuestatus, issuemanager van de actie met Kamervragen",
}

CONTACT_POINTS = [
    (Directorate.UITKEREN, "Ingrid Veldman", None),
    (Directorate.DHH, "Kees Molenaar", None),
    (Directorate.SMZ, "Nadia El Amrani", None),
    (Directorate.WB, "Pim Schouten", None),
    (Directorate.JKC, "mr. Lieke Verbeek", None),
    (Directorate.FEZ, "Fenna Financiën", "fez.werkgroep"),
    (Directorate.SBK, "Sara Bestuurskabinet", "herstel.sbk"),
    (Directorate.KS, "Joost Hoogland", None),
    (Directorate.COMMUNICATIE, "Romy Tersteeg", "communicatie-herstel"),
]

# In this order: the execution of the first action follows its decision.
SCENARIOS = (
    dt_done,
    dt_done_execution,
    dt_waiting,
    rvb_waiting,
    minister_waiting,
    step_1,
    evaluating,
    closed,
)


@transaction.atomic
def load_herstel_demo() -> list[DemoLogin]:
    """Create (or find) the demo herstelacties and their people; return the logins to print."""
    people = people_get_or_create(PEOPLE)
    logins = [login_of(username, note) for username, note in PEOPLE.items()]

    if not ContactPoint.objects.exists():
        for directorate, name, username in CONTACT_POINTS:
            ContactPoint.objects.create(
                directorate=directorate,
                name=name,
                email=f"{name.split()[-1].lower()}@demo.invalid",
                user=people.get(username) if username else None,
            )

    for scenario in SCENARIOS:
        scenario(people)
    load_herstel_comment_demo()
    return logins
