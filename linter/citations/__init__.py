"""Citations: find, check and render references to parliamentary papers and official publications.

Usable on its own::

    >>> from linter.citations import find_references
    >>> [ (r.type, r.codes, r.render()) for r in find_references("Kamerstuk 36180, nr. 168") ]
    [('kamerstuk', ['KS001'], 'Kamerstuk 36 180, nr. 168')]

Only the citation rules import this package, so runs without them never compile its patterns.
"""

from linter.citations.dates import find_dates, letter_date, parse_date
from linter.citations.find import find_references
from linter.citations.models import JURIDISCH, TWEEDE_KAMER, Problem, Reference, is_safe_change

__all__ = [
    "find_references", "find_dates", "letter_date", "parse_date", "Reference", "Problem",
    "is_safe_change", "TWEEDE_KAMER", "JURIDISCH",
]
