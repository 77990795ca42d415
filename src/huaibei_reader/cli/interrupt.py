"""Ctrl+C and SIGTERM during long work: stop it through its cancel token, not mid-write.

Python's default turns SIGINT into a ``KeyboardInterrupt`` raised wherever the main thread
happens to be (inside a library write, or nowhere useful while workers wait on the network),
and SIGTERM kills the process outright. While a command holds ``stop_on_signals(token)``,
either signal sets ``token`` instead: the work stops at its next look at the token, says what
it saved, and the command exits with 128 + the signal number. A second signal stops at once
(``KeyboardInterrupt``), for a person who does not want to wait even that long.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from huaibei_reader.cancel import CancelToken

_SIGNALS = tuple(s for s in (getattr(signal, "SIGINT", None), getattr(signal, "SIGTERM", None))
                 if s is not None)
_NAMES = {getattr(signal, "SIGINT", -1): "interrupted",
          getattr(signal, "SIGTERM", -2): "terminated"}


@dataclass
class Caught:
    """The first signal received while the handlers were installed (None: none)."""

    signum: int | None = None

    @property
    def exit_code(self) -> int:
        return 128 + (self.signum or signal.SIGINT)

    @property
    def word(self) -> str:
        return _NAMES.get(self.signum or -3, "stopped")


@contextmanager
def stop_on_signals(token: CancelToken) -> Iterator[Caught]:
    """Within the block, SIGINT and SIGTERM cancel ``token`` (see the module docstring).

    Outside the main thread (where Python cannot install handlers) this changes nothing.
    """
    caught = Caught()
    if threading.current_thread() is not threading.main_thread():
        yield caught
        return

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        if caught.signum is not None:
            raise KeyboardInterrupt
        caught.signum = signum
        token.cancel()

    previous = {s: signal.signal(s, on_signal) for s in _SIGNALS}
    try:
        yield caught
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
