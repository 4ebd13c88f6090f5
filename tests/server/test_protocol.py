"""One protocol: the same client and the same checks against Uppy Companion (the npm
package, 6.2.2) and hoist-server, both in front of SeaweedFS. Hoist's upload-service
profile (issue 15) speaks this protocol; this module is where its client can join.

Hoist itself (``hoist upload --service``, issue 15) runs against both too.

Differences that are intended, and asserted here: hoist-server needs a token, builds the
key from the user's prefix (Companion: a UUID and the name), and answers 404 with a
reason for a session that is over (Companion: 500 with the storage's error, or 200 for a
repeated abort).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.companion import ensure_companion

from .companion_client import CompanionClient, ServiceError, upload
from .conftest import run_cli
from .services import ACCESS_KEY, BUCKET, SECRET_KEY, Seaweed, ServerProcess, free_port, wait_for


@dataclass
class Service:
    name: str
    url: str
    token: str | None


@pytest.fixture(scope="module", params=["companion", "hoist-server"])
def service(request: pytest.FixtureRequest, seaweed: Seaweed) -> Iterator[Service]:
    port = free_port()
    if request.param == "companion":
        data = tempfile.mkdtemp(prefix="companion-")
        env = {
            **os.environ,
            "COMPANION_AWS_KEY": ACCESS_KEY,
            "COMPANION_AWS_SECRET": SECRET_KEY,
            "COMPANION_AWS_BUCKET": BUCKET,
            "COMPANION_AWS_REGION": "us-east-1",
            "COMPANION_AWS_ENDPOINT": seaweed.endpoint,
            "COMPANION_AWS_FORCE_PATH_STYLE": "true",
            "COMPANION_SECRET": "hoist-protocol-test-secret-0123456789",
            "COMPANION_DOMAIN": f"127.0.0.1:{port}",
            "COMPANION_PROTOCOL": "http",
            "COMPANION_PORT": str(port),
            "COMPANION_DATADIR": data,
            "COMPANION_CLIENT_ORIGINS": "true",
            # Without it the AWS SDK signs an empty body's CRC32 into each part URL and
            # SeaweedFS refuses every non-empty part (shared/guide/service.md).
            "AWS_REQUEST_CHECKSUM_CALCULATION": "WHEN_REQUIRED",
        }
        log = Path(data) / "companion.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [str(ensure_companion())], env=env, stdout=out, stderr=subprocess.STDOUT
            )
        try:

            def up() -> bool:
                assert process.poll() is None, log.read_text()[-2000:]
                return httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code < 500

            wait_for(up, 30, "Companion")
            yield Service("companion", f"http://127.0.0.1:{port}", None)
        finally:
            process.terminate()
            process.wait(10)
    else:
        tmp = Path(tempfile.mkdtemp(prefix="hoist-protocol-"))
        url = f"sqlite:///{tmp / 'hoist-server.db'}"
        run_cli("--database-url", url, "user", "add", "ana", "--prefix", f"protocol-{os.getpid()}/ana/")
        token = run_cli("--database-url", url, "token", "create", "ana").strip()
        server = ServerProcess(url, seaweed.storage_url, port, tmp / "server.log")
        server.start()
        try:
            yield Service("hoist-server", f"http://127.0.0.1:{port}", token)
        finally:
            server.stop()


@pytest.fixture
def client(service: Service) -> Iterator[CompanionClient]:
    c = CompanionClient(service.url, service.token, deadline=10)
    try:
        yield c
    finally:
        c.close()


def test_a_multipart_upload_end_to_end(service: Service, client: CompanionClient, seaweed: Seaweed) -> None:
    sizes = {1: 5 * 1024 * 1024, 2: 5 * 1024 * 1024, 3: 1234}
    result = upload(client, "dir/a file.bin", 3, lambda n: bytes([n]) * sizes[n], concurrency=2, batch=2)
    assert set(result.reply) == {"location", "key", "bucket"}
    assert result.reply["key"] == result.key and result.reply["bucket"] == BUCKET
    s3 = seaweed.client()
    body = s3.get_object(Bucket=BUCKET, Key=result.key)["Body"].read()  # type: ignore[attr-defined]
    assert body == b"".join(bytes([n]) * sizes[n] for n in (1, 2, 3))
    if service.name == "hoist-server":
        assert result.key.endswith("/ana/dir/a file.bin")
    else:
        assert result.key.endswith("-dir/a file.bin")


def test_sign_one_list_and_abort(service: Service, client: CompanionClient, seaweed: Seaweed) -> None:
    created = client.create("listed.bin")
    assert set(created) == {"key", "uploadId", "bucket"}
    key, uid = created["key"], created["uploadId"]
    url = client.sign_one(uid, key, 1)
    put = httpx.put(url, content=b"one part")
    assert put.status_code == 200
    parts = client.list_parts(uid, key)
    assert [set(p) >= {"PartNumber", "LastModified", "ETag", "Size"} for p in parts] == [True]
    assert (parts[0]["PartNumber"], parts[0]["ETag"], parts[0]["Size"]) == (1, put.headers["etag"], 8)
    assert parts[0]["LastModified"].endswith("Z")
    assert client.abort(uid, key) == {}
    s3 = seaweed.client()
    assert s3.list_multipart_uploads(Bucket=BUCKET, Prefix=key).get("Uploads", []) == []  # type: ignore[attr-defined]
    with pytest.raises(ServiceError) as again:
        client.list_parts(uid, key)
    if service.name == "hoist-server":
        assert again.value.status == 404 and again.value.reason == "aborted"
    else:
        assert again.value.status == 500  # Companion passes the storage's NoSuchUpload on


@pytest.mark.parametrize(
    ("path", "params", "error"),
    [
        (
            "/s3/multipart/UPLOAD/0",
            {"key": "KEY"},
            "s3: the part number must be a number between 1 and 10000.",
        ),
        (
            "/s3/multipart/UPLOAD/1",
            {},
            's3: the object key must be passed as a query parameter. For example: "?key=abc.jpg"',
        ),
        (
            "/s3/multipart/UPLOAD/batch",
            {"key": "KEY"},
            "s3: the part numbers must be passed as a comma separated query parameter. "
            'For example: "?partNumbers=4,6,7,21"',
        ),
        (
            "/s3/multipart/UPLOAD",
            {},
            's3: the object key must be passed as a query parameter. For example: "?key=abc.jpg"',
        ),
    ],
)
def test_the_same_error_bodies(
    client: CompanionClient, path: str, params: dict[str, str], error: str
) -> None:
    created = client.create("errors.bin")
    path = path.replace("UPLOAD", created["uploadId"])
    params = {k: created["key"] if v == "KEY" else v for k, v in params.items()}
    with pytest.raises(ServiceError) as refused:
        client.request("GET", path, params=params)
    assert (refused.value.status, refused.value.body) == (400, {"error": error})
    client.abort(created["uploadId"], created["key"])


def test_create_without_a_filename(client: CompanionClient) -> None:
    with pytest.raises(ServiceError) as refused:
        client.request("POST", "/s3/multipart", json={"type": "text/plain"})
    assert refused.value.status == 400
    assert refused.value.body == {
        "error": 's3: the "filename" field is required and must be a non-empty string'
    }


def test_hoist_uploads_through_the_service(service: Service, tmp_path: Path, seaweed: Seaweed) -> None:
    """A folder with a small file (presigned POST, /s3/params) and a 3-part file."""
    folder = tmp_path / "photos"
    folder.mkdir()
    small, big = b"hello " * 20, os.urandom(12 * 1024 * 1024 + 5)
    (folder / "small.txt").write_bytes(small)
    (folder / "big.bin").write_bytes(big)
    env = {k: v for k, v in os.environ.items() if k != "HOIST_SERVICE_TOKEN"}
    env["HOIST_HOME"] = str(tmp_path / "home")
    if service.token:
        env["HOIST_SERVICE_TOKEN"] = service.token
    done = subprocess.run(
        [sys.executable, "-m", "hoist", "upload", str(folder), "--service", service.url, "--part-size", "5MiB"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    keys = re.findall(r"-> s3://[^/]+/(\S+)", done.stdout + done.stderr)
    assert len(keys) == 2, done.stdout + done.stderr
    s3: Any = seaweed.client()
    objects = {k: s3.get_object(Bucket=BUCKET, Key=k)["Body"].read() for k in keys}
    assert sorted(objects.values(), key=len) == [small, big]
    if service.name == "hoist-server":
        assert all("/ana/" in k for k in keys)
