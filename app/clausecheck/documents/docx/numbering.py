"""List numbering of word/numbering.xml, and the running counters that print each label."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from .numformat import format_number
from .styles import Styles
from .tags import Tags, is_on, to_int


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None
    restart: int | None = None
    legal: bool = False
    pstyle: str | None = None


@dataclass
class _Abstract:
    levels: dict[int, _Level] = field(default_factory=dict)
    num_style_link: str | None = None


@dataclass
class _Num:
    abstract_id: int | None
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, _Level] = field(default_factory=dict)


def _read_level(lvl: etree._Element, tg: Tags) -> _Level:
    level = _Level()
    start = lvl.find(tg.start)
    if start is not None:
        level.start = to_int(start.get(tg.val), 1) or 0
    fmt = lvl.find(tg.numFmt)
    if fmt is None:  # newer formats live in mc:AlternateContent; the Fallback is the classic one
        alt = lvl.find(tg.alt)
        if alt is not None:
            for branch in (alt.find(tg.fallback), alt.find(tg.choice)):
                if branch is not None and branch.find(tg.numFmt) is not None:
                    fmt = branch.find(tg.numFmt)
                    break
    if fmt is not None:
        level.fmt = fmt.get(tg.val, "decimal")
    text = lvl.find(tg.lvlText)
    if text is not None:
        level.text = text.get(tg.val, "")
    restart = lvl.find(tg.lvlRestart)
    if restart is not None:
        level.restart = to_int(restart.get(tg.val))
    level.legal = is_on(lvl.find(tg.isLgl), tg)
    pstyle = lvl.find(tg.pStyle)
    if pstyle is not None:
        level.pstyle = pstyle.get(tg.val)
    return level


class Numbering:
    """The list definitions of word/numbering.xml."""

    def __init__(self, root: etree._Element | None, tg: Tags, styles: Styles) -> None:
        self.abstracts: dict[int, _Abstract] = {}
        self.nums: dict[int, _Num] = {}
        self.styles = styles
        self._resolved: dict[int, int | None] = {}
        if root is None:
            return
        for ab in root.iter(tg.abstractNum):
            aid = to_int(ab.get(tg.abstract_id_attr))
            if aid is None:
                continue
            a = _Abstract()
            for lvl in ab.findall(tg.lvl):
                ilvl = to_int(lvl.get(tg.ilvl_attr))
                if ilvl is not None and 0 <= ilvl <= 8:
                    a.levels[ilvl] = _read_level(lvl, tg)
            link = ab.find(tg.numStyleLink)
            if link is not None:
                a.num_style_link = link.get(tg.val)
            self.abstracts[aid] = a
        for num in root.iter(tg.num):
            nid = to_int(num.get(tg.num_id_attr))
            if nid is None:
                continue
            ref = num.find(tg.abstractNumId)
            n = _Num(to_int(ref.get(tg.val)) if ref is not None else None)
            for ov in num.findall(tg.lvlOverride):
                ilvl = to_int(ov.get(tg.ilvl_attr))
                if ilvl is None or not 0 <= ilvl <= 8:
                    continue
                so = ov.find(tg.startOverride)
                if so is not None:
                    n.start_overrides[ilvl] = to_int(so.get(tg.val), 1) or 0
                lvl = ov.find(tg.lvl)
                if lvl is not None:
                    n.level_overrides[ilvl] = _read_level(lvl, tg)
            self.nums[nid] = n

    def abstract_of(self, num_id: int) -> int | None:
        """The abstract definition a list instance uses, following numStyleLink indirection."""
        if num_id in self._resolved:
            return self._resolved[num_id]
        result = None
        seen: set[int] = set()
        nid: int | None = num_id
        while nid is not None and nid not in seen:
            seen.add(nid)
            num = self.nums.get(nid)
            if num is None or num.abstract_id not in self.abstracts:
                break
            aid = num.abstract_id
            link = self.abstracts[aid].num_style_link
            if link and not self.abstracts[aid].levels:
                nid, _ = self.styles.num_pr(link)
                result = aid
                continue
            result = aid
            break
        self._resolved[num_id] = result
        return result

    def level(self, num_id: int, ilvl: int) -> _Level | None:
        num = self.nums.get(num_id)
        if num is not None and ilvl in num.level_overrides:
            return num.level_overrides[ilvl]
        aid = self.abstract_of(num_id)
        if aid is None:
            return None
        return self.abstracts[aid].levels.get(ilvl)

    def level_for_style(self, num_id: int, style_id: str | None) -> int | None:
        aid = self.abstract_of(num_id)
        if aid is None or not style_id:
            return None
        chain_ids = [sid for sid, _ in self.styles.chain(style_id)]
        for sid in chain_ids:
            for ilvl, lvl in self.abstracts[aid].levels.items():
                if lvl.pstyle == sid:
                    return ilvl
        return None


class Counters:
    """Running list counters, shared by every list instance of one abstract definition (as Word
    does); a startOverride restarts the shared counter the first time its instance is used."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.values: dict[int, list[int | None]] = {}
        self.overridden: set[tuple[int, int]] = set()

    def next(self, num_id: int, ilvl: int) -> str | None:
        nb = self.numbering
        aid = nb.abstract_of(num_id)
        if aid is None:
            return None
        ilvl = min(max(ilvl, 0), 8)
        level = nb.level(num_id, ilvl)
        if level is None:
            return None
        vals = self.values.setdefault(aid, [None] * 9)
        num = nb.nums[num_id]
        if ilvl in num.start_overrides and (num_id, ilvl) not in self.overridden:
            self.overridden.add((num_id, ilvl))
            vals[ilvl] = num.start_overrides[ilvl]
        elif vals[ilvl] is None:
            vals[ilvl] = level.start
        else:
            vals[ilvl] += 1
        for k in range(ilvl + 1, 9):
            deeper = nb.level(num_id, k)
            restart = deeper.restart if deeper is not None else None
            if restart == 0:
                continue
            after = restart if restart is not None and restart <= k else k
            if ilvl < after:
                vals[k] = None
        return self._label(num_id, ilvl, level, vals)

    def _label(self, num_id: int, ilvl: int, level: _Level, vals: list[int | None]) -> str | None:
        if level.fmt == "none" or not level.text:
            return None
        if level.fmt == "bullet":
            return _bullet(level.text)

        def sub(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lv = self.numbering.level(num_id, k) if k != ilvl else level
            if lv is None:
                return ""
            value = vals[k] if vals[k] is not None else lv.start
            fmt = "decimal" if level.legal and lv.fmt not in ("none", "bullet") else lv.fmt
            return format_number(value, fmt)

        label = re.sub(r"%([1-9])", sub, level.text).strip()
        return label or None


_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf076": "❖", "\uf0fc": "✓",
            "\uf0a8": "□", "\uf06e": "■", "\uf0e8": "➔", "o": "◦", "-": "–", "": "•"}


def _bullet(text: str) -> str:
    text = text.strip()
    if text in _BULLETS:
        return _BULLETS[text]
    if any("\ue000" <= ch <= "\uf8ff" for ch in text):  # symbol-font private-use glyphs
        return "•"
    return text


