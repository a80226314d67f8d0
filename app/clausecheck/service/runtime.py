"""What the service holds while it runs: the store, the analysis workers, the concurrency limit
and the batch thread."""

from __future__ import annotations

import asyncio
import itertools
import logging
import math
import shutil
import threading
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, wait
from contextlib import asynccontextmanager
from pathlib import Path

from ..batch.executors import DaskExecutor, LocalExecutor, RunOptions
from ..documents import InputError, Limits
from ..store import Store
from .config import ServiceConfig
from .errors import Problem

log = logging.getLogger("clausecheck.service")


class Runtime:
    def __init__(self, config: ServiceConfig) -> None:
        self.config = config
        if not config.database_url:
            config.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.store = Store(config.url, migrate_apart=True)  # alembic imported (and kept) in a child, not here
        self.spool_dir = config.data_dir / "spool"
        self.executor: LocalExecutor | None = None
        self.in_flight = 0
        self.peak_in_flight = 0
        self._started: dict[int, float] = {}  # when each analysis in flight took its slot
        self._slot_ids = itertools.count()
        self.latencies: deque[float] = deque(maxlen=50)
        self.batches = BatchRunner(self)
        self.started = time.time()

    @property
    def limits(self) -> Limits:
        return Limits(max_bytes=self.config.max_bytes, max_pages=self.config.max_pages)

    def settings(self, perspective: str, min_score: float | None) -> RunOptions:
        return RunOptions(perspective=perspective, min_score=min_score, limits=self.limits,
                          timeout=self.config.timeout,
                          model=str(self.config.model) if self.config.model else None,
                          library=str(self.config.library) if self.config.library else None)

    def start(self) -> None:
        self.executor = LocalExecutor(self.config.workers, timeout=self.config.timeout)
        self.batches.start()

    def stop(self) -> None:
        self.batches.stop()
        if self.executor is not None:
            self.executor.close(wait=False)
        self.store.close()

    # ---- the concurrency limit ------------------------------------------------------------------

    def retry_after(self) -> int:
        """Seconds until a slot is likely to be free: the analyses ahead, shared among the workers, each
        taking as long as recent ones did, or as long as the oldest one in flight has already run when
        that is longer (a slow document must not make the estimate optimistic); never more than the
        time limit allows for them."""
        avg = sum(self.latencies) / len(self.latencies) if self.latencies else 5.0
        now = time.monotonic()
        oldest = max((now - t for t in self._started.values()), default=0.0)
        each = min(max(avg, oldest), self.config.timeout)
        workers = max(1, self.executor.pool.size if self.executor else 1)
        rounds = math.ceil(self.in_flight / workers)
        return max(1, min(math.ceil(each * rounds), math.ceil(self.config.timeout * max(rounds, 1)), 3600))

    @asynccontextmanager
    async def slot(self):
        """One analysis in flight; 503 with Retry-After when the service is full. Taken only once the
        upload has arrived, so a slow or stalled upload holds none."""
        if self.in_flight >= self.config.max_concurrent:
            raise Problem(503, f"the service is busy ({self.in_flight} analyses in progress); try again shortly",
                          headers={"Retry-After": str(self.retry_after())})
        self.in_flight += 1
        self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        key = next(self._slot_ids)
        self._started[key] = time.monotonic()
        try:
            yield
        finally:
            self.in_flight -= 1
            self._started.pop(key, None)

    async def analyse(self, data: bytes, name: str, perspective: str, min_score: float | None) -> dict:
        """Run one analysis on the workers (interactive uploads go ahead of batch work)."""
        if self.executor is None:
            raise Problem(503, "the analysis workers are not running", headers={"Retry-After": "5"})
        t = time.perf_counter()
        fut = self.executor.submit_bytes(data, name, self.settings(perspective, min_score), priority=0)
        try:
            out = await asyncio.wrap_future(fut)
        except asyncio.CancelledError:
            fut.cancel()
            raise
        except Exception as exc:  # noqa: BLE001
            raise problem_for(exc, name) from None
        self.latencies.append(time.perf_counter() - t)
        return out


def problem_for(exc: BaseException, name: str) -> Problem:
    """Map an analysis failure to the problem the client sees."""
    from ..batch.pool import PoolUnavailable, RemoteError, TimeLimitExceeded, WorkerCrashed

    if isinstance(exc, InputError):
        return Problem(422, str(exc), title="Unusable document")
    if isinstance(exc, TimeLimitExceeded):
        return Problem(422, f"{name}: {exc}", title="Document took too long")
    if isinstance(exc, WorkerCrashed):
        return Problem(500, f"{name}: {exc} while reading this document; the service carries on",
                       title="Analysis crashed")
    if isinstance(exc, PoolUnavailable):
        return Problem(503, str(exc), headers={"Retry-After": "30"})
    if isinstance(exc, RemoteError) and exc.type_name == "ModelError":
        return Problem(503, exc.message, title="No model")
    if isinstance(exc, RemoteError) and exc.type_name == "LibraryError":
        # The playbook is the operator's configuration (built-in or CLAUSECHECK_LIBRARY), not the upload.
        log.error("clause library unusable: %s", exc.message)
        return Problem(500, f"the service's clause library is unusable ({exc.message}); "
                            "the operator must fix it", title="Clause library unusable")
    return Problem(500, f"{name}: analysis failed ({exc}); the service carries on")


class BatchRunner:
    """One thread that feeds queued batch items to the workers (or to the Dask cluster given by
    CLAUSECHECK_DASK_SCHEDULER) and records each result as it lands. Items that were queued or
    running when the service stopped are picked up again on the next start."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self.wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="clausecheck-batches", daemon=True)
        self._dask: DaskExecutor | None = None
        self._dask_failed = False
        self.runner_label = "local"

    def start(self) -> None:
        self._recover()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self.wake.set()
        self._thread.join(10)
        if self._dask is not None:
            self._dask.close()

    def notify(self) -> None:
        self.wake.set()

    def _recover(self) -> None:
        store = self.rt.store
        for item in store.pending_items():
            if not item["spool"] or not Path(item["spool"]).exists():
                store.finish_item(item["id"], error=f"{item['name']}: the service stopped before this file "
                                                    "was analysed and the upload was not kept; upload it again")
        if self.rt.spool_dir.exists():
            live = {Path(i["spool"]).parent.name for i in store.pending_items() if i["spool"]}
            for d in self.rt.spool_dir.iterdir():
                if d.is_dir() and d.name not in live:
                    shutil.rmtree(d, ignore_errors=True)

    def _executor(self):
        addr = self.rt.config.dask_scheduler
        if addr and not self._dask_failed:
            if self._dask is None:
                try:
                    self._dask = DaskExecutor(addr, timeout=self.rt.config.timeout)
                    self.runner_label = "dask"
                except Exception as exc:  # noqa: BLE001
                    log.warning("cannot use the Dask cluster (%s); running batches locally", exc)
                    self._dask_failed = True
                    self.runner_label = "local"
            if self._dask is not None:
                return self._dask
        return self.rt.executor

    def _run(self) -> None:
        running: dict[Future, tuple[dict, float]] = {}
        while not self._stop.is_set():
            try:
                ex = self._executor()
                capacity = ex.capacity if ex else 0
                if len(running) < capacity:
                    busy = {item["id"] for item, _ in running.values()}
                    for item in self.rt.store.pending_items():
                        if len(running) >= capacity:
                            break
                        if item["id"] in busy:
                            continue
                        perspective, min_score = self.rt.store.batch_perspective(item["batch_id"])
                        self.rt.store.start_item(item["id"], runner=self.runner_label)
                        fut = ex.submit_file(Path(item["spool"]), item["name"],
                                             self.rt.settings(perspective, min_score), full=True, with_text=True,
                                             priority=10)
                        running[fut] = (item, time.perf_counter())
                if running:
                    done, _ = wait(list(running), timeout=0.25, return_when=FIRST_COMPLETED)
                    for fut in done:
                        item, t0 = running.pop(fut)
                        self._finish(item, fut, time.perf_counter() - t0)
                else:
                    self.wake.wait(1.0)
                    self.wake.clear()
            except Exception:
                log.exception("batch thread error")
                time.sleep(1.0)

    def _finish(self, item: dict, fut: Future, elapsed: float) -> None:
        try:
            out = fut.result()
            self.rt.store.finish_item(item["id"], result=out["record"], text=out.get("text", ""),
                                      keep_text=self.rt.config.keep_text,
                                      elapsed=round(elapsed, 3))
        except Exception as exc:  # noqa: BLE001
            problem = problem_for(exc, item["name"])
            self.rt.store.finish_item(item["id"], error=problem.detail, elapsed=round(elapsed, 3))
        finally:
            try:
                Path(item["spool"]).unlink(missing_ok=True)
                Path(item["spool"]).parent.rmdir()  # only succeeds once the batch's folder is empty
            except OSError:
                pass
