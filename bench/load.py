"""Load test: gunicorn (2 workers) serving the SQLite benchmark database, driven by wrk.

    python bench/load.py [--duration 60] [--connections 32]

Run bench/run.py first (it builds bench/out/bench-sqlite.sqlite3). The load is a
mix of every list, filter, detail and search page bench/measure.py times (CSV
exports left out), from another process on loopback. Then the same filtered,
faceted page is served by Datasette from the same SQLite file and by this site,
one after the other, for a like-for-like comparison. Figures go to
bench/out/load.json; bench/report.py puts them in bench/RESULTS.md.
"""

import argparse
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
DB = OUT / "bench-sqlite.sqlite3"
PYTHON = sys.executable
SITE_PORT, DATASETTE_PORT = 8765, 8766
DATASETTE_VERSION = "0.65.5"

sys.path.insert(0, str(HERE))
from run import PRODUCTION_LIKE, log  # noqa: E402


def site_env():
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(PRODUCTION_LIKE)
    env["KB_SQLITE_PATH"] = str(DB)
    return env


def wait_for(url, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def start(command, env=None):
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def wrk(url, *, duration, connections, script=None, timeout=10):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", f"{timeout}s"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return parse_wrk(output)


def _ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def parse_wrk(output):
    result = {"raw": output}
    result["requests"] = int(re.search(r"(\d+) requests in", output).group(1))
    result["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    for pct in ("50", "75", "90", "99"):
        result[f"p{pct}_ms"] = _ms(re.search(rf"^\s+{pct}%\s+(\S+)", output, re.M).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["non_2xx"] = int(non_2xx.group(1)) if non_2xx else 0
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    result["socket_errors"] = sum(int(n) for n in socket.groups()) if socket else 0
    result["errors"] = result["non_2xx"] + result["socket_errors"]
    return result


def mixed_load(args, env):
    listing = subprocess.run(
        [PYTHON, str(HERE / "measure.py"), "--list-urls"], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout.split()
    paths = [quote(p, safe="/?&=%+-_.~") for p in listing if "format=csv" not in p]
    (OUT / "urls.txt").write_text("\n".join(paths) + "\n")
    log(f"warming up for {args.warmup} s (each worker fills its own cache once)")
    wrk(f"http://127.0.0.1:{SITE_PORT}", duration=args.warmup, connections=4, script=HERE / "mix.lua", timeout=60)
    log(f"mixed load: {len(paths)} URLs, {args.connections} connections, {args.duration} s")
    result = wrk(
        f"http://127.0.0.1:{SITE_PORT}",
        duration=args.duration,
        connections=args.connections,
        script=HERE / "mix.lua",
    )
    result["urls"] = len(paths)
    return result


def datasette_python():
    venv = OUT / "datasette-venv"
    python = venv / "bin" / "python"
    if not (venv / "bin" / "datasette").exists():
        log(f"installing Datasette {DATASETTE_VERSION} into {venv}")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", f"datasette=={DATASETTE_VERSION}"], check=True)
    return venv / "bin" / "datasette"


def comparison(args, env):
    with sqlite3.connect(DB) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        review_id, review_slug = db.execute("SELECT id, slug FROM reviews_review WHERE origin = 'generated'").fetchone()
    pairs = [
        (
            "papers: task=diagnosis, facets task / modality / maturity",
            f"/reviews/{review_slug}/papers/?task=diagnosis",
            f"/bench-sqlite/reviews_paper?review_id={review_id}&task=diagnosis"
            "&_facet=task&_facet=modality&_facet=maturity&_size=25",
        ),
        (
            "posts: min_reactions=10 (ours: tag and reaction facets; Datasette: has_media and forwarded_from)",
            "/posts/?min_reactions=10",
            "/bench-sqlite/posts_post?total_reactions__gte=10&is_published=1&_facet=has_media&_facet=forwarded_from&_size=20",
        ),
    ]
    datasette = start(
        [
            str(datasette_python()),
            "serve",
            "-i",
            str(DB),
            "-p",
            str(DATASETTE_PORT),
            "--setting",
            "sql_time_limit_ms",
            "10000",
        ]
    )
    try:
        wait_for(f"http://127.0.0.1:{DATASETTE_PORT}/-/versions.json")
        rows = []
        for name, ours, theirs in pairs:
            log(f"comparison: {name}")
            ours_url = f"http://127.0.0.1:{SITE_PORT}{quote(ours, safe='/?&=%')}"
            theirs_url = f"http://127.0.0.1:{DATASETTE_PORT}{theirs}"
            for url in (ours_url, theirs_url):  # warm both (caches, page cache)
                urllib.request.urlopen(url, timeout=60).read()  # noqa: S310 (loopback)
            rows.append(
                {
                    "page": name,
                    "ours_url": ours,
                    "datasette_url": theirs,
                    "ours": wrk(ours_url, duration=args.compare_duration, connections=8, timeout=60),
                    "datasette": wrk(theirs_url, duration=args.compare_duration, connections=8, timeout=60),
                }
            )
        return rows
    finally:
        stop(datasette)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--warmup", type=int, default=15, help="Seconds of load before the measured run.")
    parser.add_argument("--compare-duration", type=int, default=20)
    parser.add_argument("--skip-datasette", action="store_true")
    parser.add_argument("--skip-mixed", action="store_true", help="Only the Datasette comparison (keeps the last mix).")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk (make bench does it when run as root).")
    if not DB.exists():
        raise SystemExit(f"{DB} does not exist: run bench/run.py first.")
    env = site_env()
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    gunicorn = start(
        [str(Path(PYTHON).parent / "gunicorn"), "kb_site.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{SITE_PORT}"],
        env=env,
    )
    try:
        wait_for(f"http://127.0.0.1:{SITE_PORT}/healthz")
        previous = json.loads((OUT / "load.json").read_text()) if (OUT / "load.json").exists() else {}
        mixed = previous["mixed"] if args.skip_mixed and "mixed" in previous else mixed_load(args, env)
        result = {"mixed": mixed, "workers": 2, "server": "gunicorn (sync workers)"}
        result["comparison"] = [] if args.skip_datasette else comparison(args, env)
    finally:
        stop(gunicorn)
    (OUT / "load.json").write_text(json.dumps(result, indent=1))
    mixed = result["mixed"]
    log(f"mixed load: {mixed['rps']:.0f} req/s, p99 {mixed['p99_ms']:.0f} ms, {mixed['errors']} errors")
    subprocess.run([PYTHON, str(HERE / "report.py")], check=True)


if __name__ == "__main__":
    main()
