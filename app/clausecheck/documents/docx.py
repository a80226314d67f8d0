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

from __future__ import annotations

import io
import posixpath
import re
import threading
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from .errors import InputError
from .limits import Limits
from .model import Document, DocumentBuilder

# ---------------------------------------------------------------------------------------------
# Safety: zip bombs and XML entity declarations

#: Members smaller than this are not judged by their compression ratio (small XML parts of
#: repetitive markup legitimately compress very well).
RATIO_FLOOR_BYTES = 1024 * 1024
#: No genuine Word document has this many parts.
MAX_MEMBERS = 10_000
_CHUNK = 1024 * 1024

_local = threading.local()


def _xml_parser() -> etree.XMLParser:
    """A hardened lxml parser, one per thread (lxml parsers must not be shared across threads)."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
            dtd_validation=False,
            remove_comments=True,
            remove_pis=True,
            collect_ids=False,
        )
    return parser


_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")


class _EntityDeclaration(Exception):
    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.part = part


class _BadPart(Exception):
    """A part that cannot be used: fatal for the main document, noted and skipped otherwise."""

    what = "is unusable"

    def __init__(self, part: str, detail: str) -> None:
        super().__init__(part, detail)
        self.part = part
        self.detail = detail

    def describe(self) -> str:
        return f"{self.part} {self.what}: {self.detail}"


class _NotWellFormed(_BadPart):
    what = "is not well-formed XML"


class _Damaged(_BadPart):
    what = "is damaged"


def _has_dtd(raw: bytes) -> bool:
    head = raw[:4]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        for enc in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError:
                continue
            if "<!DOCTYPE" in text or "<!ENTITY" in text:
                return True
    return any(marker in raw for marker in _DTD_MARKERS)


def _parse_xml(part: str, raw: bytes) -> etree._Element:
    """Parse one XML part safely; refuse any DTD."""
    if _has_dtd(raw):
        raise _EntityDeclaration(part)
    try:
        root = etree.fromstring(raw, _xml_parser())
    except etree.XMLSyntaxError as exc:
        msg = re.sub(r"\s*\(<string>, line \d+\)\s*$", "", str(exc).splitlines()[0] if str(exc) else "")
        raise _NotWellFormed(part, msg or "syntax error") from exc
    except ValueError as exc:  # e.g. an encoding declaration lxml cannot honour
        raise _NotWellFormed(part, str(exc)) from exc
    if root is None:
        raise _NotWellFormed(part, "empty")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise _EntityDeclaration(part)
    return root


def _mb(n: float) -> str:
    return f"{n / 1048576:.0f} MB" if n >= 10 * 1048576 else f"{n / 1048576:.1f} MB"


def _bomb(name: str, detail: str) -> InputError:
    return InputError(name, f"looks like a zip bomb ({detail}); refused")


class _Package:
    """The zip archive, checked for bombs up front; parts are read with a byte budget."""

    def __init__(self, data: bytes, name: str, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError,
                NotImplementedError) as exc:
            raise InputError(name, f"is not a readable DOCX file (damaged ZIP archive: {exc})") from exc
        if len(infos) > MAX_MEMBERS:
            raise _bomb(name, f"{len(infos)} parts in one archive")
        total = 0
        for info in infos:
            size, packed = info.file_size, max(info.compress_size, 1)
            if size > limits.max_unzipped_bytes:
                raise _bomb(name, f"{info.filename} would expand to {_mb(size)}, over the "
                                  f"{_mb(limits.max_unzipped_bytes)} limit")
            if size > RATIO_FLOOR_BYTES and size / packed > limits.max_zip_ratio:
                raise _bomb(name, f"{info.filename} would expand {size / packed:,.0f} times, to "
                                  f"{_mb(size)}")
            total += size
        if total > limits.max_unzipped_bytes:
            raise _bomb(name, f"its parts would expand to {_mb(total)}, over the "
                              f"{_mb(limits.max_unzipped_bytes)} limit")
        if total > RATIO_FLOOR_BYTES and total / max(len(data), 1) > limits.max_zip_ratio:
            raise _bomb(name, f"the archive would expand {total / max(len(data), 1):,.0f} times")
        self.infos = {info.filename: info for info in infos if not info.is_dir()}
        self.budget = limits.max_unzipped_bytes
        self._raw: dict[str, bytes] = {}

    def has(self, part: str) -> bool:
        return part in self.infos

    def raw(self, part: str) -> bytes:
        if part in self._raw:
            return self._raw[part]
        info = self.infos[part]
        chunks: list[bytes] = []
        got = 0
        try:
            with self.zf.open(info) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    got += len(chunk)
                    self.budget -= len(chunk)
                    if got > info.file_size or self.budget < 0:
                        raise _bomb(self.name, f"{part} expands beyond its declared size or the "
                                               f"{_mb(self.limits.max_unzipped_bytes)} limit")
                    if got > RATIO_FLOOR_BYTES and got / max(info.compress_size, 1) > self.limits.max_zip_ratio:
                        raise _bomb(self.name, f"{part} expands more than "
                                               f"{self.limits.max_zip_ratio:g} times")
                    chunks.append(chunk)
        except InputError:
            raise
        # bad CRC or deflate data, an encrypted member (RuntimeError), an unknown compression
        # method (NotImplementedError)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError,
                NotImplementedError) as exc:
            raise _Damaged(part, str(exc) or type(exc).__name__) from exc
        data = b"".join(chunks)
        self._raw[part] = data
        return data

    def xml(self, part: str) -> etree._Element:
        return _parse_xml(part, self.raw(part))

    def check_all_xml(self) -> None:
        """Refuse DTDs in every XML part, read or not (downstream tools may open them)."""
        for part in self.infos:
            if not part.lower().endswith((".xml", ".rels", ".vml")):
                continue
            try:
                raw = self.raw(part)
            except _Damaged:
                continue  # unreadable here and for any other tool; fatal only if we need it
            if _has_dtd(raw):
                raise _EntityDeclaration(part)

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """rId -> (type, target part) for the internal relationships of `part`."""
        folder, base = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_part):
            return {}
        try:
            root = self.xml(rels_part)
        except _BadPart:
            return {}
        out: dict[str, tuple[str, str]] = {}
        for rel in root:
            if not isinstance(rel.tag, str) or not rel.tag.endswith("Relationship"):
                continue
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            if target.startswith("/"):
                target = target.lstrip("/")
            else:
                target = posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id") or ""] = (rel.get("Type") or "", target)
        return out


# ---------------------------------------------------------------------------------------------
# Tags

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_MATH_NS = ("http://schemas.openxmlformats.org/officeDocument/2006/math",
            "http://purl.oclc.org/ooxml/officeDocument/math")
_W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class _Tags:
    """Clark-notation tag names for one WordprocessingML namespace (transitional or strict)."""

    def __init__(self, ns: str) -> None:
        self.ns = ns
        for local in ("p", "pPr", "pStyle", "numPr", "numId", "ilvl", "outlineLvl", "rPr", "r", "t",
                      "tab", "ptab", "br", "cr", "noBreakHyphen", "softHyphen", "delText", "instrText",
                      "delInstrText", "ins", "moveTo", "moveFrom", "hyperlink", "smartTag", "customXml",
                      "fldSimple", "sdt", "sdtContent", "bdo", "dir", "tbl", "tr", "tc", "trPr", "tcPr",
                      "vMerge", "hMerge", "cellDel", "drawing", "pict", "object", "txbxContent",
                      "footnoteReference", "endnoteReference", "footnote", "endnote", "vanish",
                      "specVanish", "ruby", "rubyBase", "sym", "body", "style", "name", "basedOn",
                      "abstractNum", "abstractNumId", "num", "lvl", "start", "numFmt", "lvlText",
                      "lvlRestart", "isLgl", "lvlOverride", "startOverride", "numStyleLink",
                      "styleLink", "headerReference", "footerReference", "altChunk", "rPrChange",
                      "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange",
                      "tblGridChange", "numberingChange", "footnotes", "endnotes"):
            setattr(self, local, f"{{{ns}}}{local}")
        self.del_ = f"{{{ns}}}del"  # `del` is a Python keyword
        self.val = f"{{{ns}}}val"
        self.type = f"{{{ns}}}type"
        self.id = f"{{{ns}}}id"
        self.style_id = f"{{{ns}}}styleId"
        self.default = f"{{{ns}}}default"
        self.ilvl_attr = f"{{{ns}}}ilvl"
        self.abstract_id_attr = f"{{{ns}}}abstractNumId"
        self.num_id_attr = f"{{{ns}}}numId"
        self.custom_mark = f"{{{ns}}}customMarkFollows"
        self.char = f"{{{ns}}}char"
        self.alt = f"{{{_MC}}}AlternateContent"
        self.choice = f"{{{_MC}}}Choice"
        self.fallback = f"{{{_MC}}}Fallback"
        self.math = {f"{{{m}}}oMath" for m in _MATH_NS} | {f"{{{m}}}oMathPara" for m in _MATH_NS}
        self.math_t = {f"{{{m}}}t" for m in _MATH_NS}
        self.format_changes = {self.rPrChange, self.pPrChange, self.sectPrChange,
                               self.tblPrChange, self.trPrChange, self.tcPrChange,
                               self.tblGridChange, self.numberingChange}


def _ns_of(el: etree._Element) -> str:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _alt_branch(alt: etree._Element, tg: _Tags) -> etree._Element | None:
    """One branch of mc:AlternateContent: the first Choice, else the Fallback (never both)."""
    branch = alt.find(tg.choice)
    if branch is None:
        branch = alt.find(tg.fallback)
    return branch


def _int(value: str | None, default: int | None = None) -> int | None:
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        try:
            return int(float(value))
        except ValueError:
            return default


def _on(el: etree._Element | None, tg: _Tags) -> bool:
    """A toggle property (w:vanish, w:isLgl) that is present and not switched off."""
    return el is not None and el.get(tg.val, "true").lower() not in ("0", "false", "off")


# ---------------------------------------------------------------------------------------------
# Styles

@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    num_id: int | None = None
    ilvl: int | None = None
    outline: int | None = None


_HEADING_NAME = re.compile(r"^heading\s*([1-9])$")


class _Styles:
    def __init__(self, root: etree._Element | None, tg: _Tags) -> None:
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
                    s.num_id = _int(n.get(tg.val)) if n is not None else None
                    s.ilvl = _int(i.get(tg.val)) if i is not None else None
                ol = ppr.find(tg.outlineLvl)
                if ol is not None:
                    s.outline = _int(ol.get(tg.val))
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


# ---------------------------------------------------------------------------------------------
# Numbering

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


def _read_level(lvl: etree._Element, tg: _Tags) -> _Level:
    level = _Level()
    start = lvl.find(tg.start)
    if start is not None:
        level.start = _int(start.get(tg.val), 1) or 0
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
        level.restart = _int(restart.get(tg.val))
    level.legal = _on(lvl.find(tg.isLgl), tg)
    pstyle = lvl.find(tg.pStyle)
    if pstyle is not None:
        level.pstyle = pstyle.get(tg.val)
    return level


class _Numbering:
    """The list definitions of word/numbering.xml."""

    def __init__(self, root: etree._Element | None, tg: _Tags, styles: _Styles) -> None:
        self.abstracts: dict[int, _Abstract] = {}
        self.nums: dict[int, _Num] = {}
        self.styles = styles
        self._resolved: dict[int, int | None] = {}
        if root is None:
            return
        for ab in root.iter(tg.abstractNum):
            aid = _int(ab.get(tg.abstract_id_attr))
            if aid is None:
                continue
            a = _Abstract()
            for lvl in ab.findall(tg.lvl):
                ilvl = _int(lvl.get(tg.ilvl_attr))
                if ilvl is not None and 0 <= ilvl <= 8:
                    a.levels[ilvl] = _read_level(lvl, tg)
            link = ab.find(tg.numStyleLink)
            if link is not None:
                a.num_style_link = link.get(tg.val)
            self.abstracts[aid] = a
        for num in root.iter(tg.num):
            nid = _int(num.get(tg.num_id_attr))
            if nid is None:
                continue
            ref = num.find(tg.abstractNumId)
            n = _Num(_int(ref.get(tg.val)) if ref is not None else None)
            for ov in num.findall(tg.lvlOverride):
                ilvl = _int(ov.get(tg.ilvl_attr))
                if ilvl is None or not 0 <= ilvl <= 8:
                    continue
                so = ov.find(tg.startOverride)
                if so is not None:
                    n.start_overrides[ilvl] = _int(so.get(tg.val), 1) or 0
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


class _Counters:
    """Running list counters, shared by every list instance of one abstract definition (as Word
    does); a startOverride restarts the shared counter the first time its instance is used."""

    def __init__(self, numbering: _Numbering) -> None:
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
            return _format_number(value, fmt)

        label = re.sub(r"%([1-9])", sub, level.text).strip()
        return label or None


_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf076": "❖", "\uf0fc": "✓",
            "\uf0a8": "□", "\uf06e": "■", "\uf0e8": "➔", "o": "◦", "-": "–", "": "•"}


# w:sym characters worth keeping (symbol-font code points): check boxes and bullets
_SYMBOLS = {"F0A8": "☐", "F06F": "☐", "F0FE": "☑", "F0FD": "☒", "F078": "☒", "F0FC": "✓",
            "F0B7": "•", "F0A7": "▪"}


def _bullet(text: str) -> str:
    text = text.strip()
    if text in _BULLETS:
        return _BULLETS[text]
    if any("\ue000" <= ch <= "\uf8ff" for ch in text):  # symbol-font private-use glyphs
        return "•"
    return text


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORD_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth",
              "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    if n <= 0:
        return str(n)
    # Word repeats the letter: a..z, aa..zz, aaa..
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _words(n: int) -> str:
    if n < 0 or n >= 1000:
        return str(n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    rest = n % 100
    return _ONES[n // 100] + " hundred" + (" " + _words(rest) if rest else "")


def _ordinal_words(n: int) -> str:
    w = _words(n)
    if w == str(n):
        return w
    head, sep, last = w.rpartition("-") if "-" in w.split(" ")[-1] else w.rpartition(" ")
    if last in _ORD_WORDS:
        last = _ORD_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("decimal", "decimalHalfWidth", "decimalFullWidth", "decimalFullWidth2"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}" if 0 <= n < 10 else str(n)
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    if fmt == "cardinalText":
        return _words(n).capitalize()
    if fmt == "ordinalText":
        return _ordinal_words(n).capitalize()
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "chicago" and n > 0:
        return "*†‡§"[(n - 1) % 4] * ((n - 1) // 4 + 1)
    if fmt == "none":
        return ""
    return str(n)


# ---------------------------------------------------------------------------------------------
# The walker: block-level content in reading order

Emit = Callable[[str, str, "str | None", int], None]

_NEWLINES = re.compile(r"[ \t\u00a0]*\n[\s]*")
_SPACES_AT_ENDS = re.compile(r"^[ \t]+|[ \t]+$")


def _clean(text: str) -> str:
    if "\u00ad" in text:
        text = text.replace("\u00ad", "")
    if "\t" in text:
        text = text.replace("\t", " ")
    if "\n" in text:
        text = _NEWLINES.sub("\n", text)
    return text.strip()


@dataclass
class _Stats:
    insertions: int = 0
    deletions: int = 0
    formatting: int = 0
    hidden_runs: int = 0


class _Walker:
    def __init__(self, tg: _Tags, styles: _Styles, numbering: _Numbering, stats: _Stats,
                 note_refs: list[tuple[str, str, str | None]] | None = None) -> None:
        self.tg = tg
        self.styles = styles
        self.numbering = numbering
        self.counters = _Counters(numbering)
        self.stats = stats
        # (kind "footnote"|"endnote", id, custom mark or None) in reading order
        self.note_refs = note_refs
        self.note_labels: dict[tuple[str, str], str] = {}
        self._note_count = {"footnote": 0, "endnote": 0}

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
                branch = _alt_branch(child, tg)
                if branch is not None:
                    self.blocks(branch, emit)
        if carry:
            emit(_clean(carry), "paragraph", None, 0)

    def paragraph(self, p: etree._Element, emit: Emit, carry: str) -> str:
        tg = self.tg
        out: list[str] = []
        boxes: list[etree._Element] = []
        ppr = p.find(tg.pPr)
        mark_deleted = mark_inserted = False
        if ppr is not None:
            mark_rpr = ppr.find(tg.rPr)
            if mark_rpr is not None:
                mark_deleted = mark_rpr.find(tg.del_) is not None or mark_rpr.find(tg.moveFrom) is not None
                mark_inserted = mark_rpr.find(tg.ins) is not None or mark_rpr.find(tg.moveTo) is not None
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
        style = None
        num_id = ilvl = None
        outline = None
        if ppr is not None:
            ps = ppr.find(tg.pStyle)
            if ps is not None:
                style = ps.get(tg.val)
            numpr = ppr.find(tg.numPr)
            if numpr is not None:
                n = numpr.find(tg.numId)
                i = numpr.find(tg.ilvl)
                num_id = _int(n.get(tg.val)) if n is not None else None
                ilvl = _int(i.get(tg.val)) if i is not None else None
            ol = ppr.find(tg.outlineLvl)
            if ol is not None:
                outline = _int(ol.get(tg.val))
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
            kind, level = "heading", (ilvl if label and ilvl is not None else outline)
        elif label:
            kind, level = "list_item", ilvl or 0
        else:
            kind, level = "paragraph", 0
        if text:
            emit(f"{label} {text}" if label else text, kind, label, level)
        self._boxes(boxes, emit)
        return ""

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
                branch = _alt_branch(child, tg)
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
                branch = _alt_branch(child, tg)
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
            elif tag == tg.rPr:
                if _on(child.find(tg.vanish), tg) and not _on(child.find(tg.specVanish), tg):
                    self.stats.hidden_runs += 1
                    return
            elif tag == tg.sym:
                char = _SYMBOLS.get((child.get(tg.char) or "").upper())
                if char:
                    out.append(char)
            elif tag in (tg.tab, tg.ptab):
                out.append(" ")
            elif tag in (tg.br, tg.cr):
                out.append("\n")
            elif tag == tg.noBreakHyphen:
                out.append("-")
            elif tag in (tg.footnoteReference, tg.endnoteReference):
                kind = "footnote" if tag == tg.footnoteReference else "endnote"
                nid = child.get(tg.id) or ""
                if child.get(tg.custom_mark, "").lower() in ("1", "true", "on"):
                    pending_mark = (kind, nid)
                else:
                    label = self._note_label(kind, nid, None)
                    out.append(f"[{label}]")
            elif tag in (tg.drawing, tg.pict, tg.object):
                self._find_boxes(child, boxes)
            elif tag == tg.alt:
                branch = _alt_branch(child, tg)
                if branch is not None:
                    self._find_boxes(branch, boxes)
            elif tag == tg.ruby:
                base = child.find(tg.rubyBase)
                if base is not None:
                    self.inline(base, out, boxes)
        if pending_mark is not None:
            self._note_label(pending_mark[0], pending_mark[1], "".join(mark_text).strip() or "*")

    def _note_label(self, kind: str, nid: str, custom: str | None) -> str:
        key = (kind, nid)
        if key in self.note_labels:
            return self.note_labels[key]
        if custom is not None:
            label = custom
        else:
            self._note_count[kind] += 1
            n = self._note_count[kind]
            label = str(n) if kind == "footnote" else _roman(n)
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
                branch = _alt_branch(child, tg)
                if branch is not None:
                    self._find_boxes(branch, boxes)
            elif isinstance(tag, str):
                self._find_boxes(child, boxes)


# ---------------------------------------------------------------------------------------------
# Entry point

_REL_SUFFIX = {
    "header": "/header", "footer": "/footer", "footnotes": "/footnotes",
    "endnotes": "/endnotes", "numbering": "/numbering", "styles": "/styles",
}


def parse_docx(data: bytes, name: str, sha256: str, *, limits: Limits) -> Document:
    try:
        return _parse(data, name, sha256, limits)
    except InputError:
        raise
    except _EntityDeclaration as exc:
        raise InputError(name, f"carries XML entity declarations (a DOCTYPE/ENTITY in {exc.part}: "
                               "a possible entity bomb or external entities) and is refused") from exc
    except _BadPart as exc:
        raise InputError(name, f"is not a readable DOCX file ({exc.describe()})") from exc
    except MemoryError as exc:
        raise InputError(name, "is too large or complex to read as a DOCX file (out of memory)") from exc
    except RecursionError as exc:
        raise InputError(name, "is not a readable DOCX file (its XML is nested too deeply)") from exc
    except Exception as exc:  # a user's file must never cause a traceback
        raise InputError(name, f"is not a readable DOCX file ({type(exc).__name__}: {exc})") from exc


def _package_rels(pkg: _Package) -> dict[str, tuple[str, str]]:
    # the package-level relationships live in _rels/.rels (the "source part" is the root)
    if not pkg.has("_rels/.rels"):
        return {}
    try:
        root = pkg.xml("_rels/.rels")
    except _BadPart:
        return {}
    out = {}
    for rel in root:
        if isinstance(rel.tag, str) and rel.tag.endswith("Relationship") \
                and rel.get("TargetMode") != "External":
            out[rel.get("Id") or ""] = (rel.get("Type") or "", (rel.get("Target") or "").lstrip("/"))
    return out


def _parse(data: bytes, name: str, sha256: str, limits: Limits) -> Document:
    pkg = _Package(data, name, limits)
    pkg.check_all_xml()

    main = "word/document.xml"
    for rel_type, target in _package_rels(pkg).values():
        if rel_type.endswith("/officeDocument") and pkg.has(target):
            main = target
            break
    if not pkg.has(main):
        raise InputError(name, "is not a readable DOCX file (no word/document.xml inside)")
    root = pkg.xml(main)
    tg = _Tags(_ns_of(root) or _W_TRANSITIONAL)
    body = root.find(tg.body)
    if body is None:
        raise InputError(name, f"is not a readable DOCX file ({main} has no document body)")

    notes: list[str] = []
    rels = pkg.rels(main)

    def optional_part(kind: str) -> etree._Element | None:
        for rel_type, target in rels.values():
            if rel_type.endswith(_REL_SUFFIX[kind]) and pkg.has(target):
                try:
                    return pkg.xml(target)
                except _BadPart as exc:
                    notes.append(f"{exc.describe()}; it was left out")
                    return None
        return None

    styles = _Styles(optional_part("styles"), tg)
    numbering = _Numbering(optional_part("numbering"), tg, styles)
    stats = _Stats()
    note_refs: list[tuple[str, str, str]] = []
    walker = _Walker(tg, styles, numbering, stats, note_refs)

    builder = DocumentBuilder()

    def emit(text: str, kind: str, label: str | None, level: int) -> None:
        builder.add(text, kind=kind, label=label, level=level)

    walker.blocks(body, emit)
    stats.formatting = sum(1 for _ in body.iter(*tg.format_changes))
    if body.find(f".//{tg.altChunk}") is not None:
        notes.append("embedded alternative-format content (altChunk) was left out")

    # headers and footers, in the order the sections reference them
    headers: list[str] = []
    footers: list[str] = []
    seen_parts: set[str] = set()
    for ref in root.iter(tg.headerReference, tg.footerReference):
        rid = next((v for k, v in ref.attrib.items() if k.endswith("}id")), None)
        if rid is None or rid not in rels:
            continue
        target = rels[rid][1]
        if target in seen_parts or not pkg.has(target):
            continue
        seen_parts.add(target)
        try:
            part_root = pkg.xml(target)
        except _BadPart as exc:
            notes.append(f"{exc.describe()}; it was left out")
            continue
        text = _part_text(part_root, tg, styles, numbering, stats)
        dest = headers if ref.tag == tg.headerReference else footers
        if text and text not in dest:
            dest.append(text)

    # footnotes and endnotes: in reference order, then any never referenced
    footnotes: list[str] = []
    for kind, part_kind, item_tag in (("footnote", "footnotes", tg.footnote),
                                      ("endnote", "endnotes", tg.endnote)):
        part_root = optional_part(part_kind)
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
                order.append((nid, walker._note_label(kind, nid, None)))
        for nid, label in order:
            text = _part_text(items[nid], tg, styles, numbering, stats)
            if text:
                entry = f"[{label}] {text}"
                footnotes.append(entry)
                builder.add(entry, kind="paragraph")

    if not builder.blocks:
        extra = " in its body (only headers/footers)" if headers or footers else ""
        raise InputError(name, f"holds no text{extra}")

    if stats.insertions or stats.deletions or stats.formatting:
        note = (f"tracked changes accepted: {stats.insertions} insertion"
                f"{'s' if stats.insertions != 1 else ''}, {stats.deletions} deletion"
                f"{'s' if stats.deletions != 1 else ''}")
        if stats.formatting:
            note += f" and {stats.formatting} formatting change{'s' if stats.formatting != 1 else ''}"
        notes.insert(0, note + " (the text reads as if all changes were accepted)")
    if stats.hidden_runs:
        notes.append(f"hidden text left out ({stats.hidden_runs} hidden run"
                     f"{'s' if stats.hidden_runs != 1 else ''})")

    doc = builder.build(name=name, sha256=sha256, format="docx", parser="python-docx", pages=None)
    doc.headers = headers
    doc.footers = footers
    doc.footnotes = footnotes
    doc.notes = notes
    return doc


def _part_text(container: etree._Element, tg: _Tags, styles: _Styles, numbering: _Numbering,
               stats: _Stats) -> str:
    """The text of a header, footer or note: its blocks joined by newlines (own list counters)."""
    lines: list[str] = []
    walker = _Walker(tg, styles, numbering, stats)
    walker.blocks(container, lambda text, kind, label, level: lines.append(text))
    return "\n".join(t for t in lines if t).strip()
