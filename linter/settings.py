"""Settings in force for a run: what the command line and (later) configuration files decide.

Rules read what they need from here (``ctx.settings.citation_style``); nothing else is global.
"""

from __future__ import annotations

from linter.limits import DEFAULT_LIMITS, Limits
from linter.model import Value

DEFAULT_PLACEHOLDERS = ("PM", "p.m.", "XXX", "[datum]", "[…]", "[...]", "TODO", "nog invullen")


class Settings(Value):
    """A plain class, compared field by field (see linter.model: every run builds it at start-up)."""

    __slots__ = ("select", "extend_select", "ignore", "severity", "citation_style", "document_type", "footnote_marker",
                 "note_link_exempt", "placeholders", "letter_date", "limits", "url_base", "fix", "verify", "verify_url",
                 "cache_dir", "verify_not_found_hours", "verify_timeout", "lang", "report_questions",
                 "opendata_url", "verify_pace", "require_verified")

    def __init__(
        self,
        select: list[str] | None = None,  # empty: all rules
        extend_select: list[str] | None = None,
        ignore: list[str] | None = None,
        #: Per-code severity overrides: {"FN010": "error"}.
        severity: dict[str, str] | None = None,
        #: "tweede-kamer" (Kamerstuk 36 180, nr. 168) or "juridisch" (Kamerstukken II 2024/25, 36180, nr. 168).
        citation_style: str = "tweede-kamer",
        #: The genre whose citation conventions apply: "kamerbrief", "motie", "handelingen",
        #: "aanhangsel", or "auto" (the default): the genre the document's opening shows, else kamerbrief.
        document_type: str = "auto",
        #: FN006: "consistent", "after-punctuation" or "before-punctuation".
        footnote_marker: str = "consistent",
        #: FN010: a note whose last element is a hyperlink counts as ending in a web address.
        note_link_exempt: bool = True,
        placeholders: tuple[str, ...] = DEFAULT_PLACEHOLDERS,
        #: The letter's date, when given on the command line (TZ002); otherwise read from the letter.
        letter_date: date | None = None,
        limits: Limits = DEFAULT_LIMITS,
        url_base: str = "https://kamerlint.readthedocs.io/rules/",
        #: ``fix = true`` in a configuration: apply safe fixes as ``--fix`` does.
        fix: bool = False,
        #: Look-ups of cited Kamerstukken (KS009, MO003 … MO007): "cache" (never the network), "online", "off".
        verify: str = "cache",
        #: Where to ask; None: $KAMERLINT_VERIFY_URL, else https://zoek.officielebekendmakingen.nl.
        verify_url: str | None = None,
        #: The cache folder; None: $KAMERLINT_CACHE_DIR, else the user's cache folder.
        cache_dir: str | None = None,
        verify_not_found_hours: float = 24,
        verify_timeout: float = 5.0,
        #: ``lang`` in a configuration: "nl" or "en"; None leaves it to the environment (linter.i18n).
        lang: str | None = None,
        #: Report findings inside the questions an answer to Kamervragen quotes (linter.questions).
        report_questions: bool = False,
        #: The Tweede Kamer's open data; None: $KAMERLINT_OPENDATA_URL, else gegevensmagazijn.tweedekamer.nl.
        opendata_url: str | None = None,
        #: Seconds between two requests to one source.
        verify_pace: float = 0.25,
        #: A reference that could not be verified fails the run (CI that must verify).
        require_verified: bool = False,
    ):
        self.select = [] if select is None else select
        self.extend_select = [] if extend_select is None else extend_select
        self.ignore = [] if ignore is None else ignore
        self.severity = {} if severity is None else severity
        self.citation_style = citation_style
        self.document_type = document_type
        self.footnote_marker = footnote_marker
        self.note_link_exempt = note_link_exempt
        self.placeholders = placeholders
        self.letter_date = letter_date
        self.limits = limits
        self.url_base = url_base
        self.fix = fix
        self.verify = verify
        self.verify_url = verify_url
        self.cache_dir = cache_dir
        self.verify_not_found_hours = verify_not_found_hours
        self.verify_timeout = verify_timeout
        self.lang = lang
        self.report_questions = report_questions
        self.opendata_url = opendata_url
        self.verify_pace = verify_pace
        self.require_verified = require_verified
