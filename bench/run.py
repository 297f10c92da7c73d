"""The benchmark: build a database at scale, time every page, time a 100k-message import.

    python bench/run.py                       # SQLite; PostgreSQL too when DATABASE_URL is set
    python bench/run.py --posts 20000 --roles 2000 --papers 2000 --repeat 10   # a quicker run
    python bench/run.py --skip-build          # reuse the databases of the last run
    python bench/run.py --sqlite-path /tmp/bench.sqlite3 --skip-build --skip-import   # a database kept elsewhere

For each database it builds (in bench/out/, or in a PostgreSQL database named
<DATABASE_URL's name>_bench) the seeds plus `generate_demo_data` (default 100k
posts, 10k roles, 10k papers), serves it with gunicorn (2 workers, production
settings, as `make run`) and runs bench/measure.py against it three times — warm
(the cache as a deployment has it), cold (each request a new filter value or word)
and after a change (every collection's version changed before each request) — then
imports a generated 100k-message Telegram export into a fresh database, recording
wall time and peak memory. Figures go to bench/out/*.json;
bench/report.py turns them into bench/RESULTS.md.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
PYTHON = sys.executable
MODES = ("warm", "cold", "change")  # see bench/measure.py

PRODUCTION_LIKE = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "DJANGO_ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "DJANGO_LOG_LEVEL": "WARNING",
}


def log(message):
    print(f"[bench] {message}", flush=True)


def manage(env, *args, capture=False):
    command = [PYTHON, "manage.py", *args]
    return subprocess.run(command, cwd=ROOT, env=env, check=True, text=True, capture_output=capture)


def base_env():
    drop = ("DATABASE_URL", "KB_SQLITE_PATH", "REDIS_URL", "KB_CACHE_DIR")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(PRODUCTION_LIKE)
    return env


def with_database_name(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def recreate_postgres(url):
    """Drop and create the database `url` names, through the server's `postgres` database."""
    import psycopg2

    name = urlsplit(url).path.lstrip("/")
    admin = psycopg2.connect(with_database_name(url, "postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def databases(args):
    """(label, env, reset) for each database to benchmark."""
    found = []
    env = base_env()
    env["KB_SQLITE_PATH"] = str(args.sqlite_path)

    def reset_sqlite(path=Path(env["KB_SQLITE_PATH"])):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.rmtree(path.with_name(f"{path.stem}-cache"), ignore_errors=True)  # its file cache (settings.CACHES)

    if not args.postgresql_only:
        found.append(("sqlite", env, reset_sqlite))
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres") and not args.sqlite_only:
        name = urlsplit(url).path.lstrip("/") or "kb"
        pg_env = base_env()
        pg_env["DATABASE_URL"] = with_database_name(url, f"{name}_bench")
        found.append(("postgresql", pg_env, lambda u=pg_env["DATABASE_URL"]: recreate_postgres(u)))
    return found


def analyze(env):
    """Fresh planner statistics (and on PostgreSQL the visibility map), as autovacuum soon gives."""
    code = (
        "import django; django.setup(); from django.db import connection; "
        "connection.cursor().execute('VACUUM ANALYZE' if connection.vendor == 'postgresql' else 'ANALYZE')"
    )
    subprocess.run(
        [PYTHON, "-c", code], cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "kb_site.settings"}, check=True
    )


def build(label, env, reset, args):
    marker = OUT / f"{label}.built.json" if label != "sqlite" else Path(f"{env['KB_SQLITE_PATH']}.built.json")
    wanted = {"posts": args.posts, "roles": args.roles, "papers": args.papers, "seed": args.seed}
    if args.skip_build and marker.exists() and json.loads(marker.read_text())["counts"] == wanted:
        log(f"{label}: reusing the database built before (migrated to the current schema)")
        manage(env, "migrate", "--noinput", "-v0")
        analyze(env)
        return json.loads(marker.read_text())
    log(f"{label}: building the database ({args.posts} posts, {args.roles} roles, {args.papers} papers)")
    reset()
    started = time.perf_counter()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "import_seeds", "-v0")
    generated = time.perf_counter()
    manage(
        env,
        "generate_demo_data",
        f"--posts={args.posts}",
        f"--roles={args.roles}",
        f"--papers={args.papers}",
        f"--seed={args.seed}",
    )
    finished = time.perf_counter()
    analyze(env)
    info = {
        "counts": wanted,
        "generate_seconds": round(finished - generated, 1),
        "total_seconds": round(finished - started, 1),
    }
    marker.write_text(json.dumps(info))
    return info


def gunicorn(env, port, workers=2):
    """Start gunicorn serving the site as `make run` does (production settings), and wait until it answers."""
    command = [str(Path(PYTHON).parent / "gunicorn"), "kb_site.wsgi", "--workers", str(workers)]
    errors = (OUT / f"gunicorn-{port}.log").open("w")  # read, not piped: a full pipe would stall the server
    server = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=errors
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    stop(server)
    raise SystemExit(f"gunicorn did not answer on port {port} within 60 s")


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def measure(label, env, args):
    server = gunicorn(env, args.port)
    try:
        for mode in MODES:
            out = OUT / f"{label}-{mode}.json"
            log(f"{label}: timing every page ({mode})")
            repeat = {"warm": args.repeat, "cold": args.cold_repeat or args.repeat, "change": args.change_repeat}[mode]
            command = [PYTHON, str(HERE / "measure.py"), "--out", str(out), "--mode", mode, "--repeat", str(repeat)]
            subprocess.run([*command, "--server", f"http://127.0.0.1:{args.port}"], cwd=ROOT, env=env, check=True)
    finally:
        stop(server)


def timed_child(command, env):
    """Run a command; (seconds, peak resident memory in MB of that process)."""
    code = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "r = subprocess.run(sys.argv[1:]); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)"
    )
    done = subprocess.run([PYTHON, "-c", code, *command], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    seconds, peak_kb, returncode = done.stdout.split()[-3:]
    if returncode != "0":
        raise SystemExit(f"import failed:\n{done.stderr}")
    return float(seconds), int(peak_kb) / 1024


def import_benchmark(label, env, args):
    export = OUT / f"telegram-export-{args.messages}.json"
    if not export.exists():
        log(f"writing a {args.messages}-message Telegram export")
        subprocess.run([PYTHON, str(HERE / "telegram_export.py"), str(args.messages), str(export)], check=True)
    scratch = dict(env)
    if label == "sqlite":
        path = OUT / "import-scratch.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        scratch["KB_SQLITE_PATH"] = str(path)
    else:
        scratch["DATABASE_URL"] = env["DATABASE_URL"] + "_import"
        recreate_postgres(scratch["DATABASE_URL"])
    manage(scratch, "migrate", "--noinput", "-v0")
    log(f"{label}: importing {args.messages} messages")
    seconds, peak = timed_child([PYTHON, "manage.py", "import_posts", str(export), "-v0"], scratch)
    log(f"{label}: imported in {seconds:.1f} s, peak {peak:.0f} MB; importing it again")
    again, again_peak = timed_child([PYTHON, "manage.py", "import_posts", str(export), "-v0"], scratch)
    result = {
        "messages": args.messages,
        "seconds": round(seconds, 1),
        "peak_mb": round(peak),
        "reimport_seconds": round(again, 1),
        "reimport_peak_mb": round(again_peak),
        "export_mb": round(export.stat().st_size / 1e6, 1),
    }
    (OUT / f"{label}-import.json").write_text(json.dumps(result))
    if label == "sqlite":
        Path(scratch["KB_SQLITE_PATH"]).unlink(missing_ok=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--roles", type=int, default=10_000)
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=100_000, help="Size of the Telegram export to import.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=30, help="Timed requests per page (warm cache).")
    parser.add_argument("--cold-repeat", type=int, default=0, help="Timed requests per page, cold (default: repeat).")
    parser.add_argument("--change-repeat", type=int, default=5, help="Timed requests per page after a change.")
    parser.add_argument("--port", type=int, default=8765, help="Where the measured gunicorn listens.")
    parser.add_argument("--skip-build", action="store_true", help="Reuse the databases if built with these counts.")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--postgresql-only", action="store_true")
    parser.add_argument(
        "--sqlite-path", type=Path, default=OUT / "bench-sqlite.sqlite3", help="Where the SQLite database is built."
    )
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)

    for label, env, reset in databases(args):
        info = build(label, env, reset, args)
        (OUT / f"{label}-build.json").write_text(json.dumps(info))
        manage(env, "collectstatic", "--noinput", "-v0")
        measure(label, env, args)
        if not args.skip_import:
            import_benchmark(label, env, args)
    subprocess.run([PYTHON, str(HERE / "report.py")], check=True)


if __name__ == "__main__":
    main()
