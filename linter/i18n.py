"""The language of what kamerlint says: messages, fixes, reports and help, in English or Dutch.

Messages are written in English in the code, wrapped in :func:`_` with named ``{name}``
placeholders (a translator may reorder them), and translated from the gettext catalogue
``linter/locale/nl/LC_MESSAGES/kamerlint.po`` (domain ``kamerlint``). The build compiles it to a
``.mo``; a source checkout compiles the ``.po`` in memory with the same code
(:mod:`linter.catalogue`). English needs no catalogue, and nothing here imports gettext until a
language other than English is chosen.

What :func:`_` returns is a :class:`Message`: the text in the active language that also knows its
English rendering, so that what must not change with the language (a baseline's fingerprint) is
keyed on the English.

The language is chosen by :func:`choose_language`: ``--lang`` > ``KAMERLINT_LANG`` > ``lang`` in
the configuration > the system locale > English. ``pseudo`` (hidden) wraps every translated
string in ``⟦…⟧``, so that a test sees any text that escapes the catalogue.
"""

from __future__ import annotations

import os
import sys

LANGUAGES = ("en", "nl")
#: Every language accepted by KAMERLINT_LANG; "pseudo" is for the tests.
ALL_LANGUAGES = (*LANGUAGES, "pseudo")
DOMAIN = "kamerlint"
#: Where the catalogues are (a str: pathlib is not imported at start-up).
LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")
#: BCP 47 tags, for SARIF's ``run.language`` and HTML's ``lang``.
TAGS = {"en": "en-US", "nl": "nl-NL", "pseudo": "en-XA"}

_language = "en"
_catalogue = None


class Message(str):
    """A message in the active language that remembers how to say it in English."""

    # Two fields set per message, not four: a long letter's run makes some ten thousand.
    __slots__ = ("msgid", "args")
    plural: str | None = None
    n: int | None = None

    def __new__(cls, text: str, msgid: str, args: dict, plural: str | None = None, n: int | None = None):
        if plural is not None:
            return PluralMessage(text, msgid, args, plural, n)
        self = _new_str(cls, text)
        self.msgid = msgid
        self.args = args
        return self

    @property
    def english(self) -> str:
        source = self.msgid if self.plural is None or self.n == 1 else self.plural
        return source.format(**{k: english(v) for k, v in self.args.items()}) if self.args else source

    def __reduce__(self):  # across a process boundary (a worker's findings)
        return (Message, (str(self), self.msgid, self.args, self.plural, self.n))


class PluralMessage(Message):
    """A :class:`Message` from :func:`ngettext`: it also knows the plural and the count."""

    __slots__ = ("plural", "n")

    def __new__(cls, text: str, msgid: str, args: dict, plural: str | None = None, n: int | None = None):
        self = _new_str(cls, text)
        self.msgid, self.args, self.plural, self.n = msgid, args, plural, n
        return self


_new_str = str.__new__


def english(text) -> str:
    """The English rendering of a message (a plain string is its own)."""
    return text.english if isinstance(text, Message) else text


#: Messages without placeholders, made once a language (a report names each finding's severity).
_PLAIN: dict[str, Message] = {}


def _(msgid: str, /, **args) -> Message:
    """``msgid`` in the active language, its ``{name}`` placeholders filled from ``args``."""
    if not args:
        cached = _PLAIN.get(msgid)  # a Message is immutable: one serves every caller
        if cached is not None:
            return cached
    text = msgid if _language == "en" else catalogue().gettext(msgid)
    self = _new_str(Message, text.format(**args) if args else text)  # Message(), without its checks
    self.msgid = msgid
    self.args = args
    if not args:
        _PLAIN[msgid] = self
    return self


def ngettext(singular: str, plural: str, n: int, /, **args) -> Message:
    """The singular or plural form for ``n`` in the active language (``{n}`` is filled too)."""
    args = {"n": n, **args}
    if _language == "en":
        text = singular if n == 1 else plural
    else:
        text = catalogue().ngettext(singular, plural, n)
    return Message(text.format(**args), singular, args, plural, n)


#: How a rule's documentation is cut into blocks, each translated on its own (the rule-docs
#: catalogue's msgids are exactly these blocks, stripped).
DOC_BLOCK_SEPARATOR = r"\n[ \t]*\n"


def doc_blocks(doc: str) -> list[str]:
    import re

    return [block.strip() for block in re.split(DOC_BLOCK_SEPARATOR, doc)]


def rule_doc(rule) -> str:
    """A rule's documentation in the active language, block by block; a block without a
    translation stays English."""
    if _language == "en" or not rule.doc:
        return rule.doc
    return "\n\n".join(catalogue().gettext(block) for block in doc_blocks(rule.doc) if block)


def rule_summary(rule) -> str:
    summary = rule.summary
    return summary if _language == "en" or not summary else catalogue().gettext(summary)


def N_(msgid: str) -> str:
    """Marks a string defined at module level for the catalogue; translate it with :func:`_` where
    it is used."""
    return msgid


def language() -> str:
    return _language


def tag() -> str:
    return TAGS[_language]


def set_language(lang: str) -> None:
    """Make ``lang`` the active language for everything said from now on (argparse's own texts
    too)."""
    global _language, _catalogue
    if lang not in ALL_LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _language = lang
    _catalogue = None
    _PLAIN.clear()
    if "argparse" in sys.modules:  # a parser already made speaks the new language too
        translate_argparse()


def translate_argparse() -> None:
    """argparse looks its own texts ("usage: ", "options") up with the ``gettext`` it imported:
    point it at the active language. In English they are argparse's own words, so the look-up is
    the identity, which also spares gettext a search for a 'messages' catalogue on every string."""
    import argparse

    if _language == "en":
        argparse._, argparse.ngettext = (lambda s: s), (lambda s, p, n: s if n == 1 else p)
    else:
        argparse._, argparse.ngettext = (lambda s: catalogue().gettext(s)), (lambda s, p, n: catalogue().ngettext(s, p, n))


class _Pseudo:
    """Every string wrapped, so that an untranslated one shows."""

    def gettext(self, msgid: str) -> str:
        return f"⟦{msgid}⟧"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"⟦{singular if n == 1 else plural}⟧"


def catalogue():
    """The active language's translations (a :class:`gettext.GNUTranslations`), read once."""
    global _catalogue
    if _catalogue is None:
        if _language not in _LOADED:
            _LOADED[_language] = _Pseudo() if _language == "pseudo" else load_catalogue(_language)
        _catalogue = _LOADED[_language]
    return _catalogue


#: Catalogues read so far, by language: a process that switches languages (``lint serve``
#: answers each request in its own) reads each once.
_LOADED: dict[str, object] = {}


def load_catalogue(lang: str):
    """The compiled ``.mo`` beside the package (an installed kamerlint), else the ``.po``
    compiled in memory (a source checkout)."""
    import gettext
    import io

    from pathlib import Path

    language_dir = Path(LOCALE_DIR) / lang
    mo = language_dir / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if mo.is_file():
        with open(mo, "rb") as fh:
            return gettext.GNUTranslations(fh)
    from linter.catalogue import catalogue_sources, compile_catalogue

    return gettext.GNUTranslations(io.BytesIO(compile_catalogue(catalogue_sources(language_dir, DOMAIN))))


# -- choosing the language ----------------------------------------------------------------------


def from_locale_name(name: str | None) -> str | None:
    """``nl``, ``nl_NL.UTF-8``, ``nl-BE``, ``Dutch_Netherlands`` → nl; ``C``, ``POSIX`` → en;
    other languages → en; unset → None."""
    if not name:
        return None
    head = name.split(".")[0].split("@")[0].replace("-", "_").lower()
    if head in ("c", "posix"):
        return "en"
    language_part = head.split("_")[0]
    return "nl" if language_part in ("nl", "dutch") else "en"


def system_language(environ=None) -> tuple[str | None, str]:
    """The language of the system locale, and which variable (or the user locale) said so.

    As gettext reads them: LANGUAGE (a list, first usable entry) unless the locale is C, then the
    first of LC_ALL, LC_MESSAGES, LANG that is set. Windows rarely sets them; there the user
    locale (``Dutch_Netherlands``) decides."""
    environ = os.environ if environ is None else environ
    locale_name, variable = None, None
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(var):
            locale_name, variable = environ[var], var
            break
    if from_locale_name(locale_name) == "en" and locale_name.split(".")[0].upper() in ("C", "POSIX"):
        return "en", f"{variable}={locale_name}"
    for entry in (environ.get("LANGUAGE") or "").split(":"):
        lang = from_locale_name(entry)
        if lang is not None:
            return lang, f"LANGUAGE={environ['LANGUAGE']}"
    if locale_name:
        return from_locale_name(locale_name), f"{variable}={locale_name}"
    import locale

    user = locale.getlocale()[0]
    if user:
        return from_locale_name(user), _("user locale {name}", name=user)
    return None, ""


def choose_language(command_line: str | None = None, config_lang: str | None = None, config_file: str | None = None, environ=None) -> tuple[str, str]:
    """The language to speak and why: ``--lang`` > ``KAMERLINT_LANG`` > ``lang`` in the
    configuration > the system locale > English. An unknown KAMERLINT_LANG is passed over. The
    reason is said in the active language."""
    environ = os.environ if environ is None else environ
    if command_line:
        return command_line, f"--lang {command_line}"
    env = (environ.get("KAMERLINT_LANG") or "").strip().lower()
    if env in ALL_LANGUAGES:
        return env, f"KAMERLINT_LANG={env}"
    if config_lang:
        return config_lang, _("lang in {file}", file=config_file)
    lang, why = system_language(environ)
    if lang is not None:
        return lang, _("system locale ({why})", why=why)
    return "en", _("default")
