"""Built-in detectors, one module per family; importing this package registers them all in DETECTORS.

A library check names a detector (`detector: prior_inventions_missing`); see base.py for the registry.
"""

from . import (  # noqa: F401 (imported to register their detectors)
    ai_output,
    ai_training,
    assignment,
    authorship,
    disputes_liability,
    exit_terms,
    generic,
    licences,
    likeness,
    money,
    obligations,
    restraints,
    term_data_changes,
)
from .base import DETECTORS, Detector, Hit

__all__ = ["DETECTORS", "Detector", "Hit"]
