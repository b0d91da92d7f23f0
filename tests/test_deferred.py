"""Values worked out when first read: a deferred dict and tuple answer as the dict and tuple
they stand for, build them once and only when read, and copy as them."""

from __future__ import annotations

import copy
import pickle
import threading
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuxing._core.deferred import DeferredDict, DeferredTuple, resolved

keys = st.one_of(st.text(max_size=4), st.integers(-5, 5))
dicts = st.dictionaries(keys, st.integers(), max_size=12)
tuples = st.lists(st.integers(-3, 3), max_size=12).map(tuple)


class Counting:
    """A build function that counts its calls."""

    def __init__(self, value: Any) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> Any:
        self.calls += 1
        return self.value


class TestDeferredDict:
    @given(dicts, keys)
    def test_reads_as_the_dict(self, d: dict[Any, int], missing: Any) -> None:
        """Every way of reading it gives what the dict gives, in the dict's order; the dict
        is built once, at the first reading."""
        build = Counting(dict(d))
        deferred = DeferredDict(build)
        assert 0 == build.calls
        assert not deferred.is_built
        assert d == deferred
        assert deferred == d
        assert list(d) == list(deferred)
        assert list(d.items()) == list(deferred.items())
        assert list(d.keys()) == list(deferred.keys())
        assert list(d.values()) == list(deferred.values())
        assert len(d) == len(deferred)
        assert repr(d) == repr(deferred)
        for k, v in d.items():
            assert v == deferred[k]
            assert k in deferred
        assert (missing in d) == (missing in deferred)
        assert d.get(missing, "none") == deferred.get(missing, "none")
        if missing not in d:
            with pytest.raises(KeyError):
                deferred[missing]
        assert 1 == build.calls
        assert deferred.is_built

    @given(dicts, dicts)
    def test_equal_when_the_dicts_are(self, a: dict[Any, int], b: dict[Any, int]) -> None:
        """Two deferred dicts, or one and a dict, are equal when their dicts are."""
        assert (a == b) == (DeferredDict(lambda: a) == DeferredDict(lambda: b))
        assert (a == b) == (DeferredDict(lambda: a) == b)
        assert (a != b) == (b != DeferredDict(lambda: a))

    def test_not_equal_to_what_is_no_mapping(self) -> None:
        """A deferred dict is not equal to a list or a tuple of its keys, and not hashable."""
        deferred = DeferredDict(lambda: {"a": 1})
        assert deferred != ["a"]
        assert deferred != ("a",)
        with pytest.raises(TypeError):
            hash(deferred)

    def test_an_empty_dict_is_built_once(self) -> None:
        """An empty dict is a built value too: it is not built again."""
        build = Counting({})
        deferred = DeferredDict(build)
        assert 0 == len(deferred)
        assert [] == list(deferred)
        assert 1 == build.calls

    def test_two_threads_each_get_the_whole_dict(self) -> None:
        """Two threads reading it before it is built both build it, and both read all of it."""
        both = threading.Barrier(2, timeout=10)

        def build() -> dict[str, int]:
            both.wait()  # (the second thread comes in while the first is building)
            return {"a": 1, "b": 2}

        deferred = DeferredDict(build)
        seen: list[dict[str, int]] = []

        def read() -> None:
            seen.append(dict(deferred.items()))

        threads = [threading.Thread(target=read) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [{"a": 1, "b": 2}] * 2 == seen
        assert {"a": 1, "b": 2} == deferred


class TestDeferredTuple:
    @given(tuples, st.integers(-14, 14), st.integers(-3, 3))
    def test_reads_as_the_tuple(self, t: tuple[int, ...], index: int, value: int) -> None:
        """Every way of reading it gives what the tuple gives; the tuple is built once, at the
        first reading."""
        build = Counting(t)
        deferred = DeferredTuple(build)
        assert 0 == build.calls
        assert t == deferred
        assert deferred == t
        assert hash(t) == hash(deferred)
        assert list(t) == list(deferred)
        assert list(reversed(t)) == list(reversed(deferred))
        assert len(t) == len(deferred)
        assert repr(t) == repr(deferred)
        assert t[index:] == deferred[index:]
        if -len(t) <= index < len(t):
            assert t[index] == deferred[index]
        else:
            with pytest.raises(IndexError):
                deferred[index]
        assert (value in t) == (value in deferred)
        assert t.count(value) == deferred.count(value)
        if value in t:
            assert t.index(value) == deferred.index(value)
            assert t.index(value, 0, len(t)) == deferred.index(value, 0)
        else:
            with pytest.raises(ValueError, match="not in tuple"):
                deferred.index(value)
        assert 1 == build.calls

    @given(tuples, tuples)
    def test_equal_when_the_tuples_are(self, a: tuple[int, ...], b: tuple[int, ...]) -> None:
        """Equal to a tuple or a deferred tuple when the tuples are; never to a list."""
        assert (a == b) == (DeferredTuple(lambda: a) == DeferredTuple(lambda: b))
        assert (a == b) == (b == DeferredTuple(lambda: a))
        assert DeferredTuple(lambda: a) != list(a)


@given(st.one_of(dicts, tuples))
def test_copies_are_plain_values(value: dict[Any, int] | tuple[int, ...]) -> None:
    """A pickled or copied deferred dict or tuple comes back as the dict or tuple."""
    deferred = DeferredDict if isinstance(value, dict) else DeferredTuple
    for copied in (
        pickle.loads(pickle.dumps(deferred(lambda: value))),
        copy.copy(deferred(lambda: value)),
        copy.deepcopy(deferred(lambda: value)),
    ):
        assert type(value) is type(copied)
        assert value == copied


@given(st.one_of(dicts, tuples))
def test_one_already_built(value: dict[Any, int] | tuple[int, ...]) -> None:
    """``of`` stands for a value already built: it is that value, and reads as it."""
    deferred = (DeferredDict if isinstance(value, dict) else DeferredTuple).of(value)
    assert deferred.is_built
    assert value is deferred.built()
    assert value == deferred


class TestResolved:
    def test_the_dict_behind(self) -> None:
        """The dict behind a deferred dict, built now; any other mapping as it is."""
        plain = {"a": 1}
        assert plain is resolved(plain)
        behind = {"b": 2}
        deferred = DeferredDict(lambda: behind)
        assert behind is resolved(deferred)
        assert deferred.is_built
