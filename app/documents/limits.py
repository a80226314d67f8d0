"""Input limits, configurable by argument or environment."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_MAX_MB = 25.0
DEFAULT_MAX_PAGES = 1000
# A DOCX part may expand to at most this many bytes, and the whole archive to this ratio.
DEFAULT_MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_ZIP_RATIO = 100.0


@dataclass(frozen=True)
class Limits:
    max_bytes: int = int(DEFAULT_MAX_MB * 1024 * 1024)
    max_pages: int = DEFAULT_MAX_PAGES
    max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES
    max_zip_ratio: float = DEFAULT_MAX_ZIP_RATIO

    @classmethod
    def from_env(cls, max_mb: float | None = None, max_pages: int | None = None) -> "Limits":
        mb = max_mb if max_mb is not None else float(os.environ.get("CLAUSECHECK_MAX_MB", DEFAULT_MAX_MB))
        pages = max_pages if max_pages is not None else int(
            os.environ.get("CLAUSECHECK_MAX_PAGES", DEFAULT_MAX_PAGES))
        return cls(max_bytes=int(mb * 1024 * 1024), max_pages=pages)
