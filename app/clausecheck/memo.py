"""A dict that works out a missing key's value once and keeps it."""

from __future__ import annotations

from collections.abc import Callable


class Memo(dict):
    """A dict that makes a missing key's value with `make(key)` and keeps it: looking up a whole list of
    keys (every token of a document) is then one map(), and only the misses cost a Python call."""

    def __init__(self, make: Callable) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key):
        value = self[key] = self._make(key)
        return value
