"""A pool of analysis worker processes.

Each worker imports the pipeline and loads the model once, then takes one task at a time. Unlike
concurrent.futures.ProcessPoolExecutor, a worker that overruns its time limit is killed and
replaced, and a worker that dies (a crash in a native parser, the out-of-memory killer) fails only
the task it was running: the pool carries on. Tasks carry a priority so interactive uploads go
ahead of queued batch work.
"""

from __future__ import annotations

import contextlib
import heapq
import importlib
import itertools
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from ..settings import env_for_workers
from .heap import trim

WARM_UP = "clausecheck.batch.tasks:warm_up_worker"


class TaskError(Exception):
    """A task could not produce a result; str() is a message fit for the user."""

    kind = "internal"


class TimeLimitExceeded(TaskError):
    kind = "timeout"


class WorkerCrashed(TaskError):
    kind = "crash"


class RemoteError(TaskError):
    """An unexpected exception inside a worker."""

    def __init__(self, type_name: str, message: str, tb: str = "") -> None:
        self.type_name, self.message, self.remote_traceback = type_name, message, tb
        super().__init__(f"{type_name}: {message}" if message else type_name)


class PoolUnavailable(TaskError):
    kind = "unavailable"


class _SoftTimeout(BaseException):
    pass


def _import(spec: str) -> Callable:
    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr)


_PARENT_GONE = (BrokenPipeError, ConnectionResetError, EOFError)


def _start(conn: Connection, initializer: str | None) -> bool:
    """Load (the model) and tell the parent; False when loading failed or the parent is gone."""
    try:
        if initializer:
            _import(initializer)()
        conn.send(("ready", None, os.getpid()))
        return True
    except _PARENT_GONE:
        return False  # the parent was killed while we loaded: nobody to tell
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which gives up cleanly
        with contextlib.suppress(*_PARENT_GONE):
            conn.send(("init-error", None, f"{exc.__class__.__name__}: {exc}"))
        return False


def _reply(conn: Connection, tid, out) -> bool:
    """Send a task's outcome to the parent; False when the parent is gone."""
    try:
        conn.send(out)
    except _PARENT_GONE:
        return False
    except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable result
        try:
            conn.send(("error", tid, (exc.__class__.__name__, f"cannot send the result back: {exc}", "")))
        except _PARENT_GONE:
            return False
    return True


def _worker_main(conn: Connection, initializer: str | None, soft_timeout: float | None,
                 env: dict[str, str] | None = None) -> None:
    """Runs in the child: load once, then serve tasks until told to stop (None) or the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when we stop
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # one process per core; no thread oversubscription
    if env is not None:
        # A forkserver started earlier may hold older settings: the parent's now are what count.
        for key in [k for k in env_for_workers() if k not in env]:
            del os.environ[key]
        os.environ.update(env)
        preload = sys.modules.get("clausecheck.batch.preload")
        if preload is not None and getattr(preload, "ENV", None) != env:
            from ..classify.model import cached

            cached.cache_clear()
    if not _start(conn, initializer):
        return

    def on_alarm(_sig, _frame):
        raise _SoftTimeout()

    signal.signal(signal.SIGALRM, on_alarm)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        tid, fn, args, kwargs, limit = msg
        limit = limit if limit is not None else soft_timeout
        if limit:
            signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            out = ("ok", tid, fn(*args, **kwargs))
        except _SoftTimeout:
            out = ("timeout", tid, limit)
        except BaseException as exc:  # noqa: BLE001
            from ..documents.errors import InputError

            if isinstance(exc, InputError):
                out = ("input-error", tid, (exc.name, exc.problem))
            else:
                out = ("error", tid, (exc.__class__.__name__, str(exc), traceback.format_exc()))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if not _reply(conn, tid, out):
            return  # the parent (the service or batch) was killed: end quietly, no BrokenPipe traceback
        del msg, args, kwargs, out
        trim()  # once the result is on its way: an idle worker gives back what the analysis freed


def cpu_count() -> int:
    """The cores this process may use (a container's or a taskset's limit, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _context(method: str | None, preload: bool):
    """forkserver where there is one (Linux, macOS): the server process loads the model once and
    each worker is forked from it warm, in milliseconds, also when one is replaced after a crash or
    a time limit. It is single-threaded, so forking it is safe even from a threaded parent (the
    web service). Elsewhere, spawn: each worker loads the model itself."""
    if method is None:
        method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(method)
    if method == "forkserver" and preload:
        ctx.set_forkserver_preload(["clausecheck.batch.preload"])
    return ctx


@dataclass(order=True)
class _Task:
    priority: int
    seq: int
    fn: Callable = field(compare=False)
    args: tuple = field(compare=False)
    kwargs: dict = field(compare=False)
    future: Future = field(compare=False)
    timeout: float | None = field(compare=False)


class _Worker:
    def __init__(self, ctx, initializer: str | None, soft_timeout: float | None) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        env = env_for_workers()
        self.process = ctx.Process(target=_worker_main, args=(child, initializer, soft_timeout, env),
                                   name="clausecheck-worker", daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.task: _Task | None = None
        self.deadline: float | None = None
        self.started_at = 0.0

    def kill(self) -> None:
        try:
            self.process.kill()
        except Exception:  # noqa: BLE001
            pass
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """submit(fn, *args, priority=0, timeout=None, **kwargs) -> concurrent.futures.Future.

    fn must be importable by the workers (a module-level function). `timeout` is the per-task
    time limit in seconds (default: the pool's); the worker raises at the limit and is killed
    `grace` seconds later if it has not stopped.
    """

    def __init__(self, workers: int | None = None, *, timeout: float | None = None, grace: float = 5.0,
                 initializer: str | None = WARM_UP, start_method: str | None = None,
                 start_timeout: float = 180.0) -> None:
        self.size = max(1, workers or cpu_count())
        self.timeout = timeout
        self.grace = grace
        self._initializer = initializer
        self._ctx = _context(start_method, preload=initializer == WARM_UP)
        self._lock = threading.Lock()
        self._queue: list[_Task] = []
        self._seq = itertools.count()
        self._closing = False
        self._broken: str | None = None
        self._early_deaths = 0
        self._wake_r, self._wake_w = self._ctx.Pipe(duplex=False)
        self.start_timeout = start_timeout
        self._workers: list[_Worker] = []  # started by the manager thread: the constructor never blocks
        self._thread = threading.Thread(target=self._run, name="clausecheck-pool", daemon=True)
        self._thread.start()

    # ---- public -------------------------------------------------------------------------------

    def submit(self, fn: Callable, *args: Any, priority: int = 0, timeout: float | None = None,
               **kwargs: Any) -> Future:
        fut: Future = Future()
        with self._lock:
            if self._broken:
                fut.set_exception(PoolUnavailable(self._broken))
                return fut
            if self._closing:
                fut.set_exception(PoolUnavailable("the analysis workers are shutting down"))
                return fut
            heapq.heappush(self._queue, _Task(priority, next(self._seq), fn, args, kwargs, fut,
                                              timeout if timeout is not None else self.timeout))
        self._wake()
        return fut

    @property
    def queued(self) -> int:
        with self._lock:
            return len(self._queue)

    @property
    def busy(self) -> int:
        return sum(1 for w in list(self._workers) if w.task is not None)

    def running_for(self) -> list[float]:
        """Seconds each busy worker has spent on its current task."""
        now = time.monotonic()
        return [now - w.started_at for w in list(self._workers) if w.task is not None]

    @property
    def ready(self) -> int:
        return sum(1 for w in list(self._workers) if w.ready)

    @property
    def broken(self) -> str | None:
        return self._broken

    def pids(self) -> list[int]:
        return [w.process.pid for w in list(self._workers) if w.process.pid]

    def shutdown(self, wait: bool = True, cancel_pending: bool = True) -> None:
        """Stop. wait=True lets running (and, unless cancel_pending, queued) tasks finish;
        wait=False kills the workers now and fails what they were running."""
        with self._lock:
            self._closing = True
            self._kill_now = not wait
            if cancel_pending or not wait:
                for task in self._queue:
                    task.future.cancel()
                self._queue.clear()
        self._wake()
        self._thread.join(None if wait else 10)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown(wait=exc[0] is None)

    # ---- the manager thread -------------------------------------------------------------------

    _kill_now = False

    def _spawn(self) -> _Worker:
        w = _Worker(self._ctx, self._initializer, None)
        w.started_at = time.monotonic()
        return w

    def _wake(self) -> None:
        try:
            self._wake_w.send_bytes(b"!")
        except OSError:
            pass

    def _fail_all_queued(self, exc: Exception) -> None:
        with self._lock:
            tasks, self._queue = self._queue, []
        for task in tasks:
            if not task.future.done():
                task.future.set_exception(exc)

    def _assign(self) -> None:
        for w in self._workers:
            if not w.ready or w.task is not None:
                continue
            while True:
                with self._lock:
                    task = heapq.heappop(self._queue) if self._queue else None
                if task is None:
                    return
                if task.future.set_running_or_notify_cancel():
                    break
            try:
                w.conn.send((task.seq, task.fn, task.args, task.kwargs, task.timeout))
            except Exception as exc:  # noqa: BLE001 - unpicklable arguments, or a dead pipe
                task.future.set_exception(RemoteError(exc.__class__.__name__, f"cannot send the task: {exc}"))
                continue
            w.task, w.started_at = task, time.monotonic()
            w.deadline = w.started_at + task.timeout + self.grace if task.timeout else None

    def _finish(self, w: _Worker, kind: str, payload: Any) -> None:
        task, w.task, w.deadline = w.task, None, None
        if task is None or task.future.done():
            return
        if kind == "ok":
            task.future.set_result(payload)
        elif kind == "input-error":
            from ..documents.errors import InputError

            task.future.set_exception(InputError(*payload))
        elif kind == "timeout":
            task.future.set_exception(TimeLimitExceeded(f"took longer than the {payload:g} s time limit"))
        else:
            task.future.set_exception(RemoteError(*payload))

    def _replace(self, w: _Worker, reason: Exception | None) -> None:
        if w.task is not None and not w.task.future.done():
            w.task.future.set_exception(reason or WorkerCrashed("the analysis process stopped"))
        w.task = None
        w.kill()
        if not w.ready:
            self._early_deaths += 1
        if self._early_deaths >= 3 and not self._broken:
            self._broken = (f"the analysis workers keep failing to start (they die, or take longer than "
                            f"{self.start_timeout:g} s)")
            self._fail_all_queued(PoolUnavailable(self._broken))
        idx = self._workers.index(w)
        if self._closing or self._broken:
            self._workers.pop(idx)
        else:
            self._workers[idx] = self._spawn()

    def _run(self) -> None:
        try:
            for _ in range(self.size):
                if self._closing:
                    break
                self._workers.append(self._spawn())
            self._loop()
        finally:
            for w in list(self._workers):
                if w.task is not None and not w.task.future.done():
                    w.task.future.set_exception(PoolUnavailable("the analysis workers were stopped"))
                w.kill()
            self._workers = []
            self._fail_all_queued(PoolUnavailable("the analysis workers were stopped"))

    def _loop(self) -> None:
        stopping_sent: set[int] = set()
        while True:
            with self._lock:
                closing, kill_now, has_queue = self._closing, self._kill_now, bool(self._queue)
            if closing and (kill_now or (not has_queue and self._wind_down(stopping_sent))):
                return
            if not self._broken:
                self._assign()
            ready = self._wait_for_events()
            for w in list(self._workers):
                if w.conn in ready and self._take_message(w):
                    continue
                if w in self._workers and not w.process.is_alive() and w.process.exitcode is not None:
                    self._exited(w, stopping_sent)
            self._enforce_deadlines()
            if self._closing and self._broken and not self._workers:
                return

    def _wind_down(self, stopping_sent: set[int]) -> bool:
        """Closing with nothing queued: stop idle workers; True once every worker has finished."""
        for w in [w for w in self._workers if not w.ready]:
            w.kill()  # still starting up: nothing to finish
            self._workers.remove(w)
        for w in self._workers:
            if w.task is None and id(w) not in stopping_sent:
                try:
                    w.conn.send(None)
                except OSError:
                    pass
                stopping_sent.add(id(w))
        if all(w.task is None for w in self._workers):
            for w in self._workers:
                w.process.join(5)
            return True
        return False

    def _wait_for_events(self) -> list:
        """Block until a worker speaks or exits, the pool is woken, or the nearest deadline passes."""
        now = time.monotonic()
        deadlines = [w.deadline for w in self._workers if w.deadline is not None]
        deadlines += [w.started_at + self.start_timeout for w in self._workers if not w.ready]
        timeout = max(0.0, min(deadlines) - now) if deadlines else None
        objs: list = [self._wake_r]
        for w in self._workers:
            objs += [w.conn, w.process.sentinel]
        ready = wait(objs, timeout)
        if self._wake_r in ready:
            while self._wake_r.poll():
                self._wake_r.recv_bytes()
        return ready

    def _take_message(self, w: _Worker) -> bool:
        """Handle what a worker sent; True when the worker needs no further look this round."""
        try:
            kind, _tid, payload = w.conn.recv()
        except (EOFError, OSError):
            return False  # it died: the exit check sees to it
        if kind == "ready":
            w.ready, self._early_deaths = True, 0
            return False
        if kind == "init-error":
            self._broken = f"the analysis workers cannot start: {payload}"
            self._fail_all_queued(PoolUnavailable(self._broken))
            self._replace(w, PoolUnavailable(self._broken))
            return True
        self._finish(w, kind, payload)
        return True

    def _exited(self, w: _Worker, stopping_sent: set[int]) -> None:
        code = w.process.exitcode
        if id(w) in stopping_sent and code == 0:
            w.kill()
            self._workers.remove(w)
            return
        why = (f"the analysis process was killed by signal {-code}"
               + (" (out of memory?)" if code == -signal.SIGKILL else "")
               if code < 0 else f"the analysis process exited unexpectedly (code {code})")
        self._replace(w, WorkerCrashed(why))

    def _enforce_deadlines(self) -> None:
        now = time.monotonic()
        for w in list(self._workers):
            if not w.ready and now >= w.started_at + self.start_timeout:
                self._replace(w, None)  # counts as an early death: three and the pool gives up
                continue
            if w.deadline is not None and now >= w.deadline and w.task is not None:
                limit = w.task.timeout
                self._replace(w, TimeLimitExceeded(f"took longer than the {limit:g} s time limit "
                                                   "(the analysis was stopped)"))
