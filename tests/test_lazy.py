"""linter.lazy.LazyPattern: compiled on first use, then the compiled pattern's own methods."""

import re

from linter.lazy import LazyPattern


def test_a_lazy_pattern_is_compiled_on_first_use():
    pattern = LazyPattern(r"pm(\d)?", re.IGNORECASE)
    assert "search" not in vars(pattern)
    assert pattern.search("12 PM3").group(1) == "3"
    assert vars(pattern)["search"].__self__ is re.compile(r"pm(\d)?", re.IGNORECASE)
    assert [m.span() for m in pattern.finditer("pm pm")] == [(0, 2), (3, 5)]
    assert pattern.pattern == r"pm(\d)?" and pattern.groups == 1
    assert pattern.flags == re.compile(r"pm(\d)?", re.IGNORECASE).flags  # the compiled pattern's (with re.UNICODE)
