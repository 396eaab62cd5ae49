"""Reading an ``officiele-publicatie`` (a Kamerstuk as KOOP publishes it) into the few facts the
rules compare: kind, title, members, subject, date, dossier and number.

Two real shapes exist: metadata inline (``OVERHEIDop.dossiernummer``, ``DC.type``,
``OVERHEIDop.indiener`` …), or only an ``OVERHEIDop.externMetadataRecord`` link, with the facts in
the body (``<dossiernr>``, ``<ondernummer>``, ``<stuk><titel>``, the signatories at the end).

A member is a name and nothing else: the title's ``ter vervanging van die gedrukt onder nr. …``
and the body's sentences (``verzoekt de regering …``) that the last paragraphs of some moties hold
are never taken for one (:func:`looks_like_name`).
"""

from __future__ import annotations

import re
import unicodedata
from linter.model import Value


class NotAPublication(Exception):
    """The answer is not a readable ``officiele-publicatie``: the look-up is not verified."""


class Record(Value):
    """What the publisher says of one document (a plain slotted class, not a dataclass: a warm
    run reads hundreds from the cache and start-up time counts)."""

    __slots__ = ("id", "kind", "title", "members", "members_complete", "members_phrase", "dossier", "number",
                 "vergaderjaar", "title_members", "title_cs", "subject", "dictum", "date", "replaces")

    def __init__(self, id: str, kind: str = "", title: str = "", members: list[str] | None = None, members_complete: bool = True,
                 members_phrase: str = "", dossier: str = "", number: str = "", vergaderjaar: str = "",
                 title_members: list[str] | None = None, title_cs: bool = False, subject: str = "", dictum: str = "",
                 date: str = "", replaces: str = ""):
        self.id = id
        #: What the publisher calls it: "Motie", "Amendement", "Brief", … ("" when it does not say).
        self.kind = kind
        self.title = title
        #: The members who submitted it, as published ("D.G.M. Ceder", or "Ceder" from the signatures).
        self.members = [] if members is None else members
        #: False when only the title names them and it says "c.s.": others signed too.
        self.members_complete = members_complete
        #: The title's own phrase for them: "van de leden Ceder en Bamenga".
        self.members_phrase = members_phrase
        self.dossier = dossier
        self.number = number
        self.vergaderjaar = vergaderjaar
        #: The members the title names ("van het lid A c.s." → ["A"]) and whether it says "c.s.".
        self.title_members = [] if title_members is None else title_members
        self.title_cs = title_cs
        #: What the title says it is about (the words after "over"), "" when it does not say.
        self.subject = subject
        #: The dictum ("verzoekt de regering …"): what the motie asks, for comparing a subject.
        self.dictum = dictum
        #: The date it was submitted ("Voorgesteld 26 maart 2024"), ISO, or "".
        self.date = date
        #: For a gewijzigde motie: the number of the motie it replaces ("ter vervanging van die
        #: gedrukt onder nr. 1497").
        self.replaces = replaces

    @property
    def family(self) -> str:
        """"motie", "amendement" or "other": what MO004 compares."""
        low = self.kind.lower()
        return "motie" if "motie" in low else "amendement" if "amendement" in low else "other"

    def to_json(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}

    @classmethod
    def from_json(cls, data: dict) -> "Record":
        return cls(**{k: v for k, v in data.items() if k in cls.__slots__})

    def __repr__(self) -> str:
        return f"Record({', '.join(f'{n}={getattr(self, n)!r}' for n in self.__slots__)})"


def _text(el) -> str:
    return " ".join(el.xpath("string()").split()) if el is not None else ""


#: "van het lid A c.s.", "van de leden A en B": up to the subject, the replaced motie or the end.
#: Real titles also say "MOTIE DE LEDEN …" and "MOTIE VAN LID …".
MEMBERS_IN_TITLE = re.compile(
    r"(?i)\b(?:van )?(het lid|lid|de leden) (.+?)(?= over |\s+ter vervanging\b|\s*\(t\.v\.v\.|\s*$)"
)
SUBJECT_IN_TITLE = re.compile(r"(?i)\b(?:lid|leden) .+? over (.+?)(?:\s*\(t\.v\.v\.[^)]*\))?\s*$")
REPLACES = re.compile(r"(?i)(?:ter vervanging van die gedrukt onder nr\.?\s*|\(t\.v\.v\.\s*(?:\w+-)*)(\d+)")
TUSSENVOEGSEL = {"van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "in", "op", "el", "la", "le", "du", "d'", "al", "von"}


def parse_publication(data: bytes, identifier: str) -> Record:
    from linter.formats import ReadError
    from linter.formats.xml import parse_xml
    from linter.limits import DEFAULT_LIMITS

    try:
        root = parse_xml(data, "publication", DEFAULT_LIMITS)
    except ReadError as exc:
        raise NotAPublication(exc.message) from None
    if not isinstance(root.tag, str) or root.tag != "officiele-publicatie":
        raise NotAPublication("the answer is not an officiele-publicatie")
    meta: dict[str, list[str]] = {}
    for m in root.iter("meta"):
        name = m.get("name", "")
        if name == "DC.type" and m.get("scheme") != "OVERHEIDop.KamerstukTypen":
            continue
        meta.setdefault(name, []).append(m.get("content", "").strip())
    rec = Record(id=identifier)
    stuk = root.find(".//stuk")
    body_title = _text(stuk.find("titel")) if stuk is not None else ""
    if "OVERHEIDop.dossiernummer" in meta:
        rec.dossier = meta["OVERHEIDop.dossiernummer"][0]
        rec.number = meta.get("OVERHEIDop.ondernummer", [""])[0]
        rec.kind = meta.get("DC.type", [""])[0]
        rec.title = meta.get("OVERHEIDop.documenttitel", [""])[0]
        rec.members = [n for n in (clean_name(m) for m in meta.get("OVERHEIDop.indiener", [])) if n]
        rec.vergaderjaar = meta.get("OVERHEIDop.vergaderjaar", [""])[0]
        rec.date = meta.get("DCTERMS.issued", [""])[0]
    else:
        nr = root.find(".//dossiernummer")
        if nr is not None:
            parts = [_text(nr.find("dossiernr")).replace(" ", "")]
            parts += [_text(c) for c in nr if c.tag != "dossiernr" and _text(c)]
            rec.dossier = "-".join(p for p in parts if p)
        rec.number = _text(root.find(".//stuk//ondernummer"))
        rec.title = body_title
        rec.kind = _kind_from_title(body_title)
        for line in root.iter("tekstregel"):
            if line.get("inhoud") == "vergaderjaar":
                rec.vergaderjaar = _text(line).replace("Vergaderjaar", "").strip()
    if stuk is not None:
        submitted = stuk.find("datumtekst/datum")
        if submitted is not None and re.fullmatch(r"\d{4}-\d\d-\d\d", submitted.get("isodatum", "")):
            rec.date = submitted.get("isodatum")
    rec.dictum = _dictum(stuk)
    signatures = _signatures(stuk)
    for name in signatures:
        if not any(same_person(name, m) for m in rec.members):
            rec.members.append(name)
    title = rec.title or body_title
    if m := SUBJECT_IN_TITLE.search(title):
        rec.subject = m.group(1).strip()
    if m := REPLACES.search(title):
        rec.replaces = m.group(1)
    listed, cs, who = members_in_title(title, rec.members)
    for n in listed:
        if not any(same_person(n, m) for m in rec.members):
            rec.members.append(n)
    if listed:
        if cs and not signatures and not meta.get("OVERHEIDop.indiener"):
            rec.members_complete = False  # only the title names them, and others signed too
        rec.title_members = listed
        rec.title_cs = cs
        rec.members_phrase = phrase_of(listed, cs)
    return rec


def members_in_title(title: str, known: list[str] = ()) -> tuple[list[str], bool, str]:
    """The members a title names ("Motie van het lid A c.s. over …" → ["A"], True, "het lid"),
    each a name (:func:`clean_name`); an upper-case title takes its case from ``known``."""
    phrase = MEMBERS_IN_TITLE.search(title)
    if not phrase:
        return [], False, ""
    who, names = ("de leden" if "leden" in phrase.group(1).lower() else "het lid"), phrase.group(2)
    cs = bool(re.search(r"(?i)\s+c\.s\.?$", names))
    names = re.sub(r"(?i)\s+c\.s\.?$", "", names)
    listed = [n.strip() for n in re.split(r",\s*|\s+en\s+", names, flags=re.I) if n.strip()]
    if names.isupper():  # "MOTIE VAN HET LID VAN BAARLE": take the case from the signatures
        listed = [next((s for s in known if fold(surname_text(s)) == fold(n)), _title_case(n)) for n in listed]
    return [n for n in (clean_name(n) for n in listed) if n], cs, who


def phrase_of(names: list[str], cs: bool) -> str:
    """"van de leden Ceder en Bamenga", "van het lid Brekelmans c.s.": as the Kamer names them."""
    return f"van {'het lid' if len(names) == 1 else 'de leden'} " + _join(names) + (" c.s." if cs else "")


def _kind_from_title(title: str) -> str:
    words = re.sub(r"(?i)^(nader\s+)?gewijzigde?\s+", "", title).split()
    return words[0].capitalize() if words else ""


def _signatures(stuk) -> list[str]:
    """The names under the text: the lines after "en gaat over tot de orde van de dag" (loose or
    in an ``al-groep``), else the last ``al-groep``; only what :func:`clean_name` takes for a name."""
    if stuk is None:
        return []
    texts = stuk.findall(".//tekst")
    if not texts:
        return []
    last = texts[-1]
    lines = [_text(a) for a in last.iter("al")]
    end = next((i for i in range(len(lines) - 1, -1, -1) if "orde van de dag" in lines[i]), None)
    if end is not None:
        lines = lines[end + 1:]
    else:
        groups = last.findall("al-groep")
        lines = [_text(a) for a in groups[-1].findall("al")] if groups else []
    return [n for n in (clean_name(line) for line in lines) if n]


def _dictum(stuk) -> str:
    """What the motie asks and finds: the paragraphs from "constaterende"/"verzoekt" on."""
    if stuk is None:
        return ""
    paras = [_text(a) for a in stuk.iter("al")]
    asked = [p for p in paras if re.match(r"(?i)(?:verzoekt|roept|spreekt|constaterende|overwegende|van mening)", p)]
    return " ".join(asked)[:2000]


def _title_case(name: str) -> str:
    words = name.lower().split()
    return " ".join(w.capitalize() if i == 0 or w not in TUSSENVOEGSEL else w for i, w in enumerate(words))


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


# -- what a name is ---------------------------------------------------------------------------
_INITIALS = re.compile(r"(?:[A-ZÀ-Þ][a-z]?\.)+(?:-(?:[A-ZÀ-Þ][a-z]?\.)+)*")
_FIRST_NAME = re.compile(r"\([A-ZÀ-Þ][^\W\d_]+(?:-[A-ZÀ-Þ][^\W\d_]+)?\)")
_WORD = re.compile(r"[A-ZÀ-Þ][^\W\d_]*(?:['’-][^\W\d_]+)*")


def clean_name(text: str) -> str:
    """``text`` as a member's name ("Paulusma." → "Paulusma"), or "" when it is not a name:
    a sentence, a clause ("ter vervanging van …"), a heading."""
    name = " ".join(text.split())
    name = re.sub(r"(?i)\s+c\.s\.?$", "", name)
    if name.endswith(".") and not re.search(r"(?:^|\s)(?:[A-ZÀ-Þ][a-z]?\.)+$", name):
        name = name[:-1]  # the full stop after a signature, not an initial's
    return name if looks_like_name(name) else ""


def looks_like_name(text: str) -> bool:
    """Initials, a first name in brackets, tussenvoegsels and capitalised words, nothing else:
    "P.C. (Peter) de Groot", "Van der Plas", "Faber-van de Klashorst", "Daniëlle Jansen"."""
    tokens = text.split()
    if not tokens or len(tokens) > 7 or len(text) > 60:
        return False
    capitalised = 0
    for i, tok in enumerate(tokens):
        if _INITIALS.fullmatch(tok) or _FIRST_NAME.fullmatch(tok):
            continue
        if tok.lower() in TUSSENVOEGSEL and i < len(tokens) - 1:
            continue
        if _WORD.fullmatch(tok) or re.fullmatch(r"[A-ZÀ-Þ][^\W\d_]*(?:-(?:[a-z]+\s?)*[A-ZÀ-Þ]?[^\W\d_]*)+", tok):
            capitalised += 1
            continue
        return False
    return capitalised >= 1 and capitalised <= 4


# -- comparing names the way people write them ----------------------------------------------
#: Letters that Unicode does not decompose into a base letter and a mark.
_UNDECOMPOSED = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "’": "'", "‘": "'"})


def fold(name: str) -> str:
    """Lower case without diacritics, by Unicode decomposition: "Kostić" → "kostic",
    "Gündoğan" → "gundogan", "Yeşilgöz" → "yesilgoz"."""
    decomposed = unicodedata.normalize("NFKD", name.lower().translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class _Name:
    __slots__ = ("initials", "firsts", "words")

    def __init__(self, name: str):
        name = fold(name)
        self.firsts = {w.strip("()") for w in re.findall(r"\([^)]*\)", name)}
        name = re.sub(r"\([^)]*\)", " ", name)
        self.initials = ""
        words = []
        for w in name.split():
            if "." in w:
                self.initials += "".join(re.findall(r"([a-z])[a-z]?\.", w))
            else:
                words.append(w)
        #: The surname with its tussenvoegsels ("van dijk": not "dijk", another member), and any
        #: first name written before it ("inge van dijk").
        self.words = words


def surname_text(name: str) -> str:
    """The name without initials and bracketed first names: "P.C. (Peter) de Groot" → "de Groot"."""
    return " ".join(w for w in re.sub(r"\([^)]*\)", " ", name).split() if "." not in w)


def _given_fits(given: str, other: _Name) -> bool:
    """Can ``given`` (a first name the letter writes before the surname) be ``other``'s?"""
    if other.firsts:
        return given in other.firsts
    if other.initials:
        return given[0] == other.initials[0]
    return True


def _ends_in(longer: _Name, shorter: _Name) -> str | None:
    """The first name before ``shorter``'s surname in ``longer`` ("tjeerd" for "Tjeerd de Groot"
    and "De Groot"), or None when ``longer`` does not end in it or the cut falls inside a surname
    ("Inge van Dijk" does not end in "Dijk": that is another member)."""
    n = len(shorter.words)
    if len(longer.words) <= n or longer.words[-n:] != shorter.words:
        return None
    extra = longer.words[:-n]
    return None if extra[-1] in TUSSENVOEGSEL else extra[0]


def same_person(written: str, member: str) -> bool:
    """True when ``written`` (as in a letter) can name ``member`` (as published). Generous on
    purpose: a first name before the surname, one half of a double name, tussenvoegsels in any case;
    but "Dijk" is not "Van Dijk", and where both give initials or a first name, they must agree
    ("Tjeerd de Groot" is not "P.C. (Peter) de Groot")."""
    a, b = _Name(written), _Name(member)
    if not a.words or not b.words:
        return False
    if a.initials and b.initials and a.initials[0] != b.initials[0]:
        return False
    if a.firsts and b.firsts and not a.firsts & b.firsts:
        return False
    if a.words == b.words:
        return True
    if (given := _ends_in(a, b)) is not None:
        return _given_fits(given, b)
    if (given := _ends_in(b, a)) is not None:
        return _given_fits(given, a) if (a.initials or a.firsts) else True
    halves_a = {h for w in a.words for h in w.split("-") if h not in TUSSENVOEGSEL}
    halves_b = {h for w in b.words for h in w.split("-") if h not in TUSSENVOEGSEL}
    own_a = " ".join(w for w in a.words if w not in TUSSENVOEGSEL)
    own_b = " ".join(w for w in b.words if w not in TUSSENVOEGSEL)
    # One half of a double name: "Rikkers" for "Rikkers-Oosterkamp", "Faber" for "Faber-van de Klashorst".
    return (own_a in halves_b and "-" in own_b) or (own_b in halves_a and "-" in own_a)
