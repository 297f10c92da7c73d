"""The mirror-scrape parser, on the real seed and on a small fragment for every trap."""

import pytest

from posts.parsers import (
    ParseError,
    Reaction,
    find_hashtags,
    find_links,
    lines_match,
    make_headline,
    parse_reactions_line,
    parse_scrape,
)


@pytest.fixture
def seed_posts(seed_text):
    return parse_scrape(seed_text).posts


# The real seed -------------------------------------------------------------------------


def test_the_seed_holds_sixteen_posts_in_file_order(seed_posts):
    assert len(seed_posts) == 16
    assert [p.position for p in seed_posts] == list(range(1, 17))
    assert seed_posts[0].headline.startswith("Вчерашним постом поделились 150+ раз")
    assert seed_posts[1].headline == "Обновили 2pr.io"
    assert seed_posts[15].headline == "Продолжение. Часть II"


def test_each_seed_post_has_its_hashtags_as_written(seed_posts):
    assert [p.hashtags for p in seed_posts] == [
        ["телеграм", "продуктивность", "стартапы"],
        ["2pr.io", "продуктивность", "стартапы"],
        ["стартапы"],
        ["предпринимательство", "венчур"],
        ["личное"],
        ["личное", "предпринимательство"],
        ["linkedin", "продуктивность"],
        ["телеграм"],
        ["стартапы", "linkedin"],
        ["genAI"],
        ["личное", "Product_Hunt"],
        ["стартапы", "венчур"],
        ["genAI", "linkedin"],
        ["стартапы", "венчур", "продуктивность"],
        ["мнение"],
        [],
    ]


def test_each_seed_post_has_its_reactions(seed_posts):
    assert [[(r.emoji, r.count) for r in p.reactions] for p in seed_posts] == [
        [("🔥", 13), ("❤", 5)],
        [("❤", 9), ("🔥", 3)],
        [("❤", 5), ("🔥", 5)],
        [("🔥", 10), ("🤯", 3)],
        [("🔥", 12), ("👍", 2)],
        [("👍", 16), ("🔥", 7)],
        [("🔥", 10), ("❤", 5)],
        [("👍", 10), ("😁", 1)],
        [("🔥", 15), ("❤", 9)],
        [("❤", 8), ("🤔", 2)],
        [("❤", 15), ("🔥", 14)],
        [("👍", 18), ("🤔", 2)],
        [("🔥", 10), ("👍", 4)],
        [("🔥", 4), ("👍", 2)],
        [("🔥", 14), ("👍", 2)],
        [("🔥", 16), ("👏", 3)],
    ]


def test_it_drops_the_repeated_body_and_keeps_the_text_once(seed_posts, seed_text):
    first = seed_posts[0]
    assert first.text.split("\n") == [
        "Вчерашним постом поделились 150+ раз, рекордное для меня количество раз. Прикольно)",
        "А еще показывает насколько высок запрос на фильтрацию и подбор.",
        "Контента и софта стало как ресторанов, невозможно даже близко все попробовать.",
        "Мишлен не зря так ценится)",
        "#телеграм #продуктивность #стартапы",
    ]
    for post in seed_posts:
        for line in post.text.split("\n")[1:]:
            assert post.text.count(line) == 1, f"post {post.position} repeats {line!r}"
    # Every line of the seed that is not markup survives in some post, once.
    all_text = "\n".join(p.text for p in seed_posts)
    assert all_text.count("Мишлен не зря так ценится)") == 1
    assert seed_text.count("Мишлен не зря так ценится)") == 2


def test_it_keeps_the_first_copy_where_the_repeat_lost_an_emoji(seed_posts):
    post = seed_posts[6]
    assert post.text.count("Вот ссылка на базу") == 1
    assert "коммент оставлять🙂 )" in post.text
    assert post.text.endswith("#linkedin #продуктивность")


def test_two_posts_are_forwarded_and_sign_off_with_the_source_handle(seed_posts):
    forwarded = [p for p in seed_posts if p.forwarded_from]
    assert [(p.position, p.forwarded_from, p.forwarded_from_handle) for p in forwarded] == [
        (15, "Русский венчур", "rusven"),
        (16, "Русский венчур", "rusven"),
    ]
    assert all("Forwarded from" not in p.text for p in seed_posts)
    assert forwarded[0].text.endswith("@rusven") and forwarded[0].handles == ["rusven"]


def test_a_first_line_of_hashtags_only_gives_way_to_the_first_line_with_words(seed_posts):
    post = seed_posts[14]
    assert post.text.split("\n")[0] == "#мнение"
    assert post.headline.startswith("Ислам Мидов, технологический предприниматель")


def test_media_placeholders_mark_the_post_and_are_not_text(seed_posts):
    with_media = [p.position for p in seed_posts if p.has_media]
    assert with_media == [7]
    for post in seed_posts:
        assert "Please open Telegram" not in post.text and "VIEW IN TELEGRAM" not in post.text


def test_the_link_preview_is_separated_and_its_repeated_lines_dropped(seed_posts):
    post = seed_posts[10]
    assert post.text.split("\n")[-2:] == ["https://youtu.be/eiTo_Fn0g2M", "#личное #Product_Hunt"]
    assert post.preview.site == "YouTube"
    assert post.preview.title.startswith("Я продал стартап спустя год после запуска")
    description = post.preview.description.split("\n")
    assert len(description) == 4
    assert description[0].startswith("⚡База знаний")
    assert description[1].startswith("1️⃣ Подписывайся на подкаст")  # text, not a reactions line
    assert description[3].endswith("https:/…")  # cut short by the scraper, kept as is
    assert [p.position for p in seed_posts if p.preview] == [11]


def test_links_are_found_and_a_link_cut_short_is_not_one(seed_posts):
    assert [link.url for link in seed_posts[2].links] == ["https://www.tgoop.com/addlist/wBqmKHrIU8I2MWMy"]
    assert [link.domain for link in seed_posts[2].links] == ["tgoop.com"]
    assert [link.url for link in seed_posts[9].links] == [
        "https://platform.openai.com/settings/organization/data-controls/sharing"
    ]
    assert find_links("Product Radar: https:/…") == []
    assert find_links("see https://example.com/a-page…") == []


def test_scraped_posts_get_keys_from_their_content_not_their_position(seed_text):
    posts = parse_scrape(seed_text).posts
    assert len({p.key for p in posts}) == 16
    assert all(p.key.startswith("text-") for p in posts)
    # Drop the first post: the others move up one place but keep their keys.
    first_post_end = seed_text.index("🔥13❤5\n") + len("🔥13❤5\n")
    shifted = parse_scrape(seed_text[first_post_end:]).posts
    assert [p.key for p in shifted] == [p.key for p in posts[1:]]
    assert [p.position for p in shifted] == list(range(1, 16))


# Fragments, one per trap ---------------------------------------------------------------------

FRAGMENT = """Первая строка поста
Вторая строка
#тег
Вторая строка
#тег
🔥3
"""


def test_a_small_post_parses_with_its_repeat_dropped():
    (post,) = parse_scrape(FRAGMENT).posts
    assert post.text == "Первая строка поста\nВторая строка\n#тег"
    assert post.headline == "Первая строка поста"
    assert post.hashtags == ["тег"]
    assert post.reactions == [Reaction(emoji="🔥", count=3)]
    assert post.preview is None and not post.has_media and post.forwarded_from == ""


def test_a_one_line_post_has_nothing_repeated():
    (post,) = parse_scrape("Одна строка #тег\n👍2\n").posts
    assert post.text == "Одна строка #тег"
    assert post.hashtags == ["тег"]


def test_a_repeat_that_differs_slightly_is_still_dropped():
    text = (
        "Заголовок\nСтрока с эмодзи в конце 🙂 )\nИ ещё одна строка\nСтрока с эмодзи в конце\nИ ещё одна строка\n❤1\n"
    )
    (post,) = parse_scrape(text).posts
    assert post.text == "Заголовок\nСтрока с эмодзи в конце 🙂 )\nИ ещё одна строка"


def test_lines_match_tolerates_a_lost_emoji_but_not_different_words():
    assert lines_match("Вот ссылка (коммент оставлять🙂 )", "Вот ссылка (коммент оставлять")
    assert not lines_match("Первая мысль о стартапах", "Совсем другая строка текста")


def test_reactions_lines_take_several_emoji_and_drop_variation_selectors():
    assert parse_reactions_line("🔥13❤️5") == [Reaction("🔥", 13), Reaction("❤", 5)]
    assert parse_reactions_line("👍 1.2K 🔥 7") == [Reaction("👍", 1200), Reaction("🔥", 7)]
    assert parse_reactions_line("❤‍🔥4") == [Reaction("❤\u200d🔥", 4)]  # a ZWJ sequence is one emoji
    assert parse_reactions_line("🔥2🔥1👍0") == [Reaction("🔥", 3)]  # repeats add up; nobody gave 👍


@pytest.mark.parametrize(
    "line",
    ["1️⃣ Подписывайся на подкаст", "$70", "—5", "+3", "2025", "🔥 огонь 3", "Часть I", "#тег1"],
)
def test_lines_of_text_are_not_reactions(line):
    assert parse_reactions_line(line) is None


def test_a_forwarded_post_keeps_its_source_and_the_handle_it_signs_with():
    text = "Forwarded from Другой канал\nЗаголовок\nТекст\n@other_channel\nТекст\n@other_channel\n👏2\n"
    (post,) = parse_scrape(text).posts
    assert post.forwarded_from == "Другой канал"
    assert post.forwarded_from_handle == "other_channel"
    assert post.text == "Заголовок\nТекст\n@other_channel"


def test_a_post_that_is_not_forwarded_has_no_source_handle_even_if_it_signs():
    (post,) = parse_scrape("Заголовок\n@me_myself\n@me_myself\n🔥1\n").posts
    assert post.forwarded_from == "" and post.forwarded_from_handle == ""


def test_media_placeholders_anywhere_in_a_post_are_dropped():
    text = "Please open Telegram to view this post\nЗаголовок\nТекст\nТекст\nVIEW IN TELEGRAM\n🔥1\n"
    (post,) = parse_scrape(text).posts
    assert post.has_media and post.text == "Заголовок\nТекст"


def test_a_post_of_media_only_is_kept_with_a_headline():
    (post,) = parse_scrape("Please open Telegram to view this post\nVIEW IN TELEGRAM\n❤4\n").posts
    assert post.has_media and post.text == "" and post.headline == "Media post"
    assert post.key == "media-1"


def test_a_link_preview_with_a_one_line_description():
    text = "Смотрите https://example.com\nЕщё\nЕщё\nExample\nThe title\nThe description\n🔥1\n"
    (post,) = parse_scrape(text).posts
    assert post.text == "Смотрите https://example.com\nЕщё"
    assert (post.preview.site, post.preview.title, post.preview.description) == (
        "Example",
        "The title",
        "The description",
    )


def test_lines_that_do_not_repeat_in_a_post_without_links_stay_text():
    (post,) = parse_scrape("Заголовок\nпервая\nвторая\nтретья\n🔥1\n").posts
    assert post.text == "Заголовок\nпервая\nвторая\nтретья" and post.preview is None


def test_blank_lines_between_posts_are_ignored():
    (one, two) = parse_scrape("\nПервый\n\n🔥1\n\n\nВторой\n👍2\n\n").posts
    assert (one.text, two.text) == ("Первый", "Второй")


def test_two_posts_with_the_same_words_keep_distinct_keys():
    one, two = parse_scrape("Одинаково\n🔥1\nОдинаково\n🔥2\n").posts
    assert one.key != two.key and two.key == f"{one.key}-2"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#2pr.io #продуктивность", ["2pr.io", "продуктивность"]),
        ("про #Product_Hunt и #genAI.", ["Product_Hunt", "genAI"]),
        ("конец предложения #тег.", ["тег"]),
        ("#Тег и #тег и #ТЕГ", ["Тег"]),
        ("пункт #1 и #2025", []),
        ("https://example.com/page#section и a#b", []),
        ("#ёлка", ["ёлка"]),
    ],
)
def test_hashtags_are_unicode_with_digits_dots_and_underscores(text, expected):
    assert find_hashtags(text) == expected


def test_a_long_first_line_is_cut_at_a_word_for_the_headline():
    headline = make_headline("слово " * 80)
    assert len(headline) <= 200 and headline.endswith("слово…")


def test_a_file_without_reactions_lines_is_not_a_scrape():
    with pytest.raises(ParseError) as caught:
        parse_scrape("Just a text file\nwith two lines\n")
    assert caught.value.line == 1 and "found no reactions line" in caught.value.problem


def test_a_scrape_cut_short_names_the_line_where_the_unfinished_post_starts(seed_text):
    lines = seed_text.split("\n")
    with pytest.raises(ParseError) as caught:
        parse_scrape("\n".join(lines[:20]))
    assert caught.value.line == 11  # "Обновили 2pr.io" starts the post that has no reactions line
    assert "is the file cut short" in caught.value.problem


def test_a_reactions_line_with_no_post_before_it_is_refused():
    with pytest.raises(ParseError) as caught:
        parse_scrape("Пост\n🔥1\n👍2\n")
    assert caught.value.line == 3


def test_the_other_seeds_are_not_mistaken_for_scrapes():
    from tests.seeds import SEEDS

    for name in ("000_0fd3161aa7286deb.txt", "002_fbfd4bd7059abbbb.txt"):
        with pytest.raises(ParseError):
            parse_scrape((SEEDS / name).read_text(encoding="utf-8"))
