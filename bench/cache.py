"""Which shared cache, when REDIS_URL is unset: time Django cache backends as the site uses them.

    python bench/cache.py [--out bench/out/cache.json]

Two processes (as gunicorn's two workers) each do, for a few thousand keys, what a
request does: a `get` that misses and a `set` of a typical value (a page's facet counts
or a search group, pickled: ~3 kB), then a `get` that hits and the `close()` Django calls at
the end of every request, with the other process writing at the same time. Reported:
microseconds per get (hit, with the close) and per set, p50 and p95, and whether a value
written by one process is read by the other (shared).
"""

import argparse
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEYS = 3000
VALUE = {"tag": [(f"tag-{i}", f"Tag {i}", 1000 - i) for i in range(25)], "text": "слово " * 300}


def backends(tmp):
    return {
        "locmem (per process, today)": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "FileBasedCache": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": f"{tmp}/files",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
        "DatabaseCache (SQLite, the site's file)": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kb_cache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
        "diskcache.DjangoCache as shipped (closes per request)": {
            "BACKEND": "diskcache.DjangoCache",
            "LOCATION": f"{tmp}/diskcache",
        },
        "diskcache (SQLite file, the site's choice)": {
            "BACKEND": "kb_site.cache_backend.SharedFileCache",
            "LOCATION": f"{tmp}/diskcache",
        },
    }


def setup(config, tmp):
    sys.path.insert(0, str(HERE.parent))
    import django
    from django.conf import settings

    settings.configure(
        CACHES={"default": {**config, "TIMEOUT": 600}},
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": f"{tmp}/db.sqlite3",
                "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE", "timeout": 20},
            }
        },
        INSTALLED_APPS=[],
    )
    django.setup()


def worker(name, tmp, offset, queue):
    setup(backends(tmp)[name], tmp)
    from django.core.cache import cache

    sets, gets = [], []
    for i in range(KEYS):
        key = f"kb:posts:v1:{offset + i}"
        cache.get(key)
        started = time.perf_counter()
        cache.set(key, VALUE)
        sets.append(time.perf_counter() - started)
        started = time.perf_counter()
        cache.get(key)
        cache.close()  # what Django does at the end of every request
        gets.append(time.perf_counter() - started)
    time.sleep(0.5)
    shared = cache.get(f"kb:posts:v1:{KEYS * 10 - offset}") is not None  # the other worker's first key
    queue.put((sets, gets, shared))


def measure(name, tmp):
    if name.startswith("DatabaseCache"):
        setup_table(name, tmp)
    queue = multiprocessing.get_context("spawn").Queue()
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=worker, args=(name, tmp, offset, queue)) for offset in (0, KEYS * 10)]
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    sets = sorted(s for r in results for s in r[0])
    gets = sorted(g for r in results for g in r[1])

    def pct(values, q):
        return round(values[int(q * (len(values) - 1))] * 1e6, 1)

    return {
        "backend": name,
        "get_p50_us": pct(gets, 0.5),
        "get_p95_us": pct(gets, 0.95),
        "set_p50_us": pct(sets, 0.5),
        "set_p95_us": pct(sets, 0.95),
        "mean_get_us": round(statistics.mean(gets) * 1e6, 1),
        "shared": all(r[2] for r in results),
    }


def create_table(name, tmp):
    setup(backends(tmp)[name], tmp)
    from django.core.management import call_command

    call_command("createcachetable")


def setup_table(name, tmp):
    process = multiprocessing.get_context("spawn").Process(target=create_table, args=(name, tmp))
    process.start()
    process.join()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(HERE / "out" / "cache.json"))
    args = parser.parse_args()
    rows = []
    for name in backends("x"):
        with tempfile.TemporaryDirectory() as tmp:
            rows.append(measure(name, tmp))
            print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    Path(args.out).parent.mkdir(exist_ok=True)
    Path(args.out).write_text(json.dumps(rows, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    os.environ.pop("DJANGO_SETTINGS_MODULE", None)
    main()
