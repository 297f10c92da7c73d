"""/roles/ as a demanding reader filters it: every skill reachable from the facet, the filters in force as
chips, skills and industries by name in any case, and a page past the end that leads back."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/roles/"


def facet(response, param):
    return next(group for group in response.context["facets"] if group.param == param)


def test_the_skills_facet_says_it_shows_30_of_52_and_show_all_reaches_every_skill(client, imported):
    skills = facet(client.get(URL), "skill")
    assert len(skills.options) == 30 and skills.total == 52  # C/C++ is C++, Microsoft Azure is Azure
    assert skills.show_all_url == "/roles/?show_all=skill"
    response = client.get(URL, {"show_all": "skill"})
    every = facet(response, "skill")
    names = [option.label for option in every.options]
    assert len(names) == 52 and {"Leadership", "Docker", "SQL"} <= set(names)
    assert all(option.count >= 1 for option in every.options)
    assert "Show fewer" in response.content.decode()


def test_a_skill_chosen_from_the_whole_list_is_a_chip_and_stays_in_the_facet(client, imported):
    response = client.get(URL, {"skill": "docker"})
    chips = [(chip.title, chip.label, chip.remove_url) for chip in response.context["active_filters"]]
    assert chips == [("Skills", "Docker", "/roles/")]
    assert [o.label for o in facet(response, "skill").options if o.selected] == ["Docker"]


@pytest.mark.parametrize(
    ("params", "titles"),
    [
        ({"skill": "Machine Learning"}, ["AI/ML Developer"]),
        ({"skill": "MACHINE-LEARNING"}, ["AI/ML Developer"]),
        ({"skill": "c++"}, ["AI/ML Developer", "AI/ML Engineer"]),  # the engineer's source says C/C++
        ({"skill": "azure"}, ["AI/ML DevOps Engineer", "AI/ML Developer"]),  # the developer's: Microsoft Azure
        ({"skill": "Microsoft Azure"}, ["AI/ML DevOps Engineer", "AI/ML Developer"]),  # an alias is its skill
        ({"skill": ["C/C++", "python"]}, ["AI/ML Developer", "AI/ML Engineer"]),
        ({"skill": ["Python", "sql"]}, ["AI/ML Developer"]),
        ({"industry": "HEALTHCARE"}, ["Chief AI Officer"]),
        ({"industry": "Financial Services"}, ["Chief AI Officer"]),
    ],
)
def test_skills_and_industries_match_their_name_or_slug_in_any_case(client, imported, params, titles):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert sorted(role.title for role in response.context["entries"]) == titles
    assert response.context["notices"] == []


def test_an_alias_is_a_chip_with_the_skills_name(client, imported, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"skill": ["C/C++", "cobol"]})
    assert [chip.label for chip in response.context["active_filters"]] == ["C++", "cobol"]
    assert response.context["notices"] == ["There is no skill called 'cobol', so nothing matches it."]


def test_a_name_no_skill_has_is_a_notice_naming_it(client, imported):
    response = client.get(URL, {"skill": "COBOL"})
    assert response.status_code == 200
    assert response.context["notices"] == ["There is no skill called 'cobol', so nothing matches it."]
    assert [chip.label for chip in response.context["active_filters"]] == ["COBOL"]


def test_the_sort_matches_in_any_case(client, imported):
    response = client.get(URL, {"sort": "-SALARY"})
    assert response.context["entries"][0].title == "Chief AI Officer"


def test_a_page_past_the_end_links_to_the_last_page(client, imported):
    response = client.get(URL, {"page": 4, "skill": "python"})
    assert response.status_code == 404
    assert "There is no page 4: this list has 1 page." in response.content.decode()
    body = client.get(URL, {"page": 4, "skill": "python", "format": "json"}).json()
    assert body["num_pages"] == 1 and body["last_page"] == "http://testserver/roles/?format=json&skill=python"
