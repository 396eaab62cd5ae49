"""kamerlint: a linter for drafts of Kamerbrieven."""

__version__ = "0.1.0"
