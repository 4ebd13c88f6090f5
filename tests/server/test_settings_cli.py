"""Settings (file, environment, flags; the secret never from the file) and the admin CLI's refusals."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from hoist.server import cli
from hoist.server.settings import SettingsError, load, parse_storage_url


def test_settings_file_environment_and_flags(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("s3cr3t-from-file\n")
    config = tmp_path / "hoist-server.toml"
    config.write_text(
        'database_url = "postgresql://hoist@db/hoist"\nport = 9000\nsession_ttl = 3600\n'
        'cors_origins = ["https://up.example.com"]\n'
        '[storage]\nurl = "https://s3.eu-west-1.amazonaws.com/team?region=eu-west-1"\n'
        f'access_key_id = "AKIAFILE"\nsecret_file = "{secret}"\n'
    )
    s = load(str(config), {"port": 9100}, environ={"HOIST_SERVER_SESSION_TTL": "60"})
    assert (s.database_url, s.port, s.session_ttl, s.cors_origins) == (
        "postgresql://hoist@db/hoist",
        9100,
        60.0,
        ("https://up.example.com",),
    )
    st = s.storage
    assert (st.bucket, st.endpoint_url, st.region, st.path_style) == (
        "team",
        "https://s3.eu-west-1.amazonaws.com",
        "eu-west-1",
        True,
    )
    assert (st.access_key_id, st.secret_access_key) == ("AKIAFILE", "s3cr3t-from-file")
    assert "s3cr3t" not in repr(s) and "s3cr3t" not in repr(st)
    env = {
        "HOIST_SERVER_STORAGE_SECRET_ACCESS_KEY": "from-env",
        "HOIST_SERVER_STORAGE_ACCESS_KEY_ID": "AKIAENV",
    }
    s2 = load(str(config), {"storage_url": "s3://other"}, environ=env)
    assert (s2.storage.bucket, s2.storage.endpoint_url, s2.storage.secret_access_key) == (
        "other",
        "",
        "from-env",
    )
    assert s2.storage.access_key_id == "AKIAENV"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[storage]\nsecret_access_key = "x"\n', "must not hold the storage secret"),
        ("port = \n", "not valid TOML"),
        ("colour = 1\n", "unknown setting"),
        ("session_ttl = 0\n", "must be positive"),
    ],
)
def test_bad_settings_files(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "s.toml"
    config.write_text(text)
    with pytest.raises(SettingsError, match=message):
        load(str(config), environ={})


@pytest.mark.parametrize("url", ["ftp://x/b", "s3://", "s3://b/key", "http://host", "http://host/a/b"])
def test_bad_storage_urls(url: str) -> None:
    with pytest.raises(SettingsError):
        parse_storage_url(url)


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(list(args))
        except SystemExit as exc:  # argparse's own refusals
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_admin_cli_refusals(tmp_path: Path) -> None:
    db = ["--database-url", f"sqlite:///{tmp_path / 'h.db'}"]
    assert run(*db, "user", "add", "ana", "--prefix", "uploads/ana/")[0] == 0
    code, _, err = run(*db, "user", "add", "ana", "--prefix", "uploads/ana/")
    assert code == 2 and "exists already" in err
    for prefix in ("../x/", "/abs/", "no-slash", "a/./b/", "sp ace/"):
        code, _, err = run(*db, "user", "add", "bob", "--prefix", prefix)
        assert code == 2 and "prefix" in err, prefix
    code, _, err = run(*db, "token", "create", "nobody-here")
    assert code == 2 and "no user named 'nobody-here'" in err
    assert run(*db, "user", "add", "cy", "--prefix", "c/", "--quota", "lots")[0] == 2
    code, _, err = run(*db, "token", "revoke", "hst_0000_x")
    assert code == 2 and "no such token" in err
    code, out, _ = run(*db, "user", "list")
    assert code == 0 and out.startswith("ana\tprefix=uploads/ana/")
    code, _, err = run("--database-url", "postgresql://nobody@127.0.0.1:1/x", "user", "list")
    assert code == 1 and "cannot use the database" in err
