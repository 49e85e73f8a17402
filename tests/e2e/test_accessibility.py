"""axe-core finds no serious or critical problems on the login and error pages.

Every dashboard is checked in ``test_roles.py``, right after its user logs in.
"""

import pytest

from tests.e2e.axe import serious_violations

pytestmark = pytest.mark.e2e


def test_login_page(page):
    assert page.goto("/inloggen/").status == 200
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen"
    # The page is styled by the vendored NL Design System theme (its stylesheets load).
    font = page.get_by_role("heading", level=1).evaluate("e => getComputedStyle(e).fontFamily")
    assert "Noto Sans" in font
    assert serious_violations(page) == []


def test_login_page_with_an_error(page):
    page.goto("/inloggen/")
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    assert serious_violations(page) == []


def test_not_found_page(page_as):
    page = page_as("partner")
    page.goto("/beheer/")
    assert serious_violations(page) == []


def test_organisations_page(page_as):
    page = page_as("admin")
    assert page.goto("/organisaties/").status == 200
    assert page.get_by_role("heading", level=1).inner_text() == "Organisaties"
    assert serious_violations(page) == []
