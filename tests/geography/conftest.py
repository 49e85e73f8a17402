from pathlib import Path

import pytest
from django.utils import translation

from overvalregie.geography.locate import clear_index_cache

#: Real CBS/PDOK boundaries shared by the team (never copied into the repository).
GEO_DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "geo"


@pytest.fixture(autouse=True)
def english_messages():
    """Messages are asserted in their English source text, whatever a translator adds."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fresh_index():
    clear_index_cache()
    yield
    clear_index_cache()


@pytest.fixture
def geo_file():
    def path(name: str) -> Path:
        file = GEO_DATA / name
        assert file.exists(), f"shared test data missing: {file}"
        return file

    return path
