"""The "Across the knowledge base" panel of an entry's page: `{% load kb_across %}{% across_panel entry as panel %}`.

The page's view need not know about it: templates/kb_site/_across.html asks here, with the request
from the template's context (kb_site.across caches the panel under the collections' versions).
"""

from django import template

from kb_site.across import panel

register = template.Library()


@register.simple_tag(takes_context=True)
def across_panel(context, entry):
    """[{"key", "heading", "items": [{"title", "url", "why", "curated", "note"}]}] for `entry`."""
    return panel(entry, context["request"])
