"""Give the C heap's free memory back to the operating system (glibc's malloc_trim).

An analysis allocates and frees tens of megabytes; glibc keeps freed memory mapped, so an idle worker
(and the forkserver, whose every page each worker inherits) would stay as big as its busiest moment."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _malloc_trim():
    try:
        import ctypes

        return ctypes.CDLL(None).malloc_trim  # the C library this process runs on
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to do
        return None


def trim() -> None:
    fn = _malloc_trim()
    if fn is not None:
        fn(0)
