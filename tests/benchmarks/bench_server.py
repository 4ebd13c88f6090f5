"""Hoist Server under load: two instances on one PostgreSQL, 50 concurrent clients.

    .venv/bin/python tests/benchmarks/bench_server.py [--clients 50] [--seconds 30] [--parts 100] [--batch 10]

Starts a throwaway PostgreSQL cluster, SeaweedFS and two ``hoist-server run`` processes
(all on 127.0.0.1, free ports), then for ``--seconds`` runs ``--clients`` async httpx
clients, half on each instance, each a user of its own, each looping: create an upload, sign ``--parts`` part
URLs in batches of ``--batch`` (Companion's batch route), PUT one small part to the
storage and complete with it. Bounded: the clients stop at the deadline, everything
started is stopped at the end. Prints the errors (the target is none), part signatures
per second per instance (from each instance's /metrics), and p50/p99 latency per route,
with the machine's load. Targets (issue 16): >= 1,000 signatures/s per instance, p99 < 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.server.conftest import run_cli  # noqa: E402
from tests.server.services import Postgres, Seaweed, ServerProcess, free_port  # noqa: E402


def parts_signed(port: int) -> float:
    text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=10).text
    match = re.search(r"^hoist_server_parts_signed_total ([0-9.e+]+)$", text, re.MULTILINE)
    return float(match.group(1)) if match else 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def client_loop(
    base: str,
    token: str,
    deadline: float,
    parts: int,
    batch: int,
    latencies: dict[str, list[float]],
    errors: list[str],
    counts: dict[str, int],
) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    async with (
        httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as http,
        httpx.AsyncClient(timeout=30) as s3,
    ):

        async def call(route: str, method: str, path: str, **kwargs: object) -> httpx.Response:
            start = time.perf_counter()
            response = await http.request(method, path, **kwargs)  # type: ignore[arg-type]
            latencies[route].append(time.perf_counter() - start)
            if response.status_code != 200:
                errors.append(f"{route}: {response.status_code} {response.text[:200]}")
            return response

        n = 0
        while time.monotonic() < deadline:
            n += 1
            created = (
                await call(
                    "create",
                    "POST",
                    "/s3/multipart",
                    json={"filename": f"bench/{id(http)}-{n}.bin", "type": "application/octet-stream"},
                )
            ).json()
            key, uid = created["key"], created["uploadId"]
            urls: dict[str, str] = {}
            for first in range(1, parts + 1, batch):
                numbers = ",".join(str(p) for p in range(first, min(first + batch, parts + 1)))
                reply = await call(
                    "sign batch",
                    "GET",
                    f"/s3/multipart/{uid}/batch",
                    params={"key": key, "partNumbers": numbers},
                )
                urls.update(reply.json().get("presignedUrls", {}))
            put = await s3.put(urls["1"], content=b"x" * 1024)
            if put.status_code != 200:
                errors.append(f"PUT: {put.status_code}")
                continue
            await call(
                "complete",
                "POST",
                f"/s3/multipart/{uid}/complete",
                params={"key": key},
                json={"parts": [{"PartNumber": 1, "ETag": put.headers["etag"]}]},
            )
            counts["uploads"] += 1


async def run_clients(
    ports: list[int], tokens: list[str], args: argparse.Namespace
) -> tuple[dict[str, list[float]], list[str], dict[str, int], float]:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    counts: dict[str, int] = defaultdict(int)
    start = time.monotonic()
    deadline = start + args.seconds
    await asyncio.gather(
        *(
            client_loop(
                f"http://127.0.0.1:{ports[i % len(ports)]}",
                tokens[i % len(tokens)],
                deadline,
                args.parts,
                args.batch,
                latencies,
                errors,
                counts,
            )
            for i in range(args.clients)
        )
    )
    return latencies, errors, counts, time.monotonic() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--parts", type=int, default=100)
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument("--instances", type=int, default=2)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-server-"))
    pg, seaweed = Postgres(), Seaweed(work)
    servers: list[ServerProcess] = []
    try:
        pg.start()
        seaweed.start()
        url = pg.create_database("bench")
        run_cli("--database-url", url, "migrate")
        tokens = []
        for u in range(args.clients):  # one person per client, as in a team (each has a token)
            run_cli(
                "--database-url",
                url,
                "user",
                "add",
                f"u{u}",
                "--prefix",
                f"bench/u{u}/",
                "--max-open-sessions",
                "100000",
            )
            tokens.append(run_cli("--database-url", url, "token", "create", f"u{u}").strip())
        servers = [
            ServerProcess(url, seaweed.storage_url, free_port(), work / f"server{i}.log")
            for i in range(args.instances)
        ]
        for s in servers:
            s.start()
        ports = [s.port for s in servers]
        before = [parts_signed(p) for p in ports]
        pids = [s.process.pid for s in servers if s.process is not None]
        cpu_servers_before = [cpu_seconds(pid) for pid in pids]
        load_before = os.getloadavg()
        cpu_before = os.times()
        latencies, errors, counts, elapsed = asyncio.run(run_clients(ports, tokens, args))
        cpu_after = os.times()
        signed = [parts_signed(p) - b for p, b in zip(ports, before, strict=True)]
        server_cpu = [cpu_seconds(pid) - c for pid, c in zip(pids, cpu_servers_before, strict=True)]
        print(
            f"machine: {os.cpu_count()} cores; load average before {load_before[0]:.2f}, after {os.getloadavg()[0]:.2f}"
        )
        print(
            f"{args.clients} clients, {args.instances} instances, PostgreSQL 15, SeaweedFS; {elapsed:.1f} s"
        )
        print(f"uploads completed: {counts['uploads']}; errors: {len(errors)}")
        for e in errors[:10]:
            print("  ", e)
        for i, n in enumerate(signed):
            print(
                f"instance {i}: {n:.0f} part signatures, {n / elapsed:,.0f} per second, using "
                f"{server_cpu[i] / elapsed:.0%} of a core ({n / server_cpu[i]:,.0f} signatures per CPU-second)"
            )
        print(f"all instances: {sum(signed) / elapsed:,.0f} signatures per second")
        for route, values in latencies.items():
            print(
                f"{route:>11}: {len(values):6d} requests, p50 {percentile(values, 0.5) * 1000:6.1f} ms, p99 {percentile(values, 0.99) * 1000:6.1f} ms"
            )
        inside: dict[str, list[float]] = defaultdict(list)  # the servers' own view (access logs)
        for s in servers:
            for line in s.log.read_text().splitlines():
                record = json.loads(line)
                if "route" in record and record["route"] != "/metrics":
                    inside[record["route"]].append(record["ms"] / 1000)
        for route, values in sorted(inside.items()):
            print(
                f"  inside the server {route}: p50 {percentile(values, 0.5) * 1000:6.1f} ms, "
                f"p99 {percentile(values, 0.99) * 1000:6.1f} ms"
            )
        client_cpu = (cpu_after.user + cpu_after.system) - (cpu_before.user + cpu_before.system)
        print(f"the benchmark's own clients used {client_cpu / elapsed:.0%} of a core")
        return 1 if errors else 0
    finally:
        for s in servers:
            s.stop()
        seaweed.stop()
        pg.stop()


if __name__ == "__main__":
    sys.exit(main())
