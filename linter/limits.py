"""Safety limits, in one place, with names. Configuration may raise them (``[limits]``).

A file over a limit is an IO003 finding, never a crash or a hang: every limit is checked before
the work it guards (a zip entry's declared size before inflating it, the part count before
opening any part), and inflation is streamed so a lying header cannot get past it either.
"""

from __future__ import annotations

from linter.model import Value


class Limits(Value):
    """Frozen: set once, from the defaults and the configuration's ``[limits]``."""

    __slots__ = ("max_file_bytes", "max_part_bytes", "max_total_bytes", "max_parts", "max_compression_ratio",
                 "max_xml_depth", "max_text_chars")

    def __init__(
        self,
        #: Largest input file we open at all.
        max_file_bytes: int = 200 * 1024 * 1024,
        #: Largest single part after inflation (a whole 300-page letter's document.xml is ~10 MB).
        max_part_bytes: int = 128 * 1024 * 1024,
        #: All parts we inflate together.
        max_total_bytes: int = 512 * 1024 * 1024,
        #: Entries in a zip container.
        max_parts: int = 10_000,
        #: Inflated / compressed size of one part; XML compresses well, but not a thousandfold.
        max_compression_ratio: int = 1_000,
        #: Element nesting depth in a part.
        max_xml_depth: int = 256,
        #: Characters in a text draft.
        max_text_chars: int = 50_000_000,
    ):
        for name, value in zip(self.__slots__, (max_file_bytes, max_part_bytes, max_total_bytes, max_parts,
                                                max_compression_ratio, max_xml_depth, max_text_chars)):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Limits are frozen: make new ones with replace({name}=...)")

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, name) for name in self.__slots__))

    def __reduce__(self):  # pickle and copy through __init__, as setting attributes is refused
        return (Limits, tuple(getattr(self, name) for name in self.__slots__))

    @classmethod
    def names(cls) -> list[str]:
        return list(cls.__slots__)

    def replace(self, **changes: int) -> "Limits":
        """These limits with some changed."""
        return Limits(**{name: changes.get(name, getattr(self, name)) for name in self.__slots__})


DEFAULT_LIMITS = Limits()
