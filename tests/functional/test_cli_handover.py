"""`hoist PATH...` without a display (issue 12, item 13): a window already running takes
the files over its local socket, which needs no display; only when none runs does the
launch refuse, saying there is no display and giving the form that needs none.

The window runs offscreen in its own process; each launch runs as a person's would, in a
fresh interpreter with DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM unset."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from hoist.cli.handover import hand_over
from hoist.config.paths import resolve_paths
from hoist.config.settings import Config, CredentialSource, Profile, save_config
from tests.helpers import hoist_env, make_file, object_sha256

NO_DISPLAY = (
    "no graphical display found (DISPLAY and WAYLAND_DISPLAY are not set); use the command line instead: "
    "hoist upload FILE... --to s3://BUCKET[/PREFIX] (see hoist --help)"
)


def headless_env(home: Path) -> dict[str, str]:
    env = hoist_env(home)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    return env


def launch(home: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hoist", *args], env=headless_env(home), cwd=cwd,
                          capture_output=True, text=True, timeout=60)  # fmt: skip


def wait_for_object(s3, bucket: str, key: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            s3.head_object(Bucket=bucket, Key=key)
            return
        except Exception:
            time.sleep(0.2)
    raise AssertionError(f"{key} never arrived")


def test_without_a_display_the_files_go_to_the_running_window(home, bucket, s3, moto_endpoint, tmp_path):
    profile = Profile(name="local", endpoint_url=moto_endpoint, bucket=bucket, path_style=True,
                      credential_source=CredentialSource.ENVIRONMENT)  # fmt: skip
    save_config(
        Config(profiles={"local": profile}, default_profile="local"), resolve_paths(home).ensure().config_file
    )
    digest = make_file(tmp_path / "report.pdf", 3000, seed=3)

    # No window runs: one line that says there is no display and what works without one.
    alone = launch(home, "report.pdf", cwd=tmp_path)
    assert (alone.returncode, alone.stdout, alone.stderr) == (
        1, "", f"hoist: no Hoist window is running to take the files, and a new one cannot open here: {NO_DISPLAY}\n"
    )  # fmt: skip

    window = subprocess.Popen([sys.executable, "-m", "hoist"], env=hoist_env(home, QT_QPA_PLATFORM="offscreen"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        name = Path(resolve_paths(home).instance_socket_name)
        deadline = time.monotonic() + 60
        while not name.is_socket():
            assert window.poll() is None and time.monotonic() < deadline, "the window did not start"
            time.sleep(0.2)

        handed = launch(home, "report.pdf", cwd=tmp_path)
        assert (handed.returncode, handed.stderr) == (
            0,
            "hoist: added 1 file to the running Hoist's queue.\n",
        )
        wait_for_object(s3, bucket, "report.pdf")
        assert object_sha256(s3, bucket, "report.pdf") == digest

        # The window's answer is the exit code: a path that cannot be uploaded is 2, nothing queued.
        refused = launch(home, "missing.pdf", cwd=tmp_path)
        assert (refused.returncode, refused.stderr.splitlines()) == (
            2, [f"hoist: {tmp_path / 'missing.pdf'}: no such file or folder.", "hoist: Nothing was added."]
        )  # fmt: skip
        forward = launch(home, cwd=tmp_path)
        assert (forward.returncode, forward.stderr) == (0, "hoist: The running Hoist was brought forward.\n")
        assert window.poll() is None
    finally:
        window.terminate()
        window.communicate(timeout=30)


class Listener:
    """Something listening where Hoist's socket would be, recording what reaches it."""

    def __init__(self, path: Path) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(str(path))
        self.sock.listen(1)
        self.sock.settimeout(0.2)
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sock.close()


def test_nothing_is_handed_to_a_socket_in_a_folder_others_can_enter(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    listener = Listener(folder / "hoist.sock")
    try:
        answer = hand_over(folder / "hoist.sock", [str(tmp_path / "secret.txt")], str(tmp_path))
    finally:
        listener.close()
    assert answer is not None and answer.code == 1
    assert answer.message == (
        f"Hoist will not hand files to the socket {folder / 'hoist.sock'}: its folder belongs to another account "
        f"(uid {os.geteuid()}) or others can enter it (mode 777). Nothing was handed over; remove it (it is not "
        "Hoist's) and start Hoist again."
    )
    assert listener.connections == 0


def test_a_socket_left_by_a_crash_means_no_window(tmp_path):
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(folder / "hoist.sock"))
    stale.close()  # bound, never listening: what a killed window leaves behind
    assert hand_over(folder / "hoist.sock", ["x"], str(tmp_path)) is None


def test_the_hand_over_refuses_what_the_window_cannot_honour_and_escapes_names(
    home, bucket, s3, moto_endpoint, tmp_path
):
    """Issue 12, items 1-3: an empty path, and an option only `hoist upload` honours, are
    refused before anything is handed over (exit 2, nothing queued); `--` ends the options;
    a name's control characters are shown escaped, with a display and without one."""
    profile = Profile(name="local", endpoint_url=moto_endpoint, bucket=bucket, path_style=True,
                      credential_source=CredentialSource.ENVIRONMENT)  # fmt: skip
    save_config(
        Config(profiles={"local": profile}, default_profile="local"), resolve_paths(home).ensure().config_file
    )
    make_file(tmp_path / "a.txt", 100, seed=1)
    make_file(tmp_path / "b.txt", 100, seed=2)
    dash_digest = make_file(tmp_path / "--x.txt", 200, seed=4)
    odd = tmp_path / "odd"
    odd.mkdir()
    make_file(odd / "kept.txt", 50, seed=5)
    os.mkfifo(odd / "pi\x1bpe")

    window = subprocess.Popen([sys.executable, "-m", "hoist"], env=hoist_env(home, QT_QPA_PLATFORM="offscreen"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        name = Path(resolve_paths(home).instance_socket_name)
        deadline = time.monotonic() + 60
        while not name.is_socket():
            assert window.poll() is None and time.monotonic() < deadline, "the window did not start"
            time.sleep(0.2)

        def with_display(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run([sys.executable, "-m", "hoist", *args], cwd=tmp_path, capture_output=True,
                                  text=True, timeout=60, env=hoist_env(home, QT_QPA_PLATFORM="offscreen"))  # fmt: skip

        upload_form = "hoist upload FILE... --to s3://BUCKET[/PREFIX]"
        refusals = {
            ("",): "An empty path was given.",
            ("a.txt", "--to", "s3://elsewhere/x"): (
                "--to cannot be handed to the Hoist window, which uploads at its own destination with its own "
                f"settings; to use --to, run `{upload_form}` instead."
            ),
            ("--if-exists", "skip", "a.txt"): (
                "--if-exists cannot be handed to the Hoist window, which uploads at its own destination with "
                f"its own settings; to use --if-exists, run `{upload_form} --if-exists ...` instead."
            ),
            ("--bogus", "b.txt"): (
                "--bogus is not an option of `hoist FILE...` (it takes --home DIR, -v/--verbose, --minimized); "
                f"to upload from the command line use `{upload_form}`, and put `--` before a file whose name "
                "starts with '-'."
            ),
        }
        for args, message in refusals.items():
            for run in (lambda *a: launch(home, *a, cwd=tmp_path), with_display):
                refused = run(*args)
                assert (refused.returncode, refused.stdout, refused.stderr) == (
                    2,
                    "",
                    f"hoist: error: {message}\n",
                )

        for run in (lambda *a: launch(home, *a, cwd=tmp_path), with_display):
            missing = run("nope\x1b[31mred.txt")
            assert (missing.returncode, missing.stderr.splitlines()) == (
                2, [f"hoist: {tmp_path}/nope\\x1b[31mred.txt: no such file or folder.", "hoist: Nothing was added."]
            )  # fmt: skip

        folder = with_display("odd")
        assert (folder.returncode, folder.stderr.splitlines()) == (0, [
            "hoist: added 1 file to the running Hoist's queue.",
            f"hoist: not added: {odd}/pi\\x1bpe: is a named pipe (FIFO), not a regular file",
        ])  # fmt: skip
        dashed = launch(home, "--", "--x.txt", cwd=tmp_path)
        assert (dashed.returncode, dashed.stderr) == (
            0,
            "hoist: added 1 file to the running Hoist's queue.\n",
        )
        wait_for_object(s3, bucket, "--x.txt")
        wait_for_object(s3, bucket, "odd/kept.txt")
        assert object_sha256(s3, bucket, "--x.txt") == dash_digest
        # Nothing refused was queued: the bucket holds only what was handed over.
        keys = {o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])}
        assert keys == {"--x.txt", "odd/kept.txt"}
        assert window.poll() is None
    finally:
        window.terminate()
        window.communicate(timeout=30)


def test_resume_goes_through_the_running_window_as_pause_does(home, bucket, s3, moto_endpoint, tmp_path):
    """Issue 12, item 5: `hoist resume ID` while the window holds the journal asks the window
    (a command in the journal its engine polls), as `hoist pause ID` does; it used to be
    refused with "Another Hoist is already running on this journal"."""
    import json

    from tests.helpers import run_hoist
    from tests.support.faultproxy import FaultProxy, Rule

    digest = make_file(tmp_path / "slow.bin", 48 * 1024 * 1024, seed=6)
    with FaultProxy(moto_endpoint) as proxy:
        proxy.add(Rule(action="latency", key="slow.bin", delay=1.0, times=0))
        profile = Profile(name="local", endpoint_url=proxy.url, bucket=bucket, path_style=True,
                          credential_source=CredentialSource.ENVIRONMENT)  # fmt: skip
        save_config(
            Config(profiles={"local": profile}, default_profile="local"),
            resolve_paths(home).ensure().config_file,
        )
        window = subprocess.Popen([sys.executable, "-m", "hoist"], env=hoist_env(home, QT_QPA_PLATFORM="offscreen"),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
        try:
            name = Path(resolve_paths(home).instance_socket_name)
            deadline = time.monotonic() + 60
            while not name.is_socket():
                assert window.poll() is None and time.monotonic() < deadline, "the window did not start"
                time.sleep(0.2)
            assert launch(home, "slow.bin", cwd=tmp_path).returncode == 0

            def state() -> str:
                rows = json.loads(run_hoist(home, "status", "--json").stdout)
                return str(next(r["state"] for r in rows if r["key"] == "slow.bin"))

            def wait_for(wanted: str) -> None:
                deadline = time.monotonic() + 60
                while state() != wanted:
                    assert time.monotonic() < deadline, f"never {wanted}, still {state()}"
                    time.sleep(0.2)

            upload_id = next(r["id"] for r in json.loads(run_hoist(home, "status", "--json").stdout))
            paused = run_hoist(home, "pause", str(upload_id))
            assert (paused.returncode, paused.stdout) == (
                0,
                f"hoist: asked the running Hoist to pause {upload_id}.\n",
            )
            wait_for("paused")

            unknown = run_hoist(home, "resume", "999")
            assert (unknown.returncode, unknown.stderr) == (
                2, "hoist: error: no unfinished upload with ID 999 (see `hoist status`)\n"
            )  # fmt: skip
            everything = run_hoist(home, "resume")
            assert (everything.returncode, everything.stdout) == (0, (
                "hoist: the running Hoist is already carrying on with everything that was running; "
                "`hoist resume ID` continues a paused upload there.\n"))  # fmt: skip
            assert state() == "paused"
            resumed = run_hoist(home, "resume", str(upload_id))
            assert (resumed.returncode, resumed.stdout, resumed.stderr) == (
                0, f"hoist: asked the running Hoist to resume {upload_id}.\n", ""
            )  # fmt: skip
            wait_for("done")
            assert object_sha256(s3, bucket, "slow.bin") == digest
            assert window.poll() is None
        finally:
            window.terminate()
            window.communicate(timeout=30)
