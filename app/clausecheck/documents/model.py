"""The Document every parser produces: full text plus blocks with offsets into it."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import asdict, dataclass, field

BLOCK_SEPARATOR = "\n\n"


@dataclass
class Block:
    """A paragraph, heading, list item or table cell; `text` is Document.text[start:end]."""

    kind: str  # "paragraph" | "heading" | "list_item" | "table_cell" | "table_row" (HTML: cells tab-separated)
    start: int
    end: int
    page: int | None = None  # 1-based page (PDF); None when the format has no pages
    label: str | None = None  # list numbering as the reader sees it ("1.1", "(a)")
    level: int = 0  # nesting level for list items


@dataclass
class Document:
    name: str
    sha256: str
    format: str  # "pdf" | "docx" | "txt" | "html"
    parser: str  # "pypdfium2" | "pdfplumber" | "ooxml" (zipfile + lxml) | "text" | "tesseract" | "lxml.html"
    text: str
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    headers: list[str] = field(default_factory=list)  # running headers, kept apart from the body
    footers: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. "tracked changes accepted"
    page_starts: list[int] = field(default_factory=list)  # offset where each page's text starts (PDF)

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    def page_at(self, offset: int) -> int | None:
        """The page holding `offset`: exact for PDFs, else the page of the nearest block before it."""
        if self.page_starts:
            return max(1, bisect_right(self.page_starts, offset))
        page = None
        for b in self.blocks:
            if b.start > offset:
                break
            page = b.page
        return page

    def metadata(self) -> dict:
        return {
            "name": self.name,
            "sha256": self.sha256,
            "format": self.format,
            "pages": self.pages,
            "parser": self.parser,
        }

    def to_dict(self) -> dict:
        return asdict(self)


class DocumentBuilder:
    """Appends blocks to one text, separated by a blank line, tracking offsets."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.blocks: list[Block] = []

    def add(self, text: str, kind: str = "paragraph", page: int | None = None,
            label: str | None = None, level: int = 0) -> Block | None:
        text = text.strip()
        if not text:
            return None
        if self._parts:
            self._parts.append(BLOCK_SEPARATOR)
            self._length += len(BLOCK_SEPARATOR)
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        block = Block(kind=kind, start=start, end=self._length, page=page, label=label, level=level)
        self.blocks.append(block)
        return block

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def build(self, **meta) -> Document:
        return Document(text=self.text, blocks=self.blocks, **meta)
