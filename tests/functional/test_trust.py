"""Issue 13, finding 1: an upload's endpoint and credentials come from its profile, never
from a journal row alone, and a keyring secret is bound to what it unlocks.

A row that names the person's profile but another server (planted in a journal, or left
by a profile since pointed elsewhere) is failed in words and nothing reaches that server;
a secret saved for endpoint A (or upload service A) is never used for B under the same
profile name; an entry saved before secrets were bound is never used (nor moved to whatever
endpoint the settings name): it must be entered again."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from hoist.config.secrets import SERVICE, bound_to, secrets
from hoist.config.settings import (
    Config,
    CredentialSource,
    Profile,
    ProfileKind,
    TransferSettings,
    save_config,
)
from hoist.connect import CredentialsMissing, connection_factory, credentials_for, service_auth
from hoist.engine.connections import ConnectionSetupError
from hoist.s3.service import SERVICE_REGION
from hoist.seal import load_seal
from hoist.store.journal import Destination, Journal, NewUpload, PartPlan
from hoist.store.states import UploadState
from tests.helpers import make_file
from tests.support.cli import run_cli

SECRET = "hoistTrustSecret/unique+9c1e"


class Counting(ThreadingHTTPServer):
    """An attacker's endpoint: counts every request (and answers 200, as a careless one would)."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self) -> None:
                server.requests.append(f"{self.command} {self.path}")
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.send_header("ETag", '"x"')
                self.end_headers()

            do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = _any

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def attacker() -> Iterator[Counting]:
    server = Counting()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def keyring_store(memory_keyring):
    secrets._session.clear()
    try:
        yield memory_keyring.store
    finally:
        secrets._session.clear()


def lab(endpoint: str, bucket: str = "b", **changes: object) -> Profile:
    values: dict[str, object] = dict(endpoint_url=endpoint, bucket=bucket, path_style=True,
                                     credential_source=CredentialSource.KEYRING, access_key_id="AKIDLAB")  # fmt: skip
    values.update(changes)
    return Profile("lab", **values)  # type: ignore[arg-type]


def test_a_planted_row_for_another_endpoint_is_refused_and_nothing_reaches_it(
    keyring_store, attacker, home, bucket, moto_endpoint, tmp_path
):
    profile = lab(moto_endpoint, bucket)
    save_config(Config(profiles={"lab": profile}, default_profile="lab"), home / "config.json")
    assert secrets.set("lab", "secret_access_key", SECRET, bound_to(profile)) is True
    private = tmp_path / "id_rsa"
    make_file(private, 300)
    journal = Journal(home / "journal.sqlite3")
    # Sealed as the person's own row would be (hoist/seal.py): a row left by a profile since
    # pointed elsewhere. (An unsealed, planted one is refused before this: test_journal_seal.)
    load_seal().attach(journal)
    _, (planted,) = journal.create_batch(
        "planted", Destination("lab", attacker.url, "us-east-1", bucket, True),
        [NewUpload(str(private), 300, private.stat().st_mtime_ns, "id_rsa", "single", 300, (PartPlan(1, 0, 300),),
                   "application/octet-stream", "overwrite")],
    )  # fmt: skip
    journal.close()

    result = run_cli(home, "resume")

    assert attacker.requests == []  # not one request, signed or not
    journal = Journal(home / "journal.sqlite3")
    row = journal.get_upload(planted)
    journal.close()
    assert row is not None and row.state == UploadState.FAILED
    expected = f"queued for {attacker.url} but profile 'lab' now points to {moto_endpoint}; not sent"
    assert expected in (row.error or "")
    assert result.code != 0 and expected in result.err


def test_the_connection_follows_the_profile_or_refuses_in_words(keyring_store, attacker):
    profile = lab("http://127.0.0.1:9", region="eu-west-1")
    secrets.set("lab", "secret_access_key", SECRET, bound_to(profile))
    connect = connection_factory(Config(profiles={"lab": profile}), TransferSettings())
    assert connect(Destination("lab", "http://127.0.0.1:9/", "eu-west-1", "b", True)) is not None
    refusals = {
        Destination("lab", attacker.url, "eu-west-1", "b", True):
            f"queued for {attacker.url} but profile 'lab' now points to http://127.0.0.1:9; not sent",
        Destination("lab", "", "eu-west-1", "b", True):
            "queued for AWS S3 but profile 'lab' now points to http://127.0.0.1:9; not sent",
        Destination("lab", "http://127.0.0.1:9", "us-east-1", "b", True):
            "queued for http://127.0.0.1:9 (region us-east-1, path-style addressing) but profile 'lab' now uses "
            "region eu-west-1, path-style addressing; not sent",
        Destination("lab", "http://127.0.0.1:9", "eu-west-1", "b", False):
            "queued for http://127.0.0.1:9 (region eu-west-1, virtual-hosted addressing) but profile 'lab' now "
            "uses region eu-west-1, path-style addressing; not sent",
        Destination("lab", attacker.url, SERVICE_REGION, "", False):
            f"queued for {attacker.url} but profile 'lab' now points to the storage http://127.0.0.1:9; not sent",
    }  # fmt: skip
    for destination, words in refusals.items():
        with pytest.raises(ConnectionSetupError) as refused:
            connect(destination)
        assert str(refused.value) == words
    assert attacker.requests == []


def test_a_secret_saved_for_endpoint_a_is_not_used_for_endpoint_b(keyring_store, attacker):
    at_a = lab("https://a.example")
    assert secrets.set("lab", "secret_access_key", SECRET, bound_to(at_a)) is True
    assert credentials_for(at_a)[0].secret_access_key == SECRET  # type: ignore[union-attr]
    # The settings now say the same profile name (and key id) is at B: the secret stays with A.
    at_b = lab(attacker.url)
    with pytest.raises(CredentialsMissing):
        credentials_for(at_b)
    connect = connection_factory(Config(profiles={"lab": at_b}), TransferSettings())
    with pytest.raises(CredentialsMissing):
        connect(Destination("lab", attacker.url, "us-east-1", "b", True))
    # Another access key id at the same endpoint does not get it either.
    with pytest.raises(CredentialsMissing):
        credentials_for(lab("https://a.example", access_key_id="AKIDOTHER"))
    assert attacker.requests == []
    assert list(keyring_store) == [(SERVICE, "lab:secret_access_key@endpoint=https://a.example key=AKIDLAB")]


def test_a_service_token_is_bound_to_the_service_url(keyring_store, monkeypatch):
    monkeypatch.delenv("HOIST_SERVICE_TOKEN", raising=False)
    at_a = Profile("up", kind=ProfileKind.SERVICE, service_url="https://uploads.example.org")
    secrets.set("up", "service_token", "tok-A", bound_to(at_a))
    assert service_auth(at_a) == ("Authorization", "Bearer tok-A")
    at_b = Profile("up", kind=ProfileKind.SERVICE, service_url="http://127.0.0.1:9")
    assert service_auth(at_b) is None
    connect = connection_factory(Config(profiles={"up": at_b}), TransferSettings())
    with pytest.raises(ConnectionSetupError) as refused:
        connect(Destination("up", "https://uploads.example.org", SERVICE_REGION, "", False))
    assert str(refused.value) == (
        "queued for https://uploads.example.org but profile 'up' now points to the upload service "
        "http://127.0.0.1:9; not sent"
    )


def test_an_entry_saved_before_secrets_were_bound_is_not_used_and_must_be_entered_again(
    keyring_store, attacker, home, monkeypatch
):
    # As Hoist before secrets were bound wrote them: "profile:field", bound to no endpoint.
    before = {(SERVICE, "work:secret_access_key"): SECRET, (SERVICE, "up:service_token"): "tok"}
    keyring_store.update(before)
    monkeypatch.delenv("HOIST_SERVICE_TOKEN", raising=False)
    # A planted (or copied) config.json names the person's profile and the attacker's endpoint.
    planted = Profile("work", endpoint_url=attacker.url, bucket="bucket1", path_style=True,
                      credential_source=CredentialSource.KEYRING, access_key_id="AKIDLAB")  # fmt: skip
    service = Profile("up", kind=ProfileKind.SERVICE, service_url=attacker.url)
    save_config(
        Config(profiles={"work": planted, "up": service}, default_profile="work"), home / "config.json"
    )
    source = home.parent / "id_rsa"
    make_file(source, 300)

    result = run_cli(home, "upload", str(source), "--to", "s3://bucket1/keys", "--profile", "work")

    assert attacker.requests == []  # the real secret never signed anything for that server
    assert result.code == 1
    assert result.err.strip() == (
        "hoist: error: The profile 'work' has no stored secret key in the keyring (conftest MemoryKeyring). "
        "The one it had was saved by an older Hoist, before secrets were tied to the server they unlock, and is no longer "
        "used (a changed settings file could send it to another server). Enter it again with "
        "`hoist profile set work`."
    )
    with pytest.raises(CredentialsMissing) as refused:
        service_auth(service)
    assert str(refused.value) == (
        f"The profile 'up' has no stored token for {attacker.url} in the keyring. The one it had was saved "
        "by an older Hoist, before secrets were tied to the server they unlock, and is no longer used (a "
        "changed settings file could send it to another server). Enter it again with "
        "`hoist profile set up --service-token-stdin`."
    )
    # Nothing moved (not bound to the attacker's endpoint), nothing deleted.
    assert keyring_store == before
    assert attacker.requests == []


def test_profile_set_binds_the_secret_and_says_when_it_stays_behind(keyring_store, home, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(SECRET + "\n"))
    result = run_cli(home, "profile", "set", "lab", "--endpoint-url", "https://a.example", "--bucket", "b",
                     "--access-key-id", "AKIDLAB", "--secret-stdin")  # fmt: skip
    assert result.code == 0, result.err
    assert keyring_store == {
        (SERVICE, "lab:secret_access_key@endpoint=https://a.example key=AKIDLAB"): SECRET
    }
    result = run_cli(home, "profile", "set", "lab", "--endpoint-url", "https://b.example")
    assert result.code == 0
    assert "the stored secret access key of 'lab' was for its former endpoint or key" in result.err
    assert "secret_access_key: MISSING" in run_cli(home, "profile", "show", "lab").out
    result = run_cli(home, "profile", "remove", "lab")
    assert result.code == 0
