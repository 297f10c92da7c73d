"""Forms for kb_site's own pages (every query parameter passes through one)."""

from django import forms
from django.conf import settings

from .collections import collection_configs
from .filters import SearchQueryField
from .params import WholeNumberField


class SearchForm(forms.Form):
    q = SearchQueryField(required=False, strip=True, label="Search")  # a parsed kb_site.search Query
    collection = forms.ChoiceField(required=False, label="In")
    page = WholeNumberField(required=False, min_value=1, max_value=settings.KB_MAX_PAGE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collection"].choices = [("", "Everything")] + [
            (config.label, config.collection_title) for config in collection_configs()
        ]

    def clean(self):
        data = super().clean()
        if data.get("page") and not data.get("collection"):
            raise forms.ValidationError("page needs a collection (roles, posts or reviews) to page through.")
        return data
