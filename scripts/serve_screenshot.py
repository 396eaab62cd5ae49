"""Make docs/img/writer-languagetool.png: LibreOffice Writer underlining a Kamerstuk reference that
`lint serve` found, as the README shows it.

    /usr/bin/python3 scripts/serve_screenshot.py [LINT]

Run it with Debian's /usr/bin/python3 (it has LibreOffice's Python bridge, python3-uno); LINT is
the `lint` command to serve with (default: .venv/bin/lint). It needs Xvfb, xwd, xdotool and ImageMagick's
convert (Debian: xvfb, x11-apps, xdotool, imagemagick). It starts `lint serve` on a free port, a virtual
screen, and Writer on it with a fresh profile; points Writer's LanguageTool client at the server
through the configuration API and makes it the Dutch grammar checker; opens a one-paragraph Dutch
letter; waits for the underline; opens the context menu on it; and photographs the window.
"""

import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.lang import Locale

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img" / "writer-languagetool.png"
TEXT = ("Het kabinet heeft, zoals gemeld in Kamerstuk 36180, nr. 168, besloten de regeling voor "
        "diasporaorganisaties voort te zetten.")


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def letter(path: Path) -> None:
    """A .docx of one Dutch paragraph, written by hand (no python-docx in Debian's Python)."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/_rels/document.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
        "word/styles.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:styles {w}><w:docDefaults><w:rPrDefault><w:rPr>'
        '<w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif"/><w:sz w:val="28"/><w:lang w:val="nl-NL"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>',
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document {w}><w:body>'
        f'<w:p><w:r><w:t xml:space="preserve">{TEXT}</w:t></w:r></w:p>'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134"/></w:sectPr></w:body></w:document>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def connect(port: int):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            return resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.5)
    raise SystemExit("soffice did not answer")


def main() -> int:
    lint = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / ".venv" / "bin" / "lint")
    work = Path(tempfile.mkdtemp(prefix="kamerlint-shot-"))
    server = subprocess.Popen([lint, "serve", "--port", "0"], stderr=subprocess.PIPE, text=True, cwd=work, env={**os.environ, "KAMERLINT_LANG": "en"})
    url = ""
    for line in server.stderr:
        if "serving on " in line:
            url = line.split("serving on ", 1)[1].split()[0].rstrip("/")
            break
    display = ":47"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1100x560x24", "-nolisten", "tcp"])
    env = {**os.environ, "DISPLAY": display, "SAL_USE_VCLPLUGIN": "gen"}
    port = 2147
    soffice = subprocess.Popen(
        ["soffice", "--norestore", "--nologo", "--nodefault", f"-env:UserInstallation={(work / 'profile').as_uri()}",
         f"--accept=socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"], env=env,
    )
    try:
        ctx = connect(port)
        smgr = ctx.ServiceManager
        provider = smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
        access = provider.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationUpdateAccess", (prop("nodepath", "/org.openoffice.Office.Linguistic/GrammarChecking/LanguageTool"),))
        access.setPropertyValue("BaseURL", url + "/v2")
        access.setPropertyValue("IsEnabled", True)
        access.commitChanges()
        lingu = smgr.createInstanceWithContext("com.sun.star.linguistic2.LinguServiceManager", ctx)
        lingu.setConfiguredServices("com.sun.star.linguistic2.Proofreader", Locale("nl", "NL", ""), ("org.openoffice.lingu.LanguageToolGrammarChecker",))
        path = work / "brief.docx"
        letter(path)
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(path.as_uri(), "_blank", 0, ())
        window = doc.getCurrentController().getFrame().getContainerWindow()
        window.setPosSize(0, 0, 1100, 560, 15)
        view = doc.getCurrentController().getViewSettings()
        view.setPropertyValue("ZoomType", 0)
        view.setPropertyValue("ZoomValue", 120)
        time.sleep(12)  # Writer checks in the background, then paints the underline
        # The context menu on "36180": kamerlint's message and its correction.
        subprocess.run(["xdotool", "mousemove", "748", "258", "click", "3"], env=env, check=False)
        time.sleep(3)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        shot = subprocess.run(["xwd", "-root", "-display", display, "-silent"], capture_output=True, check=True).stdout
        subprocess.run(["convert", "xwd:-", str(OUT)], input=shot, check=True)
        subprocess.run(["xdotool", "key", "Escape"], env=env, check=False)
        try:
            doc.close(True)
            desktop.terminate()
        except Exception:  # soffice goes away while answering
            pass
    finally:
        for p in (soffice, xvfb, server):
            p.terminate()
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()
    print(OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
