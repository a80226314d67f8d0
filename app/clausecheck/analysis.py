"""The one analysis entry point: `clausecheck.analyze()`. The CLI, the service and batch call it
(or `analyze_document` for a Document they already parsed) and nothing below it.

Stages run one way: parse -> segment -> classify -> read (extract) -> check. Each stage is handed
what the earlier ones computed and never re-decides it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .clauses import Clause
from .documents import Document, Limits, parse, parse_file
from .perspectives import DEFAULT_PERSPECTIVE, check_perspective
from .resources import builtin_model
from .segmentation import segment


@dataclass
class Analysis:
    """One contract, analysed. `to_dict()` is the analysis JSON of DESIGN.md."""

    document: dict
    values: dict
    perspective: str
    clauses: list[dict]
    findings: list[dict]
    notes: list[str] = field(default_factory=list)
    text: str = ""  # the document's extracted text (clause offsets point into it); not in the JSON

    def to_dict(self) -> dict:
        """The analysis JSON. Its parts are this Analysis's own (not copies): copy before changing them."""
        return {"document": self.document, "values": self.values, "perspective": self.perspective,
                "clauses": self.clauses, "findings": self.findings, "notes": self.notes}


def analyze(source: str | bytes | os.PathLike, *, name: str | None = None,
            perspective: str = DEFAULT_PERSPECTIVE, library: str | Path | None = None,
            model: str | Path | None = None, min_score: float | None = None, pdf_engine: str = "auto",
            limits: Limits | None = None, attributes: bool = True) -> Analysis:
    """Analyse one contract from `perspective`.

    `source` is a path (`pathlib.Path` or any os.PathLike), the file's bytes (give `name`, e.g.
    "offer.pdf"), or the contract's text as a `str`. `library` is a clause-library folder laid over
    the built-in playbook; `model` a model file (default: the shipped one). With `attributes=False` the
    clauses carry no attributes (`{}`): the checks still read what they need of each clause, and the rest
    is not worked out, for callers that keep only labels and findings (a batch table). Raises
    `clausecheck.InputError` for unusable input, `PerspectiveError`, `ModelError`, `LibraryError`.
    """
    check_perspective(perspective)
    if isinstance(source, os.PathLike):
        doc = parse_file(Path(source), pdf_engine=pdf_engine, limits=limits)
    elif isinstance(source, (bytes, bytearray)):
        doc = parse(bytes(source), name or "contract", pdf_engine=pdf_engine, limits=limits)
    elif isinstance(source, str):
        doc = parse(source.encode("utf-8"), name or "contract.txt", pdf_engine=pdf_engine, limits=limits)
    else:
        raise TypeError(f"analyze() reads a path, bytes or text, not {type(source).__name__}")
    return analyze_document(doc, perspective=perspective, library=library, model=model, min_score=min_score,
                            attributes=attributes)


def analyze_document(doc: Document, *, perspective: str = DEFAULT_PERSPECTIVE, library: str | Path | None = None,
                     model: str | Path | None = None, min_score: float | None = None,
                     attributes: bool = True) -> Analysis:
    """The stages after parsing, for a Document already read."""
    from .classify.model import cached
    from .classify.rules import apply_rules
    from .extract import document_values, reading_for
    from .redline import check_contract

    check_perspective(perspective)
    clauses: list[Clause] = segment(doc)
    cached(model or builtin_model()).label(clauses, min_score=min_score)
    apply_rules(clauses)
    readings: list = [reading_for(clause, doc) for clause in clauses]
    if attributes:  # all of them, as plain data, which the checks then read
        for clause, reading in zip(clauses, readings):
            clause.attributes = reading.as_dict()
        readings = [clause.attributes for clause in clauses]
    values = document_values(doc, clauses)
    findings = check_contract(doc, clauses, perspective, library_dir=library, values=values, attributes=readings)
    notice = not_a_contract_notice(values, clauses, readings)
    values = {**values, "looks_like_contract": notice is None}
    return Analysis(
        document={**doc.metadata(), "contract_type": values.get("contract_type")},
        values=values,
        perspective=perspective,
        clauses=[c.to_dict() for c in clauses],
        findings=findings,
        notes=list(doc.notes) + ([notice] if notice else []),
        text=doc.text,
    )


NOT_A_CONTRACT = "This does not look like a contract"
_OBLIGATIONS = {"requires", "prohibits", "grants"}


def not_a_contract_notice(values: dict, clauses: list[Clause], attributes: list | None = None) -> str | None:
    """A note when the document has no contract structure: no parties named, and few clauses that
    oblige, grant or forbid anything or that the classifier recognises as contract terms. Long
    documents (20 clauses or more) are given the benefit of the doubt. None when it looks like one.
    `attributes`: each clause's (default: the clauses' own)."""
    if values.get("parties") or len(clauses) >= 20:
        return None
    attributes = [c.attributes for c in clauses] if attributes is None else attributes
    obligations = sum(bool(_OBLIGATIONS & set(a.get("modalities") or ())) for a in attributes)
    recognised = sum(bool(c.labels) for c in clauses)
    if obligations >= 3 and recognised >= 3:
        return None
    return (f"{NOT_A_CONTRACT}: it names no parties, and few of its clauses read as contract terms "
            "(obligations, grants or restrictions). The results may not mean much; check that this is the file "
            "you meant.")
