"""Facet counts and pages by set intersection (kb_site.postings): bitmaps of ids, the counts they give, and
the pages an ordering gives."""

from array import array

import pytest

from kb_site.postings import Ordering, Postings, bitmap, id_bitmap, ids_of
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


def test_a_page_is_the_ordered_ids_the_bitmap_holds_from_start_to_stop(monkeypatch):
    ordering = Ordering(array("q", [9, 2, 7, 4, 1, 8, 3]), 10)
    held = bitmap([1, 2, 3, 4, 9])
    assert ordering.page(held, 0, 2) == [9, 2]
    assert ordering.page(held, 2, 4) == [4, 1]
    assert ordering.page(held, 4, 20) == [3]  # the last page is short
    assert ordering.page(held, 5, 10) == []  # past the end
    assert ordering.page(0, 0, 5) == []
    assert ordering.page(bitmap([11, 12]), 0, 5) == []  # ids the ordering lacks (added since) are not found
    monkeypatch.setattr("kb_site.postings.WALK_CHUNK", 2)  # pages that start and end across chunks, and chunks of one
    assert ordering.page(held, 0, 5) == [9, 2, 4, 1, 3]
    assert ordering.page(held, 1, 4) == [2, 4, 1]
    assert Ordering(array("q", [5]), 6).page(bitmap([5]), 0, 1) == [5]


@pytest.mark.django_db
def test_an_ordering_is_every_row_in_the_querysets_order_in_one_query(django_assert_num_queries):
    made = [Gadget.objects.create(name=name, colour="red", size=size) for name, size in (("b", 2), ("a", 2), ("c", 1))]
    with django_assert_num_queries(1):
        ordering = Ordering.of(Gadget.objects.order_by("size", "name"))
    assert list(ordering.ids) == [made[2].pk, made[1].pk, made[0].pk]
    assert ordering.size == max(g.pk for g in made) + 1
    assert Ordering.of(Gadget.objects.none()).page(bitmap([1]), 0, 5) == []
