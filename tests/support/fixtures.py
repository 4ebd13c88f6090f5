"""Fixtures for the failure tests; import them into a test module to use them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.faultproxy import FaultProxy


@pytest.fixture(name="proxy")
def fault_proxy(moto_endpoint: str) -> Iterator[FaultProxy]:
    """A fault proxy in front of the session's moto server, stopped after the test."""
    with FaultProxy(moto_endpoint) as running:
        yield running
