"""The pipeline's clause model: what segmentation produces and classify, extract and redline fill in."""

from __future__ import annotations

from dataclasses import dataclass, field


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
        """The clause as plain data (its attributes dict is shared, not copied: the analysis is built once)."""
        labels = [{"category": lab.category, "score": lab.score} for lab in self.labels]
        return {"id": self.id, "text": self.text, "start": self.start, "end": self.end, "page": self.page,
                "section": self.section, "labels": labels, "attributes": self.attributes}
