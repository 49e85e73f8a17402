"""What one reader may see of deployments: small counts, and which business a measure is at.

A deployment belongs to its municipality. There, roles that see their own figures (the
coordinator, the mayor, the analyst) see an evaluation in full; everyone else sees counts
below the threshold suppressed, as for any aggregate. A deployment at a business names the
business only to those who may see the register's businesses of that municipality
(``VIEW_INCIDENTS``); to others it is "a business" (its name would say it was robbed).
"""

from __future__ import annotations

from overvalregie.incidents.aggregates import suppresses
from overvalregie.organisations.policy import Action, can
from overvalregie.organisations.querysets import scope_municipalities


def _own_municipalities(user) -> set:
    return set(scope_municipalities(user).values_list("pk", flat=True))


def suppress_for(user, deployment) -> bool:
    """Whether ``user`` sees the deployment's counts with small ones suppressed."""
    owns = scope_municipalities(user).filter(pk=deployment.municipality_id).exists()
    return suppresses(user, owns)


def label_places(user, deployments):
    """Set ``shown_place`` on each deployment, as ``user`` may see it (one query)."""
    deployments = list(deployments)
    if any(d.business_id for d in deployments):
        own = _own_municipalities(user) if can(user, Action.VIEW_INCIDENTS) else set()
    for deployment in deployments:
        named = not deployment.business_id or deployment.municipality_id in own
        deployment.shown_place = deployment.place_label(business_named=named)
    return deployments
