"""What a report shows of names and text it did not write itself: file names that are not valid
UTF-8, and control characters in a draft."""

from __future__ import annotations

import os


def shown_name(name: str) -> str:
    """A file name as reports show it. A name that is not valid UTF-8 (its bytes held as
    surrogate escapes, os.fsdecode) shows those bytes as ``\\xNN``: every format, the baseline and
    the index page can write it, and it still says which file; the file is opened by its path.
    Control characters in a name are made visible (:func:`printable`)."""
    if name.isascii() and name.isprintable():
        return name
    try:
        name = os.fsencode(name).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate no file system decoding makes (--stdin-filename)
        name = name.encode("utf-8", "backslashreplace").decode("ascii")
    return printable(name)


#: Control characters as their visible pictures (ESC as ␛, U+241B), one character for one, so
#: that a caret under an excerpt still points where it did; C1 controls (which some terminals
#: read as escape sequences too) as U+FFFD. Tab stays.
_PICTURES = {**{c: 0x2400 + c for c in range(0x20) if c != 0x09}, 0x7F: 0x2421, **{c: 0xFFFD for c in range(0x80, 0xA0)}}


def printable(text: str) -> str:
    """``text`` from a draft (or a file name) with its control characters made visible: a
    terminal is never sent an escape sequence from a letter, and XML 1.0, which forbids most of
    them, can hold the text."""
    return text.translate(_PICTURES) if text and not text.isprintable() else text
