"""The demo partners and logins: one data structure for the loader, the printout and the tests.

Everything here is fictional. Every demo user has the password :data:`DEMO_PASSWORD` and can
only log in while the site runs in demo mode (``User.is_demo``).
"""

from __future__ import annotations

from dataclasses import dataclass

from overvalregie.demo.generator import DemoParameters
from overvalregie.organisations.roles import OrganisationKind, Role

DEMO_PASSWORD = "demo"  # noqa: S105 - public by design, refused outside demo mode


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    kind: OrganisationKind
    #: Municipality code (``GMxxxx``) it belongs to or works for, if one.
    municipality: str | None = None
    #: Police unit code (``REnn``) it works in, if one.
    police_unit: str | None = None


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    #: Name of the organisation (one of :data:`DEMO_ORGANISATIONS`) the membership is with.
    organisation: str

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


def demo_organisations(parameters: DemoParameters | None = None) -> tuple[DemoOrganisation, ...]:
    """The partners of the demo region: the approach's partners and every municipality."""
    p = parameters or DemoParameters()
    town, unit = p.town, p.police_unit_code
    region = "Voorbeeldland"
    K = OrganisationKind
    return (
        DemoOrganisation(f"Gemeente {town.name}", K.MUNICIPALITY, municipality=town.code),
        DemoOrganisation(f"Politie Eenheid {region}", K.POLICE, police_unit=unit),
        DemoOrganisation(f"OM Arrondissement {region}", K.PROSECUTION, police_unit=unit),
        DemoOrganisation(f"Reclassering {region}", K.PROBATION, police_unit=unit),
        DemoOrganisation(f"Slachtofferhulp {region}", K.VICTIM_SUPPORT, police_unit=unit),
        DemoOrganisation(f"KHN afdeling {town.name}", K.KHN, municipality=town.code),
        DemoOrganisation("Detailhandel Nederland regio Oost", K.RETAIL, police_unit=unit),
        DemoOrganisation(f"RPC {region}", K.RPC, police_unit=unit),
        DemoOrganisation(
            f"Ondernemersvereniging Binnenstad {town.name}",
            K.BUSINESS_ASSOCIATION,
            municipality=town.code,
        ),
        DemoOrganisation(f"Woonstichting {town.name}", K.HOUSING, municipality=town.code),
        *(
            DemoOrganisation(f"Gemeente {m.name}", K.MUNICIPALITY, municipality=m.code)
            for m in p.neighbours
        ),
    )


DEMO_ORGANISATIONS: tuple[DemoOrganisation, ...] = demo_organisations()

_GEMEENTE = "Gemeente Voorbeeldstad"

#: One login per role. Names are made up.
DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("coordinator", "Sanne", "de Vries", Role.COORDINATOR, _GEMEENTE),
    DemoUser("mayor", "Pieter", "Jansen", Role.ADMINISTRATOR, _GEMEENTE),
    DemoUser("analyst", "Fatima", "El Amrani", Role.ANALYST, "Politie Eenheid Voorbeeldland"),
    DemoUser("caseworker", "Jeroen", "Bakker", Role.CASEWORKER, "Reclassering Voorbeeldland"),
    DemoUser("victimworker", "Lotte", "Visser", Role.VICTIMWORKER, "Slachtofferhulp Voorbeeldland"),
    DemoUser("partner", "Kees", "Smit", Role.PARTNER, "KHN afdeling Voorbeeldstad"),
    DemoUser("overseer", "Anouk", "Mulder", Role.OVERSEER, "RPC Voorbeeldland"),
    DemoUser("privacy", "Ruud", "de Boer", Role.PRIVACY, _GEMEENTE),
    DemoUser("admin", "Eva", "Hendriks", Role.SYSADMIN, _GEMEENTE),
)
