"""The navigation only offers pages that exist and that the role may open."""

import re

import pytest
from django.urls import reverse

from overvalregie.organisations.policy import POLICY
from overvalregie.organisations.roles import Role
from overvalregie.web.context_processors import NAVIGATION

pytestmark = pytest.mark.django_db


def _nav_links(html: str) -> list[str]:
    nav = re.search(r'<nav class="utrecht-nav-bar[^"]*"[^>]*>(.*?)</nav>', html, re.S)
    return re.findall(r'href="([^"]+)"', nav.group(1)) if nav else []


@pytest.mark.parametrize("role", list(Role))
def test_navigation_follows_the_policy_and_every_link_opens(client, person, role):
    client.force_login(person(role))
    html = client.get(reverse("dashboard")).content.decode()
    expected = [reverse(name) for name, _, action in NAVIGATION if role in POLICY[action]]
    assert _nav_links(html) == expected
    for url in expected:
        assert client.get(url).status_code == 200, url


def test_current_page_is_marked(client, person):
    client.force_login(person(Role.COORDINATOR))
    html = client.get(reverse("organisation-list")).content.decode()
    assert f'href="{reverse("organisation-list")}" aria-current="page"' in html
    assert f'href="{reverse("dashboard")}" aria-current' not in html


def test_anonymous_visitor_sees_no_navigation_and_a_login_form_with_labels(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert _nav_links(html) == []
    for field in ("id_username", "id_password"):
        assert re.search(rf'<label [^>]*for="{field}"', html)
        assert f'id="{field}"' in html
    assert 'href="#main"' in html and 'id="main"' in html


def test_header_shows_who_is_logged_in_and_logs_out_by_post(client, person):
    user = person(Role.PARTNER)
    user.first_name, user.last_name = "Kees", "Smit"
    user.save()
    client.force_login(user)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Kees Smit" in html
    assert "Partnerlid · KHN Test" in html
    assert re.search(rf'<form method="post" action="{reverse("logout")}"', html)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


def test_person_with_several_roles_can_choose_one(client, person, region):
    from tests.organisations.factories import MembershipFactory

    user = person(Role.ANALYST)
    MembershipFactory(user=user, organisation=region["gemeente"], role=Role.PRIVACY)
    client.force_login(user)
    html = client.get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("choose-membership")}"' in html
    html = client.get(reverse("choose-membership")).content.decode()
    for label in ["Analist — Politie Eenheid Test", "Functionaris gegevensbescherming — Gemeente"]:
        assert label in html
    assert len(re.findall(r'<input [^>]*type="radio"', html)) == 2
    assert len(re.findall(r'<label [^>]*for="m\d"', html)) == 2
