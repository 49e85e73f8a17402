"""Factories for geography tests, and helpers that build GeoJSON files."""

import json
from pathlib import Path

import factory

from overvalregie.geography.models import (
    District,
    FocusArea,
    Municipality,
    Neighbourhood,
    PoliceUnit,
)


def square(lon: float, lat: float, size: float = 0.1) -> dict:
    """A GeoJSON square with its south-west corner at (lon, lat)."""
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


class PoliceUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PoliceUnit

    code = factory.Sequence(lambda n: f"RE{50 + n}")
    name = factory.Sequence(lambda n: f"Eenheid {n}")
    geometry = factory.LazyFunction(lambda: square(5.0, 52.0, 1.0))
    boundary_year = 2025


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    code = factory.Sequence(lambda n: f"GM9{n:03d}")
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    geometry = factory.LazyFunction(lambda: square(5.0, 52.0, 0.5))
    boundary_year = 2024
    population = 50_000
    police_unit = None


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    municipality = factory.SubFactory(MunicipalityFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"WK{o.municipality.code[2:]}{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Wijk {n}")
    geometry = factory.LazyFunction(lambda: square(5.0, 52.0, 0.2))
    boundary_year = 2024


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    district = factory.SubFactory(DistrictFactory)
    municipality = factory.SelfAttribute("district.municipality")
    code = factory.LazyAttributeSequence(lambda o, n: f"BU{o.district.code[2:]}{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Buurt {n}")
    geometry = factory.LazyFunction(lambda: square(5.0, 52.0, 0.1))
    boundary_year = 2024


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea

    name = factory.Sequence(lambda n: f"Winkelstraat {n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    geometry = factory.LazyFunction(lambda: square(5.01, 52.01, 0.01))


def feature(code: str, name: str = "Naam", geometry: dict | None = None, **properties) -> dict:
    """A CBS/PDOK-style GeoJSON feature."""
    return {
        "type": "Feature",
        "geometry": square(5.0, 52.0) if geometry is None else geometry,
        "properties": {"statcode": code, "statnaam": name, **properties},
    }


def write_collection(path: Path, features: list[dict]) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    return path
