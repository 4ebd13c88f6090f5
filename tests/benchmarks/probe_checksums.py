"""Which S3 servers check a checksum the client sends? (issue 17: a server-verified
checksum could replace the MD5 that Hoist computes to check each part's ETag.)

For each local server (moto's, `rclone serve s3`, SeaweedFS's `weed mini`), four PUTs
through presigned URLs with the header signed in: the right and a wrong
`x-amz-checksum-crc32`, the right and a wrong `Content-MD5`. A server that verifies
answers the wrong one with 400 BadDigest; one that does not stores it. Prints one line
per server; run it again after a server upgrade.

    .venv/bin/python tests/benchmarks/probe_checksums.py
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO), str(REPO / "app")]

import boto3  # noqa: E402
import httpx  # noqa: E402
from botocore.config import Config  # noqa: E402
from tests.conftest import free_port  # noqa: E402
from tests.server.services import ACCESS_KEY, BUCKET, SECRET_KEY, Seaweed  # noqa: E402

BIN = Path(sys.executable).parent


def client(endpoint: str, access: str, secret: str):  # type: ignore[no-untyped-def]
    config = Config(s3={"addressing_style": "path"}, signature_version="s3v4",
                    request_checksum_calculation="when_required")  # fmt: skip
    return boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=access, aws_secret_access_key=secret,
                        region_name="us-east-1", config=config)  # fmt: skip


def probe(name: str, s3, bucket: str) -> str:  # type: ignore[no-untyped-def]
    body = os.urandom(100_000)
    crc = zlib.crc32(body)
    crc_right = base64.b64encode(crc.to_bytes(4, "big")).decode()
    crc_wrong = base64.b64encode(((crc + 1) & 0xFFFFFFFF).to_bytes(4, "big")).decode()
    md5_right = base64.b64encode(hashlib.md5(body).digest()).decode()
    md5_wrong = base64.b64encode(hashlib.md5(body + b"x").digest()).decode()
    answers = []
    for label, param, header, value in (
        ("crc32 right", "ChecksumCRC32", "x-amz-checksum-crc32", crc_right),
        ("crc32 wrong", "ChecksumCRC32", "x-amz-checksum-crc32", crc_wrong),
        ("md5 right", "ContentMD5", "Content-MD5", md5_right),
        ("md5 wrong", "ContentMD5", "Content-MD5", md5_wrong),
    ):
        key = "probe-" + label.replace(" ", "-")
        url = s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": key, param: value},
                                        ExpiresIn=600)  # fmt: skip
        reply = httpx.put(url, content=body, headers={header: value})
        code = re.search(rb"<Code>([^<]+)</Code>", reply.content)
        answers.append(f"{label}: {reply.status_code}{' ' + code.group(1).decode() if code else ''}")
    return f"{name:<16} " + " | ".join(answers)


def main() -> None:
    from moto.server import ThreadedMotoServer

    port = free_port()
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    moto.start()
    try:
        s3 = client(f"http://127.0.0.1:{port}", "AKIDMOTO", "moto-secret")
        s3.create_bucket(Bucket="probe-bucket")
        print(probe("moto", s3, "probe-bucket"))
    finally:
        moto.stop()

    root = Path(tempfile.mkdtemp(prefix="probe-rclone-"))
    (root / "probe").mkdir()
    port = free_port()
    access, secret = "AKIDPROBE", "probe-secret-0123456789"
    rclone = subprocess.Popen([str(BIN / "rclone"), "serve", "s3", "--addr", f"127.0.0.1:{port}", "--auth-key",
                               f"{access},{secret}", "--config", "/dev/null", "--vfs-cache-mode", "off", str(root)],
                              stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        time.sleep(1.5)
        print(probe("rclone serve s3", client(f"http://127.0.0.1:{port}", access, secret), "probe"))
    finally:
        rclone.terminate()

    seaweed = Seaweed(Path(tempfile.mkdtemp(prefix="probe-seaweed-")))
    seaweed.start()
    try:
        s3 = client(seaweed.endpoint, ACCESS_KEY, SECRET_KEY)
        with contextlib.suppress(s3.exceptions.ClientError):  # start() may have made it
            s3.create_bucket(Bucket=BUCKET)
        print(probe("SeaweedFS", s3, BUCKET))
    finally:
        seaweed.stop()


if __name__ == "__main__":
    main()
