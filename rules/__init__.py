"""The rules, one module per family (FN: footnotes.py, BM: bookmarks.py, …).

Every module here is imported by :func:`linter.registry.load_rules`; a rule is a function decorated
with :func:`linter.registry.rule`. Adding a rule touches one file.
"""
