"""The loader writes the region into the database once, with one audit entry."""

import pytest

from overvalregie.audit.models import AuditAction, AuditEntry
from overvalregie.audit.services import verify_chain
from overvalregie.demo.generator import DemoParameters
from overvalregie.demo.loader import DemoLoadError, load_demo
from overvalregie.demo.models import DemoDataset
from overvalregie.geography.models import (
    District,
    FocusArea,
    Municipality,
    Neighbourhood,
    PoliceUnit,
)
from overvalregie.incidents.models import Business, Robbery
from overvalregie.organisations.models import Membership, Organisation, User

pytestmark = pytest.mark.django_db

MODELS = (
    PoliceUnit,
    Municipality,
    District,
    Neighbourhood,
    FocusArea,
    Business,
    Robbery,
    Organisation,
    User,
    Membership,
    DemoDataset,
    AuditEntry,
)


def _table_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_load_writes_the_whole_region(loaded_demo, town):
    result = loaded_demo
    assert result.created
    assert _table_counts() | {"AuditEntry": 0} == {
        "PoliceUnit": 1,
        "Municipality": 7,
        "District": len(town.districts),
        "Neighbourhood": len(town.neighbourhoods),
        "FocusArea": len(town.focus_areas),
        "Business": len(town.businesses),
        "Robbery": len(town.robberies),
        "Organisation": result.counts["organisations"],
        "User": 9,
        "Membership": 9,
        "DemoDataset": 1,
        "AuditEntry": 0,
    }
    stad = Municipality.objects.select_related("police_unit").get(code="GM9999")
    assert stad.name == "Voorbeeldstad"
    assert stad.population == town.municipalities[0].population
    assert stad.businesses == town.municipalities[0].businesses
    assert stad.police_unit.code == "RE99"
    assert stad.min_lon < stad.max_lon and stad.min_lat < stad.max_lat  # bounding box set
    assert Neighbourhood.objects.filter(min_lon=0).count() == 0


def test_robberies_keep_their_places_and_businesses(loaded_demo, town):
    first = town.robberies[0]
    stored = Robbery.objects.select_related("neighbourhood", "district", "municipality").get(
        source="demo", source_id=first.source_id
    )
    assert (stored.date, stored.time, stored.target_type) == (
        first.date,
        first.time,
        first.target_type,
    )
    assert (stored.rd_x, stored.rd_y, stored.lon, stored.lat) == (
        first.x,
        first.y,
        first.lon,
        first.lat,
    )
    assert stored.neighbourhood.code == first.neighbourhood_code
    assert stored.district.code == first.district_code
    assert stored.municipality.code == first.municipality_code
    at_business = [r for r in town.robberies if r.business_index is not None]
    assert Robbery.objects.filter(business__isnull=False).count() == len(at_business)
    robbery = Robbery.objects.select_related("business").get(source_id=at_business[0].source_id)
    assert robbery.business.address == town.businesses[at_business[0].business_index].address


def test_loading_twice_creates_nothing(loaded_demo, cached_generate):
    first = loaded_demo
    before = _table_counts()
    second = load_demo()
    assert not second.created
    assert second.dataset == first.dataset
    assert second.counts == first.counts
    assert _table_counts() == before


def test_one_audit_entry_with_the_counts(loaded_demo, cached_generate, town):
    result = loaded_demo
    load_demo()
    # One import entry for the region; the example approach's services write their own.
    entry = AuditEntry.objects.get(action=AuditAction.IMPORT)
    assert entry.action == AuditAction.IMPORT
    assert entry.object_type == "demo.dataset"
    assert entry.object_id == str(result.dataset.pk)
    assert entry.actor == "system"
    assert entry.detail["robberies"] == len(town.robberies)
    assert entry.detail["businesses"] == len(town.businesses)
    assert entry.detail["seed"] == town.parameters.seed
    assert verify_chain().ok


def test_dataset_holds_the_true_parameters(loaded_demo, town):
    result = loaded_demo
    dataset = DemoDataset.objects.get()
    assert dataset.parameters == DemoParameters().to_json()
    assert dataset.generator_parameters() == town.parameters
    assert (dataset.seed, dataset.version) == (town.parameters.seed, town.parameters.version)
    assert dataset.counts == result.counts


def test_refuses_another_region_on_top_of_the_first(loaded_demo):
    before = _table_counts()
    with pytest.raises(DemoLoadError, match="Another demo region"):
        load_demo(seed=5)
    assert _table_counts() == before
