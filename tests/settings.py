"""Test settings: the real settings, with what tests need on top."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-not-used-anywhere-else-0123456789")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
os.environ.setdefault("DJANGO_DEBUG", "false")

from kb_site.settings import *  # noqa: E402,F403
from kb_site.settings import INSTALLED_APPS, STORAGES  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "tests.listapp"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}
STATIC_ROOT = None  # tests never collect static files; WhiteNoise serves them from the finders
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
