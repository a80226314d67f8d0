"""Build real PDFs for tests with reportlab: positioned lines, running headers/footers, images."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas


def make_pdf(pages: list[list[str]], *, header: str | None = None, footer: str | None = "Page {n} of {total}",
             initials: bool = False, password: str | None = None, image_only: bool = False,
             table: list[list[str]] | None = None, scanned: tuple[int, ...] = (),
             logos: tuple[int, ...] = ()) -> bytes:
    """Each page is a list of lines; an empty string leaves a paragraph gap. Pages numbered in `scanned`
    (1-based) are page images only: the page as it would be typed, rendered at 200 dpi and drawn over the
    whole page, with no text layer (a scanned page among typed ones). Pages in `logos` get a small image in
    their top right corner."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, encrypt=password)
    width, height = letter
    for n, lines in enumerate(pages, start=1):
        if n in logos:
            from PIL import Image
            from reportlab.lib.utils import ImageReader

            c.drawImage(ImageReader(Image.new("RGB", (120, 60), "navy")), width - 172, height - 80, 100, 50)
        if n in scanned:
            import pypdfium2 as pdfium
            from reportlab.lib.utils import ImageReader

            one = pdfium.PdfDocument(make_pdf([lines], header=header, footer=footer and footer.replace(
                "{n}", str(n)).replace("{total}", str(len(pages)))))
            image = one[0].render(scale=200 / 72).to_pil().convert("L")
            one.close()
            c.drawImage(ImageReader(image), 0, 0, width, height)
        elif image_only:
            from PIL import Image
            from reportlab.lib.utils import ImageReader

            img = Image.new("RGB", (400, 500), "white")
            c.drawImage(ImageReader(img), 72, 150, 400, 500)
        else:
            c.setFont("Helvetica", 9)
            if header:
                c.drawString(72, height - 40, header)
            if footer:
                c.drawCentredString(width / 2, 30, footer.format(n=n, total=len(pages)))
            if initials:
                c.drawString(400, 45, "Initials: ______ ______")
            c.setFont("Helvetica", 11)
            y = height - 90
            for line in lines:
                if line:
                    c.drawString(72, y, line)
                    y -= 14
                else:
                    y -= 14  # a blank line: paragraph gap
            if table and n == len(pages):
                y -= 20
                for row in table:
                    for i, cell in enumerate(row):
                        c.rect(72 + i * 180, y - 4, 180, 18)
                        c.drawString(76 + i * 180, y, cell)
                    y -= 18
        c.showPage()
    c.save()
    return buf.getvalue()


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF written object by object, with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
