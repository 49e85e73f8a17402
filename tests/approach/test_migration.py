"""Migrating keeps an approach a decision started: the link moves to the approach."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.organisations.factories import MunicipalityFactory, UserFactory

BEFORE = [("safety_analysis", "0001_initial"), ("approach", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_a_decisions_approach_keeps_its_decision_and_gets_the_new_status():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    municipality, user = MunicipalityFactory(), UserFactory()
    approach = old.get_model("approach", "Approach").objects.create(
        municipality_id=municipality.pk, name="Aanpak", kind="specific", status="started",
        started=dt.date(2025, 1, 10),
    )  # fmt: skip
    analysis = old.get_model("safety_analysis", "SafetyAnalysis").objects.create(
        municipality_id=municipality.pk, version=1, period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 12, 31), state="final", created_by_id=user.pk,
    )  # fmt: skip
    decision = old.get_model("safety_analysis", "Decision").objects.create(
        analysis=analysis, body="mayor", date=dt.date(2025, 1, 10), choice="specific",
        approach=approach, recorded_by_id=user.pk,
    )  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    from overvalregie.approach.models import Approach

    moved = Approach.objects.get(pk=approach.pk)
    assert moved.decision_id == decision.pk and moved.status == "active"
