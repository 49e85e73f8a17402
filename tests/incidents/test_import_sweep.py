"""``overvalregie cleanup`` ends work whose worker died and drops unconfirmed uploads."""

import datetime as dt

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.utils import timezone

from overvalregie.incidents.importers import jobs
from overvalregie.incidents.models import ImportJob, ImportState
from overvalregie.organisations.roles import Role
from overvalregie.safety_analysis.models import AnalysisState, SafetyAnalysis
from tests.incidents.factories import ImportJobFactory
from tests.organisations.factories import OrganisationFactory, member


def _aged(job, hours):
    ImportJob.objects.filter(pk=job.pk).update(modified=timezone.now() - dt.timedelta(hours=hours))
    job.refresh_from_db()
    return job


def _with_file(job):
    job.file = storages["imports"].save(str(job.pk), ContentFile(b"source;source_id\n"))
    job.save(update_fields=["file"])
    return job


def test_dead_and_unconfirmed_jobs_end_and_lose_their_files(db):
    cache.clear()
    analyst = member(Role.ANALYST, OrganisationFactory())
    dead = _aged(_with_file(ImportJobFactory(created_by=analyst)), 7)
    alive = _aged(_with_file(ImportJobFactory(created_by=analyst)), 7)
    jobs._reporter(alive, type("Handle", (), {"tell": lambda self: 10})())(100)
    young = _with_file(ImportJobFactory(created_by=analyst))
    waiting = _aged(_with_file(ImportJobFactory(created_by=analyst, state=ImportState.CHECKED)), 25)
    names = {job.pk: job.file for job in (dead, alive, young, waiting)}

    result = jobs.sweep()

    states = {job.pk: job.state for job in ImportJob.objects.all()}
    assert result == {"failed": 1, "discarded": 1}
    assert states[dead.pk] == ImportState.FAILED
    assert states[waiting.pk] == ImportState.DISCARDED
    assert states[alive.pk] == ImportState.CHECKING  # it reported progress: still working
    assert states[young.pk] == ImportState.CHECKING
    assert not storages["imports"].exists(names[dead.pk])
    assert not storages["imports"].exists(names[waiting.pk])
    assert storages["imports"].exists(names[young.pk])
    cache.clear()


def test_the_command_also_ends_analyses_left_running(db, capsys):
    from tests.incidents.test_import_support import make_town

    town = make_town()
    analyst = member(Role.ANALYST, OrganisationFactory(municipality=town))
    analysis = SafetyAnalysis.objects.create(
        municipality=town, version=1, period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 12, 31), created_by=analyst,
    )  # fmt: skip
    SafetyAnalysis.objects.filter(pk=analysis.pk).update(
        created=timezone.now() - dt.timedelta(hours=7)
    )

    call_command("cleanup")

    analysis.refresh_from_db()
    assert analysis.state == AnalysisState.FAILED
    assert "analyses failed: 1" in capsys.readouterr().out
