"""The look-up cache: one SQLite file in the user's cache folder, shared by every kamerlint process.

WAL mode and a busy time-out let several processes (``--jobs``, two pre-commit hooks) read and
write at once. A found document is kept (its facts, not its XML); "does not exist" only for
``not_found_hours``; a failed look-up is never stored, so it is tried again next time.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

FILE_NAME = "records.sqlite3"
FOUND, MISSING = "found", "missing"
SCHEMA = "CREATE TABLE IF NOT EXISTS records (id TEXT PRIMARY KEY, status TEXT NOT NULL, facts TEXT, checked REAL NOT NULL)"
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
    """Answers by identifier. Every error of the database is swallowed into "no answer": a broken
    or locked cache makes references not verified, never a crash."""

    def __init__(self, folder: Path, not_found_hours: float = 24):
        self.path = folder / FILE_NAME
        self.not_found_seconds = not_found_hours * 3600

    def _connect(self, write: bool) -> sqlite3.Connection | None:
        if not write and not self.path.is_file():
            return None  # cache mode never creates anything
        # sqlite3 and json are imported where a database is opened: with no cache file (the
        # default, cache mode) a run never pays for them.
        import sqlite3

        try:
            if write:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None)
            con.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            if write:
                con.execute("PRAGMA journal_mode = WAL")
                con.execute(SCHEMA)
            return con
        except (sqlite3.Error, OSError):
            return None

    def get(self, ids: list[str]) -> dict[str, Record | None]:
        """Known answers: a Record for a found document, None for a fresh "does not exist"."""
        if not ids:
            return {}
        con = self._connect(write=False)
        if con is None:
            return {}
        import json
        import sqlite3

        from linter.verify.record import Record

        out: dict[str, Record | None] = {}
        now = time.time()
        try:
            for i in range(0, len(ids), QUERY_CHUNK):
                chunk = ids[i:i + QUERY_CHUNK]
                marks = ",".join("?" * len(chunk))
                for rid, status, facts, checked in con.execute(
                    f"SELECT id, status, facts, checked FROM records WHERE id IN ({marks})", chunk
                ):
                    if status == FOUND:
                        out[rid] = Record.from_json(json.loads(facts))
                    elif status == MISSING and now - checked < self.not_found_seconds:
                        out[rid] = None
        except (sqlite3.Error, ValueError, TypeError):
            return {}
        finally:
            con.close()
        return out

    def put(self, answers: dict[str, Record | None]) -> bool:
        import json
        import sqlite3

        if not answers:
            return True
        now = time.time()
        rows = [
            (rid, FOUND if rec else MISSING, json.dumps(rec.to_json(), ensure_ascii=False) if rec else None, now)
            for rid, rec in answers.items()
        ]
        # Two processes creating the file at once can meet "database is locked" where the busy
        # time-out does not apply (switching to WAL, creating the table): try again, briefly.
        for attempt in range(PUT_ATTEMPTS):
            con = self._connect(write=True)
            if con is not None:
                try:
                    con.execute("BEGIN IMMEDIATE")
                    con.executemany("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?)", rows)
                    con.execute("COMMIT")
                    return True
                except sqlite3.Error:
                    pass
                finally:
                    con.close()
            time.sleep(0.05 * (attempt + 1))
        return False

    def info(self) -> dict:
        import sqlite3

        out = {"path": str(self.path), "exists": self.path.is_file(), "found": 0, "missing": 0, "bytes": 0}
        con = self._connect(write=False)
        if con is None:
            return out
        try:
            for status, n in con.execute("SELECT status, COUNT(*) FROM records GROUP BY status"):
                out[status] = n
        except sqlite3.Error:
            pass
        finally:
            con.close()
        out["bytes"] = sum(p.stat().st_size for p in self.path.parent.glob(FILE_NAME + "*") if p.is_file())
        return out

    def clear(self) -> int:
        import sqlite3

        con = self._connect(write=False)
        if con is None:
            return 0
        try:
            n = con.execute("SELECT COUNT(*) FROM records").fetchone()[0]
            con.execute("DELETE FROM records")
            con.execute("VACUUM")
            return n
        except sqlite3.Error:
            return 0
        finally:
            con.close()
