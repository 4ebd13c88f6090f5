"""From paths a person gave (files, folders) to (local file, object key) pairs.

Keys: the prefix plus the path relative to the dropped folder's parent (so the folder
keeps its name), with forward slashes, no leading slash, no '.'/'..' segments and
unicode normalised to NFC. A folder given with a trailing slash uploads its contents
without its own name, as rsync and rclone do.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path


class BadInput(ValueError):
    """A path or option that cannot be uploaded; the message is for a person."""


@dataclass(frozen=True)
class Source:
    path: Path
    key: str
    size: int
    mtime_ns: int
    inode: int


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str
    # A file the person asked for that cannot go up (permission denied, a folder that
    # cannot be listed, a key over S3's 1,024 bytes): a failure of that file, not a skip by
    # rule (links, special files, loops).
    failed: bool = False


def normalise_prefix(prefix: str) -> str:
    cleaned = unicodedata.normalize("NFC", prefix.replace("\\", "/"))
    segments = [s for s in cleaned.split("/") if s]
    if any(s in (".", "..") for s in segments):
        raise BadInput(f"The prefix '{prefix}' contains '.' or '..'; S3 keys cannot climb folders.")
    return "/".join(segments) + "/" if segments else ""


def make_key(prefix: str, relative_parts: list[str]) -> str:
    segments = []
    for part in relative_parts:
        name = unicodedata.normalize("NFC", part)
        if name in ("", "."):
            continue
        if name == "..":
            raise BadInput(f"The path {'/'.join(relative_parts)} climbs out of its folder ('..').")
        segments.append(name)
    key = normalise_prefix(prefix) + "/".join(segments)
    if not segments:
        raise BadInput("The file has no name to use as a key.")
    if len(key.encode("utf-8")) > 1024:
        raise BadInput(f"The key '{key[:60]}...' is longer than S3's 1,024-byte limit.")
    return key


def _describe_special(mode: int) -> str | None:
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return "is not a regular file"
    return None


def _check_readable(path: Path) -> None:
    try:
        with open(path, "rb"):
            pass
    except PermissionError:
        raise BadInput(f"{path}: permission denied; Hoist cannot read this file.") from None
    except OSError as exc:
        raise BadInput(f"{path}: cannot be read ({exc.strerror}).") from None


def collect(
    paths: list[str], prefix: str, *, follow_symlinks: bool = False
) -> tuple[list[Source], list[Skipped]]:
    """Expand the paths given. Raises BadInput for a path given explicitly that cannot be
    uploaded; files inside folders that cannot be uploaded are returned as Skipped.

    One rule per case (the README's "Symbolic links and special files" says the same):
    - a path named here is what the person means: a symbolic link to a file or a folder
      is followed (its key uses the link's name, as `cp -H` does); a broken link, a FIFO,
      a device or a socket named here is refused (BadInput: nothing is queued);
    - inside a folder, symbolic links (to files or folders) are skipped unless
      follow_symlinks, and FIFOs, devices and sockets are always skipped;
    - a skipped item is listed, and does not change the exit code by itself."""
    sources: list[Source] = []
    skipped: list[Skipped] = []
    normalise_prefix(prefix)  # validate early
    for raw in paths:
        path = Path(raw)
        if raw == "":
            raise BadInput("An empty path was given.")
        try:
            # The raw text, not the Path: Path("a.txt/") drops the slash that says "a folder".
            st = os.stat(raw, follow_symlinks=True)
        except NotADirectoryError:
            if raw.endswith(("/", os.sep)):
                raise BadInput(f"{raw}: a file, not a folder; drop the trailing '/' to upload it.") from None
            raise BadInput(f"{raw}: part of the path is a file, not a folder.") from None
        except FileNotFoundError:
            if path.is_symlink():
                raise BadInput(f"{raw}: a broken symbolic link (its target does not exist).") from None
            raise BadInput(f"{raw}: no such file or folder.") from None
        except PermissionError:
            raise BadInput(f"{raw}: permission denied.") from None
        except OSError as exc:
            raise BadInput(f"{raw}: {exc.strerror}.") from None
        if stat.S_ISDIR(st.st_mode):
            root = path.absolute()
            keep_name = not raw.endswith(("/", os.sep))
            base = root.parent if keep_name else root
            if keep_name and root.name in ("", ".", ".."):
                base = root
            _walk(root, base, prefix, follow_symlinks, sources, skipped)
            continue
        reason = _describe_special(st.st_mode)
        if reason:
            raise BadInput(f"{raw}: {reason}.")
        _check_readable(path)
        sources.append(
            Source(path.absolute(), make_key(prefix, [path.absolute().name]), st.st_size,
                   st.st_mtime_ns, st.st_ino)
        )  # fmt: skip
    return sources, skipped


def _walk(
    root: Path,
    base: Path,
    prefix: str,
    follow_symlinks: bool,
    sources: list[Source],
    skipped: list[Skipped],
) -> None:
    def on_error(exc: OSError) -> None:
        skipped.append(Skipped(Path(exc.filename or root), f"cannot be listed ({exc.strerror})", True))

    # The folders above each folder (device, inode): a followed link back to one of them is
    # a loop, which would otherwise be walked until the OS gives up (or memory runs out).
    try:
        top = os.stat(root)
        above: dict[str, frozenset[tuple[int, int]]] = {str(root): frozenset({(top.st_dev, top.st_ino)})}
    except OSError:
        above = {str(root): frozenset()}
    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error, followlinks=follow_symlinks):
        chain = above.pop(dirpath, frozenset())
        kept = []
        for name in sorted(dirnames):
            full = Path(dirpath) / name
            if full.is_symlink() and not follow_symlinks:
                skipped.append(Skipped(full, "is a symbolic link to a folder (use --follow-symlinks)"))
                continue
            try:
                st = full.stat()
            except OSError as exc:
                skipped.append(Skipped(full, f"cannot be read ({exc.strerror})", True))
                continue
            if (st.st_dev, st.st_ino) in chain:
                skipped.append(Skipped(full, "links back to a folder that contains it (a loop)"))
                continue
            above[str(full)] = chain | {(st.st_dev, st.st_ino)}
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            full = Path(dirpath) / name
            try:
                if full.is_symlink() and not follow_symlinks:
                    skipped.append(Skipped(full, "is a symbolic link (use --follow-symlinks)"))
                    continue
                st = full.stat()
            except OSError as exc:
                skipped.append(Skipped(full, f"cannot be read ({exc.strerror})", True))
                continue
            reason = _describe_special(st.st_mode)
            if reason:
                skipped.append(Skipped(full, reason))
                continue
            if not os.access(full, os.R_OK):
                skipped.append(Skipped(full, "permission denied", True))
                continue
            relative = full.relative_to(base).parts
            try:
                key = make_key(prefix, list(relative))
            except BadInput as exc:  # its key is too long: a file asked for that cannot go up
                skipped.append(Skipped(full, str(exc), True))
                continue
            sources.append(Source(full, key, st.st_size, st.st_mtime_ns, st.st_ino))
