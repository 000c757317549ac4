"""The gateway's admission: queue bounds in total and per key, n places at once or none, the rate window, and the
Retry-After each refusal carries."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tessera.agents import Settings
from tessera.agents.services import _admission
from tessera.agents.services._admission import Admission
from tessera.contract import OverloadedError, RequestError


def _admission_with(tmp_path: Path, **services: object) -> Admission:
    defaults: dict[str, object] = {"rate_limit_per_minute": 0, "gateway_workers": 2}
    return Admission(Settings(home=tmp_path, services={**defaults, **services}))


class _Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> _Clock:
    moved = _Clock()
    monkeypatch.setattr(_admission.time, "monotonic", moved)
    return moved


def test_the_total_bound_refuses_past_max_queue_and_says_which_bound(tmp_path: Path) -> None:
    admission = _admission_with(tmp_path, max_queue=3)
    admission.admit(None, 2)
    admission.admit(None, 1)
    with pytest.raises(OverloadedError, match="TESSERA_MAX_QUEUE=3") as refused:
        admission.admit(None, 1)
    assert refused.value.http_status == 429 and refused.value.retry_after_s >= 1
    assert admission.queued == 3 and admission.rejections() == {"queue_full": 1}


def test_a_place_given_back_by_dequeue_admits_the_next_run(tmp_path: Path) -> None:
    admission = _admission_with(tmp_path, max_queue=1)
    admission.admit("k", 1)
    admission.dequeue("k")
    admission.admit("k", 1)
    assert admission.queued == 1


def test_the_per_key_bound_holds_one_key_back_and_not_another(tmp_path: Path) -> None:
    admission = _admission_with(tmp_path, max_queue=10, max_queue_per_key=2)
    admission.admit("alice", 2)
    with pytest.raises(OverloadedError, match="TESSERA_MAX_QUEUE_PER_KEY=2"):
        admission.admit("alice", 1)
    admission.admit("bob", 2)
    assert admission.queued == 4 and admission.rejections() == {"key_queue_full": 1}


def test_without_keys_only_the_total_bound_applies(tmp_path: Path) -> None:
    admission = _admission_with(tmp_path, max_queue=5, max_queue_per_key=1)
    admission.admit(None, 4)
    assert admission.queued == 4


def test_a_request_for_n_images_reserves_n_places_or_none(tmp_path: Path) -> None:
    admission = _admission_with(tmp_path, max_queue=4)
    admission.admit(None, 2)
    with pytest.raises(OverloadedError):
        admission.admit(None, 3)
    assert admission.queued == 2  # nothing of the refused three was kept
    admission.admit(None, 2)
    assert admission.queued == 4


def test_asking_for_more_than_a_bound_allows_at_all_is_a_400_not_a_wait(tmp_path: Path) -> None:
    admission = _admission_with(tmp_path, max_queue=8, max_queue_per_key=2)
    with pytest.raises(RequestError, match="ask for at most 2"):
        admission.admit("k", 3)
    assert admission.queued == 0


def test_retry_after_follows_the_recent_pace_of_runs(tmp_path: Path) -> None:
    admission = _admission_with(tmp_path, max_queue=4, gateway_workers=2)
    for _ in range(3):
        admission.ran(20.0)
    admission.admit(None, 4)
    with pytest.raises(OverloadedError) as refused:
        admission.admit(None, 2)
    # Two places must free up; two workers each end a run every 20 s: about 20 s.
    assert refused.value.retry_after_s == 20


def test_retry_after_is_bounded(tmp_path: Path) -> None:
    admission = _admission_with(tmp_path, max_queue=4, gateway_workers=1)
    admission.ran(10_000.0)
    admission.admit(None, 4)
    with pytest.raises(OverloadedError) as refused:
        admission.admit(None, 4)
    assert refused.value.retry_after_s == _admission.RETRY_AFTER_MAX_S


def test_concurrent_admits_and_dequeues_never_pass_the_bound_or_lose_a_place(tmp_path: Path) -> None:
    admission = _admission_with(tmp_path, max_queue=50, max_queue_per_key=50)
    admitted: list[int] = []
    seen_over_bound: list[int] = []
    barrier = threading.Barrier(16)

    def client(index: int) -> None:
        barrier.wait()
        for _ in range(200):
            try:
                admission.admit(f"key-{index % 4}", 2)
            except OverloadedError:
                continue
            admitted.append(2)
            if admission.queued > 50:
                seen_over_bound.append(admission.queued)
            admission.dequeue(f"key-{index % 4}")
            admission.dequeue(f"key-{index % 4}")

    threads = [threading.Thread(target=client, args=(i,)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert admitted and not seen_over_bound and admission.queued == 0


def test_the_rate_limit_counts_images_per_key_in_a_sliding_minute(tmp_path: Path, clock: _Clock) -> None:
    admission = _admission_with(tmp_path, rate_limit_per_minute=5)
    admission.admit("k", 4)
    clock.now += 30
    with pytest.raises(OverloadedError, match="5 images a minute") as refused:
        admission.admit("k", 2)
    assert refused.value.retry_after_s == 30  # the first four leave the window 60 s after they came
    admission.admit("other", 4)  # another key has its own window
    clock.now += 30
    admission.admit("k", 2)
    assert admission.rejections() == {"rate_limited": 1}


def test_without_keys_the_rate_limit_counts_per_client_address(tmp_path: Path, clock: _Clock) -> None:
    admission = _admission_with(tmp_path, rate_limit_per_minute=2)
    admission.admit(None, 2, client="10.0.0.1")
    admission.admit(None, 2, client="10.0.0.2")
    with pytest.raises(OverloadedError):
        admission.admit(None, 1, client="10.0.0.1")


def test_a_refusal_by_rate_keeps_no_queue_place_and_a_refusal_by_queue_spends_no_rate(
    tmp_path: Path, clock: _Clock
) -> None:
    admission = _admission_with(tmp_path, rate_limit_per_minute=4, max_queue=2)
    admission.admit("k", 2)
    with pytest.raises(OverloadedError, match="queue is full"):
        admission.admit("k", 2)
    admission.dequeue("k")
    admission.dequeue("k")
    admission.admit("k", 2)  # the refused two did not count against the rate
    with pytest.raises(OverloadedError, match="rate limit"):
        admission.admit("k", 1)
    assert admission.queued == 2


def test_rate_limit_zero_means_no_limit(tmp_path: Path) -> None:
    admission = _admission_with(tmp_path, rate_limit_per_minute=0, max_queue=10_000)
    for _ in range(1000):
        admission.admit("k", 1)
        admission.dequeue("k")


def test_callers_quiet_for_a_minute_are_forgotten(tmp_path: Path, clock: _Clock) -> None:
    admission = _admission_with(tmp_path, rate_limit_per_minute=10)
    for address in range(100):
        admission.admit(None, 1, client=f"10.0.0.{address}")
        admission.dequeue(None)
    clock.now += 61
    admission.admit(None, 1, client="10.0.1.1")
    assert len(admission._asked) == 1
