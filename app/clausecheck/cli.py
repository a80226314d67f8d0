"""The `clausecheck` command."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .documents import InputError, Limits, parse_file
from .perspectives import PERSPECTIVES
from .perspectives import help_text as perspective_help
from .settings import Settings, SettingsError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="clausecheck: find, tag and check the clauses of a contract, on your own machine.",
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: no "<bool>" after every flag
)


class ParseFormat(str, Enum):
    json = "json"
    text = "text"


class PdfEngine(str, Enum):
    auto = "auto"
    pypdfium2 = "pypdfium2"
    pdfplumber = "pdfplumber"


FileArg = Annotated[Path, typer.Argument(metavar="FILE", help="A contract: PDF, DOCX, text or HTML.",
                                         show_default=False)]
EngineOpt = Annotated[PdfEngine, typer.Option("--pdf-engine", help="PDF text engine: auto = pypdfium2, "
                                              "with pdfplumber for pages it reads badly; pdfplumber = layout "
                                              "engine with tables.")]
MaxMbOpt = Annotated[Optional[float], typer.Option("--max-size-mb", help="Refuse files larger than this "
                                                   "(default 25, or CLAUSECHECK_MAX_MB).")]
MaxPagesOpt = Annotated[Optional[int], typer.Option("--max-pages", help="Refuse PDFs with more pages "
                                                    "(default 1000, or CLAUSECHECK_MAX_PAGES).")]
TimeoutOpt = Annotated[Optional[float], typer.Option("--timeout", min=1.0, help="Seconds allowed for the document "
                                                     "(default 120, or CLAUSECHECK_TIMEOUT).")]


def fail(message: str) -> None:
    typer.echo(f"clausecheck: {message}", err=True)
    raise typer.Exit(2)


def _need_training_tools(command: str) -> None:
    """train and evaluate fit scikit-learn models; analysis never needs it, so a plain install lacks it."""
    try:
        import sklearn  # noqa: F401
    except ImportError:
        fail(f"{command} needs scikit-learn, which training alone uses: pip install 'clausecheck[train]'")


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as exc:
        fail(str(exc))


def _limits(settings: Settings, max_mb: float | None, max_pages: int | None) -> Limits:
    """The command line's limits, else the settings' (CLAUSECHECK_MAX_MB, CLAUSECHECK_MAX_PAGES)."""
    return Limits.of(settings.max_mb if max_mb is None else max_mb,
                     settings.max_pages if max_pages is None else max_pages)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"clausecheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                          help="Print the version and exit.")] = None) -> None:
    """clausecheck: find, tag and check the clauses of a contract, on your own machine."""


@app.command()
def parse(
    file: FileArg,
    format: Annotated[ParseFormat, typer.Option("--format", "-f", help="text: the clauses to read; json: the "
                                                "document and its clauses as JSON.")] = ParseFormat.text,
    pdf_engine: EngineOpt = PdfEngine.auto,
    max_size_mb: MaxMbOpt = None,
    max_pages: MaxPagesOpt = None,
    timeout: TimeoutOpt = None,
) -> None:
    """Read FILE and print its metadata and clauses."""
    from .segmentation import segment
    from .timelimit import time_limit

    settings = _settings()
    with time_limit(settings.timeout if timeout is None else timeout, file.name):
        doc = parse_file(file, pdf_engine=pdf_engine.value, limits=_limits(settings, max_size_mb, max_pages))
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
def categories(format: Annotated[ParseFormat, typer.Option("--format", "-f", help="text: one line per category; "
                                                           "json: id, name, description, cuad.")]
               = ParseFormat.text) -> None:
    """List every clause category clausecheck tags."""
    from .classify.taxonomy import CATEGORIES, as_dicts

    if format == ParseFormat.json:
        typer.echo(json.dumps(as_dicts(), indent=2, ensure_ascii=False))
        return
    for c in CATEGORIES:
        src = f"CUAD: {c.cuad}" if c.cuad else "clausecheck"
        typer.echo(f"{c.id:38} {c.name}  [{src}]")


Perspective = Enum("Perspective", {p: p for p in PERSPECTIVES}, type=str)  # names from clausecheck.perspectives
PERSPECTIVE_HELP = "Whose side you are on. " + perspective_help() + "."


class ReportFormat(str, Enum):
    json = "json"
    text = "text"
    html = "html"
    email = "email"


@app.command()
def analyze(
    file: FileArg,
    perspective: Annotated[Perspective, typer.Option("--perspective", "-p", help=PERSPECTIVE_HELP)]
    = Perspective.employee,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="text: a report to read in the terminal; "
                                                 "json: the analysis JSON; html: a standalone printable page; "
                                                 "email: what to ask for, in plain words. Written to standard "
                                                 "output unless --out is given.")]
    = ReportFormat.text,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write the report to this file instead of "
                                                "standard output (e.g. report.html).", show_default=False)]
    = None,
    min_score: Annotated[Optional[float], typer.Option("--min-score", min=0.0, max=1.0,
                                                       help="List every label at or above this score "
                                                            "(default: each category's calibrated threshold).")]
    = None,
    model: Annotated[Optional[Path], typer.Option("--model", help="A model file (default: the shipped model, "
                                                  "or CLAUSECHECK_MODEL).")] = None,
    library: Annotated[Optional[Path], typer.Option("--library", help="Your own clause-library folder, laid over "
                                                    "the built-in one (default: CLAUSECHECK_LIBRARY).")]
    = None,
    pdf_engine: EngineOpt = PdfEngine.auto,
    max_size_mb: MaxMbOpt = None,
    max_pages: MaxPagesOpt = None,
    timeout: TimeoutOpt = None,
) -> None:
    """Analyse FILE: clauses, their categories, and findings from your side of the deal."""
    from .analysis import analyze as run_analysis
    from .classify.model import ModelError
    from .redline.library import LibraryError
    from .timelimit import time_limit

    settings = _settings()
    try:
        with time_limit(settings.timeout if timeout is None else timeout, file.name):
            analysis = run_analysis(file, perspective=perspective.value, min_score=min_score,
                                    model=model or settings.model, library=library or settings.library,
                                    pdf_engine=pdf_engine.value, limits=_limits(settings, max_size_mb, max_pages))
    except (ModelError, LibraryError) as exc:
        fail(str(exc))
    report = _render_report(format, analysis)
    if out is None:
        typer.echo(report, nl=False)
        return
    try:
        out.write_text(report, encoding="utf-8")
    except OSError as exc:
        fail(f"{out}: cannot write ({exc.strerror or exc})")
    typer.echo(f"wrote {out}", err=True)


def _render_report(format: ReportFormat, analysis) -> str:
    """The analysis in the chosen format, ending with a newline."""
    result = analysis.to_dict()
    if format == ReportFormat.json:
        text = json.dumps(result, indent=2, ensure_ascii=False)
    elif format == ReportFormat.email:
        from .report.email import render_email

        text = render_email(result)
    elif format == ReportFormat.html:
        from .report.html import render_html

        text = render_html(result, analysis.text)
    else:
        from .report.text import render_text

        text = render_text(result)
    return text if text.endswith("\n") else text + "\n"


@app.command()
def redline(
    file: FileArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="The Word file to write (.docx).", show_default=False)],
    perspective: Annotated[Perspective, typer.Option("--perspective", "-p", help=PERSPECTIVE_HELP)]
    = Perspective.employee,
    include: Annotated[Optional[str], typer.Option("--include", help="Severities to put in, e.g. high,medium "
                                                   "(default: high,medium,low).")] = None,
    author: Annotated[str, typer.Option("--author", help="The name on the tracked changes and comments.")]
    = "clausecheck",
    model: Annotated[Optional[Path], typer.Option("--model", help="A model file (default: the shipped model, "
                                                  "or CLAUSECHECK_MODEL).")] = None,
    library: Annotated[Optional[Path], typer.Option("--library", help="Your own clause-library folder "
                                                    "(default: CLAUSECHECK_LIBRARY).")] = None,
    pdf_engine: EngineOpt = PdfEngine.auto,
    max_size_mb: MaxMbOpt = None,
    max_pages: MaxPagesOpt = None,
) -> None:
    """Write OUT.docx: FILE with the suggested language as Word tracked changes and a comment per finding.

    A DOCX is changed in place (its styles, numbering, tables, headers, comments and tracked changes
    kept); a PDF or text file becomes a clean DOCX of its text first."""
    from .analysis import analyze_document
    from .classify.model import ModelError
    from .redline.library import LibraryError
    from .report.docx_redline import RedlineError, choose, parse_include, write_redline

    if out.suffix.lower() != ".docx":
        fail(f"{out}: the redline is a Word file; give --out a name ending in .docx")
    try:
        severities = parse_include(include)
    except RedlineError as exc:
        fail(f"--include: {exc}")
    settings = _settings()
    doc = parse_file(file, pdf_engine=pdf_engine.value, limits=_limits(settings, max_size_mb, max_pages))
    try:
        analysis = analyze_document(doc, perspective=perspective.value, model=model or settings.model,
                                    library=library or settings.library)
    except (ModelError, LibraryError) as exc:
        fail(str(exc))
    result = analysis.to_dict()
    original = file.read_bytes() if doc.format == "docx" else None
    blocks = None if original else [(b.kind, doc.text[b.start:b.end], b.level) for b in doc.blocks]
    red = write_redline(result, analysis.text, choose(result["findings"], severities), original=original,
                        blocks=blocks, author=author, name=file.name)
    try:
        out.write_bytes(red.data)
    except OSError as exc:
        fail(f"{out}: cannot write ({exc.strerror or exc})")
    extra = f"; {len(red.comment_only)} suggestions only in comments" if red.comment_only else ""
    typer.echo(f"wrote {out}: {len(red.findings)} findings, {red.changes} tracked changes, "
               f"{red.comments} comments{extra}")


@app.command()
def train(
    cuad: Annotated[Optional[Path], typer.Option("--cuad", help="CUAD v1 folder (master_clauses.csv, pdf/, "
                                                 "txt/); default ../shared/data/cuad")] = None,
    more: Annotated[Optional[Path], typer.Option("--more", help="Folder of the extra labelled sets; "
                                                 "default ../shared/data/more")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Where to write the model.")] = None,
    holdout: Annotated[float, typer.Option("--holdout", min=0.0, max=0.9,
                                           help="Fraction of CUAD contracts to keep out (for evaluate).")]
    = 0.0,
    prefer: Annotated[str, typer.Option("--from", help="Train on clauses parsed from 'pdf' or 'txt'.")] = "pdf",
    jobs: Annotated[int, typer.Option("--jobs", min=1, help="Processes that parse the training contracts.")] = 2,
    project: Annotated[bool, typer.Option("--project/--no-project", help="Also train on the project's own "
                                          "labelled clauses (needs a clone of the repository).")] = True,
) -> None:
    """Rebuild the clause classifier from CUAD plus the project's own labelled clauses."""
    _need_training_tools("clausecheck train")
    from .resources import builtin_model
    from .training.workflow import DEFAULT_CUAD, DEFAULT_MORE, build_and_train

    cuad = cuad or DEFAULT_CUAD
    if not (cuad / "master_clauses.csv").exists():
        fail(f"{cuad}: no master_clauses.csv there; point --cuad at a CUAD v1 folder")
    build_and_train(cuad, more or DEFAULT_MORE, out or builtin_model(), holdout=holdout, prefer=prefer,
                    jobs=jobs, log=typer.echo, project=project)


@app.command()
def evaluate(
    data_dir: Annotated[Path, typer.Argument(help="A CUAD-layout folder of contracts the model never saw.")],
    model: Annotated[Optional[Path], typer.Option("--model", help="The model to measure (default: the shipped "
                                                  "model, or CLAUSECHECK_MODEL).")] = None,
    formats: Annotated[str, typer.Option("--formats", help="pdf, txt or pdf,txt")] = "pdf,txt",
    baseline: Annotated[bool, typer.Option("--baseline/--no-baseline", help="Also train and measure the "
                                           "plain TF-IDF baseline on the same split.")] = False,
    more: Annotated[Optional[Path], typer.Option("--more", help="Folder of the extra labelled sets (for the "
                                                 "baseline); default ../shared/data/more")] = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Write the full report here.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", min=1, help="Processes that parse the contracts.")] = 2,
) -> None:
    """Quality report on held-out contracts: P/R/F1, document F1 and CUAD-style AUPR."""
    _need_training_tools("clausecheck evaluate")
    from .classify.model import ModelError
    from .training.workflow import DEFAULT_MORE, run_evaluate

    if not (data_dir / "master_clauses.csv").exists():
        fail(f"{data_dir}: no master_clauses.csv there; evaluate needs a CUAD-layout folder")
    fmts = [f.strip() for f in formats.split(",") if f.strip()]
    if not fmts or any(f not in ("pdf", "txt") for f in fmts):
        fail(f"--formats must list pdf and/or txt, not {formats!r}")
    try:
        run_evaluate(data_dir, model, fmts, baseline, more or DEFAULT_MORE, jobs=jobs, json_out=json_out,
                     log=typer.echo)
    except ModelError as exc:
        fail(str(exc))


# ---- batch and serve (app/batch, app/service) ---------------------------------------------------


@app.command()
def batch(
    inputs: Annotated[list[Path], typer.Argument(help="Contracts, or folders searched for .pdf/.docx/.txt.",
                                                 show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="The table to write: results.csv, .xlsx or .jsonl.",
                                      show_default=False)],
    perspective: Annotated[Perspective, typer.Option("--perspective", "-p", help=PERSPECTIVE_HELP)]
    = Perspective.employee,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes "
                                                "(default: all cores).")] = None,
    cluster: Annotated[Optional[str], typer.Option("--cluster", help="Run on an existing Dask cluster: "
                                                   "its scheduler address, e.g. tcp://HOST:8786.")] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=1.0, help="Seconds allowed per document.")]
    = 120.0,
    min_score: Annotated[Optional[float], typer.Option("--min-score", min=0.0, max=1.0,
                                                       help="List every label at or above this score "
                                                            "(default: each category's calibrated threshold).")]
    = None,
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="Try files that failed last time "
                                               "again.")] = False,
    restart: Annotated[bool, typer.Option("--restart", help="Forget earlier progress; analyse "
                                          "everything again.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    pdf_engine: EngineOpt = PdfEngine.auto,
    max_size_mb: MaxMbOpt = None,
    max_pages: MaxPagesOpt = None,
) -> None:
    """Analyse many contracts into one table (every contract x every clause category).

    Resumable: finished files are remembered by content hash in OUT.progress.jsonl, so running
    the same command again after an interrupt (or with more files) analyses only what is new. A
    file that fails is listed with its error; the batch carries on.
    """
    import signal

    from .batch.executors import ClusterError, RunOptions
    from .batch.runner import BatchError, run_batch

    env = _settings()
    settings = RunOptions(perspective=perspective.value, min_score=min_score, pdf_engine=pdf_engine.value,
                          limits=_limits(env, max_size_mb, max_pages), timeout=timeout,
                          model=str(env.model) if env.model else None,
                          library=str(env.library) if env.library else None)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop cleanly, keep progress
    show = _BatchProgress(quiet)
    try:
        summary = run_batch(list(inputs), out, settings, jobs=jobs, cluster=cluster, retry_failed=retry_failed,
                            restart=restart, on_event=show)
    except (ClusterError, BatchError) as exc:
        show.stop()
        fail(str(exc))
    except OSError as exc:  # the output or its progress file cannot be written
        show.stop()
        fail(f"{exc.filename or out}: cannot write ({exc.strerror or exc})")
    finally:
        show.stop()
    failed = len(summary.failed)
    typer.echo(f"{summary.total} files: {summary.analysed} analysed now, {summary.skipped} already done, "
               f"{failed} failed" + (f" ({summary.runner})" if summary.runner else ""))
    if summary.same_content:
        typer.echo(f"  {summary.same_content} of them had the same content as another file (analysed once)")
    if summary.analysed:
        typer.echo(f"{summary.analysed} files in {summary.elapsed:.1f} s = {summary.rate:.2f} files/s")
    for name, error in summary.failed[:20]:
        typer.echo(f"  failed: {error or name}")
    if failed > 20:
        typer.echo(f"  ... and {failed - 20} more (see the status column of {out})")
    if failed and not retry_failed:
        typer.echo("  (run again with --retry-failed to try the failed files again)")
    if summary.interrupted:
        typer.echo(f"interrupted: wrote the {summary.analysed + summary.skipped} finished files to {out}; "
                   "run the same command again to resume", err=True)
        raise typer.Exit(130)
    typer.echo(f"wrote {out} (progress kept in {summary.progress_file.name})")


class _BatchProgress:
    """A rich progress bar on stderr, fed by run_batch events."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar = None
        self.task = None
        self.failed = 0

    def __call__(self, kind: str, info: dict) -> None:
        if kind == "plan":
            if info["skipped"] or info["stale"]:
                typer.echo(f"resuming: {info['skipped']} of {info['total']} files already done"
                           + (f"; {info['stale']} earlier results were made with other settings and are redone"
                              if info["stale"] else ""), err=True)
        elif kind == "start":
            if self.quiet:
                return
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(),
                                TimeRemainingColumn(), console=Console(stderr=True), transient=False)
            self.task = self.bar.add_task("analysing", total=info["todo"], failed=0)
            self.bar.start()
        elif kind == "file" and self.bar is not None:
            self.failed += info["status"] != "done"
            self.bar.update(self.task, advance=1, failed=self.failed)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def _port_problem(host: str, port: int) -> str | None:
    """Why `serve` cannot listen on host:port (in use, not an address of this machine), or None."""
    import errno
    import socket

    try:
        family, kind, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as exc:
        return f"--host {host}: not an address this machine can listen on ({exc})"
    with socket.socket(family, kind) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return (f"port {port} on {host} is already in use (another clausecheck serve?); stop it or "
                        "choose another port with --port")
            return f"cannot listen on {host}:{port} ({exc.strerror or exc})"
    return None


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, help="Analysis worker processes "
                                                   "(default: all cores, or CLAUSECHECK_WORKERS).")] = None,
    keep_text: Annotated[Optional[bool], typer.Option(
        "--keep-text/--no-keep-text", show_default=False,
        help="Store each analysis with the document's whole extracted text (--keep-text), or only the text of "
             "the clauses found, which the pages show (--no-keep-text). Default: CLAUSECHECK_KEEP_TEXT, "
             "else only the clauses. The uploaded file itself is kept only when the user ticks 'keep the "
             "file'.")] = None,
) -> None:
    """Run the web service: upload pages, batch review and the JSON API (/api/v1, docs at /docs)."""
    import os

    import uvicorn

    from .service import create_app
    from .service.config import ServiceConfig
    from .service.hosts import with_listen_address
    from .store import StoreError

    busy = _port_problem(host, port)
    if busy:
        fail(busy)
    config = ServiceConfig.from_settings(_settings(), workers=workers, keep_text=keep_text)
    config.allowed_hosts = with_listen_address(config.allowed_hosts, host)
    if host not in ("127.0.0.1", "localhost", "::1") and not config.api_token:
        typer.echo(f"clausecheck: warning: serving on {host} without CLAUSECHECK_API_TOKEN; anyone who can "
                   "reach this address can upload contracts and read analyses", err=True)
    try:
        web = create_app(config)
    except StoreError as exc:
        fail(str(exc))
    typer.echo(f"clausecheck: serving on http://{host}:{port}  (data: {config.database_label()}; "
               f"pid {os.getpid()})", err=True)
    uvicorn.run(web, host=host, port=port, log_level="info", timeout_graceful_shutdown=10)


library_app = typer.Typer(no_args_is_help=True, help="Check and read the clause library (the playbook).")
app.add_typer(library_app, name="library")


@library_app.command("validate")
def library_validate(
    folder: Annotated[Optional[Path], typer.Argument(help="A clause-library folder (default: the built-in one).",
                                                     show_default=False)] = None,
) -> None:
    """Validate a clause library: exit 0 with a summary, or 2 with one line per problem."""
    from .redline.library import default_dir, validate_dir

    target = folder or default_dir()
    library, problems = validate_dir(target)
    if problems:
        for p in problems:
            typer.echo(f"clausecheck: {target}: {p}" if not p.startswith(str(target)) else f"clausecheck: {p}",
                       err=True)
        raise typer.Exit(2)
    typer.echo(f"{target}: valid ({library.summary()})")


@library_app.command("show")
def library_show(
    category: Annotated[Optional[str], typer.Argument(help="A category id; omit to list them.",
                                                      show_default=False)] = None,
    library: Annotated[Optional[Path], typer.Option("--library", help="Your own clause-library folder.")] = None,
) -> None:
    """Show the playbook for one category (or list the categories and their checks)."""
    import textwrap

    from .redline.library import LibraryError, load_library

    try:
        lib = load_library(library or _settings().library)
    except LibraryError as exc:
        fail(str(exc))
    if category is None:
        for cid, pb in lib.playbooks.items():
            checks = ", ".join(c.id for c in pb.checks) or "(no checks)"
            typer.echo(f"{cid:34} {pb.name}  [{checks}]")
        return
    pb = lib.playbooks.get(category)
    if pb is None:
        fail(f"no category {category!r} in the library; `clausecheck library show` lists them")

    def para(label: str, text: str, indent: str = "  ") -> None:
        typer.echo(textwrap.fill(f"{label}{text}", 100, initial_indent=indent, subsequent_indent=indent + "  "))

    typer.echo(f"{pb.name} ({pb.category})  source: {lib.sources.get(pb.category)}")
    para("", pb.summary, "")
    typer.echo("\nWhy it matters")
    for who, text in pb.why_it_matters.items():
        para(f"{who}: ", text)
    typer.echo("\nPositions")
    for kind in ("acceptable", "fallback", "unacceptable"):
        for text in getattr(pb.positions, kind):
            para(f"{kind}: ", text)
    if pb.checks:
        typer.echo("\nChecks")
    for c in pb.checks:
        sev = ", ".join(f"{p} {s}" for p, s in c.severity.items())
        typer.echo(f"  {c.id} ({c.detector}; {sev}){'' if c.enabled else '  [disabled]'}")
        para("", c.title, "    ")
        if c.suggestion:
            sug = c.suggestion if isinstance(c.suggestion, str) else next(iter(c.suggestion.values()))
            para("ask for: ", sug, "    ")
    if pb.references:
        typer.echo("\nReferences")
    for r in pb.references:
        para("", f"{r.title}{' - ' + r.url if r.url else ''}", "  ")


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
