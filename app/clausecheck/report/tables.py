"""Batch tables: every contract x every clause category, with risk, clause text and page to cite.

An *entry* is one contract in a batch: {"file", "status": "done"|"error", "error", "record"}, where
record is an analysis dict (full, or the compact summary from clausecheck.batch.tasks.summarise).
Writers: CSV (one row per contract x category), XLSX (a matrix sheet, the same details, errors),
JSONL (one contract per line)."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..perspectives import SEVERITY_RANK  # noqa: E402

FORMATS = ("csv", "xlsx", "jsonl")
XLSX_CELL_MAX = 32000  # Excel's limit is 32,767 characters per cell

DETAIL_COLUMNS = ["file", "status", "error", "sha256", "pages", "category", "category_name", "present",
                  "score", "severity", "findings", "missing", "page", "clause_id", "section", "clause_text",
                  "suggestion"]


def categories() -> list[tuple[str, str]]:
    from ..classify.taxonomy import CATEGORIES

    return [(c.id, c.name) for c in CATEGORIES]


def _category_names(entries: list[dict]) -> list[tuple[str, str]]:
    cats = categories()
    known = {cid for cid, _ in cats}
    for e in entries:
        rec = e.get("record") or {}
        for f in rec.get("findings", []):
            cid = f.get("category")
            if cid and cid not in known:
                known.add(cid)
                cats.append((cid, cid.replace("_", " ").capitalize()))
    return cats


def cells(record: dict) -> dict[str, dict]:
    """category id -> {present, score, severity, page, clause_id, section, clause_text, findings,
    missing, suggestion} for one analysis."""
    out: dict[str, dict] = {}
    for clause in record.get("clauses", []):
        for lab in clause.get("labels") or []:
            cell = out.setdefault(lab["category"], _empty())
            cell["present"] = True
            if lab["score"] > (cell["score"] or 0):
                cell.update(score=lab["score"], page=clause.get("page"), clause_id=clause.get("id"),
                            section=clause.get("section"), clause_text=clause.get("text"))
    for f in record.get("findings", []):
        cid = f.get("category")
        if not cid:
            continue
        cell = out.setdefault(cid, _empty())
        cell["findings"].append(f)
        if SEVERITY_RANK.get(f.get("severity"), 0) > SEVERITY_RANK.get(cell["severity"], 0):
            cell["severity"] = f.get("severity")
            cell["suggestion"] = f.get("suggestion")
        cell["missing"] = cell["missing"] or bool(f.get("missing"))
    return out


def _empty() -> dict:
    return {"present": False, "score": None, "severity": None, "page": None, "clause_id": None,
            "section": None, "clause_text": None, "findings": [], "missing": False, "suggestion": None}


def detail_rows(entries: list[dict]) -> Iterable[dict]:
    cats = _category_names(entries)
    for e in entries:
        rec = e.get("record") or {}
        doc = rec.get("document", {})
        base = {"file": e.get("file"), "status": e.get("status"), "error": e.get("error") or "",
                "sha256": doc.get("sha256") or e.get("sha256") or "", "pages": doc.get("pages")}
        if e.get("status") != "done":
            yield {**base, **{k: "" for k in DETAIL_COLUMNS if k not in base}}
            continue
        by_cat = cells(rec)
        for cid, cname in cats:
            c = by_cat.get(cid) or _empty()
            yield {**base, "category": cid, "category_name": cname, "present": "yes" if c["present"] else "no",
                   "score": c["score"] if c["score"] is not None else "", "severity": c["severity"] or "",
                   "findings": "; ".join(f.get("title") or f.get("rule") or "" for f in c["findings"]),
                   "missing": "yes" if c["missing"] else "", "page": c["page"] or "",
                   "clause_id": c["clause_id"] or "", "section": c["section"] or "",
                   "clause_text": c["clause_text"] or "", "suggestion": c["suggestion"] or ""}


def _csv_safe(value):
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_csv(entries: list[dict], out: io.TextIOBase) -> None:
    w = csv.DictWriter(out, fieldnames=DETAIL_COLUMNS)
    w.writeheader()
    for row in detail_rows(entries):
        w.writerow({k: _csv_safe(v) for k, v in row.items()})


def write_jsonl(entries: list[dict], out: io.TextIOBase) -> None:
    for e in entries:
        line = {"file": e.get("file"), "status": e.get("status"), "error": e.get("error")}
        line.update(e.get("record") or {})
        out.write(json.dumps(line, ensure_ascii=False) + "\n")


FILLS = {"high": "F8B4B4", "medium": "FBD38D", "low": "FEF3C7", "info": "DBEAFE", "present": "DCFCE7"}


def write_xlsx(entries: list[dict], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    cats = _category_names(entries)
    wb = Workbook()
    ws = wb.active
    ws.title = "Matrix"
    bold = Font(bold=True)
    fills = {k: PatternFill("solid", start_color=v, end_color=v) for k, v in FILLS.items()}
    head = ["File", "Status", "Pages", "High", "Medium", "Low"] + [name for _, name in cats]
    ws.append(head)
    for cell in ws[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for e in entries:
        rec = e.get("record") or {}
        if e.get("status") != "done":
            ws.append([e.get("file"), f"error: {e.get('error') or ''}"])
            _as_text(ws, ws.max_row)
            continue
        by_cat = cells(rec)
        sev = [f.get("severity") for f in rec.get("findings", [])]
        row = [e.get("file"), "done", rec.get("document", {}).get("pages"),
               sev.count("high"), sev.count("medium"), sev.count("low")]
        marks = []
        for cid, _ in cats:
            c = by_cat.get(cid)
            mark = (c["severity"] or ("present" if c["present"] else "")) if c else ""
            marks.append(mark)
        ws.append(row + marks)
        r = ws.max_row
        _as_text(ws, r)
        for j, mark in enumerate(marks, start=len(row) + 1):
            if mark in fills:
                ws.cell(r, j).fill = fills[mark]
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(head))}{max(ws.max_row, 1)}"
    ws.column_dimensions["A"].width = 48
    for j in range(7, len(head) + 1):
        ws.column_dimensions[get_column_letter(j)].width = 14
    ws.row_dimensions[1].height = 60

    det = wb.create_sheet("Details")
    det.append(DETAIL_COLUMNS)
    for cell in det[1]:
        cell.font = bold
    for row in detail_rows(entries):
        if row["status"] == "done" and row["present"] == "no" and not row["severity"]:
            continue  # the matrix already shows what is absent; details list what is there
        det.append([_cell(row[k]) for k in DETAIL_COLUMNS])
        _as_text(det, det.max_row)
    det.freeze_panes = "A2"
    det.auto_filter.ref = f"A1:{get_column_letter(len(DETAIL_COLUMNS))}{max(det.max_row, 1)}"
    for k, width in {"file": 40, "category_name": 28, "findings": 40, "clause_text": 80, "suggestion": 60}.items():
        det.column_dimensions[get_column_letter(DETAIL_COLUMNS.index(k) + 1)].width = width

    errors = [e for e in entries if e.get("status") != "done"]
    if errors:
        es = wb.create_sheet("Errors")
        es.append(["file", "error"])
        for e in errors:
            es.append([e.get("file"), e.get("error") or ""])
            _as_text(es, es.max_row)
        es.column_dimensions["A"].width = 48
        es.column_dimensions["B"].width = 100
    wb.save(path)


def _cell(value):
    if isinstance(value, str) and len(value) > XLSX_CELL_MAX:
        return value[:XLSX_CELL_MAX] + " [...]"
    return value


def _as_text(ws, row: int) -> None:
    """Strings are text, never formulas, whatever they start with."""
    for cell in ws[row]:
        if isinstance(cell.value, str) and cell.data_type == "f":
            cell.data_type = "s"


def format_of(path: Path) -> str | None:
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def write_table(entries: list[dict], path: Path, fmt: str | None = None) -> None:
    """Write atomically: a reader never sees a half-written file."""
    fmt = fmt or format_of(path)
    if fmt not in FORMATS:
        raise ValueError(f"{path}: the output must end in .csv, .xlsx or .jsonl")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if fmt == "xlsx":
            os.close(fd)
            write_xlsx(entries, Path(tmp))
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                (write_csv if fmt == "csv" else write_jsonl)(entries, f)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def to_bytes(entries: list[dict], fmt: str) -> bytes:
    """The table in memory (for the service's downloads)."""
    if fmt == "xlsx":
        with tempfile.TemporaryDirectory() as d:
            p = Path(d) / "results.xlsx"
            write_xlsx(entries, p)
            return p.read_bytes()
    buf = io.StringIO()
    (write_csv if fmt == "csv" else write_jsonl)(entries, buf)
    return buf.getvalue().encode("utf-8")


def matrix(entries: list[dict]) -> dict:
    """For the batch web page: the categories seen in any contract and one row per contract."""
    cats = _category_names(entries)
    rows, seen = [], set()
    for e in entries:
        rec = e.get("record") or {}
        by_cat = cells(rec) if e.get("status") == "done" else {}
        row_cells = {}
        for cid, c in by_cat.items():
            if c["present"] or c["severity"]:
                seen.add(cid)
                row_cells[cid] = {"severity": c["severity"], "present": c["present"], "score": c["score"],
                                  "page": c["page"], "missing": c["missing"],
                                  "title": "; ".join(f.get("title") or "" for f in c["findings"])}
        worst = max((SEVERITY_RANK.get(c["severity"], 0) for c in row_cells.values()), default=0)
        rows.append({**{k: e.get(k) for k in ("file", "status", "error", "analysis_id")},
                     "cells": row_cells, "worst": worst,
                     "findings": len(rec.get("findings", [])), "pages": rec.get("document", {}).get("pages")})
    return {"categories": [{"id": cid, "name": name} for cid, name in cats if cid in seen], "rows": rows}
