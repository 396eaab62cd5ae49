"""Inputs that were refused or described wrongly: an .odt that repeats an xml:id (well-formed, and
LibreOffice opens it), an encrypted .odt (not "damaged"), an encrypted .docx whose compound file
writes its stream names in upper case (not "not a Word document")."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, codes
from linter.engine import lint_bytes, lint_path
from linter.formats import read_document
from linter.settings import Settings
from test_odt_reader import NS, make_odt

sys.path.insert(0, str(ROOT / "scripts"))
import make_hostile  # noqa: E402

IN_CI = bool(os.environ.get("CI"))


def test_an_odt_that_repeats_an_xml_id_is_read():
    """LibreOffice writes xml:id on paragraphs; a copied paragraph can keep its id."""
    body = (
        '<text:p xml:id="par1">Geachte voorzitter,</text:p>'
        '<text:p xml:id="par1">Zie Kamerstuk 33625, nr. 287.</text:p>'
    )
    doc = read_document(make_odt(body), "brief.odt")
    assert [p.text for p in doc.stories[0].paragraphs] == ["Geachte voorzitter,", "Zie Kamerstuk 33625, nr. 287."]
    found = lint_bytes(make_odt(body), "brief.odt", Settings())
    assert "IO002" not in codes(found) and "KS001" in codes(found)


def test_a_fix_of_an_odt_that_repeats_an_xml_id_is_written(tmp_path):
    from linter.cli import main

    path = tmp_path / "brief.odt"
    path.write_bytes(make_odt('<text:p xml:id="a">Zie Kamerstuk 33625, nr. 287.</text:p><text:p xml:id="a">Tekst.</text:p>'))
    main(["--isolated", "--fix", "-q", "--select", "KS001", str(path)])
    assert "33 625" in zipfile.ZipFile(path).read("content.xml").decode("utf-8")


def encrypted_odt() -> bytes:
    """An .odt as LibreOffice writes one with a password: the manifest lists encryption data for
    content.xml, whose bytes are ciphertext."""
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="2544">'
        '<manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" manifest:checksum="AAAA">'
        '<manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" manifest:initialisation-vector="AAAA"/>'
        '<manifest:start-key-generation manifest:start-key-generation-name="http://www.w3.org/2000/09/xmldsig#sha256" manifest:key-size="32"/>'
        '<manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:key-size="32" manifest:iteration-count="100000" manifest:salt="AAAA"/>'
        "</manifest:encryption-data></manifest:file-entry></manifest:manifest>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", os.urandom(2560))
        z.writestr("styles.xml", f'<?xml version="1.0"?><office:document-styles {NS}/>')
        z.writestr("META-INF/manifest.xml", manifest)
    return buf.getvalue()


def assert_says_password(found) -> None:
    assert codes(found) == ["IO002"]
    message = found[0].message
    assert "password" in message and "damaged" not in message


def test_an_encrypted_odt_says_it_has_a_password():
    assert_says_password(lint_bytes(encrypted_odt(), "brief.odt", Settings()))


UNO_SAVE_WITH_PASSWORD = r"""
import os, subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue
source, target, profile = sys.argv[1:4]
pipe = "kamerlint%d" % os.getpid()
office = subprocess.Popen(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--invisible",
                           "--norestore", "--accept=pipe,name=%s;urp;" % pipe], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            time.sleep(0.5)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),))
    doc.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", "writer8"), prop("Password", "geheim")))
    doc.close(True)
finally:
    office.kill()
    office.wait()
"""


def test_an_odt_saved_with_a_password_by_libreoffice(tmp_path):
    """The real thing: LibreOffice (through UNO) saves the .odt fixture with a password."""
    soffice = shutil.which("soffice")
    uno = Path("/usr/bin/python3")
    if (soffice is None or not uno.exists()) and not IN_CI:
        pytest.skip("LibreOffice with python3-uno is not installed")
    if subprocess.run([str(uno), "-c", "import uno"], capture_output=True).returncode != 0 and not IN_CI:
        pytest.skip("python3-uno is not installed")
    target = tmp_path / "geheim.odt"
    subprocess.run(
        [str(uno), "-c", UNO_SAVE_WITH_PASSWORD, str(FIXTURES / "odt" / "features.odt"), str(target), str(tmp_path / "profile")],
        capture_output=True, timeout=300,
    )
    assert target.is_file(), "LibreOffice did not save the file"
    assert b"encryption-data" in zipfile.ZipFile(target).read("META-INF/manifest.xml")
    assert_says_password(lint_path(target, Settings()))


@pytest.mark.parametrize("names", [["EncryptionInfo", "EncryptedPackage"], ["ENCRYPTIONINFO", "ENCRYPTEDPACKAGE"], ["encryptioninfo", "encryptedpackage"]])
def test_an_encrypted_docx_in_any_case_says_it_has_a_password(names):
    found = lint_bytes(make_hostile.ole2(names), "brief.docx", Settings())
    assert codes(found) == ["IO002"]
    assert "password" in found[0].message and "not a Word document" not in found[0].message


def test_a_word97_file_in_upper_case_is_still_a_doc():
    found = lint_bytes(make_hostile.ole2(["WORDDOCUMENT", "1TABLE"]), "brief.doc", Settings())
    assert "Word 97" in found[0].message


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_an_external_dtd_is_never_opened(tmp_path, kind):
    """A DOCTYPE naming a file: the parser must not open it, with or without repeated xml:ids
    (lxml's collect_ids=False would make libxml2 load it). The file is a named pipe, which an
    open would wait on for ever."""
    fifo = tmp_path / "dtd"
    os.mkfifo(fifo)
    if kind == "docx":
        data = make_hostile.xxe_external_dtd(fifo.as_uri())
    else:
        content = (
            f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE office:document-content SYSTEM "{fifo.as_uri()}">'
            f'<office:document-content {NS}><office:body><office:text>'
            '<text:p xml:id="a">Geachte voorzitter,</text:p><text:p xml:id="a">Tekst.</text:p>'
            "</office:text></office:body></office:document-content>"
        )
        data = make_odt("", content=content)
    path = tmp_path / f"brief.{kind}"
    path.write_bytes(data)
    try:
        done = subprocess.run([sys.executable, "-m", "linter.cli", "--isolated", "--output-format", "json", str(path)],
                              cwd=ROOT, capture_output=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("the parser opened the external DTD")
    assert b"Traceback" not in done.stderr
