"""Batch review: many contracts -> one table. Worker processes (or a Dask cluster), resumable by
content hash, a failing file is recorded with its error and the batch carries on."""

from __future__ import annotations

import hashlib
import json
import stat
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from pathlib import Path

from ..documents import InputError
from .executors import RunOptions

# what a folder is searched for: contracts as PDF, Word, text, saved web pages, Markdown, and scans or
# photos of pages (read by OCR)
SUPPORTED_SUFFIXES = (".pdf", ".docx", ".txt", ".html", ".htm", ".md", ".markdown", ".png", ".jpg", ".jpeg", ".tif",
                      ".tiff")


class BatchError(Exception):
    """The batch cannot run at all (e.g. the workers cannot load the model); str() says why."""


@dataclass
class Input:
    path: Path
    name: str  # as shown in the table: the path as given, or relative to the folder given
    size: int = 0
    sha256: str | None = None
    error: str | None = None  # could not even be read


@dataclass
class Summary:
    total: int = 0
    analysed: int = 0
    skipped: int = 0  # already in the progress file (same content, same settings)
    same_content: int = 0  # files with the same content as an earlier one (analysed once, counted in each)
    failed: list[tuple[str, str]] = field(default_factory=list)
    elapsed: float = 0.0
    interrupted: bool = False
    out: Path | None = None
    progress_file: Path | None = None
    runner: str = ""

    @property
    def rate(self) -> float:
        return self.analysed / self.elapsed if self.elapsed else 0.0


def collect(paths: list[Path]) -> list[Input]:
    """Files named explicitly are taken whatever their extension (type is judged by content);
    folders are searched recursively for the SUPPORTED_SUFFIXES (hidden files and folders skipped)."""
    found: list[Input] = []
    seen: set[Path] = set()
    for p in paths:
        if not p.exists():
            raise InputError(str(p), "does not exist")
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not files:
                raise InputError(str(p), "holds no contract files (" + ", ".join(SUPPORTED_SUFFIXES) + ")")
            pairs = [(f, str(p / f.relative_to(p))) for f in files]
        else:
            pairs = [(p, str(p))]
        for f, name in pairs:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                found.append(Input(f, name))
    return found


def hash_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fingerprint(settings: RunOptions) -> dict:
    """What must match for an earlier result to be reused."""
    from .. import __version__
    from ..resources import builtin_model

    model = settings.model or str(builtin_model())
    model_id = f"{Path(model).name}:{_file_digest(model)}"
    out = {"version": __version__, "model": model_id, "perspective": settings.perspective,
           "min_score": settings.min_score, "pdf_engine": settings.pdf_engine}
    if settings.library:  # a user's playbook changes the findings; the built-in one goes with the version
        files = sorted(Path(settings.library).glob("*.y*ml"))
        out["library"] = hashlib.sha256(b"".join(f.name.encode() + f.read_bytes() for f in files)).hexdigest()[:16]
    return out


def _file_digest(path: str) -> str:
    """The model's content, not its date: a rewritten but identical model keeps earlier results."""
    try:
        return hash_file(Path(path))[:16]
    except OSError:
        return "missing"


class ProgressFile:
    """An append-only JSON-lines log of finished files, keyed by content hash: the batch's memory
    across interrupts. A line cut short by a crash is ignored."""

    def __init__(self, path: Path, fp: dict, restart: bool = False) -> None:
        self.path, self.fp = path, fp
        self.records: dict[str, dict] = {}
        self.stale = 0
        if restart and path.exists():
            path.unlink()
        if path.exists():
            with open(path, encoding="utf-8") as f:
                for line in f:
                    try:
                        rec = json.loads(line)
                    except json.JSONDecodeError:
                        continue
                    if not isinstance(rec, dict) or "sha256" not in rec:
                        continue
                    if rec.get("settings") != fp:
                        self.stale += 1
                        continue
                    self.records[rec["sha256"]] = rec
        path.parent.mkdir(parents=True, exist_ok=True)
        self._f = open(path, "a", encoding="utf-8")

    def add(self, rec: dict) -> None:
        rec = {**rec, "settings": self.fp}
        self.records[rec["sha256"]] = rec
        self._f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        self._f.flush()

    def close(self) -> None:
        self._f.close()


def progress_path(out: Path) -> Path:
    return out.with_name(out.name + ".progress.jsonl")


ProgressCallback = Callable[[str, dict], None]


def run_batch(paths: list[Path], out: Path, settings: RunOptions, *, jobs: int | None = None,
              cluster: str | None = None, retry_failed: bool = False, restart: bool = False,
              on_event: ProgressCallback | None = None, executor=None) -> Summary:
    """Analyse every file, write `out` (.csv/.xlsx/.jsonl). on_event(kind, info) is told "plan",
    "start" (runner ready), "file" (one finished) and "done"."""
    from ..report.tables import format_of, write_table
    from .executors import make_executor

    emit = on_event or (lambda kind, info: None)
    if format_of(out) is None:
        raise InputError(str(out), "the output must end in .csv, .xlsx or .jsonl")
    inputs = collect(paths)
    summary = Summary(total=len(inputs), out=out, progress_file=progress_path(out))
    t0 = time.perf_counter()

    for it in inputs:
        _measure(it, settings.limits.max_bytes)

    progress = ProgressFile(summary.progress_file, fingerprint(settings), restart=restart)
    todo: list[Input] = []
    planned: set[str] = set()
    for it in inputs:
        if it.error:
            continue
        rec = progress.records.get(it.sha256)
        if rec and (rec.get("status") == "done" or not retry_failed):
            pass  # done (or failed) in an earlier run: counted when the table is made
        elif it.sha256 not in planned:
            planned.add(it.sha256)
            todo.append(it)
    todo.sort(key=lambda i: -i.size)  # biggest first: no straggler at the end
    skipped = sum(1 for it in inputs if not it.error and it.sha256 not in planned
                  and progress.records.get(it.sha256, {}).get("status") == "done")
    emit("plan", {"total": len(inputs), "todo": len(todo), "skipped": skipped,
                  "stale": progress.stale, "unreadable": sum(1 for i in inputs if i.error)})

    ex = None
    try:
        if todo:
            ex = executor or make_executor(jobs, cluster, settings.timeout)
            summary.runner = ex.describe()
            emit("start", {"runner": summary.runner, "todo": len(todo)})
            t_start = time.perf_counter()
            queue = list(reversed(todo))
            running: dict[Future, Input] = {}
            while queue or running:
                while queue and len(running) < ex.capacity:
                    it = queue.pop()
                    running[ex.submit_file(it.path, it.name, settings)] = it
                done, _ = wait(list(running), timeout=0.5, return_when=FIRST_COMPLETED)
                for fut in done:
                    it = running.pop(fut)
                    rec = _record(it, fut)
                    if rec.get("kind") == "unavailable":  # nothing will work: stop, record nothing
                        raise BatchError(rec["error"].split(": ", 1)[1])
                    progress.add(rec)
                    emit("file", {"name": it.name, "status": rec["status"], "error": rec.get("error"),
                                  "elapsed": rec.get("elapsed")})
            summary.elapsed = time.perf_counter() - t_start
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        if ex is not None and executor is None:
            ex.close(wait=not summary.interrupted)
        progress.close()

    entries = _entries(inputs, progress, {it.sha256 for it in todo}, summary)
    if not summary.elapsed:
        summary.elapsed = time.perf_counter() - t0
    write_table(entries, out)
    emit("done", {"summary": summary})
    return summary


def _measure(it: Input, max_bytes: int) -> None:
    """Size and content hash of one input, or the reason it cannot be read (a device or FIFO named
    on the command line is refused here: hashing it would read for ever)."""
    try:
        info = it.path.stat()
        it.size = info.st_size
        if not stat.S_ISREG(info.st_mode):
            it.error = "is not a regular file (a device, pipe or socket)"
        elif it.size > max_bytes:
            it.error = (f"is {it.size / 1048576:.1f} MB, over the {max_bytes / 1048576:g} MB "
                        "size limit (raise it with --max-size-mb)")
        else:
            it.sha256 = hash_file(it.path)
    except OSError as exc:
        it.error = f"cannot be read ({exc.strerror})"


def _entries(inputs: list[Input], progress: ProgressFile, analysed_now: set[str], summary: Summary) -> list[dict]:
    """One table row per input, and the summary's counts, which add up to the number of inputs: a file
    with the same content as another is analysed once and counted with it (analysed now, already done
    or failed), and also in `summary.same_content`."""
    entries = []
    first: set[str] = set()
    for it in inputs:
        if it.error:
            entries.append({"file": it.name, "status": "error", "error": f"{it.name}: {it.error}", "record": None})
            continue
        summary.same_content += it.sha256 in first
        first.add(it.sha256)
        rec = progress.records.get(it.sha256)
        if rec is None:
            continue  # interrupted before it was analysed
        if rec["status"] == "done":
            if it.sha256 in analysed_now:
                summary.analysed += 1
            else:
                summary.skipped += 1
        error = rec.get("error")
        if error and rec.get("file") != it.name and error.startswith(f"{rec.get('file')}: "):
            error = f"{it.name}: {error.split(': ', 1)[1]}"  # the message names this file, not its twin
        entries.append({"file": it.name, "status": rec["status"], "error": error, "record": rec.get("record")})
    summary.failed = [(e["file"], e["error"]) for e in entries if e["status"] != "done"]
    return entries


def _record(it: Input, fut: Future) -> dict:
    from .pool import TaskError

    base = {"sha256": it.sha256, "file": it.name}
    try:
        value = fut.result()
        return {**base, "status": "done", "elapsed": value.get("elapsed"), "cpu": value.get("cpu"),
                "worker": value.get("worker"),
                "record": value["record"]}
    except InputError as exc:
        return {**base, "status": "error", "kind": "input", "error": f"{it.name}: {exc.problem}"}
    except TaskError as exc:
        return {**base, "status": "error", "kind": getattr(exc, "kind", "internal"), "error": f"{it.name}: {exc}"}
    except Exception as exc:  # noqa: BLE001 - recorded, never fatal to the batch
        return {**base, "status": "error", "kind": "internal",
                "error": f"{it.name}: {exc.__class__.__name__}: {exc}"}
