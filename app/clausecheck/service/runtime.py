"""What the service holds while it runs: the store, the analysis workers, the concurrency limit
and the batch thread."""

from __future__ import annotations

import asyncio
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
        self.latencies: deque[float] = deque(maxlen=50)  # the workers' time for recent analyses
        self._promised: list[float] = []  # when refused clients were told to come back (monotonic)
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
        """Seconds until a slot is likely to be free for one more client: a slot frees each time an
        analysis in flight finishes, and the clients refused earlier that are due back before then
        take the first ones; so this client needs that many, plus one, to finish (wait_estimate). Each
        answer is remembered until its time has passed, so a burst of refused clients is told to come
        back one after another, not all at the same moment."""
        now = time.monotonic()
        self._promised = [t for t in self._promised if t > now]
        pool = self.executor.pool if self.executor else None
        wait_s = wait_estimate(len(self._promised) + 1, list(self.latencies), pool.running_for() if pool else [],
                               pool.size if pool else 1, self.config.timeout)
        self._promised = [*self._promised[-999:], now + wait_s]  # bounded, whatever a client does
        return wait_s

    def batch_retry_after(self) -> int:
        """Seconds until the batch files waiting now (in the store) are likely to be done (blocking: the
        store is asked)."""
        pool = self.executor.pool if self.executor else None
        return wait_estimate(len(self.store.pending_items()), list(self.latencies), [],
                             pool.size if pool else 1, self.config.timeout)

    @asynccontextmanager
    async def slot(self):
        """One analysis in flight; 503 with Retry-After when the service is full. Taken only once the
        upload has arrived, so a slow or stalled upload holds none."""
        if self.in_flight >= self.config.max_concurrent:
            wait_s = self.retry_after()
            raise Problem(503, f"the service is busy ({self.in_flight} analyses running or queued); try again in "
                          f"about {wait_s} s", headers={"Retry-After": str(wait_s)})
        self.in_flight += 1
        self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        try:
            yield
        finally:
            self.in_flight -= 1

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
        # the workers' own time for it, not the time it waited in the queue (which the estimate
        # counts already, from the analyses in flight)
        self.latencies.append(out.get("elapsed") or time.perf_counter() - t)
        return out


def wait_estimate(ahead: int, recent: list[float], running: list[float], workers: int, limit: float) -> int:
    """Whole seconds until `ahead` more analyses are likely to have finished: each takes as long as the
    workers took for `recent` ones (their own time, not time in the queue), and the workers share them;
    a worker that has spent more than three times that on its current document is counted as busy
    with it (a slow document must not make the estimate optimistic). At least 1 s; never more than
    the time limit allows for them, nor an hour."""
    each = min(sum(recent) / len(recent) if recent else 5.0, limit)
    stuck = sum(1 for age in running if age > 3 * each)
    free = max(1, workers - stuck)
    rounds = math.ceil(ahead / free)
    return max(1, min(math.ceil(ahead * each / free), math.ceil(limit * rounds), 3600))


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
