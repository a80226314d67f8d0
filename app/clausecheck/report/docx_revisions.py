"""Tracked changes and comment anchors written into a Word body with lxml (WordprocessingML).

The body is read as a stream of visible characters, paragraph by paragraph (the text a reader sees
with every existing tracked change accepted: runs inside `w:del`/`w:moveFrom`, hidden runs and the
`mc:Fallback` copy of text boxes are left out). Edits are given as character offsets into one
paragraph; runs are split at those offsets so that formatting is kept on every piece:

* `delete(p, a, b)` wraps the runs holding characters a..b in `w:del` (`w:t` becomes `w:delText`);
  inside another author's `w:ins` the `w:del` goes inside it, so rejecting all changes still
  removes that insertion and accepting all removes the text.
* `insert(p, off, text)` adds a run in `w:ins` at `off`, formatted like the character before it; it
  never nests inside another revision (such a container is split at the insertion point).
* `insert_paragraph_after(p, text)` adds a new paragraph whose paragraph mark is itself a tracked
  insertion, so rejecting it leaves the document as it was.
* `comment_start` / `comment_end` place `w:commentRangeStart`, `w:commentRangeEnd` and the
  `w:commentReference` run of a comment whose text lives in the comments part.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(local: str) -> str:
    return f"{{{W}}}{local}"


P, R, T, RPR, PPR = w("p"), w("r"), w("t"), w("rPr"), w("pPr")
INS, DEL, MOVE_FROM, MOVE_TO = w("ins"), w("del"), w("moveFrom"), w("moveTo")
REVISIONS = {INS, DEL, MOVE_FROM, MOVE_TO}
HIDDEN = {DEL, MOVE_FROM, f"{{{MC}}}Fallback"}
TEXT = {T, w("delText")}
_CHAR_CHILDREN = {w("tab"): " ", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-"}
_ID = w("id")


@dataclass
class Atom:
    """One visible character of a paragraph: the run holding it, the run child and the offset in it."""

    char: str
    run: etree._Element
    child: etree._Element
    offset: int


def _visible_run(run: etree._Element, p: etree._Element, ours: set) -> bool:
    el = run.getparent()
    while el is not None and el is not p:
        if el in ours:
            if el.tag == INS:
                return False
        elif el.tag in HIDDEN or el.tag == P:
            return False
        el = el.getparent()
    if el is None:
        return False
    rpr = run.find(RPR)
    if rpr is not None:
        vanish = rpr.find(w("vanish"))
        if vanish is not None and vanish.get(w("val"), "true").lower() not in ("0", "false", "off"):
            return False
    return True


def atoms(p: etree._Element, ours: set = frozenset()) -> list[Atom]:
    """The visible characters of paragraph `p` (not those of text boxes nested in it). `ours` holds the
    revisions written in this pass: their deletions still count and their insertions do not, so that
    offsets stay those of the text as it was."""
    out: list[Atom] = []
    for run in p.iter(R):
        if not _visible_run(run, p, ours):
            continue
        for child in run:
            if child.tag in TEXT:
                for i, ch in enumerate(child.text or ""):
                    out.append(Atom(ch, run, child, i))
            elif child.tag in _CHAR_CHILDREN:
                out.append(Atom(_CHAR_CHILDREN[child.tag], run, child, 0))
    return out


def paragraphs(body: etree._Element) -> list[etree._Element]:
    """Every paragraph of the body in document order (tables and text boxes included), leaving out the
    fallback copies of text boxes."""
    return [p for p in body.iter(P) if not any(a.tag == f"{{{MC}}}Fallback" for a in p.iterancestors())]


def text_of(p: etree._Element) -> str:
    return "".join(a.char for a in atoms(p))


# ---- splitting runs -------------------------------------------------------------------------------

def _t(text: str) -> etree._Element:
    t = etree.Element(T)
    t.text = text
    if text != text.strip() or "  " in text:
        t.set(XML_SPACE, "preserve")
    return t


def _split_run(run: etree._Element, k: int) -> None:
    """Split `run` in two: its first k visible characters stay, the rest move to a new run right after
    it with the same properties (zero-width children at the cut go with the right part)."""
    right = etree.Element(R, attrib=dict(run.attrib))
    rpr = run.find(RPR)
    if rpr is not None:
        right.append(copy.deepcopy(rpr))
    seen = 0
    moving = False
    for child in list(run):
        if child.tag == RPR:
            continue
        if not moving and child.tag in TEXT and seen < k < seen + len(child.text or ""):
            text = child.text
            child.text = text[:k - seen]
            child.set(XML_SPACE, "preserve")
            tail = _t(text[k - seen:])
            tail.tag = child.tag
            tail.set(XML_SPACE, "preserve")
            right.append(tail)
            moving = True
            continue
        if not moving and seen >= k:
            moving = True
        if moving:
            right.append(child)
        elif child.tag in TEXT:
            seen += len(child.text or "")
        elif child.tag in _CHAR_CHILDREN:
            seen += 1
    run.addnext(right)


def split_at(p: etree._Element, off: int, ours: set = frozenset()) -> None:
    """Make `off` (0..length) fall on a run boundary of paragraph `p`."""
    ats = atoms(p, ours)
    if off <= 0 or off >= len(ats):
        return
    a = ats[off]
    if ats[off - 1].run is not a.run:
        return
    k = sum(1 for x in ats[:off] if x.run is a.run)
    _split_run(a.run, k)


def runs_in(p: etree._Element, a: int, b: int, ours: set = frozenset()) -> list[etree._Element]:
    """The runs holding characters a..b of `p`, after splitting at both ends."""
    split_at(p, b, ours)
    split_at(p, a, ours)
    out: list[etree._Element] = []
    for atom in atoms(p, ours)[a:b]:
        if not out or out[-1] is not atom.run:
            out.append(atom.run)
    return out


# ---- revisions ------------------------------------------------------------------------------------

class Revisions:
    """Writes revisions and comment anchors by one author at one time, numbering revisions after the ids
    the document already uses. Offsets are those of the paragraph's text before this pass."""

    def __init__(self, root: etree._Element, author: str, date: str) -> None:
        self.author = author
        self.date = date
        used = [int(v) for el in root.iter() if isinstance(el.tag, str)
                for v in [el.get(_ID)] if v is not None and v.lstrip("-").isdigit()]
        self.next_id = max(used, default=0) + 1
        self.ours: set = set()
        self.count = 0

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def mark(self, tag: str) -> etree._Element:
        el = etree.Element(tag)
        el.set(_ID, str(self.new_id()))
        el.set(w("author"), self.author)
        el.set(w("date"), self.date)
        self.ours.add(el)
        return el

    def atoms(self, p: etree._Element) -> list[Atom]:
        return atoms(p, self.ours)

    def delete(self, p: etree._Element, a: int, b: int) -> bool:
        """Mark characters a..b of paragraph `p` deleted. False when there is nothing to delete."""
        runs = [r for r in runs_in(p, a, b, self.ours) if not any(x in self.ours for x in r.iterancestors(DEL))]
        if not runs:
            return False
        groups: list[list[etree._Element]] = []
        for run in runs:
            if groups and groups[-1][-1].getnext() is run:
                groups[-1].append(run)
            else:
                groups.append([run])
        for group in groups:
            mark = self.mark(DEL)
            group[0].addprevious(mark)
            for run in group:
                for t in run.iter(T):
                    t.tag = w("delText")
                    t.set(XML_SPACE, "preserve")
                for it in run.iter(w("instrText")):
                    it.tag = w("delInstrText")
                mark.append(run)
        self.count += 1
        return True

    def insert(self, p: etree._Element, off: int, text: str, after: etree._Element | None = None) -> etree._Element:
        """Insert `text` as a tracked insertion at character `off` of `p` (right after `after`, what an
        earlier insertion at the same place returned). Returns the new `w:ins`."""
        ins = self.mark(INS)
        run = etree.SubElement(ins, R)
        if after is not None:
            anchor_rpr = _rpr_before(after)
            after.addnext(ins)
        else:
            split_at(p, off, self.ours)
            ats = self.atoms(p)
            if off > 0 and ats:
                prev = ats[min(off, len(ats)) - 1].run
                anchor_rpr = prev.find(RPR)
                _place_after(prev, ins, ats[off].run if off < len(ats) else None, self.new_id)
            elif ats:
                anchor_rpr = ats[0].run.find(RPR)
                _place_before(ats[0].run, ins, self.new_id)
            else:
                anchor_rpr = None
                _at_start(p, ins)
        if anchor_rpr is not None:
            run.append(_clean_rpr(anchor_rpr))
        _fill(run, text)
        self.count += 1
        return ins

    def insert_paragraph_after(self, p: etree._Element, text: str,
                               after: etree._Element | None = None) -> etree._Element:
        """A new paragraph after `p` (or after `after`, an earlier one), its mark a tracked insertion."""
        new = etree.Element(P)
        ppr = p.find(PPR)
        new_ppr = copy.deepcopy(ppr) if ppr is not None else etree.Element(PPR)
        for tag in ("numPr", "sectPr", "pPrChange", "rPr"):
            for el in new_ppr.findall(w(tag)):
                new_ppr.remove(el)
        new.append(new_ppr)
        etree.SubElement(new_ppr, RPR).append(self.mark(INS))
        ins = self.mark(INS)
        run = etree.SubElement(ins, R)
        ats = self.atoms(p)
        if ats and ats[-1].run.find(RPR) is not None:
            run.append(_clean_rpr(ats[-1].run.find(RPR)))
        _fill(run, text)
        new.append(ins)
        (after if after is not None else p).addnext(new)
        self.count += 1
        return new

    def comment_start(self, p: etree._Element, off: int, cid: int) -> None:
        mark = etree.Element(w("commentRangeStart"))
        mark.set(_ID, str(cid))
        split_at(p, off, self.ours)
        ats = self.atoms(p)
        if off <= 0 or not ats:
            _at_start(p, mark)
        elif off >= len(ats):
            p.append(mark)
        else:
            _place_before(ats[off].run, mark, self.new_id)

    def comment_end(self, p: etree._Element, off: int, cid: int) -> None:
        """The end of a comment's range and its reference mark, after any insertion made at `off`."""
        end = etree.Element(w("commentRangeEnd"))
        end.set(_ID, str(cid))
        ref_run = etree.Element(R)
        etree.SubElement(ref_run, w("commentReference")).set(_ID, str(cid))
        split_at(p, off, self.ours)
        ats = self.atoms(p)
        if off >= len(ats):
            p.append(end)
        else:
            _place_before(ats[off].run, end, self.new_id)
        end.addnext(ref_run)


def _at_start(p: etree._Element, el: etree._Element) -> None:
    ppr = p.find(PPR)
    if ppr is not None:
        ppr.addnext(el)
    else:
        p.insert(0, el)


def _clean_rpr(rpr: etree._Element) -> etree._Element:
    out = copy.deepcopy(rpr)
    for tag in ("rPrChange", "vanish", "specVanish", "rStyle"):
        for el in out.findall(w(tag)):
            if tag != "rStyle" or el.get(w("val"), "").lower().startswith("comment"):
                out.remove(el)
    return out


def _rpr_before(el: etree._Element) -> etree._Element | None:
    runs = list(el.iter(R))
    return runs[-1].find(RPR) if runs else None


def _fill(run: etree._Element, text: str) -> None:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if i:
            etree.SubElement(run, w("br"))
        if line:
            t = _t(line)
            t.set(XML_SPACE, "preserve")
            run.append(t)


def _revision_parent(run: etree._Element) -> etree._Element | None:
    el = run.getparent()
    while el is not None and el.tag != P:
        if el.tag in REVISIONS:
            return el
        el = el.getparent()
    return None


def _inside(el: etree._Element, container: etree._Element) -> bool:
    return any(a is container for a in el.iterancestors())


def _split_container(container: etree._Element, first_moved: etree._Element, new_id) -> etree._Element:
    """Move the child of `container` holding `first_moved`, and every later child, into a copy of
    `container` (a fresh id) placed right after it. Returns the copy."""
    child = first_moved
    while child.getparent() is not container:
        child = child.getparent()
    twin = etree.Element(container.tag, attrib=dict(container.attrib))
    if twin.get(_ID) is not None:
        twin.set(_ID, str(new_id()))
    moving = False
    for c in list(container):
        moving = moving or c is child
        if moving:
            twin.append(c)
    container.addnext(twin)
    return twin


def _place_after(prev: etree._Element, new: etree._Element, following: etree._Element | None, new_id) -> None:
    """Put `new` right after run `prev`, outside any revision container (split when the next visible
    run is in the same container)."""
    container = _revision_parent(prev)
    while container is not None:
        if following is not None and _inside(following, container):
            _split_container(container, following, new_id)
        prev = container
        container = _revision_parent(container)
    prev.addnext(new)


def _place_before(nxt: etree._Element, new: etree._Element, new_id) -> None:
    """Put `new` right before run `nxt`, outside any revision container (split when `nxt` is not at
    its start)."""
    container = _revision_parent(nxt)
    while container is not None:
        if container[0] is not nxt and not _inside(nxt, container[0]):
            container = _split_container(container, nxt, new_id)
        nxt = container
        container = _revision_parent(container)
    nxt.addprevious(new)
