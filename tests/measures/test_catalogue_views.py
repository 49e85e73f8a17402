"""The catalogue pages: the faceted search, one measure, and the form the system administrator
keeps the catalogue with."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse

from overvalregie.audit.models import AuditEntry
from overvalregie.measures import services
from overvalregie.measures.catalogue import read_catalogue
from overvalregie.measures.models import Deployment, Measure
from overvalregie.organisations.roles import OrganisationKind, Role
from tests.measures.factories import MeasureFactory
from tests.organisations.factories import OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db

LIST = reverse("measure-list")
NEW = reverse("measure-new")


@pytest.fixture
def sysadmin():
    return member(
        Role.SYSADMIN, OrganisationFactory(kind=OrganisationKind.OTHER, municipality=None)
    )


@pytest.fixture
def coordinator():
    return member(Role.COORDINATOR)


@pytest.fixture
def catalogue():
    """Five measures instead of the shipped catalogue (which migrate loads)."""
    Measure.objects.all().delete()
    return {
        m.key: m
        for m in [
            MeasureFactory(
                key="overvaltraining",
                name={"nl": "Overvaltraining", "en": "Robbery training"},
                summary={"nl": "De RAAK-regels oefenen.", "en": "Practising the RAAK rules."},
                lines=["area"], targets=["business"], evidence="theory",
            ),
            MeasureFactory(
                key="persoonsgericht", name={"nl": "Persoonsgerichte aanpak"},
                lines=["offender"], targets=["person"], evidence="good",
            ),
            MeasureFactory(
                key="nazorg", name={"nl": "Nazorg voor slachtoffers"},
                lines=["victim"], targets=["business", "home"], evidence="first",
            ),
            MeasureFactory(
                key="cameratoezicht", name={"nl": "Cameratoezicht", "en": "Camera surveillance"},
                lines=["area"], targets=["business", "transport"], evidence="good",
            ),
            MeasureFactory(
                key="woningadvies", name={"nl": "Advies over woningbeveiliging"},
                lines=["area", "victim"], targets=["home"], evidence="unknown",
            ),
        ]
    }  # fmt: skip


def _search(client, **query):
    response = client.get(LIST, query)
    assert response.status_code == 200
    result = response.context["result"]
    counts = {
        group.facet.name: {value.value: value.count for value in group.values}
        for group in result.facets
    }
    return response, sorted(m.key for m in result.measures), counts


# --- the faceted search --------------------------------------------------------------------------


def test_filtering_by_line_finds_the_measures_of_that_line(english, coordinator, catalogue):
    english.force_login(coordinator)

    response, found, counts = _search(english, lines="area")

    assert found == ["cameratoezicht", "overvaltraining", "woningadvies"]
    # The line's own counts ignore its choice; the other facets count within it.
    assert counts["lines"] == {"offender": 1, "area": 3, "victim": 2}
    assert counts["targets"] == {"business": 2, "home": 1, "transport": 1, "person": 0}
    assert counts["evidence"] == {"strong": 0, "good": 1, "first": 0, "theory": 1, "unknown": 1}
    html = response.content.decode()
    assert "3 measures" in html
    assert 'value="area" id="facet-lines-area" checked' in html
    assert 'value="victim" id="facet-lines-victim" checked' not in html


def test_filtering_by_target_finds_the_measures_for_that_target(english, coordinator, catalogue):
    english.force_login(coordinator)

    _, found, counts = _search(english, targets="home")

    assert found == ["nazorg", "woningadvies"]
    assert counts["targets"] == {"business": 3, "home": 2, "transport": 1, "person": 1}
    assert counts["lines"] == {"offender": 0, "area": 1, "victim": 2}


def test_values_of_one_facet_are_alternatives_with_counts_of_their_own(
    english, coordinator, catalogue
):
    english.force_login(coordinator)

    response, found, counts = _search(english, lines=["offender", "victim"])

    assert found == ["nazorg", "persoonsgericht", "woningadvies"]
    assert counts["lines"] == {"offender": 1, "area": 3, "victim": 2}
    assert counts["targets"] == {"business": 1, "home": 2, "transport": 0, "person": 1}
    chosen = response.context["result"].chosen
    assert chosen == {"lines": frozenset({"offender", "victim"})}


def test_choices_in_two_facets_both_apply(english, coordinator, catalogue):
    english.force_login(coordinator)

    _, found, counts = _search(english, lines="area", targets="home")

    assert found == ["woningadvies"]
    assert counts["lines"] == {"offender": 0, "area": 1, "victim": 2}
    assert counts["targets"] == {"business": 2, "home": 1, "transport": 1, "person": 0}


def test_text_search_looks_in_the_texts_of_the_reader_language(english, coordinator, catalogue):
    english.force_login(coordinator)

    assert _search(english, q="camera")[1] == ["cameratoezicht"]
    assert _search(english, q="raak rules")[1] == ["overvaltraining"]
    # Names are found in every language.
    assert _search(english, q="overvaltraining")[1] == ["overvaltraining"]
    _, found, counts = _search(english, q="camera", lines="offender")
    assert found == []
    assert counts["lines"]["area"] == 1


def test_unknown_facet_values_are_ignored(english, coordinator, catalogue):
    english.force_login(coordinator)

    response, found, _ = _search(english, lines="nonsense", colour="red", evidence="")

    assert found == sorted(catalogue)
    assert not response.context["result"].filtered
    assert 'data-testid="clear-filters"' not in response.content.decode()


def test_no_match_says_what_to_do(english, coordinator, catalogue):
    english.force_login(coordinator)

    response, found, _ = _search(english, q="helicopter")

    assert found == []
    html = response.content.decode()
    assert "0 measures" in html
    assert "No measure matches these filters. Remove a filter or search for another word." in html


def test_results_show_summary_and_tags(english, coordinator, catalogue):
    english.force_login(coordinator)

    response, _, _ = _search(english, q="raak")

    html = response.content.decode()
    assert reverse("measure-detail", args=[catalogue["overvaltraining"].pk]) in html
    assert "Practising the RAAK rules." in html
    assert "Area line</li>" in html
    assert "Businesses</li>" in html
    assert "Well-founded in theory</li>" in html


def test_the_list_runs_one_query_for_the_measures(client, coordinator, catalogue,
                                                  django_assert_num_queries):  # fmt: skip
    client.force_login(coordinator)
    # session, user, active membership, the navigation's membership count, the measures
    with django_assert_num_queries(5):
        assert client.get(LIST, {"lines": "area"}).status_code == 200
    MeasureFactory.create_batch(10, lines=["offender", "area"], targets=["home"])
    with django_assert_num_queries(5):
        response = client.get(LIST, {"lines": "area"})
    assert len(response.context["result"].measures) == 13


def test_only_the_system_administrator_is_offered_to_add(client, coordinator, sysadmin, catalogue):
    client.force_login(coordinator)
    assert 'data-testid="add-measure"' not in client.get(LIST).content.decode()
    client.force_login(sysadmin)
    assert 'data-testid="add-measure"' in client.get(LIST).content.decode()


# --- who may see what ---------------------------------------------------------------------------


def test_a_user_without_a_role_gets_404(client, catalogue):
    measure = catalogue["overvaltraining"]
    client.force_login(UserFactory())

    assert client.get(LIST).status_code == 404
    assert client.get(reverse("measure-detail", args=[measure.pk])).status_code == 404


def test_someone_not_logged_in_is_sent_to_log_in(client, catalogue):
    response = client.get(LIST)

    assert response.status_code == 302 and "?next=" in response.url


def test_a_bad_or_unknown_id_answers_404(client, coordinator, sysadmin, catalogue):
    client.force_login(coordinator)
    assert client.get(f"{LIST}12345/").status_code == 404
    assert client.get(reverse("measure-detail", args=[uuid.uuid4()])).status_code == 404
    client.force_login(sysadmin)
    assert client.get(reverse("measure-edit", args=[uuid.uuid4()])).status_code == 404


# --- one measure --------------------------------------------------------------------------------


def test_the_detail_shows_texts_steps_and_facets(english, coordinator, catalogue):
    measure = catalogue["overvaltraining"]
    english.force_login(coordinator)

    response = english.get(reverse("measure-detail", args=[measure.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="utrecht-heading-1">Robbery training</h1>' in html
    assert "<p>A longer description.</p>" in html
    assert '<li class="utrecht-ordered-list__item">First step</li>' in html
    assert "Area line" in html and "Local" in html and "Low (under € 1,000)" in html
    # The coordinator deploys it; only the system administrator edits it.
    assert f"{reverse('deployment-new')}?maatregel={measure.pk}" in html
    assert 'data-testid="edit-measure"' not in html


def test_the_system_administrator_edits_but_does_not_deploy(client, sysadmin, catalogue):
    client.force_login(sysadmin)

    html = client.get(reverse("measure-detail", args=[catalogue["nazorg"].pk])).content.decode()

    assert reverse("measure-edit", args=[catalogue["nazorg"].pk]) in html
    assert reverse("deployment-new") not in html


def test_a_partner_reads_but_neither_edits_nor_deploys(client, catalogue):
    client.force_login(member(Role.PARTNER))

    response = client.get(reverse("measure-detail", args=[catalogue["nazorg"].pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="edit-measure"' not in html and 'data-testid="deploy"' not in html


# --- the administrator's form --------------------------------------------------------------------


def _posted(**changes):
    data = {
        "key": "buurtpreventie",
        "name_nl": "Buurtpreventie",
        "name_en": "Neighbourhood watch",
        "summary_nl": "Bewoners letten samen op hun buurt.",
        "summary_en": "",
        "description_nl": "Een groep bewoners loopt rondes.\n\nZe melden wat opvalt.",
        "description_en": "",
        "steps_nl": "Zoek bewoners\r\n\r\n  Maak afspraken met de politie  \r\n",
        "steps_en": "",
        "lines": ["area"],
        "targets": ["home", "business"],
        "types": ["organisational"],
        "levels": ["local"],
        "lead": "municipality",
        "cost": "low",
        "evidence": "first",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_the_system_administrator_adds_a_measure(client, sysadmin, catalogue):
    client.force_login(sysadmin)

    response = client.post(NEW, _posted())

    measure = Measure.objects.get(key="buurtpreventie")
    assert response.status_code == 302
    assert response.url == reverse("measure-detail", args=[measure.pk])
    assert measure.name == {"nl": "Buurtpreventie", "en": "Neighbourhood watch"}
    assert measure.summary == {"nl": "Bewoners letten samen op hun buurt."}
    assert measure.description == {
        "nl": "Een groep bewoners loopt rondes.\n\nZe melden wat opvalt."
    }
    assert measure.steps == {"nl": ["Zoek bewoners", "Maak afspraken met de politie"]}
    assert (measure.lines, measure.targets, measure.evidence) == (
        ["area"], ["home", "business"], "first"
    )  # fmt: skip
    assert not measure.shipped and measure.version == 1
    entry = AuditEntry.objects.get(object_id=str(measure.pk))
    assert (entry.action, entry.object_type, entry.actor_id) == (
        "create", "measures.measure", str(sysadmin.pk)
    )  # fmt: skip
    assert entry.detail["key"] == "buurtpreventie"


def test_the_system_administrator_edits_a_measure(client, sysadmin, catalogue):
    measure = catalogue["overvaltraining"]
    client.force_login(sysadmin)
    form = client.get(reverse("measure-edit", args=[measure.pk])).context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, "")}
    data["steps_nl"] = "\n".join(data["steps_nl"])
    data["steps_en"] = "\n".join(data["steps_en"])
    data["summary_en"] = ""
    data["targets"] = ["business", "transport"]

    response = client.post(reverse("measure-edit", args=[measure.pk]), data)

    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.key == "overvaltraining" and measure.version == 2
    assert measure.summary == {"nl": "De RAAK-regels oefenen."}
    assert measure.targets == ["business", "transport"]
    assert measure.name == {"nl": "Overvaltraining", "en": "Robbery training"}
    entry = AuditEntry.objects.get(object_id=str(measure.pk), action="update")
    # The measure's fields that changed, never their values.
    assert entry.detail["changed"] == ["summary", "targets"]


def test_a_stale_version_is_a_conflict(english, sysadmin, catalogue):
    measure = catalogue["cameratoezicht"]
    loaded = measure.version
    other = Measure.objects.get(pk=measure.pk)
    other.name = {"nl": "Camera's op straat"}
    services.save_measure(sysadmin, other, version=loaded, changed=["name"])
    english.force_login(sysadmin)

    response = english.post(
        reverse("measure-edit", args=[measure.pk]),
        _posted(key=None, name_nl="Cameratoezicht in de winkel", version=loaded),
    )

    assert response.status_code == 200
    assert "Someone else saved this in the meantime" in response.content.decode()
    assert response.context["form"].initial["name_nl"] == "Camera's op straat"
    measure.refresh_from_db()
    assert measure.name == {"nl": "Camera's op straat"} and measure.version == loaded + 1


def test_a_missing_dutch_name_is_a_field_error_and_saves_nothing(english, sysadmin, catalogue):
    english.force_login(sysadmin)
    before = Measure.objects.count()

    response = english.post(NEW, _posted(name_nl=""))

    assert response.status_code == 200
    assert "name_nl" in response.context["form"].errors
    assert "Nothing has been saved: correct what is marked below." in response.content.decode()
    assert Measure.objects.count() == before
    assert not AuditEntry.objects.filter(object_type="measures.measure").exists()


def test_a_key_in_use_is_a_field_error(english, sysadmin, catalogue):
    english.force_login(sysadmin)

    response = english.post(NEW, _posted(key="overvaltraining"))

    assert response.status_code == 200
    assert response.context["form"].errors["key"]
    assert Measure.objects.filter(key="overvaltraining").count() == 1


@pytest.mark.parametrize("role", [role for role in Role if role != Role.SYSADMIN])
def test_only_the_system_administrator_may_change_the_catalogue(client, catalogue, role):
    measure = catalogue["nazorg"]
    client.force_login(member(role))
    url = reverse("measure-edit", args=[measure.pk])

    assert client.get(NEW).status_code == 404
    assert client.get(url).status_code == 404
    assert client.post(url, _posted(key=None, version=measure.version)).status_code == 404
    assert client.post(url, {"action": "delete"}).status_code == 404
    measure.refresh_from_db()
    assert measure.name == {"nl": "Nazorg voor slachtoffers"} and measure.version == 1


def test_a_measure_never_deployed_can_be_deleted(client, sysadmin, catalogue):
    measure = catalogue["nazorg"]
    client.force_login(sysadmin)

    response = client.post(reverse("measure-edit", args=[measure.pk]), {"action": "delete"})

    assert response.status_code == 302 and response.url == LIST
    assert not Measure.objects.filter(pk=measure.pk).exists()
    assert AuditEntry.objects.filter(object_id=str(measure.pk), action="delete").exists()


def test_a_deployed_measure_stays(english, sysadmin, catalogue):
    measure = catalogue["nazorg"]
    owner = OrganisationFactory()
    Deployment.objects.create(
        measure=measure, municipality=owner.municipality, owner=owner, start=dt.date(2025, 1, 1)
    )
    english.force_login(sysadmin)

    response = english.post(
        reverse("measure-edit", args=[measure.pk]), {"action": "delete"}, follow=True
    )

    assert "This measure has been deployed" in response.content.decode()
    assert Measure.objects.filter(pk=measure.pk).exists()


def test_a_shipped_measure_is_changed_not_deleted(english, sysadmin, catalogue):
    measure = catalogue["nazorg"]
    Measure.objects.filter(pk=measure.pk).update(shipped=True)
    english.force_login(sysadmin)
    url = reverse("measure-edit", args=[measure.pk])
    assert 'data-testid="delete"' not in english.get(url).content.decode()

    response = english.post(url, {"action": "delete"}, follow=True)

    assert "it can be changed, not deleted" in response.content.decode()
    assert Measure.objects.filter(pk=measure.pk).exists()


# --- the shipped catalogue ------------------------------------------------------------------------


def test_migrate_loads_the_shipped_catalogue(client, coordinator):
    entries = read_catalogue()

    assert len(entries) >= 40
    assert Measure.objects.filter(shipped=True).count() == len(entries)
    client.force_login(coordinator)
    assert len(client.get(LIST).context["result"].measures) == len(entries)
