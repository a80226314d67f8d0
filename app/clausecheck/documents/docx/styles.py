"""Paragraph styles of word/styles.xml: the numbering and outline level a style carries."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .tags import Tags, to_int


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    num_id: int | None = None
    ilvl: int | None = None
    outline: int | None = None


_HEADING_NAME = re.compile(r"^heading\s*([1-9])$")


class Styles:
    def __init__(self, root: etree._Element | None, tg: Tags) -> None:
        self.by_id: dict[str, _Style] = {}
        self.default_para: str | None = None
        if root is None:
            return
        for st in root.iter(tg.style):
            if st.get(tg.type, "paragraph") not in ("paragraph", "numbering"):
                continue
            sid = st.get(tg.style_id)
            if not sid:
                continue
            s = _Style()
            name = st.find(tg.name)
            s.name = (name.get(tg.val, "") if name is not None else sid).strip().lower()
            based = st.find(tg.basedOn)
            s.based_on = based.get(tg.val) if based is not None else None
            ppr = st.find(tg.pPr)
            if ppr is not None:
                numpr = ppr.find(tg.numPr)
                if numpr is not None:
                    n = numpr.find(tg.numId)
                    i = numpr.find(tg.ilvl)
                    s.num_id = to_int(n.get(tg.val)) if n is not None else None
                    s.ilvl = to_int(i.get(tg.val)) if i is not None else None
                ol = ppr.find(tg.outlineLvl)
                if ol is not None:
                    s.outline = to_int(ol.get(tg.val))
            self.by_id[sid] = s
            if st.get(tg.type, "paragraph") == "paragraph" \
                    and st.get(tg.default, "").lower() in ("1", "true", "on"):
                self.default_para = sid

    def chain(self, sid: str | None):
        seen: set[str] = set()
        while sid and sid not in seen and len(seen) < 32:
            seen.add(sid)
            st = self.by_id.get(sid)
            if st is None:
                return
            yield sid, st
            sid = st.based_on

    def num_pr(self, sid: str | None) -> tuple[int | None, int | None]:
        num_id = ilvl = None
        for _, st in self.chain(sid):
            if num_id is None and st.num_id is not None:
                num_id = st.num_id
            if ilvl is None and st.ilvl is not None:
                ilvl = st.ilvl
        return num_id, ilvl

    def outline(self, sid: str | None) -> int | None:
        for _, st in self.chain(sid):
            if st.outline is not None:
                return st.outline
            m = _HEADING_NAME.match(st.name)
            if m:
                return int(m.group(1)) - 1
            if st.name == "title":
                return 0
        return None

