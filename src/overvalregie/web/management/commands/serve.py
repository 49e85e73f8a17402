"""Serve the application with gunicorn (static files through WhiteNoise)."""

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

#: Time, method, path without query string, status, size, duration: no client address and no
#: query string, which may hold search terms about people.
ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


class Command(BaseCommand):
    help = "Serve Overvalregie over HTTP with gunicorn. Honours HOST and PORT."

    def add_arguments(self, parser):
        parser.add_argument(
            "--host", default=settings.SERVE_HOST, help="Address to bind to (HOST)."
        )
        parser.add_argument("--port", default=settings.SERVE_PORT, help="Port to listen on (PORT).")
        parser.add_argument(
            "--workers",
            type=int,
            default=settings.SERVE_WORKERS,
            help="Number of worker processes (WEB_WORKERS).",
        )
        parser.add_argument(
            "--with-worker",
            action="store_true",
            help="Also run one background task worker beside the web server (as the demo does).",
        )

    def handle(self, *args, host, port, workers, with_worker, **options):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        # The manifest storage needs collected files; quick when nothing changed.
        call_command("collectstatic", interactive=False, verbosity=0)
        argv = [
            sys.executable, "-m", "gunicorn", "overvalregie.wsgi:application",
            "--bind", f"{host}:{port}",
            "--workers", str(workers),
            "--access-logfile", "-",
            "--access-logformat", ACCESS_LOG_FORMAT,
        ]  # fmt: skip
        if with_worker:
            argv += ["--config", "python:overvalregie.web.gunicorn_worker"]
        sys.stdout.flush()
        os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with gunicorn
