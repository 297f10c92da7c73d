"""Time every page and count its queries.

Run by bench/run.py with the environment of one database, against the gunicorn it started:

    python bench/measure.py --server http://127.0.0.1:8765 --mode warm --repeat 30 --out bench/out/sqlite-warm.json

Each page is requested over HTTP from the running server (gunicorn with production settings;
without --server, in-process with Django's test client), one request at a time, and timed
from the request to the last byte of the body. Modes:

  warm    the same URL again and again (after --warmup requests): the cache as a deployment has it
  cold    each request a new filter value: a list's URL gets a parameter no filter reads
          (`cold=<n>`) but that, like any filter value, makes a new cache key, so its count,
          facets and search results are computed again; for /search/ (cached per query text)
          the collections' versions are changed instead. What is kept per collection version
          (the facets' postings, kb_site.postings) stays, as it does between two readers.
  change  every collection's version changed before each request (kb_site.cache.bump_all): the
          first reader after an edit or an import, everything computed again.

Queries are counted on one more request, in-process. Writes {vendor, version, mode, load,
pages: [{name, url, status, p50, p95, max, queries, bytes}]}.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb_site.settings")

import django  # noqa: E402

django.setup()

import urllib.error  # noqa: E402
import urllib.request  # noqa: E402
from urllib.parse import quote  # noqa: E402

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils.http import urlencode  # noqa: E402

from kb_site.cache import bump_all  # noqa: E402
from posts.models import Hashtag, Post  # noqa: E402
from reviews.models import Paper, Review  # noqa: E402
from roles.models import Industry, Role, Skill  # noqa: E402


def url(path, **params):
    return f"{path}?{urlencode(params, doseq=True)}" if params else path


def pages():
    """(name, url) for every page the budgets cover, with filter values taken from the data."""
    common_tags = list(Hashtag.objects.with_post_counts().order_by("-post_count").values_list("slug", flat=True)[:2])
    rare_tag = Hashtag.objects.with_post_counts().order_by("post_count", "slug").values_list("slug", flat=True)[0]
    post = Post.objects.published().order_by("-position").only("pk")[Post.objects.count() // 2]
    skills = list(Skill.objects.all().order_by("name").values_list("slug", flat=True))
    common_skills = sorted(skills, key=lambda s: -Role.objects.filter(skills__slug=s).count())[:2]
    industry = Industry.objects.order_by("name").values_list("slug", flat=True)[0]
    role = Role.objects.published().order_by("slug")[Role.objects.count() // 2]
    review = Review.objects.published().order_by("-pk").first()  # the generated one: 10k papers
    papers = f"/reviews/{review.slug}/papers/"
    paper = Paper.objects.filter(review=review).order_by("reference")[100]
    n_posts = Post.objects.published().count()
    deep_posts = max(1, n_posts // 20 - 5)
    deep_roles = max(1, Role.objects.published().count() // 20 - 5)
    deep_papers = max(1, Paper.objects.filter(review=review).count() // 20 - 5)
    return [
        ("home", "/"),
        ("posts list", "/posts/"),
        ("posts: 1 facet (tag)", url("/posts/", tag=common_tags[0])),
        ("posts: 2 facets (tag+reaction)", url("/posts/", tag=common_tags[0], reaction="🔥")),
        ("posts: 2 tags", url("/posts/", tag=common_tags[:2])),
        ("posts: forwarded", url("/posts/", forwarded="true")),
        ("posts: min_reactions", url("/posts/", min_reactions=20)),
        ("posts: sorted by reactions", url("/posts/", sort="reactions")),
        ("posts: deep page", url("/posts/", page=deep_posts)),
        ("posts: q common (ru)", url("/posts/", q="стартап")),
        ("posts: q common (en)", url("/posts/", q="model")),
        ("posts: q rare (ru)", url("/posts/", q="лидмагнитом")),
        ("posts: q rare (en)", url("/posts/", q="Grok")),
        ("posts: q two words + tag", url("/posts/", q="команда рынок", tag=common_tags[0])),
        ("posts: q phrase -word", url("/posts/", q='"модель данные" -венчур')),
        ("post detail", post.get_absolute_url()),
        ("tag index", "/posts/tags/"),
        ("tag page (rare)", f"/posts/tags/{rare_tag}/"),
        ("RSS feed", "/posts/feed/"),
        ("posts JSON", url("/posts/", format="json")),
        ("posts JSON export (page_size 500)", url("/posts/", format="json", page_size=500)),
        ("posts CSV (rare tag)", url("/posts/", format="csv", tag=rare_tag)),
        ("roles list", "/roles/"),
        ("roles: 1 facet (skill)", url("/roles/", skill=common_skills[0])),
        ("roles: 2 facets (skill+industry)", url("/roles/", skill=common_skills[0], industry=industry)),
        ("roles: salary_min", url("/roles/", salary_min=200000)),
        ("roles: sorted by salary", url("/roles/", sort="-salary")),
        ("roles: deep page", url("/roles/", page=deep_roles)),
        ("roles: q common", url("/roles/", q="data")),
        ("roles: q rare", url("/roles/", q="kubernetes")),
        ("roles: q + skill facet", url("/roles/", q="governance", skill=common_skills[0])),
        ("role detail", role.get_absolute_url()),
        ("roles compare", url("/roles/compare/", roles=[role.slug, "chief-ai-officer"])),
        ("skill index", "/roles/skills/"),
        ("skill page", f"/roles/skills/{common_skills[0]}/"),
        ("skill match (3 skills)", url("/roles/match/", skill=common_skills[:3])),
        ("roles JSON", url("/roles/", format="json")),
        ("roles JSON export (page_size 500)", url("/roles/", format="json", page_size=500)),
        ("roles CSV (1 facet)", url("/roles/", format="csv", skill=common_skills[-1], industry=industry)),
        ("papers list", papers),
        ("papers: 1 facet (task)", url(papers, task="diagnosis")),
        ("papers: 2 facets (task+modality)", url(papers, task="diagnosis", modality="cxr")),
        ("papers: sorted", url(papers, sort="-first_author")),
        ("papers: deep page", url(papers, page=deep_papers)),
        ("papers: q common", url(papers, q="learning")),
        ("papers: q rare", url(papers, q="Ouyang")),
        ("papers: q + task", url(papers, q="segmentation", task="diagnosis")),
        ("paper detail", paper.get_absolute_url()),
        ("review overview", "/reviews/ai-medical-imaging-covid-19/"),
        ("papers JSON", url(papers, format="json")),
        ("papers JSON export (page_size 500)", url(papers, format="json", page_size=500)),
        ("papers CSV (2 facets)", url(papers, format="csv", task="prognosis", modality="lus")),
        ("search: common (en)", url("/search/", q="model")),
        ("search: rare (en)", url("/search/", q="kubernetes")),
        ("search: common (ru)", url("/search/", q="стартап")),
        ("search: rare (ru)", url("/search/", q="Линкедине")),
        ("search: two words", url("/search/", q="data strategy")),
        ("search: one collection, page 2", url("/search/", q="model", collection="posts", page=2)),
    ]


def timed_get(client, target):
    started = time.perf_counter()
    response = client.get(target)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return (time.perf_counter() - started) * 1000, response.status_code, len(body)


def timed_http(server, target):
    started = time.perf_counter()
    url = server + quote(target, safe="/?&=%+-_.~")
    try:
        with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 (the bench's own server)
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    return (time.perf_counter() - started) * 1000, status, len(body)


def with_cold(target, n):
    return f"{target}{'&' if '?' in target else '?'}cold={n}"


def measure(repeat, warmup, mode, server=None, only=()):
    client = Client()
    results = []
    serial = 0
    for name, target in pages():
        if only and not any(part in name for part in only):
            continue
        searched = target.startswith("/search/")
        for _ in range(warmup):
            timed_get(client, target) if server is None else timed_http(server, target)
        times = []
        for _ in range(repeat):
            serial += 1
            wanted = target
            if mode == "change" or (mode == "cold" and searched):
                bump_all()
            elif mode == "cold":
                wanted = with_cold(target, serial)
            elapsed, status, size = timed_get(client, wanted) if server is None else timed_http(server, wanted)
            times.append(elapsed)
        with CaptureQueriesContext(connection) as queries:
            timed_get(client, target)
        times.sort()
        results.append(
            {
                "name": name,
                "url": target,
                "status": status,
                "p50": statistics.median(times),
                "p95": times[max(0, round(0.95 * len(times)) - 1)],
                "max": times[-1],
                "queries": len(queries),
                "bytes": size,
            }
        )
        print(f"{name:36} {status} p50 {results[-1]['p50']:8.1f} ms  p95 {results[-1]['p95']:8.1f} ms  "
              f"{len(queries):3} queries", flush=True)  # fmt: skip
    return results


def cpu_speed():
    """Milliseconds for a fixed loop of Python additions: how fast this machine's CPU is right now. The
    machine is shared: the same loop took from 123 to 224 ms within one benchmark run here, at load ~1."""
    started = time.perf_counter()
    total = 0
    for i in range(3_000_000):
        total += i
    return round((time.perf_counter() - started) * 1000)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--mode", choices=("warm", "cold", "change"), default="warm", help="See the docstring.")
    parser.add_argument("--server", help="Time requests to this running server (http://host:port).")
    parser.add_argument("--out", help="Where to write the figures (JSON).")
    parser.add_argument(
        "--only", action="append", default=[], help="Only the pages whose name holds this (repeatable)."
    )
    parser.add_argument("--list-urls", action="store_true", help="Only print the pages' URLs, one per line.")
    args = parser.parse_args()
    if args.list_urls:
        for _, target in pages():
            print(target)
        return
    if not args.out:
        parser.error("--out is required")
    load_before, speed_before = os.getloadavg()[0], cpu_speed()
    results = measure(args.repeat, args.warmup, args.mode, args.server, args.only)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        import sqlite3

        version = f"SQLite {sqlite3.sqlite_version}"
    load = [round(load_before, 1), round(os.getloadavg()[0], 1)]  # 1-minute load average, before and after
    speed = [speed_before, cpu_speed()]  # the reference loop's milliseconds, before and after
    body = {"vendor": connection.vendor, "version": version, "mode": args.mode, "load": load, "cpu_ms": speed}
    body["pages"] = results
    Path(args.out).write_text(json.dumps(body, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
