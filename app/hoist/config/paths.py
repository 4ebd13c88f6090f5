"""Where Hoist keeps its journal, config and logs.

Everything lives under one directory when HOIST_HOME (or ``--home``) is set, which is
what tests and portable installs use; otherwise the platform's conventional places
from platformdirs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from .private import (
    POSIX,
    PRIVATE_FILE,
    ensure_real,
    ensure_safe_parents,
    ensure_trusted,
    narrow,
    private_dir,
    private_to_me,
)

HOME_ENV = "HOIST_HOME"


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    config_dir: Path
    log_dir: Path

    @property
    def journal(self) -> Path:
        return self.data_dir / "journal.sqlite3"

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.json"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "hoist.log"

    @property
    def engine_lock(self) -> Path:
        return self.data_dir / "engine.lock"

    @property
    def instance_socket_name(self) -> str:
        """Where the single-instance socket (GUI hand-over) of this home lives: a full path
        in a folder only this account can enter ($XDG_RUNTIME_DIR when it is this account's
        and 0700, as systemd makes it; else a 0700 folder of Hoist's own in its data folder,
        created here). Never a guessable name in a shared /tmp, where another account could
        bind it first and be handed every path the person opens. On Windows: a per-home
        named pipe (Qt gives it the user's ACL)."""
        import hashlib

        digest = hashlib.sha1(str(self.data_dir.resolve()).encode()).hexdigest()[:12]
        if not POSIX:
            return f"hoist-{digest}"
        xdg = os.environ.get("XDG_RUNTIME_DIR", "").strip()
        if xdg and Path(xdg).is_absolute() and private_to_me(Path(xdg)):
            return str(Path(xdg) / f"hoist-{digest}.sock")
        # Hoist's own folder, one per home (a short name: a socket path has ~100 bytes).
        return str(private_dir(self.data_dir / "run") / "hoist.sock")

    def ensure(self) -> Paths:
        """Refuse (UntrustedHome) a home, journal or settings file another account owns or
        can write, a home in a folder others could change, and a log folder, log file or lock
        that is a symbolic link; create the folders 0700 (config.private) and narrow what an earlier
        version left readable by others: the folders, the journal with its -wal/-shm, the lock,
        the settings and the logs."""
        journal = self.journal
        trusted = [self.data_dir, self.config_dir, journal, journal.with_name(journal.name + "-wal"),
                   self.config_file]  # fmt: skip
        for path in trusted:  # before anything is created or narrowed
            ensure_trusted(path)
        # What Hoist writes to: never through a link, never another account's.
        for path in (self.log_dir, self.log_file, self.engine_lock):
            ensure_real(path)
        for directory in dict.fromkeys((self.data_dir, self.config_dir, self.log_dir)):
            ensure_safe_parents(directory)
        for directory in (self.data_dir, self.config_dir, self.log_dir):
            private_dir(directory)
        files = [journal, journal.with_name(journal.name + "-wal"), journal.with_name(journal.name + "-shm"),
                 self.engine_lock, self.config_file, self.log_file]  # fmt: skip
        files += [self.log_file.with_name(f"{self.log_file.name}.{n}") for n in range(1, 4)]
        for path in files:
            narrow(path, PRIVATE_FILE)
        return self


def resolve_paths(home: str | os.PathLike[str] | None = None) -> Paths:
    """``home`` (from --home) wins over HOIST_HOME, which wins over platform dirs."""
    chosen = home if home is not None else os.environ.get(HOME_ENV)
    if chosen:
        root = Path(chosen).expanduser().absolute()
        return Paths(data_dir=root, config_dir=root, log_dir=root / "logs")
    return Paths(
        data_dir=Path(platformdirs.user_data_dir("hoist", appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir("hoist", appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir("hoist", appauthor=False)),
    )
