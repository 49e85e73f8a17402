"""Imports from the upload page: one :class:`ImportJob` per uploaded file.

The web process stores the file and queues :func:`check_job`; the background worker checks
the file (nothing is written) and keeps the preview on the job. After the user confirms,
:func:`apply_job` imports it, all or nothing, and the file is deleted. Both steps stream the
file and report their progress through the cache, which every process can read while the
import's own transaction is still open.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.files.storage import storages
from django.utils import timezone, translation

from overvalregie import progress as shared_progress
from overvalregie.incidents.importers.services import (
    SAMPLE_SIZE,
    ImportPlan,
    ImportRejected,
    apply_import,
    check_permission,
    plan_import,
)
from overvalregie.incidents.models import ImportJob, ImportState
from overvalregie.organisations.policy import active_membership

logger = logging.getLogger(__name__)

#: Problems kept on a job for the preview; the job counts them all.
STORED_ERRORS = 1000
WAITING_AFTER = shared_progress.WAITING_AFTER


def _storage():
    return storages["imports"]


def progress(job: ImportJob) -> dict:
    """``{"state", "rows", "fraction", "waiting"}``: how far the worker is with ``job``."""
    return shared_progress.read(
        "import", job.pk, state=job.state, running=job.running, since=job.modified, rows=job.rows
    )


def _reporter(job: ImportJob, handle):
    """A progress callback: rows read, and the share of the file's bytes read so far."""

    def report(rows: int) -> None:
        try:
            fraction = handle.tell() / job.size if job.size else 1.0
        except (OSError, ValueError):
            fraction = 0.0
        shared_progress.report("import", job.pk, job.state, fraction, rows=rows)

    return report


def _safe_filename(name: str) -> str:
    """The uploaded file's own name, without folders, for display only."""
    return Path(name or "").name[:255] or "upload"


def start(user, upload) -> ImportJob:
    """Store an uploaded file and queue its check. Raises PermissionDenied when not allowed."""
    check_permission(user)
    membership = active_membership(user)
    job = ImportJob(
        created_by=user,
        membership=membership,
        filename=_safe_filename(upload.name),
        size=upload.size,
        language=translation.get_language() or "nl",
    )
    # Stored under the job's id: the user's file name never reaches the file system.
    job.file = _storage().save(str(job.id), upload)
    job.save()
    _queue("check_import_file", job)
    return job


def confirm(user, job: ImportJob) -> bool:
    """Queue the import of a checked file; False when the job is not ready for it."""
    check_permission(user)
    updated = ImportJob.objects.filter(pk=job.pk, state=ImportState.CHECKED).update(
        state=ImportState.IMPORTING, modified=timezone.now()
    )
    if not updated:
        return False
    job.state = ImportState.IMPORTING
    _queue("apply_import_file", job)
    return True


def discard(user, job: ImportJob) -> bool:
    """Drop a checked file without importing it; False when the job is past that point."""
    check_permission(user)
    updated = ImportJob.objects.filter(pk=job.pk, state=ImportState.CHECKED).update(
        state=ImportState.DISCARDED, finished=timezone.now(), modified=timezone.now()
    )
    if updated:
        _end(job)
    return bool(updated)


def _queue(task_name: str, job: ImportJob) -> None:
    from overvalregie.incidents import tasks

    getattr(tasks, task_name).enqueue(str(job.pk))


def _end(job: ImportJob) -> None:
    """The file is no longer needed: delete it."""
    if job.file:
        _storage().delete(job.file)
        ImportJob.objects.filter(pk=job.pk).update(file="")
        job.file = ""


def _keep_plan(job: ImportJob, plan: ImportPlan) -> None:
    job.format = plan.format
    job.to_add, job.to_change, job.unchanged = plan.to_add, plan.to_change, plan.unchanged
    job.rejected = len({error.line for error in plan.errors})
    job.error_count = len(plan.errors)
    job.errors = [
        {"line": error.line, "column": error.column, "reason": str(error.reason)}
        for error in plan.errors[:STORED_ERRORS]
    ]
    job.samples = {
        "to_add": plan.sample_to_add[:SAMPLE_SIZE],
        "to_change": plan.sample_to_change[:SAMPLE_SIZE],
        "unchanged": plan.sample_unchanged[:SAMPLE_SIZE],
    }
    job.ignored_columns = plan.ignored_columns


def _load(job_id: str, state: ImportState) -> ImportJob | None:
    """The job, acting in the membership it was uploaded in; None when not in ``state``."""
    job = (
        ImportJob.objects.select_related("created_by", "membership__organisation")
        .filter(pk=job_id, state=state)
        .first()
    )
    if job is None:
        return None
    user = job.created_by
    user._active_membership = job.membership if job.membership.active else None
    return job


def _fail(job: ImportJob, error: Exception) -> None:
    # The exception's class only: its text may quote the file's contents.
    logger.error("import %s failed: %s", job.pk, type(error).__name__)
    job.state = ImportState.FAILED
    job.finished = timezone.now()
    job.save()
    _end(job)


def _on_file(job: ImportJob, step):
    """``step`` (``plan_import`` or ``apply_import``) over the job's file, as its uploader,
    in their language, reporting progress."""
    with translation.override(job.language), _storage().open(job.file, "rb") as handle:
        return step(handle, job.filename, user=job.created_by, progress=_reporter(job, handle))


def check_job(job_id: str) -> None:
    """Check the job's file and keep the preview; runs in the background worker."""
    job = _load(job_id, ImportState.CHECKING)
    if job is None:
        return
    try:
        plan = _on_file(job, plan_import)
    except PermissionDenied:
        plan = None
    except Exception as error:  # noqa: BLE001 - the job must end, whatever went wrong
        _fail(job, error)
        return
    if plan is None:
        job.state = ImportState.FAILED
    else:
        _keep_plan(job, plan)
        job.state = ImportState.CHECKED if plan.ok else ImportState.REJECTED
    if job.state != ImportState.CHECKED:
        job.finished = timezone.now()
    job.save()
    if job.state in ImportJob.ENDED:
        _end(job)


def apply_job(job_id: str) -> None:
    """Import the confirmed file, all or nothing; runs in the background worker."""
    job = _load(job_id, ImportState.IMPORTING)
    if job is None:
        return
    try:
        result = _on_file(job, apply_import)
    except ImportRejected as rejected:
        # The register or the user's area changed since the check: show the new problems.
        _keep_plan(job, ImportPlan(errors=rejected.errors))
        job.state = ImportState.REJECTED
    except PermissionDenied:
        job.state = ImportState.FAILED
    except Exception as error:  # noqa: BLE001 - the job must end, whatever went wrong
        _fail(job, error)
        return
    else:
        job.to_add, job.to_change, job.unchanged = result.created, result.updated, result.unchanged
        job.state = ImportState.DONE
    job.finished = timezone.now()
    job.save()
    _end(job)


#: An upload nobody confirms is dropped after this long.
UNCONFIRMED_AFTER = dt.timedelta(days=1)


def sweep(now: dt.datetime | None = None) -> dict[str, int]:
    """End what was left behind: jobs whose worker died, and uploads nobody confirmed.

    Their files (which may hold addresses) are deleted. Run it daily (``overvalregie
    cleanup``); it changes nothing that is still alive.
    """
    now = now or timezone.now()
    failed = discarded = 0
    stale = ImportJob.objects.filter(
        state__in=ImportJob.RUNNING, modified__lt=now - shared_progress.STALE_AFTER
    )
    for job in stale:
        if shared_progress.read(
            "import", job.pk, state=job.state, running=True, since=job.modified
        )["waiting"]:
            job.state, job.finished = ImportState.FAILED, now
            job.save(update_fields=["state", "finished", "modified"])
            _end(job)
            failed += 1
    for job in ImportJob.objects.filter(
        state=ImportState.CHECKED, modified__lt=now - UNCONFIRMED_AFTER
    ):
        job.state, job.finished = ImportState.DISCARDED, now
        job.save(update_fields=["state", "finished", "modified"])
        _end(job)
        discarded += 1
    return {"failed": failed, "discarded": discarded}
