"""Dutch written dates ("dinsdag 25 maart 2025") and the letter's own date."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from linter.citations import patterns as P
from linter.citations.models import DATE, Problem, Reference
from linter.i18n import _
from linter.lazy import LazyPattern

if TYPE_CHECKING:
    from datetime import date


def calendar_date(year: int, month: int, day: int) -> date:
    """datetime.date, imported where a text has a date: a run without one never loads datetime."""
    from datetime import date

    return date(year, month, day)


def _distance(a: str, b: str) -> int:
    """Edit distance with transpositions (optimal string alignment)."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


# English names are a quotation or an English text, not a misspelt Dutch month.
ENGLISH_MONTHS = {"january", "february", "march", "may", "june", "july", "august", "october"}


DUTCH_TEXT = LazyPattern(r"\b(?:de|het|een|van|op|zijn|wordt|heeft|en|met|voor|niet|dat|naar|bij|sinds)\b")


def month_number(word: str) -> tuple[int | None, bool]:
    """(month, written correctly) for a month word; (None, False) when it is no month at all."""
    low = word.lower()
    if low in P.MONTHS:
        return P.MONTHS.index(low) + 1, word == low
    if len(low) >= 4 and low not in ENGLISH_MONTHS:
        close = [m for m in P.MONTHS if m[0] == low[0] and _distance(low, m) == 1]
        if len(close) == 1:
            return P.MONTHS.index(close[0]) + 1, False
    return None, False


def days_in_month(year: int, month: int) -> int:
    """As calendar.monthrange(year, month)[1], without importing calendar (and locale) at start-up."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def parse_date(text: str) -> date | None:
    """The date in a Dutch written date ("18 oktober 2023"), or None."""
    m = P.DATE.search(text)
    if not m:
        return None
    month, _ = month_number(m.group("m"))
    try:
        return calendar_date(int(m.group("y")), month, int(m.group("d"))) if month else None
    except ValueError:
        return None


_MONTH_NAMES = "|".join(m for m in P.MONTHS)
#: A month and year without a day, after a word in lower case (`in Maart 2024`): after a full stop,
#: at a paragraph's start or after a capitalised word (a title) the capital may be right.
MONTH_YEAR = LazyPattern(rf"(?<=[a-zà-ÿ][ \u00a0])(?P<m>(?i:{_MONTH_NAMES}))[ \u00a0](?P<y>(?:19|20)\d\d)(?![\w-])")
PREVIOUS_WORD = LazyPattern(r"(\S+)[ \u00a0]$")
#: The American order, month before day (`Maart 12, 2024`, `maart 12 2024`), not after a day.
US_ORDER = LazyPattern(
    rf"(?<!\d[ \u00a0])(?<![\w.-])(?P<m>(?i:{_MONTH_NAMES}))[ \u00a0](?P<d>\d{{1,2}})(?:,[ \u00a0]?|[ \u00a0])(?P<y>(?:19|20)\d\d)(?![\w-])"
)


#: What every pattern of find_dates needs (DATE, US_ORDER, MONTH_YEAR): a year after a space or comma.
YEAR_TRIGGER = re.compile(r"[ \u00a0\u202f,](?:19|20)\d\d")


def _undated_month_problems(text: str, dutch: bool) -> list[Reference]:
    """DT001 for a month with a capital and no day, and for a date in American order."""
    out = []
    for m in US_ORDER.finditer(text):
        month = P.MONTHS.index(m.group("m").lower()) + 1
        d, y = int(m.group("d")), int(m.group("y"))
        if not dutch:
            continue  # German writes Juli and September with a capital, English writes September 12, 2012
        name = P.MONTHS[month - 1]
        ref = Reference(DATE, m.start(), m.end(), m.group(), {"day": d, "month": month, "year": y})
        valid = 1 <= d <= days_in_month(y, month)
        ref.problems.append(Problem("DT001", _('"{text}" is in American order: write "{good}"', text=m.group(), good=f"{d} {name} {y}"),
                                    f"{d} {name} {y}" if valid else None))
        if not valid:
            ref.problems.append(Problem("DT001", _('"{date}" does not exist', date=f"{d} {name} {y}"), None))
        else:
            ref.fields["date"] = calendar_date(y, month, d)
        out.append(ref)
    for m in MONTH_YEAR.finditer(text):
        word = m.group("m")
        before = PREVIOUS_WORD.search(text, 0, m.start())
        if (
            not (word[0].isupper() and word[1:].islower())
            or not (before and before.group(1).isalpha() and before.group(1).islower())  # a title's own capitals
            or not dutch  # German months (Juni, Juli, Oktober) take a capital
            or any(r.start <= m.start() < r.end for r in out)
        ):
            continue
        name = word.lower()
        ref = Reference(DATE, m.start(), m.end(), m.group(), {"month": P.MONTHS.index(name) + 1, "year": int(m.group("y"))})
        ref.problems.append(Problem("DT001", _('Month "{month}" should be written "{good}"', month=word, good=name), f"{name} {m.group('y')}"))
        out.append(ref)
    return out


def find_dates(text: str) -> list[Reference]:
    out = []
    if YEAR_TRIGGER.search(text) is None:
        return out  # every date form here ends in a year after a space or comma
    dutch = bool(DUTCH_TEXT.search(text))
    out.extend(_undated_month_problems(text, dutch))
    for m in P.DATE.finditer(text):
        month, correct = month_number(m.group("m"))
        if month is None:
            continue
        if m.group("m") in ("April", "September", "November", "December") and not dutch:
            correct = True  # "Accepted: 12 September 2012" is English; flag it only in Dutch text
        d, y = int(m.group("d")), int(m.group("y"))
        ref = Reference(DATE, m.start(), m.end(), m.group(), {"day": d, "month": month, "year": y})
        name = P.MONTHS[month - 1]
        wd = m.group("wd")
        valid = 1 <= d <= days_in_month(y, month)
        fixed_month = m.group().replace(m.group("m"), name, 1) if not correct else m.group()
        if not correct:
            ref.problems.append(Problem("DT001", _('Month "{month}" should be written "{good}"', month=m.group("m"), good=name),
                                        fixed_month if valid else None))
        if not valid:
            ref.problems.append(Problem("DT001", _('"{date}" does not exist', date=f"{d} {name} {y}"), None))
        elif wd:
            real = P.WEEKDAYS[calendar_date(y, month, d).weekday()]
            if wd.lower() != real:
                right = real.capitalize() if wd[0].isupper() else real
                fix = right + fixed_month[len(wd):]
                ref.problems.append(Problem("DT002", _("{date} is a {weekday}, not a {written}", date=f"{d} {name} {y}", weekday=real, written=wd.lower()), fix))
        if valid:
            ref.fields["date"] = calendar_date(y, month, d)
        out.append(ref)
    return out


def letter_date(doc, settings=None) -> date | None:
    """The letter's date: ``--letter-date`` if given, else what the letter's head says (a `Datum`
    content control, field or line; see :mod:`linter.letterhead`)."""
    from linter.letterhead import letter_date as from_head

    return from_head(doc, settings)
