"""Standard output as a pipeline treats it: a reader that leaves, a full disk, a closed stream.

``lint … | head`` closes the pipe after ten lines: the rest of the report goes nowhere, quietly,
and the run still exits as its findings say (GitHub runs steps with ``pipefail``: a run with
findings must not turn into a success because its reader left early). A write that fails for
another reason (a full disk, an I/O error) is said in words and ends the run (exit 2). A standard
output that was closed before the run (``lint … >&-``) is replaced by nothing, and the run says
once that its report was not shown.
"""

from __future__ import annotations

import os
import sys


class OutputError(Exception):
    """Standard output cannot be written (a full disk, an I/O error): the report is lost."""

    def __init__(self, error: OSError):
        super().__init__(error.strerror or str(error))


class _State:
    __slots__ = ("fd", "gone", "closed", "written")

    def __init__(self, fd: int):
        self.fd = fd
        #: The reader went away (a broken pipe): everything from then on goes nowhere.
        self.gone = False
        #: Standard output was closed before the run.
        self.closed = False
        #: Something was written (to a closed standard output: lost).
        self.written = False

    def leave(self) -> None:
        """The reader went away: point the file descriptor at nothing, so that no later write or
        the interpreter's last flush fails again."""
        self.gone = True
        _to_nothing(self.fd)


def _to_nothing(fd: int) -> None:
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, fd)
    finally:
        if null != fd:
            os.close(null)


class Guarded:
    """A stream (text or bytes) whose broken pipe is remembered and whose other failures become
    :class:`OutputError`; everything else is the stream's own."""

    def __init__(self, stream, state: _State):
        self._stream = stream
        self._state = state

    def write(self, data):
        if not data:
            return 0
        self._state.written = True
        if self._state.gone:
            return len(data)
        try:
            return self._stream.write(data)
        except BrokenPipeError:
            self._state.leave()
            return len(data)
        except OSError as exc:
            self._failed(exc)
            return len(data)

    def flush(self) -> None:
        if self._state.gone:
            return
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._state.leave()
        except OSError as exc:
            self._failed(exc)

    def _failed(self, exc: OSError) -> None:
        if self._state.fd == 1:
            raise OutputError(exc) from None
        self._state.leave()  # standard error: there is nowhere left to say it

    @property
    def buffer(self):
        return Guarded(self._stream.buffer, self._state)

    def __getattr__(self, name):
        return getattr(self._stream, name)


class StandardOutput:
    """``sys.stdout`` and ``sys.stderr`` guarded for the length of a command (see the module
    docstring)."""

    def __init__(self):
        self.original = sys.stdout, sys.stderr
        self.state = _State(1)
        guarded = []
        for fd, stream, state in ((1, sys.stdout, self.state), (2, sys.stderr, _State(2))):
            if stream is None:  # closed before the run (`>&-`): Python has no stream at all
                state.closed = True
                _to_nothing(fd)
                stream = open(fd, "w", closefd=False, errors="replace")
            guarded.append(Guarded(stream, state))
        sys.stdout, sys.stderr = guarded

    def flush(self) -> None:
        sys.stdout.flush()

    def restore(self) -> None:
        sys.stdout, sys.stderr = self.original

    def report_lost(self) -> bool:
        """Whether a report was written to a standard output that was closed."""
        return self.state.closed and self.state.written
