"""Turn a file size into a plan that real S3 accepts.

S3 rules: every part but the last is at least 5 MiB, at most 5 GiB, at most 10,000
parts, and an object is at most 5 TiB. The part size grows with the file so the
10,000-part limit always holds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..store.journal import PartPlan

KiB = 1024
MiB = 1024 * KiB
GiB = 1024 * MiB
TiB = 1024 * GiB

MIN_PART = 5 * MiB
MAX_PART = 5 * GiB
MAX_PARTS = 10_000
MAX_OBJECT = 5 * TiB
MAX_SINGLE_PUT = 5 * GiB


class PlanError(ValueError):
    """The file cannot be uploaded with these settings; the message says why."""


@dataclass(frozen=True)
class Plan:
    strategy: str  # "single" | "multipart"
    part_size: int
    parts: tuple[PartPlan, ...]


def validate_part_size(part_size: int, minimum: int = MIN_PART) -> None:
    if part_size < minimum:
        raise PlanError(
            f"A part size of {human_bytes(part_size)} is below S3's minimum of "
            f"{human_bytes(minimum)} per part."
        )
    if part_size > MAX_PART:
        raise PlanError(f"A part size of {human_bytes(part_size)} is above S3's maximum of 5 GiB per part.")


def choose_part_size(size: int, wanted: int, minimum: int = MIN_PART) -> int:
    """The wanted size, grown (in whole MiB) until the file fits in 10,000 parts."""
    part = max(wanted, minimum)
    if size > part * MAX_PARTS:
        needed = -(-size // MAX_PARTS)  # ceiling division
        part = -(-needed // MiB) * MiB
    return min(part, MAX_PART)


def plan_file(
    size: int,
    *,
    part_size: int,
    threshold: int,
    minimum_part: int = MIN_PART,
) -> Plan:
    """Plan one file. ``minimum_part`` is lowered only by tests against fake servers."""
    if size < 0:
        raise PlanError("the file has a negative size.")
    if size > MAX_OBJECT:
        raise PlanError(
            f"the file is {human_bytes(size)}; S3 objects can be at most 5 TiB, so it cannot "
            "be uploaded as one object."
        )
    if size <= threshold and size <= MAX_SINGLE_PUT:
        return Plan("single", max(size, 0), (PartPlan(1, 0, size),))
    chosen = choose_part_size(size, part_size, minimum_part)
    parts = []
    offset, number = 0, 1
    while offset < size:
        length = min(chosen, size - offset)
        parts.append(PartPlan(number, offset, length))
        offset += length
        number += 1
    if len(parts) > MAX_PARTS:  # cannot happen after choose_part_size; keep the rule explicit
        raise PlanError(f"The plan needs {len(parts)} parts; S3 allows at most {MAX_PARTS}.")
    return Plan("multipart", chosen, tuple(parts))


_UNITS = {
    "": 1, "b": 1,
    "k": KiB, "kb": 1000, "kib": KiB,
    "m": MiB, "mb": 1000**2, "mib": MiB,
    "g": GiB, "gb": 1000**3, "gib": GiB,
    "t": TiB, "tb": 1000**4, "tib": TiB,
}  # fmt: skip


def parse_size(text: str) -> int:
    """'16MiB', '16M', '8mb', '1048576' -> bytes. Bare K/M/G are binary (like rclone)."""
    cleaned = text.strip().lower().replace(" ", "")
    number = cleaned.rstrip("abcdefghijklmnopqrstuvwxyz")
    unit = cleaned[len(number) :]
    if unit not in _UNITS or not number:
        raise ValueError(f"'{text}' is not a size; use e.g. 16MiB, 64M or 1GiB")
    try:
        value = float(number)
    except ValueError:
        raise ValueError(f"'{text}' is not a size; use e.g. 16MiB, 64M or 1GiB") from None
    if not math.isfinite(value) or value < 0:  # "1e400" is infinite, "nan" is not a number
        raise ValueError(f"'{text}' is not a size; use e.g. 16MiB, 64M or 1GiB")
    return int(value * _UNITS[unit])


def human_bytes(value: float) -> str:
    step = 1024.0
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(value) < step or unit == "TiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= step
    return f"{value:.1f} TiB"
