"""The build's one extra step: compile the message catalogues (``.po`` → ``.mo``) with babel.

Everything else is declared in ``pyproject.toml``. The ``.po`` files in
``src/wuxing/locale/*/LC_MESSAGES`` are the sources; the ``.mo`` files the library reads at
run time (with the standard library's :mod:`gettext`) are made here, into the wheel, or, for
an editable install, beside their sources (they are not kept in git).
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

LOCALE = Path(__file__).resolve().parent / "src" / "wuxing" / "locale"


def compile_catalogues(target: Path) -> list[str]:
    """Compile every ``.po`` under :data:`LOCALE` to a ``.mo`` at the same place under
    ``target``; return the files written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        mo = target / po.relative_to(LOCALE).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name)
        with mo.open("wb") as out:
            write_mo(out, catalog)
        written.append(str(mo))
    return written


class BuildWithCatalogues(build_py):  # type: ignore[misc]
    """``build_py`` that also compiles the message catalogues."""

    def run(self) -> None:
        super().run()
        editable = getattr(self, "editable_mode", False)
        target = LOCALE if editable else Path(self.build_lib) / "wuxing" / "locale"
        self._catalogues = compile_catalogues(target)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        return [*super().get_outputs(include_bytecode), *getattr(self, "_catalogues", [])]


setup(cmdclass={"build_py": BuildWithCatalogues})
