"""Query counts stay small when the tables grow: 10,000 posts, 500 roles, 500 papers."""

import pytest
from django.core.management import call_command

from posts.models import Hashtag, Post
from reviews.models import Paper
from roles.models import Role, Skill

pytestmark = pytest.mark.django_db

LIMIT = 10


@pytest.fixture
def large():
    call_command("import_seeds", verbosity=0)
    call_command("generate_demo_data", roles=500, posts=10_000, papers=500, seed=5, verbosity=0)


def pages():
    tag = Hashtag.objects.with_post_counts().order_by("-post_count").first()
    rare = Hashtag.objects.with_post_counts().order_by("post_count").first()
    skill = Skill.objects.order_by("-role_skills__role").first()
    paper = Paper.objects.filter(origin="generated").first()
    papers = f"/reviews/{paper.review.slug}/papers/"
    return [
        "/",
        "/posts/",
        f"/posts/?tag={tag.slug}",
        f"/posts/?tag={tag.slug}&tag={rare.slug}",
        f"/posts/?tag={tag.slug}&reaction=🔥",
        "/posts/?forwarded=true&min_reactions=5",
        "/posts/?q=стартап&sort=reactions",
        "/posts/?page=400",
        "/posts/?sort=source&show_all=tag",
        "/posts/?format=json&page_size=500",
        f"/posts/tags/{tag.slug}/",
        "/posts/tags/",
        "/posts/feed/",
        "/posts/feed/atom/",
        Post.objects.filter(origin="generated").order_by("position")[5000].get_absolute_url(),
        "/roles/",
        f"/roles/?skill={skill.slug}&salary_min=150000&sort=-salary",
        "/roles/?page=20&format=json",
        "/roles/?show_all=skill&skill=python",
        Role.objects.filter(origin="generated").first().get_absolute_url(),
        "/roles/compare/",
        "/roles/compare/?roles={}&roles={}".format(
            *Role.objects.filter(origin="generated").values_list("slug", flat=True)[:2]
        ),
        "/roles/skills/",
        f"/roles/match/?skill=python&skill={skill.slug}&skill=cobol&role=chief-ai-officer&page=3",
        papers,
        f"{papers}?task=diagnosis&modality=cxr&sort=-first_author",
        f"{papers}?format=json&page_size=500",
        paper.get_absolute_url(),
        "/search/?q=стартап",
    ]


def test_every_list_and_page_makes_at_most_ten_queries_with_ten_thousand_posts(
    client, large, django_assert_max_num_queries
):
    for path in pages():
        for attempt in ("cold cache", "warm cache"):
            with django_assert_max_num_queries(LIMIT, info=f"{path} ({attempt})"):
                response = client.get(path)
            assert response.status_code == 200, path
