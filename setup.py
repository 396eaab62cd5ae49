"""The build compiles the message catalogues (.po → .mo) into the package; the .mo files are never
committed. Only the standard library is needed (linter/catalogue.py is the compiler)."""

import importlib.util
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).parent


def _compiler():
    # Loaded from its file: the package itself is not importable yet while it is being built.
    spec = importlib.util.spec_from_file_location("_kamerlint_catalogue", HERE / "linter" / "catalogue.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it is executed
    spec.loader.exec_module(module)
    return module


class BuildWithCatalogues(build_py):
    def run(self):
        super().run()
        catalogue = _compiler()
        for po in sorted((HERE / "linter" / "locale").glob("*/LC_MESSAGES/*.po")):
            # One .mo per domain and language, from all of its .po parts (catalogue_sources).
            sources = catalogue.catalogue_sources(po.parent.parent, po.stem)
            target = Path(self.build_lib) / po.relative_to(HERE).with_suffix(".mo")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(catalogue.compile_catalogue(sources))


setup(cmdclass={"build_py": BuildWithCatalogues})
