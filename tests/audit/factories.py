"""Audit entries, written the only way the application writes them: through ``record``."""

import factory

from overvalregie.audit.models import AuditAction, AuditEntry
from overvalregie.audit.services import record
from tests.organisations.factories import (  # noqa: F401  (re-exported for the audit tests)
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    member,
)


class AuditEntryFactory(factory.Factory):
    """``AuditEntryFactory(user=..., action=..., ...)`` appends an entry to the chain."""

    class Meta:
        model = AuditEntry

    user = None
    action = AuditAction.READ
    object_type = "lines.offendercase"
    object_id = factory.Sequence(lambda n: f"case-{n}")
    purpose = "case work"
    detail = factory.LazyFunction(dict)

    @classmethod
    def _create(cls, model_class, user, action, **kwargs):
        return record(user, action, **kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("audit entries only exist in the chain: use create()")
