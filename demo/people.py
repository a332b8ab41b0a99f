"""The business units and people of every demo scenario, in one place: the sixteen units of
DOMAIN.md §2 and one row per demo user (name, unit, role). Each scenario asks for the people it
needs by username and gets them created once, with the units they belong to, so the audit demo
and the herstel demo may run in either order and never define a person twice. Everyone shares
one password, printed by `make demo` and refused outside DEBUG."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from uwvkms.constants import Role
from uwvkms.mfa import AUTHENTICATOR_NAME, mfa_required, totp_secret_text
from uwvkms.models import BusinessUnit, User

DEMO_PASSWORD = "demo-kms-2023"  # noqa: S105  (printed by `make demo`, refused outside DEBUG)
# The authenticator secret of the demo users who must use MFA (where the settings require it:
# not with `make demo`, which switches the requirement off; yes in the production-mode stack,
# whose tests compute its codes). Printed by loaddemo, as the password is.
DEMO_TOTP_KEY = b"uwvkms-demo-totp-key".hex()

# (name, abbreviation, has execution processes), DOMAIN.md §2.
UNITS = [
    ("Uitkeren", "UIT", True),
    ("Handhaving", "HH", True),
    ("Sociaal Medische Zaken", "SMZ", True),
    ("Werkbedrijf", "WB", True),
    ("Bezwaar & Beroep", "B&B", True),
    ("Gegevensdiensten", "GD", True),
    ("Klant & Service", "K&S", False),
    ("Facilitair Bedrijf", "FB", False),
    ("HRM", "HRM", False),
    ("Bureau Integriteit", "BI", False),
    ("Auditdienst", "AD", False),
    ("Bestuurszaken", "BZ", False),
    ("Communicatie", "COM", False),
    ("SBK", "SBK", False),
    ("C-ICT", "C-ICT", False),
    ("FEZ", "FEZ", False),
]
UNIT_NAMES = [name for name, _abbreviation, _execution in UNITS]

FIRST_NAMES = [
    "Anouk",
    "Bram",
    "Charlotte",
    "Daan",
    "Eva",
    "Floor",
    "Gijs",
    "Hanna",
    "Ilse",
    "Jesse",
    "Karin",
    "Lars",
    "Maaike",
    "Niels",
    "Olga",
    "Pieter",
    "Quinten",
    "Roos",
    "Sanne",
    "Thijs",
    "Ursula",
    "Vincent",
    "Wendy",
    "Xander",
    "Yara",
    "Zoë",
    "Arjen",
    "Bianca",
    "Cas",
    "Dewi",
]
LAST_NAMES = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Berg",
    "van Dijk",
    "Koster",
    "Prins",
]
AUDITOR_COUNT = 30  # DOMAIN.md §1: about thirty auditors per cycle


@dataclass(frozen=True)
class Person:
    """One demo user: their name, the business unit they belong to and their role (None for a
    working-group member without a role of their own), with any capacities on top (SBK, FEZ or
    Communicatie in herstelacties); `state` "uitgenodigd" makes an account invited that never set a password,
    for the Beheerder's list of users (the audit demo deactivates `oud.adviseur` through the
    service, so its history says who and why)."""

    username: str
    first_name: str
    last_name: str
    unit: str
    role: Role | None
    staff: bool = False
    capacities: tuple[Role, ...] = ()
    state: str = ""  # "" or "uitgenodigd"

    @property
    def roles(self) -> list[Role]:
        return ([self.role] if self.role is not None else []) + list(self.capacities)


@dataclass(frozen=True)
class DemoLogin:
    """A line of the logins that `loaddemo` prints."""

    username: str
    role: str
    unit: str
    note: str = ""


def _board_username(unit_name: str, abbreviation: str) -> str:
    # The two boards named in the README keep their readable names; the rest use the abbreviation.
    if unit_name in ("Uitkeren", "Handhaving"):
        return f"directie.{unit_name.lower()}"
    return "directie." + "".join(c for c in abbreviation.lower() if c.isalnum())


BOARDS = [
    Person(_board_username(name, abbreviation), "Directie", name, name, Role.DIRECTIE)
    for name, abbreviation, _execution in UNITS
]
AUDITORS = [
    Person(
        f"toetser{i + 1:02d}",
        FIRST_NAMES[i],
        LAST_NAMES[i],
        UNIT_NAMES[i % len(UNIT_NAMES)],
        Role.TOETSER,
    )
    for i in range(AUDITOR_COUNT)
]

# Everyone, once. The order is the order of creation when the audit demo runs first.
PEOPLE: dict[str, Person] = {
    person.username: person
    for person in [
        Person("coordinatie", "Marieke", "Coördinator", "Bestuurszaken", Role.COORDINATIETEAM),
        # A second team member, so the report's texts get their akkoord from other eyes.
        Person("coordinatie2", "Joost", "Verhoeven", "FEZ", Role.COORDINATIETEAM),
        Person("rvb", "Robert", "Bestuurder", "Bestuurszaken", Role.RVB),
        *BOARDS,
        Person("herstel", "Hester", "Hersteladviseur", "Uitkeren", Role.HERSTEL_ADVISEUR),
        Person("beheerder", "Bart", "Beheerder", "C-ICT", Role.BEHEERDER, staff=True),
        *AUDITORS,
        Person("herstel.wb", "Wouter", "Werkbedrijf", "Werkbedrijf", Role.HERSTEL_ADVISEUR),
        Person(
            "herstel.sbk",
            "Sara",
            "Bestuurskabinet",
            "SBK",
            Role.HERSTEL_ADVISEUR,
            capacities=(Role.SBK,),
        ),
        Person("fez.werkgroep", "Fenna", "Financiën", "FEZ", None),
        # Directie Communicatie in herstelacties (issue 20): the fixed contact person of
        # Communicatie, issuemanager of the demo's issue.
        Person(
            "communicatie-herstel",
            "Romy",
            "Tersteeg",
            "Communicatie",
            None,
            capacities=(Role.COMMUNICATIE,),
        ),
        Person(
            "herstel.fez",
            "Frank",
            "Controller",
            "FEZ",
            Role.HERSTEL_ADVISEUR,
            capacities=(Role.FEZ,),
        ),
        # For the Beheerder's list of users: a former adviser, deactivated, and a new colleague
        # invited who has not set a password yet. Neither can log in; their units lead no
        # herstelactie, so no scenario counts on them.
        Person(
            "oud.adviseur",
            "Olaf",
            "Oudgediende",
            "HRM",
            Role.HERSTEL_ADVISEUR,
        ),
        Person(
            "nieuw.adviseur",
            "Noor",
            "Nieuwkomer",
            "Klant & Service",
            Role.HERSTEL_ADVISEUR,
            state="uitgenodigd",
        ),
    ]
}


def units_get_or_create(names: Iterable[str]) -> dict[str, BusinessUnit]:
    """The named business units of DOMAIN.md §2, created when missing (an existing unit is left
    as it is). Returned by name, in the order asked."""
    known = {name: (abbreviation, execution) for name, abbreviation, execution in UNITS}
    units = {}
    for name in names:
        abbreviation, execution = known[name]
        units[name] = BusinessUnit.objects.get_or_create(
            name=name,
            defaults={"abbreviation": abbreviation, "has_execution_processes": execution},
        )[0]
    return units


def people_get_or_create(usernames: Iterable[str]) -> dict[str, User]:
    """The named demo users, created with their unit, role group and the demo password when
    missing; an existing user (another scenario made them, or someone changed them) is left as it
    is. Returned by username, in the order asked."""
    persons = [PEOPLE[username] for username in usernames]
    units = units_get_or_create(dict.fromkeys(person.unit for person in persons))
    # The role groups come from a migration; get_or_create, as that migration does, so the demo
    # also loads into a database flushed since (a transactional test flushes every table).
    groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}
    # One hash for every demo user: hashing each of them would take seconds.
    password_hash = make_password(DEMO_PASSWORD)
    users = {}
    for person in persons:
        user, created = User.objects.get_or_create(
            username=person.username,
            defaults={
                "first_name": person.first_name,
                "last_name": person.last_name,
                "email": f"{person.username}@demo.invalid",
                "business_unit": units[person.unit],
                "is_staff": person.staff,
                "is_superuser": person.staff,
                # An invited account has no password of its own yet (Django's unusable mark).
                "password": make_password(None) if person.state == "uitgenodigd" else password_hash,
            },
        )
        if created and person.roles:
            user.groups.set([groups[role] for role in person.roles])
        if created and _needs_authenticator(person):
            TOTPDevice.objects.create(
                user=user, key=DEMO_TOTP_KEY, name=AUTHENTICATOR_NAME, confirmed=True
            )
        users[person.username] = user
    return users


def _needs_authenticator(person: Person) -> bool:
    """Whether the settings require this demo user to log in with a second factor."""
    roles = {person.role.value} if person.role is not None else set()
    return mfa_required(
        role_names=roles,
        required_roles=settings.MFA_REQUIRED_ROLES,
        for_all=settings.MFA_REQUIRED_FOR_ALL,
    ) or (person.staff and settings.MFA_REQUIRED_FOR_ADMIN)


def login_of(username: str, note: str = "") -> DemoLogin:
    """The printed login line of a demo user: their roles' labels (or "werkgroeplid") and unit."""
    person = PEOPLE[username]
    role = ", ".join(str(role.label) for role in person.roles) or "werkgroeplid"
    return DemoLogin(username, role, person.unit, note)


def login_lines(logins: Iterable[DemoLogin]) -> list[str]:
    """The logins as the commands print them: the shared password, then per login the name,
    role and unit in columns and the note."""
    lines = [f"  wachtwoord: {DEMO_PASSWORD}"]
    if (
        settings.MFA_REQUIRED_ROLES
        or settings.MFA_REQUIRED_FOR_ALL
        or settings.MFA_REQUIRED_FOR_ADMIN
    ):
        lines.append(
            "  authenticator-sleutel (wie tweestapsverificatie moet gebruiken): "
            + totp_secret_text(DEMO_TOTP_KEY)
        )
    for login in logins:
        note = f"  ({login.note})" if login.note else ""
        lines.append(f"  {login.username:<22} {login.role:<28} {login.unit}{note}")
    return lines
