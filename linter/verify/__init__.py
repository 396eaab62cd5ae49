"""Verification: do the Kamerstukken and moties a letter cites exist, and are they what it says?

The engine calls :func:`look_up` before the rules run; rules read the answers from ``ctx.records``
(a :class:`Records`) and never go online themselves. Two sources: the publisher
(officielebekendmakingen.nl: does the document exist, who submitted it, what kind it is) and the
Tweede Kamer's open data (what became of a motie). Modes (``verify`` in the settings): ``cache``
(default) answers from the cache only and never touches the network; ``online`` also asks the
sources for what the cache does not know; ``off`` does neither. A look-up that gives no answer is
"not verified", with a reason, and never a finding.
"""

from __future__ import annotations

import os
from collections import Counter

from linter.i18n import N_, _
from linter.verify.cache import Cache, cache_folder

# linter.verify.record (Record, and the publisher's XML it is read from) is imported by the cache
# and the fetcher when they have an answer: a run with no cache file never needs it.

MODES = ("cache", "online", "off")
#: Rules that read the publisher's records, and those that read the Kamer's open data.
PUBLISHER_RULES = frozenset({"KS009", "MO001", "MO003", "MO004", "MO005"})
OPENDATA_RULES = frozenset({"MO005", "MO006", "MO007"})
#: The engine looks up only when one of these runs.
RECORD_RULES = PUBLISHER_RULES | OPENDATA_RULES
#: The prefix of open-data answers' identifiers in the cache, beside the publisher's.
ZAAK = "zaak:"
#: Why a look-up gave no answer: the key (in JSON and SARIF), and what the summary says.
REASONS = {
    "offline": N_("no network"),
    "refused": N_("connection refused"),
    "timeout": N_("no answer in time"),
    "server-error": N_("server error"),
    "http-error": N_("refused by the server"),
    "proxy": N_("refused by a proxy"),
    "rate-limited": N_("too many requests"),
    "bad-answer": N_("not a readable answer"),
    "too-large": N_("answer too large"),
    "redirects": N_("too many redirects"),
    "untrusted-404": N_("the source did not find a document that surely exists"),
    "gave-up": N_("not asked after repeated failures"),
    "not-in-cache": N_("not in the cache"),
    "cache-damaged": N_("the cache is damaged"),
}


def describe(reasons: dict[str, int]) -> str:
    """The reasons in words, the commonest first: "no answer in time" or "no network: 2, not in
    the cache: 1"."""
    ordered = sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ordered) == 1:
        return _(REASONS.get(ordered[0][0], ordered[0][0]))
    return ", ".join(f"{_(REASONS.get(k, k))}: {n}" for k, n in ordered)


#: The publisher, and the Tweede Kamer's open data (OData v4).
DEFAULT_BASE = "https://zoek.officielebekendmakingen.nl"
DEFAULT_ODATA = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0"


def base_url(settings) -> str:
    return settings.verify_url or os.environ.get("KAMERLINT_VERIFY_URL") or DEFAULT_BASE


def opendata_url(settings) -> str:
    return settings.opendata_url or os.environ.get("KAMERLINT_OPENDATA_URL") or DEFAULT_ODATA


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
    """The answers for one document: identifier → Record (found) or None (does not exist), the
    moties' open-data records, and the identifiers with no answer with the reason why."""

    def __init__(self, answers: dict, unanswered: dict[str, str], counted: bool, motions: dict | None = None):
        self.answers = answers
        self.motions = motions or {}
        self.unanswered = unanswered
        #: Whether unanswered look-ups count as "not verified" in the summary: always when online,
        #: in cache mode only once a cache exists (someone chose to verify).
        self.counted = counted
        #: False when answers could not be stored (a damaged cache); why, in ``cache_problem``.
        self.stored = True
        self.cache_problem = ""

    def get(self, identifier: str | None):
        return self.answers.get(identifier) if identifier else None

    def motion(self, identifier: str | None):
        return self.motions.get(identifier) if identifier else None

    def does_not_exist(self, identifier: str | None) -> bool:
        return bool(identifier) and identifier in self.answers and self.answers[identifier] is None

    @property
    def not_verified(self) -> int:
        return len(self.unanswered) if self.counted else 0

    @property
    def reasons(self) -> Counter:
        return Counter(self.unanswered.values()) if self.counted else Counter()


def cited_ids(doc, style: str) -> list[str]:
    """The identifiers of every Kamerstuk reference in the document (each number of ``nrs. 642 en
    646``), in order, once each."""
    from linter.citations.models import KAMERSTUK
    from linter.citations.scan import scan
    from linter.verify.cited import kamerstuk_ids

    seen: dict[str, None] = {}
    for _para, refs in scan(doc, style):
        for ref in refs:
            if ref.type == KAMERSTUK:
                for rid in kamerstuk_ids(ref.fields):
                    seen.setdefault(rid)
    return list(seen)


def motie_ids(doc, style: str) -> list[str]:
    """The identifiers the letter cites as moties or amendementen, once each."""
    from linter.verify.cited import cited_moties

    seen: dict[str, None] = {}
    for cited in cited_moties(doc, style):
        for rid in cited.identifiers:
            seen.setdefault(rid)
    return list(seen)


def _settings_timing(settings) -> tuple[float, float]:
    return settings.verify_timeout, settings.verify_pace


def _ask(settings, publisher_ids: list[str], motion_ids: list[str]) -> tuple[tuple, tuple]:
    """Both sources at once: (answers, failures) of the publisher and of the open data."""
    from concurrent.futures import ThreadPoolExecutor

    from linter.verify import fetch, opendata

    timing = _settings_timing(settings)
    with ThreadPoolExecutor(max_workers=2) as pool:
        publisher = pool.submit(fetch.fetch_all, fetch.source(base_url(settings), *timing), publisher_ids)
        motions = pool.submit(opendata.fetch_all, fetch.source(opendata_url(settings), *timing), motion_ids)
        return publisher.result(), motions.result()

_CACHES: dict = {}


def open_cache(settings) -> Cache:
    """The process's Cache for these settings: its connection serves every file a process checks."""
    key = (cache_folder(settings), settings.verify_not_found_hours)
    cache = _CACHES.get(key)
    if cache is None or cache.problem:
        cache = _CACHES[key] = Cache(*key)
    return cache


def answer(ids: list[str], settings, online: bool, motions: list[str] | None = None) -> Records:
    """Answers from the cache, and (online) from the sources for the rest, stored back; ``motions``
    are also looked up in the open data."""
    from linter.verify.cache import FOUND, MISSING, PROVISIONAL
    from linter.verify.opendata import Motion
    from linter.verify.record import Record

    motions = motions or []
    cache = open_cache(settings)
    publisher, odata = base_url(settings), opendata_url(settings)
    known = cache.get(publisher, ids, Record.from_json)
    moved = {k[len(ZAAK):]: v for k, v in cache.get(odata, [ZAAK + i for i in motions], Motion.from_json).items()}
    unanswered: dict[str, str] = {}
    stored = True
    rest, rest_motions = [i for i in ids if i not in known], [i for i in motions if i not in moved]
    if online and (rest or rest_motions):
        (fetched, failed), (found_motions, failed_motions) = _ask(settings, rest, rest_motions)
        stored = cache.put(publisher, {rid: (FOUND, rec.to_json()) if rec else (MISSING, None) for rid, rec in fetched.items()})
        stored = cache.put(odata, {
            ZAAK + rid: ((FOUND if m.final else PROVISIONAL), m.to_json()) if m else (MISSING, None) for rid, m in found_motions.items()
        }) and stored
        known.update(fetched)
        moved.update(found_motions)
        unanswered.update(failed)
        for rid, reason in failed_motions.items():
            unanswered.setdefault(rid, reason)
    missing_reason = "cache-damaged" if cache.problem else "not-in-cache"
    for rid in [*(i for i in ids if i not in known), *(i for i in motions if i not in moved)]:
        unanswered.setdefault(rid, missing_reason)
    records = Records(known, unanswered, counted=online or cache.path.is_file(), motions=moved)
    records.stored = stored
    records.cache_problem = cache.problem
    return records


def look_up(doc, settings, selected: set[str] | frozenset[str] = RECORD_RULES) -> Records | None:
    """What the engine hands the rules; None when verification is off."""
    if settings.verify == "off":
        return None
    style = settings.citation_style
    ids = cited_ids(doc, style) if selected & PUBLISHER_RULES else []
    motions = motie_ids(doc, style) if selected & OPENDATA_RULES else []
    return answer(ids, settings, online=settings.verify == "online", motions=motions)
