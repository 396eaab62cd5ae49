"""Regular expressions of the citation parser, each compiled the first time it is used: a run
meets only the families its letters contain, and compiling all of them cost ~40 ms at import.

Spaces: a normal, no-break (U+00A0) or narrow no-break (U+202F) space is accepted wherever a space is.
"""

from __future__ import annotations

import re

from linter.citations.chapters import SUFFIX_PATTERN


class _Source:
    """A pattern's text, compiled by the module's __getattr__ below on first use."""

    __slots__ = ("pattern", "flags")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags

#: One space of any kind. A branch, not the one class [ \u00a0\u202f]: for a class that mixes
#: Latin-1 and other characters re builds a 64K bitmap (~0.1 ms a time) and S occurs over a hundred
#: times; the "{1}" keeps re's parser from merging the branch back into that class. Same matches.
S = "(?:[ \u00a0]|\u202f{1})"
SPACE_OR_DOT = "(?:[ \u00a0.]|\u202f{1})"  # as S: the separator inside a dossier number
NOTE_MARK = "\ufffc"

#: Budget chapters and fund letters: the Rijksbegroting's list, one table (chapters.py).
KNOWN_TOEV = _Source(f"(?:{SUFFIX_PATTERN})")

#: A pattern that begins with a look-behind gets no fast scan from re: it tries the look-behind at
#: every position of the text. Those that run over whole paragraphs therefore take their first
#: letter first and look behind it, two characters wide: "K(?<![\w].)amerstuk" matches where
#: "(?<![\w])Kamerstuk" does, and re skips ahead to the next "K" in C (3 to 10 times faster).
#: tests/test_prechecks.py holds each such pattern to its plain form.
GLUED_TO_LABEL = r"(?:[^\W\d_]|[./-])."  # a letter, ".", "/" or "-", then the label's first letter

# -- Kamerstukken: a label, then parts parsed one by one from left to right ------------------
LABEL = _Source(
    rf"(?P<label>[Kk](?<!{GLUED_TO_LABEL})amerstuk(?:ken|nummers?)?|T(?<!{GLUED_TO_LABEL})(?:K|\.K\.))(?![\w])"
)
CHAMBER = _Source(rf"(?P<pre>,?{S}*)(?P<kamer>II|ll|I|l|Il|lI)(?P<post>,?{S}*)(?=\d)")
VJ = _Source(
    rf"(?P<pre>,?{S}*)(?:vergaderjaar{S})?(?P<vj>(?P<y1>(?:18|19|20)\d\d)(?P<vsep>{S}?[/\-–]{S}?)"
    rf"(?P<y2>\d{{1,4}}))(?![\d])"
)
#: Pre-checks (find.py): what a text must hold before the full patterns of a family are tried.
#: The characters from U+0660 on: beyond ASCII no decimal digit (what \d matches) comes before
#: ARABIC-INDIC DIGIT ZERO, so only these need a look (tests/test_prechecks.py checks the claim).
FROM_FIRST_NON_ASCII_DIGIT = _Source("[^\x00-\u065f]")  # negated: a range up to U+10FFFF compiles into a costly bitmap
#: The words of the two families that need no digit (journals: "Stb. …"; capital words), together.
WORD_TRIGGERS = _Source(r"Stb|Stcrt|Trb|Staatsblad|Staatscourant|Tractatenblad|Motie|Amendement|Toezegging")
DOSSIER_TRIGGER = _Source(rf"\d\d{SPACE_OR_DOT}?\d{{3}}")
DOSSIER = _Source(rf"(?P<pre>,?{S}*)(?P<d1>\d\d)(?P<dsep>{SPACE_OR_DOT}?)(?P<d2>\d{{3}})(?![\d])")
#: A dossier number of six digits ("354410-XII, nr. 4"): malformed, found only with its number.
SIX_DIGITS = _Source(rf"(?P<pre>,?{S}*)(?P<d>[1-3]\d{{5}})(?![\d])")
BARE_SIX = _Source(
    rf"[1-3](?<![\w.,/$£-].)(?<!€.)\d{{5}}(?![\d])(?=(?:{S}?[-–]{S}?|{S})?(?:{SUFFIX_PATTERN})?(?![\w]){S}*,{S}*[Nn]r\.?{S}?\d)"
)
#: A sub-dossier: "-32"; an en dash ("21501–32") is found and reported (KS001).
SUB = _Source(r"(?P<subsep>[-–])(?P<sub>\d\d)(?![\d\w])")
TOEV = _Source(
    rf"(?P<tsep>{S}?-{S}?|{S}hoofdstuk{S}|{S})(?P<toev>[IVX]{{1,5}}[AB]?|[A-Z])(?![\w])"
)
#: A fund letter or chapter glued to the number: "35 300A", "36 725XVII" (KS004).
GLUED_TOEV = _Source(rf"(?P<toev>{SUFFIX_PATTERN})(?![\w])")
RNUM = _Source(rf"(?P<rsep>{S}?-?)\({S}?(?P<rnum>R{S}?\d{{3,4}}){S}?\)-?")
#: After a number in a list of ondernummers: it is the dossier of a new reference when its own
#: "nr." follows ("nr. 12 en 34775, nr. 3"), or the rest of a spaced dossier ("en 34 775"), or a
#: budget chapter and "nr." ("en 36 410 XV, nr. 3").
NEW_REFERENCE_AHEAD = (
    rf"(?!{S}*,?{S}*(?:[Nn]rs?\.?|[Nn]ummers?|[Nn]o\.){S}*\d|{S}\d{{3}}(?![\d])"
    rf"|{S}?[-–]?{S}?(?:{SUFFIX_PATTERN})(?![\w]){S}*,?{S}*[Nn]r)"
)
NR = _Source(
    rf"(?P<nsep>{S}*,?{S}*)(?P<nrword>nrs?\.?|Nrs?\.?|no\.|No\.|nummers?)(?P<nsp>{S}*)"
    rf"(?P<nr>\d{{1,5}}[a-z]?)(?![\d])"
    rf"(?P<more>(?:(?:,{S}|{S}en{S}|{S}?[-–]{S}?)\d{{1,5}}[a-z]?(?![\d]){NEW_REFERENCE_AHEAD})*)"
)
#: One more ondernummer in a list: with its own "nr." or without (then not a new reference's dossier).
_LISTED_NR = rf"(?:nrs?\.?{S}?\d{{1,5}}[a-z]?(?![\d])|\d{{1,5}}[a-z]?(?![\d]){NEW_REFERENCE_AHEAD})"
#: More ondernummers after a singular one, each with its own word: "nr. 5, nr. 8 en 9".
REPEATED_NR = _Source(
    rf"(?:(?:,{S}|{S}en{S}){_LISTED_NR})*(?:,{S}|{S}en{S})nrs?\.?{S}?\d{{1,5}}[a-z]?(?![\d])"
    rf"(?:(?:,{S}|{S}en{S}){_LISTED_NR})*"
)
#: Dossiers that have sub-dossiers (21 501-02 Raad Algemene Zaken, -08 Milieuraad, -20 Europese
#: Raad, -32 Landbouw- en Visserijraad, …). Elsewhere "34567-12" is dossier 34567, nr. 12,
#: unless ", nr." follows the two digits.
SUB_DOSSIERS = frozenset({"21501"})
NR_COMMA = _Source(rf"(?P<nsep>{S}*,?{S}*)(?P<nrword>nr,)(?P<nsp>{S}*)(?P<nr>\d{{1,5}}[a-z]?)(?![\d])(?P<more>)")
EK_LETTER = _Source(rf",{S}(?:nr\.{S})?(?P<ek>[A-Z]{{1,3}})(?![\w])")
#: An Eerste Kamer document alone in parentheses, without its label: "(34 000 XIII, H)".
PAREN_EK = _Source(
    rf"\((?P<d>[23]\d{S}?\d{{3}}(?:(?:{S}|{S}?-{S}?)(?:{SUFFIX_PATTERN}))?,{S}[A-Z]{{1,3}})\)"
)
#: A Kamervragen (zaak) or document number under the Kamerstuk label: "kamerstuk nr. 2021Z14231".
LABELLED_ZAAK = _Source(rf"{S}+(?:[Nn]r\.?{S}?)?(?P<z>(?:19|20)\d\d[ZD]\d{{5}})(?![\w])")
#: An identifier alone in parentheses: "(28 089-104)", "(28089-104)".
PAREN_IDENT = _Source(
    rf"\((?P<dossier>[1-3]\d(?P<dsep>{S}?)\d{{3}})(?:-(?P<sub>\d\d)(?=-))?(?:-(?P<toev>[IVX]{{1,5}}[AB]?|[A-Z])(?=-))?"
    rf"-(?P<nr>[1-9]\d{{0,3}}[a-z]?)\)"
)
IDENT_NR = _Source(rf"(?P<isep>{S}?[-–]{S}?)(?P<inr>\d{{1,5}}[a-z]?)(?![\w-])")
PAGE = _Source(rf",?{S}(?P<pword>p\.|blz\.){S}?(?P<page>\d+(?:{S}?[-–]{S}?\d+)?)(?![\d])")
MORE_DOSSIERS = _Source(rf"(?P<join>,{S}|{S}en{S})(?P<d1>\d\d)(?P<dsep>{S}?)(?P<d2>\d{{3}})(?![\d\w-])")
#: "Bijlage bij", "Bijlage 2 bij", "bijlage bij de brief" before a reference: an annex is cited.
ANNEX_BEFORE = _Source(rf"[Bb](?<![\w].)ijlage(?:{S}\d{{1,2}}|{S}[IVX]{{1,4}})?{S}bij{S}(?:de{S}brief{S})?$")
#: The chamber in words before a dossier number: "Kamerstuk Tweede Kamer, vergaderjaar 2021–2022, "
#: (the label out of place) or the Kamer's page header "Tweede Kamer, vergaderjaar 2021–2022, ".
CHAMBER_WORDS = _Source(
    rf"(?:(?P<label>K(?<![\w].)amerstuk(?:ken)?){S}+)?(?P<kamer>T(?<![\w].)weede|E(?<![\w].)erste){S}Kamer"
    rf"(?:{S}der{S}Staten-Generaal)?,?{S}(?:[Vv]ergaderjaar{S})?"
    rf"(?P<vj>(?:18|19|20)\d\d{S}?[/\-–]{S}?\d{{1,4}}),{S}*$"
)

#: A dossier number with no label, where the text after it makes it clearly a Kamerstuk. "€" has
#: its own look-behind here and in IDENT: beside Latin-1 characters in one class it costs re a 64K
#: bitmap to compile (as S does).
#: It matches the dossier number's first digit (callers use only where it starts).
BARE_START = _Source(rf"\d(?<![\w.,/$£-]\d)(?<!€\d)(?<![\d$£][ \u00a0]\d)(?<!€[ \u00a0]\d)(?=\d{S}?\d{{3}}(?![\d]))")
#: A KOOP-style identifier in prose: 34722-1, 21501-08-692, 35300-XII-53, 23908-(R1519)-131.
IDENT = _Source(
    r"(?P<dossier>[1-3](?<![\w./$-].)(?<!€.)\d{4})(?:-(?P<sub>\d\d)(?=-))?(?:-(?P<toev>[IVX]{1,5}|[A-Z])(?=-))?"
    r"(?:-?\((?P<rnum>R\d{3,4})\)(?=-))?-(?P<nr>[1-9]\d{0,3}[a-z]?)(?![\w-]|,\d|\.\d)"
)
#: Between two Kamerstukken of one list: the first one's date or title, then ", ", "; " or " en ".
LIST_MEMBER_GAP = _Source(
    rf"(?:,?{S}+(?:van|d\.d\.){S}+\d{{1,2}}{S}+[a-z]{{3,9}}{S}+(?:19|20)\d\d)?"
    rf"(?:,?{S}*(?:\([^()]{{0,200}}\)|[«“\"„][^«»“”\"„]{{1,200}}[»”\"]))?"
    rf"(?:{S}*[,;]{S}*|,?{S}+en{S}+)"
)
LIST_GAP = _Source(r"\s*[;,]\s*|\s+en\s+")
KST_ID = _Source(
    r"k(?<![\w/.-].)st-(?P<dossier>\d{5})(?:-(?P<sub>\d\d)(?=-))?(?:-(?P<toev>[IVX]{1,5}|[A-Z])(?=-))?"
    r"-(?P<nr>\d{1,5}|[A-Z]{1,2})(?![\w-])"
)

# -- The published document's own imprint (not citations, when a paragraph is only that) ------
#: Colophon: "kst-34951-13", "ISSN 0921 - 7371", "’s-Gravenhage 2023", alone or on one line.
COLOPHON = _Source(
    rf"(?:(?:kst|ah-tk|h-tk|blg)-[\w-]+|ISSN{S}\d{{4}}{S}?-{S}?\d{{3}}[\dX]|[’']s-Gravenhage{S}(?:19|20)\d\d)"
    rf"(?:{S}+(?:(?:kst|ah-tk|h-tk|blg)-[\w-]+|ISSN{S}\d{{4}}{S}?-{S}?\d{{3}}[\dX]|[’']s-Gravenhage{S}(?:19|20)\d\d))*"
)
#: Running footer/header: "Tweede Kamer, vergaderjaar 2022–2023, 34 951, nr. 13" (or ", Aanhangsel").
RUNNING_FOOTER = _Source(
    rf"(?:Tweede|Eerste){S}Kamer,{S}vergaderjaar{S}(?:19|20)\d\d[–-](?:19|20)\d\d,{S}"
    rf"(?:Aanhangsel|\d\d{S}?\d{{3}}(?:(?:-|{S})[\w()]+)*,{S}nr\.{S}\d+[a-z]?|\d\d{S}?\d{{3}}(?:(?:-|{S})[\w()]+)*,{S}[A-Z]{{1,3}})"
    rf"(?:{S}+\d{{1,3}})?"
)

# -- Moties ----------------------------------------------------------------------------
MOTIE_WORD = _Source(r"(?P<word>[Mm](?<![\w-].)otie|[Aa](?<![\w-].)mendement)(?![\w])")
NAME = r"[A-Z][\w'’-]+(?:(?: |, )(?:(?:van|de|der|den|ter|ten|in|'t|het)\s)*[A-Z][\w'’-]+)*"
MOTIE_TAIL = _Source(
    rf"{S}van{S}(?:het{S}lid|de{S}leden){S}(?:(?:van|de|der|den|ter|ten)\s)*{NAME}"
    rf"(?:{S}en{S}(?:(?:van|de|der|den|ter|ten)\s)*{NAME})*(?:{S}c\.s\.)?"
)
#: "de motie op stuk nr. 804 (32 813)": the Handelingen's way of naming a motie.
MOTIE_OP_STUK = _Source(
    rf"{S}op{S}stuk{S}(?:nr\.?|nummer){S}?(?P<nr>\d{{1,5}}){S}?\({S}?(?:[Kk]amerstuk{S})?"
    rf"(?P<d1>\d\d)(?P<dsep>{S}?)(?P<d2>\d{{3}})(?:(?P<tsep>{S}|{S}?-{S}?)(?P<toev>{SUFFIX_PATTERN}))?{S}?\)"
)
#: "onze motie", "mijn amendement": the members who wrote it are the ones speaking.
POSSESSIVE_BEFORE = _Source(r"(?<![\w])(?:[Oo]nze|[Mm]ijn|[Hh]un|[Hh]aar|[Zz]ijn)[ \u00a0]$")
CAPITAL_WORD = _Source(r"(?P<word>M(?<![\w-].)oties?|A(?<![\w-].)mendement(?:en)?|T(?<![\w-].)oezegging(?:en)?)(?![\w])")
#: "(hierna: Motie#21)", "(hierna: de Toezegging)": a name the letter gives something.
HIERNA = _Source(rf"\(hierna(?:{S}te{S}noemen)?:?{S}+(?:de{S}|het{S})?[„“\"']?([^()„“”\"']{{1,60}}?)[”\"']?\)")
SENTENCE_START = _Source(rf"(?:^|[.!?:;•·–—]|\n)[\s\"'“‘(\[{NOTE_MARK}\-*•]*$")

# -- Toezeggingen ------------------------------------------------------------------------
TZ_LENIENT = _Source(r"T(?<![\w-].)Z(?P<body>[ \u00a0-]?\d{4}[ \u00a0/-]?\d{1,2}[ \u00a0-]?\d{1,5})(?![\w-])")
TZ_STRICT = _Source(r"TZ(?P<y>20\d\d)(?P<m>\d\d)-(?P<seq>\d{3,4})")
TZ_EK = _Source(r"T(?<![\w-].)(?P<n>\d{5})(?![\w-])")
TZ_EK_TRIGGER = _Source(r"T\d{5}")

# -- Handelingen, Aanhangsel ----------------------------------------------------------------
HANDELINGEN = _Source(
    rf"(?:(?P<aanh>A(?<![\w].)anhangsel{S}(?:(?:van{S}de|der){S})?)H|H(?<![\w].))andelingen"
    rf"(?P<kamerpart>(?:{S}der{S}Kamer)?(?P<kpre>,?{S}*)(?P<kamer>II|I|ll|l|UCV|EK|TK)(?![\w]))?"
    rf"(?P<vjpart>(?P<vpre>,?{S}*)(?P<vword>vergaderjaar{S})?(?P<vj>(?P<y1>(?:18|19|20)\d\d)(?P<vsep>{S}?[/\-–]{S}?)(?P<y2>\d{{1,4}})(?![\d])))"
    rf"(?P<tail>(?:,?{S}*(?:nr\.?|blz\.|p\.|pag\.|item)(?:{S}*\d+(?:{S}?[-–]{S}?\d+)?))*)"
)

# -- Zaak and document numbers ---------------------------------------------------------------
ZAAK = _Source(
    rf"(?<![\w/-])(?P<y>(?:19|20)\d\d)?(?P<sep>{S}?-{S}?|{S})?(?P<letter>[ZDA])(?P<n>\d{{5}})(?![\w-])"
)
ZAAK_TRIGGER = _Source(r"[ZDA]\d{5}")
ZAAK_CONTEXT = _Source(r"(?i)vragen|zaak|document|kamerbrief|activiteit|nummer")

# -- Official journals --------------------------------------------------------------------
JOURNAL = _Source(
    rf"(?P<j>S(?<![\w].)t(?:b|crt|aatsblad|aatscourant)|T(?<![\w].)r(?:b|actatenblad))(?P<dot>\.?)"
    rf"(?P<sp>{S}*)(?P<y>(?:17|18|19|20)\d\d)(?P<sep>{S}*(?:,{S}*)?(?:nr\.?|no\.?)?{S}*|/|-|{S}*,)"
    rf"(?P<n>\d{{1,6}})(?![\d\w])"
)
#: A journal number without its year: "Stb. 35", "Stcrt. 41877", "Staatscourant (nr. 41877)".
JOURNAL_NO_YEAR = _Source(
    rf"(?P<j>S(?<![\w].)t(?:b|crt|aatsblad|aatscourant)|T(?<![\w].)r(?:b|actatenblad))(?P<dot>\.?){S}"
    rf"(?P<open>\({S}?)?(?P<nrword>(?:nr|no)\.?{S}?)?(?P<n>\d{{1,6}})(?![\d\w,/])(?(open){S}?\))"
)
JOURNAL_PLACEHOLDER = _Source(
    rf"(?P<j>S(?<![\w].)t(?:b|crt)|T(?<![\w].)rb)\.?{S}?(?:…|\.\.\.|\[…\]|xxx|XXX)(?:,{S}?(?:…|\.\.\.|xxx|XXX))?"
)
PBEU = _Source(
    rf"(?P<j>P(?<![\w].)(?:bEU|bEG|B|b)|O(?<![\w].)J)(?P<y1>{S}(?P<y>(?:19|20)\d\d),?)?{S}(?P<s>[LC])(?P<nsp>{S}?)(?P<n>\d{{1,3}})"
    rf"(?:/(?P<p>\d+))?(?![\w])(?P<date>{S}van{S}(?P<dd>\d{{1,2}})\.(?P<mm>\d{{1,2}})\.(?P<yy>\d{{4}}))?"
)
PBEU_NEW = _Source(rf"P(?<![\w].)bEU{S}L,?{S}(?:19|20)\d\d/\d+")
PBEU_STRICT = _Source(rf"PbE[UG]{S}(?:19|20)\d\d,{S}[LC]{S}\d{{1,3}}(?:/\d+)?")

# -- ECLI, BWB ---------------------------------------------------------------------------
ECLI = _Source(
    r"(?P<e>E(?<![\w].)(?:CLI|cli)|e(?<![\w].)cli)(?P<s1>[\s:]+)(?P<c>[A-Za-z]{2})(?P<s2>[\s:]+)(?P<court>[A-Za-z0-9]{1,7})"
    r"(?P<s3>[\s:]+)(?P<y>\d{4})(?P<s4>[\s:]+)(?P<n>[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)"
)
ECLI_STRICT = _Source(r"ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]{1,25}")
ECLI_NL = _Source(r"ECLI:NL:[A-Z]{2,7}:\d{4}:(?:\d{1,6}|[A-Z]{2}\d{4})")
BWB = _Source(r"(?P<b>[Bb](?<![\w].)[Ww][Bb])(?P<k>[RrVv])(?P<n>\d{1,7})(?![\w])")
BWB_TRIGGER = _Source(r"[Bb][Ww][Bb][RrVv]\d")

# -- Dates ---------------------------------------------------------------------------------
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
DATE = _Source(
    rf"(?<![\w.-])(?:(?P<wd>[Mm]aandag|[Dd]insdag|[Ww]oensdag|[Dd]onderdag|[Vv]rijdag|[Zz]aterdag|[Zz]ondag),?{S})?"
    rf"(?P<d>\d{{1,2}}){S}(?P<m>[A-Za-z]{{3,10}}){S}(?P<y>(?:19|20)\d\d)(?![\d])"
)


# -- compile on first use ------------------------------------------------------------------
_SOURCES: dict[str, _Source] = {name: value for name, value in globals().items() if isinstance(value, _Source)}
for _name in _SOURCES:
    del globals()[_name]


def __getattr__(name: str) -> re.Pattern:
    """``P.LABEL`` compiles LABEL the first time and keeps it as an ordinary module global."""
    source = _SOURCES.get(name)
    if source is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    compiled = globals()[name] = re.compile(source.pattern, source.flags)
    return compiled


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_SOURCES))
