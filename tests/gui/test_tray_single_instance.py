"""One Hoist per journal: a second `hoist PATH...` hands its files to the running window
and exits 0; the first uploads them. Stale sockets from a crash are cleaned up."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before pytest-qt creates the QApplication

import socket
import subprocess
import sys
import time
from pathlib import Path

from hoist.config.paths import resolve_paths
from hoist.config.settings import Config, CredentialSource, IfExists, Profile, TransferSettings, save_config
from hoist.ui.platform.single_instance import HandOff, InstanceServer, hand_off
from tests.helpers import MiB, hoist_env, make_file, object_sha256, run_hoist, start_hoist


def gui_env(home: Path) -> dict[str, str]:
    return hoist_env(home, QT_QPA_PLATFORM="offscreen")


def write_config(home: Path, endpoint: str, bucket: str) -> None:
    profile = Profile(name="local", endpoint_url=endpoint, bucket=bucket, prefix="", path_style=True,
                      credential_source=CredentialSource.ENVIRONMENT)  # fmt: skip
    transfer = TransferSettings(part_size=5 * MiB, multipart_threshold=5 * MiB, if_exists=IfExists.OVERWRITE)
    save_config(Config(profiles={"local": profile}, default_profile="local", transfer=transfer),
                resolve_paths(home).config_file)  # fmt: skip


def wait_for_object(s3, bucket: str, key: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            s3.head_object(Bucket=bucket, Key=key)
            return
        except Exception:
            time.sleep(0.2)
    raise AssertionError(f"{key} never arrived")


def stop(process: subprocess.Popen[str]) -> str:
    if process.poll() is None:
        process.terminate()
    try:
        _, err = process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
    return err


def test_second_launch_hands_files_to_the_running_window(qapp, home, bucket, s3, moto_endpoint, tmp_path):
    write_config(home, moto_endpoint, bucket)
    first_file = tmp_path / "first.bin"
    first_digest = make_file(first_file, 2 * 5 * MiB + 17, seed=1)
    # No Hoist runs: `hoist PATH` starts one with the path queued.
    first = start_hoist(home, str(first_file), env=gui_env(home))
    try:
        wait_for_object(s3, bucket, "first.bin")
        assert object_sha256(s3, bucket, "first.bin") == first_digest

        # A second `hoist A B` (relative paths, as a file manager or a shell passes them).
        (tmp_path / "more").mkdir()
        digests = {n: make_file(tmp_path / "more" / n, size, seed=i)
                   for i, (n, size) in enumerate([("a.txt", 1000), ("b.bin", 5 * MiB + 3)])}  # fmt: skip
        started = time.monotonic()
        second = subprocess.run(
            [sys.executable, "-m", "hoist", "a.txt", "b.bin"], env=gui_env(home), cwd=tmp_path / "more",
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert second.returncode == 0, second.stderr
        assert "hoist: added 2 files to the running Hoist's queue." in second.stderr
        assert time.monotonic() - started < 20
        for name, digest in digests.items():
            wait_for_object(s3, bucket, name)
            assert object_sha256(s3, bucket, name) == digest

        # Issue 12, item 6: paths that cannot be uploaded are each named, nothing is
        # queued and the exit code is the CLI's (2), not "added 3 items" and 0.
        os.mkfifo(tmp_path / "more" / "pipe")
        digests["good.bin"] = make_file(tmp_path / "more" / "good.bin", 700, seed=9)
        bad = subprocess.run(
            [sys.executable, "-m", "hoist", "nope1", "nope2", "pipe", "good.bin"], env=gui_env(home),
            cwd=tmp_path / "more", capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert bad.returncode == 2, bad.stderr
        more = tmp_path / "more"
        assert bad.stderr.splitlines() == [
            f"hoist: {more / 'nope1'}: no such file or folder.",
            f"hoist: {more / 'nope2'}: no such file or folder.",
            f"hoist: {more / 'pipe'}: is a named pipe (FIFO), not a regular file.",
            "hoist: Nothing was added.",
        ]
        good = subprocess.run([sys.executable, "-m", "hoist", "good.bin"], env=gui_env(home),
                              cwd=more, capture_output=True, text=True, timeout=60)  # fmt: skip
        assert (good.returncode, good.stderr) == (0, "hoist: added 1 file to the running Hoist's queue.\n")
        wait_for_object(s3, bucket, "good.bin")
        assert object_sha256(s3, bucket, "good.bin") == digests["good.bin"]

        # A plain second `hoist` only brings the window forward.
        third = run_hoist(home, env=gui_env(home), timeout=60)
        assert third.returncode == 0, third.stderr
        assert "brought forward" in third.stderr

        # The headless CLI on the same journal refuses clearly: never two engines.
        cli = run_hoist(home, "upload", str(first_file), "--to", f"s3://{bucket}/cli",
                        "--endpoint-url", moto_endpoint, "--path-style")  # fmt: skip
        assert cli.returncode == 1
        assert cli.stderr.startswith(
            f"hoist: error: Another Hoist is already running on this journal ({home})"
        )
        assert (
            "If it is Hoist's window, `hoist PATH...` (without `upload`) adds files to its queue."
            in cli.stderr
        )
        assert first.poll() is None  # the window is still running
    finally:
        stop(first)


def test_a_stale_socket_left_by_a_crash_is_replaced(qtbot, home):
    name = resolve_paths(home).instance_socket_name
    path = Path(name)  # a full path in Hoist's private runtime folder
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(path))  # a crashed Hoist leaves this file behind, with nobody listening
    stale.close()
    assert path.exists()
    server = InstanceServer(name)
    try:
        assert server.listen() is True
        received: list[list[str]] = []
        server.open_paths = lambda paths, reply: received.append(paths) or reply(HandOff(True, "queued"))
        # A later launch (another process, as in real life) reaches the new server.
        code = (
            "import sys; from hoist.ui.platform.single_instance import hand_off; "
            f"r = hand_off({name!r}, ['x.txt', 'dir/']); print(r); sys.exit(0 if r and r.ok else 3)"
        )
        client = subprocess.Popen([sys.executable, "-c", code], cwd=home, env=gui_env(home),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
        qtbot.waitUntil(lambda: client.poll() is not None, timeout=20_000)
        out, err = client.communicate()
        assert client.returncode == 0, out + err
        assert received == [[str(home / "x.txt"), str(home / "dir") + "/"]]
        assert "HandOff(ok=True, message='queued', code=0)" in out
    finally:
        server.close()
    assert not path.exists()


def test_no_running_instance_means_no_hand_off(qapp, home):
    name = resolve_paths(home).instance_socket_name
    assert hand_off(name, ["a"], connect_ms=200) is None
