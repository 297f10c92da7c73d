"""The import benchmark: a 100k-message Telegram export imported, re-imported with changes, and again.

    python bench/reimport.py                    # SQLite; PostgreSQL too when DATABASE_URL is set
    python bench/reimport.py --messages 20000   # a quicker run

For each database, in a scratch database of its own (bench/out/reimport.sqlite3, or
<DATABASE_URL's name>_reimport on PostgreSQL, dropped and created again), it times three
runs of `manage.py import_posts` as an operator runs them, each in a process of its own:

1. the export into an empty database (every post created);
2. the same channel's export after its owner edited every message (bench/telegram_export.py
   --edited 1.0: each text gains a sentence, each reaction count grows): every post updated;
3. that export once more: nothing changes.

It records wall time, CPU time and peak resident memory (of the import process; the
database server's own memory is not counted) in bench/out/<db>-reimport.json, and writes
them to the "Import and re-import" section of bench/RESULTS.md. Budget: 60 s and 300 MB each.
"""

import argparse
import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
RESULTS = HERE / "RESULTS.md"
PYTHON = sys.executable
BUDGET_SECONDS, BUDGET_MB = 60, 300
START, END = "<!-- import-benchmark:start -->", "<!-- import-benchmark:end -->"
RUNS = (
    ("import", "into an empty database", ""),
    ("reimport", "again, every message edited", "edited"),
    ("unchanged", "the edited export once more", "edited"),
)


def log(message):
    print(f"[reimport] {message}", flush=True)


def environment():
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "KB_SQLITE_PATH", "REDIS_URL")}
    env.update({"DJANGO_DEBUG": "false", "DJANGO_LOG_LEVEL": "WARNING"})
    return env


def scratch_databases():
    """(label, env) for each database: SQLite always, PostgreSQL when DATABASE_URL is set."""
    sqlite = environment()
    sqlite["KB_SQLITE_PATH"] = str(OUT / "reimport.sqlite3")
    found = [("sqlite", sqlite)]
    if os.environ.get("DATABASE_URL"):
        postgres = environment()
        parts = urlsplit(os.environ["DATABASE_URL"])
        postgres["DATABASE_URL"] = urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_reimport"))
        found.append(("postgresql", postgres))
    return found


def reset(label, env):
    if label == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(env["KB_SQLITE_PATH"] + suffix).unlink(missing_ok=True)
    else:
        import psycopg2

        url = urlsplit(env["DATABASE_URL"])
        name = url.path.lstrip("/")
        admin = psycopg2.connect(urlunsplit(url._replace(path="/postgres")))
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        admin.close()
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)


def timed(command, env):
    """Run a command in a child process: (wall seconds, CPU seconds, peak resident MB, its output)."""
    code = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(r.stdout + r.stderr); "
        "print(time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss, r.returncode)"
    )
    done = subprocess.run([PYTHON, "-c", code, *command], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    *output, figures = done.stdout.strip().splitlines()
    wall, cpu, peak_kb, returncode = figures.split()
    if returncode != "0":
        raise SystemExit("import failed:\n" + "\n".join(output))
    return float(wall), float(cpu), int(peak_kb) / 1024, "\n".join(output).strip()


def exports(messages):
    paths = {}
    for variant, edited in (("", "0"), ("edited", "1.0")):
        path = OUT / f"telegram-export-{messages}{'-' + variant if variant else ''}.json"
        if not path.exists():
            log(f"writing {path.name}")
            command = [PYTHON, str(HERE / "telegram_export.py"), str(messages), str(path), "--edited", edited]
            subprocess.run(command, check=True)
        paths[variant] = path
    return paths


def run(label, env, paths, messages):
    reset(label, env)
    result = {"messages": messages, "export_mb": round(paths[""].stat().st_size / 1e6, 1), "runs": []}
    for name, what, variant in RUNS:
        log(f"{label}: {name} ({what})")
        load = os.getloadavg()[0]
        wall, cpu, peak, output = timed([PYTHON, "manage.py", "import_posts", str(paths[variant])], env)
        log(f"{label}: {wall:.1f} s, {cpu:.1f} s CPU, peak {peak:.0f} MB — {output.splitlines()[-1]}")
        result["runs"].append(
            {"name": name, "what": what, "seconds": round(wall, 1), "cpu_seconds": round(cpu, 1),
             "peak_mb": round(peak), "load": round(load, 1), "summary": output.splitlines()[-1]}
        )  # fmt: skip
    (OUT / f"{label}-reimport.json").write_text(json.dumps(result, indent=1))
    if label == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(env["KB_SQLITE_PATH"] + suffix).unlink(missing_ok=True)
    return result


def section(results):
    lines = [
        START,
        "## Import and re-import of a Telegram export",
        "",
        f"Written by `bench/reimport.py` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Each run is `manage.py "
        "import_posts` in a process of its own; peak memory is that process's (the database server's is not "
        f"counted). Budget: {BUDGET_SECONDS} s and {BUDGET_MB} MB each. The machine's 2 cores are shared, so wall "
        "time varies with its load (the 1-minute load average as the run started); CPU time is the import "
        "process's own (with SQLite, the database's work is in it too).",
        "",
        "| database | run | wall s | CPU s | peak MB | load | result | |",
        "|---|---|---:|---:|---:|---:|---|---|",
    ]
    for label, result in results.items():
        for item in result["runs"]:
            ok = "✅" if item["seconds"] <= BUDGET_SECONDS and item["peak_mb"] <= BUDGET_MB else "❌"
            summary = item["summary"].split(": ", 1)[-1]
            lines.append(
                f"| {label} | {item['what']} | {item['seconds']} | {item['cpu_seconds']} | {item['peak_mb']} "
                f"| {item.get('load', '')} | {summary} | {ok} |"
            )
    first = next(iter(results.values()))
    lines += ["", f"The export: {first['messages']:,} messages, {first['export_mb']} MB.", END]
    return "\n".join(lines)


def write_results(results):
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    block = section(results)
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.DOTALL)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="Leave bench/RESULTS.md as it is.")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    paths = exports(args.messages)
    results = {}
    for label, env in scratch_databases():
        if label != "sqlite" and args.sqlite_only:
            continue
        results[label] = run(label, env, paths, args.messages)
    if not args.no_write:
        write_results(results)


if __name__ == "__main__":
    main()
