"""The concurrency gate by weight: small files take a share of a slot, large parts a whole
one; waiting requests go in the order they came; SlowDown shrinks both kinds."""

from __future__ import annotations

import threading
import time

from hoist.engine.ratelimit import MAX_WORKERS, SMALL_SHARE, AdaptiveGate, request_weight, workers_for


def admitted(gate: AdaptiveGate, weights: list[float], settle: float = 0.3) -> list[int]:
    """Indexes of the requests the gate lets through (of ``weights``, arriving in order),
    with none released; the rest stay waiting until the gate is drained."""
    got: list[int] = []
    lock = threading.Lock()

    def one(index: int, weight: float) -> None:
        gate.acquire(weight)
        with lock:
            got.append(index)

    threads = []
    for index, weight in enumerate(weights):
        thread = threading.Thread(target=one, args=(index, weight), daemon=True)
        thread.start()
        threads.append(thread)
        time.sleep(0.005)  # arrive in this order
    time.sleep(settle)
    with lock:
        first = list(got)
    released: set[int] = set()
    deadline = time.monotonic() + 10
    while len(released) < len(weights) and time.monotonic() < deadline:  # drain: all get through
        with lock:
            now_in = [i for i in got if i not in released]
        for index in now_in:
            gate.release(weights[index])
            released.add(index)
        time.sleep(0.01)
    for thread in threads:
        thread.join(5)
    assert len(got) == len(weights)
    return first


def test_weights_small_files_share_a_slot_large_parts_take_one() -> None:
    assert request_weight(16 * 1024) == 1 / SMALL_SHARE
    assert request_weight(256 * 1024) == 1 / SMALL_SHARE
    assert request_weight(4 * 1024 * 1024) == 0.5
    assert request_weight(64 * 1024 * 1024) == 1.0
    assert (
        workers_for(8) == 8 * SMALL_SHARE == MAX_WORKERS
        and workers_for(12) == MAX_WORKERS
        and workers_for(64) == 64
        and workers_for(1) == SMALL_SHARE
    )


def test_eight_slots_hold_8x_small_share_small_files_or_eight_large_parts() -> None:
    assert len(admitted(AdaptiveGate(8), [1 / SMALL_SHARE] * 70)) == 8 * SMALL_SHARE
    assert len(admitted(AdaptiveGate(8), [1.0] * 10)) == 8


def test_a_waiting_large_part_is_not_overtaken_by_small_files_behind_it() -> None:
    # 7.5 slots taken, then a large part (does not fit) and small files (would fit).
    weights = [1.0] * 7 + [0.5] + [1.0] + [1 / SMALL_SHARE] * 3
    assert admitted(AdaptiveGate(8), weights) == list(range(8))


def test_slowdown_halves_the_small_files_in_flight_too() -> None:
    gate = AdaptiveGate(8)
    gate.slow_down()
    assert len(admitted(gate, [1 / SMALL_SHARE] * 40)) == 4 * SMALL_SHARE
