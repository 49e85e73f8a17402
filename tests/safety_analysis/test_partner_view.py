"""What a partner sees: no figure that gives a small count back."""

import datetime as dt

import pytest
from django.urls import reverse

from overvalregie.organisations.roles import Role
from overvalregie.safety_analysis import services
from overvalregie.safety_analysis.presentation import complementary
from overvalregie.safety_analysis.scope import POLICE_UNIT
from tests.geography.factories import square
from tests.incidents.factories import RobberyFactory
from tests.incidents.test_import_support import make_town
from tests.organisations.factories import MunicipalityFactory, OrganisationFactory, member
from tests.safety_analysis.conftest import END, START


def _values(shown):
    return [count.value for count in shown]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([10, 3, 7], [10, None, None]),  # the 3 alone would follow from the total: 7 goes too
        ([10, 3, 2, 7], [10, None, None, 7]),  # two hidden cells hide each other
        ([10, 0, 7], [10, 0, 7]),
        ([3], [None]),
    ],
)
def test_complementary_suppression(values, expected):
    assert _values(complementary(values, suppress=True)) == expected
    assert _values(complementary(values, suppress=False)) == values


@pytest.fixture
def small_town(db):
    town = make_town()
    town.population = 10_000
    town.save()
    for day in (2, 9, 16):
        RobberyFactory(municipality=town, date=dt.date(2024, 2, day), time=dt.time(21, 0),
                       weapon="firearm")  # fmt: skip
    return town


def test_a_partner_cannot_read_a_small_count_from_the_page(client, small_town):
    analyst = member(Role.ANALYST, OrganisationFactory(municipality=small_town))
    analysis = services.start(analyst, small_town, START, END)
    client.force_login(member(Role.PARTNER, OrganisationFactory(municipality=small_town)))

    page = client.get(reverse("analysis-detail", kwargs={"pk": analysis.pk})).content.decode()

    assert 'data-testid="total">&lt;5<' in page
    assert "0,30" not in page and "0.30" not in page  # the rate would give 3 back
    assert 'data-testid="density-map"' not in page and 'data-testid="knox"' not in page
    rows = page.split('data-testid="criteria"')[1].split("</table>")[0].split("data-criterion=")[1:]
    # The figure behind each criterion is not shown (its threshold is).
    assert len(rows) == 5
    assert all('<td class="utrecht-table__cell">–</td>' in row for row in rows)
    assert 'data-testid="offender-section"' not in page


def test_a_police_unit_map_hides_other_municipalities_small_counts(client, analyst, town):
    neighbour = MunicipalityFactory(police_unit=town.police_unit, name="Buurstad",
                                    geometry=square(6.0, 52.0, 0.3))  # fmt: skip
    RobberyFactory.create_batch(2, municipality=neighbour, date=dt.date(2024, 6, 1))
    analysis = services.start(analyst, town, START, END, level=POLICE_UNIT)
    client.force_login(analyst)

    page = client.get(reverse("analysis-detail", kwargs={"pk": analysis.pk})).content.decode()

    table = page.split('data-testid="map"')[1]
    assert "Buurstad" in table
    buurstad_row = table.split("Buurstad")[1].split("</tr>")[0]
    assert "&lt;5" in buurstad_row and ">2<" not in buurstad_row
