"""kb_site.jsonlimits: JSON read a chunk at a time stops at the first excess, wherever chunks are cut."""

import json
import random

import pytest

from kb_site.jsonlimits import JsonLimitError, JsonLimits, check_json_bytes


def feed(data, *, sizes=(1, 2, 3, 7, 64), seed=0, **limits):
    """Feed `data` in chunks of random sizes (a string, an escape or a number cut anywhere)."""
    rng, checker, position = random.Random(seed), JsonLimits(**limits), 0
    while position < len(data):
        size = rng.choice(sizes)
        checker.feed(data[position : position + size])
        position += size
    return checker


def random_json(rng, depth=0):
    if depth > 5 or rng.random() < 0.3:
        return rng.choice([1, -2.5, True, None, 'a "quoted" word', "back\\slash\\", "[{ not structure }]", "ü\n"])
    if rng.random() < 0.5:
        return [random_json(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {f'key "{n}" \\': random_json(rng, depth + 1) for n in range(rng.randint(0, 4))}


@pytest.mark.parametrize("seed", range(200))
def test_any_valid_json_passes_whatever_its_chunks(seed):
    rng = random.Random(seed)
    document = json.dumps({"messages": [random_json(rng) for _ in range(3)]}, ensure_ascii=rng.random() < 0.5)
    checker = feed(document.encode(), seed=seed)
    assert checker.depth == 0 and not checker.in_string


def test_nesting_past_the_limit_is_named_with_its_line():
    with pytest.raises(JsonLimitError) as caught:
        feed(b'{"a": 1,\n"b": "[[[[",\n"c": ' + b"[" * 40 + b"]" * 40 + b"}", max_depth=32)
    assert caught.value.line == 3 and "nested more than 32 deep" in caught.value.problem


def test_brackets_inside_strings_are_not_nesting():
    feed(b'{"text": "' + b"[{" * 1000 + b'\\" [[["}', max_depth=4)


@pytest.mark.parametrize("size", [999, 1000, 1001])
def test_a_string_longer_than_the_limit_is_refused_even_when_split_across_chunks(size):
    document = b'{"a":\n"' + b"\\n" * (size // 2) + b"x" * (size % 2) + b'"}'
    if size <= 1000:
        feed(document, max_token=1000, sizes=(97, 1000))
        return
    with pytest.raises(JsonLimitError) as caught:
        feed(document, max_token=1000, sizes=(97, 1000))
    assert caught.value.line == 2 and "a string longer than 1,000 bytes" in caught.value.problem


def test_a_number_longer_than_the_limit_is_refused():
    with pytest.raises(JsonLimitError, match="a number or literal longer than 100 bytes"):
        feed(b'{"id": ' + b"9" * 101 + b"}", max_token=100, sizes=(7,))
    feed(b'{"id": ' + b"9" * 100 + b"}", max_token=100, sizes=(7,))


def test_one_record_larger_than_the_limit_is_refused_but_many_small_ones_are_not():
    small = json.dumps({"messages": [{"text": "x" * 500} for _ in range(50)]}).encode()
    feed(small, max_record=1000, sizes=(100,))
    with pytest.raises(JsonLimitError, match="one item is larger than 1,000 bytes"):
        feed(json.dumps({"messages": [{"text": "x" * 2000}]}).encode(), max_record=1000, sizes=(100,))


def test_a_whole_small_file_is_checked_at_once():
    check_json_bytes(b'{"channel": {"name": "x"}}')
    with pytest.raises(JsonLimitError):
        check_json_bytes(b"[" * 100 + b"]" * 100)
