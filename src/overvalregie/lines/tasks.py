"""Background tasks of the lines (run by ``overvalregie worker``)."""

from django_tasks import task

from overvalregie.lines import reminders


@task()
def send_follow_up_reminder(user_id: str, step_ids: list[str]) -> None:
    """E-mail one victim worker or coordinator about overdue follow-up steps."""
    reminders.send(user_id, step_ids)
