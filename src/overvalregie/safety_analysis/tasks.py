"""Background tasks of the local safety analysis (run by ``overvalregie worker``)."""

from django_tasks import task

from overvalregie.safety_analysis import services


@task()
def compute_analysis(analysis_id: str) -> None:
    """Compute a new version's figures, criteria and recommendation."""
    services.run(analysis_id)
