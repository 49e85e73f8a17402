"""Background tasks of the approach (run by ``overvalregie worker``)."""

from django_tasks import task

from overvalregie.approach import reminders


@task()
def send_reminder(user_id: str, action_ids: list[str]) -> None:
    """E-mail one owner about their overdue actions."""
    reminders.send(user_id, action_ids)
