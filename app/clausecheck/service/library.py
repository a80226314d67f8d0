"""The clause library (playbook) for GET /library and the library page: the same library the
service's analyses use (the built-in one with the configured user library laid over it)."""

from __future__ import annotations

from pathlib import Path


def _plain(value):
    """Dataclasses / the library's records / objects -> JSON-able data."""
    from dataclasses import asdict, is_dataclass

    from msgspec import Struct

    from ..redline.library import as_data

    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, Struct):
        return _plain(as_data(value))
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def load(library_dir: Path | None = None) -> dict:
    """{"source": "redline", "entries": [...], "errors": [...]}: one entry per clause category of the
    playbook (the built-in one with `library_dir` laid over it), each a dict with at least "id"."""
    from ..redline.library import load_library

    try:
        lib = load_library(library_dir)
    except Exception as exc:  # an invalid library: say so, do not fail the page
        problems = getattr(exc, "problems", None) or [str(exc)]
        return {"source": "redline", "entries": [], "errors": [str(p) for p in problems]}
    playbooks = getattr(lib, "playbooks", lib)
    if isinstance(playbooks, dict):
        entries = []
        for key, pb in playbooks.items():
            data = _plain(pb)
            entries.append({"id": key, **data} if isinstance(data, dict) else {"id": key, "content": data})
    else:
        data = _plain(playbooks)
        entries = data if isinstance(data, list) else [{"id": "library", "content": data}]
    return {"source": "redline", "entries": entries, "errors": []}
