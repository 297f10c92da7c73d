"""The papers table's filters as a reader writes them: values or labels in any case, chips, a page past the end."""

import csv
import io

import pytest

pytestmark = pytest.mark.django_db

PAPERS = "/reviews/ai-medical-imaging-covid-19/papers/"


def references(response):
    return sorted(paper.reference for paper in response.context["entries"])


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ({"modality": "CT"}, {"modality": "ct"}),
        ({"modality": "Cxr"}, {"modality": "cxr"}),
        ({"task": "Severity Assessment"}, {"task": "severity-assessment"}),
        ({"task": "SEVERITY_ASSESSMENT"}, {"task": "severity-assessment"}),
        ({"task": "severity assessment", "maturity": "HIGH"}, {"task": "severity-assessment", "maturity": "high"}),
    ],
)
def test_a_choice_matches_its_value_or_its_label_in_any_case(client, imported, written, canonical):
    response = client.get(PAPERS, written)
    assert response.status_code == 200
    assert references(response) == references(client.get(PAPERS, canonical))
    assert references(response)  # each of these matches some papers


def test_the_chips_name_the_choices_as_the_table_does(client, imported):
    response = client.get(PAPERS, {"modality": "ct", "task": "Severity Assessment", "q": "covid"})
    chips = [(chip.title, chip.label) for chip in response.context["active_filters"]]
    assert chips == [("Search", "“covid”"), ("Task", "Severity assessment"), ("Modality", "CT")]
    remove_task = response.context["active_filters"][1].remove_url
    assert remove_task == f"{PAPERS}?modality=ct&q=covid"


def test_the_papers_json_and_csv_links_carry_the_filters(client, imported):
    context = client.get(PAPERS, {"modality": "CT", "sort": "title"}).context
    assert context["json_url"] == f"{PAPERS}?format=json&modality=CT&sort=title"
    assert context["csv_url"] == f"{PAPERS}?format=csv&modality=CT&sort=title"
    rows = list(csv.DictReader(io.StringIO(b"".join(client.get(context["csv_url"]).streaming_content).decode())))
    assert rows and {row["modality"] for row in rows} == {"ct"}
    assert all(row["url"].startswith(f"http://testserver{PAPERS}") for row in rows)


def test_a_page_past_the_end_of_the_papers_links_to_the_last(client, imported):
    response = client.get(PAPERS, {"page": 2, "format": "json"})
    assert response.status_code == 404
    assert response.json()["messages"] == ["There is no page 2: this list has 1 page."]
    assert response.json()["last_page"] == f"http://testserver{PAPERS}?format=json"
