"""A synthetic police region for the demo: a fictional town, its neighbours and their robberies.

Pure Python, NumPy and shapely; no Django (the loader writes the result into the database). One
``numpy.random.default_rng(seed)`` drives everything, so a seed gives the same region every time.

What it builds, in RD New metres (converted to WGS84 for storage):

- *Voorbeeldstad* (GM9999): an irregular town outline, about 45 Voronoi neighbourhoods that are
  smaller in the centre, grouped into eight contiguous districts, with radial roads, a ring
  road, a main shopping street and a shopping centre per district;
- six neighbouring municipalities as sectors of a ring around the town, each a village with a
  few neighbourhoods and an outlying area, all in one police unit (RE99);
- businesses of every robbery-relevant kind, clustered where shops cluster;
- five years of robberies from a self-exciting process: background events from a daily rate
  with an evening peak, a dark-months peak, weekday weights and a yearly trend, and offspring
  events (repeats at the same target, near-repeats close by) that cluster in space and time;
- the effect of measures (:class:`MeasureEffect`): from a start date, part of the robberies in
  an area is prevented (with the repeats and near-repeats they would have set off), and part
  of those prevented may happen nearby instead (displacement).

Every true parameter lives in :class:`DemoParameters`, which the loader stores with the data
so that tests can check that the analyses recover them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import typing
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import shapely
from scipy.spatial import cKDTree
from shapely.geometry import LineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from overvalregie.geography.spatial import to_rd, to_wgs84

#: Bump when a change to this module changes the generated data for the same seed.
GENERATOR_VERSION = 2
DEFAULT_SEED = 20211101
#: Source of every generated robbery (``Robbery.source``).
SOURCE = "demo"

#: Overlay operations snap to this grid (metres), so neighbouring areas share their edges.
GRID = 0.01
#: The final area boundaries are noded together on this grid (metres).
TOPOLOGY_GRID = 0.05

BUSINESS_TYPES = (
    "shop",
    "hospitality",
    "snack_bar",
    "petrol_station",
    "bank",
    "other_business",
)
#: Targets without a business: a robbery at a home or in the street.
POINT_TYPES = ("home", "meal_courier", "cash_in_transit")
HIGH_VALUE_TARGETS = ("cash_in_transit", "bank")


@dataclass(frozen=True)
class MunicipalitySpec:
    """One municipality of the region and its true robbery rate."""

    code: str
    name: str
    population: int
    #: Expected background robberies per year at the start of the period (offspring come on
    #: top: the total is about ``background_rate / (1 - branching ratio)``).
    background_rate: float
    #: Robbery-relevant businesses generated in it (also ``Municipality.businesses``).
    businesses: int


@dataclass(frozen=True)
class MeasureEffect:
    """A measure whose effect the generator builds into the robberies.

    From ``start`` on, each robbery in ``area`` (a focus area or district of the town, by
    name) happens with chance ``multiplier`` (0.4: 60 % fewer; 1: no effect). A prevented
    robbery sets off no repeats or near-repeats. A share ``displaced`` of the prevented ones
    happens instead at a target of the same kind in the ring of ``buffer_m`` metres around the
    area (displacement; such a robbery sets nothing off).
    """

    #: The measure's key in the catalogue (``Measure.key``).
    measure: str
    area: str
    start: dt.date
    multiplier: float
    displaced: float = 0.0
    buffer_m: float = 400.0


@dataclass(frozen=True)
class DemoParameters:
    """Every true parameter of the generated region. Stored as JSON with the demo data."""

    seed: int = DEFAULT_SEED
    version: int = GENERATOR_VERSION
    #: Fixed, so the data do not depend on today's date: five full November-October years.
    period_start: dt.date = dt.date(2021, 11, 1)
    period_end: dt.date = dt.date(2026, 10, 31)
    boundary_year: int = 2025
    centre_lon: float = 5.95
    centre_lat: float = 52.22
    police_unit_code: str = "RE99"
    police_unit_name: str = "Eenheid Voorbeeldland"
    town: MunicipalitySpec = MunicipalitySpec("GM9999", "Voorbeeldstad", 151_230, 45.0, 2000)
    neighbours: tuple[MunicipalitySpec, ...] = (
        MunicipalitySpec("GM9991", "Eikendonk", 42_350, 5.0, 460),
        MunicipalitySpec("GM9992", "Brakelveen", 18_920, 2.3, 200),
        MunicipalitySpec("GM9993", "Lindewoude", 57_640, 7.5, 640),
        MunicipalitySpec("GM9994", "Hoeverloo", 24_780, 2.9, 260),
        MunicipalitySpec("GM9995", "Zandhorst", 33_110, 3.9, 350),
        MunicipalitySpec("GM9996", "Wijkerbroek", 15_460, 1.8, 170),
    )
    town_radius_m: float = 4_000.0
    region_radius_m: float = 12_500.0
    town_neighbourhoods: int = 46
    #: District names of the town; the first is the centre, the second the station area, the
    #: others lie around it in the order of their compass bearings.
    town_district_names: tuple[str, ...] = (
        "Centrum",
        "Stationskwartier",
        "Noord",
        "Hoge Veld",
        "Oost",
        "Zuid",
        "Molenbroek",
        "West",
    )
    #: Share of the businesses per (kind, shop branch).
    business_mix: tuple[tuple[str, str, float], ...] = (
        ("shop", "supermarket", 0.022),
        ("shop", "jeweller", 0.012),
        ("shop", "tobacco", 0.010),
        ("shop", "drugstore", 0.015),
        ("shop", "phone", 0.012),
        ("shop", "other", 0.480),
        ("hospitality", "", 0.170),
        ("snack_bar", "", 0.060),
        ("petrol_station", "", 0.010),
        ("bank", "", 0.007),
        ("other_business", "", 0.202),
    )
    #: A business in the centre or a shopping centre is this much more attractive to robbers.
    cluster_attractiveness: float = 2.0
    #: Sigma of the log-normal spread of attractiveness between businesses.
    attractiveness_spread: float = 0.5
    #: Multiplicative change of the rate per year (0.90: 10 % fewer each year).
    annual_trend: float = 0.90
    dark_months: tuple[int, ...] = (10, 11, 12, 1, 2, 3)
    #: Rate in the dark months divided by the rate in the other months.
    dark_multiplier: float = 1.6
    #: Relative rate per weekday, Monday first (mean 1).
    weekday_weights: tuple[float, ...] = (0.90, 0.90, 0.95, 1.00, 1.15, 1.25, 0.85)
    #: Relative frequency per hour of the day (0-23): an evening peak between 18 and 22 h.
    hour_weights: tuple[float, ...] = (
        2.0, 1.5, 1.0, 0.6, 0.4, 0.4, 0.8, 1.2, 1.6, 2.2, 2.6, 2.8,
        3.0, 3.0, 3.2, 3.6, 4.2, 5.2, 7.0, 8.0, 8.4, 7.6, 5.0, 3.2,
    )  # fmt: skip
    #: Target mix of background robberies (offspring keep their parent's target kind).
    target_mix: tuple[tuple[str, float], ...] = (
        ("shop", 0.45),
        ("home", 0.18),
        ("hospitality", 0.08),
        ("snack_bar", 0.08),
        ("petrol_station", 0.07),
        ("meal_courier", 0.05),
        ("cash_in_transit", 0.02),
        ("bank", 0.01),
        ("other_business", 0.06),
    )
    shop_branch_mix: tuple[tuple[str, float], ...] = (
        ("supermarket", 0.38),
        ("jeweller", 0.10),
        ("tobacco", 0.10),
        ("drugstore", 0.08),
        ("phone", 0.09),
        ("other", 0.25),
    )
    #: Chance that a robbery is followed by another at the same target (business, home,
    #: delivery address, transport stop) ...
    repeat_probability: float = 0.10
    #: ... after 1 + floor(Exp(mean)) days: 75 % within six weeks.
    repeat_mean_delay_days: float = 30.0
    #: Chance that a robbery is followed by one at another target of the same kind nearby ...
    near_repeat_probability: float = 0.12
    #: ... at a distance weighted by exp(-d / scale), never beyond the maximum ...
    near_repeat_distance_scale_m: float = 200.0
    near_repeat_max_distance_m: float = 600.0
    #: ... after 1 + floor(Exp(mean)) days.
    near_repeat_mean_delay_days: float = 7.0
    attempt_probability: float = 0.25
    weapon_mix: tuple[tuple[str, float], ...] = (
        ("firearm", 0.30),
        ("knife", 0.25),
        ("blunt", 0.08),
        ("none", 0.22),
        ("unknown", 0.15),
    )
    violence_probability: float = 0.35
    #: Chance of injured people when violence was used (one, sometimes two).
    injury_probability: float = 0.45
    offender_count_mix: tuple[tuple[int, float], ...] = ((1, 0.35), (2, 0.45), (3, 0.20))
    offenders_unknown_probability: float = 0.05
    #: Loot of completed robberies; attempts take nothing.
    loot_mix: tuple[tuple[str, float], ...] = (
        ("lt500", 0.35),
        ("lt5000", 0.35),
        ("ge5000", 0.12),
        ("unknown", 0.18),
    )
    #: Loot at jewellers, banks and cash transports.
    high_value_loot_mix: tuple[tuple[str, float], ...] = (
        ("lt500", 0.10),
        ("lt5000", 0.30),
        ("ge5000", 0.50),
        ("unknown", 0.10),
    )
    time_unknown_probability: float = 0.05
    arrest_probability: float = 0.35
    solved_given_arrest_probability: float = 0.90
    #: Measures in the town with the effect built in; the demo registers them as deployments.
    #: Camera surveillance and the Keurmerk in the town centre prevent about 70 % of its
    #: robberies; the new street lighting in West prevents none.
    measure_effects: tuple[MeasureEffect, ...] = (
        MeasureEffect(
            "gemeentelijk-cameratoezicht",
            "KVO Binnenstad Voorbeeldstad",
            dt.date(2024, 11, 1),
            0.3,
        ),
        MeasureEffect(
            "verlichting-en-inrichting-openbare-ruimte", "West", dt.date(2024, 11, 1), 1.0
        ),
    )

    # -- derived quantities -------------------------------------------------------------------

    @property
    def municipalities(self) -> tuple[MunicipalitySpec, ...]:
        return (self.town, *self.neighbours)

    @property
    def days(self) -> int:
        """Number of days in the period (both ends included)."""
        return (self.period_end - self.period_start).days + 1

    @property
    def branching_ratio(self) -> float:
        """Expected offspring per robbery (at most; a near-repeat needs a target nearby)."""
        return self.repeat_probability + self.near_repeat_probability

    def hour_probabilities(self) -> np.ndarray:
        w = np.asarray(self.hour_weights, dtype=float)
        return w / w.sum()

    def daily_factors(self) -> np.ndarray:
        """Per day of the period: season x weekday x trend, each season and weekday mean 1.

        A municipality's expected background robberies on day ``d`` are
        ``background_rate / 365.25 * daily_factors()[d]``.
        """
        dates = [self.period_start + dt.timedelta(days=i) for i in range(self.days)]
        dark = np.array([d.month in self.dark_months for d in dates])
        season = np.where(dark, self.dark_multiplier, 1.0)
        season /= season.mean()  # five whole years: the calendar mean
        weekday = np.asarray(self.weekday_weights, dtype=float)
        weekday = (weekday / weekday.mean())[[d.weekday() for d in dates]]
        trend = self.annual_trend ** (np.arange(self.days) / 365.25)
        return season * weekday * trend

    # -- JSON -----------------------------------------------------------------------------------

    def to_json(self) -> dict:
        """The parameters as plain JSON (dates as ISO strings, tuples as lists)."""
        return json.loads(json.dumps(dataclasses.asdict(self), default=_json_default))

    @classmethod
    def from_json(cls, data: dict) -> DemoParameters:
        """The inverse of :meth:`to_json`."""
        hints = typing.get_type_hints(cls)
        values = {}
        for f in dataclasses.fields(cls):
            if f.name in data:
                values[f.name] = _from_json(hints[f.name], data[f.name])
        return cls(**values)


def _json_default(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {value!r}")


def _from_json(hint, value):
    if hint is dt.date:
        return dt.date.fromisoformat(value)
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        return hint(**{name: _from_json(hints[name], v) for name, v in value.items()})
    origin = typing.get_origin(hint)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_from_json(args[0], v) for v in value)
        return tuple(_from_json(a, v) for a, v in zip(args, value, strict=True))
    return value


# -- outputs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    """A police unit, municipality, district or neighbourhood."""

    level: str  # "police_unit", "municipality", "district" or "neighbourhood"
    code: str
    name: str
    population: int | None
    #: The area one level up (police unit, municipality, district), if any.
    parent_code: str | None
    municipality_code: str | None
    #: GeoJSON in WGS84 (not rounded: shared edges keep exactly the same vertices).
    geometry: dict
    businesses: int | None = None
    #: The same geometry in RD New metres.
    shape: BaseGeometry = field(compare=False, repr=False, default=None)


@dataclass(frozen=True)
class FocusAreaRecord:
    name: str
    municipality_code: str
    description: str
    geometry: dict
    shape: BaseGeometry = field(compare=False, repr=False, default=None)


@dataclass(frozen=True)
class BusinessRecord:
    index: int
    name: str
    target_type: str
    branch: str
    address: str
    opening_hours: str
    cash_handling: str
    kvo_area: bool
    #: Relative chance of being picked when a robbery of its kind happens in its municipality.
    attractiveness: float
    #: Where it was placed: centre, cluster (shopping centre), road, scattered or industrial.
    setting: str
    x: float
    y: float
    lon: float
    lat: float
    municipality_code: str
    district_code: str
    neighbourhood_code: str


@dataclass(frozen=True)
class RobberyRecord:
    index: int
    source_id: str
    date: dt.date
    time: dt.time | None
    target_type: str
    shop_branch: str
    business_index: int | None
    #: Identifies the target: repeats share it ("b12" a business, "p34" a home or street spot).
    target_key: str
    address: str
    x: float
    y: float
    lon: float
    lat: float
    municipality_code: str
    district_code: str
    neighbourhood_code: str
    attempt: bool
    weapon: str
    violence: bool
    injured: int
    offenders: int | None
    loot_band: str
    suspect_arrested: bool
    solved: bool
    #: How the process made it: "background", "repeat", "near_repeat" or "displaced" (by a
    #: measure nearby; ground truth only).
    trigger: str
    parent_index: int | None
    #: Days since the period start, including the true time of day (also when ``time`` is
    #: unknown).
    day: float


@dataclass(frozen=True)
class Town:
    """The generated region."""

    parameters: DemoParameters
    police_unit: Area
    municipalities: tuple[Area, ...]
    districts: tuple[Area, ...]
    neighbourhoods: tuple[Area, ...]
    focus_areas: tuple[FocusAreaRecord, ...]
    businesses: tuple[BusinessRecord, ...]
    robberies: tuple[RobberyRecord, ...]

    def counts(self) -> dict[str, int]:
        return {
            "police_units": 1,
            "municipalities": len(self.municipalities),
            "districts": len(self.districts),
            "neighbourhoods": len(self.neighbourhoods),
            "focus_areas": len(self.focus_areas),
            "businesses": len(self.businesses),
            "robberies": len(self.robberies),
        }

    def robbery_arrays(self, municipality_code: str | None = None) -> dict[str, np.ndarray]:
        """The robberies (of one municipality, or all) as NumPy columns for analysis.

        ``x``/``y`` are RD metres, ``day`` whole days since the period start, ``hour`` the hour
        (NaN when the time is unknown), plus ``target_type``, ``target_key`` and ``trigger``.
        """
        rows = [
            r
            for r in self.robberies
            if municipality_code is None or r.municipality_code == municipality_code
        ]
        return {
            "x": np.array([r.x for r in rows], dtype=float),
            "y": np.array([r.y for r in rows], dtype=float),
            "day": np.array([(r.date - self.parameters.period_start).days for r in rows]),
            "hour": np.array([np.nan if r.time is None else r.time.hour for r in rows]),
            "month": np.array([r.date.month for r in rows]),
            "target_type": np.array([r.target_type for r in rows], dtype=object),
            "target_key": np.array([r.target_key for r in rows], dtype=object),
            "trigger": np.array([r.trigger for r in rows], dtype=object),
        }


# -- word lists ---------------------------------------------------------------------------------

_NAME_HEADS = (
    "Eiken", "Beuken", "Linden", "Berken", "Wilgen", "Molen", "Kerk", "Beek", "Veld", "Zand",
    "Heide", "Brink", "Dijk", "Weide", "Vogel", "Hazel", "Sparren", "Rozen", "Elzen", "Hoog",
    "Laar", "Vossen", "Haze", "Bos", "Water", "Wester", "Ooster", "Noorder", "Zuider", "Schaaps",
    "Lange", "Kroon", "Hooi", "Akker", "Rijs", "Esch", "Ganzen", "Valken", "Linde", "Meer",
)  # fmt: skip
_NAME_TAILS = (
    "hof", "kamp", "horst", "veld", "park", "wijk", "dal", "akker", "rode", "hoeve", "berg",
    "broek", "donk", "hoek", "weide", "burg", "hage", "es", "lo", "meer", "beek", "haar", "laar",
)  # fmt: skip
_STREET_THEMES = {
    "trees": ("Eiken", "Beuken", "Linden", "Berken", "Wilgen", "Essen", "Iepen", "Kastanje",
              "Populieren", "Elzen", "Hazelaar", "Sparren", "Platanen", "Acacia"),
    "birds": ("Merel", "Lijster", "Spreeuw", "Vink", "Mees", "Zwaluw", "Reiger", "Kievit",
              "Fazant", "Specht", "Wielewaal", "Leeuwerik", "Roodborst", "Kwartel"),
    "flowers": ("Rozen", "Tulpen", "Narcissen", "Lelie", "Anjer", "Iris", "Krokus",
                "Hyacinten", "Dahlia", "Aster", "Goudsbloem", "Seringen", "Klaver", "Viooltjes"),
    "painters": ("Rembrandt", "Vermeer", "Frans Hals", "Jan Steen", "Van Goyen", "Ruysdael",
                 "Mondriaan", "Breitner", "Israëls", "Mesdag", "Hobbema", "Van Ostade"),
    "composers": ("Bach", "Mozart", "Beethoven", "Chopin", "Schubert", "Haydn", "Händel",
                  "Brahms", "Sweelinck", "Ravel", "Vivaldi", "Grieg"),
    "poets": ("Vondel", "Bredero", "Hooft", "Multatuli", "Bilderdijk", "Huygens", "Cats",
              "Da Costa", "Potgieter", "Gorter", "Gezelle", "Staring"),
    "rivers": ("Rijn", "Maas", "Waal", "IJssel", "Vecht", "Dinkel", "Berkel", "Regge", "Lek",
               "Amstel", "Linge", "Eem"),
    "fields": ("Molen", "Kerk", "Brink", "Veld", "Kamp", "Akker", "Heide", "Hoeve", "Schans",
               "Wal", "Esch", "Beek", "Dijk", "Hofstede"),
}  # fmt: skip
_STREET_TAILS = ("straat", "laan", "weg", "hof", "pad", "singel", "dreef", "plantsoen")
_CENTRE_STREETS = (
    "Markt", "Kerkstraat", "Torenstraat", "Nieuwstraat", "Lange Poortstraat", "Korte Poortstraat",
    "Kerkplein", "Oudestraat", "Vismarkt", "Molenstraat", "Bakkerstraat", "Havenstraat",
)  # fmt: skip
_VILLAGE_STREETS = (
    "Dorpsstraat",
    "Kerkplein",
    "Brink",
    "Kerkstraat",
    "Schoolstraat",
    "Raadhuisplein",
)
_INDUSTRIAL_STREETS = (
    "Industrieweg", "Ambachtsweg", "Handelsweg", "Nijverheidsweg", "Transportweg", "Energieweg",
    "Edisonstraat", "Wattstraat", "Marconistraat", "Bedrijvenpark",
)  # fmt: skip
_PLAZAS = {
    "Stationskwartier": "Stationsplein",
    "Noord": "Noorderplein",
    "Oost": "Oosterplein",
    "Zuid": "Zuiderplein",
    "West": "Westerplein",
    "Hoge Veld": "Veldplein",
    "Molenbroek": "Molenplein",
}
_SURNAMES = (
    "De Jong", "Jansen", "De Vries", "Van den Berg", "Van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "De Boer", "Mulder", "De Groot", "Bos", "Vos", "Peters", "Hendriks",
    "Van Leeuwen", "Dekker", "Brouwer", "De Wit", "Dijkstra", "Smits", "De Graaf", "Van der Meer",
    "Van der Linden", "Kok", "Jacobs", "De Haan", "Vermeulen", "Van den Heuvel", "Van der Veen",
    "Van den Broek", "De Bruijn", "Van der Heijden", "Schouten", "Van Beek", "Willems",
    "Van Vliet", "Hoekstra", "Maas", "Verhoeven", "Koster", "Van Dam", "Prins", "Blom",
    "Huisman", "Kuipers", "Veenstra", "Kramer", "Van den Brink", "Scholten", "Postma", "Vink",
    "De Ruiter", "Timmermans", "Groen", "Jonker", "Van Loon", "Yilmaz", "El Idrissi", "Kaya",
    "Öztürk", "Nguyen", "Chen", "Rossi", "Kowalski", "Haddou", "Demir", "Pinas",
)  # fmt: skip
_NOUNS = (
    "De Zwaan", "Het Anker", "De Gouden Leeuw", "De Linde", "Het Wapen", "De Kroon",
    "De Molen", "De Hoek", "De Beurs", "Het Hert", "De Pauw", "De Klok", "Het Postkantoor",
    "De Engel", "De Ster", "Het Bonte Paard", "De Toren", "De Waag", "Het Veerhuis", "De Hoop",
)  # fmt: skip
_ITALIAN = ("Roma", "Napoli", "Milano", "Da Marco", "Bella Italia", "Sicilia", "Toscana", "Venezia")
_BUSINESS_NAMES = {
    ("shop", "supermarket"): ("VersMarkt", "DagVers", "SpaarKoop", "Marktkoop", "Buurtsuper {s}",
                              "Supermarkt {s}"),
    ("shop", "jeweller"): ("Juwelier {s}", "Goudsmederij {s}", "Horloges & Juwelen {s}"),
    ("shop", "tobacco"): ("Tabak & Lectuur {s}", "Rookwaren {s}", "Sigarenmagazijn {s}"),
    ("shop", "drugstore"): ("Drogisterij {s}", "GezondVoordeel", "Drogist {s}"),
    ("shop", "phone"): ("Belwinkel {s}", "Telefoonhuis", "GSM-Punt", "Mobiel Centrum {s}"),
    ("shop", "other"): ("{s} Mode", "Bloemenhuis {s}", "Boekhandel {s}", "Slagerij {s}",
                        "Bakkerij {s}", "Fietsenhandel {s}", "Schoenen {s}", "Kaashandel {s}",
                        "Woonwinkel {s}", "Speelgoed {s}", "Groenteboer {s}", "Opticien {s}",
                        "Dierenspeciaalzaak {s}", "Elektro {s}", "Cadeaushop {s}"),
    ("hospitality", ""): ("Café {n}", "Eetcafé {n}", "Restaurant {n}", "Grand Café {n}",
                          "Hotel {n}", "Bar {n}", "Lunchroom {s}", "Restaurant {i}"),
    ("snack_bar", ""): ("Cafetaria {n}", "Snackbar {s}", "Pizzeria {i}", "Shoarma {s}",
                        "Friettent {s}", "Döner {s}"),
    ("petrol_station", ""): ("Tankstation {r}", "Brandstofpunt {r}", "TankVoordeel {r}"),
    ("bank", ""): ("Spaarbank Voorbeeldland", "Postpunt {s}", "Geldpunt Voorbeeldland"),
    ("other_business", ""): ("Kapsalon {s}", "Apotheek {n}", "Garage {s}", "Autobedrijf {s}",
                             "Wasserette {s}", "Fotostudio {s}", "Makelaardij {s}",
                             "Reisbureau {s}", "Stomerij {s}", "Schoonheidssalon {s}",
                             "Belastingadvies {s}", "Wisselkantoor {s}"),
}  # fmt: skip
_OPENING_HOURS = {
    ("shop", "supermarket"): "ma-za 8:00-21:00, zo 12:00-18:00",
    ("shop", "jeweller"): "di-za 10:00-17:30, do tot 21:00",
    ("shop", "tobacco"): "ma-za 8:00-18:00",
    ("shop", "drugstore"): "ma-za 9:00-18:00, do tot 21:00",
    ("shop", "phone"): "ma-za 10:00-18:00",
    ("shop", "other"): "ma-za 9:30-17:30, do tot 21:00",
    ("hospitality", ""): "dagelijks 11:00-01:00",
    ("snack_bar", ""): "dagelijks 11:30-22:30",
    ("petrol_station", ""): "dagelijks 6:00-23:00",
    ("bank", ""): "ma-vr 9:30-17:00",
    ("other_business", ""): "ma-vr 9:00-17:30",
}
#: (cash, skimming safe, card only, unknown) per kind.
_CASH_HANDLING = {
    ("shop", "supermarket"): (0.40, 0.50, 0.02, 0.08),
    ("shop", "jeweller"): (0.50, 0.30, 0.10, 0.10),
    ("hospitality", ""): (0.60, 0.10, 0.15, 0.15),
    ("snack_bar", ""): (0.75, 0.05, 0.10, 0.10),
    ("petrol_station", ""): (0.45, 0.45, 0.05, 0.05),
    ("bank", ""): (0.70, 0.20, 0.00, 0.10),
}
_DEFAULT_CASH_HANDLING = (0.55, 0.10, 0.20, 0.15)
_CASH_VALUES = ("cash", "skimming", "card_only", "unknown")
#: Where businesses of a kind are placed: shares over (centre, cluster, road, scattered,
#: industrial).
_SETTINGS = ("centre", "cluster", "road", "scattered", "industrial")
_PLACEMENT = {
    ("shop", "supermarket"): (0.15, 0.45, 0.15, 0.25, 0.00),
    ("shop", "jeweller"): (0.60, 0.30, 0.10, 0.00, 0.00),
    ("shop", "other"): (0.35, 0.30, 0.20, 0.15, 0.00),
    ("hospitality", ""): (0.55, 0.15, 0.15, 0.15, 0.00),
    ("snack_bar", ""): (0.25, 0.30, 0.25, 0.20, 0.00),
    ("petrol_station", ""): (0.00, 0.00, 0.85, 0.00, 0.15),
    ("bank", ""): (0.60, 0.40, 0.00, 0.00, 0.00),
    ("other_business", ""): (0.15, 0.10, 0.25, 0.20, 0.30),
}
_DEFAULT_PLACEMENT = (0.35, 0.40, 0.15, 0.10, 0.00)
_COMPASS = ("Noord", "Oost", "Zuid", "West")


# -- geometry helpers ---------------------------------------------------------------------------


def _polar(bearing_deg, radius):
    """Local x/y (east, north) of a compass bearing and distance."""
    b = np.radians(bearing_deg)
    return np.sin(b) * radius, np.cos(b) * radius


def _bearing(x, y) -> float:
    return float(np.degrees(np.arctan2(x, y)) % 360)


def _blob(rng, cx: float, cy: float, radius: float, amplitude: float, n: int = 240) -> Polygon:
    """An irregular smooth closed outline: a circle with a few random low harmonics."""
    theta = np.linspace(0, 2 * np.pi, n, endpoint=False)
    r = np.ones(n)
    for k in range(2, 7):
        r += rng.uniform(0.4, 1.0) * amplitude / k**0.7 * np.cos(k * theta + rng.uniform(0, 6.3))
    return Polygon(
        np.column_stack([cx + radius * r * np.cos(theta), cy + radius * r * np.sin(theta)])
    )


def _polygons(geom: BaseGeometry) -> list[Polygon]:
    """The polygons in any geometry, largest first."""
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    parts = [q for part in getattr(geom, "geoms", []) for q in _polygons(part)]
    return sorted(parts, key=lambda p: -p.area)


def _lines(geom: BaseGeometry) -> list[LineString]:
    if geom.is_empty:
        return []
    if isinstance(geom, LineString):
        return [geom]
    return [q for part in getattr(geom, "geoms", []) for q in _lines(part)]


def _shared_length(a: BaseGeometry, b: BaseGeometry) -> float:
    return shapely.intersection(a.boundary, b.boundary, grid_size=GRID).length


def _partition(region: BaseGeometry, seeds: np.ndarray) -> list[Polygon]:
    """Voronoi cells of ``seeds`` clipped to ``region``, one polygon per seed, tiling it.

    Where clipping cuts a cell in pieces, the smaller pieces join the neighbour they share
    the longest edge with.
    """
    envelope = region.envelope.buffer(5_000)
    cells = shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=envelope, ordered=True)
    parts = [_polygons(shapely.intersection(region, c, grid_size=GRID)) for c in cells.geoms]
    result = [p[0] if p else Polygon() for p in parts]
    orphans = [piece for p in parts for piece in p[1:]]
    for orphan in orphans:
        shared = [_shared_length(orphan, c) if not c.is_empty else 0.0 for c in result]
        target = int(np.argmax(shared))
        result[target] = _single(shapely.union(result[target], orphan, grid_size=GRID))
    return result


def _single(geom: BaseGeometry) -> Polygon:
    """A polygon from an overlay result (largest part when a sliver split off)."""
    parts = _polygons(geom)
    return parts[0] if parts else Polygon()


def _clean_topology(shapes: list[Polygon]) -> list[Polygon]:
    """The same polygons, made to share every vertex along their common edges.

    Each polygon was cut out on its own, so a vertex that one of two neighbours got from a
    third edge crossing may sit a few millimetres off the other's straight edge: a sliver of
    overlap or gap. Noding all boundaries together and rebuilding each polygon from the faces
    it covers gives both neighbours one shared edge, vertex for vertex, so they also match
    exactly after the conversion to WGS84.
    """
    # Snap rounding (a fixed grid) also nodes an edge at a vertex that lies within a few
    # centimetres of it, which collapses hair-thin spikes that the WGS84 conversion could
    # otherwise fold into self-intersections.
    noded = shapely.union_all([s.boundary for s in shapes], grid_size=TOPOLOGY_GRID)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    inside = shapely.point_on_surface(faces)
    owner = np.full(len(faces), -1)
    for i, polygon in enumerate(shapes):
        owner[(owner < 0) & shapely.contains(polygon, inside)] = i
    for k in np.flatnonzero(owner < 0):  # a sliver between two polygons: to the longer side
        owner[k] = int(np.argmax([_shared_length(faces[k], polygon) for polygon in shapes]))
    return [_single(shapely.union_all(faces[owner == i])) for i in range(len(shapes))]


def _exact_union(polygons) -> Polygon:
    """The union of polygons that share their edges exactly (no snapping: same vertices)."""
    return _single(shapely.union_all(list(polygons)))


def _union(geoms, grid_size: float | None = GRID) -> Polygon | MultiPolygon:
    return shapely.union_all(list(geoms), grid_size=grid_size)


def _spaced_points(rng, region: Polygon, n: int, spacing: Callable, draw: Callable, first=None):
    """Up to ``n`` points in ``region``, each at least ``spacing(r)`` from the others."""
    points = [] if first is None else [tuple(first)]
    factor = 1.0
    while len(points) < n:
        for _ in range(4000):
            x, y = draw()
            if not shapely.contains_xy(region, x, y):
                continue
            r = math.hypot(x, y)
            if all(math.hypot(x - px, y - py) >= factor * spacing(r) for px, py in points):
                points.append((x, y))
                break
        else:
            factor *= 0.9  # crowded: relax the spacing a little
    return np.array(points[:n])


def _sample_in(rng, polygon: Polygon, n: int) -> np.ndarray:
    """``n`` uniform random points inside ``polygon``."""
    minx, miny, maxx, maxy = polygon.bounds
    out = np.empty((0, 2))
    while len(out) < n:
        k = max(16, 2 * (n - len(out)))
        xy = np.column_stack([rng.uniform(minx, maxx, k), rng.uniform(miny, maxy, k)])
        out = np.vstack([out, xy[shapely.contains_xy(polygon, xy[:, 0], xy[:, 1])]])
    return out[:n]


def _largest_remainder(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to ``weights`` that sum to ``total`` exactly."""
    share = total * np.asarray(weights, dtype=float) / np.sum(weights)
    counts = np.floor(share).astype(int)
    rest = total - counts.sum()
    counts[np.argsort(-(share - counts), kind="stable")[:rest]] += 1
    return counts


class _Names:
    """Unique Dutch-sounding place names."""

    def __init__(self, rng, taken=()):
        self.rng = rng
        self.taken = set(taken)

    def place(self) -> str:
        while True:
            head = _NAME_HEADS[self.rng.integers(len(_NAME_HEADS))]
            tail = _NAME_TAILS[self.rng.integers(len(_NAME_TAILS))]
            if head[-1] == tail[0]:
                continue
            name = head + tail
            if self.rng.random() < 0.2:
                name = "De " + name
            if name not in self.taken:
                self.taken.add(name)
                return name

    def streets(self, theme: str, k: int) -> list[str]:
        stems = _STREET_THEMES[theme]
        chosen = self.rng.choice(len(stems), size=min(k, len(stems)), replace=False)
        tails = self.rng.integers(len(_STREET_TAILS), size=len(chosen))
        return [f"{stems[i]}{_STREET_TAILS[t]}" for i, t in zip(chosen, tails, strict=True)]


# -- geography ----------------------------------------------------------------------------------


@dataclass
class _Muni:
    spec: MunicipalitySpec
    shape: Polygon
    core: tuple[float, float]
    main_street: LineString
    #: The main street's names from one end to the other (it changes name on the way).
    main_street_names: tuple[str, ...]
    roads: list[tuple[LineString, str]]
    clusters: list[tuple[tuple[float, float], str, float]]  # centre, plaza name, weight
    industrial: list[Polygon]
    centre_streets: tuple[str, ...]
    districts: list[tuple[str, str, list[int]]] = field(default_factory=list)  # code, name, nbhs


@dataclass
class _Nbh:
    code: str
    name: str
    shape: Polygon
    municipality: int
    district_code: str
    population: int
    streets: list[str]


class _Geography:
    """The areas, roads and clusters of the region, in local metres around the town centre."""

    def __init__(self, p: DemoParameters, rng):
        self.p = p
        self.rng = rng
        self.names = _Names(rng, taken={m.name for m in p.municipalities})
        self.munis: list[_Muni] = []
        self.nbhs: list[_Nbh] = []
        self._build_town()
        self._build_neighbours()
        self._index()

    # town

    def _build_town(self):
        p, rng = self.p, self.rng
        R = p.town_radius_m
        outline = _blob(rng, 0, 0, R, 0.12)
        self.town_outline = outline
        seeds = _spaced_points(
            rng,
            outline,
            p.town_neighbourhoods,
            spacing=lambda r: 330 + 0.2 * r,
            draw=lambda: _polar(rng.uniform(0, 360), 1.15 * R * rng.random() ** 0.85),
            first=(0.0, 0.0),
        )
        cells = _partition(outline, seeds)
        centroids = np.array([c.centroid.coords[0] for c in cells])
        dist = np.hypot(centroids[:, 0], centroids[:, 1])

        # Roads: one radial road towards each neighbour's village, a ring road, a main street.
        self.sector_bearings = (rng.uniform(0, 60) + 60 * np.arange(len(p.neighbours))) % 360
        self.sector_bearings += rng.uniform(-8, 8, len(p.neighbours))
        self.village_bearings = self.sector_bearings + 30 + rng.uniform(-6, 6, len(p.neighbours))
        core_r = (R + p.region_radius_m) / 2 + rng.uniform(-600, 600, len(p.neighbours))
        self.village_cores = [
            _polar(b, r) for b, r in zip(self.village_bearings, core_r, strict=True)
        ]
        self.radials = []
        for (vx, vy), spec in zip(self.village_cores, p.neighbours, strict=True):
            t = np.linspace(0, 1, 9)
            normal = np.array([-vy, vx]) / math.hypot(vx, vy)
            bend = rng.normal(0, 300) * np.sin(np.pi * t) + rng.normal(0, 80, 9) * (t > 0) * (t < 1)
            xy = np.column_stack([t * vx, t * vy]) + bend[:, None] * normal
            self.radials.append((LineString(xy), _road_name(spec.name)))
        ring = _blob(rng, 0, 0, 0.55 * R, 0.05).exterior
        angle = rng.uniform(0, 180)
        main = LineString(
            [
                _polar(angle, -520),
                _polar(angle + 8, -150),
                _polar(angle - 6, 200),
                _polar(angle, 520),
            ]
        )

        # Districts: the centre, the station area and six around, grown from seeds.
        names = p.town_district_names
        station_bearing = rng.uniform(0, 360)
        district_seeds = [(0.0, 0.0), _polar(station_bearing, 1700)]
        outer = len(names) - 2
        bearings = (rng.uniform(0, 360 / outer) + 360 / outer * np.arange(outer)) % 360
        for b in bearings:
            district_seeds.append(_polar(b + rng.uniform(-8, 8), 0.68 * R))
        district_seeds = np.array(district_seeds)
        d2 = ((centroids[:, None, :] - district_seeds[None, 1:, :]) ** 2).sum(-1)
        labels = 1 + d2.argmin(1)
        labels[np.argsort(dist)[:4]] = 0
        labels = _make_contiguous(cells, labels)
        # Outer district names follow their bearing, starting with the northernmost.
        order = np.argsort([(b + 20) % 360 for b in bearings])
        outer_names = list(names[2:])
        label_name = {0: names[0], 1: names[1]}
        for rank, i in enumerate(order):
            label_name[2 + i] = outer_names[rank]

        town = _Muni(
            spec=p.town,
            shape=_single(_union(cells)),
            core=(0.0, 0.0),
            main_street=main,
            main_street_names=("Lange Hoofdstraat", "Markt", "Hoofdstraat", "Korte Hoofdstraat"),
            roads=[],
            clusters=[],
            industrial=[],
            centre_streets=_CENTRE_STREETS,
        )
        for line, name in self.radials:
            for part in _lines(shapely.intersection(line, town.shape)):
                town.roads.append((part, name))
        town.roads.append((ring, "Ringweg"))

        # Industrial estates: two outer neighbourhoods on a radial road, in different districts.
        industrial = []
        for i in np.argsort(-dist):
            if (
                labels[i] > 1
                and labels[i] not in {labels[j] for j in industrial}
                and any(cells[i].intersects(line) for line, _ in town.roads[:-1])
            ):
                industrial.append(int(i))
            if len(industrial) == 2:
                break
        town.industrial = [cells[i] for i in industrial]

        # Neighbourhood codes (district order, then from the centre outwards), names, people.
        weights = np.array([c.area for c in cells]) * np.exp(-dist / 2600.0)
        weights *= rng.lognormal(0, 0.25, len(cells))
        weights[industrial] *= 0.01
        population = _largest_remainder(p.town.population, weights)
        muni_number = p.town.code[2:]
        for label in range(len(names)):
            members = [int(i) for i in np.argsort(dist) if labels[i] == label]
            d_code = f"WK{muni_number}{label + 1:02d}"
            town.districts.append((d_code, label_name[label], []))
            if label == 1:  # the station area is named after its station, nearest first
                members.sort(key=lambda i: math.dist(centroids[i], district_seeds[1]))
            for k, i in enumerate(members):
                if label == 0 and k == 0:
                    name = "Binnenstad"
                elif label == 1 and k == 0:
                    name = "Stationsbuurt"
                elif i in industrial:
                    name = "Bedrijventerrein " + self.names.place()
                else:
                    name = self.names.place()
                theme = list(_STREET_THEMES)[rng.integers(len(_STREET_THEMES))]
                streets = (
                    list(_INDUSTRIAL_STREETS)
                    if i in industrial
                    else list(_CENTRE_STREETS)
                    if label == 0
                    else self.names.streets(theme, 6)
                )
                self.nbhs.append(
                    _Nbh(
                        code=f"BU{muni_number}{label + 1:02d}{k + 1:02d}",
                        name=name,
                        shape=cells[i],
                        municipality=0,
                        district_code=d_code,
                        population=int(population[i]),
                        streets=streets,
                    )
                )
                town.districts[-1][2].append(len(self.nbhs) - 1)
        # Shopping centres: one per district outside the centre, at its heart.
        for _, d_name, members in town.districts[1:]:
            shape = _single(_union(self.nbhs[i].shape for i in members))
            heart = (
                shape.centroid if shape.contains(shape.centroid) else shape.representative_point()
            )
            if d_name == names[1]:
                heart = Point(district_seeds[1])
            weight = 1.0 if d_name != names[1] else 0.6
            town.clusters.append(
                ((heart.x, heart.y), _PLAZAS.get(d_name, d_name + "plein"), weight)
            )
        self.munis.append(town)

    # neighbours

    def _build_neighbours(self):
        p, rng = self.p, self.rng
        outer = _blob(rng, 0, 0, p.region_radius_m, 0.10)
        ring = shapely.difference(outer, self.munis[0].shape, grid_size=GRID)
        separators = []
        for b in self.sector_bearings:
            r = np.linspace(0, 2.2 * p.region_radius_m, 23)
            # Bends a few degrees either way; straight at both ends, where the wedges meet.
            wiggle = 4.0 * np.sin(r / 2500.0 + rng.uniform(0, 6.3)) * np.sin(np.pi * r / r[-1])
            separators.append(np.column_stack(_polar(b + wiggle, r)))
        n = len(p.neighbours)
        wedges = []
        for i in range(n):
            a, b = separators[i], separators[(i + 1) % n]
            start, end = self.sector_bearings[i], self.sector_bearings[(i + 1) % n]
            sweep = (end - start) % 360
            arc = np.column_stack(
                _polar(start + np.linspace(0, sweep, 30), 2.2 * p.region_radius_m)
            )
            # The arc supplies the outer corners (the separators' last points, up to rounding).
            wedges.append(Polygon(np.vstack([a[:-1], arc, b[:-1][::-1]])))
        sectors = [_single(shapely.intersection(ring, w, grid_size=GRID)) for w in wedges]
        # Shared edges: give stray slivers of the ring to a sector, so the sectors tile it.
        rest = shapely.difference(ring, _union(sectors), grid_size=GRID)
        for piece in _polygons(rest):
            shared = [_shared_length(piece, s) for s in sectors]
            k = int(np.argmax(shared))
            sectors[k] = _single(shapely.union(sectors[k], piece, grid_size=GRID))

        for i, spec in enumerate(p.neighbours):
            sector = sectors[i]
            core = self.village_cores[i]
            if not sector.contains(Point(core)):
                core = sector.representative_point().coords[0]
            village_r = 650 + 700 * spec.population / 60_000
            village = _single(
                shapely.intersection(
                    _blob(rng, *core, village_r, 0.15, 120), sector, grid_size=GRID
                )
            )
            outskirts = _single(shapely.difference(sector, village, grid_size=GRID))
            n_core = 1 if spec.population < 20_000 else 2 if spec.population < 40_000 else 3
            n_out = 2 if sector.area < 60e6 else 3
            angles = rng.uniform(0, 360) + 360 / n_core * np.arange(1, n_core)
            dx, dy = _polar(angles, 0.55 * village_r)
            core_seeds = np.vstack([[core], np.column_stack([core[0] + dx, core[1] + dy])])
            core_cells = _partition(village, core_seeds)
            out_seeds = _spaced_points(
                rng,
                outskirts,
                n_out,
                spacing=lambda r: 3_000.0,
                draw=lambda region=outskirts: tuple(_sample_in(rng, region, 1)[0]),
            )
            out_cells = _partition(outskirts, out_seeds)
            number = spec.code[2:]
            bearing = self.village_bearings[i]  # from the town to the village
            industrial = Point(_offset(core, bearing + 180, 0.8 * village_r)).buffer(250)
            muni = _Muni(
                spec=spec,
                shape=sector,
                core=core,
                main_street=LineString(
                    [_offset(core, bearing + 80, 220), _offset(core, bearing - 100, 220)]
                ),
                main_street_names=("Dorpsstraat", "Brink"),
                roads=[
                    (part, _road_name(p.town.name))
                    for part in _lines(shapely.intersection(self.radials[i][0], sector))
                ],
                clusters=[],
                industrial=[industrial],
                centre_streets=_VILLAGE_STREETS,
            )
            weights_core = np.array([c.area for c in core_cells])
            weights_out = np.array([c.area for c in out_cells])
            pop_core = _largest_remainder(round(0.86 * spec.population), weights_core)
            pop_out = _largest_remainder(spec.population - pop_core.sum(), weights_out)
            d_core, d_out = f"WK{number}01", f"WK{number}02"
            muni.districts = [
                (d_core, f"Wijk 01 {spec.name}", []),
                (d_out, "Wijk 02 Buitengebied", []),
            ]
            suffixes = [""] + sorted(_COMPASS, key=lambda _: rng.random())
            for k, cell in enumerate(core_cells):
                if k == 0:
                    name = f"{spec.name}-Centrum"
                else:
                    c = cell.centroid
                    name = f"{spec.name}-{_compass(c.x - core[0], c.y - core[1])}"
                    if any(nb.name == name for nb in self.nbhs):
                        name = f"{spec.name}-{suffixes[k]}"
                self._add_nbh(muni, 0, f"BU{number}01{k + 1:02d}", name, cell, pop_core[k])
            for k, cell in enumerate(out_cells):
                code = f"BU{number}02{k + 1:02d}"
                self._add_nbh(muni, 1, code, self.names.place(), cell, pop_out[k])
            self.munis.append(muni)

    def _add_nbh(self, muni, district, code, name, shape, population):
        """Add a neighbourhood to district ``district`` of ``muni`` (the next municipality)."""
        theme = list(_STREET_THEMES)[self.rng.integers(len(_STREET_THEMES))]
        self.nbhs.append(
            _Nbh(
                code=code,
                name=name,
                shape=shape,
                municipality=len(self.munis),
                district_code=muni.districts[district][0],
                population=int(population),
                streets=self.names.streets(theme, 6),
            )
        )
        muni.districts[district][2].append(len(self.nbhs) - 1)

    def _index(self):
        shapes = _clean_topology([nb.shape for nb in self.nbhs])
        for nb, shape in zip(self.nbhs, shapes, strict=True):
            nb.shape = shape
        for m, muni in enumerate(self.munis):
            muni.shape = _exact_union(nb.shape for nb in self.nbhs if nb.municipality == m)
        self.nbh_shapes = [nb.shape for nb in self.nbhs]
        self.region = _exact_union(m.shape for m in self.munis)
        for shape in [*self.nbh_shapes, *(m.shape for m in self.munis)]:
            shapely.prepare(shape)
        # Where people live, per municipality: its neighbourhoods and their population shares.
        self.residential = []
        for m in range(len(self.munis)):
            members = [i for i, nb in enumerate(self.nbhs) if nb.municipality == m]
            weights = np.array([self.nbhs[i].population for i in members], dtype=float)
            self.residential.append((members, weights / weights.sum()))

    def locate(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Index of the neighbourhood each point lies in, -1 outside the region."""
        x, y = np.atleast_1d(x), np.atleast_1d(y)
        found = np.full(len(x), -1)
        for i, shape in enumerate(self.nbh_shapes):
            inside = (found < 0) & shapely.contains_xy(shape, x, y)
            found[inside] = i
        missing = np.flatnonzero(found < 0)
        for j in missing:  # on a shared edge: the nearest neighbourhood, if within a metre
            point = Point(x[j], y[j])
            distance = [s.distance(point) for s in self.nbh_shapes]
            if min(distance) < 1.0:
                found[j] = int(np.argmin(distance))
        return found


def _road_name(place: str) -> str:
    return f"{place}seweg" if not place.endswith(("e", "s")) else f"{place}weg"


def _offset(point, bearing, distance):
    dx, dy = _polar(bearing, distance)
    return (point[0] + float(dx), point[1] + float(dy))


def _compass(dx: float, dy: float) -> str:
    return _COMPASS[int(((_bearing(dx, dy) + 45) % 360) // 90)]


def _make_contiguous(cells: list[Polygon], labels: np.ndarray) -> np.ndarray:
    """Move neighbourhoods cut off from their district to the neighbour they share most with."""
    labels = labels.copy()
    n = len(cells)
    shared = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            if cells[i].distance(cells[j]) < 1.0:
                shared[i, j] = shared[j, i] = _shared_length(cells[i], cells[j])
    for _ in range(20):
        changed = False
        for label in np.unique(labels):
            members = list(np.flatnonzero(labels == label))
            components = _components(members, shared)
            if len(components) <= 1:
                continue
            components.sort(key=lambda c: -sum(cells[i].area for i in c))
            for component in components[1:]:
                for i in component:
                    others = [(shared[i, j], labels[j]) for j in range(n) if labels[j] != label]
                    best = max(others)
                    if best[0] > 0:
                        labels[i] = best[1]
                        changed = True
        if not changed:
            break
    return labels


def _components(members: list[int], shared: np.ndarray) -> list[list[int]]:
    left, out = set(members), []
    while left:
        stack, component = [min(left)], []
        left.discard(stack[0])
        while stack:
            i = stack.pop()
            component.append(i)
            for j in sorted(left):
                if shared[i, j] > 0:
                    left.discard(j)
                    stack.append(j)
        out.append(component)
    return out


# -- businesses ---------------------------------------------------------------------------------


class _AddressBook:
    """House numbers that go up along each street, so addresses do not repeat."""

    def __init__(self, rng):
        self.rng = rng
        self.next: dict[tuple[str, str], int] = {}

    def address(self, street: str, place: str) -> str:
        key = (street, place)
        number = self.next.get(key, int(self.rng.integers(1, 12)))
        self.next[key] = number + int(self.rng.integers(1, 3))
        return f"{street} {number}, {place}"


def _place_point(rng, geo: _Geography, m: int, setting: str) -> tuple[float, float, str | None]:
    """A point for a business in ``setting`` within municipality ``m``, with its street.

    The street is None where it follows from the neighbourhood (scattered businesses).
    """
    muni = geo.munis[m]
    for _ in range(50):
        street = None
        if setting == "cluster" and muni.clusters:
            weights = np.array([c[2] for c in muni.clusters])
            (cx, cy), street, _ = muni.clusters[rng.choice(len(weights), p=weights / weights.sum())]
            x, y = rng.normal(cx, 90), rng.normal(cy, 90)
        elif setting in ("centre", "cluster"):
            if rng.random() < 0.6:
                along = rng.random()
                point = muni.main_street.interpolate(along, normalized=True)
                x, y = point.x + rng.normal(0, 15), point.y + rng.normal(0, 15)
                street = muni.main_street_names[int(along * len(muni.main_street_names))]
            else:
                spread = 300 if m == 0 else 200
                x, y = rng.normal(muni.core[0], spread), rng.normal(muni.core[1], spread)
                street = muni.centre_streets[rng.integers(len(muni.centre_streets))]
        elif setting == "road" and muni.roads:
            lengths = np.array([line.length for line, _ in muni.roads])
            line, street = muni.roads[rng.choice(len(lengths), p=lengths / lengths.sum())]
            point = line.interpolate(rng.random(), normalized=True)
            x, y = point.x + rng.normal(0, 20), point.y + rng.normal(0, 20)
        elif setting == "industrial" and muni.industrial:
            area = muni.industrial[rng.integers(len(muni.industrial))]
            x, y = _sample_in(rng, area, 1)[0]
            street = _INDUSTRIAL_STREETS[rng.integers(len(_INDUSTRIAL_STREETS))]
        else:
            x, y = _residential_points(rng, geo, m, 1)[0]
        if shapely.contains_xy(muni.shape, x, y):
            return float(x), float(y), street
    point = muni.shape.representative_point()
    return point.x, point.y, None


def _residential_points(rng, geo: _Geography, m: int, n: int) -> np.ndarray:
    """``n`` home locations in municipality ``m``, by neighbourhood population."""
    members, probabilities = geo.residential[m]
    chosen = rng.choice(members, size=n, p=probabilities)
    return np.vstack([_sample_in(rng, geo.nbhs[i].shape, 1) for i in chosen])


def _business_name(rng, kind: str, branch: str, road: str) -> str:
    patterns = _BUSINESS_NAMES[(kind, branch)]
    pattern = patterns[rng.integers(len(patterns))]
    return pattern.format(
        s=_SURNAMES[rng.integers(len(_SURNAMES))],
        n=_NOUNS[rng.integers(len(_NOUNS))],
        i=_ITALIAN[rng.integers(len(_ITALIAN))],
        r=road,
    )


@dataclass
class _Business:
    kind: str
    branch: str
    x: float
    y: float
    nbh: int
    muni: int
    setting: str
    attractiveness: float
    name: str
    address: str
    opening_hours: str
    cash_handling: str
    kvo_area: bool = False


def _build_businesses(
    p: DemoParameters, rng, geo: _Geography, book: _AddressBook
) -> list[_Business]:
    placed = []  # (municipality, kind, branch, setting, x, y, street)
    shares = np.array([s for _, _, s in p.business_mix])
    for m, muni in enumerate(geo.munis):
        counts = np.maximum(1, _largest_remainder(muni.spec.businesses, shares))
        counts[int(np.argmax(counts))] -= counts.sum() - muni.spec.businesses  # keep the total
        for (kind, branch, _), count in zip(p.business_mix, counts, strict=True):
            placement = np.array(_PLACEMENT.get((kind, branch), _DEFAULT_PLACEMENT))
            for s in rng.choice(len(_SETTINGS), size=count, p=placement / placement.sum()):
                setting = _SETTINGS[s]
                placed.append((m, kind, branch, setting, *_place_point(rng, geo, m, setting)))
    nbhs = geo.locate(np.array([b[4] for b in placed]), np.array([b[5] for b in placed]))
    out = []
    for (m, kind, branch, setting, x, y, street), nbh in zip(placed, nbhs, strict=True):
        if street is None:
            streets = geo.nbhs[nbh].streets
            street = streets[rng.integers(len(streets))]
        clustered = setting in ("centre", "cluster")
        attractiveness = rng.lognormal(0, p.attractiveness_spread) * (
            p.cluster_attractiveness if clustered else 1.0
        )
        cash = np.array(_CASH_HANDLING.get((kind, branch), _DEFAULT_CASH_HANDLING))
        out.append(
            _Business(
                kind=kind,
                branch=branch,
                x=x,
                y=y,
                nbh=int(nbh),
                muni=m,
                setting=setting,
                attractiveness=float(attractiveness),
                name=_business_name(rng, kind, branch, street),
                address=book.address(street, geo.munis[m].spec.name),
                opening_hours=_OPENING_HOURS[(kind, branch)],
                cash_handling=_CASH_VALUES[rng.choice(4, p=cash / cash.sum())],
            )
        )
    return out


def _focus_areas(p: DemoParameters, geo: _Geography) -> list[tuple[str, int, str, Polygon]]:
    """KVO areas: the town centre, two shopping centres and the largest neighbour's centre."""
    town = geo.munis[0]
    kvo = "Keurmerk Veilig Ondernemen"
    centre = _union([town.main_street.buffer(300), Point(0, 0).buffer(450)])
    areas = [(f"KVO Binnenstad {p.town.name}", 0, f"{kvo}, winkelgebied", centre)]
    for (cx, cy), plaza, _ in town.clusters[1:3]:
        shape = Point(cx, cy).buffer(220)
        areas.append((f"KVO Winkelcentrum {plaza}", 0, f"{kvo}, winkelcentrum", shape))
    biggest = 1 + int(np.argmax([m.population for m in p.neighbours]))
    muni = geo.munis[biggest]
    shape = _union([muni.main_street.buffer(200), Point(muni.core).buffer(250)])
    areas.append((f"KVO Centrum {muni.spec.name}", biggest, f"{kvo}, dorpskern", shape))
    return [
        (
            name,
            m,
            description,
            _single(shapely.intersection(shape, geo.munis[m].shape, grid_size=GRID)),
        )
        for name, m, description, shape in areas
    ]


# -- robberies ----------------------------------------------------------------------------------


@dataclass
class _Event:
    t: float  # days since the period start, with the time of day
    muni: int
    kind: str
    branch: str
    business: int | None
    key: str
    x: float
    y: float
    nbh: int
    address: str
    trigger: str
    parent: int | None


def _draw_time(rng, p: DemoParameters, day: int) -> float:
    hour = rng.choice(24, p=p.hour_probabilities())
    return day + (hour + rng.random()) / 24.0


class _Robberies:
    """The self-exciting robbery process: background robberies, then their offspring."""

    def __init__(self, p: DemoParameters, rng, geo: _Geography, businesses: list[_Business]):
        self.p, self.rng, self.geo, self.businesses = p, rng, geo, businesses
        self.kinds = np.array([b.kind for b in businesses])
        self.branches = np.array([b.branch for b in businesses])
        self.munis = np.array([b.muni for b in businesses])
        self.attractiveness = np.array([b.attractiveness for b in businesses])
        self.xy = np.array([(b.x, b.y) for b in businesses])
        self.tree = cKDTree(self.xy)
        self.points = 0
        self.events: list[_Event] = []

    def run(self) -> list[_Event]:
        p, rng = self.p, self.rng
        factors = p.daily_factors()
        target_kinds = [k for k, _ in p.target_mix]
        target_p = np.array([s for _, s in p.target_mix])
        branches = [b for b, _ in p.shop_branch_mix]
        branch_p = np.array([s for _, s in p.shop_branch_mix])
        for m, spec in enumerate(p.municipalities):
            # Background events: a homogeneous Poisson process thinned to the daily rate.
            rate = spec.background_rate / 365.25 * factors
            top = rate.max()
            candidates = np.sort(rng.uniform(0, p.days, rng.poisson(top * p.days)))
            keep = rng.random(len(candidates)) < rate[candidates.astype(int)] / top
            for day in candidates[keep].astype(int):
                kind = target_kinds[rng.choice(len(target_kinds), p=target_p / target_p.sum())]
                branch = (
                    branches[rng.choice(len(branches), p=branch_p / branch_p.sum())]
                    if kind == "shop"
                    else ""
                )
                event = self._background(m, kind, branch, _draw_time(rng, p, int(day)))
                if event is not None:
                    self.events.append(event)
        # Offspring, generation by generation: each robbery may trigger a repeat and a
        # near-repeat, which may trigger their own.
        i = 0
        while i < len(self.events):
            parent = self.events[i]
            if rng.random() < p.repeat_probability:
                day = int(parent.t) + 1 + int(rng.exponential(p.repeat_mean_delay_days))
                if day < p.days:
                    self.events.append(
                        dataclasses.replace(
                            parent, t=_draw_time(rng, p, day), trigger="repeat", parent=i
                        )
                    )
            if rng.random() < p.near_repeat_probability:
                day = int(parent.t) + 1 + int(rng.exponential(p.near_repeat_mean_delay_days))
                if day < p.days:
                    child = self._near(parent, i, _draw_time(rng, p, day))
                    if child is not None:
                        self.events.append(child)
            i += 1
        return self.events

    def _pick_business(self, mask: np.ndarray) -> int | None:
        candidates = np.flatnonzero(mask)
        if len(candidates) == 0:
            return None
        w = self.attractiveness[candidates]
        return int(candidates[self.rng.choice(len(candidates), p=w / w.sum())])

    def _at_business(self, index, kind, branch, t, trigger="background", parent=None) -> _Event:
        b = self.businesses[index]
        return _Event(
            t, b.muni, kind, branch, index, f"b{index}", b.x, b.y, b.nbh, b.address, trigger, parent
        )

    def _at_point(
        self, m, kind, x, y, nbh, t, trigger="background", parent=None, address=None, rng=None
    ) -> _Event:
        rng = self.rng if rng is None else rng
        if address is None:
            streets = self.geo.nbhs[nbh].streets
            street = streets[rng.integers(len(streets))]
            number = int(rng.integers(1, 180))
            place = self.geo.munis[self.geo.nbhs[nbh].municipality].spec.name
            address = f"{street} {number}, {place}"
        self.points += 1
        return _Event(t, m, kind, "", None, f"p{self.points}", x, y, nbh, address, trigger, parent)

    def _background(self, m, kind, branch, t) -> _Event | None:
        rng = self.rng
        if kind in BUSINESS_TYPES:
            mask = (self.munis == m) & (self.kinds == kind)
            if kind == "shop":
                mask &= self.branches == branch
            index = self._pick_business(mask)
            return None if index is None else self._at_business(index, kind, branch, t)
        if kind == "cash_in_transit":
            mask = (self.munis == m) & ((self.kinds == "bank") | (self.branches == "supermarket"))
            index = self._pick_business(mask)
            if index is None:
                return None
            return self._transport(index, t)
        x, y = _residential_points(rng, self.geo, m, 1)[0]
        nbh = int(self.geo.locate(x, y)[0])
        return self._at_point(self.geo.nbhs[nbh].municipality, kind, x, y, nbh, t)

    def _transport(self, index, t, trigger="background", parent=None) -> _Event | None:
        b = self.businesses[index]
        for _ in range(10):
            x, y = _offset((b.x, b.y), self.rng.uniform(0, 360), self.rng.uniform(10, 40))
            nbh = int(self.geo.locate(x, y)[0])
            if nbh >= 0:
                m = self.geo.nbhs[nbh].municipality
                return self._at_point(
                    m, "cash_in_transit", x, y, nbh, t, trigger, parent, b.address
                )
        return None

    def displace(self, event: _Event, area: Polygon, buffer_m: float, rng) -> _Event | None:
        """``event`` moved to a target of its kind in the ring around ``area``, if any."""
        ring = shapely.difference(area.buffer(buffer_m), area)
        if event.kind in BUSINESS_TYPES:
            mask = (self.kinds == event.kind) & shapely.contains_xy(ring, *self.xy.T)
            if event.kind == "shop":
                mask &= self.branches == event.branch
            candidates = np.flatnonzero(mask)
            if len(candidates) == 0:
                return None
            w = self.attractiveness[candidates]
            index = int(candidates[rng.choice(len(candidates), p=w / w.sum())])
            b = self.businesses[index]
            return _Event(
                event.t, b.muni, event.kind, event.branch, index, f"b{index}", b.x, b.y,
                b.nbh, b.address, "displaced", None,
            )  # fmt: skip
        x, y = _sample_in(rng, ring, 1)[0]
        nbh = int(self.geo.locate(x, y)[0])
        if nbh < 0:
            return None
        m = self.geo.nbhs[nbh].municipality
        return self._at_point(m, event.kind, x, y, nbh, event.t, "displaced", None, rng=rng)

    def _near(self, parent: _Event, i: int, t: float) -> _Event | None:
        p, rng = self.p, self.rng
        if parent.kind in BUSINESS_TYPES or parent.kind == "cash_in_transit":
            nearby = np.array(
                self.tree.query_ball_point((parent.x, parent.y), p.near_repeat_max_distance_m),
                dtype=int,
            )
            if parent.kind == "cash_in_transit":
                ok = (self.kinds[nearby] == "bank") | (self.branches[nearby] == "supermarket")
            else:
                ok = self.kinds[nearby] == parent.kind
                if parent.kind == "shop":
                    ok &= self.branches[nearby] == parent.branch
            ok &= (nearby != parent.business) & (self.xy[nearby] != (parent.x, parent.y)).any(1)
            nearby = nearby[ok]
            if len(nearby) == 0:
                return None
            distance = np.hypot(*(self.xy[nearby] - (parent.x, parent.y)).T)
            w = self.attractiveness[nearby] * np.exp(-distance / p.near_repeat_distance_scale_m)
            index = int(nearby[rng.choice(len(nearby), p=w / w.sum())])
            if parent.kind == "cash_in_transit":
                return self._transport(index, t, "near_repeat", i)
            return self._at_business(index, parent.kind, parent.branch, t, "near_repeat", i)
        for _ in range(20):  # a home or a delivery address nearby
            distance = rng.exponential(p.near_repeat_distance_scale_m)
            if distance > p.near_repeat_max_distance_m:
                continue
            x, y = _offset((parent.x, parent.y), rng.uniform(0, 360), distance)
            nbh = int(self.geo.locate(x, y)[0])
            if nbh >= 0:
                m = self.geo.nbhs[nbh].municipality
                return self._at_point(m, parent.kind, x, y, nbh, t, "near_repeat", i)
        return None


def _effect_areas(p: DemoParameters, geo: _Geography, focus) -> list[Polygon]:
    """The area of each of ``p.measure_effects``: a focus area or a district of the town."""
    town = geo.munis[0]
    shapes = {name: shape for name, _, _, shape in focus}
    for _code, name, members in town.districts:
        shapes.setdefault(name, _exact_union(geo.nbhs[i].shape for i in members))
    try:
        return [shapes[effect.area] for effect in p.measure_effects]
    except KeyError as error:
        raise ValueError(f"no focus area or district named {error.args[0]!r}") from None


def _apply_effects(
    p: DemoParameters, process: _Robberies, events: list[_Event], areas: list[Polygon]
) -> list[_Event]:
    """``events`` less those the measures prevented, plus those they displaced.

    Runs on its own random stream, after the process, so that robberies no measure touches
    stay where and when they were (their other attributes are drawn afterwards, in order, and
    do change). Parents precede their offspring in ``events``.
    """
    if not p.measure_effects:
        return events
    rng = np.random.default_rng([p.seed, 1])
    x = np.array([e.x for e in events])
    y = np.array([e.y for e in events])
    t = np.array([e.t for e in events])
    treated = []
    for effect, area in zip(p.measure_effects, areas, strict=True):
        start = (effect.start - p.period_start).days
        treated.append((t >= start) & shapely.contains_xy(area, x, y))
    prevented = np.zeros(len(events), dtype=bool)
    kept, displaced = [], []
    old_to_new: dict[int, int] = {}
    for i, event in enumerate(events):
        if event.parent is not None and prevented[event.parent]:
            prevented[i] = True
            continue
        for effect, area, inside in zip(p.measure_effects, areas, treated, strict=True):
            if inside[i] and rng.random() >= effect.multiplier:
                prevented[i] = True
                if rng.random() < effect.displaced:
                    displaced.append(process.displace(event, area, effect.buffer_m, rng))
                break
        if not prevented[i]:
            parent = None if event.parent is None else old_to_new[event.parent]
            old_to_new[i] = len(kept)
            kept.append(dataclasses.replace(event, parent=parent))
    return kept + [e for e in displaced if e is not None]


def _choice(rng, mix, n):
    values = [v for v, _ in mix]
    w = np.array([s for _, s in mix], dtype=float)
    return [values[k] for k in rng.choice(len(values), size=n, p=w / w.sum())]


# -- assembly -----------------------------------------------------------------------------------


class _Converter:
    """Local metres -> RD New -> WGS84 (points rounded to 7 decimals, about 1 cm)."""

    def __init__(self, p: DemoParameters):
        self.cx, self.cy = to_rd(p.centre_lon, p.centre_lat)
        self.cx, self.cy = round(self.cx), round(self.cy)

    def rd(self, geom: BaseGeometry) -> BaseGeometry:
        return shapely.transform(geom, lambda c: c + (self.cx, self.cy))

    def geojson(self, geom: BaseGeometry) -> dict:
        def ring(coords):
            lon, lat = to_wgs84(coords[:, 0] + self.cx, coords[:, 1] + self.cy)
            return [[float(a), float(b)] for a, b in zip(lon, lat, strict=True)]

        def polygon(poly: Polygon):
            rings = [poly.exterior, *poly.interiors]
            return [ring(np.asarray(r.coords)) for r in rings]

        parts = _polygons(shapely.orient_polygons(geom))
        if len(parts) == 1:
            return {"type": "Polygon", "coordinates": polygon(parts[0])}
        return {"type": "MultiPolygon", "coordinates": [polygon(q) for q in parts]}

    def area(self, level, code, name, population, parent, municipality, shape, businesses=None):
        return Area(
            level=level,
            code=code,
            name=name,
            population=population,
            parent_code=parent,
            municipality_code=municipality,
            geometry=self.geojson(shape),
            businesses=businesses,
            shape=self.rd(shape),
        )

    def points(self, x, y):
        x, y = np.asarray(x) + self.cx, np.asarray(y) + self.cy
        lon, lat = to_wgs84(x, y)
        return np.round(x, 2), np.round(y, 2), np.round(lon, 7), np.round(lat, 7)


def generate(parameters: DemoParameters | None = None) -> Town:
    """Generate the demo region for ``parameters`` (the defaults when not given)."""
    p = parameters or DemoParameters()
    rng = np.random.default_rng(p.seed)
    geo = _Geography(p, rng)
    book = _AddressBook(rng)
    raw_businesses = _build_businesses(p, rng, geo, book)
    focus = _focus_areas(p, geo)
    for b in raw_businesses:
        b.kvo_area = any(
            m == b.muni and shapely.contains_xy(shape, b.x, b.y) for _, m, _, shape in focus
        )
    process = _Robberies(p, rng, geo, raw_businesses)
    events = _apply_effects(p, process, process.run(), _effect_areas(p, geo, focus))
    conv = _Converter(p)

    # Areas.
    municipalities, districts, neighbourhoods = [], [], []
    business_counts = np.bincount([b.muni for b in raw_businesses], minlength=len(geo.munis))
    for m, muni in enumerate(geo.munis):
        spec = muni.spec
        nbh_shapes = [geo.nbhs[i].shape for _, _, members in muni.districts for i in members]
        shape = _exact_union(nbh_shapes)
        municipalities.append(
            conv.area(
                "municipality", spec.code, spec.name, spec.population, p.police_unit_code,
                spec.code, shape, businesses=int(business_counts[m]),
            )
        )  # fmt: skip
        for d_code, d_name, members in muni.districts:
            shape = _exact_union(geo.nbhs[i].shape for i in members)
            population = sum(geo.nbhs[i].population for i in members)
            districts.append(
                conv.area("district", d_code, d_name, population, spec.code, spec.code, shape)
            )
            for i in members:
                nb = geo.nbhs[i]
                neighbourhoods.append(
                    conv.area(
                        "neighbourhood", nb.code, nb.name, nb.population, d_code, spec.code,
                        nb.shape,
                    )
                )  # fmt: skip
    population = sum(s.population for s in p.municipalities)
    police_unit = conv.area(
        "police_unit", p.police_unit_code, p.police_unit_name, population, None, None, geo.region
    )
    focus_areas = tuple(
        FocusAreaRecord(
            name, geo.munis[m].spec.code, description, conv.geojson(shape), conv.rd(shape)
        )
        for name, m, description, shape in focus
    )

    # Businesses.
    bx, by, blon, blat = conv.points([b.x for b in raw_businesses], [b.y for b in raw_businesses])
    businesses = tuple(
        BusinessRecord(
            index=i,
            name=b.name,
            target_type=b.kind,
            branch=b.branch,
            address=b.address,
            opening_hours=b.opening_hours,
            cash_handling=b.cash_handling,
            kvo_area=b.kvo_area,
            attractiveness=round(b.attractiveness, 6),
            setting=b.setting,
            x=float(bx[i]),
            y=float(by[i]),
            lon=float(blon[i]),
            lat=float(blat[i]),
            municipality_code=geo.munis[b.muni].spec.code,
            district_code=geo.nbhs[b.nbh].district_code,
            neighbourhood_code=geo.nbhs[b.nbh].code,
        )
        for i, b in enumerate(raw_businesses)
    )

    # Robberies: attributes, then in time order with stable ids.
    n = len(events)
    attempt = rng.random(n) < p.attempt_probability
    weapon = _choice(rng, p.weapon_mix, n)
    violence = rng.random(n) < p.violence_probability
    injured = np.where(
        violence & (rng.random(n) < p.injury_probability), 1 + (rng.random(n) < 0.2), 0
    )
    offenders = _choice(rng, p.offender_count_mix, n)
    offenders_unknown = rng.random(n) < p.offenders_unknown_probability
    loot = _choice(rng, p.loot_mix, n)
    high_loot = _choice(rng, p.high_value_loot_mix, n)
    time_unknown = rng.random(n) < p.time_unknown_probability
    arrested = rng.random(n) < p.arrest_probability
    solved = arrested & (rng.random(n) < p.solved_given_arrest_probability)
    order = sorted(range(n), key=lambda i: (events[i].t, i))
    new_index = {old: new for new, old in enumerate(order)}
    ex, ey, elon, elat = conv.points([e.x for e in events], [e.y for e in events])
    robberies = []
    for new, i in enumerate(order):
        e = events[i]
        day = int(e.t)
        minutes = min(1439, int((e.t - day) * 24 * 60))
        high_value = e.kind in HIGH_VALUE_TARGETS or e.branch == "jeweller"
        robberies.append(
            RobberyRecord(
                index=new,
                source_id=f"demo-{new + 1:06d}",
                date=p.period_start + dt.timedelta(days=day),
                time=None if time_unknown[i] else dt.time(minutes // 60, minutes % 60),
                target_type=e.kind,
                shop_branch=e.branch,
                business_index=e.business,
                target_key=e.key,
                address=e.address,
                x=float(ex[i]),
                y=float(ey[i]),
                lon=float(elon[i]),
                lat=float(elat[i]),
                municipality_code=geo.munis[geo.nbhs[e.nbh].municipality].spec.code,
                district_code=geo.nbhs[e.nbh].district_code,
                neighbourhood_code=geo.nbhs[e.nbh].code,
                attempt=bool(attempt[i]),
                weapon=weapon[i],
                violence=bool(violence[i]),
                injured=int(injured[i]),
                offenders=None if offenders_unknown[i] else int(offenders[i]),
                loot_band="none" if attempt[i] else (high_loot[i] if high_value else loot[i]),
                suspect_arrested=bool(arrested[i]),
                solved=bool(solved[i]),
                trigger=e.trigger,
                parent_index=None if e.parent is None else new_index[e.parent],
                day=round(e.t, 6),
            )
        )
    return Town(
        parameters=p,
        police_unit=police_unit,
        municipalities=tuple(municipalities),
        districts=tuple(districts),
        neighbourhoods=tuple(neighbourhoods),
        focus_areas=focus_areas,
        businesses=businesses,
        robberies=tuple(robberies),
    )
