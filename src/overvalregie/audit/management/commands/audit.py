"""``overvalregie audit verify``: check the hash chain of the audit log."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from overvalregie.audit.services import verify_chain


class Command(BaseCommand):
    help = "Audit log tools."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
        verify = subcommands.add_parser(
            "verify",
            help="Check the hash chain; name the first bad entry.",
            description=(
                "Check every audit entry in order: no gaps in the sequence, each entry links "
                "to the hash of the one before, each hash matches its entry. Exits 0 when the "
                "chain is intact, 1 at the first bad entry."
            ),
        )
        verify.add_argument(
            "--chunk-size",
            type=int,
            default=2000,
            help="Entries fetched from the database at a time (default: 2000).",
        )

    def handle(self, *args, subcommand, **options):
        if subcommand == "verify":
            return self.verify(options["chunk_size"])
        raise CommandError(f"unknown subcommand {subcommand!r}")  # argparse prevents this

    def verify(self, chunk_size: int) -> None:
        result = verify_chain(chunk_size=chunk_size)
        if result.ok:
            self.stdout.write(self.style.SUCCESS(f"Audit chain OK: {result.checked} entries"))
            if result.checked:
                self.stdout.write(f"Last hash: {result.last_hash}")
            return
        when = timezone.localtime(result.timestamp).isoformat()
        if result.found_at != result.first_bad_sequence:
            when += f" (of entry {result.found_at})"
        self.stdout.write(
            self.style.ERROR(f"Audit chain BROKEN at entry {result.first_bad_sequence}")
        )
        self.stdout.write(f"Reason: {result.reason}")
        self.stdout.write(f"Time: {when}")
        self.stdout.write(f"Entries read: {result.checked}")
        raise CommandError("audit chain verification failed", returncode=1)
