"""Where a cache miss's CPU goes: CPU time per request of each kind of process on the
machine (the app's workers, the database server, Redis, wrk itself, the kernel's threads)
while wrk asks for random articles, every one a miss:

    .venv/bin/python bench/miss_cpu.py --database sqlite [--articles 1000000] [--seconds 15]

On a 2-core machine the misses are CPU-bound, so req/s is 2 cores over the sum of these.
Runs on the data bench/run.py generated for --articles; read from /proc (utime + stime).
"""

import argparse
import json
import os
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import (
    PORTS,
    descendants,
    flush_shared_cache,
    generated_database_url,
    miss_workdir,
    start_app,
    stop,
    wrk,
)

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds_by_kind(app_pids: set[int]) -> dict[str, float]:
    """CPU seconds so far of every live process, summed by kind (its name; "app" for ours)."""
    kinds: dict[str, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        kind = "app" if int(entry.name) in app_pids else name.split("/")[0].split(":")[0]
        kinds[kind] = kinds.get(kind, 0.0) + (int(fields[11]) + int(fields[12])) / TICKS
    return kinds


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=int, default=15)
    args = parser.parse_args()
    url = generated_database_url(args.database, args.articles)
    workdir = miss_workdir(url, "shpalta-miss-cpu-")
    app = start_app("granian", url)
    try:

        def misses(seconds):
            flush_shared_cache()
            url = f"http://127.0.0.1:{PORTS['granian']}"
            lua, listed = workdir / "random.lua", str(workdir / "paths.txt")
            return wrk(url, duration=seconds, script=lua, script_arg=listed)

        misses(3)  # warm-up
        app_pids = {app.pid, *descendants(app.pid)}
        before, wrk_before = cpu_seconds_by_kind(app_pids), children_cpu()
        result = misses(args.seconds)
        after, wrk_after = cpu_seconds_by_kind(app_pids), children_cpu()
    finally:
        stop(app)
    per_request = {
        kind: round((seconds - before.get(kind, 0.0)) / result["requests"] * 1e6)
        for kind, seconds in after.items()
    }
    per_request["wrk"] = round((wrk_after - wrk_before) / result["requests"] * 1e6)
    shown = {kind: us for kind, us in sorted(per_request.items(), key=lambda kv: -kv[1]) if us >= 5}
    print(json.dumps({"database": args.database, "articles": args.articles,
                      "rps": round(result["rps"]), "p99_ms": result["p99"],
                      "cpu_us_per_request": shown, "total_us": sum(shown.values())}))  # fmt: skip


if __name__ == "__main__":
    main()
