"""Regenerate the rule table in README.md from the registry."""

from pathlib import Path

from linter.docs import replace_table

readme = Path(__file__).resolve().parent.parent / "README.md"
readme.write_text(replace_table(readme.read_text(encoding="utf-8")), encoding="utf-8")
print(f"updated {readme}")
