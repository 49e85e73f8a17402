"""``overvalregie demo``: migrate, load the synthetic demo region and serve it."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from overvalregie.demo.generator import DEFAULT_SEED
from overvalregie.demo.loader import DemoLoadError, load_demo
from overvalregie.demo.users import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = (
        "Create or update the database, load the synthetic demo municipality Voorbeeldstad "
        "(once) and serve it with a background task worker. Only in demo mode (DEMO_MODE=true)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--host", default=settings.SERVE_HOST, help="Address to bind to (HOST)."
        )
        parser.add_argument("--port", default=settings.SERVE_PORT, help="Port to listen on (PORT).")
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Seed of the generated region (default {DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Load the demo and print the logins, but do not start the web server.",
        )

    def handle(self, *args, host, port, seed, no_serve, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                "The demo only runs in demo mode: its users have the password 'demo'. "
                "Start it with 'overvalregie demo' or set DEMO_MODE=true, never in production."
            )
        call_command("migrate", interactive=False, verbosity=0)
        try:
            result = load_demo(seed)
        except DemoLoadError as error:
            raise CommandError(str(error)) from error
        counts = result.counts
        if result.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo loaded in {result.seconds:.1f} s (seed {seed}): "
                    f"{counts['municipalities']} municipalities, {counts['districts']} districts, "
                    f"{counts['neighbourhoods']} neighbourhoods, {counts['businesses']} "
                    f"businesses, {counts['robberies']} robberies, "
                    f"{counts['organisations']} organisations, {counts['users']} users."
                )
            )
        else:
            self.stdout.write(
                f"Demo already loaded (seed {seed}, {counts.get('robberies', 0)} robberies)."
            )
        self.stdout.write("")
        self.stdout.write(f"Open http://{_url_host(host)}:{port}/ and log in as one of these:")
        self.stdout.write("")
        self.stdout.write(_logins_table())
        self.stdout.write("")
        if not no_serve:
            call_command("serve", host=host, port=port, with_worker=True)


def _url_host(host: str) -> str:
    """A host to type in a browser: the wildcard addresses mean this machine."""
    if host in {"0.0.0.0", "", "::"}:  # noqa: S104 - only for display
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def _logins_table() -> str:
    rows = [("username", "password", "role", "organisation")]
    rows += [(u.username, DEMO_PASSWORD, str(u.role.label), u.organisation) for u in DEMO_USERS]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)
