"""The demo region, generated once per test session (it takes a second or two)."""

import pytest
from django.db import transaction

from overvalregie.demo import loader
from overvalregie.demo.generator import DemoParameters, generate


@pytest.fixture(scope="session")
def town():
    """The default demo region, as the ``demo`` command loads it."""
    return generate(DemoParameters())


@pytest.fixture
def cached_generate(town, monkeypatch):
    """Let the loader reuse the session's region instead of generating it again."""
    real = loader.generate

    def generate_cached(parameters):
        return town if parameters == town.parameters else real(parameters)

    monkeypatch.setattr(loader, "generate", generate_cached)


@pytest.fixture(scope="module")
def loaded_demo(town, django_db_setup, django_db_blocker):
    """The demo loaded once for all tests of a module, and rolled back after the last.

    Each test still runs in its own transaction (a savepoint inside this one), so what a test
    changes is undone before the next.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader, "generate", lambda parameters: town)
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            outer.__enter__()
            result = loader.load_demo()
    yield result
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
