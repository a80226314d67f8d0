"""Clause segmentation: Document -> list[Clause] (section numbering and legal-abbreviation aware)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .documents.model import Document


@dataclass
class Label:
    category: str
    score: float


@dataclass
class Clause:
    id: str
    text: str  # == document.text[start:end]
    start: int
    end: int
    page: int | None
    section: str | None  # the heading (with its number) this clause sits under
    labels: list[Label] = field(default_factory=list)
    attributes: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def segment(doc: Document) -> list[Clause]:
    """Interim: one clause per block (to be replaced by the spaCy segmenter)."""
    return [
        Clause(id=f"c{i + 1}", text=doc.text[b.start:b.end], start=b.start, end=b.end, page=b.page, section=None)
        for i, b in enumerate(doc.blocks)
    ]
