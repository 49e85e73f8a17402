"""Authentication: demo users are refused unless the site runs in demo mode."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class DemoAwareModelBackend(ModelBackend):
    def user_can_authenticate(self, user) -> bool:
        if getattr(user, "is_demo", False) and not settings.DEMO_MODE:
            return False
        return super().user_can_authenticate(user)
