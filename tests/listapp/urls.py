import django_filters
from django.http import HttpResponse
from django.urls import include, path

from kb_site.filters import AllOfFilter, ChoiceFilter, OrderingFilter, SearchFilter
from kb_site.listing import Facet, Listing

from .models import Colour, Gadget


class GadgetFilter(django_filters.FilterSet):
    q = SearchFilter()
    colour = ChoiceFilter(choices=Colour.choices)
    label = AllOfFilter(field_name="labels__slug")
    size_min = django_filters.NumberFilter(field_name="size", lookup_expr="gte", min_value=0, label="Size at least")
    sort = OrderingFilter(fields=(("name", "name"), ("size", "size")))

    class Meta:
        model = Gadget
        fields = []


class GadgetListing(Listing):
    filterset_class = GadgetFilter
    template_name = "listapp/gadget_list.html"
    csv_filename = "gadgets.csv"
    page_size = 5
    orphans = 1
    facets = (
        Facet("colour", "Colour", "colour", choices=tuple(Colour.choices)),
        Facet("label", "Labels", "labels__slug", label_field="labels__name", multiple=True, limit=2),
    )
    csv_columns = (("name", lambda g: g.name), ("colour", lambda g: g.colour), ("size", lambda g: g.size))

    def serialize(self, gadget, request):
        return {
            "url": request.build_absolute_uri(gadget.get_absolute_url()),
            "name": gadget.name,
            "colour": gadget.colour,
            "labels": [label.slug for label in gadget.labels.all()],
        }


def gadget_list(request):
    return GadgetListing().response(request, Gadget.objects.published().prefetch_related("labels"))


def gadget_detail(request, pk):
    return HttpResponse(str(pk))


app_patterns = (
    [path("", gadget_list, name="list"), path("<int:pk>/", gadget_detail, name="detail")],
    "listapp",
)

urlpatterns = [path("gadgets/", include(app_patterns)), path("", include("kb_site.urls"))]
