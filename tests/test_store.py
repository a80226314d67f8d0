"""The store: alembic migrations, analyses and batches, deletion, unguessable ids."""

from __future__ import annotations

import os
import sqlite3

import pytest
from clausecheck.store import Store, data_dir, database_url, migrate, new_id, valid_id
from sqlalchemy import create_engine, inspect

RESULT = {
    "document": {"name": "offer.pdf", "sha256": "ab" * 32, "format": "pdf", "pages": 2, "parser": "pypdfium2"},
    "perspective": "employee",
    "notes": [],
    "clauses": [{"id": "c1", "text": "Term.", "start": 0, "end": 5, "page": 1, "section": None,
                 "labels": [{"category": "governing_law", "score": 0.9}], "attributes": {}}],
    "findings": [{"id": "f1", "rule": "r", "category": "governing_law", "severity": "low", "title": "t",
                  "explanation": "e", "clause_ids": ["c1"], "missing": False, "suggestion": "s"}],
}


@pytest.fixture
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'cc.db'}")
    yield s
    s.close()


def test_migrations_build_the_schema_and_go_both_ways(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    Store(url).close()
    engine = create_engine(url)
    names = set(inspect(engine).get_table_names())
    assert {"analyses", "uploads", "batches", "batch_items", "alembic_version"} <= names
    with engine.connect() as c:
        assert c.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0001"
    migrate(engine, "base", down=True)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate(engine)
    assert "analyses" in inspect(engine).get_table_names()
    engine.dispose()
    Store(url).close()  # opening an up-to-date store again is a no-op


def test_head_is_alembics_head():
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from clausecheck.store import HEAD, MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD


def test_service_store_keeps_alembic_out_of_its_process(tmp_path):
    """The service migrates in a child process, and an up-to-date database needs no alembic at all."""
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'apart.db'}"
    code = ("import sys; from clausecheck.store import Store; s = Store(sys.argv[1], migrate_apart=True); "
            "s.close(); print('alembic' in sys.modules)")
    for _ in range(2):  # a fresh database, then the same one at HEAD
        r = subprocess.run([sys.executable, "-c", code, url], capture_output=True, text=True, timeout=120)
        assert r.returncode == 0 and r.stdout.strip() == "False", r.stderr
    engine = create_engine(url)
    assert {"analyses", "uploads", "batches", "batch_items"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_a_failed_migration_apart_is_a_clear_error(tmp_path):
    from clausecheck.store import StoreError

    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    con.execute("INSERT INTO alembic_version VALUES ('9999')")  # from a newer clausecheck
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="cannot open the database .*9999"):
        Store(f"sqlite:///{db}", migrate_apart=True)


def test_migrations_ship_inside_the_package():
    from clausecheck.store import MIGRATIONS

    assert (MIGRATIONS / "env.py").exists() and list((MIGRATIONS / "versions").glob("0001_*.py"))
    assert MIGRATIONS.parent.name == "store"


def test_analysis_round_trip_and_delete(store):
    aid = store.save_analysis(RESULT, "Term. The rest.", keep_text=True)
    row = store.get_analysis(aid)
    assert row["result"] == RESULT and row["text"] == "Term. The rest." and row["file_kept"] is False
    assert row["created_at"].endswith("+00:00")
    assert store.get_upload(aid) is None
    assert store.delete_analysis(aid) is True
    assert store.get_analysis(aid) is None and store.delete_analysis(aid) is False


def test_upload_bytes_only_when_asked(store, tmp_path):
    kept = store.save_analysis(RESULT, "t", upload=b"%PDF-1.7 bytes")
    plain = store.save_analysis(RESULT, "t")
    assert store.get_upload(kept) == b"%PDF-1.7 bytes" and store.get_upload(plain) is None
    store.delete_analysis(kept)
    with sqlite3.connect(tmp_path / "cc.db") as db:
        assert db.execute("SELECT count(*) FROM uploads").fetchone() == (0,)


def test_ids(store):
    ids = {new_id() for _ in range(1000)}
    assert len(ids) == 1000 and all(len(i) == 22 and valid_id(i) for i in ids)
    for bad in ["", "short", "../../etc/passwd", "a' OR '1'='1", "x" * 33]:
        assert not valid_id(bad)
        assert store.get_analysis(bad) is None and store.get_batch(bad) is None
        assert store.delete_analysis(bad) is False and store.delete_batch(bad) is None


def test_batch_lifecycle(store, tmp_path):
    spool = tmp_path / "s.bin"
    spool.write_bytes(b"x")
    bid = store.create_batch("creator", [{"name": "a.pdf", "size": 1, "spool": str(spool)},
                                         {"name": "b.pdf", "size": 1, "spool": str(spool)},
                                         {"name": "c.png", "error": "c.png: not a contract"}])
    b = store.get_batch(bid)
    assert (b["status"], b["total"], b["done"], b["failed"], b["perspective"]) == ("queued", 3, 0, 1, "creator")
    pending = store.pending_items(bid)
    assert [p["name"] for p in pending] == ["a.pdf", "b.pdf"]
    store.start_item(pending[0]["id"], runner="dask")
    assert store.get_batch(bid)["status"] == "running" and store.get_batch(bid)["runner"] == "dask"
    store.finish_item(pending[0]["id"], result=RESULT, text="Term.", elapsed=0.5)
    store.finish_item(pending[0]["id"], error="late duplicate")  # ignored: already finished
    store.finish_item(pending[1]["id"], error="b.pdf: took too long")
    b = store.get_batch(bid)
    assert (b["status"], b["done"], b["failed"]) == ("done", 1, 2) and b["finished_at"]
    rows = store.batch_results(bid)
    assert rows[0]["result"] == RESULT and rows[1]["error"] == "b.pdf: took too long" and rows[2]["result"] is None
    aid = rows[0]["analysis_id"]
    assert store.get_analysis(aid)["batch_id"] == bid
    assert store.delete_batch(bid) == []
    assert store.get_batch(bid) is None and store.get_analysis(aid) is None


def test_deleting_a_batch_analysis_keeps_the_batch(store):
    bid = store.create_batch("employee", [{"name": "a.pdf", "size": 1, "spool": "/nonexistent"}])
    item = store.pending_items(bid)[0]
    store.finish_item(item["id"], result=RESULT, text="t")
    aid = store.batch_results(bid)[0]["analysis_id"]
    assert store.delete_analysis(aid)
    row = store.batch_results(bid)[0]
    assert row["analysis_id"] is None and row["result"] is None and store.get_batch(bid)["done"] == 1


def test_data_dir_and_url_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAUSECHECK_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.delenv("CLAUSECHECK_DATABASE_URL", raising=False)
    assert data_dir() == tmp_path / "d"
    assert database_url() == f"sqlite:///{tmp_path / 'd' / 'clausecheck.db'}"
    monkeypatch.setenv("CLAUSECHECK_DATABASE_URL", "postgresql+psycopg://u:p@db/cc")
    assert database_url() == "postgresql+psycopg://u:p@db/cc"
    monkeypatch.delenv("CLAUSECHECK_DATA_DIR")
    assert "clausecheck" in str(data_dir())  # the per-user data folder


def test_bad_database_is_a_clear_error(tmp_path):
    from clausecheck.store import StoreError

    with pytest.raises(StoreError, match="cannot open the database"):
        Store("nosuchdialect://x/y")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="data folder"):
        Store(f"sqlite:///{blocker / 'sub' / 'cc.db'}")


@pytest.mark.skipif(not os.environ.get("CLAUSECHECK_TEST_DATABASE_URL"),
                    reason="set CLAUSECHECK_TEST_DATABASE_URL (e.g. a PostgreSQL URL) to test another database")
def test_other_database():
    s = Store(os.environ["CLAUSECHECK_TEST_DATABASE_URL"])
    aid = s.save_analysis(RESULT, "text", upload=b"\x00\xffbytes")
    assert s.get_analysis(aid)["result"] == RESULT and s.get_upload(aid) == b"\x00\xffbytes"
    bid = s.create_batch("employee", [{"name": "a", "size": 1, "spool": "/x"}])
    s.finish_item(s.pending_items(bid)[0]["id"], result=RESULT, text="t")
    assert s.get_batch(bid)["status"] == "done"
    assert s.delete_batch(bid) == [] and s.delete_analysis(aid)
    s.close()


def test_only_the_clauses_of_the_text_are_kept_by_default(store):
    """The pages show the clauses; the rest of the extracted text (a signature block, a salary table
    outside any clause) is not kept unless asked for."""
    aid = store.save_analysis(RESULT, "Term.\nSigned: Jane Roe, salary 98,000")
    text = store.get_analysis(aid)["text"]
    assert text.startswith("Term.\n") and "Jane" not in text and "98,000" not in text
    assert len(text) == len("Term.\nSigned: Jane Roe, salary 98,000")  # clause offsets still hold


def files_holding(folder, marker: bytes) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and marker in p.read_bytes())


def test_deleted_analysis_leaves_no_copy_in_the_database_or_its_wal(tmp_path):
    """After a delete, the text and the kept upload used to stay in clausecheck.db-wal (and, without
    secure_delete, in the free pages of clausecheck.db)."""
    folder = tmp_path / "data"
    store = Store(f"sqlite:///{folder / 'clausecheck.db'}")
    try:
        secret_text, secret_upload = "Zanzibar-Quill salary 987654", b"%PDF-1.7 UPLOAD-5f3a9c-bytes"
        result = {**RESULT, "clauses": [{**RESULT["clauses"][0], "text": secret_text, "end": len(secret_text)}]}
        other = store.save_analysis(RESULT, "Term.")
        aid = store.save_analysis(result, secret_text, upload=secret_upload, keep_text=True)
        assert files_holding(folder, b"Zanzibar-Quill") and files_holding(folder, b"UPLOAD-5f3a9c")
        assert store.delete_analysis(aid)
        # while the store is still open, as the service keeps it
        assert files_holding(folder, b"Zanzibar-Quill") == []
        assert files_holding(folder, b"UPLOAD-5f3a9c") == []
        assert store.get_analysis(other)["text"] == "Term."  # the rest is intact
    finally:
        store.close()


def test_deleted_batch_leaves_no_copy(tmp_path):
    folder = tmp_path / "data"
    store = Store(f"sqlite:///{folder / 'clausecheck.db'}")
    try:
        bid = store.create_batch("employee", [{"name": "a.pdf", "size": 1, "spool": None}])
        item = store.pending_items(bid)[0]
        result = {**RESULT, "clauses": [{**RESULT["clauses"][0], "text": "Quokka-Vellum clause", "end": 20}]}
        store.finish_item(item["id"], result=result, text="Quokka-Vellum clause", keep_text=True)
        assert files_holding(folder, b"Quokka-Vellum")
        store.delete_batch(bid)
        assert files_holding(folder, b"Quokka-Vellum") == []
    finally:
        store.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_database_folder_and_files_are_private(tmp_path):
    folder = tmp_path / "new" / "data"
    store = Store(f"sqlite:///{folder / 'clausecheck.db'}")
    try:
        store.save_analysis(RESULT, "Term.")
        assert folder.stat().st_mode & 0o777 == 0o700
        for f in folder.iterdir():  # clausecheck.db and its -wal / -shm
            assert f.stat().st_mode & 0o077 == 0, f"{f.name} is readable by others: {oct(f.stat().st_mode)}"
    finally:
        store.close()
