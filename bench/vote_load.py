"""Votes under a breaking-news spike, against a real server process.

    .venv/bin/python -m bench.vote_load                       # SQLite, then PostgreSQL
    .venv/bin/python -m bench.vote_load --engine sqlite --readers 500 --votes-each 4

Each reader casts one vote, then fires the rest concurrently, two of them on one article
(a duplicate racing itself). Afterwards, read straight from the database: rows equal the
distinct (reader, article) pairs, every article's totals equal its rows, every duplicate was
answered "changed", not "added". Then the same burst again, and the server is killed with
SIGKILL in the middle: every vote it acknowledged must be stored. PostgreSQL needs
DATABASE_URL (a postgres:// URL whose server also hosts the scratch database).
"""

import argparse
import asyncio
import concurrent.futures
import json
import os
import random
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from bench.servers import Database, Server, prepare

COOKIE = "shpalta_reader"


@dataclass
class Attempt:
    reader: str | None
    article: int
    stars: int
    acknowledged: bool = False
    created: bool | None = None
    status: int | None = None


@dataclass
class ReaderPlan:
    ip: str
    votes: list[tuple[int, int]]  # the first alone, the rest at once
    cookie: str | None = None
    attempts: list[Attempt] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def reader_id(self) -> str | None:
        return self.cookie.split(":", 1)[0] if self.cookie else None


def make_plans(article_ids: list[int], readers: int, votes_each: int, seed: int = 7):
    """votes_each >= 3: first vote, then one article twice (a racing duplicate), then others."""
    rng = random.Random(seed)
    plans = []
    for n in range(readers):
        distinct = rng.sample(article_ids, votes_each - 1)
        votes = [(article, rng.randint(1, 5)) for article in distinct]
        votes.insert(2, (distinct[1], rng.randint(1, 5)))
        # Readers share addresses the way carrier NAT makes them: 4 per address.
        plans.append(ReaderPlan(ip=f"10.{n // 1024}.{(n // 4) % 256}.{n % 4 + 1}", votes=votes))
    return plans


async def _http_post(port: int, path: str, body: bytes, headers: dict) -> tuple[int, dict, bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        head = [f"POST {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close",
                f"Content-Length: {len(body)}"]  # fmt: skip
        head += [f"{k}: {v}" for k, v in headers.items()]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        await writer.drain()
        raw = await reader.read()
    finally:
        writer.close()
    if not raw:
        raise ConnectionError("connection closed without a response")
    head_raw, _, payload = raw.partition(b"\r\n\r\n")
    lines = head_raw.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    response_headers = defaultdict(list)
    for line in lines[1:]:
        name, _, value = line.partition(":")
        response_headers[name.strip().lower()].append(value.strip())
    if "chunked" in ",".join(response_headers.get("transfer-encoding", [])):
        payload = _dechunk(payload)
    return status, response_headers, payload


def _dechunk(data: bytes) -> bytes:
    out, rest = b"", data
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out, rest = out + rest[:size], rest[size + 2 :]
    return out


async def vote(port: int, plan: ReaderPlan, article: int, stars: int) -> Attempt:
    attempt = Attempt(reader=plan.reader_id, article=article, stars=stars)
    plan.attempts.append(attempt)
    path = f"/ratings/{article}/vote/"
    body = urlencode({"stars": stars, "website": ""}).encode()
    for _ in range(2):  # the second pass follows the 307 that hands out the reader cookie
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
            "Origin": f"http://127.0.0.1:{port}",
            "Sec-Fetch-Site": "same-origin",
            "X-Forwarded-For": plan.ip,
        }
        if plan.cookie:
            headers["Cookie"] = f"{COOKIE}={plan.cookie}"
        status, response_headers, payload = await _http_post(port, path, body, headers)
        attempt.status = status
        if status != 307:
            break
        for value in response_headers.get("set-cookie", []):
            if value.startswith(f"{COOKIE}="):
                plan.cookie = value.split(";", 1)[0].split("=", 1)[1].strip('"')
        attempt.reader = plan.reader_id
        path = response_headers["location"][0]
    if attempt.status == 200:
        attempt.acknowledged = True
        attempt.created = json.loads(payload)["created"]
    return attempt


async def _run_reader(port: int, plan: ReaderPlan) -> None:
    try:
        first_article, first_stars = plan.votes[0]
        await vote(port, plan, first_article, first_stars)
        rest = [vote(port, plan, article, stars) for article, stars in plan.votes[1:]]
        await asyncio.gather(*rest)
    except (ConnectionError, OSError, asyncio.IncompleteReadError, ValueError, IndexError) as e:
        # The server died under us: whatever was not acknowledged is not counted on.
        plan.errors.append(type(e).__name__)


async def burst(port: int, plans: list[ReaderPlan], *, kill_after: int = 0, server=None):
    """All readers at once. With kill_after, SIGKILL the server once that many votes have
    been acknowledged."""
    tasks = [asyncio.create_task(_run_reader(port, plan)) for plan in plans]
    if kill_after:
        while sum(a.acknowledged for p in plans for a in p.attempts) < kill_after:
            if all(task.done() for task in tasks):
                break
            await asyncio.sleep(0.005)
        server.kill()
    await asyncio.gather(*tasks)


@dataclass
class Check:
    attempts: int
    acknowledged: int
    created: int
    changed: int
    rows: int
    lost: list
    mismatched_totals: list
    wrong_created: int
    unanswered: int
    statuses: dict
    acknowledged_pairs: int = 0
    served_after_restart: bool | None = None  # kill runs: the restarted server agrees
    seconds: float = 0.0

    @property
    def votes_per_second(self) -> float:
        return self.acknowledged / self.seconds if self.seconds else 0.0

    @property
    def ok(self) -> bool:
        failed = self.lost or self.mismatched_totals or self.wrong_created or self.unanswered
        return not failed and self.served_after_restart is not False


def verify(database: Database, plans: list[ReaderPlan], *, complete: bool) -> Check:
    """Read the database directly. `complete`: every attempt was answered, so the counts must
    match exactly; otherwise only acknowledged votes are owed."""
    rows = {(r, a): s for a, r, s in database.query(
        "SELECT article_id, reader, stars FROM ratings_vote")}  # fmt: skip
    totals = {a: (c, t) for a, c, t in database.query(
        "SELECT article_id, votes_count, stars_total FROM ratings_articlerating")}  # fmt: skip
    by_article = defaultdict(lambda: [0, 0])
    for (_reader, article), stars in rows.items():
        by_article[article][0] += 1
        by_article[article][1] += stars
    mismatched = [
        (article, totals.get(article, (0, 0)), tuple(sums))
        for article, sums in by_article.items()
        if totals.get(article, (0, 0)) != tuple(sums)
    ] + [(a, t, (0, 0)) for a, t in totals.items() if a not in by_article and t != (0, 0)]
    attempts = [a for p in plans for a in p.attempts]
    acknowledged = [a for a in attempts if a.acknowledged]
    possible = defaultdict(set)  # any attempt may have landed; the pair holds one of them
    for a in attempts:
        if a.reader:
            possible[(a.reader, a.article)].add(a.stars)
    lost = [a for a in acknowledged if rows.get((a.reader, a.article)) not in possible[
        (a.reader, a.article)]]  # fmt: skip
    created = sum(1 for a in acknowledged if a.created)
    pairs = {(a.reader, a.article) for a in acknowledged}
    # Exactly one "added" answer per pair when all answers came back.
    wrong_created = abs(created - len(pairs)) if complete else 0
    if complete and len(rows) != len(pairs):
        wrong_created += abs(len(rows) - len(pairs))
    statuses = defaultdict(int)
    for a in attempts:
        statuses[a.status] += 1
    planned = sum(len(p.votes) for p in plans)
    return Check(
        attempts=len(attempts), acknowledged=len(acknowledged), created=created,
        changed=len(acknowledged) - created, rows=len(rows), lost=lost,
        mismatched_totals=mismatched, wrong_created=wrong_created,
        unanswered=(planned - len(acknowledged)) if complete else 0, statuses=dict(statuses),
        acknowledged_pairs=len(pairs),
    )  # fmt: skip


def run_coroutine(coroutine):
    """asyncio.run in a thread of its own: callers such as a test session driving a browser
    through Playwright already have an event loop running in this thread."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def run_burst(database: Database, *, port: int, readers: int, votes_each: int,
              articles: int = 20, kill: bool = False, workers: int = 2,
              server_env: dict | None = None) -> Check:  # fmt: skip
    ids = prepare(database, published=articles)["published"]
    plans = make_plans(ids, readers, votes_each)
    # As behind nginx: the reader's address arrives in X-Forwarded-For (deploy/nginx.conf).
    env = {"CLIENT_IP_HEADER": "X-Forwarded-For", **(server_env or {})}
    server = Server(database, port=port, workers=workers, env=env).start()
    try:
        total = readers * votes_each
        started = time.perf_counter()
        run_coroutine(burst(port, plans, kill_after=total // 3 if kill else 0, server=server))
        seconds = time.perf_counter() - started
    finally:
        server.stop()
    check = verify(database, plans, complete=not kill)
    check.seconds = seconds
    if kill:
        check.served_after_restart = _served_totals(database, port=port, workers=workers, env=env)
    return check


def _served_totals(database: Database, *, port: int, workers: int, env: dict) -> bool:
    """After the crash, a new server starts on the same database and serves exactly the
    totals the database holds."""
    stored = {a: c for a, c, _t in database.query(
        "SELECT article_id, votes_count, stars_total FROM ratings_articlerating")}  # fmt: skip
    with Server(database, port=port, workers=workers, env=env) as server:
        # The numbers may be cached for a few seconds (public, max-age=5): allow for that.
        deadline = time.monotonic() + 15
        pending = dict(stored)
        while pending and time.monotonic() < deadline:
            for article, count in list(pending.items()):
                url = f"{server.base_url}/ratings/{article}/"
                with urllib.request.urlopen(url, timeout=30) as response:
                    if json.loads(response.read())["votes"] == count:
                        del pending[article]
            if pending:
                time.sleep(1)
        if pending:
            return False
    return bool(stored)


def report(label: str, check: Check) -> str:
    verdict = "OK" if check.ok else "FAILED"
    return (
        f"{label}: {verdict} attempts={check.attempts} acknowledged={check.acknowledged} "
        f"added={check.created} changed={check.changed} rows={check.rows} "
        f"lost={len(check.lost)} totals_mismatched={len(check.mismatched_totals)} "
        f"{check.votes_per_second:.0f} votes/s in {check.seconds:.1f}s "
        f"statuses={check.statuses}"
        + ("" if check.served_after_restart is None else
           f" restarted_server_agrees={check.served_after_restart}")
    )  # fmt: skip


def databases(engines: list[str], folder: Path):
    for engine in engines:
        if engine == "sqlite":
            yield Database.sqlite(folder)
        elif os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgis")):
            yield Database.postgresql(os.environ["DATABASE_URL"], "voteload")
        else:
            print("postgresql: skipped (DATABASE_URL is not a postgres:// URL)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--readers", type=int, default=500)
    parser.add_argument("--votes-each", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8170")))
    parser.add_argument("--runs", type=int, default=1, help="repeat the clean burst; median")
    args = parser.parse_args(argv)
    engines = ["sqlite", "postgresql"] if args.engine == "both" else [args.engine]
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        for database in databases(engines, Path(folder)):
            try:
                rates = []
                env = _server_env(database)
                for n in range(args.runs):
                    check = run_burst(database, port=args.port, readers=args.readers,
                                      votes_each=args.votes_each, workers=args.workers,
                                      server_env=env)  # fmt: skip
                    print(report(f"{database.engine} burst {n + 1}", check), flush=True)
                    rates.append(check.votes_per_second)
                    failed |= not check.ok
                    _reset(database, Path(folder))
                rates.sort()
                print(f"{database.engine}: median {rates[len(rates) // 2]:.0f} votes/s")
                check = run_burst(database, port=args.port, readers=args.readers,
                                  votes_each=args.votes_each, kill=True, workers=args.workers,
                                  server_env=env)  # fmt: skip
                print(report(f"{database.engine} kill -9 mid-burst", check), flush=True)
                failed |= not check.ok
            finally:
                database.drop()
    return 1 if failed else 0


def _server_env(database: Database) -> dict:
    """PostgreSQL runs as in production: with the shared Redis for rate limits and salts."""
    redis_url = os.environ.get("REDIS_URL", "")
    if database.engine == "postgresql" and redis_url:
        return {"REDIS_URL": redis_url, "CACHE_KEY_PREFIX": "shpalta-bench"}
    return {}


def _reset(database: Database, folder: Path) -> None:
    database.drop()
    if database.engine == "sqlite":
        Database.sqlite(folder)
    else:
        Database.postgresql(os.environ["DATABASE_URL"], "voteload")


if __name__ == "__main__":
    sys.exit(main())
