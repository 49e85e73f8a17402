"""The privacy officer searches the audit log; nobody else knows it is there."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from overvalregie.audit.models import AuditAction, AuditEntry
from overvalregie.audit.services import record
from overvalregie.organisations.roles import Role
from tests.audit.factories import AuditEntryFactory, OrganisationFactory, member

pytestmark = pytest.mark.django_db

URL = reverse("audit-search")


@pytest.fixture
def officer(client):
    user = member(Role.PRIVACY, username="fg")
    client.force_login(user)
    return user


def sequences(response) -> list[int]:
    return [entry.sequence for entry in response.context["page"].object_list]


def test_privacy_officer_sees_entries_newest_first(client, officer):
    first, second = AuditEntryFactory(), AuditEntryFactory()
    response = client.get(URL)
    assert response.status_code == 200
    shown = sequences(response)
    assert shown.index(second.sequence) < shown.index(first.sequence)
    assert shown == sorted(shown, reverse=True)


def test_filters_narrow_the_results(client, officer):
    analyst = member(Role.ANALYST, OrganisationFactory(name="Politie Oost"), username="analist")
    worker = member(Role.CASEWORKER, OrganisationFactory(name="Reclassering"), username="werker")
    by_analyst = record(analyst, AuditAction.READ, object_type="incidents.robbery",
                        object_id="r-1", purpose="hotspot analysis")  # fmt: skip
    by_worker = record(worker, AuditAction.UPDATE, object_type="lines.offendercase",
                       object_id="c-9", purpose="case work")  # fmt: skip
    system = record(None, AuditAction.IMPORT, object_type="incidents.robbery")

    cases = {
        "actor": ("ANALIST", [by_analyst]),
        "organisation": ("reclass", [by_worker]),
        "role": (Role.CASEWORKER, [by_worker]),
        "action": (AuditAction.IMPORT, [system]),
        "object_type": ("incidents.robbery", [system, by_analyst]),
        "object_id": ("c-9", [by_worker]),
        "purpose": ("HOTSPOT", [by_analyst]),
    }
    for field, (value, expected) in cases.items():
        response = client.get(URL, {field: value})
        assert sequences(response) == [e.sequence for e in expected], field

    response = client.get(URL, {"object_type": "incidents.robbery", "actor": "system"})
    assert sequences(response) == [system.sequence]


def test_date_filters_take_whole_days(client, officer):
    entry = AuditEntryFactory(object_type="dated")
    today = timezone.localdate()
    day = datetime.timedelta(days=1)

    def found(**dates):
        return sequences(client.get(URL, {"object_type": "dated", **dates}))

    assert found(date_from=today, date_to=today) == [entry.sequence]
    assert found(date_from=today + day) == []
    assert found(date_to=today - day) == []


def test_end_before_start_is_an_error_not_a_result(client, officer):
    AuditEntryFactory()
    today = timezone.localdate()
    response = client.get(URL, {"date_from": today, "date_to": today - datetime.timedelta(1)})
    assert response.status_code == 200
    assert response.context["form"].errors["date_to"]
    assert sequences(response) == []


def test_results_are_paginated_by_50_with_a_count(client, officer):
    AuditEntryFactory.create_batch(120, object_type="bulk")
    page1 = client.get(URL, {"object_type": "bulk"})
    assert page1.context["page"].paginator.count == 120
    assert len(sequences(page1)) == 50
    assert 'role="status">120 ' in page1.content.decode()  # the count, in any language
    page3 = client.get(URL, {"object_type": "bulk", "page": 3})
    assert len(sequences(page3)) == 20
    assert 'href="?object_type=bulk&amp;page=2"' in page3.content.decode()


def test_each_look_at_the_log_is_recorded_without_the_filter_values(client, officer):
    client.get(URL, {"actor": "someone", "purpose": "case"})
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert entry.action == AuditAction.READ
    assert (entry.object_type, entry.purpose) == ("audit.log", "privacy review")
    assert (entry.actor, entry.role) == (officer.username, Role.PRIVACY)
    assert entry.detail == {"filters": ["actor", "purpose"], "page": 1}
    assert "someone" not in entry.canonical().decode()


@pytest.mark.parametrize("role", [r for r in Role if r != Role.PRIVACY])
def test_other_roles_get_404_and_the_attempt_is_recorded(client, role):
    user = member(role)
    client.force_login(user)
    assert client.get(URL).status_code == 404
    refusal = AuditEntry.objects.order_by("-sequence").first()
    assert refusal.action == AuditAction.REFUSED
    assert (refusal.actor, refusal.object_type) == (user.username, "audit.log")
    assert refusal.detail == {"attempted": "view_audit_log"}


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_query_count_does_not_grow_with_the_results(client, officer, django_assert_num_queries):
    # session, user, membership (policy), count, the page of entries; recording the read:
    # [advisory lock on PostgreSQL,] last entry, insert; the navigation's membership count.
    expected = 8 + (connection.vendor == "postgresql")
    AuditEntryFactory(object_type="counted")
    with django_assert_num_queries(expected):
        client.get(URL, {"object_type": "counted"})
    AuditEntryFactory.create_batch(60, object_type="counted")
    with django_assert_num_queries(expected):
        client.get(URL, {"object_type": "counted"})
    with django_assert_num_queries(expected):
        client.get(URL, {"object_type": "counted", "page": 2})
