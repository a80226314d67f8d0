"""WordprocessingML tag names (transitional or strict namespace) and small attribute readers."""

from __future__ import annotations

from lxml import etree

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_MATH_NS = ("http://schemas.openxmlformats.org/officeDocument/2006/math",
            "http://purl.oclc.org/ooxml/officeDocument/math")
W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class Tags:
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


def ns_of(el: etree._Element) -> str:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def alt_branch(alt: etree._Element, tg: Tags) -> etree._Element | None:
    """One branch of mc:AlternateContent: the first Choice, else the Fallback (never both)."""
    branch = alt.find(tg.choice)
    if branch is None:
        branch = alt.find(tg.fallback)
    return branch


def to_int(value: str | None, default: int | None = None) -> int | None:
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        try:
            return int(float(value))
        except ValueError:
            return default


def is_on(el: etree._Element | None, tg: Tags) -> bool:
    """A toggle property (w:vanish, w:isLgl) that is present and not switched off."""
    return el is not None and el.get(tg.val, "true").lower() not in ("0", "false", "off")

