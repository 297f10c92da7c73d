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


def budgets(name):
    """[(limit in ms, "warm" or "cold")] a page is held to (its p95), or []."""
    if "CSV" in name or "export" in name or name == "home":
        return []
    if name.startswith("search") or ": q" in name:
        return [(SEARCH_BUDGET_MS, "cold")]
    if any(word in name for word in FILTERED_PAGES):
        return [(FILTERED_BUDGET_MS, "cold"), (LIST_BUDGET_MS, "warm")]
    return [(LIST_BUDGET_MS, "warm")]


def page_table(runs):
    """Every page with its warm, cold and after-a-change figures; each held to its budgets (see budgets())."""
    by_mode = {mode: {p["name"]: p for p in (run or {"pages": []})["pages"]} for mode, run in runs.items()}
    lines = [
        "| page | warm p50 | warm p95 | cold p50 | cold p95 | after a change p50 | p95 | queries | budget (p95) | |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]

    def cell(mode, name, key):
        page = by_mode.get(mode, {}).get(name)
        return f"{page[key]:.1f}" if page else "—"

    for page in runs["warm"]["pages"]:
        name = page["name"]
        rules = budgets(name)
        checks = []
        for limit, mode in rules:
            measured = by_mode.get(mode, {}).get(name)
            if measured:
                checks.append(measured["p95"] <= limit)
        label = ", ".join(f"{limit} ms {mode}" for limit, mode in rules) or "—"
        mark = "—" if not checks else ("✅" if all(checks) else "❌ over")
        lines.append(
            f"| {name} | {cell('warm', name, 'p50')} | {cell('warm', name, 'p95')} | {cell('cold', name, 'p50')} | "
            f"{cell('cold', name, 'p95')} | {cell('change', name, 'p50')} | {cell('change', name, 'p95')} | "
            f"{page['queries']} | {label} | {mark} |"
        )
    return "\n".join(lines)


def loads(runs):
    """The machine's 1-minute load average over the runs, as "a–b"."""
    found = [value for run in runs.values() if run for value in run.get("load", [])]
    return f"{min(found):.1f}–{max(found):.1f}" if found else "?"


def speeds(runs):
    """bench/measure.py's reference loop (cpu_speed) over the runs, in ms, as "a–b"."""
    found = [value for run in runs.values() if run for value in run.get("cpu_ms", [])]
    return f"{min(found)}–{max(found)} ms" if found else "not measured"


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


def datasette_section(rows, load=None):
    lines = [
        "### This site and Datasette, cold, request by request",
        "",
        "Both serve the same SQLite file on the same machine: this site through gunicorn (2 workers),",
        "Datasette 0.65.5 (`datasette serve -i`, 10 s SQL and facet time limits) with its own FTS5 index over",
        "the posts' headline and text for `?_search=`. Requests alternate between the two, one at a time;",
        "each request to this site carries a new word or filter value (or an unread `cold=` parameter),",
        "so its cache never answers; Datasette caches nothing. Milliseconds, wall time at the client."
        + (f" Load average (1 minute) at the start and the end: {load[0]} and {load[1]}." if load else ""),
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
        "`bench/run.py` builds each database from the seeds plus `manage.py generate_demo_data --seed 1` and",
        "runs `ANALYZE`, then serves it with gunicorn (2 sync workers, production settings as `make run`:",
        "DEBUG off, WhiteNoise, the shared file cache). `bench/measure.py` requests every page over HTTP on",
        "loopback, one request at a time, and times it from the request to the last byte of the body.",
        "Milliseconds. Three ways:",
        "",
        "- *warm*: the same URL again and again, as the cache of a running deployment answers it;",
        "- *cold*: each request a new filter value or word. A list's URL carries a parameter no filter",
        "  reads (`cold=<n>`) but that, like any filter value, makes a new cache key: its count, facets and",
        "  `q` results are computed again. `/search/` caches per query text, so there the collections'",
        "  versions are changed before each request instead. What is kept per collection version and",
        "  shared by every filter value (each facet value's postings, `kb_site/postings.py`) stays;",
        "- *after a change*: every collection's version changed before each request: the first reader",
        "  after an edit or an import, when everything, postings included, is computed again.",
        "",
        "Queries are counted on one more request with a warm cache.",
        "Budgets (p95, on SQLite and on PostgreSQL): `q` on a list and `/search/` ≤ 50 ms cold, common and",
        "rare words, Russian and English; filtered, faceted lists ≤ 100 ms cold and ≤ 50 ms warm; lists,",
        "details and other pages ≤ 50 ms warm. *After a change* carries no budget. The machine is shared",
        "with other jobs (the load column): single figures carry noise.",
        "",
    ]
    for label, title in (("sqlite", "SQLite"), ("postgresql", "PostgreSQL")):
        runs = {mode: load(f"{label}-{mode}.json") for mode in ("warm", "cold", "change")}
        if not runs["warm"]:
            continue
        build = load(f"{label}-build.json") or {}
        counts = build.get("counts", {})
        sections += [
            f"## {title} ({runs['warm'].get('version', '')})",
            "",
            f"Database: the seeds plus {counts.get('posts', '?'):,} posts, {counts.get('roles', '?'):,} roles and "
            f"{counts.get('papers', '?'):,} papers, generated in {build.get('generate_seconds', '?')} s.",
            "",
            f"Load average (1 minute) during the runs: {loads(runs)} on {os.cpu_count()} cores. The machine's speed "
            f"(a fixed Python loop, `cpu_speed` in bench/measure.py, before and after each run): {speeds(runs)}; "
            "lower is faster. The machine is shared: its speed changes within a run, and between runs by more "
            "than the budgets' margins, so compare figures of one run (or of runs at the same speed).",
            "",
            page_table(runs),
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
            sections += datasette_section(loaded["comparison"], loaded.get("comparison_load"))
    cache_rows = load("cache.json")
    if cache_rows:
        sections += cache_section(cache_rows)
    reimported = {label: load(f"{label}-reimport.json") for label in ("sqlite", "postgresql")}
    reimported = {label: result for label, result in reimported.items() if result}
    if reimported:  # bench/reimport.py's figures, kept when this file is written again
        sys.path.insert(0, str(HERE))
        from reimport import section

        sections += [section(reimported), ""]
    notes = HERE / "NOTES.md"
    if notes.exists():
        sections += [notes.read_text().strip(), ""]
    (HERE / "RESULTS.md").write_text("\n".join(sections))
    print(f"[bench] wrote {HERE / 'RESULTS.md'}", file=sys.stderr)


if __name__ == "__main__":
    main()
