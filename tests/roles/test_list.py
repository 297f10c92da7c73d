"""/roles/: cards, filters, facets, sorting, pagination, JSON, CSV and readable 400s."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.models import Section, SkillKind
from tests.seeds import CAIO, RELATED

pytestmark = pytest.mark.django_db

URL = "/roles/"


@pytest.fixture
def roles(role_factory):
    return {
        "scientist": role_factory(
            "Data Scientist",
            skills=["Python", "SQL", ("Communication", SkillKind.SOFT)],
            industries=[("Healthcare", ["Acme Health"]), "Finance"],
            salary=(100_000, 150_000),
            sections=[("Daily work", Section.Kind.OTHER, "- Runs careful experiments")],
        ),
        "engineer": role_factory(
            "ML Engineer",
            skills=["Python", "Docker"],
            industries=["Technology"],
            salary=(120_000, 200_000),
        ),
        "writer": role_factory("Prompt Writer", skills=[("Communication", SkillKind.SOFT)]),
        "analyst": role_factory(
            "Аналитик данных", slug="data-analyst-ru", summary="Ёмкий обзор профессии.", salary=(90_000, 130_000)
        ),
        "hidden": role_factory(
            "Hidden Role",
            skills=["Python", "SQL"],
            industries=["Healthcare"],
            salary=(500_000, 900_000),
            published=False,
        ),
    }


def titles(response):
    assert response.status_code == 200, response.content[:500]
    return [role.title for role in response.context["entries"]]


def test_the_list_shows_published_roles_most_complete_first_as_cards_with_labelled_salary_and_top_skills(client, roles):
    response = client.get(URL)
    # completeness: salary, industries, skills, a section and a summary count; Prompt Writer has least
    assert titles(response) == ["Data Scientist", "ML Engineer", "Аналитик данных", "Prompt Writer"]
    assert [role.completeness for role in response.context["entries"]] == [52, 46, 25, 8]
    page = response.content.decode()
    assert "Hidden Role" not in page
    assert '<span class="meta">Base pay</span> <strong>$100k–$150k</strong>' in page
    assert "US market, 2024, per year" in page and "No salary figures in the source" in page
    assert "Salary range" not in page  # no span joining figures of different labels
    assert 'href="/roles/?skill=python"' in page and 'href="/roles/data-scientist/"' in page
    assert 'name="roles" value="data-scientist"' in page  # the compare checkbox
    assert page.count("<h1") == 1


def test_q_searches_title_summary_and_sections_case_insensitively_in_every_alphabet(client, roles):
    assert titles(client.get(URL, {"q": "engineer"})) == ["ML Engineer"]
    assert titles(client.get(URL, {"q": "EXPERIMENTS"})) == ["Data Scientist"]  # in a section
    assert titles(client.get(URL, {"q": "аналитик"})) == ["Аналитик данных"]
    assert titles(client.get(URL, {"q": "емкий"})) == ["Аналитик данных"]  # ё folds to е
    assert titles(client.get(URL, {"q": "data experiments"})) == ["Data Scientist"]
    assert titles(client.get(URL, {"q": "data docker"})) == []  # every word must appear


def test_skill_is_repeatable_and_keeps_roles_having_all_of_them(client, roles):
    assert titles(client.get(URL, {"skill": "python"})) == ["Data Scientist", "ML Engineer"]
    assert titles(client.get(URL, {"skill": ["python", "sql"]})) == ["Data Scientist"]
    assert titles(client.get(URL, {"skill": ["python", "communication"]})) == ["Data Scientist"]


def test_a_skill_or_industry_that_names_nothing_is_an_empty_list_with_a_notice(client, roles):
    # well-formed, but no such row: not a 400 (one rule for every list; tag=nosuchtag is the same)
    response = client.get(URL, {"skill": ["python", "cobol"]})
    assert response.status_code == 200 and titles(response) == []
    assert "There is no skill called &#x27;cobol&#x27;, so nothing matches it." in response.content.decode()
    body = client.get(URL, {"industry": "mining", "format": "json"}).json()
    assert body["count"] == 0 and body["results"] == []
    assert body["notices"] == ["There is no industry called 'mining', so nothing matches it."]
    assert client.get(URL, {"skill": "python", "format": "json"}).json()["notices"] == []


def test_industry_filters_by_slug(client, roles):
    assert titles(client.get(URL, {"industry": "healthcare"})) == ["Data Scientist"]
    assert titles(client.get(URL, {"industry": "technology", "skill": "python"})) == ["ML Engineer"]


def test_salary_min_keeps_roles_whose_range_reaches_it_and_drops_roles_without_figures(client, roles):
    assert titles(client.get(URL, {"salary_min": "150000"})) == ["Data Scientist", "ML Engineer"]
    assert titles(client.get(URL, {"salary_min": "150001"})) == ["ML Engineer"]
    assert titles(client.get(URL, {"salary_min": "0"})) == ["Data Scientist", "ML Engineer", "Аналитик данных"]


def test_sorting_by_title_or_salary_puts_roles_without_figures_last(client, roles):
    assert titles(client.get(URL, {"sort": "-title"})) == [
        "Аналитик данных",
        "Prompt Writer",
        "ML Engineer",
        "Data Scientist",
    ]
    assert titles(client.get(URL, {"sort": "-salary"})) == [
        "ML Engineer",
        "Data Scientist",
        "Аналитик данных",
        "Prompt Writer",
    ]
    assert titles(client.get(URL, {"sort": "salary"})) == [
        "Аналитик данных",
        "Data Scientist",
        "ML Engineer",
        "Prompt Writer",
    ]
    page = client.get(URL, {"sort": "-salary"}).content.decode()
    assert '<option value="-salary" selected>' in page


def facets(response):
    return {
        group.param: {option.value: (option.count, option.selected) for option in group.options}
        for group in response.context["facets"]
    }


def test_facet_counts_come_from_the_filtered_published_list(client, roles):
    counts = facets(client.get(URL))
    assert counts["skill"] == {
        "python": (2, False),
        "communication": (2, False),
        "sql": (1, False),
        "docker": (1, False),
    }
    assert counts["industry"] == {"healthcare": (1, False), "finance": (1, False), "technology": (1, False)}
    filtered = facets(client.get(URL, {"skill": "python"}))
    assert filtered["skill"]["python"] == (2, True)
    assert filtered["skill"]["sql"] == (1, False)
    assert filtered["industry"] == {"healthcare": (1, False), "finance": (1, False), "technology": (1, False)}
    page = client.get(URL, {"skill": "python"}).content.decode()
    assert 'href="/roles/?skill=python&amp;skill=sql"' in page  # options add to the repeatable parameter


def test_json_lists_roles_with_their_url_salary_skills_and_industries(client, roles):
    body = client.get(URL, {"format": "json", "skill": "python", "page_size": 1}).json()
    assert body["count"] == 2
    assert body["next"] == "http://testserver/roles/?format=json&page=2&page_size=1&skill=python"
    assert body["previous"] is None
    assert body["results"] == [
        {
            "slug": "data-scientist",
            "title": "Data Scientist",
            "url": "http://testserver/roles/data-scientist/",
            "short_name": "",
            "summary": "Data Scientist does things worth describing.",
            "salary_ranges": [
                {
                    "label": "Base pay",
                    "kind": "base",
                    "min": 100_000,
                    "max": 150_000,
                    "currency": "USD",
                    "period": "year",
                    "market": "US",
                    "year": 2024,
                    "note": None,
                }
            ],
            "derived_salary_span": {
                "min": 100_000,
                "max": 150_000,
                "currency": "USD",
                "note": "Derived here, not stated by the source: the lowest minimum and the highest maximum of the "
                "role's salary ranges, whatever their labels (the list's salary filter and sort use it).",
            },
            "completeness": 52,
            "is_possibly_incomplete": False,
            "skills": [
                {"slug": "python", "name": "Python", "kind": "technical"},
                {"slug": "sql", "name": "SQL", "kind": "technical"},
                {"slug": "communication", "name": "Communication", "kind": "soft"},
            ],
            "industries": [{"slug": "healthcare", "name": "Healthcare"}, {"slug": "finance", "name": "Finance"}],
        }
    ]


def test_csv_streams_every_matching_published_row(client, roles):
    response = client.get(URL, {"format": "csv", "page_size": "1"})
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="roles.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["title"] for row in rows] == ["Data Scientist", "ML Engineer", "Аналитик данных", "Prompt Writer"]
    assert rows[0]["salary_ranges"] == "Base pay: $100,000 to $150,000 (US market, 2024, per year)"
    assert (rows[0]["derived_salary_low"], rows[0]["derived_salary_high"]) == ("100000", "150000")
    assert rows[0]["skills"] == "Python; SQL; Communication"
    assert rows[0]["industries"] == "Healthcare; Finance"
    # absolute, like the JSON's and the posts CSV's (the roles CSV used to give the path alone)
    assert rows[0]["url"] == "http://testserver/roles/data-scientist/"
    assert rows[3]["salary_ranges"] == "" and rows[3]["derived_salary_high"] == ""
    filtered = client.get(URL, {"format": "csv", "industry": "healthcare"})
    assert b"".join(filtered.streaming_content).decode().count("\n") == 2


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"skill": "x" * 201}, "skill: Each value is at most 200 characters long."),
        ({"industry": "x" * 201}, "industry: A value is at most 200 characters long."),
        ({"salary_min": "lots"}, "salary_min: Enter a whole number."),
        ({"salary_min": "١٢"}, "salary_min: Enter a whole number."),  # Arabic-Indic digits: int() takes them
        ({"salary_min": "150000.5"}, "salary_min: Enter a whole number."),
        ({"salary_min": "-5"}, "salary_min: Ensure this value is greater than or equal to 0."),
        ({"salary_min": "1e400"}, "salary_min:"),
        ({"sort": "price"}, "sort: Select a valid choice. price is not one of the available choices."),
        ({"format": "xml"}, "format must be one of html, json, csv, not 'xml'."),
        ({"page": "0"}, "page must be a whole number from 1"),
        ({"q": "x" * 201}, "q: Ensure this value has at most 200 characters"),
    ],
)
def test_a_bad_parameter_is_a_readable_400_in_html_and_json(client, roles, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message.replace("'", "&#x27;") in response.content.decode()
    as_json = client.get(URL, {**params, "format": "json"} if "format" not in params else params)
    assert as_json.status_code == 400
    if "format" not in params:
        assert any(message in text for text in as_json.json()["messages"])


def test_pages_hold_twenty_cards_and_a_page_past_the_end_is_404(client, role_factory):
    for i in range(25):
        role_factory(f"Role {i:02d}")
    first = client.get(URL)
    assert len(first.context["entries"]) == 20 and first.context["next_url"] == "/roles/?page=2"
    assert titles(client.get(URL, {"page": 2}))[0] == "Role 20"
    assert client.get(URL, {"page": 3}).status_code == 404


def test_the_seed_filters_as_a_reader_expects(client, imported):
    assert titles(client.get(URL, {"skill": "python"})) == [  # most complete first, then by title
        "AI/ML Developer",
        "AI/ML Engineer",
        "AI Training Specialist",
        "AI/ML DevOps Engineer",
    ]
    assert titles(client.get(URL, {"industry": "healthcare"})) == ["Chief AI Officer"]
    assert titles(client.get(URL, {"salary_min": "300000"})) == ["Chief AI Officer"]
    assert titles(client.get(URL, {"q": "caio"})) == ["Chief AI Officer"]
    assert titles(client.get(URL, {"skill": ["communication", "problem-solving"]})) == [
        "Chief AI Officer",  # the in-depth profile is the most complete: first, not last as A-Z had it
        "AI/ML Engineer",
        "AI Training Specialist",
    ]
    assert titles(client.get(URL, {"sort": "title"}))[-1] == "Chief AI Officer"
    body = client.get(URL, {"format": "json", "sort": "-salary"}).json()
    assert body["results"][0]["slug"] == CAIO and {r["slug"] for r in body["results"][1:]} == set(RELATED)


def test_the_list_stays_within_ten_queries_with_200_roles(client, many_roles, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"skill": ["skill-01", "skill-02"], "sort": "-salary", "q": "bulk"})
        assert response.status_code == 200 and response.context["result_count"] > 0
    with django_assert_max_num_queries(10):
        assert client.get(URL, {"industry": "industry-03", "salary_min": "100000"}).status_code == 200
    with django_assert_max_num_queries(10):
        body = client.get(URL, {"format": "json", "page_size": 500}).json()
        assert body["count"] == 200 and len(body["results"]) == 200
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"format": "csv"})
        assert len(b"".join(response.streaming_content).decode().splitlines()) == 201


def test_the_default_order_walks_the_completeness_index(client, many_roles):
    """`WHERE is_published ORDER BY completeness DESC, title, id` is answered by role_completeness_idx
    (partial, as the filter is), not by sorting every role. PostgreSQL plans 200 rows by a scan and a sort
    (cheaper for so few); told not to, it must find the index usable."""
    from django.db import connection

    from roles.models import Role

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
    plan = Role.objects.published().only("id").by_completeness()[:20].explain()
    assert "role_completeness_idx" in plan


def test_a_search_with_skills_asks_the_index_once_and_keeps_the_roles_having_every_skill(client, many_roles):
    """The skills come from the facets' postings, applied to the ids of the list without them; that list
    shares the page's own answer from the search index."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"q": "bulk", "skill": ["skill-01", "Skill 02"]})
    searches = [q["sql"] for q in queries.captured_queries if " MATCH " in q["sql"] or " @@ " in q["sql"]]
    assert len(searches) == 1
    # role i names skills i to i+5 (modulo 30)
    expected = [r for i, r in enumerate(many_roles) if {1, 2} <= {(i + k) % 30 for k in range(6)}]
    shown = response.context["entries"]
    assert response.context["result_count"] == len(expected)
    assert {role.slug for role in shown} <= {role.slug for role in expected}
