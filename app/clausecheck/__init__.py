"""clausecheck: a local contract clause analyser.

    import clausecheck
    result = clausecheck.analyze(Path("offer.pdf"), perspective="employee")
    for f in result.findings: print(f["severity"], f["title"])
    json.dumps(result.to_dict())   # the analysis JSON of DESIGN.md
"""

__version__ = "0.2.0"

__all__ = ["Analysis", "InputError", "LibraryError", "ModelError", "PerspectiveError", "analyze", "__version__"]


def __getattr__(name: str):
    # Imported on first use, so `clausecheck --help` and `import clausecheck` stay fast.
    if name in ("analyze", "Analysis"):
        from . import analysis

        return getattr(analysis, name)
    if name == "InputError":
        from .documents.errors import InputError

        return InputError
    if name == "LibraryError":
        from .redline.library import LibraryError

        return LibraryError
    if name == "ModelError":
        from .classify.model import ModelError

        return ModelError
    if name == "PerspectiveError":
        from .perspectives import PerspectiveError

        return PerspectiveError
    raise AttributeError(f"module 'clausecheck' has no attribute {name!r}")
