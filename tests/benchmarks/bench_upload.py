"""Upload benchmark: Hoist against s5cmd, aws cli (and curl) on a local `rclone serve s3`,
on loopback and through a long link (tests/support/latency_proxy.py).

Run (after `.venv/bin/pip install -e '.[bench]'`):

    .venv/bin/python tests/benchmarks/bench_upload.py                    # every case, 2 runs each
    .venv/bin/python tests/benchmarks/bench_upload.py --cases a,d --scale 0.1   # a quick look

Cases (--cases, default all):
  a  1,000 x 256 KiB at 40 ms RTT (1 MiB window per connection)
  b  10,000 x 16 KiB at 40 ms RTT (1 MiB window)
  c  one 1 GiB file at 40 ms RTT with a 1 MiB window
  d  200 x 1 MiB on loopback
  e  one 1 GiB file over HTTPS on loopback (a throwaway CA that every client is told to trust)
  f  one 1 GiB file over HTTP on loopback
--scale shrinks them: the file count of a, b, d, the size of c, e, f.

Every client runs as a child process, each with its defaults, every tool of a long-link
case through the same proxy. Its wall time, CPU seconds (user+sys from os.wait4, which
includes any children it waited for) and peak RSS (the kernel's high-water mark, VmHWM,
summed over its process tree, polled every 20 ms) are measured; every uploaded object is
read back and compared by SHA-256 with its source. Installs nothing: rclone, s5cmd and aws
come from the `bench` extra, curl and openssl from the OS.
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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import boto3
import psutil
from botocore.config import Config as BotoConfig

KiB, MiB, GiB = 1024, 1024 * 1024, 1024 * 1024 * 1024
AK, SK = "benchkey", "benchsecret1234567890"
BUCKET = "bench"
REGION = "us-east-1"
REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent  # the venv's bin: hoist, aws, s5cmd, rclone
PEERS = ("s5cmd", "aws")
# Variables that point a client at a trust store or a configuration other than the one a
# case gives it (this machine's environment sets several to the system bundle).
FOREIGN_ENV = ("AWS_", "HOIST_", "SSL_CERT_", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "NIX_SSL_CERT_FILE")

UNITS = {"": 1, "b": 1, "k": 1000, "kb": 1000, "m": 1000**2, "mb": 1000**2, "g": 1000**3, "gb": 1000**3,
         "kib": 1024, "mib": MiB, "gib": 1024 * MiB}  # fmt: skip


def parse_size(text: str) -> int:
    text = text.strip().lower()
    number = text.rstrip("abcdefghijklmnopqrstuvwxyz")
    return int(float(number) * UNITS[text[len(number) :].strip()])


def parse_ms(text: str) -> float:
    text = text.strip().lower()
    return float(text[:-2]) / 1000 if text.endswith("ms") else float(text.rstrip("s"))


def human(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f}{unit}" if unit == "B" else f"{n:.4g}{unit}"
        n /= 1024
    return str(n)


# -- cases -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    """What a case uploads and over what link."""

    name: str
    count: int  # files (1: a single file)
    size: int  # bytes each
    rtt: float = 0.0  # 0: straight to the server on loopback, no proxy
    window: int = 0  # bytes in flight per connection and way (with rtt)
    tls: bool = False
    tools: tuple[str, ...] = ("hoist", "s5cmd", "aws")

    def title(self) -> str:
        what = f"{self.count:,} x {human(self.size)}" if self.count > 1 else f"one {human(self.size)} file"
        link = (f"at {self.rtt * 1000:.0f} ms RTT, {human(self.window)} window" if self.rtt
                else "over HTTPS on loopback" if self.tls else "on loopback")  # fmt: skip
        return f"({self.name}) {what} {link}"

    def scaled(self, scale: float) -> Spec:
        if self.count > 1:
            return replace(self, count=max(2, round(self.count * scale)))
        return replace(self, size=max(MiB, round(self.size * scale / MiB) * MiB))


LOOPBACK_TOOLS = ("hoist", "s5cmd", "aws", "curl")  # curl: one stream, the line-rate reference
CASES = {
    "a": Spec("a", 1000, 256 * KiB, rtt=0.040, window=MiB),
    "b": Spec("b", 10_000, 16 * KiB, rtt=0.040, window=MiB),
    "c": Spec("c", 1, GiB, rtt=0.040, window=MiB),
    "d": Spec("d", 200, MiB, tools=LOOPBACK_TOOLS),
    "e": Spec("e", 1, GiB, tls=True, tools=LOOPBACK_TOOLS),
    "f": Spec("f", 1, GiB, tools=LOOPBACK_TOOLS),
}


@dataclass
class Run:
    tool: str
    wall: float
    cpu: float
    rss_mb: float
    server_cpu: float
    proxy_cpu: float
    connections: int  # TCP connections the client opened (through the proxy; 0 without one)
    load: float
    ok: bool
    note: str = ""


@dataclass
class Case:
    spec: Spec
    label: str  # the letter, or "also-4GiB"
    source: Path  # a file or a folder
    digests: dict[str, str]  # name -> sha256 (one entry for a single file)
    tools: list[str]
    repeat: int
    runs: dict[str, list[Run]] = field(default_factory=dict)
    best: dict[str, Run] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.spec.count * self.spec.size

    @property
    def many(self) -> bool:
        return self.spec.count > 1

    def rate(self, run: Run) -> float:
        """files/s for many files, MB/s (10^6 bytes) for one."""
        return (self.spec.count if self.many else self.total / 1e6) / run.wall

    @property
    def unit(self) -> str:
        return "files/s" if self.many else "MB/s"


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


# -- servers ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Tls:
    """A throwaway CA and a certificate for 127.0.0.1 signed by it."""

    ca: Path
    cert: Path
    key: Path


def make_tls(folder: Path) -> Tls:
    folder.mkdir(parents=True, exist_ok=True)
    ca, ca_key = folder / "ca.pem", folder / "ca.key"
    cert, key, csr, ext = (
        folder / "server.pem",
        folder / "server.key",
        folder / "server.csr",
        folder / "ext.cnf",
    )

    def run(*cmd: str) -> None:
        subprocess.run(["openssl", *cmd], check=True, capture_output=True)

    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(ca_key), "-out", str(ca), "-days", "2",
        "-subj", "/CN=Hoist benchmark CA", "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign")  # fmt: skip
    run(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        str(key),
        "-out",
        str(csr),
        "-subj",
        "/CN=127.0.0.1",
    )
    ext.write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                   "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n")  # fmt: skip
    run("x509", "-req", "-in", str(csr), "-CA", str(ca), "-CAkey", str(ca_key), "-CAcreateserial",
        "-out", str(cert), "-days", "2", "-extfile", str(ext))  # fmt: skip
    return Tls(ca, cert, key)


@dataclass
class Server:
    url: str
    process: psutil.Process
    tls: Tls | None
    s3: Any  # a boto3 client straight to it (never through the proxy): checks and clean-up


@contextlib.contextmanager
def rclone_server(root: Path, nice: int = 0, tls: Tls | None = None) -> Iterator[Server]:
    port = free_port()
    (root / BUCKET).mkdir(parents=True, exist_ok=True)
    log = open(root.parent / f"rclone-{root.name}.log", "wb")  # noqa: SIM115
    tls_args = ["--cert", str(tls.cert), "--key", str(tls.key)] if tls else []
    proc = subprocess.Popen(
        [str(BIN / "rclone"), "serve", "s3", str(root), "--addr", f"127.0.0.1:{port}",
         "--auth-key", f"{AK},{SK}", "--vfs-cache-mode", "off", "--config", "/dev/null", *tls_args],
        stdout=log, stderr=subprocess.STDOUT, preexec_fn=(lambda: os.nice(nice)) if nice else None,
    )  # fmt: skip
    url = f"{'https' if tls else 'http'}://127.0.0.1:{port}"
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
        yield Server(url, psutil.Process(proc.pid), tls, s3_client(url, tls))
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def s3_client(url: str, tls: Tls | None) -> Any:
    return boto3.client(
        "s3", endpoint_url=url, region_name=REGION, aws_access_key_id=AK, aws_secret_access_key=SK,
        verify=str(tls.ca) if tls else None,
        config=BotoConfig(signature_version="s3v4", s3={"addressing_style": "path"},
                          retries={"max_attempts": 3}, max_pool_connections=16,
                          request_checksum_calculation="when_required"),
    )  # fmt: skip


class LongLink:
    """tests/support/latency_proxy.py as a process of its own, one per run: its CPU is not the
    client's (and is measured), and it counts the connections the client opened."""

    def __init__(self, upstream: str, rtt: float, window: int, bandwidth: int | None, nice: int) -> None:
        args = [sys.executable, "-m", "tests.support.latency_proxy", "--upstream", upstream.split("//")[1],
                "--rtt", str(rtt), "--window", str(window)]  # fmt: skip
        if bandwidth:
            args += ["--bandwidth", str(bandwidth)]
        self.proc = subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, text=True,
                                     preexec_fn=(lambda: os.nice(nice)) if nice else None)  # fmt: skip
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line.startswith("listening on "):
            self.proc.kill()
            raise RuntimeError(f"the latency proxy did not start: {line!r}")
        self.port = int(line.rsplit(":", 1)[1])
        self.usage = psutil.Process(self.proc.pid)
        self.cpu_before = sum(self.usage.cpu_times()[:2])

    def finish(self) -> tuple[float, int]:
        """(CPU seconds during the run, connections accepted)."""
        cpu = sum(self.usage.cpu_times()[:2]) - self.cpu_before
        self.proc.terminate()
        out, _ = self.proc.communicate(timeout=30)
        words = out.split()
        connections = int(words[words.index("connections") + 1]) if "connections" in words else -1
        return cpu, connections


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


def client_env(workdir: Path, home: Path, tool: str, tls: Tls | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(FOREIGN_ENV)}
    aws_config = workdir / ("aws-config-tls" if tls else "aws-config")
    # The aws cli's defaults, not this machine's ~/.aws. Over HTTPS its default (a CRC32
    # trailer on an aws-chunked body) is refused by rclone serve s3 (MissingContentLength),
    # so there it computes checksums only when an operation requires one.
    aws_config.write_text("[default]\n" + ("request_checksum_calculation = when_required\n" if tls else ""))
    env.update(
        AWS_ACCESS_KEY_ID=AK, AWS_SECRET_ACCESS_KEY=SK, AWS_DEFAULT_REGION=REGION, AWS_REGION=REGION,
        AWS_CONFIG_FILE=str(aws_config), AWS_SHARED_CREDENTIALS_FILE=str(workdir / "aws-none"),
        HOIST_HOME=str(home), PYTHONUNBUFFERED="1",
    )  # fmt: skip
    if tls:
        # How each client is told to trust the CA. Hoist has no option of its own: its part
        # PUTs (truststore) and its control calls (botocore) both read SSL_CERT_FILE on
        # Linux, the latter only while AWS_CA_BUNDLE is unset. s5cmd (Go) reads
        # SSL_CERT_FILE too; the aws cli reads AWS_CA_BUNDLE; curl gets --cacert.
        if tool in ("hoist", "s5cmd"):
            env["SSL_CERT_FILE"] = str(tls.ca)
        elif tool == "aws":
            env["AWS_CA_BUNDLE"] = str(tls.ca)
    return env


def curl_config(case: Case, files: list[str], url: str, s3: Any, tls: Tls | None, prefix: str,
                path: Path) -> list[str]:  # fmt: skip
    """One curl, one connection, every file in turn (URLs presigned here, outside the
    measured process, against ``url``: the proxy's or the server's)."""
    signer = s3 if url == s3.meta.endpoint_url else s3_client(url, tls)
    lines = [f'cacert = "{tls.ca}"'] if tls else []
    for name in files:
        source = case.source / name if case.many else case.source
        signed = signer.generate_presigned_url(
            "put_object", Params={"Bucket": BUCKET, "Key": prefix + name}, ExpiresIn=3600
        )
        lines += [f'upload-file = "{source}"', f'url = "{signed}"', 'output = "/dev/null"']
    path.write_text("\n".join(lines) + "\n")
    return ["curl", "-sS", "--fail", "-X", "PUT", "-H", "Expect:", "-K", str(path)]


def command(tool: str, case: Case, url: str, server: Server, workdir: Path) -> list[str]:
    prefix = f"{tool}/"
    src = case.source
    if tool == "hoist":
        return [str(BIN / "hoist"), "upload", str(src) + ("/" if case.many else ""),
                "--to", f"s3://{BUCKET}/{tool}", "--endpoint-url", url, "--path-style",
                "--region", REGION, "--quiet"]  # fmt: skip
    if tool == "aws":
        target = f"s3://{BUCKET}/{prefix}" + ("" if case.many else src.name)
        cmd = [str(BIN / "aws"), "s3", "cp", str(src), target, "--endpoint-url", url,
               "--no-progress", "--only-show-errors"]  # fmt: skip
        return [*cmd, "--recursive"] if case.many else cmd
    if tool == "s5cmd":
        pattern = str(src / "*") if case.many else str(src)
        return [str(BIN / "s5cmd"), "--endpoint-url", url, "cp", pattern, f"s3://{BUCKET}/{prefix}"]
    if tool == "curl":
        return curl_config(
            case, sorted(case.digests), url, server.s3, server.tls, prefix, workdir / "curl.cfg"
        )
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


@dataclass
class Bench:
    workdir: Path
    nice: int
    bandwidth: int | None


def the_link(case: Case, server: Server, bench: Bench) -> tuple[LongLink | None, str]:
    """The case's long link (a fresh proxy) and the URL a client is given: the proxy's, or
    the server's on loopback."""
    if not case.spec.rtt:
        return None, server.url
    link = LongLink(server.url, case.spec.rtt, case.spec.window, bench.bandwidth, bench.nice)
    return link, f"{server.url.split('//')[0]}//127.0.0.1:{link.port}"


def measure(tool: str, case: Case, server: Server, bench: Bench) -> Run:
    workdir = bench.workdir
    home = Path(tempfile.mkdtemp(prefix="hoist-home-", dir=workdir))
    link, url = the_link(case, server, bench)
    cmd = command(tool, case, url, server, workdir)
    env = client_env(workdir, home, tool, server.tls)
    os.sync()  # earlier runs' dirty pages must not be flushed during this one
    time.sleep(1.0)
    load = os.getloadavg()[0]
    server_before = sum(server.process.cpu_times()[:2])
    out = open(workdir / f"{tool}.log", "wb")  # noqa: SIM115
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=str(workdir),
        preexec_fn=(lambda: os.nice(bench.nice)) if bench.nice else None,
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
    server_cpu = sum(server.process.cpu_times()[:2]) - server_before
    proxy_cpu, connections = link.finish() if link else (0.0, 0)
    run = Run(
        tool, wall, usage.ru_utime + usage.ru_stime, peak.peak, server_cpu, proxy_cpu, connections, load, True
    )
    if proc.returncode != 0:
        run.ok, run.note = False, f"exit {proc.returncode}: {(workdir / f'{tool}.log').read_text()[-400:]}"
    else:
        run.ok, run.note = verify(tool, case, server.s3, env)
    delete_prefix(server.s3, f"{tool}/")
    shutil.rmtree(home, ignore_errors=True)
    return run


def verify(tool: str, case: Case, s3: Any, env: dict[str, str]) -> tuple[bool, str]:
    """Read every object back (straight from the server): size and SHA-256 must equal the
    source's; for Hoist, its own SHA-256 receipts too."""

    def check(item: tuple[str, str]) -> str | None:
        name, expected = item
        size, sha = object_sha256(s3, f"{tool}/{name}")
        if sha != expected or size != case.spec.size:
            return f"{name}: read back {size} bytes sha256 {sha[:12]}, expected {expected[:12]}"
        return None

    with ThreadPoolExecutor(8) as pool:
        bad = [problem for problem in pool.map(check, case.digests.items()) if problem]
    if bad:
        return False, f"{len(bad)} objects differ, e.g. {bad[0]}"
    if tool == "hoist":
        status = subprocess.run([str(BIN / "hoist"), "status", "--json", "--all"], env=env,
                                capture_output=True, text=True, check=False)  # fmt: skip
        try:
            rows = json.loads(status.stdout)
            rows = rows.get("uploads", rows) if isinstance(rows, dict) else rows
            receipts = {Path(r["local_path"]).name: r.get("sha256") for r in rows}
        except (ValueError, KeyError, TypeError):
            return True, "objects ok; receipt not readable from `hoist status --json`"
        differ = [n for n, d in case.digests.items() if receipts.get(n) != d]
        if differ:
            return False, f"Hoist's SHA-256 receipt differs for {len(differ)} files, e.g. {differ[:3]}"
    return True, ""


def profile_hoist(case: Case, server: Server, bench: Bench, folder: Path) -> Path:
    """One more Hoist run of the case, not measured, under py-spy: every thread's stacks,
    waiting included (wall time), as a speedscope file (https://www.speedscope.app)."""
    folder.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="hoist-home-", dir=bench.workdir))
    link, url = the_link(case, server, bench)
    output = folder / f"hoist-{case.label}.speedscope.json"
    spy = [str(BIN / "py-spy"), "record", "--idle", "--threads", "--rate", "100", "--format", "speedscope",
           "--output", str(output), "--"]  # fmt: skip
    try:
        subprocess.run([*spy, *command("hoist", case, url, server, bench.workdir)], check=True,
                       env=client_env(bench.workdir, home, "hoist", server.tls), stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)  # fmt: skip
    finally:
        if link:
            link.finish()
        delete_prefix(server.s3, "hoist/")
        shutil.rmtree(home, ignore_errors=True)
    return output


def warm_server(case: Case, server: Server, workdir: Path) -> None:
    """One unmeasured curl upload straight to the server (at most 500 files): the first
    upload against a fresh case was up to 1.8x slower whatever the client (a cold heap and
    target folder), so no client pays for going first."""
    names = sorted(case.digests)[:500]
    cmd = curl_config(case, names, server.url, server.s3, server.tls, "warm/", workdir / "warm.cfg")
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    delete_prefix(server.s3, "warm/")


# -- report ----------------------------------------------------------------------------------


def summarize(case: Case) -> list[str]:
    spec = case.spec
    lines = [f"\n== {spec.title()}: {human(case.total)} ==",
             f"{'tool':<6} {'runs':>4} {'wall s':>7} {'(worst)':>8} {case.unit:>8} {'CPU s':>6} {'(worst)':>8} "
             + (f"{'ms/file':>7} " if case.many else "")
             + f"{'RSS MB':>7} {'srv CPU':>8} "
             + (f"{'proxy':>6} {'conns':>5} " if spec.rtt else "")
             + f"{'load':>5}  check"]  # fmt: skip
    for tool, runs in case.runs.items():
        good = [r for r in runs if r.ok]
        if not good:
            lines.append(f"{tool:<6} FAILED: {runs[-1].note}")
            continue
        fastest = min(good, key=lambda r: r.wall)
        best = Run(tool, fastest.wall, min(r.cpu for r in good), max(r.rss_mb for r in good),
                   statistics.median(r.server_cpu for r in good), statistics.median(r.proxy_cpu for r in good),
                   max(r.connections for r in good), fastest.load, True)  # fmt: skip
        case.best[tool] = best
        lines.append(
            f"{tool:<6} {len(good):>4} {best.wall:>7.2f} {max(r.wall for r in good):>8.2f} "
            f"{case.rate(best):>8.1f} {best.cpu:>6.2f} {max(r.cpu for r in good):>8.2f} "
            + (f"{best.cpu / spec.count * 1000:>7.2f} " if case.many else "")
            + f"{best.rss_mb:>7.0f} {best.server_cpu:>8.2f} "
            + (f"{best.proxy_cpu:>6.2f} {best.connections:>5} " if spec.rtt else "")
            + f"{best.load:>5.2f}  "
            + ("ok" if len(good) == len(runs) else f"{len(runs) - len(good)} FAILED: {runs[-1].note}")
            + (f" ({good[-1].note})" if good[-1].note else "")
        )
    hoist = case.best.get("hoist")
    if hoist:
        for tool, peer in case.best.items():
            if tool != "hoist":
                lines.append(
                    f"hoist/{tool:<6} {case.unit} {case.rate(hoist) / case.rate(peer):.2f}x  "
                    f"wall {hoist.wall / peer.wall:.2f}x  CPU {hoist.cpu / peer.cpu:.2f}x  "
                    f"RSS {hoist.rss_mb / peer.rss_mb:.2f}x"
                )
    return lines


def mark(met: bool) -> str:
    return f"{'MET' if met else 'NOT MET':<8}"


def verdicts(cases: list[Case]) -> list[str]:
    """The targets Hoist is held to, each MET or NOT MET, from the best run of each tool."""
    lines = ["\n== targets (integrity checks on, every object's SHA-256 checked) =="]
    for case in cases:
        best, name = case.best, case.label
        hoist = best.get("hoist")
        if hoist is None or case.label.startswith("also"):
            if hoist is None:
                lines.append(f"{'-':<8} ({name}): Hoist did not complete, no verdict")
            continue
        rate = case.rate(hoist)
        if name in ("a", "b"):
            if "s5cmd" in best:
                peer = case.rate(best["s5cmd"])
                lines.append(f"{mark(rate >= peer)} ({name}) files/s at least s5cmd's: "
                             f"{rate:.0f} vs {peer:.0f} ({rate / peer:.2f}x)")  # fmt: skip
            if "aws" in best:
                peer = case.rate(best["aws"])
                lines.append(f"{mark(rate >= 3 * peer)} ({name}) files/s at least 3x aws cli's: "
                             f"{rate:.0f} vs {peer:.0f} ({rate / peer:.2f}x)")  # fmt: skip
        elif name == "c":
            peers = {t: case.rate(r) for t, r in best.items() if t in PEERS}
            if peers:
                top = max(peers, key=lambda t: peers[t])
                lines.append(f"{mark(rate >= 0.95 * peers[top])} (c) MB/s at least 0.95x the best peer's: "
                             f"{rate:.1f} vs {top} {peers[top]:.1f} ({rate / peers[top]:.2f}x)")  # fmt: skip
        elif name == "d" and "s5cmd" in best:
            ratio = hoist.wall / best["s5cmd"].wall
            lines.append(f"{mark(ratio <= 1.1)} (d) wall within 1.1x s5cmd's: {hoist.wall:.2f} s vs "
                         f"{best['s5cmd'].wall:.2f} s ({ratio:.2f}x)")  # fmt: skip
        elif name == "e" and "aws" in best:
            ratio = hoist.wall / best["aws"].wall
            lines.append(f"{mark(ratio <= 1.0)} (e) wall at most aws cli's: {hoist.wall:.2f} s vs "
                         f"{best['aws'].wall:.2f} s ({ratio:.2f}x)")  # fmt: skip
        elif name == "f" and "aws" in best:
            ratio = hoist.cpu / best["aws"].cpu
            lines.append(f"{mark(ratio <= 1.0)} (f) client CPU at most aws cli's (1 GiB on loopback): "
                         f"{hoist.cpu:.2f} s vs {best['aws'].cpu:.2f} s ({ratio:.2f}x)")  # fmt: skip
    rss = {c.label: c.best["hoist"].rss_mb for c in cases if "hoist" in c.best}
    if rss:
        lines.append(f"{mark(max(rss.values()) < 120)} peak RSS under 120 MB: "
                     + ", ".join(f"({k}) {v:.0f}" for k, v in rss.items()) + " MB")  # fmt: skip
    by_count = sorted((c for c in cases if c.many and "hoist" in c.best), key=lambda c: c.spec.count)
    by_size = sorted((c for c in cases if not c.many and "hoist" in c.best), key=lambda c: c.spec.size)
    for what, group, measure_of in (("file count", by_count, [c.spec.count for c in by_count]),
                                    ("file size", by_size, [c.spec.size for c in by_size])):  # fmt: skip
        if len(group) > 1 and measure_of[0] != measure_of[-1]:
            low, high = group[0], group[-1]
            small, large = low.best["hoist"].rss_mb, high.best["hoist"].rss_mb
            lines.append(f"{mark(large <= small * 1.15 + 5)} peak RSS flat with {what}: ({low.label}) "
                         f"{small:.0f} MB -> ({high.label}) {large:.0f} MB")  # fmt: skip
    lines.append(f"{'-':<8} the window's event-loop lag while (a) runs: measured by bench_gui.py, not here")
    return lines


# -- main ------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", default=",".join(CASES), help="which cases, e.g. a,b,d (default: all)")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="shrink the cases for a quick run, e.g. 0.1 (file counts of a, b, d; sizes of c, e, f)")  # fmt: skip
    ap.add_argument("--tools", default=None,
                    help="clients for every case (default: hoist,s5cmd,aws; curl too on loopback)")  # fmt: skip
    ap.add_argument("--repeat", type=int, default=2, help="runs per client and case (default 2)")
    ap.add_argument("--rtt", type=parse_ms, default=None, help="the long link's round trip (default 40ms)")
    ap.add_argument("--window", type=parse_size, default=None, help="the long link's window (default 1MiB)")
    ap.add_argument("--bandwidth", type=parse_size, default=None,
                    help="the long link's line rate per way in bytes/s, e.g. 100MB (default: none)")  # fmt: skip
    ap.add_argument("--also", action="append", default=[],
                    help="another single file on loopback, e.g. 4GiB (repeatable): is RSS flat with size?")  # fmt: skip
    ap.add_argument("--also-tools", default="hoist", help="clients for --also sizes (default hoist)")
    ap.add_argument("--also-repeat", type=int, default=1, help="runs per client for --also (default 1)")
    ap.add_argument("--profile", default=None, metavar="DIR",
                    help="after each case, one more Hoist run (not measured) under py-spy: DIR/hoist-CASE.speedscope.json")  # fmt: skip
    ap.add_argument("--workdir", default=None, help="keep data here between runs (default: a temp dir)")
    ap.add_argument("--json", default=None, help="also write the raw runs to this file")
    ap.add_argument("--nice", type=int, default=0,
                    help="run the server, the proxy and every client at this niceness (e.g. -10 as root, "
                         "to shield the comparison from other load; all get the same)")  # fmt: skip
    args = ap.parse_args()

    chosen = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = [c for c in chosen if c not in CASES]
    if unknown:
        print(f"unknown case {', '.join(unknown)}: choose from {', '.join(CASES)}", file=sys.stderr)
        return 2
    for tool in ("hoist", "aws", "s5cmd", "rclone", *(["py-spy"] if args.profile else [])):
        if not (BIN / tool).exists():
            print(f"{BIN / tool} is missing: .venv/bin/pip install -e '.[bench]'", file=sys.stderr)
            return 2
    for program in ("curl", "openssl"):
        if shutil.which(program) is None:
            print(f"{program} is missing (apt-get install {program})", file=sys.stderr)
            return 2

    keep = args.workdir is not None
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="hoist-bench-", dir=REPO / "build"
                                                    if (REPO / "build").is_dir() else None))  # fmt: skip
    workdir = workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    for name in chosen:
        spec = CASES[name].scaled(args.scale)
        if spec.rtt:
            spec = replace(spec, rtt=args.rtt or spec.rtt, window=args.window or spec.window)
        tools = [t for t in args.tools.split(",") if t] if args.tools else list(spec.tools)
        if spec.count > 1:
            folder, digests = cached_tree(workdir, spec.count, spec.size)
            cases.append(Case(spec, name, folder, digests, tools, args.repeat))
        else:
            path, sha = cached_file(workdir, spec.size)
            cases.append(Case(spec, name, path, {path.name: sha}, tools, args.repeat))
    for extra in args.also:
        path, sha = cached_file(workdir, parse_size(extra))
        spec = Spec(f"also-{extra}", 1, path.stat().st_size)
        also_tools = [t for t in args.also_tools.split(",") if t]
        cases.append(Case(spec, f"also-{extra}", path, {path.name: sha}, also_tools, args.also_repeat))

    print(f"{time.strftime('%Y-%m-%d %H:%M:%S %Z')}  load {os.getloadavg()}  cpus {os.cpu_count()}"
          f"  nice {args.nice}\n{' '.join(sys.argv)}")  # fmt: skip
    print("versions: " + "; ".join(
        subprocess.run(c, capture_output=True, text=True, check=False).stdout.splitlines()[0]
        for c in ([str(BIN / "rclone"), "version"], [str(BIN / "aws"), "--version"],
                  [str(BIN / "s5cmd"), "version"], ["curl", "--version"], [str(BIN / "hoist"), "--version"])
    ))  # fmt: skip
    report: list[str] = []
    bench = Bench(workdir, args.nice, args.bandwidth)
    try:
        with contextlib.ExitStack() as servers:
            started: dict[bool, Server] = {}
            for index, case in enumerate(cases):
                tls = case.spec.tls
                if tls not in started:
                    cert = make_tls(workdir / "tls") if tls else None
                    root = workdir / ("server-tls" if tls else "server")
                    started[tls] = servers.enter_context(rclone_server(root, args.nice, cert))
                server = started[tls]
                print(f"\n{case.spec.title()}: {', '.join(case.tools)}, {case.repeat} runs each", flush=True)
                warm(case.source)
                warm_server(case, server, workdir)
                for round_ in range(case.repeat):
                    shift = (round_ + index) % len(case.tools)  # the first client rotates
                    for tool in case.tools[shift:] + case.tools[:shift]:
                        run = measure(tool, case, server, bench)
                        case.runs.setdefault(tool, []).append(run)
                        print(f"  ({case.label}) {tool:<6} wall {run.wall:7.2f}s  {case.rate(run):7.1f} {case.unit}  "
                              f"cpu {run.cpu:6.2f}s  rss {run.rss_mb:4.0f}MB  server cpu {run.server_cpu:6.2f}s"
                              + (f"  proxy cpu {run.proxy_cpu:5.2f}s  {run.connections} conns" if case.spec.rtt else "")
                              + f"  load {run.load:.2f}  {'ok' if run.ok else 'FAILED ' + run.note}",
                              flush=True)  # fmt: skip
                report += summarize(case)
                if args.profile and "hoist" in case.tools:
                    print(
                        f"  ({case.label}) profile: {profile_hoist(case, server, bench, Path(args.profile))}",
                        flush=True,
                    )
    finally:
        for served in ("server", "server-tls"):
            shutil.rmtree(workdir / served, ignore_errors=True)
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)
    report += verdicts(cases)
    report.append(f"\nfinished {time.strftime('%H:%M:%S')}  load {os.getloadavg()}")
    print("\n".join(report))
    if args.json:
        Path(args.json).write_text(json.dumps(
            {c.label: {"spec": asdict(c.spec), "runs": {t: [asdict(r) for r in rs] for t, rs in c.runs.items()}}
             for c in cases}, indent=1))  # fmt: skip
    return 0 if all(r.ok for c in cases for rs in c.runs.values() for r in rs) else 1


if __name__ == "__main__":
    sys.exit(main())
