"""DOCX contracts: body text in reading order with list numbering as printed, safely unzipped.

The package is read with zipfile + lxml directly (python-docx's API exposes neither the list
numbering nor tracked changes, text boxes or footnotes):

* the archive is checked for zip bombs before anything is decompressed (declared sizes and
  compression ratios), and the bytes actually read are capped;
* every XML part read is refused if it carries a DOCTYPE / ENTITY declaration, and lxml parses
  with entity resolution, DTD loading and network access switched off;
* the body is walked in document order: paragraphs (numbering labels computed from
  word/numbering.xml and prefixed to the text), tables (one block per non-empty cell, merged
  cells once), content controls, text boxes (one branch of mc:AlternateContent), with tracked
  changes accepted;
* headers and footers go to Document.headers / footers, footnotes and endnotes to
  Document.footnotes and, prefixed with their number, to the end of the body text.
"""

from .numformat import format_number as _format_number  # noqa: F401  (tests check the formats)
from .parse import parse_docx

__all__ = ["parse_docx"]
