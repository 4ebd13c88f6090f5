"""The if-exists policy (overwrite, skip, rename, ask), applied once per upload before
any byte is sent.

Once decided, the upload owns its key: the decision is journaled (the row's policy
becomes overwrite, with the key it settled on), so a later start of the same upload
(the file was edited, the server lost the upload, Hoist was killed) never takes the
upload's own earlier bytes for someone else's object. Uploads of this journal that are
under way count as taking their key, so two files with the same name never pick the
same free name, nor both go to a key that skip should have kept for the first.
"""

from __future__ import annotations

from ..config.settings import IfExists
from ..store.states import UploadState
from . import events as ev
from .connections import Connection
from .context import StepContext
from .runtime import Runtime


def resolve_conflict(ctx: StepContext, rt: Runtime, conn: Connection) -> bool:
    """True if the upload goes on (to ``rt.row.key``, which may have been renamed)."""
    policy = IfExists(rt.row.if_exists)
    if policy == IfExists.OVERWRITE:
        return True
    bucket, key = rt.row.bucket, rt.row.key
    on_server = conn.signer.head(bucket, key) is not None
    with ctx.lock:
        queued_there = ctx.journal.key_taken(bucket, key, rt.row.id)
        if not on_server and not queued_there:
            _own(ctx, rt, key)
            return True
    if policy == IfExists.ASK:
        policy = ctx.conflict_resolver(rt.row) if ctx.conflict_resolver else IfExists.OVERWRITE
        if rt.stop.is_set():
            # Paused, cancelled or shut down while a person was being asked (which can
            # take minutes): send nothing; a fresh upload asks again when it restarts.
            return False
    if policy == IfExists.OVERWRITE:
        with ctx.lock:
            _own(ctx, rt, key)
        return True
    if policy == IfExists.SKIP:
        reason = (
            "the object already exists" if on_server else "another upload in the queue goes to the same key"
        )
        ctx.set_state(rt, UploadState.SKIPPED, f"skipped: {reason}")
        return False
    return _rename(ctx, rt, conn)


def _rename(ctx: StepContext, rt: Runtime, conn: Connection) -> bool:
    """RENAME: "name (1).ext", "name (2).ext", ... until one is free on the server and
    not taken by another upload of this journal."""
    bucket = rt.row.bucket
    stem, ext = split_extension(rt.row.key)
    for n in range(1, 10_000):
        candidate = f"{stem} ({n}){ext}"
        if conn.signer.head(bucket, candidate) is not None:
            continue
        with ctx.lock:
            if ctx.journal.key_taken(bucket, candidate, rt.row.id):
                continue
            _own(ctx, rt, candidate)
        ctx.emit(ev.Notice(f"{rt.row.name} exists; uploading as {candidate}.", rt.row.id))
        return True
    ctx.fail(rt, f"{rt.row.name}: no free name was found for a renamed copy.")
    return False


def _own(ctx: StepContext, rt: Runtime, key: str) -> None:
    """Journal the decision (under the lock, so no other upload decides in between)."""
    ctx.journal.update_upload(rt.row.id, key=key, if_exists=IfExists.OVERWRITE.value)
    rt.row = ctx.journal.get_upload(rt.row.id) or rt.row
    ctx.touch(rt)


_DOUBLE_EXTENSIONS = (".tar.gz", ".tar.bz2", ".tar.xz", ".tar.zst")


def split_extension(key: str) -> tuple[str, str]:
    """ "dir/report.pdf" -> ("dir/report", ".pdf"); "a.tar.gz" -> ("a", ".tar.gz");
    a dotfile or a name without a dot has no extension (".hidden" -> (".hidden", ""))."""
    folder, slash, name = key.rpartition("/")
    lower = name.lower()
    ext = next((e for e in _DOUBLE_EXTENSIONS if lower.endswith(e) and len(name) > len(e)), "")
    if not ext:
        dot = name.rfind(".")
        ext = name[dot:] if dot > 0 else ""
    return folder + slash + name[: len(name) - len(ext)], ext
