"""Verification: do the Kamerstukken and moties a letter cites exist, and are they what it says?

The engine calls :func:`look_up` before the rules run; rules read the answers from ``ctx.records``
(a :class:`Records`) and never go online themselves. Modes (``verify`` in the settings):
``cache`` (default) answers from the cache only and never touches the network; ``online`` also
asks the publisher for what the cache does not know; ``off`` does neither.
"""

from __future__ import annotations

import os

from linter.verify.cache import Cache, cache_folder

# linter.verify.record (Record, and the publisher's XML it is read from) is imported by the cache
# and the fetcher when they have an answer: a run with no cache file never needs it.

MODES = ("cache", "online", "off")
#: Rules that read the records; the engine looks up only when one of them runs.
RECORD_RULES = frozenset({"KS009", "MO003", "MO004", "MO001"})


def base_url(settings) -> str:
    from linter.verify.fetch import DEFAULT_BASE

    return settings.verify_url or os.environ.get("KAMERLINT_VERIFY_URL") or DEFAULT_BASE


def kamerstuk_id(fields: dict) -> str | None:
    """``kst-36725-XVII-45`` for the fields of a Kamerstuk reference (the R-number is not in it);
    None when the reference does not name one document."""
    nr = fields.get("nr") or fields.get("ek")
    if not nr or not fields.get("dossier") or not (nr.isdigit() or nr.isalpha()):
        return None  # "nr. 5a": no known identifier form
    parts = ["kst", fields["dossier"]]
    parts += [fields[k] for k in ("sub", "toev") if fields.get(k)]
    return "-".join([*parts, nr])


class Records:
    """The answers for one document: identifier → Record (found) or None (does not exist);
    identifiers with no answer are not verified."""

    def __init__(self, answers: dict[str, Record | None], unanswered: set[str], counted: bool):
        self.answers = answers
        self.unanswered = unanswered
        #: Whether unanswered look-ups count as "not verified" in the summary: always when online,
        #: in cache mode only once a cache exists (someone chose to verify).
        self.counted = counted

    def get(self, identifier: str | None) -> Record | None:
        return self.answers.get(identifier) if identifier else None

    def does_not_exist(self, identifier: str | None) -> bool:
        return bool(identifier) and identifier in self.answers and self.answers[identifier] is None

    @property
    def not_verified(self) -> int:
        return len(self.unanswered) if self.counted else 0


def cited_ids(doc, style: str) -> list[str]:
    """The identifiers of every Kamerstuk reference in the document, in order, once each."""
    from linter.citations.models import KAMERSTUK
    from linter.citations.scan import scan

    seen: dict[str, None] = {}
    for _para, refs in scan(doc, style):
        for ref in refs:
            if ref.type == KAMERSTUK and (rid := kamerstuk_id(ref.fields)):
                seen.setdefault(rid)
    return list(seen)


def answer(ids: list[str], settings, online: bool) -> Records:
    """Answers from the cache, and (online) from the publisher for the rest, stored back."""
    cache = Cache(cache_folder(settings), settings.verify_not_found_hours)
    known = cache.get(ids)
    rest = [i for i in ids if i not in known]
    if online and rest:
        from linter.verify.fetch import fetch_all

        fetched, _failed = fetch_all(base_url(settings), rest, settings.verify_timeout)
        cache.put(fetched)
        known.update(fetched)
    unanswered = {i for i in ids if i not in known}
    return Records(known, unanswered, counted=online or cache.path.is_file())


def look_up(doc, settings) -> Records | None:
    """What the engine hands the rules; None when verification is off."""
    if settings.verify == "off":
        return None
    return answer(cited_ids(doc, settings.citation_style), settings, online=settings.verify == "online")
