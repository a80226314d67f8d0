"""Plain-text contracts: UTF-8, UTF-16 with a BOM, Windows-1252; normalised line endings."""

from __future__ import annotations

import codecs
import re

from .errors import InputError
from .model import DocumentBuilder

_PARA_SPLIT = re.compile(r"\n[ \t]*\n+")


def decode(data: bytes, name: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(name, "is not valid UTF-16 text despite its byte-order mark") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")


XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
LEADING_COMMENTS = re.compile(r"^(?:\s|<!--.*?-->)*", re.S)
HTML_START = re.compile(r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I)


def looks_like_html(data: bytes) -> bool:
    """True when the text starts (after a BOM, an XML declaration and comments) like an HTML page (told here,
    not in .html, so that telling does not import lxml)."""
    head = XML_DECL.sub("", decode(data[:4096], "page"))
    head = LEADING_COMMENTS.sub("", head.lstrip("\ufeff"), count=1)
    return HTML_START.match(head) is not None


def looks_textual(data: bytes) -> bool:
    """True when the bytes read as text in one of the encodings we accept."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    sample = data[:65536]
    if b"\x00" in sample:
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls <= max(2, len(sample) // 1000)


def parse_text(data: bytes, name: str, sha256: str):
    text = normalise_newlines(decode(data, name))
    builder = DocumentBuilder()
    for para in _PARA_SPLIT.split(text):
        # keep single line breaks inside a paragraph as spaces only where lines wrap mid-sentence;
        # lines that start a new numbered item stay separate blocks.
        builder.add(para.strip("\n"))
    if not builder.blocks:
        raise InputError(name, "holds no text (the file is empty or only whitespace)")
    return builder.build(name=name, sha256=sha256, format="txt", parser="text", pages=None)
