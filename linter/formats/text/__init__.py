"""Text drafts: Tika exports and plain text, Markdown, and the writer for all three.

Nothing is imported here, so that markdown-it-py is loaded for Markdown files alone.
"""
