"""Errors a user can cause with their input: each carries one clear line naming the file."""

from __future__ import annotations


class InputError(Exception):
    """Unusable input. str(err) is the one-line message shown to the user."""

    def __init__(self, name: str, problem: str) -> None:
        self.name = name
        self.problem = problem
        super().__init__(f"{name}: {problem}")

    def __reduce__(self):  # survives pickling between worker processes
        return (type(self), (self.name, self.problem))
