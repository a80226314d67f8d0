"""Render the sample contracts (src/*.md and holdout/src/*.md) to PDF (reportlab) and DOCX (python-docx).

    python sample_contracts/build.py            # every contract
    python sample_contracts/build.py NAME ...   # only these (stem names)

The sources use a small subset of Markdown: "# " title lines, "## " headings, blank-line separated
paragraphs (each source line inside a paragraph stays its own line), and **bold** spans. Output is
deterministic (fixed dates and ids) so regenerating does not churn the committed files.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = [(HERE / "src", HERE), (HERE / "holdout" / "src", HERE / "holdout")]
FIXED_DATE = dt.datetime(2025, 6, 1, 12, 0, 0)
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def blocks(source: str) -> list[tuple[str, list[str]]]:
    """[(kind, lines)] with kind title | heading | para."""
    out: list[tuple[str, list[str]]] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            out.append(("para", para.copy()))
            para.clear()

    for raw in source.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
        elif line.startswith("# "):
            flush()
            out.append(("title", [line[2:].strip()]))
        elif line.startswith("## "):
            flush()
            out.append(("heading", [line[3:].strip()]))
        else:
            para.append(line.strip())
    flush()
    return out


def build_pdf(name: str, parts: list[tuple[str, list[str]]], out: Path) -> None:
    from reportlab import rl_config
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import inch
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    rl_config.invariant = 1  # no timestamps or random ids: reproducible bytes
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontName="Times-Roman", fontSize=11, leading=14.5,
                          spaceAfter=7)
    title = ParagraphStyle("title", parent=styles["Title"], fontName="Times-Bold", fontSize=14, leading=18,
                           alignment=TA_CENTER, spaceAfter=6)
    heading = ParagraphStyle("heading", parent=styles["Heading2"], fontName="Times-Bold", fontSize=12,
                             leading=15, spaceBefore=8, spaceAfter=5)
    story = []
    for kind, lines in parts:
        text = "<br/>".join(_BOLD.sub(r"<b>\1</b>", html.escape(line, quote=False)) for line in lines)
        style = {"title": title, "heading": heading}.get(kind, body)
        story.append(Paragraph(text, style))
        if kind == "title":
            story.append(Spacer(1, 4))

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawCentredString(letter[0] / 2, 0.5 * inch, f"Page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(out), pagesize=letter, leftMargin=inch, rightMargin=inch, topMargin=inch,
                            bottomMargin=inch, title=name, author="clausecheck sample", creator="clausecheck",
                            producer="clausecheck")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def build_docx(name: str, parts: list[tuple[str, list[str]]], out: Path) -> None:
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.core_properties.title = name
    d.core_properties.author = "clausecheck sample"
    d.core_properties.created = FIXED_DATE
    d.core_properties.modified = FIXED_DATE
    d.core_properties.last_modified_by = "clausecheck"
    d.core_properties.revision = 1
    d.styles["Normal"].font.name = "Times New Roman"
    d.styles["Normal"].font.size = Pt(11)
    for kind, lines in parts:
        if kind == "title":
            d.add_heading(lines[0].replace("**", ""), level=1)
            continue
        if kind == "heading":
            d.add_heading(lines[0].replace("**", ""), level=2)
            continue
        p = d.add_paragraph()
        for i, line in enumerate(lines):
            pos = 0
            for m in _BOLD.finditer(line):
                if m.start() > pos:
                    p.add_run(line[pos:m.start()])
                p.add_run(m.group(1)).bold = True
                pos = m.end()
            if pos < len(line):
                p.add_run(line[pos:])
            if i < len(lines) - 1:
                p.add_run().add_break()
    d.save(str(out))
    _fix_zip_dates(out)


def _fix_zip_dates(path: Path) -> None:
    """Rewrite the DOCX zip with fixed member timestamps so its bytes do not depend on the clock."""
    import io
    import zipfile

    src = zipfile.ZipFile(path)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, data)
    src.close()
    path.write_bytes(buf.getvalue())


def main(argv: list[str]) -> int:
    wanted = set(argv)
    n = 0
    for src_dir, out_dir in SOURCES:
        for src in sorted(src_dir.glob("*.md")):
            if wanted and src.stem not in wanted:
                continue
            parts = blocks(src.read_text(encoding="utf-8"))
            build_pdf(src.stem, parts, out_dir / f"{src.stem}.pdf")
            build_docx(src.stem, parts, out_dir / f"{src.stem}.docx")
            n += 1
            print(f"built {out_dir.relative_to(HERE.parent)}/{src.stem}.pdf and .docx")
    if not n:
        print("nothing to build", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
