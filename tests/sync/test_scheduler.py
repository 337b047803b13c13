"""The sync scheduler's policy: triggers, debounce, full-jitter backoff, one cycle at a time."""

from __future__ import annotations

import random

import pytest

from sync.scheduler import SchedulerState, SyncScheduler, Trigger, backoff_delay


def test_start_is_due_immediately_and_blocks_a_second_cycle() -> None:
    s = SyncScheduler(rng=random.Random(1))
    s.on_start(100.0)
    assert s.due(100.0) == Trigger.START
    assert s.begin(100.0) is True
    assert s.begin(100.0) is False  # never two syncs at once
    assert s.due(200.0) is None
    s.succeeded(101.0)
    assert s.seconds_until_due(101.0) == pytest.approx(600.0)
    assert s.due(701.0) == Trigger.INTERVAL


def test_save_debounces_30_seconds_and_later_saves_do_not_postpone() -> None:
    s = SyncScheduler(rng=random.Random(1))
    s.succeeded(0.0)  # next interval at 600
    s.on_save(10.0)
    assert s.seconds_until_due(10.0) == pytest.approx(30.0)
    s.on_save(25.0)
    assert s.seconds_until_due(25.0) == pytest.approx(15.0)
    assert s.due(40.0) == Trigger.SAVE


def test_save_while_offline_or_backing_off_does_not_trigger() -> None:
    s = SyncScheduler(rng=random.Random(1))
    s.succeeded(0.0)
    s.on_connectivity(1.0, online=False)
    s.on_save(2.0)
    assert s.seconds_until_due(2.0) == pytest.approx(598.0)
    s.on_connectivity(3.0, online=True)  # reconnect syncs at once
    assert s.due(3.0) == Trigger.RECONNECT
    s.begin(3.0)
    s.failed(4.0)
    before = s.seconds_until_due(4.0)
    s.on_save(4.0)
    assert s.seconds_until_due(4.0) == before


def test_backoff_full_jitter_bounds_and_retry_after() -> None:
    rng = random.Random(7)
    for attempt in range(12):
        ceiling = min(900.0, 2.0 * 2**attempt)
        samples = [backoff_delay(attempt, rng) for _ in range(300)]
        assert all(0.0 <= d <= ceiling for d in samples)
        assert max(samples) > 0.5 * ceiling  # really spread over the whole range
    assert backoff_delay(0, rng, retry_after=42.0) >= 42.0
    assert backoff_delay(60, rng) <= 900.0


def test_five_tries_end_the_round_but_the_timer_keeps_running() -> None:
    s = SyncScheduler(rng=random.Random(3), interval_s=600.0)
    now = 0.0
    s.on_demand(now)
    delays = []
    for _ in range(5):
        assert s.begin(now)
        delays.append(s.failed(now))
        assert s.due(now + delays[-1]) is not None
        now += delays[-1]
    assert delays[-1] >= 600.0  # fifth failure: back to the regular interval
    assert s.attempt == 5 and s.tries_in_round == 0
    assert s.seconds_until_due(now) is not None
    s.begin(now)
    s.succeeded(now)
    assert s.attempt == 0


def test_retry_after_is_respected() -> None:
    s = SyncScheduler(rng=random.Random(3))
    s.begin(0.0)
    delay = s.failed(0.0, retry_after=120.0)
    assert delay >= 120.0
    assert s.due(delay - 1.0) is None
    assert s.due(delay) == Trigger.RETRY


def test_attempt_count_survives_a_restart() -> None:
    s = SyncScheduler(rng=random.Random(3))
    for t in range(3):
        s.begin(float(t))
        s.failed(float(t))
    saved = s.state().to_dict()
    restored = SyncScheduler(rng=random.Random(3), state=SchedulerState.from_dict(saved))
    assert restored.attempt == 3 and restored.tries_in_round == 3
    assert SchedulerState.from_dict(None) == SchedulerState()
    assert SchedulerState.from_dict({"attempt": -4}).attempt == 0


def test_halt_stops_automatic_triggers_until_demand() -> None:
    s = SyncScheduler(rng=random.Random(3))
    s.begin(0.0)
    s.stopped("device-revoked")
    s.on_save(1.0)
    s.on_connectivity(2.0, online=True)
    assert s.due(10_000.0) is None and s.seconds_until_due(10.0) is None
    assert s.state().halted == "device-revoked"
    s.on_demand(20.0)
    assert s.due(20.0) == Trigger.DEMAND and s.halted is None


def test_schedule_next_maps_cycle_outcomes() -> None:
    from sync.engine import SyncResult, SyncStatus, schedule_next

    s = SyncScheduler(rng=random.Random(5), interval_s=600.0)
    s.begin(0.0)
    assert schedule_next(s, SyncResult(SyncStatus.OK), 0.0) == pytest.approx(600.0)
    s.begin(1.0)
    wait = schedule_next(s, SyncResult(SyncStatus.RATE_LIMITED, retry_after=30.0), 1.0)
    assert wait >= 30.0 and s.attempt == 1
    s.begin(2.0)
    assert schedule_next(s, SyncResult(SyncStatus.REVOKED), 2.0) is None
    assert s.halted == "revoked"
    s.on_demand(3.0)
    s.begin(3.0)
    assert schedule_next(s, SyncResult(SyncStatus.CANCELLED), 3.0) == pytest.approx(600.0)
    assert schedule_next(s, SyncResult(SyncStatus.BUSY), 4.0) == pytest.approx(599.0)
