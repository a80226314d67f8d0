"""What a worker runs. Module-level functions so a worker process (or a Dask worker) can import
them; each loads the model through clausecheck.classify.model.cached(), i.e. once per process."""

from __future__ import annotations

import os
import socket
import time

from ..documents import Limits
from ..perspectives import DEFAULT_PERSPECTIVE

WARM_UP_TEXT = (b"1. Services. The Contractor shall provide the services.\n\n"
                b"2. Governing Law. This Agreement is governed by the laws of the State of New York.\n")


def warm_up() -> float:
    """Load the model and the segmenter so the first real document is not slow; returns seconds."""
    from .. import common_words, lowered
    from ..analysis import analyze
    from ..classify.model import cached
    from ..classify.tfidf import number_vocabulary
    from ..resources import builtin_model
    from ..settings import Settings

    settings = Settings.from_env()  # the parent hands its CLAUSECHECK_* variables to each worker
    t = time.perf_counter()
    lowered.prepare_at_first_use()  # this process will read many contracts: no pattern waits to be prepared
    common_words.load()  # ... and the words most contracts hold need not be worked out in each
    analyze(WARM_UP_TEXT, name="warm-up.txt", model=settings.model, library=settings.library)
    number_vocabulary(cached(settings.model or builtin_model()).vocabulary)
    lowered.index_prepared()
    return time.perf_counter() - t


#: the cyclic garbage collector's thresholds in a worker. An analysis makes many short-lived containers,
#: which reference counting frees; at Python's default pace (a collection every 700 new containers) the
#: collector ran ~470 times per 40 contracts and took ~3% of a batch, finding little. Every 10,000: ~20 times.
WORKER_GC_THRESHOLDS = (10_000, 20, 20)


def warm_up_worker() -> float:
    """What a local pool worker runs first. A worker forked from the forkserver that preloaded the
    pipeline with the same settings is already warm: running an analysis again would only copy pages
    it shares with the forkserver (about 20 MB per worker). Otherwise, warm_up()."""
    import gc
    import sys

    from ..settings import env_for_workers

    gc.set_threshold(*WORKER_GC_THRESHOLDS)

    preload = sys.modules.get("clausecheck.batch.preload")
    if preload is not None and getattr(preload, "READY", False) and preload.ENV == env_for_workers():
        return 0.0
    return warm_up()


def _run(data: bytes, name: str, perspective: str, min_score: float | None, pdf_engine: str,
         limits: Limits | None, model: str | None, library: str | None, attributes: bool = True) -> tuple[dict, str]:
    from ..analysis import analyze

    analysis = analyze(data, name=name, perspective=perspective, min_score=min_score, pdf_engine=pdf_engine,
                       limits=limits, model=model, library=library, attributes=attributes)
    return analysis.to_dict(), analysis.text


def analyze_bytes(data: bytes, name: str, *, perspective: str = DEFAULT_PERSPECTIVE, min_score: float | None = None,
                  pdf_engine: str = "auto", limits: Limits | None = None, model: str | None = None,
                  library: str | None = None) -> dict:
    """The full analysis plus the document text (what the service stores)."""
    t = time.perf_counter()
    result, text = _run(data, name, perspective, min_score, pdf_engine, limits, model, library)
    return {"result": result, "text": text, "elapsed": round(time.perf_counter() - t, 3)}


def analyze_file(path: str, name: str, *, perspective: str = DEFAULT_PERSPECTIVE, min_score: float | None = None,
                 pdf_engine: str = "auto", limits: Limits | None = None, model: str | None = None,
                 library: str | None = None, full: bool = False, with_text: bool = False) -> dict:
    """Read and analyse one file where the worker runs; return the compact batch record (or the
    full analysis dict when `full`, plus the text when `with_text`). The file is read here, so only
    a path crosses to the worker."""
    from ..documents import read_regular_file

    data = read_regular_file(path, (limits or Limits()).max_bytes, name=name)
    return analyze_data(data, name, perspective=perspective, min_score=min_score, pdf_engine=pdf_engine,
                        limits=limits, model=model, library=library, full=full, with_text=with_text)


def analyze_data(data: bytes, name: str, *, perspective: str = DEFAULT_PERSPECTIVE, min_score: float | None = None,
                 pdf_engine: str = "auto", limits: Limits | None = None, model: str | None = None,
                 library: str | None = None, full: bool = False, with_text: bool = False) -> dict:
    """Like analyze_file, from bytes (what a Dask worker on another machine receives)."""
    t, cpu = time.perf_counter(), time.process_time()
    # the batch record keeps no clause attributes (summarise): the checks work out only what they read
    result, text = _run(data, name, perspective, min_score, pdf_engine, limits, model, library, attributes=full)
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
