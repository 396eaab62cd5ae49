"""Verification against a real HTTP server on loopback serving the shared corpus's publications."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import SEED, SHARED, needs_shared
from linter.verify.record import parse_publication, same_person

PUBLICATIONS = SHARED / "corpus" / "opendata" / "publications"
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE officiele-publicatie [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<officiele-publicatie><metadata><meta name="DC.type" scheme="OVERHEIDop.KamerstukTypen" content="&d;"/>
<meta name="OVERHEIDop.dossiernummer" content="36725-XVII"/></metadata></officiele-publicatie>"""

pytestmark = needs_shared


class Publisher(ThreadingHTTPServer):
    daemon_threads = True
    mode = "serve"  # serve | 500 | stall | hostile | huge
    requests: list[str]


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        server: Publisher = self.server  # type: ignore[assignment]
        server.requests.append(self.path)
        if server.mode == "500":
            return self.answer(500, b"down for maintenance")
        if server.mode == "stall":
            time.sleep(3)
            return self.answer(200, b"")
        if server.mode == "hostile":
            return self.answer(200, BILLION_LAUGHS)
        if server.mode == "huge":
            self.send_response(200)
            self.end_headers()
            try:
                for _ in range(20 * 16):
                    self.wfile.write(b"<al>" + b"x" * 65536 + b"</al>")
            except OSError:
                pass  # the client stopped reading: that is the point
            return None
        name = self.path.lstrip("/")
        file = PUBLICATIONS / name
        if name.endswith(".xml") and "/" not in name and file.is_file():
            return self.answer(200, file.read_bytes())
        return self.answer(404, b"not found")

    def answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def publisher():
    server = Publisher(("127.0.0.1", 0), Handler)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def cache_dir(tmp_path):
    return tmp_path / "cache"


def lint(args: list[str], url: str, cache: Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "KAMERLINT_VERIFY_URL": url, "KAMERLINT_CACHE_DIR": str(cache), "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    return subprocess.run([sys.executable, "-m", "linter.cli", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120)


def url_of(server: Publisher) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def letter(tmp_path: Path, text: str, name: str = "brief.txt") -> Path:
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    return path


RIGHT = "Ook reageer ik op de motie van de leden Ceder en Bamenga (Kamerstuk 36 725 XVII, nr. 45)."
WRONG_MEMBER = "Ook reageer ik op de motie van de leden Ceder en Jansen (Kamerstuk 36 725 XVII, nr. 45)."
NO_SUCH = "Zie ook Kamerstuk 36 725 XVII, nr. 4599."
VERIFY_CODES = ["--select", "KS009,MO001,MO003,MO004"]


def test_the_seeds_motie_is_verified_and_mo001_names_its_members(publisher, cache_dir, tmp_path):
    out = lint([str(SEED), "--verify", *VERIFY_CODES], url_of(publisher), cache_dir)
    assert "MO003" not in out.stdout and "MO004" not in out.stdout
    # The test server has only the corpus's moties: the seed's other Kamerstukken are "missing" there.
    assert "kst-36725-XVII-45" not in out.stdout and all(
        not (PUBLICATIONS / (word.rstrip(";") + ".xml")).is_file() for word in out.stdout.split() if word.startswith("kst-"))
    assert 'write "de motie van de leden Ceder en Bamenga (Kamerstuk 36 725 XVII, nr. 45)"' in out.stdout
    assert "not verified" not in out.stdout
    assert "/kst-36725-XVII-45.xml" in publisher.requests
    # Without the members in the letter, the record names them.
    bare = letter(tmp_path, "Ook reageer ik op de Motie 36 725-XVII nr. 45 ten aanzien van Europese inzet.")
    out = lint([str(bare), "--verify", *VERIFY_CODES], url_of(publisher), cache_dir)
    assert 'write "de motie van de leden Ceder en Bamenga (Kamerstuk 36 725 XVII, nr. 45)"' in out.stdout


def test_right_members_wrong_member_and_a_number_that_does_not_exist(publisher, cache_dir, tmp_path):
    ok = lint([str(letter(tmp_path, RIGHT)), "--verify", *VERIFY_CODES], url_of(publisher), cache_dir)
    assert ok.returncode == 0 and ok.stdout.startswith("All checked"), ok.stdout
    wrong = lint([str(letter(tmp_path, WRONG_MEMBER)), "--verify", *VERIFY_CODES], url_of(publisher), cache_dir)
    assert "MO003" in wrong.stdout and '"Jansen" is not among the indieners' in wrong.stdout
    assert "Bamenga" in wrong.stdout and wrong.returncode == 1
    missing = lint([str(letter(tmp_path, NO_SUCH)), "--verify", *VERIFY_CODES], url_of(publisher), cache_dir)
    assert "KS009" in missing.stdout and "kst-36725-XVII-4599" in missing.stdout and missing.returncode == 1


def test_the_body_only_shape_members_c_s_and_a_motie_called_an_amendement(publisher, cache_dir, tmp_path):
    text = "\n".join([
        "De motie van het lid Brekelmans c.s. (Kamerstuk 21 501-02, nr. 2803) voer ik uit.",
        "De motie van het lid Van Baarle (Kamerstuk 19 637, nr. 3360) ook.",
        "De motie van de leden Brekelmans en Wilders (Kamerstuk 21 501-02, nr. 2803) niet.",
        "Het amendement van het lid Van Baarle (Kamerstuk 21 501-02, nr. 2907) evenmin.",
    ])
    out = lint([str(letter(tmp_path, text)), "--verify", *VERIFY_CODES, "--output-format", "concise"], url_of(publisher), cache_dir)
    lines = [line for line in out.stdout.splitlines() if " MO" in line or " KS" in line]
    assert len(lines) == 2, out.stdout
    assert ":3:" in lines[0] and "MO003" in lines[0] and '"Wilders"' in lines[0]
    assert ":4:" in lines[1] and "MO004" in lines[1] and "record says it is a motie" in lines[1]


def test_a_note_that_cites_the_motie(publisher, cache_dir, tmp_path):
    tika = "Ik reageer op de motie van de leden Ceder en Jansen[footnoteRef:1] hierbij. [1:  Kamerstuk 36 725 XVII, nr. 45. ] "
    out = lint([str(letter(tmp_path, tika)), "--verify", "--select", "MO003"], url_of(publisher), cache_dir)
    assert "MO003" in out.stdout and '"Jansen"' in out.stdout


def test_server_down_reports_nothing_says_not_verified_and_keeps_the_exit_code(publisher, cache_dir, tmp_path):
    brief = letter(tmp_path, WRONG_MEMBER + " " + NO_SUCH)
    offline = lint([str(brief), *VERIFY_CODES, "--verify"], "http://127.0.0.1:9", cache_dir)
    plain = lint([str(brief), *VERIFY_CODES, "--config", str(letter(tmp_path, 'verify = "off"', "off.toml"))], url_of(publisher), cache_dir)
    assert "MO003" not in offline.stdout and "KS009" not in offline.stdout
    assert offline.stdout.rstrip().endswith("2 references not verified.")
    assert offline.returncode == plain.returncode
    publisher.mode = "500"
    failing = lint([str(brief), *VERIFY_CODES, "--verify"], url_of(publisher), cache_dir)
    assert "2 references not verified." in failing.stdout and "KS009" not in failing.stdout
    # Failures are never cached: now that the server is back, it is asked again.
    publisher.mode = "serve"
    back = lint([str(brief), *VERIFY_CODES, "--verify"], url_of(publisher), cache_dir)
    assert "MO003" in back.stdout and "KS009" in back.stdout and "not verified" not in back.stdout
    # A second run with the server down is answered from the cache.
    again = lint([str(brief), *VERIFY_CODES, "--verify"], "http://127.0.0.1:9", cache_dir)
    assert "MO003" in again.stdout and "KS009" in again.stdout and "not verified" not in again.stdout


def test_a_stalling_server_times_out_as_not_verified(publisher, cache_dir, tmp_path):
    publisher.mode = "stall"
    (tmp_path / "kamerlint.toml").write_text("verify-timeout = 0.5\n")
    out = lint([str(letter(tmp_path, NO_SUCH)), "--verify", *VERIFY_CODES], url_of(publisher), cache_dir, cwd=tmp_path)
    assert "KS009" not in out.stdout and "1 reference not verified." in out.stdout


@pytest.mark.parametrize("mode", ["hostile", "huge"])
def test_hostile_or_huge_answers_are_not_verified(publisher, cache_dir, tmp_path, mode):
    publisher.mode = mode
    out = lint([str(letter(tmp_path, RIGHT + " " + NO_SUCH)), "--verify", *VERIFY_CODES], url_of(publisher), cache_dir)
    assert "KS009" not in out.stdout and "MO00" not in out.stdout and "2 references not verified." in out.stdout


def test_entities_are_never_expanded():
    from linter.verify.record import NotAPublication

    with pytest.raises(NotAPublication):
        parse_publication(BILLION_LAUGHS, "kst-36725-XVII-45")


def test_default_mode_never_touches_the_network(publisher, cache_dir, tmp_path):
    brief = letter(tmp_path, WRONG_MEMBER + " " + NO_SUCH)
    lint([str(brief), *VERIFY_CODES], url_of(publisher), cache_dir)  # no cache yet
    assert publisher.requests == []
    lint(["sync", str(letter(tmp_path, RIGHT, "other.txt"))], url_of(publisher), cache_dir)  # now there is one
    publisher.requests.clear()
    out = lint([str(brief), *VERIFY_CODES], url_of(publisher), cache_dir)
    assert publisher.requests == []
    # The cache knows nr. 45 (no finding: Jansen is wrong, so MO003) but not nr. 4599.
    assert "MO003" in out.stdout and "KS009" not in out.stdout and "1 reference not verified." in out.stdout


def test_sync_fills_the_cache_and_two_processes_write_it_at_once(publisher, cache_dir, tmp_path):
    first = letter(tmp_path, RIGHT + " " + NO_SUCH, "a.txt")
    second = letter(tmp_path, "De motie van het lid Brekelmans c.s. (Kamerstuk 21 501-02, nr. 2803).", "b.txt")
    env = {**os.environ, "KAMERLINT_VERIFY_URL": url_of(publisher), "KAMERLINT_CACHE_DIR": str(cache_dir), "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    procs = [subprocess.Popen([sys.executable, "-m", "linter.cli", "sync", str(p)], env=env, stdout=subprocess.PIPE, text=True) for p in (first, second)]
    outs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert "1 found, 1 do not exist" in outs[0] and "1 found, 0 do not exist" in outs[1]
    info = lint(["cache", "info"], url_of(publisher), cache_dir)
    assert "Documents found: 2" in info.stdout and "does not exist\": 1" in info.stdout
    cleared = lint(["cache", "clear"], url_of(publisher), cache_dir)
    assert "Removed 3 look-ups" in cleared.stdout
    assert "Documents found: 0" in lint(["cache", "info"], url_of(publisher), cache_dir).stdout


def test_user_agent_names_kamerlint(publisher, cache_dir, tmp_path):
    seen = []
    original = Handler.do_GET

    def spy(self):
        seen.append(self.headers.get("User-Agent"))
        original(self)

    Handler.do_GET = spy
    try:
        lint(["sync", str(letter(tmp_path, RIGHT))], url_of(publisher), cache_dir)
    finally:
        Handler.do_GET = original
    from linter import __version__

    assert seen == [f"kamerlint/{__version__}"]


@pytest.mark.parametrize("written, member", [
    ("Ceder", "D.G.M. Ceder"), ("Van Baarle", "S.R.T. van Baarle"), ("van der Plas", "C.A.M. van der Plas"),
    ("Rikkers", "M.G.F. Rikkers-Oosterkamp"), ("Rikkers-Oosterkamp", "M.G.F. Rikkers-Oosterkamp"),
    ("De Groot", "P.C. (Peter) de Groot"), ("Inge van Dijk", "I. (Inge) van Dijk"), ("Yeşilgöz", "D. Yesilgöz-Zegerius"),
    ("Six Dijkstra", "J.P.S. Six Dijkstra"),
])
def test_surnames_compare_as_people_write_them(written, member):
    assert same_person(written, member)


@pytest.mark.parametrize("written, member", [("Jansen", "D.G.M. Ceder"), ("Van Dijk", "C.A.M. van der Plas"), ("Dijk", "J.P. Dijkstra")])
def test_different_people_do_not_match(written, member):
    assert not same_person(written, member)


def test_every_publication_in_the_corpus_reads(tmp_path):
    files = sorted(PUBLICATIONS.glob("kst-*.xml"))
    assert len(files) == 414
    for file in files:
        record = parse_publication(file.read_bytes(), file.stem)
        assert record.family == "motie" and record.members and record.number, file.name


def test_the_count_crosses_processes_and_off_ignores_the_cache(publisher, cache_dir, tmp_path):
    one = letter(tmp_path, NO_SUCH, "a.txt")
    two = letter(tmp_path, RIGHT + " " + NO_SUCH, "b.txt")
    down = lint([str(one), str(two), "--verify", "--jobs", "2", *VERIFY_CODES], "http://127.0.0.1:9", cache_dir)
    assert down.stdout.rstrip().endswith("3 references not verified."), down.stdout
    assert lint(["sync", str(two)], url_of(publisher), cache_dir).returncode == 0
    cached = lint([str(two), *VERIFY_CODES], "http://127.0.0.1:9", cache_dir)
    assert "KS009" in cached.stdout
    off = tmp_path / "kamerlint.toml"
    off.write_text('verify = "off"\n')
    quiet = lint([str(two), *VERIFY_CODES], "http://127.0.0.1:9", cache_dir)
    assert "KS009" not in quiet.stdout and "not verified" not in quiet.stdout
    fresh = letter(tmp_path, "Zie Kamerstuk 36 180, nr. 999.", "c.txt")  # not in the cache
    json_run = lint([str(fresh), "--verify", "--output-format", "json", "--isolated"], "http://127.0.0.1:9", cache_dir)
    assert json_run.stderr.strip() == "lint: 1 reference not verified."


@pytest.mark.parametrize("line", ['verify = "sometimes"', 'verify-url = "file:///etc"', "verify-not-found-hours = -1", "verify-timeout = 0"])
def test_bad_verification_settings_stop_the_run(tmp_path, cache_dir, line):
    (tmp_path / "kamerlint.toml").write_text(line + "\n")
    out = lint([str(letter(tmp_path, RIGHT))], "http://127.0.0.1:9", cache_dir)
    assert out.returncode == 2 and "kamerlint.toml" in out.stderr


def test_show_settings_names_the_verification_settings(tmp_path, cache_dir):
    (tmp_path / "kamerlint.toml").write_text('verify = "online"\ncache-dir = "cache"\n')
    out = lint(["--show-settings", str(letter(tmp_path, RIGHT))], "http://127.0.0.1:9", cache_dir)
    assert 'verify = "online"' in out.stdout and f'cache-dir = "{tmp_path / "cache"}"' in out.stdout


def test_a_damaged_cache_means_not_verified_never_a_crash(publisher, cache_dir, tmp_path):
    cache_dir.mkdir()
    (cache_dir / "records.sqlite3").write_bytes(b"this is not a database" * 100)
    out = lint([str(letter(tmp_path, NO_SUCH)), "--verify", *VERIFY_CODES], "http://127.0.0.1:9", cache_dir)
    assert out.returncode == 0 and "1 reference not verified." in out.stdout and "Traceback" not in out.stderr
    assert lint(["cache", "info"], url_of(publisher), cache_dir).returncode == 0


def test_mo004_a_motie_that_the_record_calls_a_brief():
    """The corpus holds only moties; a letter (Brief) record is made here as the engine would hand it over."""
    from conftest import lint_text
    from linter.engine import check_document, read_data
    from linter.registry import RuleContext
    from linter.settings import Settings
    from linter.verify import Records
    from linter.verify.record import Record
    from rules.verification import not_a_motie

    doc = read_data("Ik voer de motie van het lid Ceder (Kamerstuk 36 180, nr. 168) uit.\n".encode(), "brief.txt", Settings())
    brief = Record(id="kst-36180-168", kind="Brief", title="Brief van de minister van Buitenlandse Zaken")
    found = list(not_a_motie(doc, RuleContext("MO004", Settings(), Records({"kst-36180-168": brief}, set(), True))))
    assert len(found) == 1 and "record says it is a brief" in found[0].message
    motie = Record(id="kst-36180-168", kind="Motie", members=["D.G.M. Ceder"])
    assert not list(not_a_motie(doc, RuleContext("MO004", Settings(), Records({"kst-36180-168": motie}, set(), True))))
    assert not lint_text("Ik voer de motie van het lid Ceder (Kamerstuk 36 180, nr. 168) uit.", "MO004")  # no record: silent
    assert check_document(doc, "brief.txt", Settings(select=["MO004"])) == []
