"""LibreOffice's own LanguageTool client, driven through UNO, for tests/test_serve_clients.py.

Run with Debian's /usr/bin/python3 (it has LibreOffice's Python bridge, python3-uno; the project's
virtual environment may be another Python): ``python3 libreoffice_client.py JOB.json``. It starts a
headless soffice with a fresh profile, sets the LanguageTool options through the configuration
API as Tools › Options › Language Settings › LanguageTool Server does, and asks LibreOffice's
``org.openoffice.lingu.LanguageToolGrammarChecker`` about each paragraph of the job, then about
the paragraphs of a .docx loaded in Writer as Writer's proofreading hands them over (its flat
paragraph iterator). It prints, as JSON, what LibreOffice parsed from the server's answers: each
error's start, length, comments and suggestions.
"""

import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.lang import Locale

CONFIG = "/org.openoffice.Office.Linguistic/GrammarChecking/LanguageTool"


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(port, deadline):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            return resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def errors(result):
    return [
        {
            "start": e.nErrorStart,
            "length": e.nErrorLength,
            "short_comment": e.aShortComment,
            "full_comment": e.aFullComment,
            "suggestions": list(e.aSuggestions),
        }
        for e in result.aErrors
    ]


def main():
    with open(sys.argv[1], encoding="utf-8") as fh:
        job = json.load(fh)
    profile = uno.systemPathToFileUrl(job["profile"])
    soffice = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", f"-env:UserInstallation={profile}",
         f"--accept=socket,host=127.0.0.1,port={job['port']};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    out = {}
    desktop = None
    try:
        ctx = connect(job["port"], time.monotonic() + 120)
        smgr = ctx.ServiceManager
        provider = smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
        access = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess", (prop("nodepath", CONFIG),))
        access.setPropertyValue("BaseURL", job["base_url"])
        access.setPropertyValue("IsEnabled", True)
        if job.get("username"):
            access.setPropertyValue("Username", job["username"])
            access.setPropertyValue("ApiKey", job["api_key"])
        access.commitChanges()

        checker = smgr.createInstanceWithContext("org.openoffice.lingu.LanguageToolGrammarChecker", ctx)
        dutch = Locale("nl", "NL", "")
        out["has_dutch"] = bool(checker.hasLocale(dutch))
        out["locales"] = [f"{loc.Language}-{loc.Country}" for loc in checker.getLocales()]
        out["paragraphs"] = []
        for n, text in enumerate(job["paragraphs"]):
            result = checker.doProofreading(f"kamerlint-test-{n}", text, dutch, 0, len(text), ())
            out["paragraphs"].append({"text": text, "errors": errors(result)})

        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["docx"]), "_blank", 0, (prop("Hidden", True),))
        proofreading = uno.getConstantByName("com.sun.star.text.TextMarkupType.PROOFREADING")
        flat = doc.getFlatParagraphIterator(proofreading, False)
        paragraphs = []
        para = flat.getFirstPara()
        while para is not None:
            text = para.getText()
            if "\u200b" in text:  # where Writer has a footnote anchor, it hands over U+200B
                paragraphs.append((text, para.getLanguageOfText(0, len(text))))
            para = flat.getNextPara()
        out["document"] = []
        for n, (text, loc) in enumerate(paragraphs):
            result = checker.doProofreading(f"kamerlint-test-docx-{n}", text, loc, 0, len(text), ())
            out["document"].append({"text": text, "language": f"{loc.Language}-{loc.Country}", "errors": errors(result)})
        doc.close(True)
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:  # soffice goes away while answering
            pass
        try:
            soffice.wait(30)
        except subprocess.TimeoutExpired:
            soffice.kill()
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    os.environ.setdefault("SAL_USE_VCLPLUGIN", "svp")
    main()
