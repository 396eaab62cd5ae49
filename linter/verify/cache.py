"""The look-up cache: one SQLite file in the user's cache folder, shared by every kamerlint process.

WAL mode and a busy time-out let several processes (``--jobs``, two pre-commit hooks) read and
write at once. Answers are keyed on the source that gave them and the identifier: an answer from
a wrong address is never an answer for the right one. A found document is kept (its facts, not
its XML); "does not exist", and a record that may still change (a motie not yet voted on), only
for ``not_found_hours``; a failed look-up is never stored, so it is tried again next time.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

FILE_NAME = "records.sqlite3"
#: found: kept; provisional (a record that may still change) and missing: kept not_found_hours.
FOUND, PROVISIONAL, MISSING = "found", "provisional", "missing"
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS answers (source TEXT NOT NULL, id TEXT NOT NULL, status TEXT NOT NULL,"
    " facts TEXT, checked REAL NOT NULL, PRIMARY KEY (source, id))"
)
#: The table of kamerlint 0.x, keyed on the identifier alone: never read, dropped by clear.
LEGACY_TABLE = "records"
BUSY_MS = 10_000
#: Older SQLite builds allow 999 parameters in one statement.
QUERY_CHUNK = 500


def default_folder() -> Path:
    """``%LOCALAPPDATA%\\kamerlint`` on Windows, else ``$XDG_CACHE_HOME/kamerlint`` or ``~/.cache/kamerlint``."""
    if env := os.environ.get("KAMERLINT_CACHE_DIR"):
        return Path(env)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "kamerlint" / "Cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kamerlint"


def cache_folder(settings) -> Path:
    """The configured folder (``--cache-dir``, ``cache-dir``), else ``KAMERLINT_CACHE_DIR``, else the default."""
    return Path(settings.cache_dir).expanduser() if settings.cache_dir else default_folder()


#: How often a write is tried when the database is locked (about 1.5 s in all).
PUT_ATTEMPTS = 8


class Cache:
    """Answers by source and identifier. Every error of the database is swallowed into "no
    answer": a broken or locked cache makes references not verified, never a crash. A file that
    is not a database at all is *damaged* (``problem`` says how): reads answer nothing, writes
    fail, and ``cache info`` and ``sync`` say so."""

    def __init__(self, folder: Path, not_found_hours: float = 24):
        self.path = folder / FILE_NAME
        self.not_found_seconds = not_found_hours * 3600
        #: Why the file cannot be used ("file is not a database"), or "" when it can.
        self.problem = ""
        # One connection, kept open for the process's checks (each open and close of an SQLite
        # file costs a checkpoint); made again in a forked child.
        self._con = None
        self._writable = False
        self._pid = 0

    def _note(self, exc: Exception) -> None:
        import sqlite3

        # "database is locked" (OperationalError) is another process, not damage; "no such table"
        # is a file of an older kamerlint, read as empty.
        if not isinstance(exc, sqlite3.OperationalError):
            self.problem = str(exc) or type(exc).__name__

    def _connect(self, write: bool):
        if self._con is not None and self._pid == os.getpid() and (self._writable or not write):
            return self._con
        if not write and not self.path.is_file():
            return None  # cache mode never creates anything
        # sqlite3 and json are imported where a database is opened: with no cache file (the
        # default, cache mode) a run never pays for them.
        import sqlite3

        self.close()
        try:
            if write:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None, check_same_thread=False)
            con.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            if write:
                con.execute("PRAGMA journal_mode = WAL")
                # Safe in WAL mode (a crash loses at most the last answers, never the file), and
                # it spares a disk flush per write.
                con.execute("PRAGMA synchronous = NORMAL")
                con.execute(SCHEMA)
        except sqlite3.Error as exc:
            self._note(exc)
            return None
        except OSError as exc:
            self.problem = str(exc)
            return None
        self._con, self._writable, self._pid = con, write, os.getpid()
        return con

    def close(self) -> None:
        if self._con is not None:
            if self._pid == os.getpid():
                self._con.close()
            self._con = None

    def get(self, source: str, ids: list[str], decode) -> dict:
        """Known answers from ``source``: ``decode(facts)`` for a found record, None for a fresh
        "does not exist"."""
        if not ids:
            return {}
        con = self._connect(write=False)
        if con is None:
            return {}
        import json
        import sqlite3

        out: dict = {}
        now = time.time()
        try:
            for i in range(0, len(ids), QUERY_CHUNK):
                chunk = ids[i:i + QUERY_CHUNK]
                marks = ",".join("?" * len(chunk))
                for rid, status, facts, checked in con.execute(
                    f"SELECT id, status, facts, checked FROM answers WHERE source = ? AND id IN ({marks})", [source, *chunk]
                ):
                    fresh = now - checked < self.not_found_seconds
                    if status == FOUND or (status == PROVISIONAL and fresh):
                        out[rid] = decode(json.loads(facts))
                    elif status == MISSING and fresh:
                        out[rid] = None
        except sqlite3.Error as exc:
            self._note(exc)
            self.close()
            return {}
        except (ValueError, TypeError, KeyError):
            return {}
        return out

    def put(self, source: str, answers: dict) -> bool:
        """Store ``answers`` (identifier → (status, facts or None)); False when nothing could be
        stored (the file is damaged, or stayed locked)."""
        import json
        import sqlite3

        if not answers:
            return True
        now = time.time()
        rows = [
            (source, rid, status, json.dumps(facts, ensure_ascii=False) if facts is not None else None, now)
            for rid, (status, facts) in answers.items()
        ]
        # Two processes creating the file at once can meet "database is locked" where the busy
        # time-out does not apply (switching to WAL, creating the table): try again, briefly.
        for attempt in range(PUT_ATTEMPTS):
            con = self._connect(write=True)
            if con is not None:
                try:
                    con.execute("BEGIN IMMEDIATE")
                    con.executemany("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)", rows)
                    con.execute("COMMIT")
                    return True
                except sqlite3.Error as exc:
                    self._note(exc)
                    self.close()  # a fresh connection for the next try
            if self.problem:
                return False  # damaged: trying again changes nothing
            time.sleep(0.05 * (attempt + 1))
        return False

    def info(self) -> dict:
        import sqlite3

        out = {"path": str(self.path), "exists": self.path.is_file(), "found": 0, "missing": 0, "bytes": 0, "problem": ""}
        con = self._connect(write=False)
        if con is not None:
            try:
                # A damaged file fails here, at its first read.
                tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                if "answers" in tables:
                    for status, n in con.execute("SELECT status, COUNT(*) FROM answers GROUP BY status"):
                        key = "found" if status in (FOUND, PROVISIONAL) else status
                        out[key] = out.get(key, 0) + n
                con.execute("PRAGMA quick_check").fetchall()
            except sqlite3.Error as exc:
                self._note(exc)
        out["problem"] = self.problem
        if out["exists"]:
            out["bytes"] = sum(p.stat().st_size for p in self.path.parent.glob(FILE_NAME + "*") if p.is_file())
        return out

    def clear(self) -> int:
        """Empty the cache; a damaged file is removed. The number of answers removed."""
        import sqlite3

        con = self._connect(write=False)
        if con is None and not self.problem:
            return 0
        n = 0
        try:
            if con is not None:
                tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                if "answers" in tables:
                    n = con.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
                    con.execute("DELETE FROM answers")
                if LEGACY_TABLE in tables:
                    con.execute(f"DROP TABLE {LEGACY_TABLE}")
                con.execute("VACUUM")
                return n
        except sqlite3.Error as exc:
            self._note(exc)
        finally:
            self.close()
        if self.problem:  # not a database: nothing in it can be kept
            for part in self.path.parent.glob(FILE_NAME + "*"):
                part.unlink(missing_ok=True)
            self.problem = ""
        return n
