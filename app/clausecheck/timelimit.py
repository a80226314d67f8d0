"""A time limit for one document in this process (the CLI's --timeout). The worker pool has its own,
per task, for the service and batch; this one is for `clausecheck analyze` and `parse`, which run in
the user's own process.

SIGALRM interrupts Python code and regular-expression matching alike, so a document that would take
minutes stops at the limit with one line naming it. Where there is no SIGALRM (Windows), or off the
main thread, the work runs without a limit."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

from .documents import InputError


class _Expired(BaseException):
    """Raised by the alarm; a BaseException so that no `except Exception` in the pipeline swallows it."""


@contextmanager
def time_limit(seconds: float | None, name: str):
    usable = (seconds and seconds > 0 and hasattr(signal, "SIGALRM")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expire(_sig, _frame):
        raise _Expired()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        raise InputError(name, f"took longer than the {seconds:g} s time limit to read and analyse (raise it "
                               "with --timeout or CLAUSECHECK_TIMEOUT)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
