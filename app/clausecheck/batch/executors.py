"""Where analyses run: a local pool of worker processes, or an existing Dask distributed cluster.
Both hand back concurrent.futures.Future objects, so the batch runner and the service need not
care which one they use."""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from ..documents import InputError, Limits, read_regular_file
from ..perspectives import DEFAULT_PERSPECTIVE
from . import tasks
from .pool import PoolUnavailable, TimeLimitExceeded, WorkerPool

DEFAULT_TIMEOUT = 120.0


@dataclass(frozen=True)
class RunOptions:
    """How each document of a run is analysed. `model` and `library` are paths where the work runs
    (None: the model and clause library shipped with clausecheck)."""

    perspective: str = DEFAULT_PERSPECTIVE
    min_score: float | None = None
    pdf_engine: str = "auto"
    limits: Limits = field(default_factory=Limits)
    timeout: float | None = DEFAULT_TIMEOUT
    model: str | None = None
    library: str | None = None

    def task_kwargs(self) -> dict:
        return {"perspective": self.perspective, "min_score": self.min_score, "pdf_engine": self.pdf_engine,
                "limits": self.limits, "model": self.model, "library": self.library}


class LocalExecutor:
    kind = "local"

    def __init__(self, jobs: int | None = None, *, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        self.pool = WorkerPool(jobs, timeout=timeout)
        self.capacity = self.pool.size * 2  # keep every worker fed while results travel back

    def describe(self) -> str:
        return f"{self.pool.size} local worker process{'es' if self.pool.size != 1 else ''}"

    def submit_file(self, path: Path, name: str, settings: RunOptions, *, full: bool = False,
                    with_text: bool = False, priority: int = 10) -> Future:
        return self.pool.submit(tasks.analyze_file, str(path), name, priority=priority,
                                timeout=settings.timeout, full=full, with_text=with_text,
                                **settings.task_kwargs())

    def submit_bytes(self, data: bytes, name: str, settings: RunOptions, *, priority: int = 0) -> Future:
        return self.pool.submit(tasks.analyze_bytes, data, name, priority=priority, timeout=settings.timeout,
                                **settings.task_kwargs())

    def close(self, wait: bool = True) -> None:
        self.pool.shutdown(wait=wait)


class ClusterError(Exception):
    """The Dask scheduler cannot be reached or its workers cannot run clausecheck."""


def _probe(address: str, timeout: float) -> None:
    """Fail fast, with a plain message, when nothing listens at a tcp:// address (the Dask client
    would keep retrying until its timeout)."""
    import socket
    from urllib.parse import urlsplit

    if not address.startswith("tcp://"):
        return
    try:
        parts = urlsplit(address)
        host, port = parts.hostname, parts.port
    except ValueError:
        host, port = None, None
    if not host or not port:
        raise ClusterError(f"{address!r} is not a Dask scheduler address such as tcp://HOST:8786")
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address} ({exc.strerror or exc})") from None


class DaskExecutor:
    """Runs analyses on an existing dask.distributed cluster. Files are read here and their bytes
    shipped, so workers need clausecheck installed but not the files. Each worker process loads the
    model once (clausecheck.classify.model.cached); the time limit is soft: an overrunning document is
    recorded as failed and its result dropped, but the worker thread finishes it."""

    kind = "dask"

    def __init__(self, address: str, *, timeout: float | None = DEFAULT_TIMEOUT, connect_timeout: float = 15) -> None:
        try:
            from distributed import Client
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise ClusterError("dask.distributed is not installed (pip install 'dask[distributed]')") from exc
        self.address = address
        self.timeout = timeout
        _probe(address, connect_timeout)
        try:
            self.client = Client(address, timeout=connect_timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {address} ({exc.__class__.__name__}: "
                               f"{str(exc).splitlines()[0] if str(exc) else 'no answer'})") from exc
        except ValueError as exc:
            raise ClusterError(f"{address!r} is not a Dask scheduler address such as tcp://HOST:8786 ({exc})") from exc
        try:
            info = self.client.scheduler_info()
            workers = info.get("workers", {})
            if not workers:
                self.client.wait_for_workers(1, timeout=connect_timeout)
                workers = self.client.scheduler_info().get("workers", {})
            self.nthreads = sum(w.get("nthreads", 1) for w in workers.values()) or 1
            self.nworkers = len(workers)
            # Load the model on every worker now (once per worker process), and prove they can
            # import clausecheck at all.
            self.client.run(tasks.warm_up)
        except Exception as exc:
            self.client.close()
            raise ClusterError(f"the Dask workers at {address} cannot run clausecheck "
                               f"({exc.__class__.__name__}: {exc}); install clausecheck on every worker") from exc
        self.capacity = self.nthreads
        self._lock = threading.Lock()
        self._pending: dict = {}  # dask future -> (our Future, deadline)
        self._closed = False
        self._poller = threading.Thread(target=self._poll, name="clausecheck-dask", daemon=True)
        self._poller.start()

    def describe(self) -> str:
        return f"Dask cluster {self.address} ({self.nworkers} workers, {self.nthreads} threads)"

    def _submit(self, fn, *args, **kwargs) -> Future:
        fut: Future = Future()
        fut.set_running_or_notify_cancel()
        if self._closed:
            fut.set_exception(PoolUnavailable("the Dask client is closed"))
            return fut
        dfut = self.client.submit(tasks.run_safely, fn, *args, pure=False, **kwargs)
        deadline = time.monotonic() + self.timeout if self.timeout else None
        with self._lock:
            self._pending[dfut] = (fut, deadline)
        return fut

    def submit_file(self, path: Path, name: str, settings: RunOptions, *, full: bool = False,
                    with_text: bool = False, priority: int = 10) -> Future:
        try:
            data = read_regular_file(path, settings.limits.max_bytes, name=name)
        except InputError as exc:
            fut: Future = Future()
            fut.set_exception(exc)
            return fut
        return self._submit(tasks.analyze_data, data, name, full=full, with_text=with_text,
                            **settings.task_kwargs())

    def submit_bytes(self, data: bytes, name: str, settings: RunOptions, *, priority: int = 0) -> Future:
        return self._submit(tasks.analyze_bytes, data, name, **settings.task_kwargs())

    def _poll(self) -> None:
        while not self._closed:
            time.sleep(0.02)
            now = time.monotonic()
            with self._lock:
                items = list(self._pending.items())
            for dfut, (fut, deadline) in items:
                status = dfut.status
                if status == "pending" and not (deadline and now > deadline):
                    continue
                with self._lock:
                    self._pending.pop(dfut, None)
                try:
                    if status == "finished":
                        out = dfut.result()
                        if "ok" in out:
                            fut.set_result(out["ok"])
                        elif out.get("error") == "input":
                            fut.set_exception(InputError(out["name"], out["message"]))
                        else:
                            from .pool import RemoteError

                            fut.set_exception(RemoteError("error", out.get("message", "failed")))
                    elif status == "pending":
                        dfut.cancel()
                        fut.set_exception(TimeLimitExceeded(f"took longer than the {self.timeout:g} s time limit"))
                    else:
                        exc = dfut.exception()
                        from .pool import WorkerCrashed

                        fut.set_exception(WorkerCrashed(f"the Dask task {status}: {exc.__class__.__name__}: {exc}"))
                except Exception as exc:  # noqa: BLE001 - the connection dropped, and so on
                    if not fut.done():
                        fut.set_exception(PoolUnavailable(f"lost the Dask result ({exc.__class__.__name__}: {exc})"))

    def close(self, wait: bool = True) -> None:
        self._closed = True
        with self._lock:
            items, self._pending = list(self._pending.items()), {}
        for dfut, (fut, _) in items:
            dfut.cancel()
            if not fut.done():
                fut.set_exception(PoolUnavailable("the batch was stopped"))
        self._poller.join(2)
        self.client.close()


def make_executor(jobs: int | None = None, cluster: str | None = None,
                  timeout: float | None = DEFAULT_TIMEOUT) -> LocalExecutor | DaskExecutor:
    if cluster:
        return DaskExecutor(cluster, timeout=timeout)
    return LocalExecutor(jobs, timeout=timeout)
