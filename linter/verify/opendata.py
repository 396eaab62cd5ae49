"""The Tweede Kamer's open data (OData v4 at gegevensmagazijn.tweedekamer.nl, public domain): the
``Zaak`` of a motie, with its ``Besluit`` records (the decision: aangenomen, verworpen,
aangehouden, ingetrokken) and ``VervangenDoor`` (the gewijzigde motie that replaced it, the
register's ``t.v.v.``).

One request a motie::

    GET <base>/Zaak?$filter=Verwijderd eq false and Volgnummer eq 1497
                            and Kamerstukdossier/any(d:d/Nummer eq 32813 and d/Toevoeging eq null)
                   &$expand=Besluit($filter=Verwijderd eq false),VervangenDoor(…)

An empty ``value`` means the Kamer's records hold no such zaak (they start in 2008); any other
answer that is not that JSON is a failure, never "does not exist".
"""

from __future__ import annotations

import re

from linter.model import Value

#: What became of a motie, from ``Besluit.BesluitSoort`` ("Stemmen - aangenomen", "Stemmen -
#: zonder stemming aannemen", "Stemmen - aangehouden", …); the first four are final.
FINAL = ("aangenomen", "verworpen", "ingetrokken", "vervallen")
_OUTCOMES = (
    ("aangenomen", ("aangenomen", "aannemen")),
    ("verworpen", ("verworpen",)),
    ("ingetrokken", ("ingetrokken", "intrekken")),
    ("vervallen", ("vervallen",)),
    ("aangehouden", ("aangehouden", "aanhouden")),
)


class Motion(Value):
    """What the Kamer's open data says of one motie."""

    __slots__ = ("id", "zaak", "kind", "subject", "date", "outcome", "replaced_by")

    def __init__(self, id: str, zaak: str = "", kind: str = "", subject: str = "", date: str = "", outcome: str = "",
                 replaced_by: list[str] | None = None):
        self.id = id
        self.zaak = zaak  # Zaak.Nummer, "2025Z02570"
        self.kind = kind  # Zaak.Soort, "Motie"
        self.subject = subject  # Zaak.Onderwerp, "Motie van het lid Van Baarle over …"
        self.date = date  # Zaak.GestartOp, ISO date
        self.outcome = outcome  # see FINAL, "aangehouden", or "" (no decision yet)
        #: The gewijzigde moties that replaced it: Kamerstuk identifiers ("kst-32813-1504").
        self.replaced_by = [] if replaced_by is None else replaced_by

    @property
    def final(self) -> bool:
        return self.outcome in FINAL

    def to_json(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}

    @classmethod
    def from_json(cls, data: dict) -> "Motion":
        return cls(**{k: v for k, v in data.items() if k in cls.__slots__})


class NotAnswer(Exception):
    """The answer is not the service's JSON."""


_KST = re.compile(r"kst-(?P<dossier>\d{5})(?:-(?P<toev>[0-9]{2}|[IVX]+[AB]?|[A-Z]))?-(?P<nr>\d+)$")


def query(identifier: str) -> str | None:
    """The path and query of the Zaak request for a Kamerstuk identifier; None for one the
    service cannot be asked about (an Eerste Kamer letter)."""
    m = _KST.match(identifier)
    if not m:
        return None
    toev = f"'{m.group('toev')}'" if m.group("toev") else "null"
    flt = (f"Verwijderd eq false and Volgnummer eq {int(m.group('nr'))}"
           f" and Kamerstukdossier/any(d:d/Nummer eq {int(m.group('dossier'))} and d/Toevoeging eq {toev})")
    expand = ("Besluit($filter=Verwijderd eq false;$select=BesluitSoort,BesluitTekst,Status,GewijzigdOp),"
              "VervangenDoor($select=Nummer,Volgnummer,Onderwerp;$expand=Kamerstukdossier($select=Nummer,Toevoeging))")
    select = "Id,Nummer,Soort,Onderwerp,GestartOp,Volgnummer,Afgedaan"
    from urllib.parse import quote

    safe = "$,()=;:/'"
    return "Zaak?" + "&".join(f"{k}={quote(v, safe=safe)}" for k, v in (("$filter", flt), ("$expand", expand), ("$select", select)))


def outcome(besluiten: list[dict]) -> str:
    """The decision that stands: the latest final one, else "aangehouden" when it was held, else ""."""
    seen: list[tuple[bool, str, str]] = []
    for b in besluiten or []:
        if b.get("Verwijderd"):
            continue
        kind = (b.get("BesluitSoort") or "").lower()
        for name, words in _OUTCOMES:
            if any(w in kind for w in words):
                seen.append((name in FINAL, b.get("GewijzigdOp") or "", name))
                break
    return max(seen)[2] if seen else ""


def _identifier(zaak: dict) -> str | None:
    dossiers = zaak.get("Kamerstukdossier") or []
    if isinstance(dossiers, dict):
        dossiers = [dossiers]
    if not dossiers or zaak.get("Volgnummer") is None:
        return None
    d = dossiers[0]
    parts = ["kst", str(d.get("Nummer"))] + ([d["Toevoeging"]] if d.get("Toevoeging") else []) + [str(zaak["Volgnummer"])]
    return "-".join(parts)


def parse_zaak(data: bytes, identifier: str) -> Motion | None:
    """The Motion, or None when the service holds no zaak for it. Raises NotAnswer."""
    import json

    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise NotAnswer("the answer is not JSON") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("value"), list):
        raise NotAnswer("the answer is not an OData collection")
    zaken = [z for z in doc["value"] if isinstance(z, dict) and not z.get("Verwijderd")]
    if not zaken:
        return None
    zaak = next((z for z in zaken if (z.get("Soort") or "").lower() in ("motie", "amendement")), zaken[0])
    replaced = [rid for rid in (_identifier(z) for z in zaak.get("VervangenDoor") or [] if isinstance(z, dict)) if rid]
    return Motion(
        id=identifier,
        zaak=zaak.get("Nummer") or "",
        kind=zaak.get("Soort") or "",
        subject=(zaak.get("Onderwerp") or "").strip(),
        date=(zaak.get("GestartOp") or "")[:10],
        outcome=outcome(zaak.get("Besluit") or []),
        replaced_by=replaced,
    )


def fetch_one(src, identifier: str) -> Motion | None:
    from linter.verify.fetch import Failed

    path = query(identifier)
    if path is None:
        return None
    answer = src.get(f"{src.base}/{path}", "application/json")
    if answer.status != 200:
        # The service answers a query that finds nothing with an empty list: a 404 here is a
        # wrong address, never "no such motie".
        raise Failed("http-error", str(answer.status))
    try:
        return parse_zaak(answer.body, identifier)
    except NotAnswer as exc:
        raise Failed("bad-answer", str(exc)) from None


def fetch_all(src, identifiers: list[str]) -> tuple[dict, dict[str, str]]:
    """Answers (identifier → Motion, or None: no such zaak) and failures (identifier → reason)."""
    from linter.verify.fetch import ask_each

    return ask_each(src, identifiers, fetch_one)
