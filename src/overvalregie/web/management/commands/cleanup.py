"""``overvalregie cleanup``: end the background work that was left behind. Run it daily."""

from django.core.management.base import BaseCommand

from overvalregie.incidents.importers import jobs
from overvalregie.safety_analysis import services as analyses


class Command(BaseCommand):
    help = (
        "End imports and analyses whose worker died, and drop uploads nobody confirmed within "
        "a day (their files are deleted). Safe to run at any time; run it daily."
    )

    def handle(self, *args, **options):
        imports = jobs.sweep()
        failed_analyses = analyses.sweep()
        self.stdout.write(
            f"imports failed: {imports['failed']}, uploads dropped: {imports['discarded']}, "
            f"analyses failed: {failed_analyses}"
        )
