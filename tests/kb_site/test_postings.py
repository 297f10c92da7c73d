"""Facet counts by set intersection (kb_site.postings): bitmaps of ids, and the counts they give."""

import pytest

from kb_site.postings import Postings, bitmap, id_bitmap, ids_of
from tests.listapp.models import Gadget


def test_a_bitmap_holds_exactly_its_ids():
    ids = [0, 3, 64, 65, 1000]
    assert ids_of(bitmap(ids)) == ids
    assert bitmap([]) == 0 and ids_of(0) == []
    assert bitmap(iter([5, 5, 2])).bit_count() == 2


def test_counts_are_the_values_the_ids_have_most_frequent_first_ties_in_value_order():
    postings = Postings.from_rows(
        [("b", "Bee", "1,2,3"), ("a", "Ay", "2,3,4"), ("c", "Sea", "9"), (None, "nothing", "1,2")]
    )
    assert postings.counts(bitmap([2, 3, 4])) == [("a", "Ay", 3), ("b", "Bee", 2)]
    assert postings.counts(bitmap([1, 2, 3, 4]), limit=1) == [("a", "Ay", 3)]  # a tie: the first value wins
    assert ids_of(postings.any_of(["b", "c", "unknown"])) == [1, 2, 3, 9]
    assert postings.any_of(["unknown"]) == 0


@pytest.mark.django_db
def test_the_ids_of_a_queryset_come_in_one_query(django_assert_num_queries):
    gadgets = [Gadget.objects.create(name=f"G{i}", colour="red") for i in range(5)]
    with django_assert_num_queries(1):
        found = id_bitmap(Gadget.objects.filter(pk__in=[g.pk for g in gadgets[1:4]]))
    assert ids_of(found) == sorted(g.pk for g in gadgets[1:4])
    with django_assert_num_queries(1):
        assert id_bitmap(Gadget.objects.filter(name="none")) == 0
