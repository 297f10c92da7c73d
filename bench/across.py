"""Time the pages that carry an "Across the knowledge base" panel, warm and cold, and count their queries.

    KB_SQLITE_PATH=bench/out/bench-sqlite.sqlite3 python bench/across.py --sample 20 --repeat 20
    DATABASE_URL=postgres://…/kb_bench python bench/across.py

Run it on a database that bench/run.py (or `generate_demo_data`) built: 100k posts, 10k roles,
10k papers. For each kind of page (role, post, paper, the review overview; HTML and JSON) it takes
`--sample` entries spread over the table, requests each once cold (the cache cleared first: the panel
is computed, one query per other collection) and `--repeat` times warm, and prints server-time p50 and
p95 and the most queries one request made, cold and warm. Budgets: p95 <= 50 ms warm, <= 10 queries.
"""

import argparse
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

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from posts.models import Post  # noqa: E402
from reviews.models import Paper, Review  # noqa: E402
from roles.models import Role  # noqa: E402


def spread(queryset, n):
    """`n` entries spread evenly over the queryset (its ids in order)."""
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    step = max(1, len(ids) // n)
    return list(queryset.filter(pk__in=ids[::step][:n]))


def kinds(sample):
    papers = Paper.objects.published().select_related("review")
    return {
        "role": [r.get_absolute_url() for r in spread(Role.objects.published(), sample)],
        "post": [p.get_absolute_url() for p in spread(Post.objects.published(), sample)],
        "paper": [p.get_absolute_url() for p in spread(papers, sample)],
        "review overview": [r.get_absolute_url() for r in Review.objects.published().exclude(origin="generated")],
        # The generated review holds all 10k papers: its JSON lists them (the panel is a small part of it).
        "review overview, 10k papers": [r.get_absolute_url() for r in Review.objects.filter(origin="generated")],
    }


def timed(client, url):
    connection.queries_log.clear()  # CaptureQueriesContext counts within the log's last 9,000 queries
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(queries)


def p95(times):
    times = sorted(times)
    return times[max(0, round(0.95 * len(times)) - 1)]


def measure(urls, repeat):
    client = Client()
    cold, warm, cold_queries, warm_queries = [], [], 0, 0
    for url in urls:
        cache.clear()
        elapsed, queries = timed(client, url)
        cold.append(elapsed)
        cold_queries = max(cold_queries, queries)
        for _ in range(repeat):
            elapsed, queries = timed(client, url)
            warm.append(elapsed)
            warm_queries = max(warm_queries, queries)
    return cold, warm, cold_queries, warm_queries


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", type=int, default=20, help="entries of each kind (default 20)")
    parser.add_argument("--repeat", type=int, default=20, help="warm requests of each page (default 20)")
    args = parser.parse_args()
    counts = f"{Post.objects.count():,} posts, {Role.objects.count():,} roles, {Paper.objects.count():,} papers"
    print(f"{connection.vendor}: {counts}; {args.sample} entries of each kind, {args.repeat} warm requests each\n")
    print("| page | warm p50 | warm p95 | cold p50 | cold p95 | queries warm / cold |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind, urls in kinds(args.sample).items():
        for fmt, suffix in (("HTML", ""), ("JSON", "?format=json")):
            cold, warm, cold_q, warm_q = measure([url + suffix for url in urls], args.repeat)
            ok = "✅" if p95(warm) <= 50 and max(cold_q, warm_q) <= 10 else "❌"
            print(
                f"| {kind} ({fmt}) | {statistics.median(warm):.1f} ms | {p95(warm):.1f} ms {ok} | "
                f"{statistics.median(cold):.1f} ms | {p95(cold):.1f} ms | {warm_q} / {cold_q} |"
            )


if __name__ == "__main__":
    main()
