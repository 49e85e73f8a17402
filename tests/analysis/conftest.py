"""The demo region, generated once for the analysis tests: its true parameters are known."""

import pytest

from overvalregie.demo.generator import DemoParameters, generate


@pytest.fixture(scope="session")
def demo_town():
    return generate(DemoParameters())
