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
LIST_BUDGET_MS = 50
SEARCH_BUDGET_MS = 150  # PostgreSQL only
IMPORT_BUDGET_S, IMPORT_BUDGET_MB = 60, 300


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


def budget(name, vendor):
    if name.startswith("search"):
        return SEARCH_BUDGET_MS if vendor == "postgresql" else None
    if "CSV" in name or "export" in name or name == "home":
        return None
    return LIST_BUDGET_MS


def verdict(value, limit):
    if limit is None:
        return "—"
    return "✅" if value <= limit else "❌ over"


def page_table(warm, cold):
    """Pages are held to their budget with the cache warm (as a running site serves them); search with
    it cold, because readers rarely repeat a query."""
    vendor = warm["vendor"]
    cold_by_name = {p["name"]: p for p in (cold or {"pages": []})["pages"]}
    lines = [
        "| page | warm p50 | warm p95 | warm max | cold p50 | cold p95 | queries | budget (p95) | |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for page in warm["pages"]:
        limit = budget(page["name"], vendor)
        cold_page = cold_by_name.get(page["name"], {})
        is_search = page["name"].startswith("search")
        checked = cold_page.get("p95") if is_search else page["p95"]
        cold_p50 = f"{cold_page['p50']:.1f}" if cold_page else "—"
        cold_p95 = f"{cold_page['p95']:.1f}" if cold_page else "—"
        label = f"{limit} ms {'cold' if is_search else 'warm'}" if limit else "—"
        lines.append(
            f"| {page['name']} | {page['p50']:.1f} | {page['p95']:.1f} | {page['max']:.1f} | {cold_p50} | "
            f"{cold_p95} | {page['queries']} | {label} | {verdict(checked, limit) if checked is not None else '—'} |"
        )
    return "\n".join(lines)


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
        "production settings (DEBUG off, WhiteNoise, local-memory cache). **Server time** is the time from",
        "request to the last byte of the response body, without network. *Warm* means the cache as a running",
        "deployment has it: the collection-versioned counts, facets and search results computed once, then",
        "reused until an entry changes. *Cold* clears the cache before every request: the first visitor",
        "after an edit or an import. All times are milliseconds of server time. Queries are counted on",
        "one more request with a warm cache.",
        "Budgets: lists, details and filtered pages p95 ≤ 50 ms on SQLite and PostgreSQL, checked warm;",
        "search p95 ≤ 150 ms on PostgreSQL, checked cold, since readers seldom repeat a query (on SQLite",
        "search is a documented, slower fallback without a budget).",
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
                f"{'✅' if ok else '❌ over'}); importing it again (nothing changes): "
                f"{imported['reimport_seconds']} s, peak {imported['reimport_peak_mb']} MB.",
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
            "load (each worker keeps its own local-memory cache). Two workers and wrk share the machine's",
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
            sections += [
                "### The same filtered, faceted page: this site and Datasette",
                "",
                "Both serve the same SQLite file on the same machine, one after the other, under wrk with 8",
                "connections for 20 s (a request may take up to 60 s): this site through gunicorn (2 workers),",
                "Datasette 0.65.5 (`datasette serve -i`, its defaults but a 10 s SQL time limit). The facets are",
                "the same on the papers page; on the posts page this site counts hashtags and reactions through",
                "their join tables, Datasette two columns of the posts table. This site runs with its cache warm,",
                "as it does in service; its cold server times for these pages (the tables above, *papers: 1 facet*",
                "and *posts: min_reactions*) are the figures to set against Datasette's, which caches nothing.",
                "",
                "| page | server | requests/s | p50 ms | p99 ms | errors |",
                "|---|---|---:|---:|---:|---:|",
            ]
            for row in loaded["comparison"]:
                for who in ("ours", "datasette"):
                    r = row[who]
                    name = "this site" if who == "ours" else "Datasette"
                    url = row["ours_url"] if who == "ours" else row["datasette_url"]
                    sections.append(
                        f"| {row['page']} | {name} (`{url}`) | {r['rps']:.0f} | {r['p50_ms']:.1f} | "
                        f"{r['p99_ms']:.1f} | {r['errors']} |"
                    )
            sections.append("")
    notes = HERE / "NOTES.md"
    if notes.exists():
        sections += [notes.read_text().strip(), ""]
    (HERE / "RESULTS.md").write_text("\n".join(sections))
    print(f"[bench] wrote {HERE / 'RESULTS.md'}", file=sys.stderr)


if __name__ == "__main__":
    main()
