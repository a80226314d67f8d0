"""The body walker: block-level content in reading order (paragraphs with their list labels,
table cells, content controls, text boxes), tracked changes accepted, hidden text left out."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from .numbering import Counters, Numbering
from .numformat import roman
from .styles import Styles
from .tags import Tags, alt_branch, is_on, to_int

# w:sym characters worth keeping (symbol-font code points): check boxes and bullets
_SYMBOLS = {"F0A8": "☐", "F06F": "☐", "F0FE": "☑", "F0FD": "☒", "F078": "☒", "F0FC": "✓",
            "F0B7": "•", "F0A7": "▪"}

Emit = Callable[[str, str, "str | None", int], None]

_NEWLINES = re.compile(r"[ \t\u00a0]*\n[\s]*")


def _clean(text: str) -> str:
    if "\u00ad" in text:
        text = text.replace("\u00ad", "")
    if "\t" in text:
        text = text.replace("\t", " ")
    if "\n" in text:
        text = _NEWLINES.sub("\n", text)
    return text.strip()


@dataclass
class Stats:
    insertions: int = 0
    deletions: int = 0
    formatting: int = 0
    hidden_runs: int = 0


class Walker:
    def __init__(self, tg: Tags, styles: Styles, numbering: Numbering, stats: Stats,
                 note_refs: list[tuple[str, str, str | None]] | None = None) -> None:
        self.tg = tg
        self.styles = styles
        self.numbering = numbering
        self.counters = Counters(numbering)
        self.stats = stats
        # (kind "footnote"|"endnote", id, custom mark or None) in reading order
        self.note_refs = note_refs
        self.note_labels: dict[tuple[str, str], str] = {}
        self._note_count = {"footnote": 0, "endnote": 0}
        # run children that stand for one fixed character
        self._fixed_chars = {tg.tab: " ", tg.ptab: " ", tg.br: "\n", tg.cr: "\n", tg.noBreakHyphen: "-"}

    # -- blocks ------------------------------------------------------------------------------
    def blocks(self, container: etree._Element, emit: Emit) -> None:
        tg = self.tg
        carry = ""
        for child in container:
            tag = child.tag
            if tag == tg.p:
                carry = self.paragraph(child, emit, carry)
                continue
            if tag == tg.tbl:
                if carry:
                    emit(_clean(carry), "paragraph", None, 0)
                    carry = ""
                self.table(child, emit)
            elif tag == tg.sdt:
                content = child.find(tg.sdtContent)
                if content is not None:
                    self.blocks(content, emit)
            elif tag in (tg.customXml, tg.ins, tg.moveTo):
                if tag != tg.customXml:
                    self.stats.insertions += 1
                self.blocks(child, emit)
            elif tag in (tg.del_, tg.moveFrom):
                self.stats.deletions += 1
            elif tag == tg.alt:
                branch = alt_branch(child, tg)
                if branch is not None:
                    self.blocks(branch, emit)
        if carry:
            emit(_clean(carry), "paragraph", None, 0)

    def paragraph(self, p: etree._Element, emit: Emit, carry: str) -> str:
        out: list[str] = []
        boxes: list[etree._Element] = []
        ppr = p.find(self.tg.pPr)
        mark_deleted, mark_inserted = self._mark_changes(ppr)
        before = (self.stats.insertions, self.stats.deletions)
        self.inline(p, out, boxes)
        if mark_deleted and self.stats.deletions == before[1]:
            self.stats.deletions += 1
        if mark_inserted and self.stats.insertions == before[0]:
            self.stats.insertions += 1
        text = carry + "".join(out)
        if mark_deleted:
            # accepted, the paragraph mark disappears: the text joins the next paragraph
            self._boxes(boxes, emit)
            return text
        text = _clean(text)
        kind, label, level = self._kind(ppr)
        if text:
            emit(f"{label} {text}" if label else text, kind, label, level)
        self._boxes(boxes, emit)
        return ""

    def _mark_changes(self, ppr: etree._Element | None) -> tuple[bool, bool]:
        """Was the paragraph mark itself deleted / inserted as a tracked change?"""
        tg = self.tg
        mark_rpr = ppr.find(tg.rPr) if ppr is not None else None
        if mark_rpr is None:
            return False, False
        deleted = mark_rpr.find(tg.del_) is not None or mark_rpr.find(tg.moveFrom) is not None
        inserted = mark_rpr.find(tg.ins) is not None or mark_rpr.find(tg.moveTo) is not None
        return deleted, inserted

    def _own_props(self, ppr: etree._Element | None) -> tuple[str | None, int | None, int | None, int | None]:
        """(style id, numId, ilvl, outline level) set on the paragraph itself."""
        tg = self.tg
        style = num_id = ilvl = outline = None
        if ppr is None:
            return style, num_id, ilvl, outline
        ps = ppr.find(tg.pStyle)
        if ps is not None:
            style = ps.get(tg.val)
        numpr = ppr.find(tg.numPr)
        if numpr is not None:
            n = numpr.find(tg.numId)
            i = numpr.find(tg.ilvl)
            num_id = to_int(n.get(tg.val)) if n is not None else None
            ilvl = to_int(i.get(tg.val)) if i is not None else None
        ol = ppr.find(tg.outlineLvl)
        if ol is not None:
            outline = to_int(ol.get(tg.val))
        return style, num_id, ilvl, outline

    def _kind(self, ppr: etree._Element | None) -> tuple[str, str | None, int]:
        """(block kind, list label as printed, level) from the paragraph's and its style's properties."""
        style, num_id, ilvl, outline = self._own_props(ppr)
        if style is None:
            style = self.styles.default_para
        s_num, s_ilvl = self.styles.num_pr(style) if self.styles.by_id else (None, None)
        if num_id is None:
            num_id = s_num
        label = None
        if num_id:
            if ilvl is None:
                ilvl = s_ilvl
            if ilvl is None:
                ilvl = self.numbering.level_for_style(num_id, style)
            ilvl = min(max(ilvl or 0, 0), 8)
            label = self.counters.next(num_id, ilvl)
        if outline is None:
            outline = self.styles.outline(style)
        if outline is not None and not 0 <= outline <= 8:
            outline = None  # 9 is "body text"
        if outline is not None:
            return "heading", label, (ilvl if label and ilvl is not None else outline)
        if label:
            return "list_item", label, ilvl or 0
        return "paragraph", label, 0

    def _boxes(self, boxes: list[etree._Element], emit: Emit) -> None:
        for box in boxes:
            self.blocks(box, emit)

    def table(self, tbl: etree._Element, emit: Emit) -> None:
        tg = self.tg
        for tr in self._children(tbl, tg.tr):
            trpr = tr.find(tg.trPr)
            if trpr is not None:
                if trpr.find(tg.del_) is not None:
                    self.stats.deletions += 1
                    continue
                if trpr.find(tg.ins) is not None:
                    self.stats.insertions += 1
            for tc in self._children(tr, tg.tc):
                tcpr = tc.find(tg.tcPr)
                if tcpr is not None:
                    if tcpr.find(tg.cellDel) is not None:
                        continue
                    merged = False
                    for m in (tcpr.find(tg.vMerge), tcpr.find(tg.hMerge)):
                        if m is not None and m.get(tg.val, "continue") != "restart":
                            merged = True
                    if merged:
                        continue
                emit(self.cell_text(tc), "table_cell", None, 0)

    def cell_text(self, tc: etree._Element) -> str:
        parts: list[str] = []
        self.blocks(tc, lambda text, kind, label, level: parts.append(text))
        return "\n".join(t for t in parts if t)

    def _children(self, el: etree._Element, want: str):
        """Children with tag `want`, looking through content controls and custom XML."""
        tg = self.tg
        for child in el:
            tag = child.tag
            if tag == want:
                yield child
            elif tag == tg.sdt:
                content = child.find(tg.sdtContent)
                if content is not None:
                    yield from self._children(content, want)
            elif tag in (tg.customXml, tg.ins, tg.moveTo):
                yield from self._children(child, want)
            elif tag == tg.alt:
                branch = alt_branch(child, tg)
                if branch is not None:
                    yield from self._children(branch, want)

    # -- inline content ----------------------------------------------------------------------
    def inline(self, el: etree._Element, out: list[str], boxes: list[etree._Element]) -> None:
        tg = self.tg
        for child in el:
            tag = child.tag
            if tag == tg.r:
                self.run(child, out, boxes)
            elif tag in (tg.ins, tg.moveTo):
                self.stats.insertions += 1
                self.inline(child, out, boxes)
            elif tag in (tg.del_, tg.moveFrom):
                self.stats.deletions += 1
            elif tag in (tg.hyperlink, tg.smartTag, tg.customXml, tg.fldSimple, tg.bdo, tg.dir):
                self.inline(child, out, boxes)
            elif tag == tg.sdt:
                content = child.find(tg.sdtContent)
                if content is not None:
                    self.inline(content, out, boxes)
            elif tag == tg.alt:
                branch = alt_branch(child, tg)
                if branch is not None:
                    self.inline(branch, out, boxes)
            elif tag in tg.math:
                out.append("".join(t.text or "" for t in child.iter(*tg.math_t)))

    def run(self, r: etree._Element, out: list[str], boxes: list[etree._Element]) -> None:
        tg = self.tg
        pending_mark: tuple[str, str] | None = None
        mark_text: list[str] = []
        for child in r:
            tag = child.tag
            if tag == tg.t:
                if child.text:
                    out.append(child.text)
                    if pending_mark is not None:
                        mark_text.append(child.text)
            elif tag in self._fixed_chars:
                out.append(self._fixed_chars[tag])
            elif tag == tg.rPr:
                if is_on(child.find(tg.vanish), tg) and not is_on(child.find(tg.specVanish), tg):
                    self.stats.hidden_runs += 1
                    return
            elif tag == tg.sym:
                out.append(_SYMBOLS.get((child.get(tg.char) or "").upper(), ""))
            elif tag in (tg.footnoteReference, tg.endnoteReference):
                kind = "footnote" if tag == tg.footnoteReference else "endnote"
                nid = child.get(tg.id) or ""
                if child.get(tg.custom_mark, "").lower() in ("1", "true", "on"):
                    pending_mark = (kind, nid)
                else:
                    out.append(f"[{self.note_label(kind, nid, None)}]")
            else:
                self._embedded(child, out, boxes)
        if pending_mark is not None:
            self.note_label(pending_mark[0], pending_mark[1], "".join(mark_text).strip() or "*")

    def _embedded(self, child: etree._Element, out: list[str], boxes: list[etree._Element]) -> None:
        """Drawings and objects (their text boxes, walked after the paragraph) and ruby text."""
        tg = self.tg
        tag = child.tag
        if tag in (tg.drawing, tg.pict, tg.object):
            self._find_boxes(child, boxes)
        elif tag == tg.alt:
            branch = alt_branch(child, tg)
            if branch is not None:
                self._find_boxes(branch, boxes)
        elif tag == tg.ruby:
            base = child.find(tg.rubyBase)
            if base is not None:
                self.inline(base, out, boxes)

    def note_label(self, kind: str, nid: str, custom: str | None) -> str:
        key = (kind, nid)
        if key in self.note_labels:
            return self.note_labels[key]
        if custom is not None:
            label = custom
        else:
            self._note_count[kind] += 1
            n = self._note_count[kind]
            label = str(n) if kind == "footnote" else roman(n)
        self.note_labels[key] = label
        if self.note_refs is not None:
            self.note_refs.append((kind, nid, label))
        return label

    def _find_boxes(self, el: etree._Element, boxes: list[etree._Element]) -> None:
        tg = self.tg
        for child in el:
            tag = child.tag
            if tag == tg.txbxContent:
                boxes.append(child)
            elif tag == tg.alt:
                branch = alt_branch(child, tg)
                if branch is not None:
                    self._find_boxes(branch, boxes)
            elif isinstance(tag, str):
                self._find_boxes(child, boxes)

