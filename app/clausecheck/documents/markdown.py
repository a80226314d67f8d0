"""Markdown files (.md, .markdown): terms kept in a repository or written for a creator's site, read with
markdown-it-py (CommonMark, plus GitHub-style tables and strikethrough).

Headings (# and underlined) become heading blocks, list items list items (an ordered list's number as a
reader sees it, "1."), paragraphs and block quotes paragraphs, and each table row one block with its
cells separated by tabs, as the HTML reader does. The text keeps what a reader sees: no #, *, _, `,
link targets, image references or raw HTML tags; a link keeps its words. A YAML or TOML front-matter
block at the top (a static site's title and date) is not part of the terms and is left out.
"""

from __future__ import annotations

import html
import re

from .errors import InputError
from .model import DocumentBuilder
from .text import decode, normalise_newlines

SUFFIXES = (".md", ".markdown")
FRONT_MATTER = re.compile(r"\A\ufeff?(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\.\.\.|\+\+\+)[ \t]*(?:\n|\Z)", re.S)
TAG = re.compile(r"<[^>]*>")
BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
SPACES = re.compile(r"[^\S\n]+")
OWN_NUMBER = re.compile(r"^\(?(?:\d+(?:\.\d+)*|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)]\s")


def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def inline_text(token) -> str:
    """What a reader sees of an inline token: its words, without emphasis, code ticks, link targets,
    images or HTML tags; a hard line break stays a line break."""
    parts: list[str] = []
    for child in token.children or ():
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "html_inline" and BREAK_TAG.fullmatch(child.content.strip()):
            parts.append("\n")
        # image (alt text is a picture's caption, not terms), html_inline, *_open/_close: nothing
    lines = [SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


class _Reader:
    """Walks markdown-it's flat token stream once and adds blocks to the builder."""

    def __init__(self, builder: DocumentBuilder) -> None:
        self.builder = builder
        self.heading = 0  # level (1-6) of the heading being read, 0 outside one
        self.lists: list[bool] = []  # per open list: ordered?
        self.items: list[str | None] = []  # per open list item: its label, until its first text is written
        self.cells: list[str] | None = None  # the table row being read

    def inline(self, token) -> None:
        text = inline_text(token)
        if self.cells is not None:
            self.cells.append(text.replace("\n", " "))
        elif not text:
            return
        elif self.heading:
            self.builder.add(text, kind="heading", level=self.heading - 1)
        elif self.items and self.items[-1] != "written":
            label = self.items[-1]
            self.items[-1] = "written"
            if label and not OWN_NUMBER.match(text):
                text = f"{label} {text}"
            self.builder.add(text, kind="list_item", label=label, level=max(len(self.lists) - 1, 0))
        else:
            self.builder.add(text, kind="paragraph")

    def block(self, token) -> None:
        kind = token.type
        if kind == "heading_open":
            self.heading = int(token.tag[1])
        elif kind == "heading_close":
            self.heading = 0
        elif kind in ("bullet_list_open", "ordered_list_open"):
            self.lists.append(kind == "ordered_list_open")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            ordered = bool(self.lists and self.lists[-1])
            self.items.append(f"{token.info}{token.markup}" if ordered and token.info else None)
        elif kind == "list_item_close":
            self.items.pop()
        elif kind == "tr_open":
            self.cells = []
        elif kind == "tr_close":
            cells, self.cells = [c for c in (self.cells or []) if c], None
            self.builder.add("\t".join(cells), kind="table_row")
        elif kind == "inline":
            self.inline(token)
        elif kind in ("fence", "code_block"):
            self.builder.add(token.content, kind="paragraph")
        elif kind == "html_block":
            self.builder.add(SPACES.sub(" ", html.unescape(TAG.sub(" ", token.content))).strip(), kind="paragraph")


def parse_markdown(data: bytes, name: str, sha256: str):
    source = FRONT_MATTER.sub("", normalise_newlines(decode(data, name)), count=1)
    builder = DocumentBuilder()
    reader = _Reader(builder)
    try:
        tokens = _parser().parse(source)
    except RecursionError:
        raise InputError(name, "is a Markdown file nested too deeply to read") from None
    for token in tokens:
        reader.block(token)
    if not builder.blocks:
        raise InputError(name, "is a Markdown file with no readable text (only markup or front matter)")
    return builder.build(name=name, sha256=sha256, format="markdown", parser="markdown-it-py", pages=None)
