"""``overvalregie follow-ups``: open a victim follow-up for every recent robbery (run daily)."""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from overvalregie.lines import services


class Command(BaseCommand):
    help = (
        "Open a victim follow-up for every robbery of the last VICTIM_FOLLOW_UP_DAYS days that "
        "has none (an import does so itself). Run it daily, beside cleanup."
    )

    def handle(self, *args, **options):
        opened = services.open_follow_ups()
        self.stdout.write(
            ngettext(
                "%(count)d follow-up opened.",
                "%(count)d follow-ups opened.",
                opened,
            )
            % {"count": opened}
        )
