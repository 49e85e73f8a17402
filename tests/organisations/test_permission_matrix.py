"""The role x action table, read from the policy itself, against real requests."""

import pytest
from django.urls import reverse

from overvalregie.organisations.policy import POLICY, Action, can, role_allows
from overvalregie.organisations.roles import OrganisationKind, Role
from tests.organisations.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db

#: Pages guarded by exactly one action: opening them must follow the table.
GUARDED_PAGES = {
    Action.MANAGE_USERS: "/beheer/",
    Action.VIEW_AUDIT_LOG: "/audit/",
    Action.VIEW_MEASURES: "/maatregelen/",
    Action.MANAGE_MEASURE_CATALOGUE: "/maatregelen/nieuw/",
    Action.VIEW_DEPLOYMENTS: "/maatregelen/inzet/",
    Action.MANAGE_DEPLOYMENTS: "/maatregelen/inzet/nieuw/",
    Action.VIEW_FOLLOW_UPS: "/slachtoffers/",
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
def test_can_follows_the_table(role, action):
    user = member(role)
    assert can(user, action) is (role in POLICY[action])


def test_every_action_has_a_row_and_unknown_actions_are_denied():
    assert set(POLICY) == set(Action)
    assert not role_allows(Role.SYSADMIN, "drop_everything")
    assert not role_allows(None, Action.VIEW_DASHBOARD)


def test_anonymous_and_role_less_users_may_do_nothing(django_user_model):
    from django.contrib.auth.models import AnonymousUser

    loner = django_user_model.objects.create_user("loner", password="x" * 12)
    for action in Action:
        assert not can(AnonymousUser(), action)
        assert not can(loner, action)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("action", "url"), list(GUARDED_PAGES.items()))
def test_guarded_pages_answer_per_table(client, role, action, url):
    client.force_login(member(role))
    response = client.get(url)
    if role in POLICY[action]:
        assert response.status_code == 200
    else:
        assert response.status_code == 404


def test_khn_partner_cannot_open_admin_or_another_organisations_objects(client):
    khn = OrganisationFactory(name="KHN afdeling Test", kind=OrganisationKind.KHN)
    police = OrganisationFactory(name="Politie Test", kind=OrganisationKind.POLICE)
    member(Role.ANALYST, police)
    partner = member(Role.PARTNER, khn)
    client.force_login(partner)

    assert client.get("/beheer/").status_code == 404
    assert client.get("/beheer/organisations/organisation/").status_code == 404
    assert client.get(f"/beheer/organisations/organisation/{police.pk}/change/").status_code == 404
    assert client.get(reverse("organisation-detail", args=[police.pk])).status_code == 404
    # A made-up id answers the same as an existing one: no existence oracle.
    assert client.get("/organisaties/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get(reverse("organisation-detail", args=[khn.pk])).status_code == 200
    listing = client.get(reverse("organisation-list")).content.decode()
    assert "KHN afdeling Test" in listing
    assert "Politie Test" not in listing


def test_system_administrator_manages_organisations_but_not_the_audit_log(client):
    admin = member(Role.SYSADMIN)
    client.force_login(admin)
    assert client.get("/beheer/organisations/organisation/").status_code == 200
    assert client.get("/audit/").status_code == 404
