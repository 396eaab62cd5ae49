"""IO: files that cannot be checked (spec/rules.md).

These findings come from the readers and the engine, not from the model, so the rules here carry
only their documentation. They are reported like any finding, so that one bad file in a batch does
not hide the others, and the run fails.
"""

from linter.registry import register

register(
    "IO001",
    "unreadable-file",
    "error",
    """
    ## What it does
    Reports a file that cannot be opened or read: it does not exist, it is a folder, or you have no
    permission to read it.

    ## Why is this bad?
    A file that is not checked may still go out with every problem kamerlint would have found.

    ## Example
    Wrong: `lint brief.docx` while the file is locked or unreadable.

    Right: a file you can open.

    ## Fix safety
    No fix.
    """,
    module=__name__,
)

register(
    "IO002",
    "not-a-document",
    "error",
    """
    ## What it does
    Reports a file that is not a valid .docx, .odt or text draft: a broken or truncated file, an old
    Word 97-2003 .doc or .dot, an .rtf or a .pdf (a folder walk reports these rather than pass over
    them), a password-protected (encrypted) document, a file without its main part, or damaged XML.
    The message says which, in plain words, and what to do (save it as .docx).

    ## Why is this bad?
    kamerlint cannot see inside it, so nothing in it was checked.

    ## Example
    Wrong: a .docx protected with a password, or a file that stopped copying halfway.

    Right: the document saved again from Word as .docx, without a password. A published PDF that
    is not a draft can be left out with `exclude = ["*.pdf"]`.

    ## Fix safety
    No fix.
    """,
    module=__name__,
)

register(
    "IO003",
    "limits-exceeded",
    "error",
    """
    ## What it does
    Reports a file that exceeds a safety limit: its size, the size its XML parts unpack to, the
    number of parts, how deeply its XML nests, the length of a text draft, or the number of findings
    (the check stops there). Such files are zip bombs or similar; a real letter stays far below every
    limit. The limits can be raised in configuration.

    ## Why is this bad?
    Checking such a file could exhaust the memory or the time of the machine that checks it: within
    the limits a check stays under 1 GB and 30 s.

    ## Example
    Wrong: a 40 kB .docx whose document part unpacks to 4 GB.

    Right: an ordinary letter.

    ## Fix safety
    No fix.
    """,
    module=__name__,
)

register(
    "IO004",
    "text-encoding",
    "warning",
    """
    ## What it does
    Reports a text draft that is not saved as UTF-8. It is read as Windows-1252 where that decodes
    cleanly, and the finding says so.

    ## Why is this bad?
    Letters such as ë, é and ï may come out wrong when the draft is copied into another program, and
    kamerlint's own reading could be off.

    ## Example
    Wrong: a draft saved by an old editor as "ANSI".

    Right: the draft saved as UTF-8.

    ## Fix safety
    No fix.
    """,
    module=__name__,
)

register(
    "IO005",
    "internal-error",
    "error",
    """
    ## What it does
    Reports that kamerlint itself failed while reading or checking a file. The file may be only
    partly checked; the other files in the run are still checked.

    ## Why is this bad?
    A problem in the letter may have been missed. This is a bug in kamerlint: please report it,
    with the file if you can (set `KAMERLINT_DEBUG=1` to see the details).

    ## Example
    Wrong: any IO005 finding.

    Right: none.

    ## Fix safety
    No fix.
    """,
    module=__name__,
)
