"""Work done aside in a forked child (checker/aside.py): only ever a speed-up. Whatever happens to
the child, the caller gets what the function returns (or raises) in process, and no child is left."""
from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.aside import Aside


def whoami(x: int) -> tuple[int, int]:
    return os.getpid(), x * 2


def fails(message: str) -> None:
    raise ValueError(message)


def unpicklable() -> object:
    return threading.Lock()


def dies_unless_in(parent: int) -> int:
    if os.getpid() != parent:
        os.kill(os.getpid(), signal.SIGKILL)  # as a child killed at its memory bound would be
    return os.getpid()


def sleeps() -> int:
    time.sleep(60)
    return 1


def test_the_result_is_computed_in_another_process() -> None:
    pid, value = Aside(whoami, 21).result()
    assert value == 42 and pid != os.getpid()


def test_what_the_function_raises_is_raised_here() -> None:
    with pytest.raises(ValueError, match="坏了"):
        Aside(fails, "坏了").result()


def test_a_child_that_dies_is_replaced_by_computing_here() -> None:
    assert Aside(dies_unless_in, os.getpid()).result() == os.getpid()


def test_a_value_that_cannot_travel_is_computed_here() -> None:
    value = Aside(unpicklable).result()
    assert isinstance(value, type(threading.Lock()))


def test_close_stops_a_child_still_working() -> None:
    aside = Aside(sleeps)
    proc = aside._proc
    assert proc is not None and proc.is_alive()
    aside.close()
    assert not proc.is_alive() and proc.exitcode is not None


def steps(flag: str) -> Iterator[tuple[int, str]]:
    """A first value at once; a second one only once the caller has had the first (it writes ``flag``)."""
    yield os.getpid(), "first"
    deadline = time.monotonic() + 30
    while not os.path.exists(flag):
        if time.monotonic() > deadline:
            raise TimeoutError("the caller never had the first value")
        time.sleep(0.01)
    yield os.getpid(), "second"


def test_a_generators_values_arrive_one_by_one_as_the_child_has_them(tmp_path: Path) -> None:
    flag = tmp_path / "had-the-first"
    aside = Aside(steps, str(flag))
    try:
        pid, first = aside.next()
        flag.touch()
        assert (first, aside.next()) == ("first", (pid, "second")) and pid != os.getpid()
    finally:
        aside.close()


def dies_after_the_first(parent: int) -> Iterator[tuple[int, str]]:
    yield os.getpid(), "first"
    if os.getpid() != parent:
        os.kill(os.getpid(), signal.SIGKILL)
    yield os.getpid(), "second"


def test_a_child_that_dies_between_values_leaves_the_rest_to_this_process() -> None:
    aside = Aside(dies_after_the_first, os.getpid())
    try:
        (child, first), (here, second) = aside.next(), aside.next()
    finally:
        aside.close()
    assert (first, second) == ("first", "second")
    assert child != os.getpid() and here == os.getpid()  # the first from the child, the rest computed here
