"""The DOCX entry point: the main part's body, then headers, footers, footnotes and endnotes."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..errors import InputError
from ..limits import Limits
from ..model import Document, DocumentBuilder
from .numbering import Numbering
from .package import BadPart, EntityDeclaration, Package
from .styles import Styles
from .tags import W_TRANSITIONAL, Tags, ns_of
from .walker import Stats, Walker

_REL_SUFFIX = {
    "header": "/header", "footer": "/footer", "footnotes": "/footnotes",
    "endnotes": "/endnotes", "numbering": "/numbering", "styles": "/styles",
}


def parse_docx(data: bytes, name: str, sha256: str, *, limits: Limits) -> Document:
    try:
        return _parse(data, name, sha256, limits)
    except InputError:
        raise
    except EntityDeclaration as exc:
        raise InputError(name, f"carries XML entity declarations (a DOCTYPE/ENTITY in {exc.part}: "
                               "a possible entity bomb or external entities) and is refused") from exc
    except BadPart as exc:
        raise InputError(name, f"is not a readable DOCX file ({exc.describe()})") from exc
    except MemoryError as exc:
        raise InputError(name, "is too large or complex to read as a DOCX file (out of memory)") from exc
    except RecursionError as exc:
        raise InputError(name, "is not a readable DOCX file (its XML is nested too deeply)") from exc
    except Exception as exc:  # a user's file must never cause a traceback
        raise InputError(name, f"is not a readable DOCX file ({type(exc).__name__}: {exc})") from exc


def _package_rels(pkg: Package) -> dict[str, tuple[str, str]]:
    # the package-level relationships live in _rels/.rels (the "source part" is the root)
    if not pkg.has("_rels/.rels"):
        return {}
    try:
        root = pkg.xml("_rels/.rels")
    except BadPart:
        return {}
    out = {}
    for rel in root:
        if isinstance(rel.tag, str) and rel.tag.endswith("Relationship") \
                and rel.get("TargetMode") != "External":
            out[rel.get("Id") or ""] = (rel.get("Type") or "", (rel.get("Target") or "").lstrip("/"))
    return out


@dataclass
class _Parts:
    """What every part of one package is read with: the package, its tags, styles and lists."""

    pkg: Package
    tg: Tags
    rels: dict[str, tuple[str, str]]
    notes: list[str]
    styles: Styles | None = None
    numbering: Numbering | None = None
    stats: Stats = field(default_factory=Stats)

    def optional(self, kind: str) -> etree._Element | None:
        """The part of this kind the main part refers to; a broken one is noted and left out."""
        for rel_type, target in self.rels.values():
            if rel_type.endswith(_REL_SUFFIX[kind]) and self.pkg.has(target):
                return self.xml_or_note(target)
        return None

    def xml_or_note(self, target: str) -> etree._Element | None:
        try:
            return self.pkg.xml(target)
        except BadPart as exc:
            self.notes.append(f"{exc.describe()}; it was left out")
            return None

    def text_of(self, container: etree._Element) -> str:
        """The text of a header, footer or note: its blocks joined by newlines (own list counters)."""
        lines: list[str] = []
        walker = Walker(self.tg, self.styles, self.numbering, self.stats)
        walker.blocks(container, lambda text, kind, label, level: lines.append(text))
        return "\n".join(t for t in lines if t).strip()


def _main_part(pkg: Package, name: str) -> tuple[str, etree._Element]:
    main = "word/document.xml"
    for rel_type, target in _package_rels(pkg).values():
        if rel_type.endswith("/officeDocument") and pkg.has(target):
            main = target
            break
    if not pkg.has(main):
        raise InputError(name, "is not a readable DOCX file (no word/document.xml inside)")
    return main, pkg.xml(main)


def _parse(data: bytes, name: str, sha256: str, limits: Limits) -> Document:
    pkg = Package(data, name, limits)
    pkg.check_all_xml()
    main, root = _main_part(pkg, name)
    tg = Tags(ns_of(root) or W_TRANSITIONAL)
    body = root.find(tg.body)
    if body is None:
        raise InputError(name, f"is not a readable DOCX file ({main} has no document body)")

    parts = _Parts(pkg, tg, pkg.rels(main), notes=[])
    parts.styles = Styles(parts.optional("styles"), tg)
    parts.numbering = Numbering(parts.optional("numbering"), tg, parts.styles)
    note_refs: list[tuple[str, str, str]] = []
    walker = Walker(tg, parts.styles, parts.numbering, parts.stats, note_refs)

    builder = DocumentBuilder()
    walker.blocks(body, lambda text, kind, label, level: builder.add(text, kind=kind, label=label, level=level))
    parts.stats.formatting = sum(1 for _ in body.iter(*tg.format_changes))
    if body.find(f".//{tg.altChunk}") is not None:
        parts.notes.append("embedded alternative-format content (altChunk) was left out")

    headers, footers = _headers_footers(parts, root)
    footnotes = _footnotes(parts, walker, note_refs)
    for entry in footnotes:
        builder.add(entry, kind="paragraph")

    if not builder.blocks:
        extra = " in its body (only headers/footers)" if headers or footers else ""
        raise InputError(name, f"holds no text{extra}")

    doc = builder.build(name=name, sha256=sha256, format="docx", parser="ooxml", pages=None)
    doc.headers = headers
    doc.footers = footers
    doc.footnotes = footnotes
    doc.notes = _change_notes(parts.stats) + parts.notes
    if parts.stats.hidden_runs:
        doc.notes.append(f"hidden text left out ({_count(parts.stats.hidden_runs, 'hidden run')})")
    return doc


def _headers_footers(parts: _Parts, root: etree._Element) -> tuple[list[str], list[str]]:
    """Headers and footers, in the order the sections reference them, each text once."""
    tg = parts.tg
    headers: list[str] = []
    footers: list[str] = []
    seen_parts: set[str] = set()
    for ref in root.iter(tg.headerReference, tg.footerReference):
        rid = next((v for k, v in ref.attrib.items() if k.endswith("}id")), None)
        if rid is None or rid not in parts.rels:
            continue
        target = parts.rels[rid][1]
        if target in seen_parts or not parts.pkg.has(target):
            continue
        seen_parts.add(target)
        part_root = parts.xml_or_note(target)
        if part_root is None:
            continue
        text = parts.text_of(part_root)
        dest = headers if ref.tag == tg.headerReference else footers
        if text and text not in dest:
            dest.append(text)
    return headers, footers


def _footnotes(parts: _Parts, walker: Walker, note_refs: list[tuple[str, str, str]]) -> list[str]:
    """Footnotes, then endnotes, each "[label] text": in reference order, then any never referenced."""
    tg = parts.tg
    footnotes: list[str] = []
    for kind, part_kind, item_tag in (("footnote", "footnotes", tg.footnote),
                                      ("endnote", "endnotes", tg.endnote)):
        part_root = parts.optional(part_kind)
        if part_root is None:
            continue
        items: dict[str, etree._Element] = {}
        for item in part_root.iter(item_tag):
            if item.get(tg.type, "normal") in ("separator", "continuationSeparator",
                                              "continuationNotice"):
                continue
            items.setdefault(item.get(tg.id) or "", item)
        order = [(nid, label) for k, nid, label in note_refs if k == kind and nid in items]
        referenced = {nid for nid, _ in order}
        for nid in items:
            if nid not in referenced:
                order.append((nid, walker.note_label(kind, nid, None)))
        for nid, label in order:
            text = parts.text_of(items[nid])
            if text:
                footnotes.append(f"[{label}] {text}")
    return footnotes


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}"


def _change_notes(stats: Stats) -> list[str]:
    if not (stats.insertions or stats.deletions or stats.formatting):
        return []
    note = (f"tracked changes accepted: {_count(stats.insertions, 'insertion')}, "
            f"{_count(stats.deletions, 'deletion')}")
    if stats.formatting:
        note += f" and {_count(stats.formatting, 'formatting change')}"
    return [note + " (the text reads as if all changes were accepted)"]
