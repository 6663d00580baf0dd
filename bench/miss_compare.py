"""Cache misses side by side with an earlier version of the code, in one run.

    .venv/bin/python bench/miss_compare.py --baseline e2d20ed --articles 1000000
    .venv/bin/python bench/miss_compare.py --baseline e2d20ed --database postgresql

Both versions serve the same database (the SQLite file or the PostgreSQL database
bench/run.py generated for --articles) from
their own granian servers (2 workers each, page cache on, the same Redis), and wrk asks each
in turn for random articles of 50,000, then for the front page and a section page with the
page cache off: interleaved rounds, medians. The baseline is checked out into a temporary
git worktree and runs on this checkout's virtualenv; only ratios within the run mean
anything on a shared machine.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import (
    RANDOM_PATHS_LUA,
    REPO,
    article_paths,
    flush_shared_cache,
    generated_database_url,
    rounds,
    start_app,
    stop,
    warm_database,
    wrk,
)

PORTS = {"current": 8137, "baseline": 8138, "current-render": 8139, "baseline-render": 8140}


def scenarios(lua: Path, paths: Path) -> dict:
    def random_articles(name):
        return lambda seconds: wrk(
            f"http://127.0.0.1:{PORTS[name]}", duration=seconds, script=lua,
            script_arg=str(paths),
        )  # fmt: skip

    def page(name, path):
        return lambda seconds: wrk(f"http://127.0.0.1:{PORTS[name]}{path}", duration=seconds)

    runs = {}
    for version in ("baseline", "current"):
        runs[f"miss, random articles ({version})"] = random_articles(version)
    for path in ("/", "/section/polityka/"):
        for version in ("baseline", "current"):
            runs[f"{path} rendered ({version})"] = page(f"{version}-render", path)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", required=True, help="a git revision")
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    url = generated_database_url(args.database, args.articles)
    workdir = Path(tempfile.mkdtemp(prefix="shpalta-compare-"))
    baseline = workdir / "baseline"
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(baseline),
                    args.baseline], check=True, capture_output=True)  # fmt: skip
    processes = []
    try:
        (workdir / "random.lua").write_text(RANDOM_PATHS_LUA)
        paths = article_paths(url)
        (workdir / "paths.txt").write_text("\n".join(paths))
        warm_database(url, paths)
        for version, code in (("current", REPO), ("baseline", baseline)):
            for name, page_cache in ((version, True), (f"{version}-render", False)):
                processes.append(
                    start_app(name, url, page_cache=page_cache, port=PORTS[name], code=code)
                )
        results = rounds(
            scenarios(workdir / "random.lua", workdir / "paths.txt"),
            count=args.rounds, duration=args.duration, warmup=2,
            before=lambda name: flush_shared_cache(),
        )  # fmt: skip
    finally:
        for process in processes:
            stop(process)
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(baseline)],
                       check=False)  # fmt: skip
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"{args.articles:,} articles, {args.database}; baseline {args.baseline}; wrk -t1 -c32 "
          f"-d{args.duration}s, median of {args.rounds} interleaved rounds")  # fmt: skip
    print("| | req/s (median) | runs | p50 ms | p99 ms | errors |\n|---|---:|---|---:|---:|---:|")
    for name, run in results.items():
        print(f"| {name} | {run['rps']:,.0f} | {run['all_rps']} | {run['p50']:.1f} | "
              f"{run['p99']:.1f} | {run['errors']} |")  # fmt: skip


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shpalta.settings")
    main()
