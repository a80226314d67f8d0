"""Input limits (their defaults and environment variables live in clausecheck.settings)."""

from __future__ import annotations

from dataclasses import dataclass

from ..settings import DEFAULT_MAX_MB, DEFAULT_MAX_PAGES

# A DOCX part may expand to at most this many bytes, and the whole archive to this ratio.
DEFAULT_MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_ZIP_RATIO = 100.0
# Scans and photos are read by OCR, seconds a page: at most this many pages.
DEFAULT_MAX_OCR_PAGES = 100


@dataclass(frozen=True)
class Limits:
    max_bytes: int = int(DEFAULT_MAX_MB * 1024 * 1024)
    max_pages: int = DEFAULT_MAX_PAGES
    max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES
    max_zip_ratio: float = DEFAULT_MAX_ZIP_RATIO
    max_ocr_pages: int = DEFAULT_MAX_OCR_PAGES

    @classmethod
    def of(cls, max_mb: float, max_pages: int) -> "Limits":
        return cls(max_bytes=int(max_mb * 1024 * 1024), max_pages=max_pages)
