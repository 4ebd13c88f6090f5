"""Bad input at the command line: exit code 2 (usage/input, nothing queued) or 1 (the
server refused), one clear line, no traceback, and the rest of the queue untouched.

Most cases run `hoist` in-process (tests/support/cli.py) to keep the table fast; an
exception escaping main() fails the test, as a traceback would. The unreadable-file
case runs the real command as the `nobody` user (root reads any file), and a few
cases are repeated in a real subprocess to prove the one-line output there too.
CASES is the table: each row carries its exit code and the exact line a person sees.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from hoist.cli.main import main
from hoist.store.journal import Destination, Journal, NewUpload, PartPlan
from hoist.store.states import UploadState
from tests.functional.test_real_server import ACCESS as RCLONE_ACCESS
from tests.functional.test_real_server import SECRET as RCLONE_SECRET
from tests.helpers import hoist_env, make_file, object_sha256, run_hoist, sha256_file
from tests.support.cli import run_cli
from tests.support.faultproxy import FaultProxy, Rule
from tests.support.rclone import rclone_server  # noqa: F401 - the rclone fixture

MOTO = "{moto}"  # replaced by the server's URL
PROXY = "{proxy}"  # replaced by a fault proxy's URL that refuses the credentials


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]  # {tmp} = the test's folder, {bucket} = a real bucket
    code: int
    message: str  # the one line on stderr after "hoist: error: "


def _upload(
    *paths: str, to: str = "s3://{bucket}", endpoint: str = MOTO, extra: tuple[str, ...] = ()
) -> tuple[str, ...]:
    return ("upload", *paths, "--to", to, "--endpoint-url", endpoint, "--path-style", "--quiet", *extra)


CASES: dict[str, Case] = {
    "nonexistent-path": Case(_upload("{tmp}/missing.txt"), 2, "{tmp}/missing.txt: no such file or folder."),
    # A name's control characters are shown escaped, so the message stays one line
    # (and a name cannot move the cursor or recolour the terminal).
    "newline-and-escape-in-a-missing-name": Case(
        _upload("{tmp}/no\nsuch\x1b[31m.txt"), 2, "{tmp}/no\\nsuch\\x1b[31m.txt: no such file or folder."
    ),
    "one-bad-path-among-good": Case(
        _upload("{tmp}/good.txt", "{tmp}/missing.txt"), 2, "{tmp}/missing.txt: no such file or folder."
    ),
    "file-given-as-folder": Case(
        _upload("{tmp}/good.txt/"), 2, "{tmp}/good.txt/: a file, not a folder; drop the trailing '/' to upload it."
    ),
    "path-through-a-file": Case(
        _upload("{tmp}/good.txt/inner"), 2, "{tmp}/good.txt/inner: part of the path is a file, not a folder."
    ),
    "empty-folder": Case(_upload("{tmp}/empty"), 2, "Nothing to upload: the folders given are empty."),
    "broken-symlink": Case(
        _upload("{tmp}/broken"), 2, "{tmp}/broken: a broken symbolic link (its target does not exist)."
    ),
    "fifo": Case(_upload("{tmp}/fifo"), 2, "{tmp}/fifo: is a named pipe (FIFO), not a regular file."),
    "device": Case(_upload("/dev/null"), 2, "/dev/null: is a device, not a regular file."),
    "socket": Case(_upload("{tmp}/sock"), 2, "{tmp}/sock: is a socket, not a regular file."),
    "over-5-TiB": Case(
        _upload("{tmp}/huge.img"), 2,
        "{tmp}/huge.img: the file is 6.0 TiB; S3 objects can be at most 5 TiB, so it cannot be uploaded as "
        "one object.",
    ),
    "prefix-with-dotdot": Case(
        _upload("{tmp}/good.txt", to="s3://{bucket}/a/../b"), 2,
        "The prefix 'a/../b' contains '.' or '..'; S3 keys cannot climb folders.",
    ),
    "prefix-with-dot": Case(
        _upload("{tmp}/good.txt", to="s3://{bucket}/a/./b"), 2,
        "The prefix 'a/./b' contains '.' or '..'; S3 keys cannot climb folders.",
    ),
    "key-over-1024-bytes": Case(
        _upload("{tmp}/good.txt", to="s3://{bucket}/" + "p" * 1100), 2,
        "The key '" + "p" * 60 + "...' is longer than S3's 1,024-byte limit.",
    ),
    "to-not-s3-url": Case(
        _upload("{tmp}/good.txt", to="{bucket}"), 2, "--to must look like s3://BUCKET[/PREFIX], not '{bucket}'"
    ),
    "to-without-bucket": Case(
        _upload("{tmp}/good.txt", to="s3://"), 2, "--to must look like s3://BUCKET[/PREFIX], not 's3://'"
    ),
    "to-bad-bucket-name": Case(_upload("{tmp}/good.txt", to="s3://ab"), 2, "'ab' is not a valid bucket name"),
    "to-bucket-with-user-or-port": Case(
        _upload("{tmp}/good.txt", to="s3://user@bkt1:99/x"), 2, "'user@bkt1:99' is not a valid bucket name"
    ),
    "to-prefix-with-newline": Case(
        _upload("{tmp}/good.txt", to="s3://{bucket}/a\nb"), 2,
        "--to: the prefix 'a\\nb' holds a control character (a newline or tab)",
    ),
    "unknown-profile": Case(
        _upload("{tmp}/good.txt", extra=("--profile", "nosuch")), 2,
        "no profile named 'nosuch': not a Hoist profile (see `hoist profile list`) nor an AWS profile in ~/.aws",
    ),
    "no-destination": Case(
        ("upload", "{tmp}/good.txt", "--endpoint-url", MOTO), 2,
        "no destination: give --to s3://BUCKET[/PREFIX] or a --profile with a bucket",
    ),
    "endpoint-not-http": Case(
        _upload("{tmp}/good.txt", endpoint="ftp://example.com"), 2,
        "--endpoint-url must be an http(s) URL like https://s3.example.com, not 'ftp://example.com'",
    ),
    "endpoint-without-scheme": Case(
        _upload("{tmp}/good.txt", endpoint="localhost:9000"), 2,
        "--endpoint-url must be an http(s) URL like https://s3.example.com, not 'localhost:9000'",
    ),
    "endpoint-bad-port": Case(
        _upload("{tmp}/good.txt", endpoint="http://127.0.0.1:99999"), 2,
        "--endpoint-url has an invalid port: 'http://127.0.0.1:99999'",
    ),
    "endpoint-unreachable": Case(
        _upload("{tmp}/good.txt", endpoint="http://127.0.0.1:9"), 1,
        "Cannot reach http://127.0.0.1:9: connection refused (nothing is listening at that address and port). "
        "Check the endpoint URL and your network.",
    ),
    "endpoint-host-unknown": Case(
        _upload("{tmp}/good.txt", endpoint="http://no-such-host.invalid:9000"), 1,
        "Cannot reach http://no-such-host.invalid:9000: the host name does not resolve (check its spelling, or "
        "the network's DNS). Check the endpoint URL and your network.",
    ),
    "wrong-access-key": Case(
        _upload("{tmp}/good.txt", endpoint=PROXY), 1,
        "The access key is not known to {proxy}. Check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or "
        "~/.aws (or give --profile NAME).",
    ),
    # No profile was used: the advice names what was typed (issue 12, item 13).
    "nonexistent-bucket": Case(
        _upload("{tmp}/good.txt", to="s3://no-such-bucket-here"), 1,
        "The bucket 'no-such-bucket-here' does not exist at {moto}. Check the bucket name in --to and "
        "--endpoint-url.",
    ),

    "metadata-without-value": Case(
        _upload("{tmp}/good.txt", extra=("--metadata", "owner")), 2,
        "--metadata: 'owner' is not NAME=VALUE (e.g. owner=ana).",
    ),
    "metadata-name-not-a-header": Case(
        _upload("{tmp}/good.txt", extra=("--metadata", "my owner=ana")), 2,
        "--metadata: the name in 'my owner=ana' may only hold letters, digits and !#$%&'*+.^_`|~- (it "
        "travels as an HTTP header).",
    ),
    "metadata-value-not-ascii": Case(
        _upload("{tmp}/good.txt", extra=("--metadata", "city=Zürich")), 2,
        "--metadata: the value in 'city=Zürich' must be printable ASCII (S3 would store other characters "
        "encoded); percent-encode it first.",
    ),
    "metadata-name-twice": Case(
        _upload("{tmp}/good.txt", extra=("--metadata", "a=1", "--metadata", "A=2")), 2,
        "--metadata: 'a' is given twice.",
    ),
    "metadata-over-2KB": Case(
        _upload("{tmp}/good.txt", extra=("--metadata", "big=" + "x" * 2100)), 2,
        "--metadata: 2103 bytes of names and values; S3 allows at most 2048.",
    ),
    "metadata-value-with-a-trailing-space": Case(
        _upload("{tmp}/good.txt", extra=("--metadata", "owner=trail ")), 2,
        "--metadata: the value in 'owner=trail ' starts or ends with a space, which HTTP headers drop; remove it.",
    ),
    "storage-class-with-a-newline": Case(
        _upload("{tmp}/good.txt", extra=("--storage-class", "A\nB")), 2,
        "--storage-class 'A\\nB' is not a valid name (e.g. STANDARD_IA, AES256 or aws:kms)",
    ),
    "content-type-not-a-media-type": Case(
        _upload("{tmp}/good.txt", extra=("--content-type", "csv")), 2,
        "--content-type 'csv' is not a media type; give it like text/csv or image/png.",
    ),
    "offline-wait-not-a-duration": Case(
        _upload("{tmp}/good.txt", extra=("--offline-wait", "forever")), 2,
        "'forever' is not a duration; use e.g. 30m, 24h or 7d",
    ),
    "part-size-below-5MiB": Case(
        _upload("{tmp}/good.txt", extra=("--part-size", "4MiB")), 2,
        "--part-size: A part size of 4.0 MiB is below S3's minimum of 5.0 MiB per part.",
    ),
    "part-size-above-5GiB": Case(
        _upload("{tmp}/good.txt", extra=("--part-size", "6GiB")), 2,
        "--part-size: A part size of 6.0 GiB is above S3's maximum of 5 GiB per part.",
    ),
    "part-size-not-a-size": Case(
        _upload("{tmp}/good.txt", extra=("--part-size", "lots")), 2,
        "--part-size: 'lots' is not a size; use e.g. 16MiB, 64M or 1GiB",
    ),
    "concurrency-0": Case(
        _upload("{tmp}/good.txt", extra=("--concurrency", "0")), 2, "--concurrency must be at least 1"
    ),
    "concurrency-not-a-number": Case(
        _upload("{tmp}/good.txt", extra=("--concurrency", "x")), 2,
        "argument --concurrency: invalid int value: 'x' (see `hoist upload --help`)",
    ),
    "bandwidth-not-a-rate": Case(
        _upload("{tmp}/good.txt", extra=("--bandwidth-limit", "fast")), 2,
        "--bandwidth-limit: 'fast' is not a size; use e.g. 16MiB, 64M or 1GiB",
    ),
}  # fmt: skip


def _at(endpoint: str, args: tuple[str, ...]) -> list[str]:
    return [a.replace(MOTO, endpoint) for a in args]


def _fixtures(tmp: Path) -> None:
    make_file(tmp / "good.txt", 10)
    (tmp / "empty").mkdir()
    (tmp / "folder").mkdir()
    make_file(tmp / "folder" / "x.txt", 3)
    (tmp / "folder-link").symlink_to(tmp / "folder")
    (tmp / "broken").symlink_to(tmp / "nowhere")
    os.mkfifo(tmp / "fifo")
    import socket

    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp / "sock"))
    sock.close()
    with open(tmp / "huge.img", "wb"):
        pass
    os.truncate(tmp / "huge.img", 6 * 2**40)  # sparse: no disk used


def _seed_queue(home: Path, bucket: str, tmp: Path) -> list[int]:
    """An unfinished upload from earlier that bad input must leave alone."""
    make_file(tmp / "earlier.bin", 100)
    journal = Journal(home / "journal.sqlite3")
    _, ids = journal.create_batch(
        "earlier", Destination("", "http://127.0.0.1:9", "us-east-1", bucket, True),
        [NewUpload(str(tmp / "earlier.bin"), 100, 1, "earlier.bin", "single", 100, (PartPlan(1, 0, 100),),
                   "application/octet-stream", "overwrite")],
    )  # fmt: skip
    journal.close()
    return ids


def _queue_state(home: Path) -> list[tuple[object, ...]]:
    journal = Journal(home / "journal.sqlite3")
    try:
        return [
            (r.id, r.state, r.key, r.s3_upload_id, r.retries, r.parts_done) for r in journal.list_uploads()
        ]
    finally:
        journal.close()


@pytest.fixture(scope="module")
def refusing_proxy(moto_endpoint: str):
    """Answers every request as a server that does not know the access key would."""
    with FaultProxy(moto_endpoint) as proxy:
        proxy.add(Rule("status", times=0, status=403, code="InvalidAccessKeyId",
                       message="The AWS Access Key Id you provided does not exist in our records."))  # fmt: skip
        yield proxy


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_gives_one_clear_line(name, home, bucket, moto_endpoint, refusing_proxy, tmp_path):
    case = CASES[name]
    _fixtures(tmp_path)
    earlier = _seed_queue(home, bucket, tmp_path)
    before = _queue_state(home)

    def fill(text: str) -> str:
        return (
            text.replace("{tmp}", str(tmp_path)).replace("{bucket}", bucket)
            .replace(MOTO, moto_endpoint).replace(PROXY, refusing_proxy.url)
        )  # fmt: skip

    result = run_cli(home, *(fill(a) for a in case.args))
    assert (result.code, result.err) == (case.code, f"hoist: error: {fill(case.message)}\n")
    assert result.out == ""
    assert _queue_state(home) == before, "the queue changed"
    assert [r[0] for r in before] == earlier


def test_a_refusal_names_where_each_setting_came_from(
    home, moto_endpoint, refusing_proxy, tmp_path, monkeypatch
):
    """Issue 12, item 13: "Check ... in the profile" was said when no profile was used. The
    advice names what the person typed, or the profile that supplied it."""
    make_file(tmp_path / "good.txt", 10)
    good = str(tmp_path / "good.txt")
    for name, endpoint in (("lab", moto_endpoint), ("refused", refusing_proxy.url)):
        made = run_cli(home, "profile", "set", name, "--endpoint-url", endpoint, "--bucket", "no-such-bucket-here",
                       "--path-style", "--environment")  # fmt: skip
        assert made.code == 0, made.err
    seen = {
        "the profile's bucket": run_cli(home, "upload", good, "--profile", "lab", "-q"),
        "--to with a profile": run_cli(home, "upload", good, "--profile", "lab", "--to", "s3://not-here-either", "-q"),
        "the profile's credentials": run_cli(home, "upload", good, "--profile", "refused", "-q"),
    }  # fmt: skip
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")  # no instance to ask on this machine
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-such-credentials"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-such-config"))
    no_profiles = tmp_path / "home-without-profiles"  # in `home`, 'lab' is the default profile
    seen["no credentials, no profile"] = run_cli(no_profiles, "upload", good, "--to", "s3://b-1", "--endpoint-url",
                                                 moto_endpoint, "-q")  # fmt: skip
    seen["no credentials, environment profile"] = run_cli(home, "upload", good, "--profile", "lab", "-q")
    expected = {
        "the profile's bucket": f"The bucket 'no-such-bucket-here' does not exist at {moto_endpoint}. Check the "
        "bucket and the endpoint of profile 'lab' (`hoist profile show lab`).",
        "--to with a profile": f"The bucket 'not-here-either' does not exist at {moto_endpoint}. Check the "
        "bucket name in --to and the endpoint of profile 'lab' (`hoist profile show lab`).",
        "the profile's credentials": f"The access key is not known to {refusing_proxy.url}. Check "
        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (profile 'refused' takes them from the environment).",
        "no credentials, no profile": f"No credentials were found for {moto_endpoint}. Set AWS_ACCESS_KEY_ID and "
        "AWS_SECRET_ACCESS_KEY, or give --profile NAME (a Hoist profile, or a profile in ~/.aws).",
        "no credentials, environment profile": f"No credentials were found for {moto_endpoint}. Profile 'lab' "
        "takes them from the environment: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
    }  # fmt: skip
    assert {what: (r.code, r.err) for what, r in seen.items()} == {
        what: (1, f"hoist: error: {line}\n") for what, line in expected.items()
    }


def test_real_process_prints_one_line_without_traceback(home, bucket, moto_endpoint, tmp_path):
    _fixtures(tmp_path)
    for args, code in (
        (_upload(str(tmp_path / "fifo")), 2),
        (_upload(str(tmp_path / "good.txt"), to="s3://no-such-bucket-here"), 1),
        (_upload(str(tmp_path / "good.txt"), endpoint="http://127.0.0.1:9"), 1),
    ):
        filled = [a.replace("{bucket}", bucket).replace(MOTO, moto_endpoint) for a in args]
        result = run_hoist(home, *filled)
        assert result.returncode == code
        assert result.stdout == ""
        assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("hoist: error: ")
        assert "Traceback" not in result.stderr


def test_unreadable_file_as_an_ordinary_user(bucket, s3, moto_endpoint, tmp_path):
    """Root reads every file, so this runs the real command as `nobody` (setpriv)."""
    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to drop root for this test"
    world = Path(os.environ.get("TMPDIR", "/tmp")) / f"hoist-nobody-{os.getpid()}"
    world.mkdir(mode=0o777, exist_ok=True)
    try:
        world.chmod(0o1777)  # sticky, as /tmp: Hoist refuses a home in a folder others could change
        secret = world / "private.txt"
        make_file(secret, 10)
        secret.chmod(0)
        folder = world / "folder"
        folder.mkdir()
        make_file(folder / "ok.txt", 5)
        make_file(folder / "locked.txt", 5)
        (folder / "locked.txt").chmod(0)
        make_file(folder / "sealed" / "inside.txt", 5)
        (folder / "sealed").chmod(0)
        for path in (folder, folder / "ok.txt"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        home = world / "home"
        env = hoist_env(home)
        env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
        env["XDG_CONFIG_HOME"] = str(world / "config")  # nobody's own account folder (its seal key)
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m", "hoist"]
        upload = [
            "upload",
            "--to",
            f"s3://{bucket}",
            "--endpoint-url",
            moto_endpoint,
            "--path-style",
            "--quiet",
        ]

        result = subprocess.run([*command, *upload[:1], str(secret), *upload[1:]], env=env, cwd=world,
                                capture_output=True, text=True, timeout=60)  # fmt: skip
        assert (result.returncode, result.stderr) == (
            2,
            f"hoist: error: {secret}: permission denied; Hoist cannot read this file.\n",
        )
        # Inside a folder, a file (or sub-folder) that cannot be read is a failure of that file:
        # one line naming it and why, the rest of the folder goes up, exit code 1 (issue 12: it
        # was skipped and the run exited 0). The dry run says the same and exits 1 too.
        failures = [
            f"failed: {folder / 'locked.txt'}: permission denied; not uploaded.",
            f"failed: {folder / 'sealed'}: cannot be listed (Permission denied); nothing in it is uploaded.",
        ]
        dry = subprocess.run([*command, *upload[:1], str(folder), *upload[1:], "--dry-run"], env=env, cwd=world,
                             capture_output=True, text=True, timeout=60)  # fmt: skip
        assert (dry.returncode, dry.stderr) == (1, "")
        assert [line.strip() for line in dry.stdout.splitlines()[2:4]] == failures
        result = subprocess.run([*command, *upload[:1], str(folder), *upload[1:]], env=env, cwd=world,
                                capture_output=True, text=True, timeout=60)  # fmt: skip
        assert (result.returncode, result.stdout) == (1, "")
        assert result.stderr.splitlines() == [
            *(f"hoist: {line}" for line in failures),
            "hoist: 1 done, 2 failed.",
        ]
        keys = {o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])}
        assert keys == {"folder/ok.txt"}
        assert object_sha256(s3, bucket, "folder/ok.txt") == sha256_file(folder / "ok.txt")
    finally:
        for path in sorted(world.rglob("*"), reverse=True):
            path.chmod(stat.S_IRWXU)
        shutil.rmtree(world, ignore_errors=True)


NAMES = ["with space.txt", "unicode-日本語-ñ.bin", "odd #?%+&=;'chars.txt", " lead-space", "tab\tin-name"]


@pytest.mark.parametrize("name", NAMES, ids=["spaces", "unicode", "punctuation", "leading-space", "tab"])
def test_awkward_names_upload_to_the_same_key(name, home, bucket, s3, moto_endpoint, tmp_path):
    source = tmp_path / name
    digest = make_file(source, 1000, seed=len(name))
    result = run_cli(home, *_at(moto_endpoint, _upload(str(source), to=f"s3://{bucket}/in")))
    assert (result.code, result.err) == (0, "")
    key = "in/" + unicodedata.normalize("NFC", name)
    assert object_sha256(s3, bucket, key) == digest


def test_zero_byte_file_uploads(home, bucket, s3, moto_endpoint, tmp_path):
    source = tmp_path / "zero.dat"
    source.write_bytes(b"")
    result = run_cli(home, *_at(moto_endpoint, _upload(str(source), to=f"s3://{bucket}")))
    assert (result.code, result.err) == (0, "")
    assert s3.get_object(Bucket=bucket, Key="zero.dat")["Body"].read() == b""
    journal = Journal(home / "journal.sqlite3")
    rows = journal.list_uploads()
    journal.close()
    assert [(r.state, r.size, r.sha256) for r in rows] == [
        (UploadState.DONE, 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    ]


def test_leading_and_doubled_slashes_never_make_a_key_start_with_slash(
    home, bucket, s3, moto_endpoint, tmp_path
):
    source = tmp_path / "a.txt"
    digest = make_file(source, 10)
    result = run_cli(home, *_at(moto_endpoint, _upload(str(source), to=f"s3://{bucket}//x//y/")))
    assert (result.code, result.err) == (0, "")
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]] == ["x/y/a.txt"]
    assert object_sha256(s3, bucket, "x/y/a.txt") == digest


def test_a_folder_uploads_recursively_keeping_its_name(home, bucket, s3, moto_endpoint, tmp_path):
    """There is no non-recursive mode: a folder given is a tree to upload."""
    digest = make_file(tmp_path / "tree" / "sub" / "f.txt", 7)
    result = run_cli(home, *_at(moto_endpoint, _upload(str(tmp_path / "tree"), to=f"s3://{bucket}")))
    assert (result.code, result.err) == (0, "")
    assert object_sha256(s3, bucket, "tree/sub/f.txt") == digest


def test_a_file_whose_key_is_too_long_fails_and_the_rest_uploads(home, bucket, s3, moto_endpoint, tmp_path):
    """Issue 12, item 4: a file in a folder whose key would pass S3's 1,024 bytes is a file
    the person asked for that cannot go up: one failure line even with -q, the rest of the
    folder uploads, exit 1 (it was skipped and the run exited 0); the dry run the same."""
    deep = tmp_path / "tree" / "/".join(c * 250 for c in "abcde") / "f.txt"  # key: tree/ + 5x251 + f.txt
    make_file(deep, 5)
    digest = make_file(tmp_path / "tree" / "short.txt", 9)
    key = "tree/" + "".join(f"{c * 250}/" for c in "abcde") + "f.txt"
    assert len(key.encode()) > 1024
    failure = f"failed: {deep}: The key '{key[:60]}...' is longer than S3's 1,024-byte limit; not uploaded."

    dry = run_cli(
        home, *_at(moto_endpoint, _upload(str(tmp_path / "tree"), to=f"s3://{bucket}", extra=("--dry-run",)))
    )
    assert (dry.code, dry.err) == (1, "")
    assert failure in [line.strip() for line in dry.out.splitlines()]
    result = run_cli(home, *_at(moto_endpoint, _upload(str(tmp_path / "tree"), to=f"s3://{bucket}")))
    assert (result.code, result.out, result.err.splitlines()) == (
        1, "", [f"hoist: {failure}", "hoist: 1 done, 1 failed."]
    )  # fmt: skip
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])}
    assert keys == {"tree/short.txt"}
    assert object_sha256(s3, bucket, "tree/short.txt") == digest


def test_brackets_in_names_print_as_they_are(home, bucket, s3, moto_endpoint, tmp_path):
    """The progress display uses rich: a name that looks like markup is still text (the
    key "x[/b] [bold]y.txt" once lost its "[bold]" or stopped the display with a MarkupError)."""
    source = tmp_path / "b] [bold]y.txt"
    digest = make_file(source, 100, seed=8)
    upload = _upload(str(source), to=f"s3://{bucket}/x[")
    result = run_cli(home, *[a for a in _at(moto_endpoint, upload) if a != "--quiet"])
    assert result.code == 0
    assert result.err.splitlines() == [
        f"uploaded {source} -> s3://{bucket}/x[/b] [bold]y.txt",
        "hoist: 1 done.",
    ]
    assert object_sha256(s3, bucket, "x[/b] [bold]y.txt") == digest


def test_newline_in_a_name_against_a_server_that_accepts_it(rclone, home, tmp_path, monkeypatch):
    """moto answers 404 for any key with a newline (its URL routing stops at '\\n'), so
    the newline case runs against `rclone serve s3`, which stores it as a file name."""
    endpoint, root = rclone
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", RCLONE_ACCESS)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", RCLONE_SECRET)
    source = tmp_path / "new\nline.txt"
    digest = make_file(source, 1000, seed=9)
    result = run_cli(home, *_at(endpoint, _upload(str(source), to="s3://real/nl", endpoint=MOTO)))
    assert (result.code, result.err) == (0, "")
    assert sha256_file(root / "real" / "nl" / "new\nline.txt") == digest


@pytest.mark.parametrize(
    ("settings", "problem"),
    [
        (
            '{"transfer": {"concurrency": "many"}}',
            "'transfer.concurrency' is \"many\", which is not a valid value",
        ),
        ('{"transfer": {"concurrency": 0}}', "'transfer.concurrency' is 0; it must be from 1 to 64"),
        ('{"transfer": {"offline_wait": -1}}', "'transfer.offline_wait' is -1; it must be at least 0"),
        ("[]", "it must hold a JSON object"),
        ('{"profiles": {"lab": {"bucket": 5}}}', "'profiles.lab.bucket' is 5, which is not a valid value"),
    ],
    ids=["word-for-a-number", "zero-concurrency", "negative-wait", "not-an-object", "number-for-a-name"],
)
def test_a_hand_edited_settings_file_gets_one_line_not_a_traceback(home, settings, problem):
    from hoist.config.paths import resolve_paths

    config_file = resolve_paths(home).ensure().config_file
    config_file.write_text(settings)
    result = run_cli(home, "status")
    assert (result.code, result.err) == (
        1,
        f"hoist: error: The settings file {config_file} cannot be read: {problem}\n",
    )


def test_a_home_that_is_not_there_or_not_a_folder(tmp_path, monkeypatch):
    """Issue 12, item 6: a command that only reads the journal never creates a home (a typo
    in HOIST_HOME became an empty home saying "No uploads"); a file given as the home is
    called what it is, not "cannot be used: File exists"."""
    typo = tmp_path / "typo"
    monkeypatch.setenv("HOIST_HOME", str(typo))
    missing = f"There is no Hoist data at {typo} (nothing has been uploaded with it); check --home or HOIST_HOME. Nothing was created."
    for args in (("status",), ("status", "--json"), ("pause", "1"), ("cancel", "--all"), ("retry", "3")):
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code = main(list(args))
        assert (code, err.getvalue()) == (1, f"hoist: error: {missing}\n"), args
        assert not typo.exists()
    a_file = tmp_path / "passwd"
    a_file.write_text("not a folder")
    for args in (("status",), ("resume",), ("upload", str(a_file), "--to", "s3://b-1")):
        result = run_cli(a_file, *args)
        assert (result.code, result.err) == (
            1, f"hoist: error: {a_file} is not a folder. Set HOIST_HOME (or --home) to a folder.\n"
        ), args  # fmt: skip
    assert a_file.read_text() == "not a folder"
