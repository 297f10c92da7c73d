"""Parsed blocks become markdown that renders to the page's structure, and nothing in the text is read as markup."""

from kb_site.markup import render_markdown
from roles.markdown_text import inline, section_markdown
from roles.parsers import ItemList, ListItem, Paragraph, Section, Subsection


def test_bold_stays_emphasis_and_other_markup_characters_stay_text():
    html = render_markdown(inline("**Skill Gap**: use *care* with <script>x</script> and [links](http://x) _now_"))
    assert "<strong>Skill Gap</strong>" in html
    assert "*care*" in html and "_now_" in html and "[links](http://x)" in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_text_that_looks_like_a_list_or_heading_marker_stays_a_paragraph():
    for text in ("1. Not a list", "- not a bullet", "# not a heading", "+ plus"):
        html = render_markdown(inline(text))
        assert html.startswith("<p>") and "<li>" not in html and "<h" not in html, html


def test_a_section_renders_sub_headings_as_h3_and_nested_lists():
    section = Section(
        heading="Pay",
        kind="salary",
        blocks=[Paragraph("Intro:")],
        subsections=[
            Subsection(
                "Breakdown",
                [
                    ItemList(
                        True, [ListItem("Base:", [ItemList(False, [ListItem("Range: $1 to $2")])]), ListItem("Bonus")]
                    )
                ],
            )
        ],
    )
    html = render_markdown(section_markdown(section))
    assert html.startswith("<p>Intro:</p>")
    assert "<h3>Breakdown</h3>" in html
    assert "<ol>\n<li>Base:<ul>\n<li>Range: $1 to $2</li>\n</ul>\n</li>\n<li>Bonus</li>\n</ol>" in html


def test_an_ordered_list_keeps_its_first_number():
    html = render_markdown(section_markdown(Section("S", "other", blocks=[ItemList(True, [ListItem("x")], start=3)])))
    assert '<ol start="3">' in html
