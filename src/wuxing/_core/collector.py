"""The one place the library touches Python's cyclic garbage collector.

Reading a province's document and evaluating it each build hundreds of thousands of values
that all stay alive and hold no reference cycles. While they are being built, the collector
would walk them again and again (each time the count of new objects passes its threshold, and
in full collections as the long-lived ones grow), and free nothing: for a province's bundle
that was about a third of the time from end to end. :func:`paused_collector` pauses it for
such a bulk build and restores it on every way out; reference counting frees memory as usual
meanwhile, and the collector's first runs afterwards see the new values once per generation,
as they would have after any build.

It is entered by two bulk builds only: the fast reading of a document
(:func:`wuxing.io.loads`, :func:`wuxing.io.read`) and an evaluation
(:func:`wuxing.evaluation.evaluate`). The pause is process-wide, as the collector is: other
threads allocating meanwhile are not collected either for its length, and reference cycles
that become garbage meanwhile (made by a veto plugin, say) are freed by the collector's
first run afterwards, not before.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_collector"]


@contextmanager
def paused_collector() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk build, and restore it on every way out.

    The collector is left as it was found: if the caller had disabled it, it stays disabled;
    if it was enabled, it is enabled again after the build, after an exception too. Nested
    pauses are safe (the inner one finds it disabled and leaves it so).

    >>> import gc
    >>> with paused_collector():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
