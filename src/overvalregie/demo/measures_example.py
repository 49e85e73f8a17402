"""Measures deployed in the demo town, two of them with an effect the generator built in.

The generator's :class:`~overvalregie.demo.generator.MeasureEffect` list says which measures
changed the robberies: since 1 November 2024 camera surveillance in the town centre's KVO area
prevents most of its robberies, while the new street lighting in West, from the same day,
prevents none. Both are registered here as deployments, so that their evaluations can be
compared with the truth. The example approach adds its own deployments from December 2025:
some in an area (too recent to tell much yet, or not begun), some for the approach as a whole.
Everything is made through the services by the coordinator.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import translation

from overvalregie.approach.models import Approach
from overvalregie.demo.approach_example import APPROACH_NAME
from overvalregie.demo.generator import DemoParameters
from overvalregie.geography.models import District, FocusArea, Municipality
from overvalregie.measures import services
from overvalregie.measures.choices import DeploymentStatus
from overvalregie.measures.models import Deployment, Measure
from overvalregie.organisations.models import Organisation, User
from overvalregie.organisations.roles import OrganisationKind as K

#: What the deployments with a built-in effect say about themselves.
EFFECT_NOTES = {
    "gemeentelijk-cameratoezicht": (
        "Twaalf camera's in het kernwinkelgebied, live bekeken door de meldkamer op vrijdag- "
        "en zaterdagavond. Samen met het Keurmerk Veilig Ondernemen voor de binnenstad.",
        Decimal("120000.00"),
    ),
    "verlichting-en-inrichting-openbare-ruimte": (
        "Nieuwe ledverlichting langs de winkelstraten en het snoeien van groen bij de "
        "winkelstrip, na een schouw met ondernemers en bewoners.",
        Decimal("65000.00"),
    ),
}


def write_measures_example(parameters: DemoParameters) -> dict[str, int]:
    """Write the demo's deployments; return what was created."""
    with translation.override("nl"):
        return _Example(parameters).write()


class _Example:
    def __init__(self, parameters: DemoParameters):
        self.p = parameters
        self.town = Municipality.objects.get(code=parameters.town.code)
        self.coordinator = User.objects.get(username="coordinator")
        organisations = Organisation.objects.filter(
            municipality=self.town
        ) | Organisation.objects.filter(police_unit_id=self.town.police_unit_id)
        self.org = {o.kind: o for o in organisations}
        self.measures = Measure.objects.in_bulk(field_name="key")

    def place(self, name: str) -> dict:
        """A focus area or district of the town, by name, as deployment fields."""
        focus = FocusArea.objects.filter(municipality=self.town, name=name).first()
        if focus is not None:
            return {"focus_area": focus}
        return {"district": District.objects.get(municipality=self.town, name=name)}

    def deploy(self, key: str, owner: str, start: dt.date, **fields) -> Deployment:
        deployment = Deployment(
            measure=self.measures[key],
            municipality=self.town,
            owner=self.org[owner],
            start=start,
            **fields,
        )
        return services.save_deployment(self.coordinator, deployment)

    def write(self) -> dict[str, int]:
        deployments = []
        for effect in self.p.measure_effects:
            notes, cost = EFFECT_NOTES[effect.measure]
            deployments.append(
                self.deploy(
                    effect.measure,
                    K.MUNICIPALITY,
                    effect.start,
                    notes=notes,
                    cost=cost,
                    buffer_m=int(effect.buffer_m),
                    **self.place(effect.area),
                )
            )
        approach = Approach.objects.get(
            municipality=self.town, name=APPROACH_NAME.format(town=self.town.name)
        )
        centre = f"KVO Binnenstad {self.town.name}"
        for key, owner, start, end, status, cost, place, notes in (
            (
                "preventiebezoek",
                K.POLICE,
                dt.date(2026, 1, 12),
                None,
                DeploymentStatus.RUNNING,
                None,
                "Stationskwartier",
                "Wijkagenten bezoeken de snackbars, tankstations en supermarkten rond het "
                "station; de politie geeft beveiligingsadvies op maat.",
            ),
            (
                "overvaltraining",
                K.KHN,
                dt.date(2026, 2, 2),
                dt.date(2026, 6, 30),
                DeploymentStatus.ENDED,
                Decimal("4500.00"),
                centre,
                "Vier avondtrainingen voor horeca- en winkelpersoneel, met de RAAK-regels.",
            ),
            (
                "donkere-dagen-offensief",
                K.POLICE,
                dt.date(2026, 11, 1),
                dt.date(2027, 3, 31),
                DeploymentStatus.PLANNED,
                Decimal("15000.00"),
                "Centrum",
                "Extra surveillance van politie en boa's op koopavonden en in de vroege avond.",
            ),
            (
                "nazorg-ex-gedetineerden",
                K.MUNICIPALITY,
                dt.date(2025, 12, 1),
                None,
                DeploymentStatus.RUNNING,
                Decimal("20000.00"),
                None,
                "Elke overvaller die terugkeert krijgt een casusregisseur; de vijf "
                "basisvoorwaarden worden binnen een maand na vrijlating geregeld.",
            ),
            (
                "slachtofferhulp-nederland",
                K.VICTIM_SUPPORT,
                dt.date(2025, 12, 1),
                None,
                DeploymentStatus.RUNNING,
                None,
                None,
                "De politie meldt ieder slachtoffer van een overval binnen een werkdag aan.",
            ),
        ):
            deployments.append(
                self.deploy(
                    key,
                    owner,
                    start,
                    end=end,
                    status=status,
                    cost=cost,
                    notes=notes,
                    approach=approach,
                    **(self.place(place) if place else {}),
                )
            )
        return {"deployments": len(deployments)}
