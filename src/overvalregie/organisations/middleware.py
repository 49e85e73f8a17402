"""Attach the active membership (the role the user acts in) to the request's user.

Also ends the session of a demo user when the site no longer runs in demo mode.
"""

from django.conf import settings
from django.contrib.auth import logout

from overvalregie.organisations.models import Membership

SESSION_KEY = "active_membership_id"


class ActiveMembershipMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.is_demo and not settings.DEMO_MODE:
            logout(request)
            user = request.user
        if user.is_authenticated:
            membership_id = request.session.get(SESSION_KEY)
            membership = None
            if membership_id:
                membership = (
                    Membership.objects.filter(pk=membership_id, user=user, active=True)
                    .select_related("organisation", "organisation__municipality")
                    .first()
                )
            if membership is not None:
                user._active_membership = membership
        return self.get_response(request)
