"""Settings for the AI Careers Knowledge Base.

One module, driven by environment variables through small typed helpers that
fail loudly on a bad value. Nothing secret lives here.

    DJANGO_DEBUG            "true"/"false" (default false)
    DJANGO_SECRET_KEY       required when DEBUG is off (the server will not start without it)
    DJANGO_SECRET_KEY_FILE  a file holding the key instead (`make run` generates .secret_key once)
    DJANGO_ALLOWED_HOSTS    comma-separated; required when DEBUG is off
    DATABASE_URL            unset: SQLite file db/kb.sqlite3 (WAL); postgres://...: PostgreSQL
    REDIS_URL               optional: Redis cache instead of the SQLite-file cache beside the database
    KB_CACHE_DIR            where that file cache lives (default: beside the SQLite file, or db/cache)
    DJANGO_SECURE_SSL_REDIRECT  default true when DEBUG is off (set false behind a
                            proxy that already redirects)
    DJANGO_SECURE_PROXY_SSL_HEADER  "true" to trust X-Forwarded-Proto from a proxy
    DJANGO_LOG_LEVEL        default INFO
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

# What a server must not start without. kb_site/wsgi.py (gunicorn, runserver) refuses to
# start while any is missing; management commands that need neither (makemigrations,
# migrate) still run, and anything that does need the key fails on Django's empty-key check.
SERVING_PROBLEMS = []

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
SECRET_KEY_FILE = os.environ.get("DJANGO_SECRET_KEY_FILE", "").strip()
if not SECRET_KEY and SECRET_KEY_FILE:  # `make run` generates one once into a git-ignored file
    try:
        SECRET_KEY = Path(SECRET_KEY_FILE).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ImproperlyConfigured(f"DJANGO_SECRET_KEY_FILE: cannot read {SECRET_KEY_FILE} ({exc.strerror}).") from None
    if not SECRET_KEY:
        raise ImproperlyConfigured(f"DJANGO_SECRET_KEY_FILE: {SECRET_KEY_FILE} is empty.")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "insecure-local-development-key-only-used-with-DJANGO_DEBUG-true"  # noqa: S105 (debug only)
    else:
        SERVING_PROBLEMS.append(
            "DJANGO_SECRET_KEY is not set. It is required when DJANGO_DEBUG is off: "
            "set it to a long random string (python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'), or set DJANGO_DEBUG=true for local use."
        )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    SERVING_PROBLEMS.append(
        "DJANGO_ALLOWED_HOSTS is not set. It is required when DJANGO_DEBUG is off: "
        "a comma-separated list of the host names this site answers to."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

SITE_NAME = "AI Careers Knowledge Base"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "csp",
    "kb_site",
    "roles",
    "posts",
    "reviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag on every page and feed; If-None-Match answers 304 with no body.
    "django.middleware.http.ConditionalGetMiddleware",
    # NUL in a request is a 400; a locked or unreachable database a 503; bad parameters a 400.
    "kb_site.middleware.RequestGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "kb_site.urls"
WSGI_APPLICATION = "kb_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kb_site.context_processors.site",
            ],
        },
    },
]

# Database: SQLite (WAL) unless DATABASE_URL names another database.
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if DATABASE_URL:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL Django understands: {exc}") from None
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # A common word's `q` keeps the first matches a scan finds (kb_site.search.engine). PostgreSQL lets a
        # scan of a large table start where another one is, so the same word found another 300 posts
        # on each request; every scan starts at the table's start instead.
        options = DATABASES["default"].setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c synchronize_seqscans=off".strip()
else:
    # How long a writer waits for another's lock before "database is locked" (a 503 with
    # Retry-After on a page): readers never wait in WAL mode, and a request must give up
    # well before gunicorn's 30-second worker timeout kills it.
    SQLITE_BUSY_TIMEOUT = 5
    SQLITE_PATH = Path(os.environ.get("KB_SQLITE_PATH", BASE_DIR / "db" / "kb.sqlite3"))
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            # Each worker keeps its connection (and with it SQLite's page cache) from one request to the
            # next, instead of opening the file again for every request.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # WAL lets readers and the writer work at once; NORMAL sync is safe with WAL. A 32 MB page
                # cache per connection keeps the indexes' hot pages; sorts and temporary indexes stay in
                # memory. No memory map: its pages count as the process's own, and a 100k-post re-import
                # that reads the whole file then peaked at 624 MB instead of ~150 (bench/reimport.py).
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32000; "
                    "PRAGMA temp_store=MEMORY;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": SQLITE_BUSY_TIMEOUT,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set; otherwise a SQLite-file cache (diskcache) beside the database, shared by
# every gunicorn worker and kept across restarts. Measured by bench/cache.py against Django's FileBasedCache and
# DatabaseCache (bench/RESULTS.md): the fastest of the shared ones. Entries carry their collection's version
# (kb_site/cache.py), so a stale one is never read; CACHE_TIMEOUT is how long one is kept.
CACHE_TIMEOUT = 600
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kb",
            "TIMEOUT": CACHE_TIMEOUT,
        }
    }
else:
    # Beside the SQLite file by default: one database, one cache.
    beside = BASE_DIR / "db" / "cache" if DATABASE_URL else SQLITE_PATH.with_name(f"{SQLITE_PATH.stem}-cache")
    CACHE_DIR = Path(os.environ.get("KB_CACHE_DIR", "").strip() or beside)
    CACHES = {
        "default": {
            "BACKEND": "kb_site.cache_backend.SharedFileCache",
            "LOCATION": str(CACHE_DIR),
            "TIMEOUT": CACHE_TIMEOUT,
            "OPTIONS": {"size_limit": 256 * 2**20},  # bytes; the least recently stored entries go first
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
# The site and its admin speak English only. With translation machinery on, every reverse(), number
# and date looks the active language up in a context-local (three lookups per reverse): a few
# milliseconds a list page, for nothing.
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security. Headers are always sent; transport settings apply when DEBUG is off.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy: only our own scripts and styles, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# The list machinery (kb_site/listing.py).
KB_PAGE_SIZE = 20
KB_MAX_PAGE_SIZE = 500
KB_MAX_PAGE = 1_000_000  # ?page= beyond this is a 400; within it, past the list's end, a 404
# Seconds a 503 (database locked or out of reach) asks the reader to wait: kb_site.http.service_unavailable.
KB_RETRY_AFTER = 10
