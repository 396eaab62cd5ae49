"""Verification against a real HTTP server on loopback serving the shared corpus's publications
and the Kamer's open data (tests/record_server.py): the look-ups, their faults, the cache."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SEED, needs_shared
from linter.verify.record import parse_publication, same_person
from record_server import BILLION_LAUGHS, PUBLICATIONS, RecordServer

pytestmark = needs_shared


@pytest.fixture
def publisher():
    server = RecordServer()
    yield server
    server.stop()


@pytest.fixture
def cache_dir(tmp_path):
    return tmp_path / "cache"


def lint(args: list[str], url: str, cache: Path, cwd: Path | None = None, odata: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "KAMERLINT_VERIFY_URL": url, "KAMERLINT_OPENDATA_URL": odata or url + "/odata", "KAMERLINT_CACHE_DIR": str(cache),
           "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}
    return subprocess.run([sys.executable, "-m", "linter.cli", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=timeout)


def url_of(server: RecordServer) -> str:
    return server.url


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
    assert offline.stdout.rstrip().endswith("2 references not verified (connection refused)."), offline.stdout
    assert offline.returncode == plain.returncode
    publisher.mode = "500"
    failing = lint([str(brief), *VERIFY_CODES, "--verify"], url_of(publisher), cache_dir)
    assert "2 references not verified (server error)." in failing.stdout and "KS009" not in failing.stdout
    # Failures are never cached: now that the server is back, it is asked again.
    publisher.mode = "serve"
    back = lint([str(brief), *VERIFY_CODES, "--verify"], url_of(publisher), cache_dir)
    assert "MO003" in back.stdout and "KS009" in back.stdout and "not verified" not in back.stdout
    # A second run with the server failing is answered from the cache, without asking.
    publisher.mode = "500"
    publisher.requests.clear()
    again = lint([str(brief), *VERIFY_CODES, "--verify"], url_of(publisher), cache_dir)
    assert "MO003" in again.stdout and "KS009" in again.stdout and "not verified" not in again.stdout
    assert publisher.requests == []
    # Another address has its own answers: what one source said is never another's.
    elsewhere = lint([str(brief), *VERIFY_CODES, "--verify"], "http://127.0.0.1:9", cache_dir)
    assert "KS009" not in elsewhere.stdout and "2 references not verified (connection refused)." in elsewhere.stdout


def test_a_stalling_server_times_out_as_not_verified(publisher, cache_dir, tmp_path):
    publisher.mode = "stall"
    (tmp_path / "kamerlint.toml").write_text("verify-timeout = 0.5\n")
    out = lint([str(letter(tmp_path, NO_SUCH)), "--verify", *VERIFY_CODES], url_of(publisher), cache_dir, cwd=tmp_path)
    assert "KS009" not in out.stdout and "1 reference not verified (no answer in time)." in out.stdout


@pytest.mark.parametrize("mode, why", [("hostile", "not a readable answer"), ("huge", "answer too large"), ("html", "not a readable answer")])
def test_hostile_or_huge_answers_are_not_verified(publisher, cache_dir, tmp_path, mode, why):
    publisher.mode = mode
    out = lint([str(letter(tmp_path, RIGHT + " " + NO_SUCH)), "--verify", *VERIFY_CODES], url_of(publisher), cache_dir)
    assert "KS009" not in out.stdout and "MO00" not in out.stdout and f"2 references not verified ({why})." in out.stdout, out.stdout


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
    assert "MO003" in out.stdout and "KS009" not in out.stdout and "1 reference not verified (not in the cache)." in out.stdout


def test_sync_fills_the_cache_and_two_processes_write_it_at_once(publisher, cache_dir, tmp_path):
    first = letter(tmp_path, RIGHT + " " + NO_SUCH, "a.txt")
    second = letter(tmp_path, "De motie van het lid Brekelmans c.s. (Kamerstuk 21 501-02, nr. 2803).", "b.txt")
    env = {**os.environ, "KAMERLINT_VERIFY_URL": publisher.url, "KAMERLINT_OPENDATA_URL": publisher.odata_url, "KAMERLINT_CACHE_DIR": str(cache_dir),
           "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    procs = [subprocess.Popen([sys.executable, "-m", "linter.cli", "sync", str(p)], env=env, stdout=subprocess.PIPE, text=True) for p in (first, second)]
    outs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert "1 found, 1 do not exist" in outs[0] and "1 found, 0 do not exist" in outs[1]
    info = lint(["cache", "info"], url_of(publisher), cache_dir)
    # Two publications and the two moties' open-data records; the 404.
    assert "Documents found: 4" in info.stdout and "does not exist\": 1" in info.stdout, info.stdout
    cleared = lint(["cache", "clear"], url_of(publisher), cache_dir)
    assert "Removed 5 look-ups" in cleared.stdout
    assert "Documents found: 0" in lint(["cache", "info"], url_of(publisher), cache_dir).stdout


def test_user_agent_names_kamerlint(publisher, cache_dir, tmp_path):
    lint(["sync", str(letter(tmp_path, RIGHT))], url_of(publisher), cache_dir)
    from linter import __version__

    assert publisher.user_agents and set(publisher.user_agents) == {f"kamerlint/{__version__}"}


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
    assert down.stdout.rstrip().endswith("3 references not verified (connection refused)."), down.stdout
    assert lint(["sync", str(two)], url_of(publisher), cache_dir).returncode == 0
    publisher.mode = "500"
    cached = lint([str(two), *VERIFY_CODES], url_of(publisher), cache_dir)
    assert "KS009" in cached.stdout
    off = tmp_path / "kamerlint.toml"
    off.write_text('verify = "off"\n')
    quiet = lint([str(two), *VERIFY_CODES], url_of(publisher), cache_dir)
    assert "KS009" not in quiet.stdout and "not verified" not in quiet.stdout
    fresh = letter(tmp_path, "Zie Kamerstuk 36 180, nr. 999.", "c.txt")  # not in the cache
    json_run = lint([str(fresh), "--verify", "--output-format", "json", "--isolated"], "http://127.0.0.1:9", cache_dir)
    assert json_run.stderr.strip() == "lint: 1 reference not verified (connection refused)."


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
    assert out.returncode == 0 and "1 reference not verified (connection refused)." in out.stdout and "Traceback" not in out.stderr
    cached = lint([str(letter(tmp_path, NO_SUCH)), *VERIFY_CODES], "http://127.0.0.1:9", cache_dir)
    assert "1 reference not verified (the cache is damaged)." in cached.stdout, cached.stdout
    # cache info notices it, and says how to mend it.
    info = lint(["cache", "info"], url_of(publisher), cache_dir)
    assert info.returncode == 1 and "damaged" in info.stderr and "lint cache clear" in info.stderr and "Traceback" not in info.stderr
    # sync cannot store what it found: it says so and fails, instead of "1 found" and exit 0.
    sync = lint(["sync", str(letter(tmp_path, RIGHT))], url_of(publisher), cache_dir)
    assert sync.returncode == 1 and "could not be stored" in sync.stderr, (sync.stdout, sync.stderr)
    # cache clear starts again; then sync stores.
    assert lint(["cache", "clear"], url_of(publisher), cache_dir).returncode == 0
    assert lint(["sync", str(letter(tmp_path, RIGHT))], url_of(publisher), cache_dir).returncode == 0
    assert "Documents found: 2" in lint(["cache", "info"], url_of(publisher), cache_dir).stdout


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
    found = list(not_a_motie(doc, RuleContext("MO004", Settings(), Records({"kst-36180-168": brief}, {}, True))))
    assert len(found) == 1 and "record says it is a brief" in found[0].message
    motie = Record(id="kst-36180-168", kind="Motie", members=["D.G.M. Ceder"])
    assert not list(not_a_motie(doc, RuleContext("MO004", Settings(), Records({"kst-36180-168": motie}, {}, True))))
    assert not lint_text("Ik voer de motie van het lid Ceder (Kamerstuk 36 180, nr. 168) uit.", "MO004")  # no record: silent
    assert check_document(doc, "brief.txt", Settings(select=["MO004"])) == []


# -- time: a deadline per response, giving up, pacing (issues 21 and 26) ------------------------
TWENTY = "\n".join(f"Zie Kamerstuk 36 725 XVII, nr. {n}." for n in range(40, 60))


@pytest.mark.parametrize("mode", ["trickle-body", "trickle-headers", "trickle-chunked"])
def test_a_trickling_answer_is_cut_at_its_deadline(publisher, cache_dir, tmp_path, mode):
    """Each byte comes in time for the socket's time-out, the whole never does: the deadline of
    the response (3 × verify-timeout) ends it, not the next 64 KB read."""
    publisher.mode = mode
    (tmp_path / "kamerlint.toml").write_text("verify-timeout = 0.5\n")
    out = lint([str(letter(tmp_path, NO_SUCH)), "--verify", *VERIFY_CODES], url_of(publisher), cache_dir, cwd=tmp_path, timeout=60)
    assert "KS009" not in out.stdout and "1 reference not verified (no answer in time)." in out.stdout, out.stdout


def test_a_server_that_never_answers_ends_the_run_and_says_why(publisher, cache_dir, tmp_path):
    """Twenty references, a server that accepts and never answers, the default time-out: the
    first few time out, the rest are not asked (the benchmark measures how long it takes)."""
    publisher.mode = "never"
    out = lint([str(letter(tmp_path, TWENTY)), "--verify", *VERIFY_CODES], url_of(publisher), cache_dir, timeout=60)
    assert out.returncode == 0 and "KS009" not in out.stdout
    assert "20 references not verified (not asked after repeated failures:" in out.stdout and "no answer in time:" in out.stdout, out.stdout
    assert len(publisher.requests) <= 4


def test_after_a_few_failures_a_source_is_not_asked_again(publisher, cache_dir, tmp_path):
    publisher.mode = "500"
    (tmp_path / "kamerlint.toml").write_text("verify-pace = 0.2\n")
    out = lint([str(letter(tmp_path, TWENTY)), "--verify", *VERIFY_CODES], url_of(publisher), cache_dir, cwd=tmp_path)
    assert "not asked after repeated failures" in out.stdout and "server error" in out.stdout, out.stdout
    assert len(publisher.requests) <= 4


def test_requests_are_paced_and_a_429_is_waited_out(publisher, cache_dir, tmp_path):
    publisher.mode = "429"  # the first two requests: 429 with Retry-After: 1
    out = lint([str(letter(tmp_path, WRONG_MEMBER + " " + NO_SUCH)), "--verify", *VERIFY_CODES], url_of(publisher), cache_dir)
    assert "MO003" in out.stdout and "KS009" in out.stdout and "not verified" not in out.stdout, out.stdout
    assert publisher.too_many == 2


def test_a_source_paces_its_requests():
    from linter.verify.fetch import Source

    src = Source("http://127.0.0.1:9", 1.0, 0.2)
    starts = []
    for _ in range(3):
        src._wait_turn()
        starts.append(time.monotonic())
    assert starts[1] - starts[0] >= 0.19 and starts[2] - starts[1] >= 0.19


# -- 404: not believed too easily, and KOOP's other way of saying it ------------------------------
def test_404s_are_not_believed_when_the_source_does_not_find_a_document_that_surely_exists(publisher, cache_dir, tmp_path):
    """A wrong base address or a portal that answers 404 to everything: no KS009, nothing cached."""
    publisher.mode = "all404"
    brief = letter(tmp_path, NO_SUCH + " Zie ook Kamerstuk 21 501-02, nr. 2803.")
    out = lint([str(brief), "--verify", *VERIFY_CODES], url_of(publisher), cache_dir)
    assert "KS009" not in out.stdout
    assert "2 references not verified (the source did not find a document that surely exists)." in out.stdout, out.stdout
    assert "/kst-36725-XVII-45.xml" in publisher.requests  # the sentinel, asked in the same run
    publisher.mode = "serve"
    back = lint([str(brief), "--verify", *VERIFY_CODES], url_of(publisher), cache_dir)
    assert back.stdout.count("KS009") == 1 and "not verified" not in back.stdout, back.stdout


def test_a_redirect_to_a_fout404_page_is_does_not_exist(publisher, cache_dir, tmp_path):
    publisher.mode = "fout404"
    out = lint([str(letter(tmp_path, RIGHT + " " + NO_SUCH)), "--verify", *VERIFY_CODES], url_of(publisher), cache_dir)
    assert out.stdout.count("KS009") == 1 and "kst-36725-XVII-4599" in out.stdout and "not verified" not in out.stdout, out.stdout
    assert any(r.startswith("/fout404") for r in publisher.requests)


@pytest.mark.parametrize("mode", ["serve", "fout404"])
def test_redirects_to_another_host_are_followed_to_a_verdict(publisher, cache_dir, tmp_path, mode):
    other = RecordServer()
    try:
        other.mode = mode
        publisher.redirect_to = other.url.replace("127.0.0.1", "localhost")
        out = lint([str(letter(tmp_path, WRONG_MEMBER + " " + NO_SUCH)), "--verify", *VERIFY_CODES], url_of(publisher), cache_dir)
        assert "MO003" in out.stdout and out.stdout.count("KS009") == 1 and "not verified" not in out.stdout, out.stdout
        assert other.requests
    finally:
        other.stop()


def test_a_redirect_loop_is_not_verified_with_its_reason(publisher, cache_dir, tmp_path):
    publisher.mode = "redirect-loop"
    out = lint([str(letter(tmp_path, NO_SUCH)), "--verify", *VERIFY_CODES], url_of(publisher), cache_dir)
    assert "1 reference not verified (too many redirects)." in out.stdout, out.stdout


@pytest.mark.parametrize("text, reported", [
    ("Zie Kamerstuk 19 637, nr. 99999.", True),  # a live dossier opened in 1986
    ("Zie Kamerstuk 21 501-02, nr. 9999.", True),
    ("Zie Kamerstuk 23 432, nr. 9999.", True),
    ("Zie Kamerstuk 22 545, nr. 3.", False),  # 1991/92: older than the publisher's collection
    ("Zie Kamerstukken II 1991/92, 22 545, nr. 300.", False),
    ("Zie Kamerstukken II 2023/24, 22 545, nr. 30.", True),
])
def test_ks009_below_dossier_24_000(publisher, cache_dir, tmp_path, text, reported):
    out = lint([str(letter(tmp_path, text)), "--verify", "--select", "KS009", "--citation-style",
                "juridisch" if "II" in text else "tweede-kamer"], url_of(publisher), cache_dir)
    assert ("KS009" in out.stdout) == reported, out.stdout


# -- saying why, in every format; failing the run when it must verify -----------------------------
def test_not_verified_in_json_sarif_and_the_exit_code(publisher, cache_dir, tmp_path):
    import json

    from conftest import SHARED

    brief = str(letter(tmp_path, RIGHT + " " + NO_SUCH))
    down = "http://127.0.0.1:9"
    found = json.loads(lint([brief, "--verify", "--output-format", "json"], down, cache_dir).stdout)
    extra = [o for o in found if o["code"] is None]
    assert extra == [{
        "path": None, "code": None, "name": "not-verified", "severity": "info", "message": "2 references not verified (connection refused)",
        "location": None, "excerpt": None, "fix": None, "url": None,
        "not_verified": {"count": 2, "reasons": {"refused": 2}, "fails_run": False},
    }]
    sarif = lint([brief, "--verify", "--output-format", "sarif"], down, cache_dir)
    log = json.loads(sarif.stdout)
    note = log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]
    assert note["descriptor"]["id"] == "not-verified" and note["properties"]["reasons"] == {"refused": 2}
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(log, json.loads((SHARED / "schemas" / "sarif-schema-2.1.0.json").read_text()))
    assert sarif.returncode == 0
    strict = lint([brief, "--verify", "--require-verified"], down, cache_dir)
    assert strict.returncode == 1 and "2 references not verified (connection refused)." in strict.stdout
    (tmp_path / "kamerlint.toml").write_text("require-verified = true\n")
    assert lint([brief, "--verify"], down, cache_dir, cwd=tmp_path).returncode == 1
    assert lint([brief, "--verify", "--exit-zero"], down, cache_dir, cwd=tmp_path).returncode == 0
    # Verified after all: passes.
    assert lint([str(letter(tmp_path, RIGHT, "ok.txt")), "--verify"], url_of(publisher), cache_dir, cwd=tmp_path).returncode == 0


def test_sync_fails_when_it_could_verify_nothing(publisher, cache_dir, tmp_path):
    out = lint(["sync", str(letter(tmp_path, RIGHT))], "http://127.0.0.1:9", cache_dir)
    assert out.returncode == 1 and "0 found, 0 do not exist, 1 not verified (connection refused)." in out.stdout, out.stdout
    assert "nothing could be verified" in out.stderr


@pytest.mark.parametrize("mode, why", [("500", "server error"), ("404", "refused by the server"), ("never", "no answer in time")])
def test_the_open_data_failing_is_not_verified_never_a_verdict(publisher, cache_dir, tmp_path, mode, why):
    publisher.odata_mode = mode
    (tmp_path / "kamerlint.toml").write_text("verify-timeout = 0.5\n")
    out = lint([str(letter(tmp_path, "Ik voer de aangenomen motie van het lid Van Baarle (Kamerstuk 21 501-02, nr. 3176) uit.")),
                "--verify", "--select", "MO006,MO007"], url_of(publisher), cache_dir, cwd=tmp_path)
    assert "MO006" not in out.stdout and f"1 reference not verified ({why})." in out.stdout, out.stdout
