"""WSGI entry point: `gunicorn kb_site.wsgi` (and what `runserver` loads)."""

import gc
import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb_site.settings")

application = get_wsgi_application()

# Everything loaded so far lives as long as the process: the cyclic garbage collector need not walk it
# again at each full collection (tens of milliseconds in the middle of some request). In each gunicorn
# worker, after it has loaded the site.
gc.freeze()

# A server does not start half-configured: say what is missing, at start-up.
if settings.SERVING_PROBLEMS:
    raise ImproperlyConfigured(" ".join(settings.SERVING_PROBLEMS))
