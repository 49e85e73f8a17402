"""An approach well under way in the demo town, so a newcomer sees a living example.

Everything is made through the services, by the demo users who would do it: the analyst runs
and finalises the local safety analysis, the mayor records the decision, and the coordinator
(Sanne de Vries, the project leader) starts the approach and fills it in: the project
structure, goals, actions, meetings, requests for a decision and the communication log, with
steps 1-4 of the robbery step plan completed and step 5 under way, and the victim-aftercare
plan beside it. A second, newer decision (join the dark days offensive) waits for an approach.

All names and texts are fictional. Deadlines of open actions are counted from the day the demo
is loaded, so two are always overdue.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone, translation

from overvalregie.approach import services as approach_services
from overvalregie.approach.models import (
    ActionItem,
    ActionStatus,
    ApproachStep,
    Audience,
    Channel,
    Commitment,
    CommunicationEntry,
    DecisionRequest,
    Goal,
    Meeting,
    MeetingKind,
    MemberRole,
    MetricArea,
    MetricKind,
    MetricPeriod,
    Presence,
    ProjectMember,
    StepPlan,
)
from overvalregie.geography.models import Municipality
from overvalregie.incidents.choices import TargetType
from overvalregie.organisations.models import Organisation, User
from overvalregie.organisations.roles import OrganisationKind as K
from overvalregie.safety_analysis import services as analysis_services
from overvalregie.safety_analysis.models import DecidingBody, DecisionChoice, FindingMethod
from overvalregie.safety_analysis.scope import MUNICIPALITY

ANALYSIS_PERIOD = (dt.date(2021, 11, 1), dt.date(2025, 10, 31))
APPROACH_NAME = "Aanpak overvallen {town} 2026"
#: Robbery step plan: steps 1-4 are completed, step 5 is under way.
COMPLETED_STEPS = ("samenwerking", "haalbaarheid", "probleemanalyse", "plan-van-aanpak")
#: Every target but homes: the business robberies.
BUSINESS_TARGETS = [t for t in TargetType.values if t != TargetType.HOME]

P, E, A = Presence.PRESENT, Presence.EXCUSED, Presence.ABSENT


def write_approach_example(town_code: str) -> dict[str, int]:
    """Write the example approach of the town ``town_code``; return what was created."""
    with translation.override("nl"):
        return _Example(town_code).write()


class _Example:
    def __init__(self, town_code: str):
        self.town = Municipality.objects.get(code=town_code)
        users = User.objects.in_bulk(
            ["coordinator", "mayor", "analyst", "caseworker", "victimworker", "partner"],
            field_name="username",
        )
        self.coordinator = users["coordinator"]
        self.mayor = users["mayor"]
        self.analyst = users["analyst"]
        self.users = users
        organisations = Organisation.objects.filter(
            municipality=self.town
        ) | Organisation.objects.filter(police_unit_id=self.town.police_unit_id)
        self.org = {o.kind: o for o in organisations}
        self.today = timezone.localdate()

    def days(self, n: int) -> dt.date:
        """``n`` days from the load date (negative: before it)."""
        return self.today + dt.timedelta(days=n)

    def save(self, part):
        return approach_services.save_part(self.coordinator, part)

    # --- the whole example ----------------------------------------------------------------

    def write(self) -> dict[str, int]:
        analysis = self.analysis()
        decision = self.decision(analysis)
        self.approach = approach_services.start(
            self.coordinator,
            municipality=self.town,
            kind="specific",
            name=APPROACH_NAME.format(town=self.town.name),
            started=dt.date(2025, 12, 1),
            ends=dt.date(2026, 12, 31),
            description=(
                f"Integrale aanpak van overvallen in {self.town.name}, gestart op het besluit "
                "van de driehoek van 20 november 2025. Zwaartepunt: bedrijfsovervallen in de "
                "binnenstad en het stationsgebied, herhaald slachtofferschap en een "
                "persoonsgerichte aanpak van de bekende daders."
            ),
            decision=decision,
        )
        self.approach.budget = Decimal("85000.00")
        approach_services.save_part(
            self.coordinator, self.approach, version=self.approach.version, changed=["budget"]
        )
        members = self.members()
        commitments = self.commitments()
        goals = self.goals()
        requests = self.requests()
        meetings = self.meetings(members, decision, requests)
        actions = self.actions(members, goals, meetings)
        communications = self.communications()
        self.steps()
        self.dark_days_decision(analysis)
        return {
            "safety_analyses": 1,
            "decisions": 2,
            "approaches": 1,
            "approach_members": len(members),
            "approach_commitments": len(commitments),
            "approach_goals": len(goals),
            "approach_actions": len(actions),
            "approach_meetings": len(meetings),
            "approach_decision_requests": len(requests),
            "approach_communications": len(communications),
        }

    # --- the safety analysis and the decisions --------------------------------------------

    def analysis(self):
        analysis = analysis_services.start(self.analyst, self.town, *ANALYSIS_PERIOD, MUNICIPALITY)
        # start() queued the computation for the worker; compute it now instead. When the
        # worker gets to the task it finds the version no longer running and leaves it.
        analysis_services.run(str(analysis.pk))
        analysis.refresh_from_db()
        analysis_services.add_finding(
            self.analyst,
            analysis,
            FindingMethod.NEIGHBOURHOOD_WALK,
            "Wijkschouw stationsgebied (september 2025): slecht verlichte achterzijden van de "
            "winkels aan het Stationsplein, vluchtroutes via het fietspad langs het spoor, "
            "twee snackbars sluiten na 23.00 uur met veel contant geld in de kassa.",
        )
        analysis_services.add_finding(
            self.analyst,
            analysis,
            FindingMethod.INTERVIEW,
            "Gesprekken met de wijkagenten binnenstad en de voorzitter van de "
            "ondernemersvereniging: ondernemers melden pogingen niet altijd, en wie eerder is "
            "overvallen weet vaak niet welke beveiligingsmaatregelen helpen.",
        )
        analysis_services.set_priorities(
            self.analyst,
            analysis,
            "1. Bedrijfsovervallen in de binnenstad en het stationsgebied, vooral op winkels, "
            "snackbars en tankstations in de avond.\n"
            "2. Ondernemers die vaker zijn overvallen: beveiligingsadvies en nazorg.\n"
            "3. De bekende groep jonge daders: persoonsgerichte aanpak met OM en reclassering.",
        )
        analysis_services.finalise(self.analyst, analysis)
        return analysis

    def decision(self, analysis):
        return analysis_services.record_decision(
            self.mayor,
            analysis,
            body=DecidingBody.TRIANGLE,
            date=dt.date(2025, 11, 20),
            choice=DecisionChoice.SPECIFIC,
            advice_police=(
                "De politie adviseert een specifieke aanpak: het aantal bedrijfsovervallen ligt "
                "boven het regionale gemiddelde en concentreert zich in de binnenstad en het "
                "stationsgebied. De basisteams leveren extra surveillance in de avonduren."
            ),
            advice_prosecution=(
                "Het OM steunt de aanpak en wijst een officier van justitie aan. Verdachten van "
                "overvallen krijgen voorrang bij de afdoening; bij jonge daders gaat de "
                "persoonsgerichte aanpak samen met de reclassering."
            ),
            advice_officials=(
                "Start de aanpak op 1 december 2025 voor een jaar, met een projectleider van "
                "de gemeente en een budget van 85.000 euro uit het veiligheidsbudget en de "
                "bijdrage van de ondernemers."
            ),
        )

    def dark_days_decision(self, analysis) -> None:
        """A newer decision on the same analysis that no approach has come from yet."""
        analysis_services.record_decision(
            self.mayor,
            analysis,
            body=DecidingBody.MAYOR,
            date=dt.date(2026, 11, 16),
            choice=DecisionChoice.DARK_DAYS,
            advice_police=(
                "In de donkere maanden nemen overvallen op winkels en snackbars toe. De politie "
                "adviseert aan te sluiten bij het regionale offensief donkere dagen."
            ),
            advice_officials=(
                "Sluit aan bij het offensief donkere dagen van november 2026 tot en met "
                "februari 2027, naast de lopende aanpak."
            ),
        )

    # --- the project structure ------------------------------------------------------------

    def members(self) -> dict[str, ProjectMember]:
        org, users = self.org, self.users
        rows = {
            # key: (name, organisation, user, role, function, mandate)
            "leader": (
                "Sanne de Vries",
                org[K.MUNICIPALITY],
                users["coordinator"],
                MemberRole.LEADER,
                "Programmamanager veiligheid",
                "Stuurt de projectgroep aan en besteedt het projectbudget binnen de kaders "
                "van de driehoek.",
            ),
            "secretary": (
                "Tom Willems",
                org[K.MUNICIPALITY],
                None,
                MemberRole.SECRETARY,
                "Beleidsmedewerker openbare orde en veiligheid",
                "",
            ),
            "prosecutor": (
                "mr. Hanneke Dijkstra",
                org[K.PROSECUTION],
                None,
                MemberRole.MEMBER,
                "Officier van justitie, portefeuille overvallen",
                "Beslist over vervolgingsprioriteit en snelrecht bij overvallen.",
            ),
            "police": (
                "Fatima El Amrani",
                org[K.POLICE],
                users["analyst"],
                MemberRole.MEMBER,
                "Informatieanalist, basisteam Voorbeeldstad",
                "Levert de overvalcijfers en hotspotanalyses; zet surveillance in na overleg "
                "met de teamchef.",
            ),
            "probation": (
                "Jeroen Bakker",
                org[K.PROBATION],
                users["caseworker"],
                MemberRole.MEMBER,
                "Reclasseringswerker, team jeugd en jongvolwassenen",
                "Neemt deel aan het casusoverleg persoonsgerichte aanpak.",
            ),
            "victim_support": (
                "Lotte Visser",
                org[K.VICTIM_SUPPORT],
                users["victimworker"],
                MemberRole.MEMBER,
                "Coördinator slachtofferhulp",
                "Regelt de nazorg voor slachtoffers van overvallen.",
            ),
            "khn": (
                "Kees Smit",
                org[K.KHN],
                users["partner"],
                MemberRole.MEMBER,
                "Voorzitter KHN afdeling",
                "Spreekt namens de horeca en snackbars.",
            ),
            "retail": (
                "Ingrid Kok",
                org[K.RETAIL],
                None,
                MemberRole.ADVISER,
                "Regiomanager veilig ondernemen",
                "Adviseert over beveiliging van winkels.",
            ),
            "business": (
                "Ahmed Benali",
                org[K.BUSINESS_ASSOCIATION],
                None,
                MemberRole.MEMBER,
                "Bestuurslid veiligheid",
                "Zegt namens de ondernemers in de binnenstad bijdragen toe tot 20.000 euro.",
            ),
            "mayor": (
                "Pieter Jansen",
                org[K.MUNICIPALITY],
                users["mayor"],
                MemberRole.TRIANGLE,
                "Burgemeester",
                "Gezag over de openbare orde; neemt de besluiten van de gemeente in de driehoek.",
            ),
            "chief_prosecutor": (
                "mr. Robert van Leeuwen",
                org[K.PROSECUTION],
                None,
                MemberRole.TRIANGLE,
                "Hoofdofficier van justitie",
                "Gezag over de opsporing.",
            ),
            "police_chief": (
                "Marieke Bos",
                org[K.POLICE],
                None,
                MemberRole.TRIANGLE,
                "Districtschef politie",
                "Beslist over de inzet van politiecapaciteit.",
            ),
        }
        return {
            key: self.save(
                ProjectMember(
                    approach=self.approach,
                    name=name,
                    organisation=organisation,
                    user=user,
                    role=role,
                    function=function,
                    mandate=mandate,
                )
            )
            for key, (name, organisation, user, role, function, mandate) in rows.items()
        }

    def commitments(self) -> list[Commitment]:
        rows = [
            (
                K.MUNICIPALITY,
                "60000",
                "0.8",
                "Projectleider en secretaris; subsidieregeling camerabeveiliging voor "
                "ondernemers; publiekscampagne.",
            ),
            (
                K.POLICE,
                None,
                "1.5",
                "Extra surveillance in de avonduren in binnenstad en stationsgebied; "
                "kwartaalanalyse van overvallen en hotspots.",
            ),
            (
                K.PROSECUTION,
                None,
                "0.1",
                "Vaste officier van justitie; voorrang en snelrecht bij overvallen.",
            ),
            (
                K.VICTIM_SUPPORT,
                None,
                "0.2",
                "Contact met ieder slachtoffer binnen 48 uur na de overval.",
            ),
            (
                K.BUSINESS_ASSOCIATION,
                "20000",
                None,
                "Eigen bijdrage aan camera's en kassasystemen met tijdslot; ledenbrief.",
            ),
            (
                K.KHN,
                "5000",
                None,
                "Overvaltrainingen voor horeca en snackbars.",
            ),
        ]
        return [
            self.save(
                Commitment(
                    approach=self.approach,
                    organisation=self.org[kind],
                    money=None if money is None else Decimal(money),
                    people=None if people is None else Decimal(people),
                    measures=measures,
                )
            )
            for kind, money, people, measures in rows
        ]

    # --- the plan of approach -------------------------------------------------------------

    def goals(self) -> dict[str, Goal]:
        common = {"approach": self.approach, "area": MetricArea.MUNICIPALITY}
        return {
            # 2025 H1: 19 business robberies in the demo town; 2026 H1 came down to 11.
            "business": self.save(
                Goal(
                    **common,
                    title="Minder bedrijfsovervallen",
                    rationale=(
                        "Bedrijfsovervallen (alle doelwitten behalve woningen) terugbrengen "
                        "van het niveau van het eerste halfjaar 2025 naar hooguit 12 per "
                        "halfjaar, eind 2026."
                    ),
                    metric=MetricKind.COUNT,
                    period=MetricPeriod.HALF_YEAR,
                    target_types=BUSINESS_TARGETS,
                    baseline_start=dt.date(2025, 1, 1),
                    target=12,
                    deadline=dt.date(2026, 12, 31),
                    owner=self.org[K.POLICE],
                )
            ),
            # 2025: three businesses robbed more than once.
            "repeat": self.save(
                Goal(
                    **common,
                    title="Minder herhaald slachtofferschap",
                    rationale=(
                        "Ondernemers die zijn overvallen krijgen nazorg en een "
                        "beveiligingsadvies, zodat in 2026 hooguit één bedrijf vaker dan eens "
                        "wordt overvallen."
                    ),
                    metric=MetricKind.REPEAT,
                    period=MetricPeriod.YEAR,
                    target_types=BUSINESS_TARGETS,
                    baseline_start=dt.date(2025, 1, 1),
                    target=1,
                    deadline=dt.date(2026, 12, 31),
                    owner=self.org[K.VICTIM_SUPPORT],
                )
            ),
            # 2025: about a third solved.
            "solved": self.save(
                Goal(
                    **common,
                    title="Meer overvallen opgelost",
                    rationale=(
                        "Door snelle opvolging, camerabeelden en voorrang bij het OM stijgt het "
                        "aandeel opgeloste overvallen naar 40 procent over 2026."
                    ),
                    metric=MetricKind.SOLVED,
                    period=MetricPeriod.YEAR,
                    baseline_start=dt.date(2025, 1, 1),
                    target=40,
                    deadline=dt.date(2026, 12, 31),
                    owner=self.org[K.PROSECUTION],
                )
            ),
        }

    def requests(self) -> dict[str, DecisionRequest]:
        return {
            "cameras": self.save(
                DecisionRequest(
                    approach=self.approach,
                    question=(
                        "Stemt de driehoek in met tijdelijk cameratoezicht op het Stationsplein "
                        "en de Spoorstraat van juli tot en met december 2026?"
                    ),
                    raised=dt.date(2026, 5, 11),
                )
            ),
            "extension": self.save(
                DecisionRequest(
                    approach=self.approach,
                    question=(
                        "Verlengt de driehoek de aanpak tot en met 2027, met een budget van "
                        "70.000 euro, nu de bedrijfsovervallen dalen maar het aandeel opgeloste "
                        "overvallen achterblijft?"
                    ),
                    raised=dt.date(2026, 10, 19),
                )
            ),
        }

    def meetings(self, members, decision, requests) -> dict[str, Meeting]:
        triangle = ("mayor", "chief_prosecutor", "police_chief", "leader")
        group = (
            "leader",
            "secretary",
            "prosecutor",
            "police",
            "probation",
            "victim_support",
            "khn",
            "retail",
            "business",
        )

        def attendance(keys, excused=(), absent=()):
            return {members[k]: E if k in excused else A if k in absent else P for k in keys}

        rows = [
            (
                "triangle-1",
                MeetingKind.TRIANGLE,
                dt.date(2025, 12, 8),
                "1. Besluit specifieke aanpak overvallen (20 november)\n"
                "2. Projectstructuur en projectleider\n3. Budget 2026",
                "De burgemeester licht het besluit toe. De driehoek stelt de projectstructuur "
                "vast met Sanne de Vries als projectleider. Het OM wijst mr. Dijkstra aan als "
                "vaste officier van justitie. De politie zegt extra surveillance in de "
                "avonduren toe.",
                "Projectstructuur vastgesteld; budget van 85.000 euro vastgesteld; "
                "eerste voortgangsbespreking in maart 2026.",
                attendance(triangle),
                [decision],
                {},
            ),
            (
                "group-1",
                MeetingKind.PROJECT_GROUP,
                dt.date(2025, 12, 15),
                "1. Kennismaking en rollen\n2. Probleemanalyse uit de veiligheidsanalyse\n"
                "3. Eerste acties",
                "De projectgroep bespreekt de veiligheidsanalyse: de meeste overvallen vinden "
                "plaats in de binnenstad en het stationsgebied, 's avonds tussen 18 en 23 uur. "
                "De ondernemersvereniging vraagt om ondersteuning bij camerabeveiliging.",
                "Overvaltraining en camerasubsidie worden voorbereid; Slachtofferhulp legt de "
                "nazorgafspraken vast.",
                attendance(group, excused=("retail",)),
                [],
                {},
            ),
            (
                "group-2",
                MeetingKind.PROJECT_GROUP,
                dt.date(2026, 2, 9),
                "1. Plan van aanpak: doelen en acties\n2. Subsidieregeling camera's\n"
                "3. Communicatie naar ondernemers",
                "Het plan van aanpak wordt besproken en met kleine wijzigingen vastgesteld. "
                "De gemeente publiceert de subsidieregeling in maart.",
                "Plan van aanpak vastgesteld: drie doelen en de acties met eigenaar en termijn.",
                attendance(group, excused=("prosecutor",)),
                [],
                {},
            ),
            (
                "triangle-2",
                MeetingKind.TRIANGLE,
                dt.date(2026, 3, 16),
                "1. Voortgang aanpak overvallen\n2. Plan van aanpak",
                "De projectleider presenteert het plan van aanpak en de eerste cijfers. Het "
                "aantal bedrijfsovervallen ligt in het eerste kwartaal lager dan een jaar "
                "eerder.",
                "Plan van aanpak bekrachtigd.",
                attendance(triangle),
                [],
                {},
            ),
            (
                "group-3",
                MeetingKind.PROJECT_GROUP,
                dt.date(2026, 5, 11),
                "1. Voortgang acties\n2. Herhaald slachtofferschap\n3. Cameratoezicht "
                "stationsgebied",
                "Drie ondernemers zijn vaker overvallen; zij krijgen een beveiligingsscan. De "
                "politie stelt voor het stationsgebied tijdelijk cameratoezicht voor; dat "
                "vraagt een besluit van de driehoek.",
                "Verzoek om een besluit over cameratoezicht aan de driehoek.",
                attendance(group, absent=("khn",)),
                [],
                {},
            ),
            (
                "triangle-3",
                MeetingKind.TRIANGLE,
                dt.date(2026, 6, 15),
                "1. Voortgangsrapportage\n2. Besluit cameratoezicht stationsgebied",
                "De bedrijfsovervallen dalen; het aandeel opgeloste overvallen blijft achter. "
                "Het OM stelt voor snelrechtafspraken te maken.",
                "Cameratoezicht stationsgebied juli tot en met december 2026 goedgekeurd; "
                "OM en politie maken snelrechtafspraken.",
                attendance(triangle, excused=("chief_prosecutor",)),
                [],
                {
                    requests["cameras"]: (
                        "Ja: tijdelijk cameratoezicht van 1 juli tot en met 31 december 2026, "
                        "met een evaluatie in de driehoek van oktober."
                    )
                },
            ),
            (
                "group-4",
                MeetingKind.PROJECT_GROUP,
                dt.date(2026, 9, 14),
                "1. Voortgang acties\n2. Voorbereiding donkere dagen\n3. Tussenevaluatie",
                "De snelrechtafspraken lopen vertraging op. De politie bereidt de extra "
                "surveillance voor de donkere dagen voor. De tussenevaluatie wordt in het "
                "najaar opgesteld.",
                "Projectleider stelt de tussenevaluatie op voor de driehoek.",
                attendance(group, excused=("business",)),
                [],
                {},
            ),
            (
                "triangle-4",
                MeetingKind.TRIANGLE,
                dt.date(2026, 10, 5),
                "1. Voortgangsrapportage\n2. Evaluatie cameratoezicht\n3. Vervolg in 2027",
                "Het cameratoezicht heeft geholpen bij twee aanhoudingen. De driehoek wil voor "
                "het einde van het jaar een voorstel voor het vervolg in 2027.",
                "Cameratoezicht loopt door tot eind december; projectleider legt een voorstel "
                "voor verlenging voor.",
                attendance(triangle),
                [],
                {},
            ),
            (
                "case-1",
                MeetingKind.CASE_CONFERENCE,
                dt.date(2026, 10, 20),
                "Casusoverleg persoonsgerichte aanpak: bespreking van de vaste groep jonge "
                "verdachten",
                "Voor vier jongeren uit de groep zijn afspraken gemaakt over toezicht, "
                "school of werk en een gebiedsverbod voor de binnenstad.",
                "Reclassering en politie stemmen de meldingen af; volgende bespreking in januari.",
                attendance(("leader", "prosecutor", "police", "probation")),
                [],
                {},
            ),
        ]
        meetings = {}
        for key, kind, date, agenda, minutes, taken, present, decisions, answers in rows:
            meetings[key] = approach_services.record_meeting(
                self.coordinator,
                Meeting(
                    approach=self.approach,
                    kind=kind,
                    date=date,
                    agenda=agenda,
                    minutes=minutes,
                    decisions_taken=taken,
                ),
                attendance=present,
                decisions=decisions,
                answers=answers,
            )
        return meetings

    def actions(self, members, goals, meetings) -> list[ActionItem]:
        org = self.org
        # (title, description, owner, organisation, deadline, status, completed, goal, meeting)
        rows = [
            (
                "Nazorgafspraken na overvallen vastleggen",
                "Wie neemt na een overval binnen 48 uur contact op met het slachtoffer, en hoe "
                "komt de melding van de politie bij Slachtofferhulp?",
                "victim_support",
                K.VICTIM_SUPPORT,
                dt.date(2026, 2, 15),
                ActionStatus.DONE,
                dt.date(2026, 2, 10),
                "repeat",
                "group-1",
            ),
            (
                "Overvaltraining voor ondernemers in de binnenstad",
                "Twee avonden training voor winkeliers, horeca en snackbars: hoe voorkom je een "
                "overval en wat doe je als het toch gebeurt.",
                "khn",
                K.KHN,
                dt.date(2026, 3, 31),
                ActionStatus.DONE,
                dt.date(2026, 3, 24),
                "business",
                "group-1",
            ),
            (
                "Subsidieregeling camerabeveiliging openstellen",
                "Tot 1.500 euro per ondernemer voor camera's en een kassasysteem met tijdslot.",
                "leader",
                K.MUNICIPALITY,
                dt.date(2026, 4, 1),
                ActionStatus.DONE,
                dt.date(2026, 3, 2),
                "business",
                "group-2",
            ),
            (
                "Hotspotanalyse per kwartaal voor de projectgroep",
                "Kaart en cijfers van overvallen en pogingen in het afgelopen kwartaal.",
                "police",
                K.POLICE,
                dt.date(2026, 9, 30),
                ActionStatus.DONE,
                dt.date(2026, 9, 11),
                "business",
                "group-2",
            ),
            (
                "Tijdelijk cameratoezicht Stationsplein en Spoorstraat",
                "Plaatsen en uitlezen van de mobiele camera's volgens het besluit van de "
                "driehoek van 15 juni.",
                "police",
                K.POLICE,
                dt.date(2026, 7, 1),
                ActionStatus.DONE,
                dt.date(2026, 6, 29),
                "solved",
                "triangle-3",
            ),
            (
                "Beveiligingsscan bij alle vaker overvallen bedrijven",
                "Een adviseur bezoekt de ondernemers die sinds 2025 meer dan eens zijn "
                "overvallen en geeft een beveiligingsadvies op maat.",
                "retail",
                K.RETAIL,
                self.days(-12),
                ActionStatus.IN_PROGRESS,
                None,
                "repeat",
                "group-3",
            ),
            (
                "Snelrechtafspraken bij overvallen vastleggen",
                "OM en politie leggen vast welke overvalzaken via snelrecht gaan en binnen "
                "welke termijn.",
                "prosecutor",
                K.PROSECUTION,
                self.days(-30),
                ActionStatus.OPEN,
                None,
                "solved",
                "triangle-3",
            ),
            (
                "Casusoverleg persoonsgerichte aanpak jonge daders",
                "Maandelijks casusoverleg over de vaste groep jonge verdachten, met een plan "
                "per persoon.",
                "probation",
                K.PROBATION,
                self.days(45),
                ActionStatus.IN_PROGRESS,
                None,
                "business",
                "group-1",
            ),
            (
                "Extra surveillance donkere dagen",
                "Extra avondsurveillance in binnenstad en stationsgebied van november tot en "
                "met februari.",
                "police",
                K.POLICE,
                self.days(60),
                ActionStatus.IN_PROGRESS,
                None,
                "business",
                "group-4",
            ),
            (
                "Tussenevaluatie opstellen voor de driehoek",
                "Wat heeft de aanpak tot nu toe opgeleverd, en wat is nodig voor 2027?",
                "leader",
                K.MUNICIPALITY,
                self.days(21),
                ActionStatus.OPEN,
                None,
                None,
                "triangle-4",
            ),
        ]
        actions = []
        for title, description, owner, kind, deadline, status, completed, goal, meeting in rows:
            action = self.save(
                ActionItem(
                    approach=self.approach,
                    title=title,
                    description=description,
                    owner=members[owner],
                    owner_organisation=org[kind],
                    deadline=deadline,
                    status=ActionStatus.DONE if status == ActionStatus.DONE else ActionStatus.OPEN,
                    completed=completed,
                    goal=goals[goal] if goal else None,
                    meeting=meetings[meeting],
                )
            )
            if status == ActionStatus.IN_PROGRESS:
                action = approach_services.set_action_status(
                    self.coordinator, action, status, version=action.version
                )
            actions.append(action)
        return actions

    def communications(self) -> list[CommunicationEntry]:
        org = self.org
        rows = [
            (
                dt.date(2025, 12, 10),
                Audience.INTERNAL,
                Channel.EMAIL,
                "Start aanpak overvallen gemeld aan het college",
                "Korte notitie aan het college en de raadscommissie over het besluit van de "
                "driehoek en de projectstructuur.",
                K.MUNICIPALITY,
            ),
            (
                dt.date(2026, 1, 20),
                Audience.PARTNERS,
                Channel.MEETING,
                "Startbijeenkomst met de partners",
                "Alle partners tekenen de samenwerkingsafspraken; toelichting op de doelen.",
                K.MUNICIPALITY,
            ),
            (
                dt.date(2026, 3, 5),
                Audience.PUBLIC,
                Channel.NEWSLETTER,
                "Ledenbrief: overvaltraining en camerasubsidie",
                "Uitnodiging voor de overvaltraining en uitleg over de subsidieregeling "
                "camerabeveiliging.",
                K.BUSINESS_ASSOCIATION,
            ),
            (
                dt.date(2026, 6, 22),
                Audience.PRESS,
                Channel.PRESS_RELEASE,
                "Cameratoezicht stationsgebied",
                "Persbericht over het tijdelijke cameratoezicht en de eerste resultaten van de "
                "aanpak.",
                K.MUNICIPALITY,
            ),
            (
                dt.date(2026, 10, 26),
                Audience.PUBLIC,
                Channel.SOCIAL,
                "Tips voor ondernemers in de donkere dagen",
                "Berichten op sociale media: weinig contant geld in de kassa, goede verlichting "
                "en altijd 112 bellen na een overval.",
                K.POLICE,
            ),
        ]
        return [
            self.save(
                CommunicationEntry(
                    approach=self.approach,
                    date=date,
                    audience=audience,
                    channel=channel,
                    subject=subject,
                    summary=summary,
                    organisation=org[kind],
                )
            )
            for date, audience, channel, subject, summary, kind in rows
        ]

    # --- the step plans -------------------------------------------------------------------

    NOTES = {
        ("overvallen", "samenwerking", "intentie"): (
            "Gemeente, politie, OM, reclassering, Slachtofferhulp, KHN, Detailhandel Nederland "
            "en de ondernemersvereniging werken een jaar samen aan minder overvallen in "
            "Voorbeeldstad, met nadruk op bedrijfsovervallen, herhaald slachtofferschap en de "
            "bekende daders. De driehoek heeft de intentie op 8 december 2025 bevestigd."
        ),
        ("slachtoffernazorg", "voorbereiden", "werkwijze"): (
            "De politie meldt iedere overval binnen 24 uur aan Slachtofferhulp. Slachtofferhulp "
            "neemt binnen 48 uur contact op met het slachtoffer; de contactpersoon van de "
            "gemeente (Tom Willems) biedt de ondernemer binnen twee weken een "
            "beveiligingsadvies aan."
        ),
    }

    def steps(self) -> None:
        coordinator = self.coordinator
        robbery = {s.key: s for s in self.approach.steps.filter(plan_key="overvallen")}
        for key in COMPLETED_STEPS:
            self._finish(robbery[key])
        # Step 5 under way: progress discussed and people informed; the interim evaluation
        # is still to be written (an action with an upcoming deadline).
        for item in robbery["uitvoering"].checklist.filter(key__in=["voortgang", "communicatie"]):
            approach_services.tick(coordinator, item, True)

        approach_services.add_plan(
            coordinator, self.approach, StepPlan.objects.get(key="slachtoffernazorg")
        )
        aftercare = {s.key: s for s in self.approach.steps.filter(plan_key="slachtoffernazorg")}
        self._finish(aftercare["voorbereiden"])
        for item in aftercare["screenen"].checklist.filter(key="behoefte"):
            approach_services.tick(coordinator, item, True)

    def _finish(self, step: ApproachStep) -> None:
        for item in step.checklist.all():
            approach_services.tick(self.coordinator, item, True)
        for artefact in step.artefacts:
            if artefact["kind"] == "note":
                text = self.NOTES[(step.plan_key, step.key, artefact["key"])]
                approach_services.save_note(self.coordinator, step, artefact["key"], text)
        approach_services.complete_step(self.coordinator, step)
