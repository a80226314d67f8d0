"""The `clausecheck` command."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .documents import InputError, Limits, parse_file

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="clausecheck: find, tag and check the clauses of a contract, on your own machine.",
    pretty_exceptions_enable=False,
)


class ParseFormat(str, Enum):
    json = "json"
    text = "text"


class PdfEngine(str, Enum):
    auto = "auto"
    pypdfium2 = "pypdfium2"
    pdfplumber = "pdfplumber"


FileArg = Annotated[Path, typer.Argument(help="A contract: PDF, DOCX or plain text.", show_default=False)]
EngineOpt = Annotated[PdfEngine, typer.Option("--pdf-engine", help="PDF text engine: auto = pypdfium2, "
                                              "with pdfplumber for pages it reads badly; pdfplumber = layout "
                                              "engine with tables.")]
MaxMbOpt = Annotated[Optional[float], typer.Option("--max-size-mb", help="Refuse files larger than this "
                                                   "(default 25, or CLAUSECHECK_MAX_MB).")]
MaxPagesOpt = Annotated[Optional[int], typer.Option("--max-pages", help="Refuse PDFs with more pages "
                                                    "(default 1000, or CLAUSECHECK_MAX_PAGES).")]


def fail(message: str) -> None:
    typer.echo(f"clausecheck: {message}", err=True)
    raise typer.Exit(2)


def _load(file: Path, engine: PdfEngine, max_mb: float | None, max_pages: int | None):
    try:
        limits = Limits.from_env(max_mb, max_pages)
    except ValueError as exc:
        fail(f"bad limit setting ({exc})")
    return parse_file(file, pdf_engine=engine.value, limits=limits)


@app.command()
def parse(
    file: FileArg,
    format: Annotated[ParseFormat, typer.Option("--format", "-f")] = ParseFormat.text,
    pdf_engine: EngineOpt = PdfEngine.auto,
    max_size_mb: MaxMbOpt = None,
    max_pages: MaxPagesOpt = None,
) -> None:
    """Read FILE and print its metadata and clauses."""
    from .segmentation import segment

    doc = _load(file, pdf_engine, max_size_mb, max_pages)
    clauses = segment(doc)
    if format == ParseFormat.json:
        out = {
            "document": doc.metadata(),
            "notes": doc.notes,
            "headers": doc.headers,
            "footers": doc.footers,
            "blocks": len(doc.blocks),
            "clauses": [
                {k: v for k, v in c.to_dict().items() if k not in ("labels", "attributes")} for c in clauses
            ],
        }
        typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    meta = doc.metadata()
    typer.echo(f"{meta['name']}  format={meta['format']} parser={meta['parser']} pages={meta['pages']} "
               f"clauses={len(clauses)}")
    typer.echo(f"sha256 {meta['sha256']}")
    for note in doc.notes:
        typer.echo(f"note: {note}")
    section = None
    for c in clauses:
        if c.section != section:
            section = c.section
            if section:
                typer.echo(f"\n== {section}")
        where = f"p{c.page}" if c.page else ""
        typer.echo(f"[{c.id}{' ' + where if where else ''}] {' '.join(c.text.split())}")


@app.command()
def categories(format: Annotated[ParseFormat, typer.Option("--format", "-f")] = ParseFormat.text) -> None:
    """List every clause category clausecheck tags."""
    from .classify.taxonomy import CATEGORIES, as_dicts

    if format == ParseFormat.json:
        typer.echo(json.dumps(as_dicts(), indent=2, ensure_ascii=False))
        return
    for c in CATEGORIES:
        src = f"CUAD: {c.cuad}" if c.cuad else "clausecheck"
        typer.echo(f"{c.id:38} {c.name}  [{src}]")


def main() -> None:
    try:
        app()
    except InputError as exc:
        typer.echo(f"clausecheck: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("clausecheck: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
