"""The budget chapters (begrotingshoofdstukken) and budget funds (begrotingsfondsen) of the
Rijksbegroting: the suffixes a Kamerstuk dossier of a begroting carries (`36 600 XX`, `36 600 A`).

Source: the Rijksbegroting's own list of begrotingshoofdstukken and fondsen (rijksfinancien.nl,
"Begrotingen"; the Comptabiliteitswet 2016 numbers the chapters), checked against the dossier
titles of the published Kamerstukken in ../shared/corpus/opendata/publications/ where they occur
("Vaststelling van de begrotingsstaat van het Ministerie van Asiel en Migratie (XX)",
kst-36600-XX-48). The list in spec/references.md §1.1 stopped at XVIII: it was wrong, as were
the letters A–J alone.

A chapter that has been closed stays here: letters cite old dossiers. A new chapter or fund is
one line.
"""

from __future__ import annotations

#: (suffix, what it is). Roman numerals are chapters, capital letters funds.
CHAPTERS: tuple[tuple[str, str], ...] = (
    ("I", "De Koning"),
    ("IIA", "Staten-Generaal"),
    ("IIB", "Overige Hoge Colleges van Staat, Kabinetten van de Gouverneurs en de Kiesraad"),
    ("III", "Algemene Zaken"),
    ("IV", "Koninkrijksrelaties"),
    ("V", "Buitenlandse Zaken"),
    ("VI", "Justitie en Veiligheid"),
    ("VII", "Binnenlandse Zaken en Koninkrijksrelaties"),
    ("VIII", "Onderwijs, Cultuur en Wetenschap"),
    ("IX", "Financiën en Nationale Schuld"),
    ("IXA", "Nationale Schuld (until 2011)"),
    ("IXB", "Financiën (until 2011)"),
    ("X", "Defensie"),
    ("XI", "Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer (until 2011)"),
    ("XII", "Infrastructuur en Waterstaat"),
    ("XIII", "Economische Zaken"),
    ("XIV", "Landbouw, Visserij, Voedselzekerheid en Natuur"),
    ("XV", "Sociale Zaken en Werkgelegenheid"),
    ("XVI", "Volksgezondheid, Welzijn en Sport"),
    ("XVII", "Buitenlandse Handel en Ontwikkelingshulp"),
    ("XVIII", "Wonen en Rijksdienst (2013–2017)"),
    ("XIX", "Nationaal Groeifonds"),
    ("XX", "Asiel en Migratie"),
    ("XXII", "Volkshuisvesting en Ruimtelijke Ordening"),
    ("XXIII", "Klimaat en Groene Groei"),
    ("A", "Mobiliteitsfonds (formerly Infrastructuurfonds)"),
    ("B", "Gemeentefonds"),
    ("C", "Provinciefonds"),
    ("F", "Diergezondheidsfonds"),
    ("H", "BES-fonds"),
    ("J", "Deltafonds"),
    ("K", "Defensiematerieelbegrotingsfonds"),
    ("L", "Nationaal Groeifonds (as a fund)"),
    ("M", "Klimaatfonds"),
)

#: The suffixes, as one alternation for a pattern: longest first, so that XVII is not read as X.
SUFFIX_PATTERN = "|".join(sorted((code for code, _ in CHAPTERS), key=lambda c: (-len(c), c)))


def chapter_name(suffix: str) -> str | None:
    """What a suffix stands for, or None when it is no chapter or fund."""
    return next((name for code, name in CHAPTERS if code == suffix), None)
