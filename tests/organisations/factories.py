import factory

from overvalregie.organisations.models import Membership, Organisation, User
from overvalregie.organisations.roles import OrganisationKind, Role
from tests.geography import factories as geography_factories
from tests.geography.factories import PoliceUnitFactory


class MunicipalityFactory(geography_factories.MunicipalityFactory):
    """A municipality inside a police unit of its own, as every real one is."""

    police_unit = factory.SubFactory(PoliceUnitFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.MUNICIPALITY
    municipality = factory.SubFactory(MunicipalityFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.COORDINATOR


def member(role: Role, organisation: Organisation | None = None, **user_kwargs) -> User:
    """A user with one active membership in ``role``."""
    organisation = organisation or OrganisationFactory()
    user = UserFactory(**user_kwargs)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user
