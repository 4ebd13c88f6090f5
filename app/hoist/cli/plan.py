"""`hoist upload --dry-run`: the pre-flight plan, with nothing sent and nothing queued.

Per file: its size, single PUT or how many parts of what size (and when the part size
had to grow to stay under S3's 10,000 parts), and its key. Then the totals, the memory
budget and, with a bandwidth limit, how long it will take.
"""

from __future__ import annotations

from ..config.settings import DEFAULT_PART_SIZE, TransferSettings
from ..display import printable
from ..engine.batch import BatchPlan
from ..engine.planner import human_bytes
from ..s3.service import SERVICE_REGION
from ..store.journal import Destination
from .progress import human_eta
from .unreadable import line_for

# Each part is streamed from disk in small blocks: memory does not grow with the part
# size nor the file size (tests/benchmarks: ~65 MB peak RSS for 1 GiB and for 4 GiB).
MEMORY_NOTE = "memory stays flat (parts are streamed from disk, not held in memory)"


def describe(upload_size: int, strategy: str, parts: int, part_size: int, wanted: int) -> str:
    if strategy != "multipart":
        return "single PUT"
    text = f"{parts:,} parts of {human_bytes(part_size)}"
    if part_size > wanted:
        text += " (grown: at most 10,000 parts)"
    return text


def print_plan(plan: BatchPlan, destination: Destination, prefix: str, settings: TransferSettings) -> None:
    where = destination.endpoint_url or "AWS S3"
    target = f"s3://{destination.bucket}/{prefix}".rstrip("/")
    if destination.region == SERVICE_REGION:  # the service picks bucket and keys: names as sent
        print(f"Plan for the upload service at {where} (it chooses bucket and keys; dry run: nothing "
              "is sent or queued)")  # fmt: skip
    else:
        print(f"Plan for {printable(target)} at {where} (dry run: nothing is sent or queued)")
    wanted = settings.part_size or DEFAULT_PART_SIZE
    rows = [
        (
            human_bytes(u.size),
            describe(u.size, u.strategy, len(u.parts), u.part_size, wanted),
            printable(u.key),
        )
        for u in plan.uploads
    ]
    size_width = max((len(r[0]) for r in rows), default=4)
    how_width = max((len(r[1]) for r in rows), default=3)
    for size, how, key in rows:
        print(f"  {size:>{size_width}}  {how:<{how_width}}  {key}")
    for skipped in plan.skipped:  # a file that cannot be read would fail (exit code 1)
        print(f"  {line_for(skipped)}")
    backslashed = sum(1 for u in plan.uploads if "\\" in u.key)
    if backslashed:
        # Kept as they are (S3 keys are bytes), but tools that map keys to Windows paths
        # read a backslash as a folder separator ("..\\x" could climb out of a folder).
        one = backslashed == 1
        print(f"note: {backslashed:,} key{'' if one else 's'} contain{'s' if one else ''} a backslash, "
              "which some tools read as a folder separator.")  # fmt: skip
    files = len(plan.uploads)
    multipart = sum(1 for u in plan.uploads if u.strategy == "multipart")
    requests = plan.total_parts + 2 * multipart  # parts, plus Create and Complete per multipart file
    print(f"{files:,} file{'s' if files != 1 else ''}, {human_bytes(plan.total_bytes)}, {requests:,} "
          f"request{'s' if requests != 1 else ''}; up to {settings.concurrency} parts in flight; "
          f"{MEMORY_NOTE}.")  # fmt: skip
    if settings.bandwidth_limit:
        eta = plan.total_bytes / settings.bandwidth_limit
        print(f"At the bandwidth limit of {human_bytes(settings.bandwidth_limit)}/s: about "
              f"{human_eta(eta) if eta >= 1 else 'a second'}.")  # fmt: skip
