from datetime import UTC, datetime, timedelta

import pytest

from caredesk.core import clock


def test_pinned_sets_now_inside_the_block_only():
    moment = datetime(2020, 2, 29, 23, 59, tzinfo=UTC)

    with clock.pinned(moment):
        inside = clock.now()
    after = clock.now()

    assert inside == moment
    assert after - moment > timedelta(days=365)


def test_pins_nest_and_unwind():
    outer, inner = datetime(2021, 1, 1, tzinfo=UTC), datetime(2022, 1, 1, tzinfo=UTC)

    with clock.pinned(outer):
        with clock.pinned(inner):
            seen_inner = clock.now()
        seen_outer = clock.now()

    assert (seen_inner, seen_outer) == (inner, outer)


def test_pin_is_released_after_an_error():
    moment = datetime(2021, 1, 1, tzinfo=UTC)

    with pytest.raises(RuntimeError), clock.pinned(moment):
        raise RuntimeError("boom")

    assert clock.now() != moment


def test_naive_moment_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"), clock.pinned(datetime(2021, 1, 1)):
        pass


def test_now_is_aware_utc():
    assert clock.now().utcoffset() == timedelta(0)
