"""The victim line's services: a follow-up for every recent robbery, deadlines, repeat
warnings, and who may change what."""

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError

from overvalregie.audit.models import AuditEntry
from overvalregie.incidents.models import Business
from overvalregie.lines import services
from overvalregie.lines.models import FollowUpStep, StepKind, VictimFollowUp, VictimKind
from overvalregie.measures.models import Deployment
from overvalregie.organisations.roles import OrganisationKind, Role
from overvalregie.versions import Conflict
from tests.incidents.factories import RobberyFactory
from tests.measures.factories import MeasureFactory
from tests.organisations.factories import MunicipalityFactory, OrganisationFactory, member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TODAY = dt.date(2026, 3, 1)


@pytest.fixture
def town():
    return MunicipalityFactory(code="GM0001", name="Teststad")


@pytest.fixture
def coordinator(town):
    return member(Role.COORDINATOR, OrganisationFactory(municipality=town))


@pytest.fixture
def victim_support(town):
    return OrganisationFactory(
        name="Slachtofferhulp", kind=OrganisationKind.VICTIM_SUPPORT, municipality=None,
        police_unit=town.police_unit,
    )  # fmt: skip


@pytest.fixture
def follow_up(town):
    RobberyFactory(municipality=town, date=dt.date(2026, 2, 20))
    services.open_follow_ups(today=TODAY)
    return VictimFollowUp.objects.get()


def test_every_recent_robbery_opens_one_follow_up_with_eight_steps(town, settings):
    settings.VICTIM_FOLLOW_UP_DAYS = 30
    recent = RobberyFactory(municipality=town, date=dt.date(2026, 2, 10), target_type="home")
    RobberyFactory(municipality=town, date=dt.date(2025, 12, 1))  # history: too old
    RobberyFactory(municipality=town, date=dt.date(2026, 2, 11), kind="straatroof")
    RobberyFactory(municipality=town, date=dt.date(2026, 3, 5))  # after "today"

    assert services.open_follow_ups(today=TODAY) == 1
    assert services.open_follow_ups(today=TODAY) == 0  # once per robbery

    follow_up = VictimFollowUp.objects.get()
    assert (follow_up.robbery, follow_up.municipality) == (recent, town)
    assert follow_up.victim_kind == VictimKind.HOME
    steps = list(follow_up.steps.all())
    assert [s.kind for s in steps] == list(StepKind.values)
    assert steps[0].due == dt.date(2026, 2, 11)  # screening: the day after
    assert steps[-1].due == dt.date(2026, 2, 10) + dt.timedelta(days=42)
    assert AuditEntry.objects.filter(object_type="lines.victimfollowup").exists()


def test_deadlines_can_be_configured_and_bad_ones_are_named(town, settings):
    settings.VICTIM_FOLLOW_UP_DEADLINES = ["contact=1", "referral=2"]
    assert services.deadlines()["contact"] == 1
    assert services.deadlines()["screening"] == 1
    settings.VICTIM_FOLLOW_UP_DEADLINES = ["kontakt=1"]
    with pytest.raises(ImproperlyConfigured, match="kontakt=1"):
        services.deadlines()


def test_an_import_opens_the_follow_ups(town):
    from overvalregie.incidents.models import Robbery
    from overvalregie.incidents.signals import robberies_imported

    RobberyFactory(municipality=town, date=dt.date.today() - dt.timedelta(days=3))
    robberies_imported.send(sender=Robbery)
    assert VictimFollowUp.objects.count() == 1


def test_overdue_steps_are_those_not_done_past_their_deadline(follow_up, coordinator):
    overdue = FollowUpStep.objects.overdue(TODAY)
    # Robbery on 20 February: by 1 March screening (21st), visit (22nd), contact (23rd),
    # referral (25th) and the pointers (27th) are late.
    assert sorted(s.kind for s in overdue) == sorted(
        ["screening", "mayor_visit", "contact", "referral", "financial"]
    )
    services.complete_step(coordinator, overdue.get(kind="contact"), day=dt.date(2026, 2, 22))
    assert not FollowUpStep.objects.overdue(TODAY).filter(kind="contact").exists()
    services.set_status(coordinator, follow_up, "closed")
    assert not FollowUpStep.objects.overdue(TODAY).exists()  # a closed follow-up is done


def test_a_step_cannot_be_done_before_the_robbery(follow_up, coordinator):
    step = follow_up.steps.get(kind="contact")
    with pytest.raises(ValidationError):
        services.complete_step(coordinator, step, day=dt.date(2026, 2, 1))


def test_only_the_coordinator_refers_and_only_the_referred_see(
    follow_up, coordinator, victim_support
):
    worker = member(Role.VICTIMWORKER, victim_support)
    other_worker = member(
        Role.VICTIMWORKER, OrganisationFactory(kind=OrganisationKind.VICTIM_SUPPORT)
    )
    assert not VictimFollowUp.objects.visible_to(worker).exists()

    follow_up.referred_to = victim_support
    with pytest.raises(ValidationError, match="consent"):
        services.save_follow_up(coordinator, follow_up, version=1, changed=["referred_to"])
    follow_up.consent = "yes"
    services.save_follow_up(coordinator, follow_up, version=1, changed=["referred_to"])
    entry = AuditEntry.objects.filter(action="update").latest("sequence")
    assert entry.detail["referred_to"] == str(victim_support.pk)  # who was given access

    assert list(VictimFollowUp.objects.visible_to(worker)) == [follow_up]
    assert not VictimFollowUp.objects.visible_to(other_worker).exists()
    for role in (Role.CASEWORKER, Role.PARTNER, Role.ADMINISTRATOR, Role.ANALYST):
        assert not VictimFollowUp.objects.visible_to(member(role)).exists()
    # The worker may work on it, but not hand it on.
    follow_up.refresh_from_db()
    follow_up.referred_to = OrganisationFactory()
    with pytest.raises(PermissionDenied):
        services.save_follow_up(worker, follow_up, version=follow_up.version)
    with pytest.raises(PermissionDenied):
        services.complete_step(other_worker, follow_up.steps.first())


def test_a_stale_save_is_a_conflict(follow_up, coordinator):
    follow_up.consent = "yes"
    services.save_follow_up(coordinator, follow_up, version=1)
    follow_up.consent = "no"
    with pytest.raises(Conflict):
        services.save_follow_up(coordinator, follow_up, version=1)


def test_a_closed_follow_up_takes_no_changes(follow_up, coordinator):
    services.set_status(coordinator, follow_up, "closed")
    with pytest.raises(ValidationError, match="closed"):
        services.complete_step(coordinator, follow_up.steps.first())


def test_a_business_robbed_within_six_weeks_is_flagged_with_what_was_done_since(town):
    business = Business.objects.create(
        name="Snackbar", target_type="snack_bar", address="Dorpsstraat 1", municipality=town,
        lon=5.1, lat=52.1, rd_x=0, rd_y=0,
    )  # fmt: skip
    first = RobberyFactory(municipality=town, business=business, date=dt.date(2026, 1, 10))
    owner = OrganisationFactory(municipality=town)
    Deployment.objects.create(
        measure=MeasureFactory(), municipality=town, business=business, owner=owner,
        start=dt.date(2026, 1, 15),
    )  # fmt: skip
    again = RobberyFactory(municipality=town, business=business, date=dt.date(2026, 2, 10))

    warning = services.repeat_warning(again)
    assert warning.earlier == [first] and warning.recent
    assert len(warning.deployments) == 1
    assert services.repeat_warning(first) is None
    later = RobberyFactory(municipality=town, business=business, date=dt.date(2026, 6, 1))
    assert not services.repeat_warning(later).recent  # the last was four months before


def test_a_home_is_recognised_by_its_address(town):
    RobberyFactory(
        municipality=town, target_type="home", address="Laan 3", date=dt.date(2025, 5, 1)
    )
    again = RobberyFactory(
        municipality=town, target_type="home", address="Laan 3", date=dt.date(2026, 2, 1)
    )
    other = RobberyFactory(
        municipality=town, target_type="home", address="Laan 5", date=dt.date(2026, 2, 2)
    )
    assert services.repeat_warning(again) is not None
    assert services.repeat_warning(other) is None


def test_two_runs_at_once_open_each_follow_up_once(town, monkeypatch):
    """Another run opens the first robbery's follow-up between our read and our write: ours
    is refused by the unique robbery, leaves that one, and opens the rest."""
    first = RobberyFactory(municipality=town, date=dt.date(2026, 2, 20))
    second = RobberyFactory(municipality=town, date=dt.date(2026, 2, 21))
    real_open = services._open
    calls = []

    def racing(robberies, today, due):
        if not calls:  # the other run, just before ours writes
            real_open([r for r in robberies if r.pk == first.pk], today, due)
        calls.append(len(robberies))
        return real_open(robberies, today, due)

    monkeypatch.setattr(services, "_open", racing)
    assert services.open_follow_ups(today=TODAY) == 1
    assert calls == [2, 1]
    assert {f.robbery_id for f in VictimFollowUp.objects.all()} == {first.pk, second.pk}
    assert FollowUpStep.objects.count() == 2 * len(StepKind.values)


def test_a_follow_up_follows_its_robbery_to_another_municipality(follow_up, coordinator):
    elsewhere = MunicipalityFactory(code="GM0002", name="Anderdorp")
    assert list(VictimFollowUp.objects.visible_to(coordinator)) == [follow_up]
    # An import corrects the robbery's location.
    follow_up.robbery.__class__.objects.filter(pk=follow_up.robbery_id).update(
        municipality=elsewhere
    )
    assert not VictimFollowUp.objects.visible_to(coordinator).exists()
    other = member(Role.COORDINATOR, OrganisationFactory(municipality=elsewhere))
    assert list(VictimFollowUp.objects.visible_to(other)) == [follow_up]


def test_the_same_address_in_other_spelling_and_on_the_same_day_is_a_repeat(town):
    RobberyFactory(
        municipality=town, target_type="home", address="laan 3 ", date=dt.date(2026, 2, 1)
    )
    again = RobberyFactory(
        municipality=town, target_type="home", address="Laan 3", date=dt.date(2026, 2, 1)
    )
    warning = services.repeat_warning(again)
    assert warning is not None and warning.recent
    elsewhere = MunicipalityFactory(code="GM0003")
    far = RobberyFactory(
        municipality=elsewhere, target_type="home", address="Laan 3", date=dt.date(2026, 2, 5)
    )
    assert services.repeat_warning(far) is None  # another town's Laan 3
