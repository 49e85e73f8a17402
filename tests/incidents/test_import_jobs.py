"""Imports from the upload page: checked and applied by the task worker, all or nothing.

The test settings run tasks at once (django-tasks' immediate backend), so a job has gone
through the worker's step by the time ``start`` or ``confirm`` returns.
"""

import logging

import pytest
from django.core.cache import cache
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from overvalregie.audit.models import AuditEntry
from overvalregie.incidents.importers import jobs
from overvalregie.incidents.models import ImportJob, ImportState, Robbery
from overvalregie.organisations.roles import Role
from tests.incidents.factories import ImportJobFactory, RobberyFactory
from tests.incidents.test_import_support import make_town, row, write_csv
from tests.organisations.factories import OrganisationFactory, member


@pytest.fixture
def town(db):
    return make_town()


@pytest.fixture
def analyst(town):
    return member(Role.ANALYST, OrganisationFactory(municipality=town))


def _upload(tmp_path, rows, name="robberies.csv") -> SimpleUploadedFile:
    path = write_csv(tmp_path / "upload.csv", rows)
    return SimpleUploadedFile(name, path.read_bytes(), content_type="text/csv")


def _stored(job) -> bool:
    return bool(job.file) and storages["imports"].exists(job.file)


def test_a_good_file_is_checked_then_imported_on_confirmation(analyst, tmp_path):
    job = jobs.start(analyst, _upload(tmp_path, [row(n) for n in range(12)]))
    job.refresh_from_db()

    assert job.state == ImportState.CHECKED
    assert (job.to_add, job.to_change, job.rejected, job.format) == (12, 0, 0, "csv")
    assert [sample["source_id"] for sample in job.samples["to_add"]][:2] == ["P-0", "P-1"]
    assert _stored(job)
    assert Robbery.objects.count() == 0  # nothing until the user confirms

    assert jobs.confirm(analyst, job)
    job.refresh_from_db()

    assert job.state == ImportState.DONE and job.finished is not None
    assert Robbery.objects.count() == 12
    assert AuditEntry.objects.filter(action="import", actor_id=str(analyst.pk)).count() == 1
    assert job.file == ""  # the file is deleted once the import has ended


def test_a_bad_row_rejects_the_file_with_line_column_and_reason(analyst, tmp_path):
    rows = [row(1), row(2, date="31-02-2024"), row(3)]

    job = jobs.start(analyst, _upload(tmp_path, rows))
    job.refresh_from_db()

    assert job.state == ImportState.REJECTED
    assert (job.to_add, job.rejected, job.error_count) == (2, 1, 1)
    [error] = job.errors
    assert (error["line"], error["column"]) == (3, "date")
    assert Robbery.objects.count() == 0
    assert job.file == "" and not jobs.confirm(analyst, job)


def test_the_reasons_are_in_the_language_of_the_uploader(analyst, tmp_path):
    rows = [row(1, target_type="ruimteschip")]
    with translation.override("nl"):
        dutch = jobs.start(analyst, _upload(tmp_path, rows))
    with translation.override("en"):
        english = jobs.start(analyst, _upload(tmp_path, rows))
    dutch.refresh_from_db()
    english.refresh_from_db()

    assert (dutch.language, english.language) == ("nl", "en")
    assert dutch.errors[0]["reason"] != english.errors[0]["reason"]
    assert "onbekend" in dutch.errors[0]["reason"].lower()


def test_changed_rows_are_previewed_with_the_changed_fields(analyst, town, tmp_path):
    RobberyFactory(municipality=town, source="politie", source_id="P-1", weapon="firearm")

    job = jobs.start(analyst, _upload(tmp_path, [row(1, weapon="knife")]))
    job.refresh_from_db()

    assert (job.to_add, job.to_change) == (0, 1)
    assert "weapon" in job.samples["to_change"][0]["changed"]


def test_a_discarded_file_is_deleted_and_cannot_be_confirmed(analyst, tmp_path):
    job = jobs.start(analyst, _upload(tmp_path, [row(1)]))
    job.refresh_from_db()
    name = job.file

    assert jobs.discard(analyst, job)
    job.refresh_from_db()

    assert job.state == ImportState.DISCARDED
    assert not storages["imports"].exists(name)
    assert not jobs.confirm(analyst, job)
    assert Robbery.objects.count() == 0


def test_a_file_gone_stale_between_check_and_confirm_is_rejected(analyst, town, tmp_path):
    """The check said 'to add'; meanwhile the user lost the municipality: nothing is written."""
    job = jobs.start(analyst, _upload(tmp_path, [row(1)]))
    job.refresh_from_db()
    organisation = analyst.memberships.get().organisation
    organisation.municipality = make_town()
    organisation.save()

    jobs.confirm(analyst, job)
    job.refresh_from_db()

    assert job.state == ImportState.REJECTED
    assert job.errors[0]["column"] == "lon"
    assert Robbery.objects.count() == 0


def test_an_unexpected_error_fails_the_job_without_logging_the_file(
    analyst, tmp_path, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("Dorpsstraat 1")

    monkeypatch.setattr(jobs, "plan_import", broken)
    with caplog.at_level(logging.ERROR):
        job = jobs.start(analyst, _upload(tmp_path, [row(1)]))
    job.refresh_from_db()

    assert job.state == ImportState.FAILED and job.file == ""
    assert "RuntimeError" in caplog.text
    assert "Dorpsstraat" not in caplog.text


def test_progress_comes_from_the_cache_while_the_worker_runs(analyst, tmp_path):
    job = ImportJobFactory(created_by=analyst)
    assert jobs.progress(job) == {"state": "checking", "rows": 0, "fraction": 0.0, "waiting": False}

    class Handle:
        def tell(self):
            return 250

    jobs._reporter(job, Handle())(2000)

    assert jobs.progress(job) == {
        "state": "checking",
        "rows": 2000,
        "fraction": 0.25,
        "waiting": False,
    }
    job.state = ImportState.CHECKED
    assert jobs.progress(job)["fraction"] == 1.0
    cache.clear()


def test_the_stored_file_is_named_after_the_job_not_the_upload(analyst, tmp_path):
    job = jobs.start(analyst, _upload(tmp_path, [row(1)], name="../../etc/passwd.csv"))

    assert job.filename == "passwd.csv"
    assert job.file == str(job.pk)


def test_a_job_no_worker_has_taken_up_says_so_after_a_minute(analyst):
    job = ImportJobFactory(created_by=analyst)
    assert not jobs.progress(job)["waiting"]

    ImportJob.objects.filter(pk=job.pk).update(modified=job.modified - jobs.WAITING_AFTER * 2)
    job.refresh_from_db()

    assert jobs.progress(job)["waiting"]
    job.state = ImportState.CHECKED
    assert not jobs.progress(job)["waiting"]
