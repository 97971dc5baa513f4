"""Capped exponential backoff with full jitter."""

from __future__ import annotations

import random

import pytest

from core.sync.backoff import Backoff


def test_ceiling_doubles_then_caps() -> None:
    policy = Backoff(base_s=1.0, cap_s=60.0)
    assert [policy.ceiling(n) for n in range(0, 9)] == [0.0, 1, 2, 4, 8, 16, 32, 60, 60]
    assert policy.ceiling(10_000) == 60.0  # no overflow for absurd attempt counts


def test_full_jitter_spans_zero_to_ceiling() -> None:
    policy = Backoff(base_s=2.0, cap_s=120.0)
    assert policy.delay(3, rand=lambda: 0.0) == 0.0
    assert policy.delay(3, rand=lambda: 0.5) == 4.0
    assert policy.delay(3, rand=lambda: 0.999999) == pytest.approx(8.0, abs=1e-4)
    rng = random.Random(7)
    delays = [policy.delay(20, rand=rng.random) for _ in range(2000)]
    assert 0.0 <= min(delays) < 5.0
    assert 115.0 < max(delays) <= 120.0
    assert 50.0 < sum(delays) / len(delays) < 70.0  # uniform on [0, 120]: mean about 60


def test_retry_after_is_a_floor_but_capped() -> None:
    policy = Backoff(base_s=1.0, cap_s=30.0)
    assert policy.delay(1, rand=lambda: 0.1, retry_after_s=5.0) == 5.0
    assert policy.delay(5, rand=lambda: 0.9, retry_after_s=1.0) == pytest.approx(14.4)
    assert policy.delay(1, rand=lambda: 0.1, retry_after_s=86_400.0) == 30.0


@pytest.mark.parametrize("base,cap", [(0, 1), (-1, 1), (1, 0), (5, 1)])
def test_bad_policy_is_refused(base: float, cap: float) -> None:
    with pytest.raises(ValueError):
        Backoff(base_s=base, cap_s=cap)
