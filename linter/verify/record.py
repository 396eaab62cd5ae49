"""Reading an ``officiele-publicatie`` (a Kamerstuk as KOOP publishes it) into the few facts the
rules compare: kind, title, members, dossier and number.

Two real shapes exist: metadata inline (``OVERHEIDop.dossiernummer``, ``DC.type``,
``OVERHEIDop.indiener`` …), or only an ``OVERHEIDop.externMetadataRecord`` link, with the facts in
the body (``<dossiernr>``, ``<ondernummer>``, ``<stuk><titel>``, the signatories at the end).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from linter.limits import DEFAULT_LIMITS
from linter.formats import ReadError
from linter.formats.xml import parse_xml


class NotAPublication(Exception):
    """The answer is not a readable ``officiele-publicatie``: the look-up is not verified."""


@dataclass
class Record:
    id: str
    #: What the publisher calls it: "Motie", "Amendement", "Brief", … ("" when it does not say).
    kind: str = ""
    title: str = ""
    #: The members who submitted it, as published ("D.G.M. Ceder", or "Ceder" from the signatures).
    members: list[str] = field(default_factory=list)
    #: False when only the title names them and it says "c.s.": others signed too.
    members_complete: bool = True
    #: The title's own phrase for them: "van de leden Ceder en Bamenga".
    members_phrase: str = ""
    dossier: str = ""
    number: str = ""
    vergaderjaar: str = ""

    @property
    def family(self) -> str:
        """"motie", "amendement" or "other": what MO004 compares."""
        low = self.kind.lower()
        return "motie" if "motie" in low else "amendement" if "amendement" in low else "other"

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Record":
        names = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in names})


def _text(el) -> str:
    return " ".join(el.xpath("string()").split()) if el is not None else ""


MEMBERS_IN_TITLE = re.compile(r"(?i)\bvan (het lid|de leden) (.+?)(?: over |$)")
TUSSENVOEGSEL = {"van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "in", "op", "el", "la", "le", "du", "d'"}


def parse_publication(data: bytes, identifier: str) -> Record:
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
        rec.members = [m for m in meta.get("OVERHEIDop.indiener", []) if m]
        rec.vergaderjaar = meta.get("OVERHEIDop.vergaderjaar", [""])[0]
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
    signatures = _signatures(stuk)
    for name in signatures:
        if not any(same_person(name, m) for m in rec.members):
            rec.members.append(name)
    phrase = MEMBERS_IN_TITLE.search(rec.title or body_title)
    if phrase:
        who, names = phrase.group(1).lower(), phrase.group(2)
        cs = bool(re.search(r"(?i)\s+c\.s\.$", names))
        names = re.sub(r"(?i)\s+c\.s\.$", "", names)
        listed = [n.strip() for n in re.split(r",\s*|\s+en\s+", names, flags=re.I) if n.strip()]
        if names.isupper():  # "MOTIE VAN HET LID VAN BAARLE": take the case from the signatures
            listed = [next((s for s in rec.members if fold(s) == fold(n)), _title_case(n)) for n in listed]
        for n in listed:
            if not any(same_person(n, m) for m in rec.members):
                rec.members.append(n)
        if cs and not signatures and not meta.get("OVERHEIDop.indiener"):
            rec.members_complete = False  # only the title names them, and others signed too
        rec.members_phrase = f"van {who} " + _join(listed) + (" c.s." if cs else "")
    return rec


def _kind_from_title(title: str) -> str:
    words = re.sub(r"(?i)^(nader\s+)?gewijzigde?\s+", "", title).split()
    return words[0].capitalize() if words else ""


def _signatures(stuk) -> list[str]:
    """The names under the text: the last ``al-groep``, or the lines after "orde van de dag"."""
    if stuk is None:
        return []
    texts = stuk.findall(".//tekst")
    if not texts:
        return []
    last = texts[-1]
    groups = last.findall("al-groep")
    if groups:
        return [_text(a) for a in groups[-1].findall("al") if _text(a)]
    lines = [_text(a) for a in last.findall("al")]
    for i in range(len(lines) - 1, -1, -1):
        if "orde van de dag" in lines[i]:
            return [n for n in lines[i + 1:] if n and len(n) < 60]
    return []


def _title_case(name: str) -> str:
    words = name.lower().split()
    return " ".join(w.capitalize() if i == 0 or w not in TUSSENVOEGSEL else w for i, w in enumerate(words))


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


# -- comparing names the way people write them ----------------------------------------------
_FOLD = str.maketrans("äáàâãëéèêïíìîöóòôõüúùûçşšžýÿñ’", "aaaaaeeeeiiiiooooouuuucsszyyn'")


def fold(name: str) -> str:
    return name.lower().translate(_FOLD)


def surname(name: str) -> list[str]:
    """The surname's own words: initials, first names in brackets and tussenvoegsels left out
    ("P.C. (Peter) de Groot" → ["groot"], "Rikkers-Oosterkamp" → ["rikkers-oosterkamp"])."""
    name = re.sub(r"\([^)]*\)", " ", fold(name))
    words = [w for w in re.split(r"\s+", name) if w and "." not in w]
    return [w for w in words if w not in TUSSENVOEGSEL]


def same_person(written: str, member: str) -> bool:
    """True when ``written`` (as in a letter) can name ``member`` (as published). Generous on
    purpose: a first name before the surname, one half of a double name, tussenvoegsels in any case."""
    a, b = surname(written), surname(member)
    if not a or not b:
        return False
    if a == b or a[-len(b):] == b or b[-len(a):] == a:
        return True
    halves_a = {h for w in a for h in w.split("-")}
    halves_b = {h for w in b for h in w.split("-")}
    return " ".join(a) in halves_b or " ".join(b) in halves_a
