"""The Telegram Desktop export parser, on small exports written here (and the real sample when present)."""

import io
import json
from datetime import UTC, datetime

import pytest

from posts.parsers import ParseError, Post, Reaction, Skipped, detect_format, read_export


def export(*messages, name="Тестовый канал", channel_id=777):
    return {"name": name, "type": "public_channel", "id": channel_id, "messages": list(messages)}


def message(id, text="", **fields):  # noqa: A002 (the export's own key)
    return {
        "id": id,
        "type": "message",
        "date": "2025-01-02T10:00:00",
        "date_unixtime": "1735812000",
        "text": text,
        **fields,
    }


def parse(data):
    raw = data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode()
    document = read_export(io.BytesIO(raw))
    return document, list(document.posts)


def test_the_channel_comes_from_the_export_header():
    document, posts = parse(export(message(1, "Привет")))
    assert (document.channel.name, document.channel.telegram_id) == ("Тестовый канал", 777)
    assert document.format == "telegram-json"


def test_a_message_with_string_text():
    _, (post,) = parse(export(message(5, "Первая строка\nвторая строка")))
    assert isinstance(post, Post)
    assert (post.key, post.telegram_id, post.position) == ("msg-5", 5, 1)
    assert post.headline == "Первая строка" and post.text == "Первая строка\nвторая строка"
    assert post.date == datetime(2025, 1, 2, 10, 0, tzinfo=UTC)
    assert post.entities == [] and post.hashtags == [] and not post.has_media


def test_a_message_with_entity_list_text_keeps_the_words_once_and_the_entities_by_offset():
    text = [
        "Заголовок\nсмотрите ",
        {"type": "text_link", "text": "здесь", "href": "https://example.com/x"},
        " и ",
        {"type": "bold", "text": "жирно"},
        "\n",
        {"type": "hashtag", "text": "#Тег"},
        " ",
        {"type": "mention", "text": "@someone"},
        " ",
        {"type": "link", "text": "example.org/page"},
        {"type": "custom_emoji", "text": "🤪", "document_id": "stickers/x.webp"},
    ]
    _, (post,) = parse(export(message(9, text)))
    assert post.text == "Заголовок\nсмотрите здесь и жирно\n#Тег @someone example.org/page🤪"
    by_type = {e["type"]: e for e in post.entities}
    assert set(by_type) == {"text_link", "bold", "hashtag", "mention", "link"}  # custom emoji are plain text
    link = by_type["text_link"]
    assert post.text[link["offset"] : link["offset"] + link["length"]] == "здесь" == link["text"]
    assert link["href"] == "https://example.com/x"
    assert post.hashtags == ["Тег"]
    assert post.handles == ["someone"]
    assert [(link.url, link.domain, link.label) for link in post.links] == [
        ("https://example.com/x", "example.com", "здесь"),
        ("http://example.org/page", "example.org", ""),
    ]


def test_text_entities_are_read_when_both_are_present():
    entities = [{"type": "plain", "text": "Текст "}, {"type": "hashtag", "text": "#из_сущностей"}]
    _, (post,) = parse(export(message(1, "Текст #из_сущностей", text_entities=entities)))
    assert post.hashtags == ["из_сущностей"]


def test_hashtags_come_from_the_entities_not_from_the_words():
    # Telegram marks "#2pr" in "#2pr.io" as the hashtag; a '#' that is not an entity is not a tag.
    text = [{"type": "hashtag", "text": "#2pr"}, ".io and #not_a_tag"]
    _, (post,) = parse(export(message(1, text)))
    assert post.hashtags == ["2pr"]


def test_reactions_keep_emoji_without_variation_selectors_and_custom_emoji_without_one():
    reactions = [
        {"type": "emoji", "count": 5, "emoji": "❤️"},
        {"type": "emoji", "count": 2, "emoji": "❤"},
        {"type": "custom_emoji", "count": 3, "document_id": "stickers/1.webp"},
        {"type": "paid", "count": 1},
        {"type": "emoji", "count": 0, "emoji": "👍"},
    ]
    _, (post,) = parse(export(message(1, "Текст", reactions=reactions)))
    assert post.reactions == [
        Reaction(emoji="❤", count=7),
        Reaction(emoji=None, count=3, kind="custom_emoji", custom_id="stickers/1.webp"),
        Reaction(emoji=None, count=1, kind="paid"),
    ]


def test_a_forwarded_message_keeps_its_source():
    _, (post,) = parse(export(message(1, "Пост\n@source_channel", forwarded_from="Источник")))
    assert post.forwarded_from == "Источник" and post.forwarded_from_handle == "source_channel"


def test_service_messages_are_skipped():
    service = {"id": 2, "type": "service", "date": "2025-01-02T10:00:00", "action": "pin_message", "text": ""}
    _, (first, skipped, third) = parse(export(message(1, "Один"), service, message(3, "Три")))
    assert isinstance(skipped, Skipped) and "service" in skipped.reason and "id 2" in skipped.record
    assert (first.position, third.position) == (1, 3)


def test_a_media_only_message_is_a_post_with_media():
    photo = message(1, "", photo="(File not included.)", width=10, height=10)
    video = message(2, "", file="(File not included.)", file_name="clip.mp4", media_type="video_file")
    _, (one, two) = parse(export(photo, video))
    assert (one.has_media, one.media_type, one.headline, one.text) == (True, "photo", "Photo", "")
    assert (two.media_type, two.headline) == ("video_file", "Video file: clip.mp4")


def test_missing_optional_fields_are_fine():
    _, (post,) = parse(export({"id": 1, "type": "message"}))
    assert (post.text, post.date, post.reactions, post.forwarded_from, post.edited_date) == ("", None, [], "", None)
    assert post.headline == "Untitled post"


def test_a_date_without_unixtime_is_read_as_utc_and_the_edit_date_kept():
    raw = {"id": 1, "type": "message", "date": "2024-12-31T23:59:00", "edited": "2025-01-01T08:00:00", "text": "x"}
    _, (post,) = parse(export(raw))
    assert post.date == datetime(2024, 12, 31, 23, 59, tzinfo=UTC)
    assert post.edited_date == datetime(2025, 1, 1, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ({"type": "message", "text": "no id"}, "numeric id"),
        ({"id": "7", "type": "message"}, "numeric id"),
        ({"id": 1, "type": "message", "text": 42}, "text must be a string or a list"),
        ({"id": 1, "type": "message", "text": [1, 2]}, "each part of text"),
        ({"id": 1, "type": "message", "reactions": [{"type": "emoji", "count": -1, "emoji": "🔥"}]}, "count"),
        ({"id": 1, "type": "message", "reactions": [{"type": "emoji", "count": 2}]}, "without its emoji"),
        ({"id": 1, "type": "message", "date": "yesterday"}, "date must be a date"),
        ("a string", "expected a message object"),
    ],
)
def test_a_malformed_message_is_named_with_what_was_expected(bad, problem):
    with pytest.raises(ParseError) as caught:
        parse(export(message(1, "ok"), bad))
    assert problem in caught.value.problem
    assert caught.value.record.startswith("message 2")


def test_truncated_json_fails_at_the_message_where_it_breaks():
    raw = json.dumps(export(message(1, "Один"), message(2, "Два"), message(3, "Три")), ensure_ascii=False).encode()
    cut = raw[: raw.index("Три".encode()) - 30]
    document = read_export(io.BytesIO(cut))
    posts = document.posts
    assert next(posts).text == "Один"
    assert next(posts).text == "Два"
    with pytest.raises(ParseError) as caught:
        next(posts)
    assert "cut short" in caught.value.problem and caught.value.record == "message 3"


def test_malformed_json_is_refused():
    with pytest.raises(ParseError) as caught:
        parse(b'{"name": "x", "messages": [{"id": 1,, }]}')
    assert "malformed" in caught.value.problem


def test_json_that_is_not_an_export_is_refused():
    with pytest.raises(ParseError, match="found a list"):
        parse(b"[1, 2, 3]")
    with pytest.raises(ParseError, match="found no messages"):
        parse(b'{"name": "x", "chats": {}}')
    with pytest.raises(ParseError, match="messages must be a list"):
        parse(b'{"name": "x", "messages": {"id": 1}}')
    with pytest.raises(ParseError, match="not valid JSON"):
        parse(b"{nonsense")


def test_the_format_is_detected_from_the_first_bytes():
    assert detect_format(b'\xef\xbb\xbf  \n{"name"') == "telegram-json"
    assert detect_format("Пост\n🔥1".encode()) == "scrape"
