"""HTTPS against `rclone serve s3` with a throwaway self-signed certificate: verification is
on by default, the OS trust store is honoured, and turning it off is explicit and warned."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port
from tests.functional.test_real_server import ACCESS, SECRET, env_with, rclone_binary
from tests.helpers import MiB, make_file, run_hoist, sha256_file


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    """(https endpoint, backing folder, CA certificate file)."""
    root = tmp_path_factory.mktemp("tls")
    cert, key = root / "cert.pem", root / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
         str(cert), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    (root / "data" / "secure").mkdir(parents=True)
    port = free_port()
    process = subprocess.Popen(
        [str(rclone_binary()), "serve", "s3", "--addr", f"127.0.0.1:{port}", "--cert", str(cert),
         "--key", str(key), "--auth-key", f"{ACCESS},{SECRET}", "--vfs-cache-mode", "off",
         str(root / "data")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    endpoint = f"https://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            httpx.get(endpoint, timeout=1, verify=False)
            break
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("rclone serve s3 (TLS) did not start") from None
            time.sleep(0.1)
    try:
        yield endpoint, root / "data", cert
    finally:
        process.terminate()
        process.wait(10)


def upload(home: Path, source: Path, endpoint: str, *extra: str, env: dict[str, str] | None = None):
    return run_hoist(
        home, "upload", str(source), "--to", "s3://secure", "--endpoint-url", endpoint, "--path-style",
        "--part-size", "5MiB", *extra, env=env or env_with(home),
    )  # fmt: skip


def test_untrusted_certificate_is_refused_with_advice(tls_server, home, tmp_path):
    endpoint, data, _ = tls_server
    source = tmp_path / "a.txt"
    make_file(source, 10)
    result = upload(home, source, endpoint)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "hoist: error: The server's TLS certificate is not trusted (self-signed certificate). If this "
        "is your own server, add its CA certificate to the system's trust store. Turning verification "
        "off (--no-verify-tls, or the profile setting) lets anyone on the network path read or alter "
        "the upload."
    )
    assert not (data / "secure" / "a.txt").exists()


def test_a_ca_in_the_os_trust_store_is_trusted(tls_server, home, tmp_path):
    endpoint, data, cert = tls_server
    source = tmp_path / "b.bin"
    digest = make_file(source, 2 * 5 * MiB + 1, seed=8)
    # OpenSSL's default store (what truststore and Hoist's boto3 client use on Linux) honours
    # SSL_CERT_FILE, standing in for a corporate CA installed on the machine.
    env = env_with(home) | {"SSL_CERT_FILE": str(cert)}
    env.pop("AWS_CA_BUNDLE", None)  # an explicit bundle would (rightly) win over the OS store
    result = upload(home, source, endpoint, env=env)
    assert result.returncode == 0, result.stderr
    assert sha256_file(data / "secure" / "b.bin") == digest


def test_verification_off_is_explicit_and_warned(tls_server, home, tmp_path):
    endpoint, data, _ = tls_server
    source = tmp_path / "c.txt"
    digest = make_file(source, 100)
    result = upload(home, source, endpoint, "--no-verify-tls", "--quiet")
    assert result.returncode == 0, result.stderr
    warning = (
        f"hoist: warning: TLS certificate verification is OFF for {endpoint}: anyone on the network "
        "path could read or alter the upload."
    )
    assert result.stderr.splitlines().count(warning) == 1  # once, not once per request
    assert "InsecureRequestWarning" not in result.stderr
    assert sha256_file(data / "secure" / "c.txt") == digest
    assert "TLS certificate verification is OFF" in (home / "logs" / "hoist.log").read_text()
