"""Persistence: SQLite under the data directory by default, any SQLAlchemy URL via
CLAUSECHECK_DATABASE_URL; the schema is managed by alembic (migrations ship in this package).

Analyses keep derived results: the analysis dict (with every clause's text) and, of the extracted
text, only the clauses the pages show unless keep_text is asked for (CLAUSECHECK_KEEP_TEXT); uploaded
bytes are kept only when the user asks. Ids are unguessable (128 random bits).

A SQLite store is private and forgets: its folder is created 0700 and its files 0600, secure_delete
overwrites what is deleted, and after a delete the write-ahead log is checkpointed and truncated, so
neither a deleted contract's text nor its kept upload stays in clausecheck.db or clausecheck.db-wal."""

from __future__ import annotations

import json
import os
import re
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, delete, event, func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from ..settings import Settings
from .models import Analysis, Batch, BatchItem, Upload, utcnow

__all__ = ["Store", "StoreError", "data_dir", "database_url", "new_id", "valid_id"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_ID = re.compile(r"^[A-Za-z0-9_-]{16,32}$")


class StoreError(Exception):
    """The store cannot be opened or migrated; str() is the message for the user."""


def data_dir() -> Path:
    """CLAUSECHECK_DATA_DIR, else the per-user data folder (e.g. ~/.local/share/clausecheck)."""
    return Settings.from_env().resolved_data_dir()


def database_url(directory: Path | None = None) -> str:
    """CLAUSECHECK_DATABASE_URL, else SQLite in `directory` (default: data_dir())."""
    url = Settings.from_env().database_url
    return url or f"sqlite:///{(directory or data_dir()) / 'clausecheck.db'}"


def new_id() -> str:
    return secrets.token_urlsafe(16)  # 22 characters, 128 random bits


def valid_id(value: str) -> bool:
    return bool(_ID.match(value or ""))


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if path and path != ":memory:":
            _private_file(Path(path))
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten, not left in free pages
            if path and path != ":memory:":
                cur.execute("PRAGMA journal_mode=WAL")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def _private_file(path: Path) -> None:
    """Create the database's folder (0700) and file (0600) before SQLite does, so neither is ever
    readable by other users; SQLite gives its -wal and -shm files the database file's mode."""
    try:
        if not path.parent.exists():
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the data folder {path.parent} ({exc.strerror})") from exc
    try:
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    except OSError as exc:
        raise StoreError(f"cannot create the database {path} ({exc.strerror})") from exc


def page_text(result: dict, text: str) -> str:
    """The extracted text as the pages (and a redline rebuilt from it) need it: each clause and each
    section heading where it stands, everything else blanked (line breaks kept), so offsets still hold."""
    keep = bytearray(len(text))
    for c in result.get("clauses", []):
        start, end = max(0, int(c.get("start", 0))), min(len(text), int(c.get("end", 0)))
        keep[start:end] = b"\x01" * max(0, end - start)
    for heading in {c.get("section") for c in result.get("clauses", []) if c.get("section")}:
        for m in re.finditer(re.escape(heading), text):
            keep[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return "".join(ch if keep[i] or ch == "\n" else " " for i, ch in enumerate(text))


# The newest revision in migrations/versions (tests/test_store.py checks it against alembic's head).
# A database already there is opened without importing alembic, which (with mako and pygments) would
# stay resident in the service's process for nothing (about 13 MB).
HEAD = "0001"
_MIGRATE_URL = "_CLAUSECHECK_MIGRATE_URL"  # how a migrating child process is told the database


def schema_revision(engine: Engine) -> str | None:
    """The alembic revision the database is at (None: no schema yet)."""
    from sqlalchemy import inspect

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def _migrate_apart(url: str) -> None:
    """Run the migration in a short-lived child process, so alembic is never imported here."""
    import subprocess
    import sys

    code = f"from clausecheck.store import _child_migrate; _child_migrate({_MIGRATE_URL!r})"
    r = subprocess.run([sys.executable, "-c", code], env={**os.environ, _MIGRATE_URL: url},
                       capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        lines = [line for line in r.stderr.strip().splitlines() if line.strip()]
        raise RuntimeError(lines[-1] if lines else f"the migration stopped with exit code {r.returncode}")


def _child_migrate(var: str) -> None:
    engine = _make_engine(os.environ[var])
    try:
        migrate(engine)
    finally:
        engine.dispose()


def migrate(engine: Engine, revision: str = "head", *, down: bool = False) -> None:
    """Bring the schema up (or, with down=True, back down) to `revision` with alembic."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, revision)


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite drops the zone; we always store UTC
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


class Store:
    def __init__(self, url: str | None = None, *, auto_migrate: bool = True, migrate_apart: bool = False) -> None:
        """auto_migrate: bring the schema to HEAD (nothing to do, and alembic not imported, when it is
        there already); migrate_apart: do that in a child process (the service: keeps alembic out of
        its memory; not for an in-memory SQLite database, which a child cannot reach)."""
        self.url = url or database_url()
        try:
            self.engine = _make_engine(self.url)
            if auto_migrate and schema_revision(self.engine) != HEAD:
                in_memory = self.url.startswith("sqlite") and ("///" not in self.url or ":memory:" in self.url)
                if migrate_apart and not in_memory:
                    _migrate_apart(self.url)
                else:
                    migrate(self.engine)
        except StoreError:
            raise
        except Exception as exc:  # a bad URL, an unreachable server, a read-only file
            safe = self.url.split("@")[-1] if "@" in self.url else self.url
            raise StoreError(f"cannot open the database {safe}: {exc.__class__.__name__}: "
                             f"{str(exc).splitlines()[0] if str(exc) else ''}") from exc
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    def session(self) -> Session:
        return self._session()

    # ---- analyses -------------------------------------------------------------------------

    def forget_deleted(self) -> None:
        """After a delete: copy the write-ahead log into the database and truncate it, so deleted rows
        (overwritten there by secure_delete) leave no copy in the -wal file."""
        if self.engine.dialect.name != "sqlite":
            return
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def save_analysis(self, result: dict, text: str, *, upload: bytes | None = None,
                      batch_id: str | None = None, keep_text: bool = False) -> str:
        """Store an analysis; of `text`, only the clauses (page_text) unless keep_text."""
        text = text if keep_text else page_text(result, text)
        doc = result.get("document", {})
        aid = new_id()
        with self.session() as s, s.begin():
            s.add(Analysis(
                id=aid, name=str(doc.get("name", ""))[:512], sha256=doc.get("sha256", ""),
                format=doc.get("format", ""), pages=doc.get("pages"),
                perspective=result.get("perspective", ""),
                clause_count=len(result.get("clauses", [])), finding_count=len(result.get("findings", [])),
                result=json.dumps(result, ensure_ascii=False), text=text, batch_id=batch_id,
            ))
            if upload is not None:
                s.flush()
                s.add(Upload(analysis_id=aid, data=upload))
        return aid

    def get_analysis(self, aid: str) -> dict | None:
        if not valid_id(aid):
            return None
        with self.session() as s:
            row = s.get(Analysis, aid)
            if row is None:
                return None
            kept = s.scalar(select(func.count()).select_from(Upload).where(Upload.analysis_id == aid))
            return {"id": row.id, "created_at": _iso(row.created_at), "name": row.name,
                    "batch_id": row.batch_id, "file_kept": bool(kept), "result": json.loads(row.result),
                    "text": row.text}

    def get_upload(self, aid: str) -> bytes | None:
        if not valid_id(aid):
            return None
        with self.session() as s:
            row = s.get(Upload, aid)
            return row.data if row else None

    def delete_analysis(self, aid: str) -> bool:
        if not valid_id(aid):
            return False
        with self.session() as s, s.begin():
            s.execute(delete(Upload).where(Upload.analysis_id == aid))
            s.execute(update(BatchItem).where(BatchItem.analysis_id == aid).values(analysis_id=None))
            gone = s.execute(delete(Analysis).where(Analysis.id == aid)).rowcount
        if gone:
            self.forget_deleted()
        return bool(gone)

    def count_analyses(self) -> int:
        with self.session() as s:
            return s.scalar(select(func.count()).select_from(Analysis)) or 0

    # ---- batches --------------------------------------------------------------------------

    def create_batch(self, perspective: str, items: list[dict[str, Any]], *, min_score: float | None = None,
                     runner: str = "local") -> str:
        """items: {"name", "size", "spool"} each; a spool of None means the item already failed, with
        its "error"."""
        bid = new_id()
        with self.session() as s, s.begin():
            failed = sum(1 for it in items if it.get("error"))
            s.add(Batch(id=bid, perspective=perspective, min_score=min_score, runner=runner,
                        total=len(items), failed=failed, status="queued"))
            s.flush()
            for pos, it in enumerate(items):
                s.add(BatchItem(batch_id=bid, position=pos, name=it["name"][:512], size=it.get("size", 0),
                                spool=it.get("spool"), status="error" if it.get("error") else "queued",
                                error=it.get("error")))
        self._maybe_finish(bid)
        return bid

    def get_batch(self, bid: str, *, items: bool = True) -> dict | None:
        if not valid_id(bid):
            return None
        with self.session() as s:
            b = s.get(Batch, bid)
            if b is None:
                return None
            out = {"id": b.id, "created_at": _iso(b.created_at), "finished_at": _iso(b.finished_at),
                   "perspective": b.perspective, "min_score": b.min_score, "status": b.status,
                   "runner": b.runner, "total": b.total, "done": b.done, "failed": b.failed}
            if items:
                rows = s.scalars(select(BatchItem).where(BatchItem.batch_id == bid)
                                 .order_by(BatchItem.position)).all()
                out["items"] = [{"id": r.id, "name": r.name, "size": r.size, "sha256": r.sha256,
                                 "status": r.status, "error": r.error, "elapsed": r.elapsed,
                                 "analysis_id": r.analysis_id} for r in rows]
            return out

    def batch_results(self, bid: str) -> list[dict]:
        """One entry per item, in upload order: the item fields plus its analysis dict (or None)."""
        with self.session() as s:
            rows = s.execute(select(BatchItem, Analysis.result)
                             .outerjoin(Analysis, Analysis.id == BatchItem.analysis_id)
                             .where(BatchItem.batch_id == bid).order_by(BatchItem.position)).all()
            return [{"name": it.name, "status": it.status, "error": it.error, "sha256": it.sha256,
                     "analysis_id": it.analysis_id, "result": json.loads(res) if res else None}
                    for it, res in rows]

    def pending_items(self, bid: str | None = None) -> list[dict]:
        """Items not yet analysed (queued, or running when the service stopped)."""
        with self.session() as s:
            q = select(BatchItem).where(BatchItem.status.in_(("queued", "running")))
            if bid:
                q = q.where(BatchItem.batch_id == bid)
            rows = s.scalars(q.order_by(BatchItem.id)).all()  # first come, first served
            return [{"id": r.id, "batch_id": r.batch_id, "name": r.name, "size": r.size, "spool": r.spool}
                    for r in rows]

    def batch_perspective(self, bid: str) -> tuple[str, float | None]:
        with self.session() as s:
            b = s.get(Batch, bid)
            return b.perspective, b.min_score

    def start_item(self, item_id: int, runner: str | None = None) -> None:
        with self.session() as s, s.begin():
            it = s.get(BatchItem, item_id)
            if it is None:
                return
            it.status = "running"
            values = {"status": "running"} | ({"runner": runner} if runner else {})
            s.execute(update(Batch).where(Batch.id == it.batch_id, Batch.status != "done").values(**values))

    def finish_item(self, item_id: int, *, result: dict | None = None, text: str | None = None,
                    error: str | None = None, elapsed: float | None = None, keep_text: bool = False) -> None:
        with self.session() as s, s.begin():
            it = s.get(BatchItem, item_id)
            if it is None or it.status in ("done", "error"):
                return  # the batch was deleted meanwhile, or the item already finished
            bid = it.batch_id
            if result is not None:
                doc = result.get("document", {})
                aid = new_id()
                s.add(Analysis(
                    id=aid, name=it.name, sha256=doc.get("sha256", ""), format=doc.get("format", ""),
                    pages=doc.get("pages"), perspective=result.get("perspective", ""),
                    clause_count=len(result.get("clauses", [])), finding_count=len(result.get("findings", [])),
                    result=json.dumps(result, ensure_ascii=False),
                    text=(text or "") if keep_text else page_text(result, text or ""), batch_id=bid))
                s.flush()
                it.analysis_id, it.sha256, it.status = aid, doc.get("sha256"), "done"
                s.execute(update(Batch).where(Batch.id == bid).values(done=Batch.done + 1))
            else:
                it.status, it.error = "error", error or "failed"
                s.execute(update(Batch).where(Batch.id == bid).values(failed=Batch.failed + 1))
            it.elapsed, it.spool = elapsed, None
        self._maybe_finish(bid)

    def _maybe_finish(self, bid: str) -> None:
        with self.session() as s, s.begin():
            b = s.get(Batch, bid)
            if b and b.status != "done" and b.done + b.failed >= b.total:
                b.status, b.finished_at = "done", utcnow()

    def delete_batch(self, bid: str) -> list[str] | None:
        """Delete a batch with its items and analyses. None when there is no such batch, else the
        spool files (uploads not yet analysed) the caller should remove."""
        if not valid_id(bid):
            return None
        with self.session() as s, s.begin():
            if s.get(Batch, bid) is None:
                return None
            spools = [p for p in s.scalars(select(BatchItem.spool).where(BatchItem.batch_id == bid)) if p]
            ids = select(Analysis.id).where(Analysis.batch_id == bid)
            s.execute(delete(Upload).where(Upload.analysis_id.in_(ids)))
            s.execute(delete(BatchItem).where(BatchItem.batch_id == bid))
            s.execute(delete(Analysis).where(Analysis.batch_id == bid))
            s.execute(delete(Batch).where(Batch.id == bid))
        self.forget_deleted()
        return spools

    def active_batches(self) -> int:
        with self.session() as s:
            return s.scalar(select(func.count()).select_from(Batch)
                            .where(Batch.status.in_(("queued", "running")))) or 0

    def healthy(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            return True
        except Exception:  # noqa: BLE001
            return False

