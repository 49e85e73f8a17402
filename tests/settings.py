"""Settings for the test suite: the real settings with a throwaway secret."""

import os

os.environ.setdefault("SECRET_KEY", "test-suite-secret-not-for-production")
os.environ.setdefault("SECURE_COOKIES", "false")

from overvalregie.settings import *  # noqa: E402, F403

# Fast, insecure hashing: only ever in tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests do not run collectstatic: serve files from the apps, without a manifest.
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = None
