"""Read a contract's bytes into one Document, whatever its format (decided by content)."""

from __future__ import annotations

import hashlib
import io
import os
import stat
import zipfile
from pathlib import Path

from .errors import InputError
from .limits import Limits
from .model import Block, Document, DocumentBuilder

__all__ = ["Block", "Document", "DocumentBuilder", "InputError", "Limits", "parse", "parse_file",
           "read_regular_file", "sniff"]

PDF_ENGINES = ("auto", "pypdfium2", "pdfplumber")


def sniff(data: bytes) -> str | None:
    """'pdf', 'docx', 'image', 'txt' or None, from the bytes alone (HTML and Markdown are text: parse()
    tells them apart by content and file name)."""
    from .ocr import image_kind
    from .text import looks_textual

    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, ValueError, NotImplementedError, OSError, EOFError):
            return "corrupt-zip"
        if "word/document.xml" in names:
            return "docx"
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"  # legacy .doc / encrypted OOXML
    if image_kind(data):
        return "image"
    if looks_textual(data):
        return "txt"
    return None


def check_size(size: int, name: str, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise InputError(name, f"is {size / 1048576:.1f} MB, over the {limits.max_bytes / 1048576:g} MB "
                               "size limit (raise it with --max-size-mb or CLAUSECHECK_MAX_MB)")


def parse(data: bytes, name: str, *, pdf_engine: str = "auto", limits: Limits | None = None) -> Document:
    limits = limits or Limits()
    check_size(len(data), name, limits)
    if not data.strip():
        raise InputError(name, "is empty")
    if pdf_engine not in PDF_ENGINES:
        raise InputError(name, f"unknown PDF engine {pdf_engine!r} (choose from {', '.join(PDF_ENGINES)})")
    sha256 = hashlib.sha256(data).hexdigest()
    kind = sniff(data)
    if kind == "pdf":
        from .pdf import parse_pdf

        return parse_pdf(data, name, sha256, engine=pdf_engine, limits=limits)
    if kind == "docx":
        from .docx import parse_docx

        return parse_docx(data, name, sha256, limits=limits)
    if kind == "image":
        from .ocr import parse_image

        return parse_image(data, name, sha256, limits=limits)
    if kind == "txt" and _is_markdown(name):
        from .markdown import parse_markdown

        return parse_markdown(data, name, sha256)
    if kind == "txt" and _is_html(data, name):
        from .html import parse_html

        return parse_html(data, name, sha256)
    if kind == "txt":
        from .text import parse_text

        return parse_text(data, name, sha256)
    if kind == "corrupt-zip":
        raise InputError(name, "looks like a DOCX/ZIP file but is corrupt (cannot open the archive)")
    if kind == "zip":
        raise InputError(name, "is a ZIP archive, not a DOCX document (no word/document.xml inside)")
    if kind == "ole":
        raise InputError(name, "is a legacy Word .doc or an encrypted Office file; save it as .docx or PDF")
    raise InputError(name, "is not a type clausecheck reads (PDF, DOCX, plain text, HTML, Markdown, or a "
                           "PNG/JPEG/TIFF scan), judged by its content")


def _is_markdown(name: str) -> bool:
    from .markdown import SUFFIXES

    return Path(name).suffix.lower() in SUFFIXES


def _is_html(data: bytes, name: str) -> bool:
    from .text import looks_like_html

    return Path(name).suffix.lower() in (".html", ".htm") or looks_like_html(data)


def read_regular_file(path: str | Path, max_bytes: int, name: str | None = None) -> bytes:
    """The bytes of a regular file, at most max_bytes of them. A device (/dev/zero), a FIFO or a socket
    is refused without blocking, and the size is checked while reading, not only from stat(). Errors
    name the file as `name` (default: the path)."""
    p = Path(path)
    shown = name or str(p)
    if not p.exists():
        raise InputError(shown, "does not exist")
    if p.is_dir():
        raise InputError(shown, "is a folder, not a file")
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise InputError(shown, f"cannot be read ({exc.strerror})") from exc
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InputError(shown, "is not a regular file (a device, pipe or socket); give a saved contract file")
        check_size(info.st_size, name or p.name, Limits(max_bytes=max_bytes))
        try:
            data = f.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(shown, f"cannot be read ({exc.strerror})") from exc
    check_size(len(data), name or p.name, Limits(max_bytes=max_bytes))  # grew while being read
    return data


def parse_file(path: str | Path, **kwargs) -> Document:
    p = Path(path)
    limits = kwargs.get("limits") or Limits()
    data = read_regular_file(p, limits.max_bytes)
    return parse(data, p.name, **kwargs)
