"""``overvalregie reminders``: e-mail owners about their overdue actions, and victim workers and
coordinators about overdue follow-up steps (run it daily)."""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from overvalregie.approach import services
from overvalregie.lines import services as follow_ups


class Command(BaseCommand):
    help = (
        "Queue one reminder e-mail per owner of overdue actions, and per victim worker or "
        "coordinator of overdue follow-up steps, not reminded in the last week; the worker "
        "sends them. Run it daily, beside cleanup."
    )

    def handle(self, *args, **options):
        queued = services.queue_reminders() + follow_ups.queue_reminders()
        self.stdout.write(
            ngettext(
                "%(count)d reminder e-mail queued.",
                "%(count)d reminder e-mails queued.",
                queued,
            )
            % {"count": queued}
        )
