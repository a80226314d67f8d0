"""The clause library (playbook) for GET /library and the library page: loaded through
app.redline when it offers a loader, else the YAML files of clause_library/ as they are."""

from __future__ import annotations

import os
from pathlib import Path

LIBRARY_DIR = Path(__file__).resolve().parents[2] / "clause_library"


def library_dir() -> Path | None:
    """A library of the user's own (CLAUSECHECK_LIBRARY), laid over the built-in one."""
    env = os.environ.get("CLAUSECHECK_LIBRARY")
    return Path(env) if env else None


def _plain(value):
    """Dataclasses / pydantic models / objects -> JSON-able data."""
    from dataclasses import asdict, is_dataclass

    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if hasattr(value, "model_dump"):
        return _plain(value.model_dump())
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def load() -> dict:
    """{"source": "redline"|"yaml", "entries": [...], "errors": [...]}: one entry per clause
    category of the playbook, each a dict with at least "id"."""
    try:
        from .. import redline
    except ImportError:
        redline = None
    loader = getattr(redline, "load_library", None) if redline else None
    if loader is None:
        return _load_yaml(library_dir() or LIBRARY_DIR)
    try:
        lib = loader(library_dir())
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


def _load_yaml(folder: Path) -> dict:
    import yaml

    entries, errors = [], []
    if folder.is_dir():
        for path in sorted(folder.glob("*.y*ml")):
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except (yaml.YAMLError, OSError, UnicodeDecodeError) as exc:
                errors.append(f"{path.name}: {str(exc).splitlines()[0]}")
                continue
            if isinstance(data, dict):
                entries.append({"id": data.get("id") or data.get("category") or path.stem, "file": path.name, **data})
            else:
                entries.append({"id": path.stem, "file": path.name, "content": data})
    return {"source": "yaml", "entries": entries, "errors": errors}
