"""Navigation: only links to what exists and what the user's role may open."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from overvalregie.organisations.policy import Action, active_membership, can

#: (url name, label, action that must be allowed)
NAVIGATION = [
    ("dashboard", _("Dashboard"), Action.VIEW_DASHBOARD),
    # Individual robberies for VIEW_INCIDENTS, counts per area for the rest of VIEW_AGGREGATES
    # (every VIEW_INCIDENTS role has VIEW_AGGREGATES).
    ("robbery-list", _("Robberies"), Action.VIEW_AGGREGATES),
    ("analysis-list", _("Safety analysis"), Action.VIEW_SAFETY_ANALYSIS),
    ("approach-list", _("Approach"), Action.VIEW_APPROACH),
    ("measure-list", _("Measures"), Action.VIEW_MEASURES),
    ("follow-up-list", _("Victim aftercare"), Action.VIEW_FOLLOW_UPS),
    ("organisation-list", _("Organisations"), Action.VIEW_ORGANISATION),
    ("audit-search", _("Audit log"), Action.VIEW_AUDIT_LOG),
    ("admin:index", _("Management"), Action.MANAGE_USERS),
]


def _current(path: str, url: str) -> str | None:
    """``"page"`` on the item's own page, ``"true"`` inside its section, else None."""
    if path == url:
        return "page"
    if url != "/" and path.startswith(url):
        return "true"
    return None


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": [], "active_membership": None}
    items = []
    for name, label, action in NAVIGATION:
        if not can(user, action):
            continue
        url = reverse(name)
        items.append({"url": url, "label": label, "current": _current(request.path, url)})
    return {
        "navigation": items,
        "active_membership": active_membership(user),
        "has_several_memberships": user.memberships.filter(active=True).count() > 1,
    }
