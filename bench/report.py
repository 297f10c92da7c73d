"""Write bench/RESULTS.md from the figures bench/run.py and bench/load.py left in bench/out/."""

import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
LIST_BUDGET_MS = 50  # lists, details and filtered pages, warm
SEARCH_BUDGET_MS = 50  # `q` on a list and /search/, cold, on both databases
FILTERED_BUDGET_MS = 100  # filtered, faceted lists, cold
DATASETTE_RATIO = 0.5  # this site's time at most half Datasette's
IMPORT_BUDGET_S, IMPORT_BUDGET_MB = 60, 300
FILTERED_PAGES = ("facet", "forwarded", "min_reactions", "2 tags", "salary_min")


def load(name):
    path = OUT / name
    return json.loads(path.read_text()) if path.exists() else None


def machine():
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    return f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}"


def versions():
    import django

    found = [f"Python {platform.python_version()}", f"Django {django.get_version()}"]
    for package in ("gunicorn",):
        try:
            from importlib.metadata import version

            found.append(f"{package} {version(package)}")
        except Exception:  # noqa: BLE001, S110
            pass
    try:
        wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split("[")[0].strip()
        found.append(wrk or "wrk")
    except OSError:
        pass
    return ", ".join(found)


def budget(name):
    """(limit in ms, "warm" or "cold") for a page, or None."""
    if "CSV" in name or "export" in name or name == "home":
        return None
    if name.startswith("search") or ": q" in name:
        return SEARCH_BUDGET_MS, "cold"
    if any(word in name for word in FILTERED_PAGES):
        return FILTERED_BUDGET_MS, "cold"
    return LIST_BUDGET_MS, "warm"


def verdict(value, limit):
    if limit is None:
        return "—"
    return "✅" if value <= limit else "❌ over"


def page_table(warm, cold):
    """Every page with its warm and cold figures; each held to its budget (see budget())."""
    cold_by_name = {p["name"]: p for p in (cold or {"pages": []})["pages"]}
    lines = [
        "| page | warm p50 | warm p95 | warm max | cold p50 | cold p95 | queries | budget (p95) | |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for page in warm["pages"]:
        rule = budget(page["name"])
        cold_page = cold_by_name.get(page["name"], {})
        checked = None
        if rule:
            checked = cold_page.get("p95") if rule[1] == "cold" else page["p95"]
        cold_p50 = f"{cold_page['p50']:.1f}" if cold_page else "—"
        cold_p95 = f"{cold_page['p95']:.1f}" if cold_page else "—"
        label = f"{rule[0]} ms {rule[1]}" if rule else "—"
        lines.append(
            f"| {page['name']} | {page['p50']:.1f} | {page['p95']:.1f} | {page['max']:.1f} | {cold_p50} | "
            f"{cold_p95} | {page['queries']} | {label} | {verdict(checked, rule[0]) if checked is not None else '—'} |"
        )
    return "\n".join(lines)


def cache_section(rows):
    lines = [
        "## The shared cache (REDIS_URL unset)",
        "",
        "`bench/cache.py`: two processes (as two gunicorn workers) each store and read 3,000 values of a",
        "typical size (a list's facet counts, ~3 kB pickled) while the other writes; a read is followed by the",
        "`close()` Django calls at the end of every request. Microseconds.",
        "",
        "| backend | get p50 | get p95 | set p50 | set p95 | shared by the workers |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['backend']} | {row['get_p50_us']:.0f} | {row['get_p95_us']:.0f} | {row['set_p50_us']:.0f} | "
            f"{row['set_p95_us']:.0f} | {'yes' if row['shared'] else 'no'} |"
        )
    lines += [
        "",
        "The site uses diskcache's SQLite-file cache, kept open across requests (`kb_site/cache_backend.py`):",
        "the fastest of the shared ones. FileBasedCache lists its directory on every set once it holds many",
        "entries; DatabaseCache writes into the site's own database and culls with extra queries.",
        "",
    ]
    return lines


def datasette_section(rows):
    lines = [
        "### This site and Datasette, cold, request by request",
        "",
        "Both serve the same SQLite file on the same machine: this site through gunicorn (2 workers),",
        "Datasette 0.65.5 (`datasette serve -i`, 10 s SQL and facet time limits) with its own FTS5 index over",
        "the posts' headline and text for `?_search=`. Requests alternate between the two, one at a time;",
        "each request to this site carries a new word or filter value (or an unread `cold=` parameter),",
        "so its cache never answers; Datasette caches nothing. Milliseconds, wall time at the client.",
        "",
        "| page | this site p50 | p95 | Datasette p50 | p95 | ratio (p50) | budget ≤ 0.5 |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        ours, theirs = row["ours"], row["datasette"]
        ratio = ours["p50_ms"] / theirs["p50_ms"] if theirs["p50_ms"] else 0
        lines.append(
            f"| {row['page']} | {ours['p50_ms']:.1f} | {ours['p95_ms']:.1f} | {theirs['p50_ms']:.1f} | "
            f"{theirs['p95_ms']:.1f} | {ratio:.2f} | {'✅' if ratio <= DATASETTE_RATIO else '❌ over'} |"
        )
    lines += ["", "URLs (the first request of each series):", ""]
    for row in rows:
        lines.append(f"- {row['page']}: `{row['ours_url']}` and `{row['datasette_url']}`")
    lines.append("")
    return lines


def main():
    sections = [
        "# Benchmark results",
        "",
        "Written by `bench/report.py` from the figures of `bench/run.py` and `bench/load.py` (`make bench`).",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine()}",
        f"- Software: {versions()}",
        "",
        "## Method",
        "",
        "`bench/run.py` builds each database from the seeds plus `manage.py generate_demo_data` and runs",
        "`ANALYZE`. `bench/measure.py` then requests every page in-process with Django's test client and",
        "production settings (DEBUG off, WhiteNoise, the shared file cache). **Server time** is the time from",
        "request to the last byte of the response body, without network. *Warm* means the cache as a running",
        "deployment has it: the collection-versioned counts, facets and search results computed once, then",
        "reused until an entry changes. *Cold* clears the cache before every request: the first visitor",
        "after an edit or an import. All times are milliseconds of server time. Queries are counted on",
        "one more request with a warm cache.",
        "Budgets (p95, on SQLite and on PostgreSQL): `q` on a list and `/search/` ≤ 50 ms cold (readers",
        "seldom repeat a query), common and rare words, Russian and English; filtered, faceted lists",
        "≤ 100 ms cold; lists, details and other pages ≤ 50 ms warm. The machine is shared: other jobs",
        "ran beside these measurements, so single figures carry noise.",
        "",
    ]
    for label, title in (("sqlite", "SQLite"), ("postgresql", "PostgreSQL")):
        warm = load(f"{label}-warm.json")
        if not warm:
            continue
        build = load(f"{label}-build.json") or {}
        counts = build.get("counts", {})
        sections += [
            f"## {title} ({warm.get('version', '')})",
            "",
            f"Database: the seeds plus {counts.get('posts', '?'):,} posts, {counts.get('roles', '?'):,} roles and "
            f"{counts.get('papers', '?'):,} papers, generated in {build.get('generate_seconds', '?')} s.",
            "",
            page_table(warm, load(f"{label}-cold.json")),
            "",
        ]
        imported = load(f"{label}-import.json")
        if imported:
            ok = imported["seconds"] <= IMPORT_BUDGET_S and imported["peak_mb"] <= IMPORT_BUDGET_MB
            sections += [
                f"Import of a generated {imported['messages']:,}-message Telegram export "
                f"({imported['export_mb']} MB) into an empty database: **{imported['seconds']} s, peak "
                f"{imported['peak_mb']} MB** (budget {IMPORT_BUDGET_S} s, {IMPORT_BUDGET_MB} MB: "
                f"{'✅' if ok else '❌ over'})"
                + (
                    f"; importing it again (nothing changes): {imported['reimport_seconds']} s, "
                    f"peak {imported['reimport_peak_mb']} MB."
                    if imported.get("reimport_seconds") is not None
                    else " (the re-import was not measured in this run)."
                ),
                "",
            ]
    loaded = load("load.json")
    if loaded:
        mixed = loaded["mixed"]
        sections += [
            "## Load test",
            "",
            f"gunicorn with {loaded['workers']} sync workers serving the SQLite database above, driven by wrk from",
            f"another process on loopback: 2 threads, 32 connections, 60 s, cycling through {mixed['urls']} URLs",
            "(every list, filter, detail and search page above; CSV exports left out), after 15 s of warm-up",
            "load (the workers share the file cache). Two workers and wrk share the machine's",
            "cores, and 32 connections wait in turn for 2 workers, so latency here is mostly queueing",
            "(latency ≈ connections / throughput); the per-page server times are in the tables above.",
            "",
            "| requests | requests/s | p50 ms | p90 ms | p99 ms | errors |",
            "|---:|---:|---:|---:|---:|---:|",
            f"| {mixed['requests']:,} | {mixed['rps']:.0f} | {mixed['p50_ms']:.1f} | {mixed['p90_ms']:.1f} | "
            f"{mixed['p99_ms']:.1f} | {mixed['errors']} |",
            "",
        ]
        if loaded.get("comparison"):
            sections += datasette_section(loaded["comparison"])
    cache_rows = load("cache.json")
    if cache_rows:
        sections += cache_section(cache_rows)
    notes = HERE / "NOTES.md"
    if notes.exists():
        sections += [notes.read_text().strip(), ""]
    (HERE / "RESULTS.md").write_text("\n".join(sections))
    print(f"[bench] wrote {HERE / 'RESULTS.md'}", file=sys.stderr)


if __name__ == "__main__":
    main()
