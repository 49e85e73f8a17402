"""The loader refuses to mix the demo into a database that holds clashing data."""

import pytest

from overvalregie.demo.loader import DemoLoadError, load_demo
from overvalregie.demo.models import DemoDataset
from overvalregie.geography.models import Municipality
from overvalregie.organisations.models import User
from tests.organisations.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_refuses_when_a_demo_username_is_taken():
    User.objects.create(username="admin")
    with pytest.raises(DemoLoadError, match="admin"):
        load_demo()
    assert not DemoDataset.objects.exists()
    assert not Municipality.objects.exists()


def test_refuses_when_the_demo_codes_are_taken():
    MunicipalityFactory(code="GM9999")
    with pytest.raises(DemoLoadError, match="GM9999"):
        load_demo()
    assert not DemoDataset.objects.exists()
    assert not User.objects.exists()
