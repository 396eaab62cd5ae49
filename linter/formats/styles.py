"""What the .docx and .odt style tables share: the text properties the model needs, in the order
both tables hold them, and the walk up a style's parents (basedOn in OOXML, parent-style-name in ODF).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

#: Indexes into a style's text properties (an .odt style also holds its highlight).
SUPERSCRIPT, HIDDEN, HIGHLIGHT = 0, 1, 2


def style_chain(name: str | None, entry_of: Callable[[str], tuple | None]) -> Iterator[tuple]:
    """The entries of style ``name`` and of the styles it is based on, nearest first. An entry's
    first item is its parent's name; a missing style or a loop ends the chain."""
    seen = set()
    while name is not None and name not in seen:
        seen.add(name)
        entry = entry_of(name)
        if entry is None:
            return
        yield entry
        name = entry[0]
