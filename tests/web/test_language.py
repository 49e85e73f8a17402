"""Dutch by default, whatever the browser asks; English once chosen."""

import pytest
from django.conf import settings


@pytest.mark.django_db
def test_dutch_despite_an_english_browser(client):
    page = client.get("/inloggen/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="nl"' in page
    assert "Inloggen" in page


@pytest.mark.django_db
def test_english_when_chosen(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/inloggen/").content.decode()
    assert 'lang="en"' in page
    assert "Log in" in page
