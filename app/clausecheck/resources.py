"""Where the shipped model and clause library live, found once, the same way in a wheel and in an
editable install: they are the packages `clausecheck.models` and `clausecheck.clause_library`,
which pyproject.toml maps onto the repository's top-level `models/` and `clause_library/`."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

MODEL_FILE = "clause_classifier.npz"


def models_dir() -> Path:
    return Path(str(files("clausecheck.models")))


def builtin_model() -> Path:
    return models_dir() / MODEL_FILE


def builtin_library() -> Path:
    return Path(str(files("clausecheck.clause_library")))
