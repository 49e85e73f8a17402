"""Writing the generated demo region into the database.

:func:`load_demo` is idempotent: a region with the same seed and generator version is loaded
once; later calls find its :class:`~overvalregie.demo.models.DemoDataset` and create nothing.
The region is written with ``bulk_create`` in one transaction, with one audit entry; the
example approach (``approach_example``) and the deployed measures (``measures_example``) are
made in the same transaction through the services, which write their own audit entries.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction

from overvalregie.audit.models import AuditAction
from overvalregie.audit.services import record
from overvalregie.demo.generator import SOURCE, DemoParameters, Town, generate
from overvalregie.demo.models import DemoDataset
from overvalregie.demo.users import DEMO_PASSWORD, DEMO_USERS, demo_organisations
from overvalregie.geography.models import (
    District,
    FocusArea,
    Municipality,
    Neighbourhood,
    PoliceUnit,
)
from overvalregie.incidents.choices import IncidentKind
from overvalregie.incidents.models import Business, Robbery
from overvalregie.organisations.models import Membership, Organisation, User

BATCH_SIZE = 1000


class DemoLoadError(Exception):
    """The demo cannot be loaded into this database (the message says why and what to do)."""


@dataclass(frozen=True)
class LoadResult:
    dataset: DemoDataset
    #: False when the same demo was already loaded (nothing was written).
    created: bool
    counts: dict[str, int]
    seconds: float


def load_demo(seed: int | None = None, *, parameters: DemoParameters | None = None) -> LoadResult:
    """Generate the demo region (``seed``, or ``parameters``) and write it, once."""
    if parameters is None:
        parameters = DemoParameters() if seed is None else DemoParameters(seed=seed)
    started = time.perf_counter()
    existing = _existing(parameters)
    if existing is not None:
        return LoadResult(existing, False, existing.counts, time.perf_counter() - started)
    _check_database_is_free(parameters)
    # Imported here: the example's safety analysis pulls in SciPy, which a second call (the
    # demo already loaded) does not need.
    from overvalregie.demo.approach_example import write_approach_example
    from overvalregie.demo.follow_ups_example import write_follow_ups_example
    from overvalregie.demo.measures_example import write_measures_example

    town = generate(parameters)
    try:
        with transaction.atomic():
            dataset = DemoDataset.objects.create(
                seed=parameters.seed, version=parameters.version, parameters=parameters.to_json()
            )
            counts = write_town(town)
            counts |= write_approach_example(parameters.town.code)
            counts |= write_measures_example(parameters)
            counts |= write_follow_ups_example(parameters)
            dataset.counts = counts
            dataset.save(update_fields=["counts"])
            record(
                None,
                AuditAction.IMPORT,
                object_type="demo.dataset",
                object_id=str(dataset.pk),
                detail={"seed": parameters.seed, "version": parameters.version, **counts},
            )
    except IntegrityError:
        # Another process loaded the same demo at the same time: that is fine.
        existing = _existing(parameters)
        if existing is None:
            raise
        return LoadResult(existing, False, existing.counts, time.perf_counter() - started)
    return LoadResult(dataset, True, counts, time.perf_counter() - started)


def _existing(parameters: DemoParameters) -> DemoDataset | None:
    return DemoDataset.objects.filter(seed=parameters.seed, version=parameters.version).first()


def _check_database_is_free(parameters: DemoParameters) -> None:
    """Refuse, with a clear message, when the demo would clash with what is there."""
    other = DemoDataset.objects.first()
    if other is not None:
        raise DemoLoadError(
            f"Another demo region (seed {other.seed}, generator version {other.version}) is "
            "already loaded. Load this one into an empty database (set DATA_DIR or "
            "DATABASE_URL)."
        )
    codes = [parameters.police_unit_code, *(m.code for m in parameters.municipalities)]
    if PoliceUnit.objects.filter(code__in=codes[:1]).exists() or (
        Municipality.objects.filter(code__in=codes[1:]).exists()
    ):
        raise DemoLoadError(
            f"The database already holds areas with the demo's codes ({', '.join(codes)}). "
            "Load the demo into an empty database (set DATA_DIR or DATABASE_URL)."
        )
    usernames = [u.username for u in DEMO_USERS]
    taken = sorted(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    if taken:
        raise DemoLoadError(
            f"Users with the demo usernames already exist ({', '.join(taken)}). Load the demo "
            "into an empty database (set DATA_DIR or DATABASE_URL)."
        )


def write_town(town: Town) -> dict[str, int]:
    """Write ``town`` with its partners and demo users; return what was created."""
    p = town.parameters
    unit = PoliceUnit(
        code=town.police_unit.code,
        name=town.police_unit.name,
        geometry=town.police_unit.geometry,
        boundary_year=p.boundary_year,
        population=town.police_unit.population,
    )
    _bulk_areas(PoliceUnit, [unit])
    municipalities = _bulk_areas(
        Municipality,
        [
            Municipality(
                code=a.code,
                name=a.name,
                geometry=a.geometry,
                boundary_year=p.boundary_year,
                population=a.population,
                businesses=a.businesses,
                police_unit=unit,
            )
            for a in town.municipalities
        ],
    )
    districts = _bulk_areas(
        District,
        [
            District(
                code=a.code,
                name=a.name,
                geometry=a.geometry,
                boundary_year=p.boundary_year,
                population=a.population,
                municipality=municipalities[a.municipality_code],
            )
            for a in town.districts
        ],
    )
    neighbourhoods = _bulk_areas(
        Neighbourhood,
        [
            Neighbourhood(
                code=a.code,
                name=a.name,
                geometry=a.geometry,
                boundary_year=p.boundary_year,
                population=a.population,
                district=districts[a.parent_code],
                municipality=municipalities[a.municipality_code],
            )
            for a in town.neighbourhoods
        ],
    )
    FocusArea.objects.bulk_create(
        [
            FocusArea(
                name=f.name,
                municipality=municipalities[f.municipality_code],
                geometry=f.geometry,
                description=f.description,
            )
            for f in town.focus_areas
        ]
    )

    def located(record) -> dict:
        return {
            "lon": record.lon,
            "lat": record.lat,
            "rd_x": record.x,
            "rd_y": record.y,
            "municipality": municipalities[record.municipality_code],
            "district": districts[record.district_code],
            "neighbourhood": neighbourhoods[record.neighbourhood_code],
        }

    businesses = [
        Business(
            name=b.name,
            target_type=b.target_type,
            branch=b.branch,
            address=b.address,
            opening_hours=b.opening_hours,
            cash_handling=b.cash_handling,
            kvo_area=b.kvo_area,
            **located(b),
        )
        for b in town.businesses
    ]
    Business.objects.bulk_create(businesses, batch_size=BATCH_SIZE)
    Robbery.objects.bulk_create(
        [
            Robbery(
                kind=IncidentKind.ROBBERY,
                source=SOURCE,
                source_id=r.source_id,
                date=r.date,
                time=r.time,
                attempt=r.attempt,
                address=r.address,
                target_type=r.target_type,
                shop_branch=r.shop_branch,
                weapon=r.weapon,
                violence=r.violence,
                injured=r.injured,
                offenders=r.offenders,
                loot_band=r.loot_band,
                business=None if r.business_index is None else businesses[r.business_index],
                suspect_arrested=r.suspect_arrested,
                solved=r.solved,
                **located(r),
            )
            for r in town.robberies
        ],
        batch_size=BATCH_SIZE,
    )
    organisations, users = _write_partners(town, municipalities, unit)
    return {
        **town.counts(),
        "organisations": organisations,
        "users": users,
    }


def _bulk_areas(model, objects: list) -> dict[str, object]:
    """Create areas (with their bounding boxes) and return them by code."""
    for obj in objects:
        obj.set_bbox()
    model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
    return {obj.code: obj for obj in objects}


def _write_partners(town: Town, municipalities: dict, unit: PoliceUnit) -> tuple[int, int]:
    organisations = {
        o.name: Organisation(
            name=o.name,
            kind=o.kind,
            municipality=municipalities[o.municipality] if o.municipality else None,
            police_unit=unit if o.police_unit else None,
        )
        for o in demo_organisations(town.parameters)
    }
    missing = sorted({u.organisation for u in DEMO_USERS} - set(organisations))
    if missing:
        raise DemoLoadError(f"Demo users name organisations that do not exist: {missing}")
    Organisation.objects.bulk_create(list(organisations.values()))
    # One hash for all: the password is public anyway, and hashing is deliberately slow.
    password = make_password(DEMO_PASSWORD)
    users = [
        User(
            username=u.username,
            first_name=u.first_name,
            last_name=u.last_name,
            email=f"{u.username}@voorbeeldstad.example",
            password=password,
            is_demo=True,
        )
        for u in DEMO_USERS
    ]
    User.objects.bulk_create(users)
    Membership.objects.bulk_create(
        [
            Membership(user=user, organisation=organisations[u.organisation], role=u.role)
            for user, u in zip(users, DEMO_USERS, strict=True)
        ]
    )
    return len(organisations), len(users)
