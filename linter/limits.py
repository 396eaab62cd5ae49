"""Safety limits, in one place, with names. Configuration may raise them (``[limits]``).

A file over a limit is an IO003 finding, never a crash or a hang: every limit is checked before
the work it guards (a zip entry's declared size before inflating it, the part count before
opening any part), and inflation is streamed so a lying header cannot get past it either.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Limits:
    #: Largest input file we open at all.
    max_file_bytes: int = 200 * 1024 * 1024
    #: Largest single part after inflation (a whole 300-page letter's document.xml is ~10 MB).
    max_part_bytes: int = 128 * 1024 * 1024
    #: All parts we inflate together.
    max_total_bytes: int = 512 * 1024 * 1024
    #: Entries in a zip container.
    max_parts: int = 10_000
    #: Inflated / compressed size of one part; XML compresses well, but not a thousandfold.
    max_compression_ratio: int = 1_000
    #: Element nesting depth in a part.
    max_xml_depth: int = 256
    #: Characters in a text draft.
    max_text_chars: int = 50_000_000

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


DEFAULT_LIMITS = Limits()
