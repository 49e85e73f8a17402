"""Command-line tools for analysts: each module has ``main(argv) -> int``.

They share how they read a CSV of events: :func:`add_input_arguments` and :func:`read_input`.
"""

from __future__ import annotations

import argparse

from overvalregie.analysis.points import Events, read_events


def add_input_arguments(parser: argparse.ArgumentParser, *, dates: bool) -> None:
    """FILE, --x-column, --y-column, --no-header and, with ``dates``, the date columns."""
    what = "x and y in metres, a date" if dates else "x and y in metres"
    parser.add_argument("file", help=f"CSV with one event per row ({what}).")
    parser.add_argument("--x-column", required=True, help="Column of x (name, or position from 1).")
    parser.add_argument("--y-column", required=True, help="Column of y (name, or position from 1).")
    if dates:
        parser.add_argument("--date-column", required=True, help="Column of the date.")
        parser.add_argument(
            "--date-format", help="strptime format, e.g. %%d/%%m/%%Y (default: ISO)."
        )
    parser.add_argument("--no-header", action="store_true", help="The file has no header row.")


def read_input(args: argparse.Namespace, **extra) -> Events:
    """The events of the file the arguments name (raises ``InputError``)."""
    return read_events(
        args.file,
        args.x_column,
        args.y_column,
        getattr(args, "date_column", None),
        date_format=getattr(args, "date_format", None),
        header=not args.no_header,
        **extra,
    )
