"""The one entry point the CLI, the service and batch share: bytes in, analysis dict out."""

from __future__ import annotations

from .documents import Document, Limits, parse
from .segmentation import Clause, segment

PERSPECTIVES = ("employee", "creator", "customer", "vendor")


def classify(clauses: list[Clause], min_score: float | None = None, model_path: str | None = None) -> list[Clause]:
    from .classify.model import cached

    return cached(model_path).label(clauses, min_score=min_score)


def extract_attributes(doc: Document, clauses: list[Clause]) -> list[Clause]:
    try:
        from .extract import attributes_for
    except ImportError:
        return clauses
    for clause in clauses:
        clause.attributes = attributes_for(clause, doc)
    return clauses


def check(doc: Document, clauses: list[Clause], perspective: str, library_dir: str | None = None) -> list[dict]:
    try:
        from .redline import check_contract
    except ImportError:
        return []
    return check_contract(doc, clauses, perspective, library_dir=library_dir)


def analyze_document(doc: Document, *, perspective: str = "employee", min_score: float | None = None,
                     model_path: str | None = None, library_dir: str | None = None) -> dict:
    if perspective not in PERSPECTIVES:
        raise ValueError(f"unknown perspective {perspective!r}; choose from {', '.join(PERSPECTIVES)}")
    clauses = segment(doc)
    classify(clauses, min_score=min_score, model_path=model_path)
    extract_attributes(doc, clauses)
    findings = check(doc, clauses, perspective, library_dir=library_dir)
    return {
        "document": doc.metadata(),
        "perspective": perspective,
        "notes": doc.notes,
        "clauses": [c.to_dict() for c in clauses],
        "findings": findings,
    }


def analyze(data: bytes, name: str, *, perspective: str = "employee", min_score: float | None = None,
            pdf_engine: str = "auto", limits: Limits | None = None, model_path: str | None = None,
            library_dir: str | None = None) -> dict:
    """Parse, segment, classify, extract and check one contract."""
    doc = parse(data, name, pdf_engine=pdf_engine, limits=limits)
    return analyze_document(doc, perspective=perspective, min_score=min_score, model_path=model_path,
                            library_dir=library_dir)
