"""WSGI entry point: `gunicorn kb_site.wsgi` (and what `runserver` loads)."""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb_site.settings")

application = get_wsgi_application()

# A server does not start half-configured: say what is missing, at start-up.
if settings.SERVING_PROBLEMS:
    raise ImproperlyConfigured(" ".join(settings.SERVING_PROBLEMS))
