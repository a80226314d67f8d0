"""Imported once by the multiprocessing forkserver: load the pipeline and the model there, so every
worker forked from it starts warm, at once, sharing the model's memory (copy-on-write).

A failure here is not fatal: the worker's own start-up then reports the problem (e.g. no model)."""

import gc
import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one process per core; no thread oversubscription

from ..settings import env_for_workers  # noqa: E402

ENV = env_for_workers()

PRELOAD_TIMEOUT = 120  # seconds; a forkserver stuck here would block every worker start


class _Stuck(BaseException):  # not swallowed by an `except Exception` in the pipeline
    pass


def _alarm(_sig, _frame):
    raise _Stuck()


# The start-up makes objects that live as long as the workers: looking for garbage among them (~170
# collections, ~0.05 s; one more at the end, ~0.05 s) found under a thousand unreachable objects and freed
# no memory. So the collector is paused until gc.freeze(), as Python's documentation of it advises.
gc.disable()
try:
    import signal

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(PRELOAD_TIMEOUT)
    try:
        from .tasks import warm_up

        warm_up()
        READY = True
        # Everything loaded so far lives as long as the workers: the garbage collector need not walk
        # it, and walking it in a worker would write to (and so copy) pages shared with this process.
        from .heap import trim

        trim()  # what the warm-up freed is not handed to every worker
        gc.freeze()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
except (Exception, _Stuck):  # noqa: BLE001 - workers then load for themselves, and report what goes wrong
    READY = False
finally:
    gc.enable()
