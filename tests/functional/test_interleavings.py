"""The randomized interleaving test (tests/support/interleave.py): fixed seeds, about a
minute in all. ``python tests/benchmarks/interleave_long.py`` runs many more seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import s3_client
from tests.support.interleave import run_interleaving
from tests.support.small_parts import small_part_moto, small_parts_allowed  # noqa: F401 - fixtures

SEEDS = list(range(1, 11))


@pytest.mark.parametrize("seed", SEEDS)
def test_random_interleavings_keep_every_promise(
    seed: int,
    small_part_moto: str,  # noqa: F811
    small_parts_allowed: None,  # noqa: F811
    tmp_path: Path,
) -> None:
    outcome = run_interleaving(seed, small_part_moto, s3_client(small_part_moto), tmp_path)
    assert outcome.requests > 0 and len(outcome.actions) > 10  # it queued, acted and settled
    assert not outcome.violations, "\n".join(
        [*outcome.violations, "actions:", *outcome.actions, "requests:", *outcome.trace]
    )
