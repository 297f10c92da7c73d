"""The hostile corpus: small files built here, in every format the importers read, and the checks
that nothing executable or unstorable comes out of the site's public surfaces.

Builders write into a pytest tmp_path; nothing large is kept in the repository. The vectors:

* XSS: markup, event handlers and script-carrying URL schemes in every imported field;
* URL schemes a browser would run or leave the site by (javascript:, data:, vbscript: …, in
  mixed case, with leading spaces or a tab inside), in every field that becomes a link;
* control characters XML 1.0 and PostgreSQL reject (NUL, vertical tab, lone surrogates …);
* formula cells for the CSV exports (=, +, -, @, tab, CR);
* deep nesting, over-long values, bad dates and ids, empty, binary, truncated and wrongly
  encoded files.
"""

import hashlib
import json
import re
from html.parser import HTMLParser

from django.apps import apps

from kb_site.text import SAFE_URL_SCHEMES
from tests.seeds import REVIEW_SEED, ROLE_SEED, side_file

XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>\"'><svg/onload=alert(1)>"
BAD_URLS = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "javascript://%0aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
)
CONTROLS = "\x00\x01\x08\x0b\x0c\x1f\ufffe\uffff"  # and a lone surrogate, which only JSON can carry
TEXT_CONTROLS = CONTROLS.replace("\x00", "")  # a NUL makes a text file binary: refused (test_rejected_sources)
FORMULAS = ("=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(1+1)")
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# Telegram Desktop exports ------------------------------------------------------------------------


def message(id, text, **fields):  # noqa: A002
    return {"id": id, "type": "message", "date_unixtime": str(1735689600 + id * 60), "text": text, **fields}


def export_bytes(messages, *, name="Hostile channel", channel_id=4242):
    header = {"name": name, "type": "public_channel", "id": channel_id}
    body = json.dumps({**header, "messages": messages}, ensure_ascii=True)
    return body.encode("utf-8")


def write(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def hostile_messages():
    """Messages with a hostile value in every field an import reads, each still a message an import accepts."""
    links = [{"type": "text_link", "text": f"link {n}", "href": url} for n, url in enumerate(BAD_URLS)]
    return [
        message(
            1,
            [
                f"Headline {XSS}{CONTROLS}\ud800 ",
                *links,
                " ",
                {"type": "url", "text": "javascript://%0aalert(1)"},
                " ",
                {"type": "link", "text": "data:text/html,x"},
                " ",
                {"type": "text_link", "text": "a good link", "href": "https://example.com/ok"},
                " ",
                {"type": "mention", "text": "@someone"},
                " ",
                {"type": "hashtag", "text": "#ok_tag"},
                {"type": "bold", "text": XSS},
            ],
            forwarded_from=f"{XSS}{CONTROLS}",
            media_type="<b>video</b>",
            photo="(File not included.)",
            file_name=XSS,
            reactions=[
                {"type": "emoji", "count": 3, "emoji": "<script>"},
                {"type": "custom_emoji", "count": 2, "document_id": "<img src=x>"},
            ],
        ),
        message(2, FORMULAS[0] + "\nsecond line", forwarded_from=FORMULAS[1]),
        message(3, f"{FORMULAS[2]} {FORMULAS[3]} {FORMULAS[4]}\tand a tab"),
        message(4, "Long " + "слово " * 4000),  # 24,005 characters: cut to 16,384
        message(5, ["A tag too long to be one: ", {"type": "hashtag", "text": "#" + "x" * 150}]),
        message(6, "Forwarded from a long name", forwarded_from="N" * 500),
        message(7, 'https://example.com/"><script>alert(1)</script> and javascript:alert(1) in words'),
    ]


def hostile_meta():
    return {"channel": {"name": f"{XSS}{CONTROLS}", "handle": '"><script>', "link": "javascript:alert(1)"}}


# Mirror scrapes, role pages, reviews ----------------------------------------------------------------


def hostile_scrape():
    """A mirror scrape of two posts with XSS, script URLs, controls and formulas, and a hostile link preview."""
    return (
        f"{FORMULAS[0]} {XSS}\n"
        f"Second line javascript:alert(1) https://example.com/a {TEXT_CONTROLS}\n"
        "Second line javascript:alert(1) https://example.com/a\n"
        f"example.com {XSS}\n"
        f"Preview title {XSS}\n"
        f"Preview description {XSS}\n"
        "🔥3\n"
        "#тег <img src=x onerror=alert(1)> https://example.com/b\n"
        "👍1\n"
    )


def hostile_role_page():
    """The role seed with hostile text in a bullet, a heading and a paragraph."""
    text = ROLE_SEED.read_text(encoding="utf-8")
    text = text.replace(
        "  • Sets and leads the overall AI strategy, aligning it with company objectives",
        f'  • Sets {XSS} [x](javascript:alert(1)) <a href="javascript:alert(1)">y</a> {TEXT_CONTROLS} strategy',
        1,
    )
    text = text.replace("Strategic Leadership\n", f"Strategic Leadership {XSS}\n", 1)
    return text.replace("The role of a Chief AI Officer", f"The role {FORMULAS[0]} of a Chief AI Officer {XSS}", 1)


def review_files(directory, *, meta_changes=None, mapping=None, text=None):
    """The review seed and its side files copied into `directory`, the metadata changed as asked."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / REVIEW_SEED.name
    write(target, text if text is not None else REVIEW_SEED.read_text(encoding="utf-8"))
    meta = json.loads(side_file(REVIEW_SEED, "meta").read_text(encoding="utf-8"))
    meta.update(meta_changes or {})
    write(target.with_name(target.stem + ".meta.json"), meta if isinstance(meta, bytes) else json.dumps(meta))
    mapping_path = target.with_name(target.stem + ".mapping.json")
    seed_mapping = side_file(REVIEW_SEED, "mapping").read_bytes()
    write(mapping_path, mapping if mapping is not None else seed_mapping)
    return target


def hostile_review_meta():
    return {
        "title": f"On the Role {XSS}{CONTROLS}",
        "authors": [{"family": f"Born{XSS}", "given": "<b>J</b>"}, {"family": FORMULAS[0], "given": ""}],
        "url": "javascript:alert(1)",
        "licence_url": "data:text/html,<script>alert(1)</script>",
        "version_note": XSS,
    }


def deep(depth):
    return "[" * depth + "]" * depth


# The database, before and after --------------------------------------------------------------------


def database_state():
    """Every row of the three collections (and their count), as a checksum per model."""
    state = {}
    for label in ("posts", "roles", "reviews"):
        for model in apps.get_app_config(label).get_models():
            rows = list(model.objects.order_by("pk").values_list())
            state[model._meta.label] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return state


# The surfaces ---------------------------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "xlink:href", "data", "background"}


def scheme_of(value):
    """The scheme a browser reads in an attribute value (it drops tabs, newlines and leading controls)."""
    squeezed = re.sub(r"[\t\n\r]", "", value).lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10 ")
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", squeezed)
    return match.group(1).lower() if match else None


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>: an event handler")
            elif name in URL_ATTRIBUTES and value is not None:
                scheme = scheme_of(value)
                if scheme is not None and scheme not in SAFE_URL_SCHEMES:
                    self.problems.append(f"<{tag} {name}={value!r}>: a {scheme}: URL")
                if value.strip().startswith("//") or value.strip().startswith("/\\"):
                    self.problems.append(f"<{tag} {name}={value!r}>: a link to another host without a scheme")
        if tag == "script" and not (dict(attrs).get("src") or "").startswith("/static/"):
            self.problems.append("<script> that is not one of the site's own files")


def html_problems(text):
    parser = _Attributes()
    parser.feed(text)
    parser.close()
    return parser.problems + control_problems(text)


def control_problems(text):
    found = UNSTORABLE.search(text)
    return [f"a raw control character {found.group()!r} at {found.start()}"] if found else []


def json_problems(value, key=""):
    """URLs in JSON (keys "url", "link", "href", "…_url", "…_urls") and HTML in JSON ("…_html") checked."""
    problems = []
    if isinstance(value, dict):
        for name, item in value.items():
            problems += json_problems(item, name)
    elif isinstance(value, list):
        for item in value:
            problems += json_problems(item, key)
    elif isinstance(value, str):
        problems += control_problems(value)
        if key in ("url", "link", "href") or key.endswith(("_url", "_urls")):
            scheme = scheme_of(value)
            if (scheme is not None and scheme not in SAFE_URL_SCHEMES) or value.startswith("//"):
                problems.append(f"{key}: {value!r}")
        if key.endswith("_html"):
            problems += html_problems(value)
    return problems


FORMULA_START = tuple("=+-@\t\r")


def csv_problems(text, *, formulas=False):
    """Control characters anywhere; script URLs in URL columns; with `formulas`, cells that start a formula."""
    import csv
    import io

    problems = control_problems(text)
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0] if rows else []
    for row in rows[1:]:
        for name, cell in zip(header, row, strict=False):
            scheme = scheme_of(cell)
            if ("url" in name or "link" in name) and scheme is not None and scheme not in SAFE_URL_SCHEMES:
                problems.append(f"{name}: {cell!r}")
            if formulas and cell.startswith(FORMULA_START):
                problems.append(f"{name}: a formula cell {cell[:40]!r}")
    return problems
