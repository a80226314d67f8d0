"""The reader's side of the deal and the severity scale: names, labels and order, decided here once.

The CLI help, the web form, the API schema, the clause library's schema and the checks all read
these tuples; nothing else spells the names out.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Perspective:
    id: str
    name: str
    hint: str  # what the reader is typically checking, shown next to the choice


PERSPECTIVE_LIST = (
    Perspective("employee", "Employee", "an offer letter, an employment contract, an invention assignment (PIIA)"),
    Perspective("creator", "Creator", "a licence, platform or contributor terms, a publishing or stock deal"),
    Perspective("customer", "Customer", "buying software, services or a model licence from a vendor"),
    Perspective("vendor", "Vendor or contractor",
                "selling services or software: a consulting or contractor agreement, a vendor MSA, an NDA you sign"),
)
PERSPECTIVES = tuple(p.id for p in PERSPECTIVE_LIST)
BY_ID = {p.id: p for p in PERSPECTIVE_LIST}
DEFAULT_PERSPECTIVE = "employee"

SEVERITIES = ("high", "medium", "low", "info")
SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}  # 0 = most severe
SEVERITY_RANK = {s: len(SEVERITIES) - i for i, s in enumerate(SEVERITIES)}  # higher = more severe


class PerspectiveError(ValueError):
    """An unknown perspective name; str() says which names exist."""


def check_perspective(name: str) -> str:
    if name not in BY_ID:
        raise PerspectiveError(f"unknown perspective {name!r}; choose from {', '.join(PERSPECTIVES)}")
    return name


def help_text() -> str:
    """One line per perspective, for CLI help."""
    return "; ".join(f"{p.id}: {p.hint}" for p in PERSPECTIVE_LIST)
