"""Red-line checks: the clause library (playbook), the detectors, and findings from the reader's side.

`check_contract(doc, clauses, perspective, library_dir=None)` returns the findings for one contract.
"""

from __future__ import annotations

from .engine import check_contract, run_checks
from .library import Library, LibraryError, default_dir, load_library, validate_dir

__all__ = ["Library", "LibraryError", "check_contract", "default_dir", "load_library", "run_checks", "validate_dir"]
