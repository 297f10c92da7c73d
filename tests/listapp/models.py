"""A small test-only collection that exercises kb_site's list machinery."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse

from kb_site.models import Publishable
from kb_site.search.indexing import Searchable


class Colour(models.TextChoices):
    RED = "red", "Red"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue"


class Label(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=50)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Gadget(Searchable, Publishable):
    name = models.CharField(max_length=100)
    colour = models.CharField(max_length=10, choices=Colour.choices)
    size = models.PositiveIntegerField(default=1)
    labels = models.ManyToManyField(Label, blank=True, related_name="gadgets")
    search_title = models.TextField(blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    search_sources = ("name",)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def search_document(self):
        return (self.name,), ()

    def get_absolute_url(self):
        return reverse("listapp:detail", args=[self.pk])
