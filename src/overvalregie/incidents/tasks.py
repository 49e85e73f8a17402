"""Background tasks of the robbery register (run by ``overvalregie worker``)."""

from django_tasks import task

from overvalregie.incidents.importers import jobs


@task()
def check_import_file(job_id: str) -> None:
    """Check an uploaded file and keep its preview on the job."""
    jobs.check_job(job_id)


@task()
def apply_import_file(job_id: str) -> None:
    """Import a confirmed file, all or nothing."""
    jobs.apply_job(job_id)
