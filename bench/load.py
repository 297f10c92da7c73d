"""Load test: gunicorn (2 workers) serving the SQLite benchmark database, driven by wrk.

    python bench/load.py [--duration 60] [--connections 32] [--db PATH] [--port 8765] [--datasette-port 8766]

Run bench/run.py first (it builds bench/out/bench-sqlite.sqlite3, or --sqlite-path). The load is a
mix of every list, filter, detail and search page bench/measure.py times (CSV
exports left out), from another process on loopback. Then three pages are served by
Datasette from the same SQLite file and by this site, request by request in turn,
both cold: Datasette caches nothing, and every request to this site carries a new
word or filter value (or, where the values run out, a parameter no filter reads), so
its cache never answers. Datasette gets its own FTS5 index over the posts' headline
and text (unstemmed, as `datasette-enable-fts`/sqlite-utils would make it) for
`?_search=`. Figures go to bench/out/load.json; bench/report.py puts them in bench/RESULTS.md.
"""

import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
DB = OUT / "bench-sqlite.sqlite3"
PYTHON = sys.executable
SITE_PORT, DATASETTE_PORT = 8765, 8766
DATASETTE_VERSION = "0.65.5"
DATASETTE_FTS = "posts_post_datasette_fts"
# Words the generated posts use (kb_site.demo), common and less so, Russian and English.
SEARCH_WORDS = (
    "стартап модель данные команда венчур инвестор рынок канал аудитория подкаст найм сделка "
    "model data team strategy product customer pipeline governance latency roadmap audit drift"
).split()

sys.path.insert(0, str(HERE))
from run import PRODUCTION_LIKE, log, stop  # noqa: E402


def site_env(db):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "KB_CACHE_DIR")}
    env.update(PRODUCTION_LIKE)
    env["KB_SQLITE_PATH"] = str(db)
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
    wrk(f"http://127.0.0.1:{args.port}", duration=args.warmup, connections=4, script=HERE / "mix.lua", timeout=60)
    log(f"mixed load: {len(paths)} URLs, {args.connections} connections, {args.duration} s")
    result = wrk(
        f"http://127.0.0.1:{args.port}",
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


def datasette_fts(db):
    """Datasette's own FTS5 index over the posts' headline and text, and metadata naming it (idempotent)."""
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        found = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (DATASETTE_FTS,)).fetchone()
        if not found:
            log("giving Datasette an FTS5 index over posts_post (headline, text)")
            options = "headline, text, content='posts_post', content_rowid='id'"
            conn.execute(f"CREATE VIRTUAL TABLE {DATASETTE_FTS} USING fts5({options})")
            conn.execute(f"INSERT INTO {DATASETTE_FTS}({DATASETTE_FTS}) VALUES ('rebuild')")  # noqa: S608 (a constant)
        review_id, review_slug = conn.execute(
            "SELECT id, slug FROM reviews_review WHERE origin = 'generated'"
        ).fetchone()
    metadata = OUT / "datasette-metadata.json"
    database = Path(db).stem
    metadata.write_text(
        json.dumps({"databases": {database: {"tables": {"posts_post": {"fts_table": DATASETTE_FTS, "fts_pk": "id"}}}}})
    )
    return metadata, database, review_id, review_slug


def comparison_pairs(database, review_id, review_slug):
    """(name, ours(n), theirs(n)): the URLs of the n-th request, a new value each time."""
    tasks = ("diagnosis", "segmentation", "severity-assessment", "prognosis", "review")
    modalities = ("ct", "cxr", "lus", "multimodal")

    def word(n):
        return SEARCH_WORDS[n % len(SEARCH_WORDS)]

    def combo(n):
        return tasks[n % len(tasks)], modalities[(n // len(tasks)) % len(modalities)]

    return [
        (
            "posts: text search (a word of the posts)",
            lambda n: f"/posts/?{urlencode({'q': word(n), 'cold': n})}",
            lambda n: f"/{database}/posts_post?{urlencode({'_search': word(n), '_size': 20})}",
        ),
        (
            "posts: min_reactions=N with facets (ours: tags and reactions; Datasette: has_media, forwarded_from)",
            lambda n: f"/posts/?min_reactions={5 + n}",
            lambda n: (
                f"/{database}/posts_post?total_reactions__gte={5 + n}&is_published=1"
                "&_facet=has_media&_facet=forwarded_from&_size=20"
            ),
        ),
        (
            "papers: task and modality, facets task / modality / maturity",
            lambda n: f"/reviews/{review_slug}/papers/?task={combo(n)[0]}&modality={combo(n)[1]}&cold={n}",
            lambda n: (
                f"/{database}/reviews_paper?review_id={review_id}&task={combo(n)[0]}&modality={combo(n)[1]}"
                "&_facet=task&_facet=modality&_facet=maturity&_size=25"
            ),
        ),
    ]


def timed(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 (loopback)
        response.read()
        status = response.status
    return (time.perf_counter() - started) * 1000, status


def summary(times):
    times = sorted(times)
    return {"p50_ms": statistics.median(times), "p95_ms": times[max(0, round(0.95 * len(times)) - 1)], "n": len(times)}


def comparison(args, env):
    metadata, database, review_id, review_slug = datasette_fts(args.db)
    datasette = start(
        [
            str(datasette_python()),
            "serve",
            "-i",
            str(args.db),
            "-p",
            str(args.datasette_port),
            "--metadata",
            str(metadata),
            "--setting",
            "sql_time_limit_ms",
            "10000",
            "--setting",
            "facet_time_limit_ms",
            "10000",
        ]
    )
    try:
        wait_for(f"http://127.0.0.1:{args.datasette_port}/-/versions.json")
        rows = []
        for name, ours, theirs in comparison_pairs(database, review_id, review_slug):
            log(f"comparison: {name}")
            site, other = f"http://127.0.0.1:{args.port}", f"http://127.0.0.1:{args.datasette_port}"
            for n in range(-3, 0):  # the operating system's page cache, for both
                timed(site + quote(ours(n), safe="/?&=%"))
                timed(other + theirs(n))
            times = {"ours": [], "datasette": []}
            for n in range(args.compare_requests):
                for who, url in (("ours", site + quote(ours(n), safe="/?&=%")), ("datasette", other + theirs(n))):
                    elapsed, status = timed(url)
                    if status != 200:
                        raise SystemExit(f"{url} answered {status}")
                    times[who].append(elapsed)
            rows.append(
                {
                    "page": name,
                    "ours_url": ours(0),
                    "datasette_url": theirs(0),
                    "ours": summary(times["ours"]),
                    "datasette": summary(times["datasette"]),
                }
            )
            ours_p50, theirs_p50 = rows[-1]["ours"]["p50_ms"], rows[-1]["datasette"]["p50_ms"]
            log(f"  ours p50 {ours_p50:.1f} ms, Datasette p50 {theirs_p50:.1f} ms")
        return rows
    finally:
        stop(datasette)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--warmup", type=int, default=15, help="Seconds of load before the measured run.")
    parser.add_argument("--compare-requests", type=int, default=60, help="Requests per page and server.")
    parser.add_argument("--db", type=Path, default=DB, help="The SQLite database bench/run.py built.")
    parser.add_argument("--port", type=int, default=SITE_PORT, help="This site's port.")
    parser.add_argument("--datasette-port", type=int, default=DATASETTE_PORT)
    parser.add_argument("--skip-datasette", action="store_true")
    parser.add_argument("--skip-mixed", action="store_true", help="Only the Datasette comparison (keeps the last mix).")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk (make bench does it when run as root).")
    if not args.db.exists():
        raise SystemExit(f"{args.db} does not exist: run bench/run.py first.")
    env = site_env(args.db)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    gunicorn = start(
        [str(Path(PYTHON).parent / "gunicorn"), "kb_site.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{args.port}"],
        env=env,
    )
    try:
        wait_for(f"http://127.0.0.1:{args.port}/healthz")
        previous = json.loads((OUT / "load.json").read_text()) if (OUT / "load.json").exists() else {}
        mixed = previous["mixed"] if args.skip_mixed and "mixed" in previous else mixed_load(args, env)
        result = {"mixed": mixed, "workers": 2, "server": "gunicorn (sync workers)"}
        load_before = os.getloadavg()[0]
        result["comparison"] = [] if args.skip_datasette else comparison(args, env)
        result["comparison_load"] = [round(load_before, 1), round(os.getloadavg()[0], 1)]
    finally:
        stop(gunicorn)
    (OUT / "load.json").write_text(json.dumps(result, indent=1))
    mixed = result["mixed"]
    log(f"mixed load: {mixed['rps']:.0f} req/s, p99 {mixed['p99_ms']:.0f} ms, {mixed['errors']} errors")
    subprocess.run([PYTHON, str(HERE / "report.py")], check=True)


if __name__ == "__main__":
    main()
