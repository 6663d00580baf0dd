"""Cache misses on one database, alone or between renders of the front and section pages
(as bench/run.py interleaves them), with what each round read from the disk and, on
PostgreSQL, from outside its own cache:

    .venv/bin/python bench/miss_io.py --database postgresql [--rounds 3] [--alone]

Per round: req/s, p50/p99, the machine's page-ins and major faults (/proc/vmstat), the CPU
(the last line of `vmstat 1` during the measured seconds) and, on PostgreSQL, the blocks
each table read outside `shared_buffers` (pg_statio_user_tables: heap, TOAST, index).
Runs on the data bench/run.py generated for --articles.
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import (
    PORTS,
    flush_shared_cache,
    generated_database_url,
    miss_workdir,
    start_app,
    stop,
    wrk,
)

BLOCKS_READ = (
    "SELECT relname, heap_blks_read, coalesce(toast_blks_read, 0), idx_blks_read "
    "FROM pg_statio_user_tables"
)


def blocks_read(database_url: str) -> dict[str, list[int]]:
    if not database_url.startswith("postgres"):
        return {}
    import psycopg

    with psycopg.connect(database_url) as connection:
        return {name: counts for name, *counts in connection.execute(BLOCKS_READ).fetchall()}


def page_ins() -> dict[str, int]:
    counters = dict(line.split() for line in Path("/proc/vmstat").read_text().splitlines())
    return {name: int(counters[name]) for name in ("pgpgin", "pgmajfault")}


def measured(run, database_url: str, seconds: int) -> dict:
    blocks, pages = blocks_read(database_url), page_ins()
    vmstat = subprocess.Popen(["vmstat", "1", str(seconds - 1)], stdout=subprocess.PIPE, text=True)
    result = run(seconds)
    cpu = vmstat.communicate()[0].splitlines()[-1].split()
    after, pages_after = blocks_read(database_url), page_ins()
    read = {
        name: [new - old for new, old in zip(counts, blocks.get(name, [0, 0, 0]), strict=True)]
        for name, counts in after.items()
    }
    return {
        "rps": round(result["rps"]),
        "p50": result["p50"],
        "p99": result["p99"],
        "disk_kb": pages_after["pgpgin"] - pages["pgpgin"],
        "major_faults": pages_after["pgmajfault"] - pages["pgmajfault"],
        "cpu_us_sy_id_wa": [int(value) for value in cpu[12:16]],
        "blocks_read_heap_toast_index": {n: r for n, r in read.items() if sum(r) > 100},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="postgresql")
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--alone", action="store_true", help="no page renders between rounds")
    args = parser.parse_args()
    database_url = generated_database_url(args.database, args.articles)
    workdir = miss_workdir(database_url, "shpalta-miss-io-")
    misses = start_app("granian", database_url)
    render = start_app("render", database_url, page_cache=False)

    def at(port: str, path: str = "", **options):
        url = f"http://127.0.0.1:{PORTS[port]}{path}"
        return lambda seconds: wrk(url, duration=seconds, **options)

    scenarios = {"miss": at("granian", script=workdir / "random.lua",
                            script_arg=str(workdir / "paths.txt"))}  # fmt: skip
    if not args.alone:
        scenarios |= {"front": at("render", "/"), "section": at("render", "/section/polityka/")}
    try:
        for number in range(1, args.rounds + 1):
            for name, run in scenarios.items():
                if name == "miss":
                    flush_shared_cache()
                run(3)  # warm-up, as bench/run.py
                figures = measured(run, database_url, args.duration)
                print(json.dumps({"round": number, "scenario": name, **figures}), flush=True)
    finally:
        stop(misses)
        stop(render)


if __name__ == "__main__":
    main()
