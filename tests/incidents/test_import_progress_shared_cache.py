"""Progress reports cross processes through the shared cache: Redis when CACHE_URL names it.

Runs where a Redis server answers on 127.0.0.1:6379 (as on the CI machines); the file cache
that is the default is exercised by the browser tests, whose server and worker share it.
"""

import socket

import pytest
from django.core.cache import caches

from overvalregie.incidents.importers import jobs
from overvalregie.incidents.models import ImportState
from overvalregie.organisations.roles import Role
from tests.incidents.factories import ImportJobFactory
from tests.organisations.factories import member


def _redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), 1).close()
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(not _redis_answers(), reason="no Redis on 127.0.0.1:6379")


def test_progress_round_trips_through_redis(db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
        }
    }
    analyst = member(Role.ANALYST)
    job = ImportJobFactory(
        created_by=analyst,
        size=400,
        state=ImportState.IMPORTING,
    )

    class Handle:
        def tell(self):
            return 100

    assert type(caches["default"]).__name__ == "RedisCache"
    try:
        jobs._reporter(job, Handle())(5000)
        assert jobs.progress(job) == {
            "state": "importing",
            "rows": 5000,
            "fraction": 0.25,
            "waiting": False,
        }
    finally:
        caches["default"].clear()
