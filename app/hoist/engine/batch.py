"""Turn the paths a person gives into planned uploads, without touching the journal
or the network: what ``Engine.queue_paths`` journals and ``hoist upload --dry-run``
prints are the same plan."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from typing import Any

from ..config.settings import DEFAULT_PART_SIZE, IfExists, TransferSettings
from ..store.journal import NewUpload
from .planner import PlanError, plan_file, validate_part_size
from .sources import BadInput, Skipped, collect


@dataclass(frozen=True)
class BatchPlan:
    uploads: list[NewUpload]
    skipped: list[Skipped]

    @property
    def total_bytes(self) -> int:
        return sum(u.size for u in self.uploads)

    @property
    def total_parts(self) -> int:
        return sum(len(u.parts) for u in self.uploads)


def plan_batch(
    paths: list[str],
    prefix: str,
    settings: TransferSettings,
    *,
    if_exists: IfExists | None = None,
    options: dict[str, Any] | None = None,
) -> BatchPlan:
    """Expand folders, make keys and plan each file. Raises BadInput (nothing is
    queued) for a bad path, two files with one key, or an empty selection."""
    part_size = settings.part_size or 0
    if part_size:
        validate_part_size(part_size)
    sources, skipped = collect(paths, prefix, follow_symlinks=settings.follow_symlinks)
    if not sources and not skipped:
        raise BadInput("Nothing to upload: the folders given are empty.")
    by_key: dict[str, str] = {}
    unique = []
    for source in sources:
        earlier = by_key.get(source.key)
        if earlier == str(source.path):
            continue  # the same file given twice (or inside a folder also given): once is enough
        by_key[source.key] = str(source.path)
        unique.append(source)
        if earlier is not None:
            raise BadInput(
                f"{earlier} and {source.path} would both be uploaded as '{source.key}'; "
                "upload them separately or to different prefixes."
            )
    policy = if_exists or settings.if_exists
    uploads = []
    for source in unique:
        try:
            plan = plan_file(source.size, part_size=part_size or DEFAULT_PART_SIZE,
                             threshold=settings.multipart_threshold)  # fmt: skip
        except PlanError as exc:  # say which file, as every bad-input message does
            raise PlanError(f"{source.path}: {exc}") from None
        uploads.append(
            NewUpload(
                local_path=str(source.path),
                size=source.size,
                mtime_ns=source.mtime_ns,
                key=source.key,
                strategy=plan.strategy,
                part_size=plan.part_size,
                parts=plan.parts,
                content_type=content_type_for(source.path.name, options),
                if_exists=policy.value,
                options={**(options or {}), "inode": source.inode},
            )
        )
    return BatchPlan(uploads, skipped)


def content_type_for(name: str, options: dict[str, Any] | None) -> str:
    if options is not None and options.get("content_type"):
        return str(options["content_type"])
    if options is not None and not options.get("detect_content_type", True):
        return "application/octet-stream"
    guessed, _ = mimetypes.guess_type(name, strict=False)
    return guessed or "application/octet-stream"
