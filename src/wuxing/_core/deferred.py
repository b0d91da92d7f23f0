"""A dict and a tuple worked out when they are first read.

The selection decides among the best candidates of a category, yet its result answers for
every candidate: each one's rank and outcome, and the order of all. For a province's category
of 20,000 applications those are two dictionaries and a tuple that take longer to build than
the decision, and only an explanation reads them. :class:`DeferredDict` and
:class:`DeferredTuple` stand for them: a read-only mapping and a sequence that build their
dict or tuple the first time anything is read from them, then answer from it. They compare
equal to the dict or tuple they stand for, print as it does, and pickle and copy as it (a
copy is a plain dict or tuple).

Two threads reading a value before it is built may both build it; they build the same, and
each gets a whole one. A value keeps what builds it (for the selection, the ranking) as long
as it lives.
"""

from __future__ import annotations

from collections.abc import Callable, ItemsView, Iterator, KeysView, Mapping, Sequence, ValuesView
from typing import Any, Generic, Self, TypeVar

__all__ = ["DeferredDict", "DeferredTuple", "resolved"]

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")
B = TypeVar("B")


class _Deferred(Generic[B]):
    """A value built by ``build`` when :meth:`built` is first called."""

    __slots__ = ("_build", "_built")

    _build: Callable[[], B]
    _built: B | None

    def __init__(self, build: Callable[[], B], *, built: B | None = None) -> None:
        self._build = build
        self._built = built

    @classmethod
    def of(cls, value: B) -> Self:
        """One already built: ``value`` itself."""
        return cls(lambda: value, built=value)

    def built(self) -> B:
        """The value, built now if it was not yet."""
        built = self._built
        if built is None:
            built = self._built = self._build()
        return built

    @property
    def is_built(self) -> bool:
        """Whether the value has been built."""
        return self._built is not None


class DeferredDict(_Deferred[dict[K, V]], Mapping[K, V]):
    """A read-only mapping whose dict ``build()`` gives when it is first read.

    >>> calls = []
    >>> def build():
    ...     calls.append("built")
    ...     return {"a": 1, "b": 2}
    >>> ranks = DeferredDict(build)
    >>> calls
    []
    >>> ranks["b"], ranks == {"a": 1, "b": 2}, ranks
    (2, True, {'a': 1, 'b': 2})
    >>> calls
    ['built']
    """

    __slots__ = ()

    def __getitem__(self, key: K) -> V:
        return self.built()[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self.built())

    def __len__(self) -> int:
        return len(self.built())

    def __contains__(self, key: object) -> bool:
        return key in self.built()

    def get(self, key: K, default: Any = None) -> Any:
        """The value of ``key``, else ``default``."""
        return self.built().get(key, default)

    def keys(self) -> KeysView[K]:
        """The dict's keys."""
        return self.built().keys()

    def values(self) -> ValuesView[V]:
        """The dict's values."""
        return self.built().values()

    def items(self) -> ItemsView[K, V]:
        """The dict's items."""
        return self.built().items()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Deferred):
            other = other.built()
        return self.built() == other

    __hash__ = None  # type: ignore[assignment]  # (as a dict's)

    def __repr__(self) -> str:
        return repr(self.built())

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (self.built(),))


class DeferredTuple(_Deferred[tuple[T, ...]], Sequence[T]):
    """A sequence whose tuple ``build()`` gives when it is first read.

    >>> order = DeferredTuple(lambda: ("c", "a", "b"))
    >>> order[0], order[1:], order == ("c", "a", "b"), order
    ('c', ('a', 'b'), True, ('c', 'a', 'b'))
    """

    __slots__ = ()

    def __getitem__(self, index: Any) -> Any:
        return self.built()[index]

    def __iter__(self) -> Iterator[T]:
        return iter(self.built())

    def __len__(self) -> int:
        return len(self.built())

    def __contains__(self, value: object) -> bool:
        return value in self.built()

    def __reversed__(self) -> Iterator[T]:
        return reversed(self.built())

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:
        """Where ``value`` first is (between ``start`` and ``stop``)."""
        built = self.built()
        return built.index(value, start, len(built) if stop is None else stop)

    def count(self, value: Any) -> int:
        """How many times ``value`` is in it."""
        return self.built().count(value)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Deferred):
            other = other.built()
        return self.built() == other

    def __hash__(self) -> int:
        return hash(self.built())

    def __repr__(self) -> str:
        return repr(self.built())

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (self.built(),))


def resolved(value: Mapping[K, V]) -> Mapping[K, V]:
    """The dict behind a :class:`DeferredDict` (built now if it was not), or ``value``
    itself: for a loop that reads a mapping many times.

    >>> resolved(DeferredDict(lambda: {"a": 1})), resolved({"b": 2})
    ({'a': 1}, {'b': 2})
    """
    return value.built() if isinstance(value, DeferredDict) else value
