"""The CI formats, each checked against its schema or read back the way its consumer reads it:
SARIF against the OASIS 2.1.0 schema, GitHub workflow commands by their documented grammar,
GitLab Code Quality by the fields GitLab reads, JUnit by the structure the common JUnit XSD
(Jenkins/Ant) allows."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from conftest import CORPUS, SEED, SHARED, needs_shared
from linter.cli import main

pytestmark = needs_shared

DOCX = CORPUS / "poi" / "integration__stress018.docx"
SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


def output(capsys, fmt: str, *paths: Path, extra: tuple[str, ...] = ()) -> str:
    main([*map(str, paths), "--output-format", fmt, "--jobs", "1", "--exit-zero", *extra])
    return capsys.readouterr().out


# -- SARIF ---------------------------------------------------------------------------------------


def validate_sarif(text: str) -> dict:
    jsonschema = pytest.importorskip("jsonschema")
    log = json.loads(text)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.validate(log, schema, cls=jsonschema.Draft7Validator)
    return log


def test_sarif_validates_for_text_and_docx(capsys):
    log = validate_sarif(output(capsys, "sarif", SEED, DOCX))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {"FN010", "BM001", "IO001"} <= {r["id"] for r in rules}
    for r in rules:
        assert r["helpUri"].endswith(r["id"]) and r["fullDescription"]["text"] and r["shortDescription"]["text"]
    results = run["results"]
    assert results and all(rules[res["ruleIndex"]]["id"] == res["ruleId"] for res in results)
    # A text draft: line and column in the file.
    findings = json.loads(output(capsys, "json", SEED))
    seed_results = [r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("kamerbrief-diaspora.txt")]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in seed_results] == [d["location"]["line"] for d in findings]


def test_sarif_every_result_names_its_place_and_has_a_stable_region(capsys):
    """Code scanning shows the message and the region: in a .docx every note starts again at
    paragraph 1, so the message and the logical location must say which note."""
    log = validate_sarif(output(capsys, "sarif", SEED, DOCX))
    findings = json.loads(output(capsys, "json", SEED, DOCX))
    results = log["runs"][0]["results"]
    assert len(results) == len(findings)
    for res, d in zip(results, findings):
        (logical,) = res["locations"][0]["logicalLocations"]
        loc = d["location"]
        if loc["paragraph"] is None:
            assert logical["fullyQualifiedName"] == "whole file"
        else:
            story = f"{loc['story']} {loc['note']}" if loc["story"] in ("footnote", "endnote") else loc["story"]
            assert logical["name"] == story and logical["fullyQualifiedName"] == f"{story} ¶{loc['paragraph']}"
        assert res["message"]["text"] == f"{logical['fullyQualifiedName']}: {d['message']}"
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    in_notes = [r for r in results if r["locations"][0]["logicalLocations"][0]["name"].startswith("footnote ")]
    assert len({r["locations"][0]["logicalLocations"][0]["name"] for r in in_notes}) > 1
    assert any(r["message"]["text"].startswith("footnote 7 ¶1: ") for r in in_notes)
    # The same input gives the same regions, also when checked in parallel.
    again = json.loads(output(capsys, "sarif", SEED, DOCX, extra=("--jobs", "2")))["runs"][0]["results"]
    assert [r["locations"] for r in again] == [r["locations"] for r in results]


def test_sarif_docx_region_is_the_paragraph_and_names_the_note(capsys):
    log = validate_sarif(output(capsys, "sarif", DOCX))
    findings = json.loads(output(capsys, "json", DOCX))
    results = log["runs"][0]["results"]
    assert len(results) == len(findings)
    for res, d in zip(results, findings):
        loc = res["locations"][0]
        if d["location"]["paragraph"] is None:
            continue
        assert loc["physicalLocation"]["region"]["startLine"] == d["location"]["paragraph"]
        assert loc["physicalLocation"]["region"]["startColumn"] == d["location"]["column"]
        (logical,) = loc["logicalLocations"]
        if d["location"]["story"] == "footnote":
            assert logical["name"] == f"footnote {d['location']['note']}"
            assert logical["properties"]["note"] == d["location"]["note"]
        else:
            assert logical["name"] == d["location"]["story"]
    assert any(r["locations"][0]["logicalLocations"][0]["name"].startswith("footnote ") for r in results)


def fingerprints(log: dict) -> list[tuple[str, str]]:
    return sorted((r["ruleId"], r["partialFingerprints"]["primaryLocationLineHash"]) for r in log["runs"][0]["results"])


def test_sarif_fingerprints_survive_resaving_and_moved_paragraphs(tmp_path, capsys):
    docx = pytest.importorskip("docx")
    original = tmp_path / "brief.docx"
    shutil.copy(DOCX, original)
    before = validate_sarif(output(capsys, "sarif", original))
    document = docx.Document(str(original))
    document.paragraphs[0].insert_paragraph_before("Een nieuwe eerste alinea.")
    document.save(str(original))  # re-saved by another program, and every body paragraph moved
    after = validate_sarif(output(capsys, "sarif", original))
    assert fingerprints(before) == fingerprints(after)
    lines = lambda log: [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in log["runs"][0]["results"] if r["ruleId"] == "BM001"]
    assert lines(before) and lines(after) == [n + 1 for n in lines(before)]


# -- GitHub workflow commands ------------------------------------------------------------------------

# ::LEVEL key=value,key=value::message, as GitHub's toolkit (core.issueCommand) writes them.
COMMAND = re.compile(r"^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:]*)(?:,[a-zA-Z]+=[^,:]*)*)::(.*)$")


def unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_github_annotations_are_well_formed(tmp_path, capsys):
    odd = tmp_path / "brief, versie: 2%.txt"  # characters that must be escaped in a property
    shutil.copy(SEED, odd)
    text = output(capsys, "github", odd, DOCX)
    findings = json.loads(output(capsys, "json", odd, DOCX))
    lines = text.splitlines()
    # One command a finding, then (more than GitHub shows) a plain line that says where the rest is.
    assert len(lines) == len(findings) + 1 and lines[-1].startswith("kamerlint: 44 findings; GitHub shows at most 10 errors")
    for line, d in zip(lines, findings):
        m = COMMAND.match(line)
        assert m, line
        level, props, message = m.groups()
        assert level == {"error": "error", "warning": "warning", "info": "notice"}[d["severity"]]
        fields = dict(p.split("=", 1) for p in props.split(","))
        assert unescape(fields["file"]) == d["path"]
        assert "\n" not in message and unescape(message).startswith(f"{d['code']} ")
        assert d["message"] in unescape(message)
        if d["location"]["line"] is not None:
            assert int(fields["line"]) == d["location"]["line"]
            assert int(fields["col"]) == d["location"]["column"]


# -- GitLab Code Quality ---------------------------------------------------------------------------


def test_gitlab_code_quality_report(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CI_PROJECT_DIR", str(tmp_path))
    (tmp_path / "brieven").mkdir()
    shutil.copy(SEED, tmp_path / "brieven" / "brief.txt")
    shutil.copy(DOCX, tmp_path / "brieven" / "brief.docx")
    monkeypatch.chdir(tmp_path)
    issues = json.loads(output(capsys, "gitlab", Path("brieven")))
    assert isinstance(issues, list) and issues
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert re.fullmatch(r"[A-Z]{2}\d{3}", issue["check_name"])
        assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] in ("brieven/brief.txt", "brieven/brief.docx")
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    # GitLab shows only the first of equal fingerprints.
    assert len({i["fingerprint"] for i in issues}) == len(issues)


# -- JUnit -----------------------------------------------------------------------------------------

TESTCASE_CHILDREN = ["skipped", "error", "failure", "system-out", "system-err"]


def test_junit_structure(tmp_path, capsys):
    clean = tmp_path / "clean.txt"
    clean.write_text("Geachte voorzitter,\n\nHierbij bied ik u de antwoorden aan.\n", encoding="utf-8")
    text = output(capsys, "junit", SEED, clean, extra=("--select", "FN,BM"))
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(SEED), str(clean)]
    total = failures = 0
    for suite in suites:
        assert set(child.tag for child in suite) <= {"properties", "testcase", "system-out", "system-err"}
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(len(c.findall("failure")) for c in cases)
        for case in cases:
            assert case.get("name") and case.get("classname") == suite.get("name")
            order = [TESTCASE_CHILDREN.index(child.tag) for child in case]
            assert order == sorted(order)
            for failure in case.findall("failure"):
                assert re.fullmatch(r"[A-Z]{2}\d{3}", failure.get("type")) and failure.get("message")
        total += len(cases)
        failures += int(suite.get("failures"))
    assert int(root.get("tests")) == total and int(root.get("failures")) == failures
    clean_suite = suites[1]
    assert clean_suite.get("failures") == "0" and clean_suite.find("testcase").get("name") == "no problems"


def junit_cases(text: str) -> dict[str, list]:
    cases: dict[str, list] = {}
    for case in ET.fromstring(text.encode("utf-8")).iter("testcase"):
        cases.setdefault(case.get("name").split()[0], []).append(case)
    return cases


def test_junit_fails_only_what_fails_the_run(capsys):
    findings = json.loads(output(capsys, "json", SEED))
    severities = {d["code"]: d["severity"] for d in findings}
    assert "info" in severities.values() and "warning" in severities.values()

    default = output(capsys, "junit", SEED)
    root = ET.fromstring(default.encode("utf-8"))
    for code, cases in junit_cases(default).items():
        for case in cases:
            if severities[code] == "info":  # below --fail-on warning: passes, and says what it found
                assert case.find("failure") is None and code in case.find("system-out").text
            else:
                assert case.find("failure") is not None and case.find("system-out") is None
    failing = sum(1 for d in findings if d["severity"] != "info")
    assert int(root.get("failures")) == failing == int(root.find("testsuite").get("failures"))
    assert int(root.get("tests")) == len(findings)

    strict = junit_cases(output(capsys, "junit", SEED, extra=("--fail-on", "info")))
    assert all(c.find("failure") is not None for cases in strict.values() for c in cases)
    lenient = junit_cases(output(capsys, "junit", SEED, extra=("--fail-on", "error")))
    for code, cases in lenient.items():
        assert all((c.find("failure") is not None) == (severities[code] == "error") for c in cases)


def test_statistics_as_json_like_ruff(capsys):
    findings = json.loads(output(capsys, "json", SEED, DOCX))
    stats = json.loads(output(capsys, "json", SEED, DOCX, extra=("--statistics",)))
    assert isinstance(stats, list) and stats
    assert all(set(s) == {"code", "name", "count", "fixable"} for s in stats)
    expected: dict[str, int] = {}
    for d in findings:
        expected[d["code"]] = expected.get(d["code"], 0) + 1
    assert {s["code"]: s["count"] for s in stats} == expected
    assert [s["count"] for s in stats] == sorted((s["count"] for s in stats), reverse=True)
    safe = {d["code"] for d in findings if d["fix"] and d["fix"]["applicability"] == "safe"}
    assert {s["code"] for s in stats if s["fixable"]} == safe
    assert {s["name"] for s in stats} == {d["name"] for d in findings}
