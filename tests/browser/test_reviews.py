"""The review in Chromium: a reader filters the papers, opens the overview, reads it on a phone."""

import re

REVIEW = "On the Role of Artificial Intelligence in Medical Imaging of COVID-19"


def test_a_reader_filters_the_papers_and_opens_the_overview(web, seeded):
    page = web.page
    web.goto("/reviews/")
    page.get_by_role("link", name=REVIEW).click()
    page.wait_for_url("**/reviews/ai-medical-imaging-covid-19/")
    page.get_by_role("navigation", name="This review").get_by_role("link", name="Papers").click()
    page.wait_for_url("**/papers/")
    rows = page.locator("table.papers-table tbody tr")
    assert rows.count() == 13

    page.get_by_role("combobox", name="Task").select_option("severity-assessment")  # submits itself (site.js)
    page.wait_for_url("**/papers/?*task=severity-assessment*")
    assert rows.count() == 4
    page.get_by_role("complementary", name="Filter the papers").get_by_role("link", name=re.compile(r"^CXR")).click()
    page.wait_for_url("**modality=cxr*")
    assert rows.count() == 1
    assert rows.first.locator("th").inner_text().startswith("Determination of disease severity")
    assert page.get_by_role("status").inner_text().startswith("1 paper match")
    page.get_by_role("link", name="Title").click()  # sorting keeps the filters
    page.wait_for_url("**sort=title*")
    assert "task=severity-assessment" in page.url and rows.count() == 1
    web.screenshot("reviews-papers-filtered")
    web.assert_accessible()

    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name=re.compile("^On the Role")).click()
    page.wait_for_url("**/reviews/ai-medical-imaging-covid-19/")
    assert page.locator("h1").inner_text() == REVIEW
    charts = page.locator("figure.bar-chart svg[role=img]")
    assert charts.count() == 5 and charts.first.is_visible()
    assert page.get_by_role("button", name="Copy the citation").is_visible()  # shown by site.js
    page.get_by_text("Show the numbers").first.click()
    assert page.get_by_role("table", name=re.compile("clinical papers versus AI papers")).is_visible()
    web.screenshot("reviews-overview")
    web.assert_accessible()

    included = page.get_by_role("link", name="338 records selected for meta-analysis: the papers table")
    included.click()  # the PRISMA flow's included box leads to the papers table
    page.wait_for_url("**/reviews/ai-medical-imaging-covid-19/papers/")
    assert rows.count() == 13
    web.assert_no_console_errors()


def test_the_review_reads_on_a_phone_in_dark_mode(web_mobile_dark, seeded):
    web = web_mobile_dark
    for path, name in (
        ("/reviews/", "reviews-list-phone-dark"),
        ("/reviews/ai-medical-imaging-covid-19/", "reviews-overview-phone-dark"),
        ("/reviews/ai-medical-imaging-covid-19/papers/", "reviews-papers-phone-dark"),
        ("/reviews/ai-medical-imaging-covid-19/modalities/", "reviews-modalities-phone-dark"),
        (
            "/reviews/ai-medical-imaging-covid-19/papers/zhou-a-rapid-accurate-and-machine-agnostic-segmentation-and/",
            "reviews-paper-phone-dark",
        ),
    ):
        web.goto(path)
        assert web.page.evaluate("document.documentElement.scrollWidth") <= 390, f"{path} scrolls sideways"
        web.screenshot(name)
        web.assert_accessible()
    web.assert_no_console_errors()
