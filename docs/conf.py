"""Sphinx configuration for the wuxing documentation."""

from __future__ import annotations

project = "wuxing"
author = "The wuxing developers"
copyright = "2026, The wuxing developers"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
nitpicky = False


html_theme = "alabaster"
html_title = "wuxing"
language = "en"


def _page_language(app, pagename, templatename, context, doctree):  # type: ignore[no-untyped-def]
    """A page whose front matter says ``lang: zh-CN`` is declared Chinese in its HTML."""
    language = app.env.metadata.get(pagename, {}).get("lang")
    if language:
        context["language"] = language


def setup(app):  # type: ignore[no-untyped-def]
    app.connect("html-page-context", _page_language)
