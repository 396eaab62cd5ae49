"""A regular expression compiled the first time it is used.

re compiles a pattern in Python, 0.1 to 1 ms each: a module's patterns for rare cases (a letter
addressed to the Eerste Kamer, an e-mail address in the file's properties) cost a run nothing
until a rule meets one. After the first use its methods are the compiled pattern's own.
"""

from __future__ import annotations

import re

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    def __init__(self, source: str, flags: int = 0):
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str):
        # Only what the instance does not hold comes here: the first use, and attributes other
        # than the methods (.pattern, .flags), read from the compiled pattern kept below.
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self._compiled = re.compile(self._source, self._flags)
            for method in _METHODS:
                setattr(self, method, getattr(compiled, method))  # found directly from now on
        return getattr(compiled, name)
