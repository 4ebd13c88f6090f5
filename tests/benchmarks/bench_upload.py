"""Upload benchmark: Hoist against aws cli, s5cmd and curl on a local `rclone serve s3`.

Run (after `.venv/bin/pip install -e '.[bench]'`):

    .venv/bin/python tests/benchmarks/bench_upload.py [--size 1GiB] [--also 4GiB] [--small 200x1MiB]

Every client runs as a child process; its wall time, CPU seconds (user+sys from
os.wait4, which includes any children it waited for) and peak RSS (ru_maxrss) are
measured, and every uploaded object is read back and compared by SHA-256 with the
source. Installs nothing: rclone, s5cmd and aws come from the `bench` extra.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import psutil
from botocore.config import Config as BotoConfig

MiB = 1024 * 1024
AK, SK = "benchkey", "benchsecret1234567890"
BUCKET = "bench"
REGION = "us-east-1"
REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent  # the venv's bin: hoist, aws, s5cmd, rclone
ALL_TOOLS = ("hoist", "aws", "s5cmd", "curl")

UNITS = {"": 1, "b": 1, "k": 1000, "kb": 1000, "m": 1000**2, "mb": 1000**2, "g": 1000**3, "gb": 1000**3,
         "kib": 1024, "mib": MiB, "gib": 1024 * MiB}  # fmt: skip


def parse_size(text: str) -> int:
    text = text.strip().lower()
    number = text.rstrip("abcdefghijklmnopqrstuvwxyz")
    return int(float(number) * UNITS[text[len(number) :].strip()])


def human(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f}{unit}" if unit == "B" else f"{n:.4g}{unit}"
        n /= 1024
    return str(n)


# -- data ------------------------------------------------------------------------------------


def make_file(path: Path, size: int) -> str:
    """Random-ish bytes (incompressible, every MiB different); returns the SHA-256."""
    digest = hashlib.sha256()
    seed = os.urandom(4 * MiB)
    with open(path, "wb") as handle:
        written, counter = 0, 0
        while written < size:
            # A fresh random block every 4 MiB is cheap; the counter makes each MiB unique.
            start = (counter * 7919) % (3 * MiB)
            chunk = counter.to_bytes(8, "big") + seed[start : start + MiB - 8]
            chunk = chunk[: size - written]
            handle.write(chunk)
            digest.update(chunk)
            written += len(chunk)
            counter += 1
            if counter % 64 == 0:
                seed = os.urandom(4 * MiB)
    return digest.hexdigest()


def cached_file(workdir: Path, size: int) -> tuple[Path, str]:
    path = workdir / f"data-{size}.bin"
    meta = workdir / f"data-{size}.sha256"
    if path.exists() and meta.exists() and path.stat().st_size == size:
        return path, meta.read_text().strip()
    print(f"generating {path} ({human(size)}) ...", flush=True)
    sha = make_file(path, size)
    meta.write_text(sha)
    return path, sha


def cached_tree(workdir: Path, count: int, size: int) -> tuple[Path, dict[str, str]]:
    folder = workdir / f"small-{count}x{size}"
    meta = workdir / f"small-{count}x{size}.json"
    if folder.is_dir() and meta.exists():
        return folder, json.loads(meta.read_text())
    print(f"generating {folder} ({count} x {human(size)}) ...", flush=True)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    digests = {}
    for i in range(count):
        name = f"f{i:05d}.bin"
        data = os.urandom(size)
        (folder / name).write_bytes(data)
        digests[name] = hashlib.sha256(data).hexdigest()
    meta.write_text(json.dumps(digests))
    return folder, digests


def warm(path: Path) -> None:
    """Read the source once so every client starts from the page cache."""
    files = [path] if path.is_file() else sorted(path.iterdir())
    for f in files:
        with open(f, "rb", buffering=0) as handle:
            while handle.read(8 * MiB):
                pass


# -- server ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def rclone_server(root: Path, nice: int = 0) -> Iterator[tuple[str, psutil.Process]]:
    port = free_port()
    (root / BUCKET).mkdir(parents=True, exist_ok=True)
    log = open(root.parent / "rclone.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [str(BIN / "rclone"), "serve", "s3", str(root), "--addr", f"127.0.0.1:{port}",
         "--auth-key", f"{AK},{SK}", "--vfs-cache-mode", "off", "--config", "/dev/null"],
        stdout=log, stderr=subprocess.STDOUT, preexec_fn=(lambda: os.nice(nice)) if nice else None,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"rclone serve s3 did not start; see {log.name}") from None
                time.sleep(0.1)
        yield url, psutil.Process(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def s3_client(url: str) -> Any:
    return boto3.client(
        "s3", endpoint_url=url, region_name=REGION, aws_access_key_id=AK, aws_secret_access_key=SK,
        config=BotoConfig(signature_version="s3v4", s3={"addressing_style": "path"},
                          retries={"max_attempts": 3}),
    )  # fmt: skip


def object_sha256(s3: Any, key: str) -> tuple[int, str]:
    body = s3.get_object(Bucket=BUCKET, Key=key)["Body"]
    digest, size = hashlib.sha256(), 0
    for chunk in iter(lambda: body.read(4 * MiB), b""):
        digest.update(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def delete_prefix(s3: Any, prefix: str) -> None:
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix):
        keys = [{"Key": o["Key"]} for o in page.get("Contents", [])]
        if keys:
            s3.delete_objects(Bucket=BUCKET, Delete={"Objects": keys, "Quiet": True})
    try:
        uploads = s3.list_multipart_uploads(Bucket=BUCKET, Prefix=prefix).get("Uploads", [])
    except s3.exceptions.NoSuchUpload:  # rclone's answer when there are none
        uploads = []
    for upload in uploads:
        s3.abort_multipart_upload(Bucket=BUCKET, Key=upload["Key"], UploadId=upload["UploadId"])


# -- clients ---------------------------------------------------------------------------------


@dataclass
class Run:
    tool: str
    wall: float
    cpu: float
    rss_mb: float
    server_cpu: float
    load: float
    ok: bool
    note: str = ""


@dataclass
class Case:
    label: str
    source: Path  # a file or a folder
    digests: dict[str, str]  # name -> sha256 (one entry for a single file)
    total: int
    runs: dict[str, list[Run]] = field(default_factory=dict)


def client_env(workdir: Path, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "HOIST_"))}
    aws_config = workdir / "aws-config"
    aws_config.write_text("[default]\n")  # the aws cli's defaults, not this machine's ~/.aws
    env.update(
        AWS_ACCESS_KEY_ID=AK, AWS_SECRET_ACCESS_KEY=SK, AWS_DEFAULT_REGION=REGION, AWS_REGION=REGION,
        AWS_CONFIG_FILE=str(aws_config), AWS_SHARED_CREDENTIALS_FILE=str(workdir / "aws-none"),
        HOIST_HOME=str(home), PYTHONUNBUFFERED="1",
    )  # fmt: skip
    return env


def command(tool: str, case: Case, url: str, s3: Any, workdir: Path) -> list[str]:
    prefix = f"{tool}/"
    src = case.source
    folder = src.is_dir()
    if tool == "hoist":
        return [str(BIN / "hoist"), "upload", str(src) + ("/" if folder else ""),
                "--to", f"s3://{BUCKET}/{tool}", "--endpoint-url", url, "--path-style",
                "--region", REGION, "--quiet", "--if-exists", "overwrite"]  # fmt: skip
    if tool == "aws":
        target = f"s3://{BUCKET}/{prefix}" + ("" if folder else src.name)
        cmd = [str(BIN / "aws"), "s3", "cp", str(src), target, "--endpoint-url", url,
               "--no-progress", "--only-show-errors"]  # fmt: skip
        return [*cmd, "--recursive"] if folder else cmd
    if tool == "s5cmd":
        pattern = str(src / "*") if folder else str(src)
        return [str(BIN / "s5cmd"), "--endpoint-url", url, "cp", pattern, f"s3://{BUCKET}/{prefix}"]
    if tool == "curl":
        # Single stream, one connection: the line-rate reference. URLs are presigned here,
        # outside the measured process.
        config = workdir / "curl.cfg"
        lines = []
        for name in sorted(case.digests):
            path = src / name if folder else src
            signed = s3.generate_presigned_url(
                "put_object", Params={"Bucket": BUCKET, "Key": prefix + name}, ExpiresIn=3600
            )
            lines += [f'upload-file = "{path}"', f'url = "{signed}"', 'output = "/dev/null"']
        config.write_text("\n".join(lines) + "\n")
        return ["curl", "-sS", "--fail", "-X", "PUT", "-H", "Expect:", "-K", str(config)]
    raise ValueError(tool)


def tree_hwm_mb(root: int) -> float:
    """Sum of VmHWM (the kernel's peak-RSS mark, reset at exec) over a process tree, in MB.

    ru_maxrss from wait4 is not used for RSS: it counts the forked copy of this Python
    process before exec (~60 MB), so every client would seem to need at least that much.
    """
    total = 0
    try:
        procs = [psutil.Process(root), *psutil.Process(root).children(recursive=True)]
    except psutil.Error:
        return 0.0
    for proc in procs:
        try:
            with open(f"/proc/{proc.pid}/status") as handle:
                for line in handle:
                    if line.startswith("VmHWM:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


class PeakRss(threading.Thread):
    """Polls the child tree's high-water marks until it exits; keeps the largest sum."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, tree_hwm_mb(self.pid))
            self.done.wait(0.02)


def measure(
    tool: str, case: Case, url: str, server: psutil.Process, s3: Any, workdir: Path, nice: int = 0
) -> Run:
    home = Path(tempfile.mkdtemp(prefix="hoist-home-", dir=workdir))
    cmd = command(tool, case, url, s3, workdir)
    env = client_env(workdir, home)
    os.sync()  # earlier runs' dirty pages must not be flushed during this one
    time.sleep(1.0)
    load = os.getloadavg()[0]
    server_before = sum(server.cpu_times()[:2])
    out = open(workdir / f"{tool}.log", "wb")  # noqa: SIM115
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=str(workdir),
        preexec_fn=(lambda: os.nice(nice)) if nice else None,
    )  # fmt: skip
    peak = PeakRss(proc.pid)
    peak.start()
    # WNOWAIT: the exited child stays a zombie, so its last high-water mark can still be read.
    os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
    wall = time.perf_counter() - start
    peak.done.set()
    peak.join()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    out.close()
    server_cpu = sum(server.cpu_times()[:2]) - server_before
    run = Run(tool, wall, usage.ru_utime + usage.ru_stime, peak.peak, server_cpu, load, True)
    if proc.returncode != 0:
        run.ok, run.note = False, f"exit {proc.returncode}: {(workdir / f'{tool}.log').read_text()[-400:]}"
    else:
        run.ok, run.note = verify(tool, case, s3, home)
    delete_prefix(s3, f"{tool}/")
    shutil.rmtree(home, ignore_errors=True)
    return run


def verify(tool: str, case: Case, s3: Any, home: Path) -> tuple[bool, str]:
    """Read every object back: size and SHA-256 must equal the source's."""
    for name, expected in case.digests.items():
        size, sha = object_sha256(s3, f"{tool}/{name}")
        want = case.total // len(case.digests)
        if sha != expected or size != want:
            return False, f"{name}: read back {size} bytes sha256 {sha[:12]}, expected {expected[:12]}"
    if tool == "hoist":  # Hoist's own receipt must agree too
        status = subprocess.run(
            [str(BIN / "hoist"), "status", "--json", "--all"], env={**os.environ, "HOIST_HOME": str(home)},
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        try:
            rows = json.loads(status.stdout)
            rows = rows.get("uploads", rows) if isinstance(rows, dict) else rows
            receipts = {Path(r["local_path"]).name: r.get("sha256") for r in rows}
        except (ValueError, KeyError, TypeError):
            return True, "objects ok; receipt not readable from `hoist status --json`"
        bad = [n for n, d in case.digests.items() if receipts.get(n) != d]
        if bad:
            return False, f"Hoist's SHA-256 receipt differs for {bad[:3]}"
    return True, ""


# -- report ----------------------------------------------------------------------------------


def summarize(case: Case) -> list[str]:
    lines = [f"\n== {case.label}: {human(case.total)} ==",
             f"{'tool':<6} {'runs':>4} {'wall s':>7} {'(worst)':>8} {'MB/s':>7} {'CPU s':>6} "
             f"{'(worst)':>8} {'RSS MB':>7} {'srv CPU':>8} {'load':>5}  check"]  # fmt: skip
    best: dict[str, Run] = {}
    for tool, runs in case.runs.items():
        good = [r for r in runs if r.ok]
        if not good:
            lines.append(f"{tool:<6} FAILED: {runs[-1].note}")
            continue
        fastest = min(good, key=lambda r: r.wall)
        best[tool] = Run(tool, fastest.wall, min(r.cpu for r in good), max(r.rss_mb for r in good),
                         statistics.median(r.server_cpu for r in good), fastest.load, True)  # fmt: skip
        mbs = case.total / 1e6 / fastest.wall
        lines.append(
            f"{tool:<6} {len(good):>4} {fastest.wall:>7.2f} {max(r.wall for r in good):>8.2f} {mbs:>7.0f} "
            f"{best[tool].cpu:>6.2f} {max(r.cpu for r in good):>8.2f} {best[tool].rss_mb:>7.0f} "
            f"{best[tool].server_cpu:>8.2f} {fastest.load:>5.2f}  "
            + ("ok" if len(good) == len(runs) else f"{len(runs) - len(good)} FAILED: {runs[-1].note}")
            + (f" ({good[-1].note})" if good[-1].note else "")
        )
    hoist = best.get("hoist")
    if hoist:
        for tool, peer in best.items():
            if tool != "hoist":
                lines.append(
                    f"hoist/{tool:<6} wall {hoist.wall / peer.wall:.2f}x  CPU {hoist.cpu / peer.cpu:.2f}x  "
                    f"RSS {hoist.rss_mb / peer.rss_mb:.2f}x"
                )
    case.runs["_best"] = list(best.values())
    return lines


def verdicts(cases: list[Case]) -> list[str]:
    lines = ["\n== targets (issue 2) =="]
    main = cases[0]
    best = {r.tool: r for r in main.runs.get("_best", [])}
    hoist = best.get("hoist")
    if hoist is None:
        return [*lines, "Hoist did not complete: no verdict"]
    for peer in ("aws", "s5cmd"):
        if peer in best:
            ratio = hoist.wall / best[peer].wall
            lines.append(f"{'MET' if ratio <= 0.95 else 'NOT MET':<8} wall <= 0.95x {peer} "
                         f"({main.label}): {ratio:.2f}x")  # fmt: skip
    if "aws" in best:
        ratio = hoist.cpu / best["aws"].cpu
        lines.append(f"{'MET' if ratio <= 1.0 else 'NOT MET':<8} CPU <= aws ({main.label}): {ratio:.2f}x")
    rss = {c.label: r.rss_mb for c in cases for r in c.runs.get("_best", []) if r.tool == "hoist"}
    worst = max(rss.values())
    lines.append(f"{'MET' if worst < 120 else 'NOT MET':<8} peak RSS < 120 MB: "
                 + ", ".join(f"{k} {v:.0f} MB" for k, v in rss.items()))  # fmt: skip
    big = [c for c in cases if c.source.is_file()]
    if len(big) > 1:
        small_rss, large_rss = rss.get(big[0].label), rss.get(big[-1].label)
        if small_rss and large_rss:
            grows = large_rss > small_rss * 1.15 + 5
            lines.append(f"{'NOT MET' if grows else 'MET':<8} RSS does not grow with size: "
                         f"{big[0].label} {small_rss:.0f} MB -> {big[-1].label} {large_rss:.0f} MB")  # fmt: skip
    return lines


# -- main ------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", default="1GiB", help="the main file (default 1GiB)")
    ap.add_argument("--also", action="append", default=[], help="another file size, e.g. 4GiB (repeatable)")
    ap.add_argument("--small", default=None, help="many small files, e.g. 200x1MiB")
    ap.add_argument("--tools", default=",".join(ALL_TOOLS), help="clients for --size and --small")
    ap.add_argument("--also-tools", default="hoist", help="clients for --also sizes (default hoist)")
    ap.add_argument("--repeat", type=int, default=2, help="runs per client and case (default 2)")
    ap.add_argument("--also-repeat", type=int, default=1, help="runs per client for --also (default 1)")
    ap.add_argument("--workdir", default=None, help="keep data here between runs (default: a temp dir)")
    ap.add_argument("--json", default=None, help="also write the raw runs to this file")
    ap.add_argument("--nice", type=int, default=0,
                    help="run the server and every client at this niceness (e.g. -10 as root, to "
                         "shield the comparison from other load; all get the same)")  # fmt: skip
    args = ap.parse_args()

    for tool in ("hoist", "aws", "s5cmd", "rclone"):
        if not (BIN / tool).exists():
            print(f"{BIN / tool} is missing: .venv/bin/pip install -e '.[bench]'", file=sys.stderr)
            return 2
    if shutil.which("curl") is None:
        print("curl is missing (apt-get install curl)", file=sys.stderr)
        return 2

    keep = args.workdir is not None
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="hoist-bench-", dir=REPO / "build"
                                                    if (REPO / "build").is_dir() else None))  # fmt: skip
    workdir = workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    tools = [t for t in args.tools.split(",") if t]
    cases: list[tuple[Case, list[str], int]] = []
    path, sha = cached_file(workdir, parse_size(args.size))
    cases.append((Case(args.size, path, {path.name: sha}, path.stat().st_size), tools, args.repeat))
    for extra in args.also:
        path, sha = cached_file(workdir, parse_size(extra))
        case = Case(extra, path, {path.name: sha}, path.stat().st_size)
        cases.append((case, [t for t in args.also_tools.split(",") if t], args.also_repeat))
    if args.small:
        count, _, each = args.small.partition("x")
        folder, digests = cached_tree(workdir, int(count), parse_size(each))
        cases.append((Case(args.small, folder, digests, int(count) * parse_size(each)), tools, args.repeat))

    print(f"{time.strftime('%Y-%m-%d %H:%M:%S %Z')}  load {os.getloadavg()}  cpus {os.cpu_count()}"
          f"  nice {args.nice}\n{' '.join(sys.argv)}")  # fmt: skip
    print("versions: " + "; ".join(
        subprocess.run(c, capture_output=True, text=True, check=False).stdout.splitlines()[0]
        for c in ([str(BIN / "rclone"), "version"], [str(BIN / "aws"), "--version"],
                  [str(BIN / "s5cmd"), "version"], ["curl", "--version"], [str(BIN / "hoist"), "--version"])
    ))  # fmt: skip
    report: list[str] = []
    try:
        with rclone_server(workdir / "server", args.nice) as (url, server):
            s3 = s3_client(url)
            for index, (case, case_tools, repeat) in enumerate(cases):
                warm(case.source)
                # The first upload of a case runs against a server whose heap and target
                # files are cold (seen: 7.6 s against 4.3-5.0 s for the next runs of the same
                # client). One unmeasured curl upload warms it, so no client pays for going
                # first; the starting client also rotates from case to case.
                measure("curl", case, url, server, s3, workdir, args.nice)
                for round_ in range(repeat):
                    shift = (round_ + index) % len(case_tools)
                    order = case_tools[shift:] + case_tools[:shift]
                    for tool in order:
                        run = measure(tool, case, url, server, s3, workdir, args.nice)
                        case.runs.setdefault(tool, []).append(run)
                        print(f"  {case.label:>9} {tool:<6} wall {run.wall:6.2f}s  cpu {run.cpu:6.2f}s  "
                              f"rss {run.rss_mb:5.0f}MB  server cpu {run.server_cpu:6.2f}s  "
                              f"load {run.load:.2f}  {'ok' if run.ok else 'FAILED ' + run.note}",
                              flush=True)  # fmt: skip
                report += summarize(case)
    finally:
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            shutil.rmtree(workdir / "server", ignore_errors=True)
    report += verdicts([c for c, _, _ in cases])
    report.append(f"\nfinished {time.strftime('%H:%M:%S')}  load {os.getloadavg()}")
    print("\n".join(report))
    if args.json:
        Path(args.json).write_text(json.dumps(
            {c.label: {t: [r.__dict__ for r in rs] for t, rs in c.runs.items()} for c, _, _ in cases},
            indent=1))  # fmt: skip
    return 0 if all(r.ok for c, _, _ in cases for t, rs in c.runs.items() for r in rs) else 1


if __name__ == "__main__":
    sys.exit(main())
