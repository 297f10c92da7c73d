"""Where the data comes from: listed on the home page from the data itself, linked from every footer."""

import pytest
from django.core.management import call_command

from reviews.models import Review

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("import_seeds", verbosity=0)


def sources(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode().split('id="sources"')[1].split("</section>")[0]


def test_the_home_page_names_each_collections_sources_from_the_data(client, seeded):
    text = sources(client)
    assert "Career profiles: Chief AI Officer in depth, and 4 related careers" in text
    assert "Posts: 16 posts of the Telegram channel <cite>2pr.io founder&#x27;s channel</cite>" in text
    assert (
        "Review: Born et al., <cite>On the Role of Artificial Intelligence in Medical Imaging of COVID-19</cite>"
        in text
    )
    assert "medRxiv, version posted 18 November 2020" in text
    assert '<a href="https://doi.org/10.1101/2020.09.02.20187096" rel="noopener noreferrer nofollow">' in text
    assert '<a href="https://creativecommons.org/licenses/by-nc-nd/4.0/" rel="noopener noreferrer nofollow">' in text


def test_the_sources_follow_the_data_not_the_template(client, seeded):
    Review.objects.update(title="A retitled review", licence="CC BY 4.0", licence_url="javascript:alert(1)")
    text = sources(client)
    assert "<cite>A retitled review</cite>" in text
    assert "licensed CC BY 4.0" in text and "javascript:" not in text  # a hostile licence URL is text, not a link
    assert "On the Role of Artificial Intelligence" not in text


def test_an_empty_knowledge_base_says_it_holds_nothing_yet(client):
    assert "It holds no published entries yet." in sources(client)


def test_every_pages_footer_leads_to_the_sources(client, seeded):
    for path in ("/", "/roles/", "/posts/", "/reviews/", "/search/?q=ai", "/no/such/page/"):
        assert 'href="/#sources"' in client.get(path).content.decode(), path
