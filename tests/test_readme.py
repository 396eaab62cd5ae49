"""The README's rule table is generated from the registry; keep the two in step."""

from conftest import ROOT
from linter.docs import replace_table


def test_readme_rule_table_matches_the_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert replace_table(readme) == readme, "run: python scripts/update_readme.py"
