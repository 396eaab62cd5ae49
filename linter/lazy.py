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
        self.source = source
        self.flags = flags

    def __getattr__(self, name: str):
        compiled = re.compile(self.source, self.flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))  # found directly from now on
        return getattr(compiled, name)
