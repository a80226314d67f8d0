"""clausecheck: a local contract clause analyser."""

__version__ = "0.1.0"
