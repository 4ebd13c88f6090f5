"""The work items of the engine's one queue, and the order workers take them in."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Task:
    kind: str  # start | part | complete | abort | cleanup
    upload_id: int
    part_number: int = 0
    epoch: int = 0


# Aborts and cleanups first (they free the server), then Completes (a file that is all sent),
# then starts and parts. Within one file its start goes before its parts, and parts go
# in ascending order: servers that buffer out-of-order parts (rclone serve s3) need that.
_RANK = {"abort": 0, "cleanup": 0, "complete": 1, "start": 2, "part": 2}


def priority(task: Task) -> tuple[int, ...]:
    rank = _RANK[task.kind]
    order: tuple[int, ...] = (rank, task.upload_id)
    if rank == 2:
        order += (0 if task.kind == "start" else 1, task.part_number)
    return order
