"""The page-cache benchmark, one command (needs wrk and nginx: apt-get install -y nginx wrk):

    SHPALTA_SHARED_DATA=../shared/data .venv/bin/python bench/run.py --articles 100000

Generates the synthetic newsroom (bench/generate.py) into SQLite and PostgreSQL unless it is
there already, then measures on loopback, side by side in one sitting:
  nginx serving the article page's very bytes as a static file (the reference),
  the article from the app's page cache (granian and gunicorn), through deploy/nginx.conf,
  cache misses on random articles (SQLite, PostgreSQL), front and section pages rendered,
  a 320-connection burst on a hot article, RSS per worker, queries per page at 1,000 and N
  articles, and how long a publish takes to show on a second app server.
Each figure is the median of --rounds interleaved runs of `wrk -t1 -c32 -d<duration>s
--latency` after a warm-up. Prints a Markdown report (also written to bench/results/).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = REPO / ".venv" / "bin"
PORTS = {"static": 8130, "nginx": 8131, "granian": 8132, "gunicorn": 8133, "render": 8134,
         "second": 8135, "small": 8136}  # fmt: skip
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/shpalta_cache")
RANDOM_PATHS_LUA = """
local paths = {}
init = function(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
end
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
"""


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- processes -------------------------------------------------------------------------------


def app_env(database_url: str, *, page_cache: bool = True) -> dict:
    return os.environ | {
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": "bench",
        "PAGE_CACHE": "1" if page_cache else "0",
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        "SHPALTA_VAR_DIR": str(REPO / "var" / "bench"),
    }


def start_app(name: str, database_url: str, *, server="granian", page_cache=True, workers=2,
              port: int | None = None, code: Path = REPO):  # fmt: skip
    """`shpalta serve` of the code in `code` (this checkout, or an earlier version's worktree
    run on this checkout's virtualenv) on PORTS[name] unless `port` is given."""
    port = port or PORTS[name]
    process = subprocess.Popen(
        [str(BIN / "python"), "-m", "shpalta.cli", "serve", "--port", str(port),
         "--workers", str(workers), "--server", server],
        cwd=code,
        env=app_env(database_url, page_cache=page_cache) | {"PYTHONPATH": str(code)},
        stdout=subprocess.DEVNULL,
        stderr=open(Path(tempfile.gettempdir()) / f"bench-{name}.log", "w"),  # noqa: SIM115
    )  # fmt: skip
    log(f"starting {name} ({server}, page cache {'on' if page_cache else 'off'}, {code})")
    wait_for(f"http://127.0.0.1:{port}/health/")
    return process


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer in {timeout} s")


def stop(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def worker_rss_mb(process) -> list[float]:
    """RSS of each worker process (the children of the server's main process)."""
    rss = []
    for pid in descendants(process.pid):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        found = re.search(r"VmRSS:\s+(\d+) kB", status)
        if found:
            rss.append(round(int(found.group(1)) / 1024, 1))
    return rss


def descendants(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return children + [grandchild for child in children for grandchild in descendants(child)]


def start_nginx(workdir: Path, page: bytes) -> subprocess.Popen:
    """deploy/nginx.conf with this run's ports and paths, plus a static-file server."""
    static = workdir / "static"
    static.mkdir(mode=0o755, parents=True, exist_ok=True)
    (static / "article.html").write_bytes(page)
    conf = (REPO / "deploy" / "nginx.conf").read_text()
    replacements = {
        "pid /run/nginx-shpalta.pid;": f"pid {workdir}/nginx.pid;",
        "/var/log/nginx/shpalta-error.log": f"{workdir}/error.log",
        "/var/cache/nginx/shpalta": f"{workdir}/cache",
        "/srv/shpalta": str(REPO),
        "127.0.0.1:8000": f"127.0.0.1:{PORTS['granian']}",
        "listen 80;": f"listen 127.0.0.1:{PORTS['nginx']};",
    }
    for old, new in replacements.items():
        conf = conf.replace(old, new)
    static_server = f"""
    server {{
        listen 127.0.0.1:{PORTS["static"]};
        root {static};
        location / {{ }}
    }}
}}"""
    conf = conf[: conf.rstrip().rfind("}")] + static_server
    (workdir / "nginx.conf").write_text(conf)
    process = subprocess.Popen(
        ["nginx", "-c", str(workdir / "nginx.conf"), "-g", "daemon off;"],
        stderr=open(workdir / "nginx.stderr", "w"),  # noqa: SIM115
    )
    wait_for(f"http://127.0.0.1:{PORTS['static']}/article.html")
    return process


# -- wrk ---------------------------------------------------------------------------------------


def wrk(url: str, *, duration: int, connections: int = 32, script: Path | None = None,
        script_arg: str | None = None) -> dict:  # fmt: skip
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s"]
    if script:
        command += ["-s", str(script)]
    command.append(url)
    if script_arg:
        command += ["--", script_arg]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> dict:
    def latency_ms(label: str) -> float:
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency_ms("50"),
        "p99": latency_ms("99"),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
    }


def rounds(scenarios: dict, *, count: int, duration: int, warmup: int, before=None) -> dict:
    """Interleaved: every scenario once per round, so drifting load on a shared machine
    hits all of them alike. Returns the median round of each (by req/s)."""
    results = {name: [] for name in scenarios}
    for number in range(count):
        for name, run in scenarios.items():
            log(f"round {number + 1}: {name}")
            if before:
                before(name)
            if warmup:
                run(warmup)
            results[name].append(run(duration))
    return {name: median_run(runs) for name, runs in results.items()}


def median_run(runs: list[dict]) -> dict:
    ordered = sorted(runs, key=lambda run: run["rps"])
    middle = dict(ordered[len(ordered) // 2])
    middle["all_rps"] = [round(run["rps"]) for run in runs]
    middle["errors"] = sum(run["socket_errors"] + run["non_2xx"] for run in runs)
    return middle


# -- the pieces of the report -----------------------------------------------------------------


def sqlite_path(articles: int) -> Path:
    return REPO / "var" / "bench" / f"bench-{articles}.sqlite3"


def generated_database_url(database: str, articles: int) -> str:
    """The database `ensure_data` filled for `articles`, for the scripts that measure it."""
    if database == "postgresql":
        return PG_URL
    path = sqlite_path(articles)
    if not path.exists():
        raise SystemExit(f"{path} is missing: run bench/run.py --articles {articles}")
    return f"sqlite:///{path}"


def ensure_data(articles: int) -> dict[str, str]:
    sqlite_url = f"sqlite:///{sqlite_path(articles)}"
    small_url = f"sqlite:///{sqlite_path(1000)}"
    (REPO / "var" / "bench").mkdir(parents=True, exist_ok=True)
    for url, count in ((sqlite_url, articles), (PG_URL, articles), (small_url, 1000)):
        started = time.monotonic()
        subprocess.run(
            [str(BIN / "python"), str(REPO / "bench" / "generate.py"), "--articles", str(count)],
            env=app_env(url),
            stdout=sys.stderr,
            check=True,
        )
        # What a newsroom runs after a bulk import: the articles' stored markup, so the
        # misses measure readers, not the first view of a million new stories.
        subprocess.run(
            [str(BIN / "python"), "-m", "shpalta.cli", "fragments_render", "--batch", "1000"],
            cwd=REPO,
            env=app_env(url),
            stdout=sys.stderr,
            check=True,
        )
        log(f"data {url}: {time.monotonic() - started:.0f} s")
    return {"sqlite": sqlite_url, "postgresql": PG_URL, "small": small_url}


def article_paths(database_url: str, limit: int = 50_000) -> list[str]:
    script = (
        "from shpalta.news.models import Article;"
        f"print('\\n'.join(s for s in Article.objects.published().order_by('?')"
        f".values_list('slug', flat=True)[:{limit}]))"
    )
    output = subprocess.run(
        [str(BIN / "shpalta"), "shell", "--no-imports", "-c", script],
        env=app_env(database_url),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [f"/news/{slug}/" for slug in output.split()]


def warm_database(database_url: str, paths: list[str]) -> None:
    """Read once what a miss on each of `paths` reads, so the misses measure the app with the
    database's working set in memory (as a newsroom's database server holds it), not this
    machine's disk: the 1,000,000-article SQLite file is 17 GB and the page cache here does
    not keep it between runs."""
    started = time.monotonic()
    script = (
        "import sys\n"
        "from shpalta.news.article_page import stored_article_page\n"
        "for path in sys.stdin.read().split():\n"
        "    stored_article_page(path.strip('/').rsplit('/', 1)[-1])\n"
    )
    subprocess.run(
        [str(BIN / "shpalta"), "shell", "--no-imports", "-c", script],
        env=app_env(database_url),
        input="\n".join(paths),
        capture_output=True,
        text=True,
        check=True,
    )
    log(f"warmed {len(paths):,} articles of {database_url} in {time.monotonic() - started:.0f} s")


def miss_workdir(database_url: str, prefix: str) -> Path:
    """A folder with wrk's random-article script and 50,000 article paths (random.lua,
    paths.txt), the database warmed for them: what the miss scripts start from."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    (workdir / "random.lua").write_text(RANDOM_PATHS_LUA)
    (workdir / "paths.txt").write_text("\n".join(paths := article_paths(database_url)))
    warm_database(database_url, paths)
    return workdir


def postgresql_shared_buffers() -> str:
    """PostgreSQL's own cache, reported with the figures: at the default 128MB the misses'
    pages come from the operating system's page cache, and on a machine that reclaims it
    (this one does) they wait on the disk. deploy/postgresql.conf sizes it."""
    import psycopg

    with psycopg.connect(PG_URL) as connection:
        setting = connection.execute("SHOW shared_buffers").fetchone()[0]
    if setting == "128MB" or setting.endswith("kB"):
        log(f"PostgreSQL shared_buffers is {setting}: see deploy/postgresql.conf")
    return setting


def query_counts(database_url: str) -> dict:
    output = subprocess.run(
        [str(BIN / "python"), str(REPO / "bench" / "querycount.py")],
        env=app_env(database_url),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def flush_shared_cache() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def publish_visibility(database_url: str, trials: int = 5) -> list[float]:
    """Seconds from an editor's commit on one process to the change on another app server."""
    second = start_app("second", database_url, workers=1)
    try:
        output = subprocess.run(
            [str(BIN / "python"), str(REPO / "bench" / "publish_probe.py"),
             f"http://127.0.0.1:{PORTS['second']}", str(trials)],
            env=app_env(database_url), capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    finally:
        stop(second)
    return json.loads(output.strip().splitlines()[-1])


# -- the run -----------------------------------------------------------------------------------


def measure(args) -> dict:
    report = {"articles": args.articles, "rounds": args.rounds, "duration": args.duration}
    urls = ensure_data(args.articles)
    report["shared_buffers"] = postgresql_shared_buffers()
    workdir = Path(tempfile.mkdtemp(prefix="shpalta-bench-"))
    workdir.chmod(0o755)  # nginx's workers run as an unprivileged user
    lua = workdir / "random.lua"
    lua.write_text(RANDOM_PATHS_LUA)
    log("queries per page")
    report["queries"] = {"1000": query_counts(urls["small"]), "N": query_counts(urls["sqlite"])}
    flush_shared_cache()
    paths = {db: article_paths(urls[db]) for db in ("sqlite", "postgresql")}
    for db, chosen in paths.items():
        (workdir / f"paths-{db}.txt").write_text("\n".join(chosen))
    hot = article_paths(urls["sqlite"], limit=1)[0]

    processes = []
    try:
        granian = start_app("granian", urls["sqlite"])
        gunicorn = start_app("gunicorn", urls["sqlite"], server="gunicorn")
        processes += [granian, gunicorn]
        page = fetch(f"http://127.0.0.1:{PORTS['granian']}{hot}")
        nginx = start_nginx(workdir, page)
        processes.append(nginx)
        report["page_bytes"] = len(page)

        def rss():
            return {"granian": worker_rss_mb(granian), "gunicorn": worker_rss_mb(gunicorn)}

        assert fetch(f"http://127.0.0.1:{PORTS['nginx']}{hot}") == page
        report["rss_start"] = rss()

        def at(port_name, path=hot, **kw):
            return lambda seconds: wrk(
                f"http://127.0.0.1:{PORTS[port_name]}{path}", duration=seconds, **kw
            )

        def random_articles(port_name, db):
            return lambda seconds: wrk(
                f"http://127.0.0.1:{PORTS[port_name]}", duration=seconds, script=lua,
                script_arg=str(workdir / f"paths-{db}.txt"),
            )  # fmt: skip

        hits = {
            "nginx static file": at("static", "/article.html"),
            "hit, app alone (granian)": at("granian"),
            "hit, app alone (gunicorn gthread)": at("gunicorn"),
            "hit, through deploy/nginx.conf": at("nginx"),
        }
        report["hits"] = rounds(hits, count=args.rounds, duration=args.duration, warmup=args.warmup)
        report["rss_after_hits"] = rss()
        misses = {
            "miss, random articles, SQLite (granian)": random_articles("granian", "sqlite"),
            "miss, random articles, SQLite (gunicorn gthread)": random_articles(
                "gunicorn", "sqlite"
            ),
        }
        warm_database(urls["sqlite"], paths["sqlite"])  # just before: the page cache forgets
        report["misses_sqlite"] = rounds(
            misses, count=args.rounds, duration=args.duration, warmup=0,
            before=lambda name: flush_shared_cache(),
        )  # fmt: skip
        report["rss_after_misses"] = rss()
        log("burst of 320 connections")
        report["burst"] = at("granian", connections=320)(args.burst)
        report["rss_end"] = rss()
        log("publish visibility on a second server")
        report["publish_seconds"] = publish_visibility(urls["sqlite"])
        for process in (gunicorn, granian):
            stop(process)
            processes.remove(process)

        warm_database(urls["postgresql"], paths["postgresql"])
        pg = start_app("granian", urls["postgresql"])
        render_pg = start_app("render", urls["postgresql"], page_cache=False)
        processes += [pg, render_pg]
        section = "/section/polityka/"
        report["postgresql"] = rounds(
            {
                "miss, random articles, PostgreSQL (granian)": random_articles(
                    "granian", "postgresql"
                ),
                "front page rendered, PostgreSQL": at("render", "/"),
                "section page rendered, PostgreSQL": at("render", section),
            },
            count=args.rounds, duration=args.duration, warmup=args.warmup,
            before=lambda name: flush_shared_cache(),
        )  # fmt: skip
        for process in (pg, render_pg):
            stop(process)
            processes.remove(process)
        render_sqlite = start_app("render", urls["sqlite"], page_cache=False)
        processes.append(render_sqlite)
        report["sqlite_render"] = rounds(
            {
                "front page rendered, SQLite": at("render", "/"),
                "section page rendered, SQLite": at("render", section),
                "article page rendered, SQLite (no page cache)": at("render"),
            },
            count=args.rounds, duration=args.duration, warmup=args.warmup,
        )  # fmt: skip
    finally:
        for process in processes:
            stop(process)
        shutil.rmtree(workdir, ignore_errors=True)
    return report


def markdown(report: dict) -> str:
    static = report["hits"]["nginx static file"]["rps"]
    lines = [
        f"Synthetic articles: {report['articles']:,}; article page {report['page_bytes']:,} bytes; "
        f"wrk -t1 -c32 -d{report['duration']}s --latency, median of {report['rounds']} "
        "interleaved rounds.",
        "",
        "| configuration | req/s (median) | runs | p50 ms | p99 ms | × nginx static | errors |",
        "|---|---:|---|---:|---:|---:|---:|",
    ]
    for group in ("hits", "misses_sqlite", "postgresql", "sqlite_render"):
        for name, run in report[group].items():
            lines.append(
                f"| {name} | {run['rps']:,.0f} | {run['all_rps']} | {run['p50']:.2f} | "
                f"{run['p99']:.2f} | {run['rps'] / static:.3f} | {run['errors']} |"
            )
    burst = report["burst"]
    lines += [
        "",
        f"Burst, 320 connections, hot article, granian: {burst['rps']:,.0f} req/s, "
        f"p99 {burst['p99']:.1f} ms, {burst['requests']:,} requests, "
        f"socket errors {burst['socket_errors']}, non-2xx {burst['non_2xx']}.",
        f"RSS per worker (MB) at start: {report['rss_start']}; after the hit rounds: "
        f"{report['rss_after_hits']}; after the miss rounds: {report['rss_after_misses']}; "
        f"after the burst: {report['rss_end']}.",
        f"Publish visible on a second app server after (s): {report['publish_seconds']}.",
        f"PostgreSQL shared_buffers: {report['shared_buffers']}.",
        f"Queries per page at 1,000 articles: {report['queries']['1000']}; "
        f"at {report['articles']:,}: {report['queries']['N']}.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Shpalta page-cache benchmark")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--burst", type=int, default=60)
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing: apt-get install -y nginx wrk")
    report = measure(args)
    text = markdown(report)
    results = REPO / "bench" / "results"
    results.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (results / f"{stamp}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    (results / f"{stamp}.md").write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
