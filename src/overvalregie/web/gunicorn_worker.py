"""gunicorn hooks for ``overvalregie serve --with-worker``: the master also runs a task worker.

One command then serves the site and works off the background tasks (imports, analyses), as
the demo needs. In production, run ``overvalregie worker`` as its own process instead, on as
many machines as the queue needs.
"""

import subprocess
import sys

_worker: subprocess.Popen | None = None


def on_starting(server) -> None:
    global _worker
    _worker = subprocess.Popen([sys.executable, "-m", "overvalregie", "worker"])  # noqa: S603


def on_exit(server) -> None:
    if _worker is None or _worker.poll() is not None:
        return
    _worker.terminate()
    try:
        _worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        _worker.kill()
