"""The planner honours S3's part rules for every file size."""

from __future__ import annotations

import pytest

from hoist.engine.planner import (
    MAX_PARTS,
    MIN_PART,
    GiB,
    MiB,
    PlanError,
    TiB,
    parse_size,
    plan_file,
    validate_part_size,
)


def check_plan(size: int, part_size: int) -> None:
    plan = plan_file(size, part_size=part_size, threshold=part_size)
    parts = plan.parts
    assert sum(p.length for p in parts) == size
    assert [p.part_number for p in parts] == list(range(1, len(parts) + 1))
    offset = 0
    for p in parts:
        assert p.offset == offset
        offset += p.length
    if plan.strategy == "multipart":
        assert len(parts) <= MAX_PARTS
        assert all(p.length >= MIN_PART for p in parts[:-1])
        assert all(p.length <= 5 * GiB for p in parts)


@pytest.mark.parametrize("size", [0, 1, 16 * MiB, 16 * MiB + 1, 100 * GiB, 160 * GiB, 1 * TiB, 5 * TiB])
def test_plans_obey_s3_rules(size: int) -> None:
    check_plan(size, 16 * MiB)


def test_small_files_are_a_single_put() -> None:
    plan = plan_file(10, part_size=16 * MiB, threshold=16 * MiB)
    assert plan.strategy == "single" and len(plan.parts) == 1


def test_part_size_grows_to_stay_within_10000_parts() -> None:
    plan = plan_file(1 * TiB, part_size=8 * MiB, threshold=8 * MiB)
    assert len(plan.parts) <= MAX_PARTS
    assert plan.part_size > 8 * MiB and plan.part_size % MiB == 0


def test_files_over_5_tib_are_refused_with_a_reason() -> None:
    with pytest.raises(PlanError, match="at most 5 TiB"):
        plan_file(5 * TiB + 1, part_size=16 * MiB, threshold=16 * MiB)


@pytest.mark.parametrize(
    ("size", "message"),
    [(512 * 1024, "below S3's minimum of 5.0 MiB"), (6 * GiB, "above S3's maximum of 5 GiB")],
)
def test_part_size_limits(size: int, message: str) -> None:
    with pytest.raises(PlanError, match=message):
        validate_part_size(size)


@pytest.mark.parametrize(
    ("text", "value"),
    [("16MiB", 16 * MiB), ("16M", 16 * MiB), ("8mb", 8_000_000), ("1048576", MiB), ("1.5GiB", 3 * GiB // 2)],
)
def test_parse_size(text: str, value: int) -> None:
    assert parse_size(text) == value


@pytest.mark.parametrize("text", ["", "MiB", "ten", "5 parsecs"])
def test_parse_size_rejects_nonsense(text: str) -> None:
    with pytest.raises(ValueError, match="is not a size"):
        parse_size(text)
