"""Stopping a run on Ctrl-C or ``kill``: at once, with nothing half-done and no worker left behind.

The main process turns SIGTERM into :class:`Terminated` while a command runs, so that ``kill PID``
unwinds as Ctrl-C (KeyboardInterrupt) does: a temporary file being written is removed, the report
file keeps its previous version, and the workers are stopped. A worker of a parallel run leaves
SIGINT to the main process (the terminal sends Ctrl-C to the whole process group), but replaces no
letter once it has seen it. It stops on SIGTERM, which the main process sends it when the run
stops, and which the kernel sends it if the main process dies without doing so
(PR_SET_PDEATHSIG on Linux; elsewhere a thread watches the parent). A busy worker unwinds
(removing its temporary copy) and exits; an idle one exits at once, so that no worker goes on
checking or fixing files after its run has ended.
"""

from __future__ import annotations

import os
import signal

#: Exit codes as a shell reports a process ended by the signal.
EXIT_INTERRUPTED = 128 + signal.SIGINT
EXIT_TERMINATED = 128 + signal.SIGTERM
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


class Terminated(BaseException):
    """SIGTERM, raised where the process is, as SIGINT raises KeyboardInterrupt. A BaseException,
    so that no ``except Exception`` (a rule's or a reader's guard) swallows it."""


def _raise_terminated(signum, frame):
    raise Terminated()


def terminate_raises() -> None:
    """In the main process: SIGTERM raises :class:`Terminated` from now on (if it is not
    ignored, as ``nohup`` and some supervisors leave it)."""
    try:
        if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
            signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread (the library called from a thread): leave it be
        pass


# -- workers ---------------------------------------------------------------------------------------

#: In a worker: whether it is checking or fixing a file (a stop then unwinds it) or idle.
_busy = False
#: In a worker: Ctrl-C was pressed (the main process will stop this worker in a moment).
_interrupted = False


def _note_interrupt(signum, frame):
    global _interrupted
    _interrupted = True


def may_write() -> None:
    """Called just before a letter is replaced: in a worker that has seen Ctrl-C, raise
    :class:`Terminated` rather than finish one more file in the moment before the main process
    stops it."""
    if _interrupted:
        raise Terminated()


def _stop_worker(signum, frame):
    if _busy:
        raise Terminated()
    os._exit(EXIT_TERMINATED)


def block_stop_signals():
    """Block SIGINT and SIGTERM in the main process while it starts workers, so that a worker
    never takes Ctrl-C before :func:`start_worker` has set its handlers (it inherits the mask);
    the previous mask, for :func:`unblock`."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)


def unblock(previous) -> None:
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def start_worker(parent: int) -> None:
    """A worker's first act (the pool's initializer): leave Ctrl-C to the main process (noting
    it, see :func:`may_write`), stop on SIGTERM, and die with ``parent``, the main process."""
    signal.signal(signal.SIGINT, _note_interrupt)
    signal.signal(signal.SIGTERM, _stop_worker)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    if not _die_with_parent():
        _watch_parent()
    if os.getppid() != parent:  # the parent died before the worker could ask to die with it
        os._exit(EXIT_TERMINATED)


def _die_with_parent() -> bool:
    """Ask Linux to send SIGTERM when the parent dies (PR_SET_PDEATHSIG); False elsewhere."""
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        return libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0) == 0
    except (OSError, AttributeError, ImportError):
        return False


def _watch_parent() -> None:
    """A thread that stops this worker when its parent is gone (it is then adopted by another)."""
    import threading
    import time

    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.2)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="kamerlint-parent-watch", daemon=True).start()


def in_worker(work, task):
    """``work(task)`` in a worker, marked busy: a stop in the middle unwinds it, then ends the
    worker without a word (the main process reports the stop)."""
    global _busy
    _busy = True
    try:
        return work(task)
    except Terminated:
        os._exit(EXIT_TERMINATED)
    finally:
        _busy = False


def stop_processes(processes, grace: float = 1.0) -> None:
    """SIGTERM to each worker, a moment to unwind, then SIGKILL to any still running."""
    import time

    for process in processes:
        try:
            process.terminate()
        except (OSError, AttributeError, ValueError):
            pass
    deadline = time.monotonic() + grace
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
    for process in processes:
        if process.is_alive():
            process.kill()
            process.join(0.5)
