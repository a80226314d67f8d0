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


class IdentityMemo:
    """`make(key)` worked out once per object, the object found by identity: for keys that are costly to
    hash (a compiled pattern hashes its whole text each time) or cannot be hashed (a dict). Each key is
    kept alive with its value, so its id is not reused; all are forgotten once `limit` are kept."""

    def __init__(self, make: Callable, limit: int) -> None:
        self._make = make
        self._limit = limit
        self._known: dict[int, tuple] = {}

    def __call__(self, key):
        known = self._known.get(id(key))
        if known is None or known[0] is not key:
            if len(self._known) >= self._limit:
                self._known.clear()
            known = self._known[id(key)] = (key, self._make(key))
        return known[1]

    def __contains__(self, key) -> bool:
        known = self._known.get(id(key))
        return known is not None and known[0] is key
