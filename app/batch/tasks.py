"""What a worker runs. Module-level functions so a worker process (or a Dask worker) can import
them; each loads the model through app.classify.model.cached(), i.e. once per process."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

from ..documents import Limits

WARM_UP_TEXT = (b"1. Services. The Contractor shall provide the services.\n\n"
                b"2. Governing Law. This Agreement is governed by the laws of the State of New York.\n")


def warm_up() -> float:
    """Load the model and the segmenter so the first real document is not slow; returns seconds."""
    from ..analysis import analyze

    t = time.perf_counter()
    analyze(WARM_UP_TEXT, "warm-up.txt")  # loads the model as the pipeline does: cached(None), once
    return time.perf_counter() - t


def _run(data: bytes, name: str, perspective: str, min_score: float | None, pdf_engine: str,
         limits: Limits | None) -> tuple[dict, str]:
    from ..analysis import analyze_document
    from ..documents import parse

    doc = parse(data, name, pdf_engine=pdf_engine, limits=limits)
    return analyze_document(doc, perspective=perspective, min_score=min_score), doc.text


def analyze_bytes(data: bytes, name: str, *, perspective: str = "employee", min_score: float | None = None,
                  pdf_engine: str = "auto", limits: Limits | None = None) -> dict:
    """The full analysis plus the document text (what the service stores)."""
    t = time.perf_counter()
    result, text = _run(data, name, perspective, min_score, pdf_engine, limits)
    return {"result": result, "text": text, "elapsed": round(time.perf_counter() - t, 3)}


def analyze_file(path: str, name: str, *, perspective: str = "employee", min_score: float | None = None,
                 pdf_engine: str = "auto", limits: Limits | None = None, full: bool = False,
                 with_text: bool = False) -> dict:
    """Read and analyse one file where the worker runs; return the compact batch record (or the
    full analysis dict when `full`, plus the text when `with_text`). The file is read here, so only
    a path crosses to the worker."""
    from ..documents import InputError

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror})") from exc
    return analyze_data(data, name, perspective=perspective, min_score=min_score, pdf_engine=pdf_engine,
                        limits=limits, full=full, with_text=with_text)


def analyze_data(data: bytes, name: str, *, perspective: str = "employee", min_score: float | None = None,
                 pdf_engine: str = "auto", limits: Limits | None = None, full: bool = False,
                 with_text: bool = False) -> dict:
    """Like analyze_file, from bytes (what a Dask worker on another machine receives)."""
    t, cpu = time.perf_counter(), time.process_time()
    result, text = _run(data, name, perspective, min_score, pdf_engine, limits)
    out = {"record": result if full else summarise(result), "elapsed": round(time.perf_counter() - t, 3),
           "cpu": round(time.process_time() - cpu, 3), "worker": f"{socket.gethostname()}:{os.getpid()}"}
    if with_text:
        out["text"] = text
    return out


def summarise(result: dict) -> dict:
    """The part of an analysis a batch table needs: document facts, the labelled clauses (text and
    page to cite) and the findings. Unlabelled clauses are dropped: they are most of the text."""
    clauses = [
        {k: c.get(k) for k in ("id", "page", "section", "start", "end", "text", "labels")}
        for c in result.get("clauses", []) if c.get("labels")
    ]
    return {
        "document": result.get("document", {}),
        "perspective": result.get("perspective"),
        "notes": result.get("notes", []),
        "clause_count": len(result.get("clauses", [])),
        "clauses": clauses,
        "findings": result.get("findings", []),
    }


def run_safely(fn, *args, **kwargs) -> dict:
    """For Dask: return errors as plain data instead of raising (the client need not unpickle our
    exception types). {"ok": value} or {"error": kind, "name"?, "message"}."""
    from ..documents import InputError

    try:
        return {"ok": fn(*args, **kwargs)}
    except InputError as exc:
        return {"error": "input", "name": exc.name, "message": exc.problem}
    except Exception as exc:  # noqa: BLE001
        return {"error": "internal", "message": f"{exc.__class__.__name__}: {exc}"}
