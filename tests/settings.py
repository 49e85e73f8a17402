"""Settings for the test suite: the real settings with a throwaway secret."""

import os
import tempfile

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
# Uploaded import files go to a throwaway folder; tasks run at once, in the test's process.
STORAGES["imports"] = {  # noqa: F405
    **STORAGES["imports"],  # noqa: F405
    "OPTIONS": {
        **STORAGES["imports"]["OPTIONS"],  # noqa: F405
        "location": tempfile.mkdtemp(prefix="overvalregie-test-imports-"),
    },
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
