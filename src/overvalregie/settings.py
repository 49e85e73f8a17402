"""The one settings module, configured by environment variables (see docs/configuration.md)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from overvalregie.config import env, env_bool, env_int, env_list

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(
    env("DATA_DIR", str(Path.cwd() / "var"), "Folder for the SQLite database and collected files.")
)

DEMO_MODE = env_bool(
    "DEMO_MODE", False, "Demo mode: allows the demo users to log in. Never on in production."
)
DEBUG = env_bool("DEBUG", False, "Django debug pages. Development only.")
SECRET_KEY = env(
    "SECRET_KEY", "", "Secret for sessions and signatures; required outside demo/debug."
)
if not SECRET_KEY:
    if not (DEBUG or DEMO_MODE):
        raise ImproperlyConfigured("Set SECRET_KEY (or DEMO_MODE=true for the demo).")
    SECRET_KEY = "insecure-demo-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", "127.0.0.1,localhost", "Comma-separated host names this site answers to."
)
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", "", "Comma-separated origins (https://host) trusted for form posts."
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "overvalregie.web",
    "overvalregie.audit",
    "overvalregie.geography",
    "overvalregie.organisations",
    "overvalregie.incidents",
    "overvalregie.safety_analysis",
    "overvalregie.approach",
    "overvalregie.measures",
    "overvalregie.lines",
    "overvalregie.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "overvalregie.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "overvalregie.organisations.middleware.ActiveMembershipMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "overvalregie.urls"
WSGI_APPLICATION = "overvalregie.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "overvalregie.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env(
            "DATABASE_URL",
            f"sqlite:///{DATA_DIR / 'overvalregie.sqlite3'}",
            "Database URL: sqlite:///path or postgres://user@host:5432/name.",
        ),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, "Seconds to keep a database connection."),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisations.User"
AUTHENTICATION_BACKENDS = ["overvalregie.organisations.auth.DemoAwareModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Uploaded import files until their import ends: never served over HTTP. Web processes and
    # task workers on several machines need this folder shared (or another storage backend).
    "imports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env(
                "IMPORT_DIR",
                str(DATA_DIR / "imports"),
                "Folder for uploaded import files, shared by web processes and task workers.",
            ),
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# The cache carries short-lived state between processes, such as the progress of an import.
_CACHE_URL = env(
    "CACHE_URL",
    "",
    "Shared cache: redis://host:6379/0 for several machines; empty: files in DATA_DIR/cache.",
)
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}
        if _CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
        }
    )
}

IMPORT_MAX_MB = env_int("IMPORT_MAX_MB", 512, "Largest file the upload page accepts, in MB.")

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# E-mail: reminders of overdue actions. Without a mail server, messages are written as files.
EMAIL_HOST = env("EMAIL_HOST", "", "SMTP server for reminders; empty: write them to DATA_DIR/mail.")
EMAIL_PORT = env_int("EMAIL_PORT", 587, "SMTP port.")
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "", "SMTP user name, if the server asks for one.")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "", "SMTP password, if the server asks for one.")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True, "Use STARTTLS towards the SMTP server.")
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", "overvalregie@localhost", "Sender address of the e-mails sent."
)
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "mail")
SITE_URL = env(
    "SITE_URL", "http://127.0.0.1:8000", "The site's address, for links in e-mails."
).rstrip("/")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, "Seconds a login stays valid.")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool(
    "SECURE_COOKIES", not (DEBUG or DEMO_MODE), "Send session and CSRF cookies over HTTPS only."
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SUPPRESSION_THRESHOLD = env_int(
    "SUPPRESSION_THRESHOLD",
    5,
    "Counts below this are suppressed in aggregates shown outside the owning organisation.",
)

# Serving (overvalregie serve / demo)
VICTIM_FOLLOW_UP_DAYS = env_int(
    "VICTIM_FOLLOW_UP_DAYS",
    90,
    "A robbery from the last this many days opens a victim follow-up when it is registered; "
    "older ones (history in an import) do not.",
)
VICTIM_FOLLOW_UP_DEADLINES = env_list(
    "VICTIM_FOLLOW_UP_DEADLINES",
    "",
    "Deadlines of the follow-up steps in days after the robbery, as step=days pairs "
    "(contact=2,referral=5); steps left out keep their default.",
)

SERVE_HOST = env("HOST", "127.0.0.1", "Address `overvalregie serve` and `make demo` bind to.")
SERVE_PORT = env_int("PORT", 8000, "Port `overvalregie serve` and `make demo` listen on.")
SERVE_WORKERS = env_int("WEB_WORKERS", 2, "Web worker processes started by `overvalregie serve`.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    # WeasyPrint reports every CSS property it does not know: not news for an operator.
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
    "root": {
        "handlers": ["console"],
        "level": env("LOG_LEVEL", "INFO", "Log level: DEBUG, INFO, WARNING or ERROR."),
    },
}
