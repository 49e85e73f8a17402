"""The ``overvalregie`` command.

Each subcommand is a Django management command; ``overvalregie SUBCOMMAND --help`` shows its
options. ``overvalregie manage ...`` reaches any other Django command.
"""

from __future__ import annotations

import os
import sys

#: subcommand -> (Django management command, one line of help)
COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("demo", "Migrate, load the synthetic demo municipality and serve it."),
    "serve": ("serve", "Serve the web application (gunicorn)."),
    "worker": ("db_worker", "Run the background task worker (database queue)."),
    "migrate": ("migrate", "Create or update the database tables."),
    "import-geography": ("import_geography", "Import CBS/PDOK boundaries from GeoJSON."),
    "import-incidents": ("import_incidents", "Import robberies from CSV, XLSX or GeoJSON."),
    "import-opendata": ("import_opendata", "Import CBS police figures per area and period."),
    "audit": ("audit", "Audit log tools: 'audit verify' checks the hash chain."),
    "cleanup": ("cleanup", "End left-behind imports and analyses; delete unconfirmed uploads."),
    "safety-analysis": (
        "safety_analysis",
        "The local safety analysis of a municipality as JSON and/or PDF.",
    ),
    "progress-report": (
        "progress_report",
        "The progress report of a municipality's approach for the triangle, as PDF and/or JSON.",
    ),
    "reminders": ("reminders", "E-mail owners about their overdue actions (run daily)."),
    "follow-ups": ("follow_ups", "Open a victim follow-up for every recent robbery (run daily)."),
    "createuser": ("createsuperuser", "Create a login (then give it a membership)."),
}

#: analysis subcommand -> (module in overvalregie.analysis.commands, one line of help). These
#: read and write files only: no database, no Django.
ANALYSIS_COMMANDS: dict[str, tuple[str, str]] = {
    "near-repeat": ("near_repeat", "Knox near-repeat test on a CSV of events (as the NRC)."),
    "hotspots": ("hotspots", "Hotspots on a grid: Getis-Ord Gi* or kernel density (KDE)."),
    "forecast-evaluate": (
        "forecast_evaluate",
        "Score next-week risk forecasts (hit rate, PAI, PEI) on a CSV of events.",
    ),
}

USAGE = """usage: overvalregie COMMAND [options]

Overvalregie — the information system for the integrated approach to robbery crime.

commands:
{commands}
  manage            Run any other Django management command.

Run 'overvalregie COMMAND --help' for the options of a command.
Configuration comes from environment variables; see docs/configuration.md.
DATABASE_URL selects the database (default: SQLite in ./var)."""


def usage() -> str:
    every = {**COMMANDS, **ANALYSIS_COMMANDS}
    lines = "\n".join(f"  {name:<17} {help_}" for name, (_, help_) in every.items())
    return USAGE.format(commands=lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(usage())
        return 0
    if argv[0] in {"--version", "version"}:
        from overvalregie import __version__

        print(f"overvalregie {__version__}")
        return 0
    name, rest = argv[0], argv[1:]
    if name in ANALYSIS_COMMANDS:
        from importlib import import_module

        module = import_module(f"overvalregie.analysis.commands.{ANALYSIS_COMMANDS[name][0]}")
        return module.main(rest)
    if name == "manage":
        django_args = rest
    elif name in COMMANDS:
        django_args = [COMMANDS[name][0], *rest]
    else:
        print(f"overvalregie: unknown command {name!r}\n\n{usage()}", file=sys.stderr)
        return 2
    if name == "demo":
        os.environ.setdefault("DEMO_MODE", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "overvalregie.settings")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["overvalregie", *django_args])
    except SystemExit as exit_:
        return int(exit_.code or 0) if not isinstance(exit_.code, str) else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
