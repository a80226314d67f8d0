"""The same batch on a Dask distributed cluster: a real LocalCluster with two worker processes,
each loading the model once; the CLI's --cluster; the service handing batches to the cluster."""

from __future__ import annotations

import csv
import logging
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_batch import contract_docx, contract_pdf
from test_service import Server

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]


def model_loads() -> int:
    from clausecheck.classify.model import cached

    return cached.cache_info().misses


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    c = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                     silence_logs=logging.ERROR)
    yield c
    c.close()


@pytest.fixture
def files(tmp_path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for i in range(4):
        (d / f"c{i}.pdf").write_bytes(contract_pdf(i + 1))
    (d / "c4.docx").write_bytes(contract_docx(5))
    (d / "bad.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    return d


def test_batch_on_a_local_cluster(cluster, files, tmp_path):
    from clausecheck.batch.executors import RunOptions
    from clausecheck.batch.runner import run_batch
    from distributed import Client

    out = tmp_path / "dask.csv"
    summary = run_batch([files], out, RunOptions(), cluster=cluster.scheduler_address)
    assert (summary.analysed, len(summary.failed)) == (5, 1) and "Dask cluster" in summary.runner
    assert "judged by its content" in summary.failed[0][1]
    # both workers took part, and each loaded the model exactly once
    progress = (tmp_path / "dask.csv.progress.jsonl").read_text()
    import json

    workers = {json.loads(line).get("worker") for line in progress.splitlines()} - {None}
    assert len(workers) == 2, workers
    with Client(cluster.scheduler_address) as client:
        loads = client.run(model_loads)
    assert len(loads) == 2 and all(n == 1 for n in loads.values()), loads

    # the cluster's table is the local table
    local = tmp_path / "local.csv"
    run_batch([files], local, RunOptions(), jobs=1)
    def rows(p: Path) -> list[tuple]:
        return sorted(tuple(row.values()) for row in csv.DictReader(p.open()))

    assert rows(out) == rows(local)

    # and it resumes like the local one
    again = run_batch([files], out, RunOptions(), cluster=cluster.scheduler_address)
    assert (again.analysed, again.skipped) == (0, 5)


def test_cli_batch_with_cluster(cluster, files, tmp_path):
    out = tmp_path / "r.xlsx"
    r = subprocess.run([sys.executable, "-m", "clausecheck.cli", "batch", str(files), "--out", str(out), "--cluster",
                        cluster.scheduler_address, "-q"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "6 files: 5 analysed now" in r.stdout and "Dask cluster" in r.stdout, r.stdout
    assert out.exists()


def test_service_hands_batches_to_the_cluster(cluster, files, tmp_path):
    srv = Server(tmp_path / "srv", {"CLAUSECHECK_DASK_SCHEDULER": cluster.scheduler_address}, workers=1)
    try:
        with srv.client() as c:
            upload = [("files", (p.name, p.read_bytes())) for p in sorted(files.iterdir())]
            r = c.post("/api/v1/batches", files=upload, data={"perspective": "employee"})
            assert r.status_code == 202, r.text
            bid = r.json()["id"]
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                b = c.get(f"/api/v1/batches/{bid}").json()
                if b["status"] == "done":
                    break
                time.sleep(0.3)
            assert (b["status"], b["done"], b["failed"], b["runner"]) == ("done", 5, 1, "dask"), b
            report = c.get(f"/api/v1/batches/{bid}/results.csv")
            assert report.status_code == 200 and "c4.docx" in report.text
    finally:
        srv.stop()
