"""The analysis list and a version's page make a fixed number of queries, however much data."""

from django.db import connection
from django.urls import reverse

from overvalregie.safety_analysis import services
from tests.safety_analysis.conftest import END, START


def _chain_lock() -> int:
    """PostgreSQL takes an advisory lock for each audit entry."""
    return 1 if connection.vendor == "postgresql" else 0


def test_the_list_does_not_grow_with_the_versions(client, analyst, town, django_assert_num_queries):
    services.start(analyst, town, START, END)
    client.force_login(analyst)
    client.get(reverse("analysis-list"))
    with django_assert_num_queries(9) as first:
        client.get(reverse("analysis-list"))
    for _ in range(3):
        services.start(analyst, town, START, END)

    with django_assert_num_queries(len(first)):
        client.get(reverse("analysis-list"))


def test_a_versions_page(client, analyst, town, django_assert_num_queries):
    analysis = services.start(analyst, town, START, END)
    client.force_login(analyst)
    url = reverse("analysis-detail", kwargs={"pk": analysis.pk})
    client.get(url)
    # session, user, membership, several memberships (navigation); the analysis; audit (last
    # entry, insert); the scope (population of the police unit, bounding box) and the areas of
    # the map; findings; decisions
    with django_assert_num_queries(13 + _chain_lock()):
        response = client.get(url)
    assert response.status_code == 200
