"""Checking many files: one task a file, in worker processes when there are several files.

Results come back in the order of the tasks, so that output is identical to a serial run. A
diagnostic's span and fix edits point into the document model (lxml nodes in a .docx) and cannot
be pickled; every task, serial or in a worker, drops them once the engine has filled in the
located fields reporters use, so that no file's model outlives its check.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path

from linter.diagnostics import Diagnostic, StoryText, letter_text
from linter.formats import CycleCollectionPaused
from linter.model import Document, Value
from linter.settings import Settings

#: Below this many files a pool costs more than it saves (pre-commit runs often pass one file).
MIN_FILES_FOR_POOL = 2
#: A progress bar only for runs this long, and only when standard error is a terminal.
MIN_FILES_FOR_PROGRESS = 20


class Task(Value):
    """One file to check, with everything needed to check it in another process."""

    __slots__ = ("display", "settings", "codes", "ignored", "path", "data", "fix", "keep_text")

    def __init__(
        self,
        display: str,
        settings: Settings,
        codes: list[str],
        #: Codes and prefixes switched off for this file by per-file-ignores.
        ignored: list[str] | None = None,
        path: str | None = None,
        #: Standard input's bytes, when the file is ``-``.
        data: bytes | None = None,
        #: Fix the file too (``--fix``, ``--diff``): how.
        fix: FixOptions | None = None,
        #: Bring the letter's text back too, for reporters that show it (html).
        keep_text: bool = False,
    ):
        self.display = display
        self.settings = settings
        self.codes = codes
        self.ignored = [] if ignored is None else ignored
        self.path = path
        self.data = data
        self.fix = fix
        self.keep_text = keep_text


class FixOptions(Value):
    __slots__ = ("unsafe", "diff", "revisions")

    def __init__(self, unsafe: bool = False, diff: bool = False, revisions: object = None):
        self.unsafe = unsafe
        #: Compute what would change and write nothing (``--diff``).
        self.diff = diff
        #: Write text edits as tracked changes by this author at this time.
        self.revisions = revisions


class FileFix(Value):
    """What fixing one file gave, small enough to come back from a worker."""

    __slots__ = ("diagnostics", "fixed", "messages", "diff", "output")

    def __init__(self, diagnostics: list[Diagnostic], fixed: int = 0, messages: list[str] | None = None, diff: str = "",
                 output: bytes | None = None):
        self.diagnostics = diagnostics
        self.fixed = fixed
        self.messages = [] if messages is None else messages
        self.diff = diff
        #: Standard input: the (fixed) text to print.
        self.output = output


def read(task: Task):
    """The model of the task's file (or standard input), or the IO finding that says why there is none."""
    from linter import engine

    if task.data is not None:
        return engine.read_data(task.data, task.display, task.settings)
    return engine.read_path(Path(task.path or task.display), task.display, task.settings)


def check(task: Task) -> list[Diagnostic]:
    """Read and check one file; the located, sorted findings, with spans still attached."""
    return findings(task, read(task))


def findings(task: Task, doc) -> list[Diagnostic]:
    """The findings for a document (or the IO finding instead of one) under the task's selection
    and ignores, with the count of references that could not be verified."""
    from linter import engine
    from linter.baseline import apply_inline_ignores
    from linter.registry import get_rule

    not_verified, unverified = 0, {}
    if isinstance(doc, Diagnostic):
        found = [doc] if doc.code in task.codes else []
    else:
        rules = [r for r in (get_rule(c) for c in task.codes) if r is not None]
        checked = engine.check_document(doc, task.display, task.settings, rules)
        not_verified, unverified = checked.not_verified, checked.unverified
        found = apply_inline_ignores(checked, doc)
    if task.ignored:
        found = [d for d in found if not any(d.code.startswith(c) for c in task.ignored)]
    return engine.Findings(found, not_verified, unverified)


def fix(task: Task) -> tuple[FileFix, list]:
    """Fix one file (in the process that read it) and write it back, unless ``--diff``; the
    result, and the document models it was made from (for the caller to release)."""
    from linter import engine
    from linter.fixing import fix_data, visible_diff, write_back

    options = task.fix or FixOptions()
    data = task.data
    if data is None:
        data = engine.read_bytes(Path(task.path or task.display), task.display, task.settings)
        if isinstance(data, Diagnostic):
            return FileFix(findings(task, data)), []
    outcome = fix_data(data, task.display, task.settings, lambda doc: findings(task, doc), options.unsafe, options.revisions, options.diff)
    result = FileFix(outcome.remaining, outcome.fixed, outcome.messages)
    models = [outcome.after] if isinstance(outcome.after, Document) else []
    if outcome.data is None:
        result.output = data if task.data is not None else None
        return result, models
    if options.diff:
        result.diff = visible_diff(task.display, outcome.before, outcome.after)
        result.diagnostics = outcome.initial
    elif task.data is not None:
        result.output = outcome.data
    else:
        problem = write_back(Path(task.path or task.display), data, outcome.data)
        if problem is not None:
            result.messages.append(problem)
            result.fixed = 0
            result.diagnostics = outcome.initial
    return result, models


def strip(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop what links a finding to its document model (spans, fix edits) and what no reader of a
    located finding needs, keeping everything the reporters read: the model can then be freed,
    the finding crosses a process boundary, and a report built whole keeps findings small."""
    for d in diagnostics:  # in place: the list keeps its not_verified count
        d.span = None
        if d.context:
            # Only a finding without context is fingerprinted by its English message (baseline).
            d.message = str(d.message)
        if d.fix is not None:
            d.fix.edits = []
            d.fix.message = str(d.fix.message)
    return diagnostics


def check_task(task: Task, release: bool = True) -> tuple[list[Diagnostic], list[StoryText] | None]:
    """A task checked as a run does, serially or in a worker: its findings, which no longer hold
    the document model, and with ``task.keep_text`` the letter's text (None for an unreadable
    file). The cycle collector is paused from reading the file until its model is released, as
    soon as the findings are located, so that memory stays flat however many files a run checks
    and no collection walks the model; ``release=False`` for the last model of a process that
    ends after the run (``exit_after`` of :func:`run`), see :func:`leave_to_exit`."""
    with CycleCollectionPaused():
        doc = read(task)
        if isinstance(doc, Diagnostic):
            return strip(findings(task, doc)), None
        text = letter_text(doc) if task.keep_text else None
        found = strip(findings(task, doc))
        if release:
            doc.release()
        else:
            leave_to_exit()
    return found, text


def fix_task(task: Task, release: bool = True) -> FileFix:
    """A task fixed as a run does, serially or in a worker (see :func:`check_task`)."""
    with CycleCollectionPaused():
        result, models = fix(task)
        strip(result.diagnostics)
        if release:
            for doc in models:
                doc.release()
        else:
            leave_to_exit()
    return result


def leave_to_exit() -> None:
    """Leave everything alive now (the run's last model above all) to the process's exit: moved
    out of the cycle collector's sight (gc.freeze), so that no collection while the report is
    written walks some hundred thousand objects that the exit drops unread. Releasing the model
    instead frees it object by object, which costs as much. Only for a process that ends after
    the run: frozen objects are never collected."""
    gc.freeze()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Progress:
    """``Checked 12 of 40 files`` on one line of standard error, rewritten in place."""

    def __init__(self, total: int, stream=None):
        self.total = total
        self.stream = stream or sys.stderr
        self.done = 0
        self.enabled = total >= MIN_FILES_FOR_PROGRESS and self.stream.isatty()
        self.last = 0.0

    def step(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.1 and self.done < self.total:
            return
        self.last = now
        width = 30
        filled = width * self.done // self.total
        from linter.i18n import _

        done = _("checked {done} of {total} files", done=self.done, total=self.total)
        self.stream.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()


def run(
    tasks: list[Task],
    jobs: int,
    progress: Progress | None = None,
    fixing: bool = False,
    texts: dict[str, list[StoryText]] | None = None,
    exit_after: bool = False,
) -> list:
    """Findings per task (with ``fixing``: a FileFix per task), in task order. When ``texts`` is
    given, it is filled with each readable file's text (display name → stories), for reporters
    that show the letter. ``exit_after``: the process ends (os._exit) as soon as the run is
    reported (linter.cli.console_main), so the last model is left to the exit (leave_to_exit)."""
    if texts is not None:
        for task in tasks:
            task.keep_text = True
    results = list(each(tasks, jobs, progress, fix_task if fixing else check_task, exit_after))
    if fixing:
        return results
    if texts is not None:
        texts.update((task.display, text) for task, (_, text) in zip(tasks, results) if text is not None)
    return [found for found, _ in results]


def checked(tasks: list[Task], jobs: int, progress: Progress | None = None, exit_after: bool = False):
    """Each task's findings, in task order, as soon as it and those before it are checked: a
    streamed report writes them and lets them go (``exit_after``: see :func:`run`)."""
    for found, _ in each(tasks, jobs, progress, check_task, exit_after):
        yield found


def each(tasks: list[Task], jobs: int, progress: Progress | None, work, exit_after: bool = False):
    """``work(task)`` for each task, in task order, serially or in a pool."""
    progress = progress or Progress(len(tasks))
    try:
        if jobs <= 1 or len(tasks) < MIN_FILES_FOR_POOL or any(t.data is not None for t in tasks):
            last = len(tasks) - 1
            for i, task in enumerate(tasks):
                result = work(task, release=i < last or not exit_after)
                progress.step()
                yield result
        else:
            yield from _run_pool(tasks, min(jobs, len(tasks)), progress, work)
    finally:
        progress.close()


def _run_pool(tasks: list[Task], jobs: int, progress: Progress, work=check_task):
    """The results in task order, each as soon as those before it are in. A stop (Ctrl-C,
    SIGTERM) or a consumer that goes away ends the workers at once (linter.stopping), so that no
    file is checked or fixed after it, and none is left half-written."""
    # Imported here: multiprocessing costs start-up time a one-file pre-commit run need not pay.
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from linter import stopping
    from linter.i18n import language

    waiting: dict[int, object] = {}
    following = 0
    # Workers speak the run's language (a spawned worker does not inherit it).
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(language(), os.getpid()))
    LIVE_POOLS.add(pool)
    try:
        blocked = stopping.block_stop_signals()
        try:
            futures = {pool.submit(stopping.in_worker, work, task): i for i, task in enumerate(tasks)}
        finally:
            stopping.unblock(blocked)
        for future in as_completed(futures):
            i = futures.pop(future)
            try:
                waiting[i] = future.result()
            except Exception:
                # A worker that died (or a result that would not pickle) must not lose the file:
                # check it again here, where a failure is reported as an IO005 finding.
                waiting[i] = work(tasks[i])
            progress.step()
            while following in waiting:
                yield waiting.pop(following)
                following += 1
    except BaseException:
        stop_pool(pool)
        raise
    finally:
        LIVE_POOLS.discard(pool)
    pool.shutdown()


#: Pools of a run in progress, for :func:`stop_pools` (see linter.cli.main).
LIVE_POOLS: set = set()


def _start_worker(lang: str, parent: int) -> None:
    from linter import stopping
    from linter.i18n import set_language

    stopping.start_worker(parent)
    set_language(lang)


def stop_pool(pool) -> None:
    """End a pool's workers now (each unwinds what it was doing) and drop its queued tasks."""
    from linter import stopping

    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    stopping.stop_processes(processes)
    LIVE_POOLS.discard(pool)


def stop_pools() -> None:
    """End every pool still running: a stop that reached the main process outside a pool's own
    loop (while the report was being written) must not leave workers going on."""
    for pool in list(LIVE_POOLS):
        stop_pool(pool)
