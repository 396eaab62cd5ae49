"""Worker processes for ``lint serve``: uploaded documents are read and checked in them, never in
the server's own process, so that a hostile file (one that makes a reader hang, crash or eat
memory) costs one worker, never the server.

Each worker is a process of its own (started fresh, ``spawn``: the server's threads and event loop
are not copied into it) with a pipe to the server and a cap on its memory. A job that takes longer
than the time limit, or a worker that dies, is answered as such; the worker is ended and a new one
takes its place. Jobs wait for a free worker in the order they came; when too many wait, a new one
is refused at once (the server answers 503) rather than queued without end.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading


class JobFailed(Exception):
    """A job without a result: ``reason`` is ``timeout``, ``lost`` (the worker died) or ``error``
    (the job raised; ``detail`` names the exception's type, never its text)."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


class Busy(Exception):
    """Too many jobs are waiting already."""


def _worker_main(conn, memory_limit: int, module: str) -> None:
    """A worker's life: warm up, say so, then run jobs (functions of ``module``) until the pipe
    closes."""
    if memory_limit:
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
        except (ImportError, ValueError, OSError):  # not on this system: the reading limits still hold
            pass
    import importlib

    work = importlib.import_module(module)
    if hasattr(work, "warm_up"):
        work.warm_up()
    conn.send(("ready", os.getpid()))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        name, payload = message
        try:
            result = ("ok", getattr(work, name)(payload))
        except MemoryError:
            result = ("error", "MemoryError")
        except Exception as exc:  # a bug of ours: the server answers without it, the worker lives on
            result = ("error", type(exc).__name__)
        try:
            conn.send(result)
        except Exception as exc:  # a result that will not pickle
            conn.send(("error", type(exc).__name__))


class Worker:
    def __init__(self, memory_limit: int, module: str):
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, memory_limit, module), daemon=True, name="kamerlint-worker")
        self.process.start()
        child.close()
        self.pid = None

    def wait_ready(self, timeout: float) -> bool:
        if self.conn.poll(timeout):
            try:
                kind, self.pid = self.conn.recv()
                return kind == "ready"
            except (EOFError, OSError, ValueError):
                return False
        return False

    def call(self, name: str, payload, timeout: float):
        """Run one job (blocks: call it in a thread). Raises JobFailed."""
        try:
            self.conn.send((name, payload))
            if not self.conn.poll(timeout):
                raise JobFailed("timeout")
            kind, value = self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            raise JobFailed("lost") from None
        if kind == "error":
            raise JobFailed("error", value)
        return value

    def alive(self) -> bool:
        return self.process.is_alive()

    def stop(self, kill: bool = False) -> None:
        try:
            if kill:
                self.process.kill()
            else:
                try:
                    self.conn.send(None)
                except (OSError, BrokenPipeError):
                    pass
            self.process.join(2)
            if self.process.is_alive():
                self.process.kill()
                self.process.join(2)
        finally:
            self.conn.close()


class Pool:
    """``size`` workers; :meth:`run` a job on the next free one (asyncio)."""

    def __init__(self, size: int, timeout: float, max_waiting: int, memory_limit: int, start_timeout: float = 120,
                 module: str = "linter.serve.work"):
        #: The module whose functions the jobs are (its ``warm_up()`` runs as a worker starts).
        self.module = module
        self.size = max(1, size)
        self.timeout = timeout
        self.max_waiting = max_waiting
        self.memory_limit = memory_limit
        self.start_timeout = start_timeout
        self.idle: asyncio.Queue | None = None
        self.waiting = 0
        #: Workers ended because a job took too long or the worker died, and replaced.
        self.replaced = 0
        self.workers: set[Worker] = set()
        self._lock = threading.Lock()
        self._tasks: set = set()
        from concurrent.futures import ThreadPoolExecutor

        #: A thread waits on each running job's pipe, and on each worker being started.
        self.threads = ThreadPoolExecutor(max_workers=2 * self.size + 2, thread_name_prefix="kamerlint-pool")

    def _new_worker(self) -> Worker:
        worker = Worker(self.memory_limit, self.module)
        if not worker.wait_ready(self.start_timeout):
            worker.stop(kill=True)
            raise RuntimeError("a worker process did not start")
        with self._lock:
            self.workers.add(worker)
        return worker

    async def start(self) -> None:
        self.idle = asyncio.Queue()
        loop = asyncio.get_running_loop()
        workers = await asyncio.gather(*(loop.run_in_executor(self.threads, self._new_worker) for _ in range(self.size)))
        for worker in workers:
            self.idle.put_nowait(worker)

    async def run(self, name: str, payload, timeout: float | None = None):
        """The job's result. Raises Busy when too many wait, JobFailed when it has none. A request
        cancelled meanwhile (the client left) leaves the job to finish, and the worker to be
        freed then."""
        if self.waiting >= self.max_waiting:
            raise Busy()
        self.waiting += 1
        try:
            worker = await self.idle.get()
        finally:
            self.waiting -= 1
        loop = asyncio.get_running_loop()
        job = loop.run_in_executor(self.threads, worker.call, name, payload, timeout or self.timeout)

        def settle(done) -> None:
            failed = None if done.cancelled() else done.exception()
            if isinstance(failed, JobFailed) and failed.reason in ("timeout", "lost"):
                self._replace(worker)
            else:
                self.idle.put_nowait(worker)

        job.add_done_callback(settle)
        return await asyncio.shield(job)

    def _replace(self, worker: Worker) -> None:
        """End a worker that timed out or died, and start another in its place (in the
        background: the request that lost it is answered at once)."""
        with self._lock:
            self.workers.discard(worker)
        self.replaced += 1
        loop = asyncio.get_running_loop()

        async def replace() -> None:
            await loop.run_in_executor(self.threads, worker.stop, True)
            while True:
                try:
                    new = await loop.run_in_executor(self.threads, self._new_worker)
                except RuntimeError:
                    await asyncio.sleep(1)
                    continue
                self.idle.put_nowait(new)
                return

        task = loop.create_task(replace())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def alive(self) -> int:
        with self._lock:
            return sum(1 for w in self.workers if w.alive())

    def stop(self) -> None:
        with self._lock:
            workers = list(self.workers)
            self.workers.clear()
        for worker in workers:
            worker.stop()
        self.threads.shutdown(wait=False, cancel_futures=True)
