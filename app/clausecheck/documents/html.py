"""Web pages (a saved terms-of-service or help-centre page): the page's own text, read with lxml.html.

Scripts, styles, forms, navigation, cookie banners, hidden elements and the site's header and footer
are left out; the main content (<main>, role=main, or a page's single <article>) is read when the page
marks it. Headings h1-h6 become heading blocks, list items list items (an ordered list's number as the
browser shows it), paragraphs paragraphs, and each table row one block with its cells separated by tabs.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree
from lxml import html as lxml_html

from .errors import InputError
from .model import DocumentBuilder
from .text import XML_DECL, decode

# never reader-visible contract text (the <title> is the tab's label, <head> holds no body)
DROP_TAGS = ("head", "script", "style", "noscript", "template", "nav", "aside", "form", "button", "select",
             "textarea", "input", "iframe", "object", "embed", "svg", "math", "canvas", "dialog", "video",
             "audio", "map", "menu")
CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
                "menu", "menubar", "toolbar", "form", "tablist"}
# id/class words of site furniture: cookie banners, skip links, breadcrumbs, share bars, pop-ups
CHROME_WORDS = {"cookie", "cookies", "consent", "gdpr", "onetrust", "breadcrumb", "breadcrumbs", "skip",
                "skiplink", "sidebar", "navbar", "nav", "menu", "masthead", "newsletter", "subscribe", "social",
                "share", "sharing", "popup", "modal", "banner", "toolbar", "feedback", "advert", "ads"}
SCREEN_READER_ONLY = {"sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text"}
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
PAGE_PARTS = {"header", "footer"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = HEADINGS | {"p", "div", "section", "article", "main", "header", "footer", "blockquote", "pre",
                     "address", "figure", "figcaption", "dl", "dt", "dd", "ul", "ol", "li", "table", "caption",
                     "thead", "tbody", "tfoot", "tr", "td", "th", "hr", "details", "summary", "fieldset",
                     "legend", "center", "body", "html"}
LISTS = {"ul", "ol"}
SPACES = re.compile(r"[^\S\n]+")
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
OWN_NUMBER = re.compile(r"^\(?(?:\d+(?:\.\d+)*|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)]\s")
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
def page_text(data: bytes, name: str) -> str:
    """The page as text: a BOM, else UTF-8, else the charset its <meta> declares, else Windows-1252."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = CHARSET.search(data[:8192])
    if m:
        try:
            return data.decode(codecs.lookup(m.group(1).decode("ascii")).name, errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")


def _words(el) -> set[str]:
    raw = f"{el.get('id') or ''} {el.get('class') or ''}".lower()
    return {w for token in raw.split() for w in re.split(r"[-_]+", token) if w} | set(raw.split())


def is_chrome(el) -> bool:
    """Site furniture or hidden: a landmark role, a cookie/navigation class or id, hidden by attribute."""
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    if HIDDEN_STYLE.search(el.get("style") or ""):
        return True
    if (el.get("role") or "").lower() in CHROME_ROLES or (el.get("aria-modal") or "").lower() == "true":
        return True
    words = _words(el)
    return bool(words & CHROME_WORDS or words & SCREEN_READER_ONLY)


def _inside(el, tags: set[str]) -> bool:
    return any(a.tag in tags for a in el.iterancestors())


def main_content(root):
    """The page's main content, with its chrome removed."""
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, *DROP_TAGS, with_tail=False)
    for el in [e for e in root.iter() if isinstance(e.tag, str) and e.tag not in ("html", "body")]:
        if el.getparent() is not None and is_chrome(el):
            el.drop_tree()
    marked = root.xpath("//main | //*[@role='main']")
    articles = root.xpath("//article")
    if marked:
        content = max(marked, key=lambda e: len(e.text_content()))
    elif len(articles) == 1:
        content = articles[0]
    else:
        content = root.find("body") if root.find("body") is not None else root
    for el in [e for e in content.iter() if isinstance(e.tag, str) and e is not content]:
        # a page's own header and footer (not an article's or section's) are the site's
        if (el.tag in PAGE_PARTS or _words(el) & PAGE_PARTS) and not _inside(el, {"article", "section", "main"}):
            el.drop_tree()
    return content


def _ol_label(index: int, kind: str | None) -> str:
    if kind in ("a", "A") and 1 <= index <= 26:
        letter = chr(ord("a") + index - 1)
        return f"{letter.upper() if kind == 'A' else letter}."
    if kind in ("i", "I") and 1 <= index < 40:
        numerals = ["x" * (index // 10) + ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"][index % 10]]
        return f"{numerals[0].upper() if kind == 'I' else numerals[0]}."
    return f"{index}."


def _int(value: str | None, default: int) -> int:
    try:
        return int((value or "").strip())
    except ValueError:
        return default


class _Reader:
    """Walks the content once (start/end events, no recursion) and adds blocks to the builder."""

    def __init__(self, builder: DocumentBuilder) -> None:
        self.builder = builder
        self.buf: list[str] = []
        self.context: list = []  # open block elements, innermost last
        self.counters: list[list] = []  # per open list: [next number, type or None for <ul>]
        self.labels: dict = {}  # li element -> its label, until its first text is written
        self.row_depth = 0
        self.pre_depth = 0

    def text(self, value: str | None) -> None:
        if value:
            value = INVISIBLE.sub("", value)
            self.buf.append(value if self.pre_depth else re.sub(r"\s+", " ", value))

    def flush(self) -> None:
        if self.row_depth:
            return
        raw = "".join(self.buf)
        self.buf = []
        lines = [SPACES.sub(" ", line).strip() for line in raw.replace("\r", "").split("\n")]
        text = "\n".join(line for line in lines if line).strip()
        if not text:
            return
        owner = self.context[-1] if self.context else None
        tag = owner.tag if owner is not None else None
        if tag in HEADINGS:
            self.builder.add(text, kind="heading", level=int(tag[1]) - 1)
        elif tag == "li":
            label = self.labels.pop(owner, None)
            if label and not OWN_NUMBER.match(text):
                text = f"{label} {text}"
            level = max(sum(1 for a in owner.iterancestors() if a.tag in LISTS) - 1, 0)
            self.builder.add(text, kind="list_item", label=label, level=level)
        else:
            self.builder.add(text, kind="paragraph")

    def start(self, el) -> None:
        tag = el.tag
        if tag == "br":
            self.buf.append("\n")
        elif tag in ("td", "th") and self.row_depth:
            self.buf.append("\t")
        elif tag == "tr":
            self.flush()
            self.row_depth += 1
        elif tag in BLOCKS:
            self.flush()
        if tag == "pre":
            self.pre_depth += 1
        if tag in LISTS:
            kind = (el.get("type") or "1") if tag == "ol" else None
            self.counters.append([_int(el.get("start"), 1), kind])
        elif tag == "li" and self.counters and self.counters[-1][1] is not None:
            counter = self.counters[-1]
            counter[0] = _int(el.get("value"), counter[0])
            self.labels[el] = _ol_label(counter[0], counter[1])
            counter[0] += 1
        if tag in BLOCKS and not self.row_depth:
            self.context.append(el)
        self.text(el.text)

    def end(self, el) -> None:
        tag = el.tag
        if tag == "tr":
            self.row_depth -= 1
            if not self.row_depth:
                cells = "".join(self.buf).replace("\n", " ").split("\t")
                self.buf = []
                self.builder.add("\t".join(SPACES.sub(" ", c).strip() for c in cells if c.strip()), kind="table_row")
        elif tag in BLOCKS and not self.row_depth:
            self.flush()
            if self.context and self.context[-1] is el:
                self.context.pop()
        if tag == "pre":
            self.pre_depth -= 1
        if tag in LISTS and self.counters:
            self.counters.pop()
        self.labels.pop(el, None)
        self.text(el.tail)

    def read(self, content) -> None:
        for event, el in etree.iterwalk(content, events=("start", "end")):
            if not isinstance(el.tag, str):
                continue
            if event == "start":
                self.start(el)
            elif el is content:
                self.flush()  # the content's own tail is outside it
            else:
                self.end(el)


def parse_html(data: bytes, name: str, sha256: str):
    source = XML_DECL.sub("", page_text(data, name), count=1)
    try:
        root = lxml_html.document_fromstring(source)
        content = main_content(root)
        builder = DocumentBuilder()
        _Reader(builder).read(content)
    except (etree.LxmlError, ValueError) as exc:
        raise InputError(name, f"cannot be read as an HTML page ({str(exc).strip() or type(exc).__name__})") from None
    except RecursionError:
        raise InputError(name, "is an HTML page nested too deeply to read") from None
    if not builder.blocks:
        raise InputError(name, "is an HTML page with no readable text (only markup, scripts or site navigation)")
    return builder.build(name=name, sha256=sha256, format="html", parser="lxml.html", pages=None)
