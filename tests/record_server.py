"""A real HTTP server on 127.0.0.1 that answers as the two sources kamerlint asks would, from the
shared corpus, and that can misbehave on purpose.

* ``/<id>.xml``: the publisher (zoek.officielebekendmakingen.nl), from
  ``corpus/opendata/publications``; 404 for what is not there (or, in mode ``fout404``, KOOP's
  redirect to a ``fout404`` page that answers 200).
* ``/odata/Zaak?$filter=…&$expand=…``: the Tweede Kamer's OData v4 service, from
  ``corpus/opendata/zaak`` (each motie's Zaak) and ``corpus/opendata/stemmingen`` (the Stemming
  pages, with each vote's Besluit and its Agendapunt's zaken). A motie that a gewijzigde motie in
  the corpus replaced ("t.v.v.") gets a Zaak made from what the register says of it
  (:func:`replaced_zaak`), with ``VervangenDoor``.

The Stemming pages link a Besluit to its Agendapunt, not to its Zaak. Which of the Agendapunt's
zaken a Besluit decides is read from ``AgendapuntZaakBesluitVolgorde``: the zaken of an
Agendapunt in the order of their Volgnummer (the order moties are put to the vote). That reading
is checked against the data in ``tests/test_record_server.py``: with it, 81 % of the moties the
cabinet left to the Kamer ("Oordeel Kamer") are adopted and 67 % of those it advised against are
rejected; with the zaken in any other order the two rates are the same (about 60 % and 50 %).

Used by tests/test_verify*.py and benchmarks/verify_letters.py.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import defaultdict
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
OPENDATA = SHARED / "corpus" / "opendata"
PUBLICATIONS = OPENDATA / "publications"
ODATA_PREFIX = "/odata"


@lru_cache(maxsize=1)
def zaken() -> dict[str, dict]:
    """Kamerstuk identifier → its Zaak as the service stores it."""
    return {f.stem: json.loads(f.read_text(encoding="utf-8")) for f in sorted((OPENDATA / "zaak").glob("kst-*.json"))}


def _dossier(identifier: str) -> dict:
    parts = identifier.split("-")[1:-1]
    return {"Nummer": int(parts[0]), "Toevoeging": parts[1] if len(parts) > 1 else None}


@lru_cache(maxsize=1)
def besluiten() -> dict[str, list[dict]]:
    """Zaak Id → its Besluiten, read from the Stemming pages (see the module's docstring)."""
    by_agendapunt: dict[str, dict[str, dict]] = defaultdict(dict)
    for page in sorted((OPENDATA / "stemmingen").glob("*.json")):
        for stemming in json.loads(page.read_text(encoding="utf-8"))["value"]:
            b = stemming.get("Besluit")
            if b:
                by_agendapunt[b["Agendapunt_Id"]][b["Id"]] = b
    out: dict[str, list[dict]] = defaultdict(list)
    for decided in by_agendapunt.values():
        first = next(iter(decided.values()))
        ordered = sorted(first["Agendapunt"]["Zaak"], key=lambda z: z["Volgnummer"])
        for b in decided.values():
            n = b["AgendapuntZaakBesluitVolgorde"]
            if 1 <= n <= len(ordered):
                out[ordered[n - 1]["Id"]].append({k: v for k, v in b.items() if k != "Agendapunt"})
    return dict(out)


@lru_cache(maxsize=1)
def replacements() -> dict[str, list[str]]:
    """Kamerstuk identifier → the identifiers of the gewijzigde moties that replaced it (their
    Onderwerp says "(t.v.v. 32813-1497)")."""
    out: dict[str, list[str]] = defaultdict(list)
    for rid, zaak in zaken().items():
        m = re.search(r"\(t\.v\.v\.\s*([\w-]+?)\)", zaak["Onderwerp"])
        if m:
            out["kst-" + m.group(1)].append(rid)
    return dict(out)


def replaced_zaak(identifier: str) -> dict | None:
    """A Zaak for a motie that a gewijzigde motie replaced, where the corpus holds only the
    gewijzigde one: what the register says of it ("(t.v.v. 32813-1497)"), and no more: its
    number, its members and subject as the gewijzigde motie's, and no decision."""
    new = replacements().get(identifier)
    if not new or identifier in zaken():
        return None
    source = zaken()[new[0]]
    subject = re.sub(r"^(?:Nader )?[Gg]ewijzigde motie", "Motie", re.sub(r"\s*\(t\.v\.v\.[^)]*\)\s*$", "", source["Onderwerp"]))
    return {"Id": f"derived-{identifier}", "Nummer": "", "Soort": "Motie", "Onderwerp": subject, "GestartOp": source["GestartOp"],
            "Volgnummer": int(identifier.rsplit("-", 1)[1]), "Afgedaan": True, "Verwijderd": False}


def outcome_of(identifier: str) -> str:
    """What the served records say became of it ("" when undecided): for the tests' expectations."""
    from linter.verify.opendata import outcome

    zaak = zaken().get(identifier)
    return outcome(besluiten().get(zaak["Id"], [])) if zaak else ""


def _select(obj: dict, select: str | None) -> dict:
    if not select:
        return dict(obj)
    keep = [s.strip() for s in select.split(",")]
    return {k: obj[k] for k in keep if k in obj}


def _expand_options(expand: str) -> dict[str, dict[str, str]]:
    """``Besluit($filter=…;$select=…),VervangenDoor($select=…;$expand=…)`` → name → options."""
    out, depth, start = {}, 0, 0
    for i, c in enumerate(expand + ","):
        depth += c == "("
        depth -= c == ")"
        if c == "," and depth == 0:
            item = expand[start:i].strip()
            start = i + 1
            name, _, rest = item.partition("(")
            opts: dict[str, str] = {}
            rest = rest[:-1] if rest.endswith(")") else rest
            d, s = 0, 0
            for j, ch in enumerate(rest + ";"):
                d += ch == "("
                d -= ch == ")"
                if ch == ";" and d == 0:
                    k, _, v = rest[s:j].partition("=")
                    if k:
                        opts[k] = v
                    s = j + 1
            out[name] = opts
    return out


def odata_zaak(query: str, base: str) -> tuple[int, dict]:
    """The service's answer to ``Zaak?<query>``."""
    q = {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}
    flt = q.get("$filter", "")
    nr = re.search(r"\bVolgnummer eq (\d+)", flt)
    dossier = re.search(r"d/Nummer eq (\d+)", flt)
    toev = re.search(r"d/Toevoeging eq (null|'([^']*)')", flt)
    if not (nr and dossier and toev):
        return 400, {"error": {"code": "", "message": "The query specified in the URI is not valid."}}
    identifier = "-".join(["kst", dossier.group(1)] + ([toev.group(2)] if toev.group(2) else []) + [nr.group(1)])
    zaak = zaken().get(identifier) or replaced_zaak(identifier)
    value = []
    if zaak is not None:
        expand = _expand_options(q.get("$expand", ""))
        out = _select(zaak, q.get("$select"))
        out.pop("Document", None)
        if "Besluit" in expand:
            out["Besluit"] = [_select(b, expand["Besluit"].get("$select")) for b in besluiten().get(zaak["Id"], [])]
        if "VervangenDoor" in expand:
            opts = expand["VervangenDoor"]
            out["VervangenDoor"] = []
            for rid in replacements().get(identifier, []):
                new = _select(zaken()[rid], opts.get("$select"))
                if "Kamerstukdossier" in opts.get("$expand", ""):
                    new["Kamerstukdossier"] = [_dossier(rid)]
                out["VervangenDoor"].append(new)
        if "Kamerstukdossier" in expand:
            out["Kamerstukdossier"] = [_dossier(identifier)]
        value.append(out)
    return 200, {"@odata.context": f"{base}{ODATA_PREFIX}/$metadata#Zaak", "value": value}


class RecordServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        #: serve | 500 | stall | never | hostile | huge | all404 | fout404 | trickle-body |
        #: trickle-headers | trickle-chunked | 429 | redirect-loop | html
        self.mode = "serve"
        self.odata_mode = "serve"  # serve | 500 | never | 404
        self.requests: list[str] = []
        self.user_agents: list[str] = []
        self.redirect_to: str | None = None  # another server's base: every request is sent there
        self.too_many = 0  # in mode 429: answered 429 this many times
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def odata_url(self) -> str:
        return self.url + ODATA_PREFIX

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE officiele-publicatie [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<officiele-publicatie><metadata><meta name="DC.type" scheme="OVERHEIDop.KamerstukTypen" content="&d;"/>
<meta name="OVERHEIDop.dossiernummer" content="36725-XVII"/></metadata></officiele-publicatie>"""
FOUT404_PAGE = b"<!DOCTYPE html><html><head><title>Pagina niet gevonden</title></head><body><h1>Fout 404</h1></body></html>"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        server: RecordServer = self.server  # type: ignore[assignment]
        server.requests.append(self.path)
        server.user_agents.append(self.headers.get("User-Agent", ""))
        try:
            if self.path.startswith(ODATA_PREFIX):
                return self.odata()
            return self.publisher()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up: that is the point of some modes

    # -- the publisher ----------------------------------------------------------------------
    def publisher(self) -> None:
        server: RecordServer = self.server  # type: ignore[assignment]
        mode = server.mode
        if server.redirect_to:
            return self.redirect(server.redirect_to.rstrip("/") + self.path)
        if self.path.startswith("/fout404"):
            return self.answer(200, FOUT404_PAGE, "text/html")
        if self.misbehave(mode):
            return None
        name = self.path.lstrip("/")
        file = PUBLICATIONS / name
        if mode != "all404" and name.endswith(".xml") and "/" not in name and file.is_file():
            return self.answer(200, file.read_bytes(), "application/xml")
        if mode == "fout404":
            return self.redirect(f"/fout404?url={name}", 302)
        return self.answer(404, b"not found", "text/plain")

    # -- the Kamer's open data -----------------------------------------------------------------
    def odata(self) -> None:
        server: RecordServer = self.server  # type: ignore[assignment]
        if server.redirect_to:
            return self.redirect(server.redirect_to.rstrip("/") + self.path)
        if self.misbehave(server.odata_mode):
            return None
        if server.odata_mode == "404":
            return self.answer(404, b"not found", "text/plain")
        split = urlsplit(self.path)
        if split.path != ODATA_PREFIX + "/Zaak":
            return self.answer(404, b"{}", "application/json")
        status, body = odata_zaak(split.query, server.url)
        return self.answer(status, json.dumps(body, ensure_ascii=False).encode(), "application/json;odata.metadata=minimal")

    # -- faults ----------------------------------------------------------------------------------
    def misbehave(self, mode: str) -> bool:
        server: RecordServer = self.server  # type: ignore[assignment]
        if mode == "500":
            self.answer(500, b"down for maintenance", "text/plain")
        elif mode == "stall":
            time.sleep(3)
            self.answer(200, b"", "application/xml")
        elif mode == "never":
            time.sleep(60)  # accepts, never answers
            self.close_connection = True
        elif mode == "hostile":
            self.answer(200, BILLION_LAUGHS, "application/xml")
        elif mode == "html":
            self.answer(200, b"<html><body>Welkom op het portaal</body></html>", "text/html")
        elif mode == "huge":
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.end_headers()
            for _ in range(20 * 16):
                self.wfile.write(b"<al>" + b"x" * 65536 + b"</al>")
            self.close_connection = True
        elif mode == "trickle-body":
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.trickle(b"<" * 100000)
        elif mode == "trickle-headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            self.trickle(b"X-Slow: " + b"a" * 100000 + b"\r\n")
        elif mode == "trickle-chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for _ in range(1000):
                self.wfile.write(b"1\r\n<\r\n")
                self.wfile.flush()
                time.sleep(0.2)
            self.close_connection = True
        elif mode == "429":
            if server.too_many < 2:
                server.too_many += 1
                self.send_response(429)
                self.send_header("Retry-After", "1")
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                return False
        elif mode == "redirect-loop":
            self.redirect(self.path)
        else:
            return False
        return True

    def trickle(self, data: bytes) -> None:
        for i in range(0, len(data)):
            self.wfile.write(data[i:i + 1])
            self.wfile.flush()
            time.sleep(0.2)
        self.close_connection = True

    def redirect(self, location: str, status: int = 301) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def answer(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
