"""Shared test setup. Factories live next to the tests that use them."""

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture
def english(client):
    """The test client, and the test itself, in English (the interface's second language):
    tests match the messages and labels in English."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield client
