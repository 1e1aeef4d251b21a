"""The book's pages: the TOC walked in reading order, and which pages are notebooks.

One walker for everything that needs the page list (prebuild, the bench, the
tests, the site tests): ``sphinx_external_toc`` parses ``_toc.yml`` exactly as
Jupyter Book does, and :func:`toc_documents` follows its trees from the root.
A page is a notebook when myst-nb would execute it: a MyST markdown notebook
(:func:`is_notebook_source`, myst-nb's own test).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["toc_documents", "toc_sources", "is_notebook_source", "myst_config", "read_like_myst_nb"]


def toc_documents(root: Path) -> list[str]:
    """Every document of ``root/_toc.yml`` (names without suffix), in reading order, root first."""
    from sphinx_external_toc.api import FileItem
    from sphinx_external_toc.parsing import parse_toc_yaml

    site = parse_toc_yaml(root / "_toc.yml")
    order: list[str] = []

    def walk(docname: str) -> None:
        order.append(docname)
        for tree in site[docname].subtrees:
            for item in tree.items:
                if isinstance(item, FileItem):
                    walk(str(item))

    walk(site.root.docname)
    return order


def toc_sources(root: Path) -> list[Path]:
    """The source file of each TOC document (``.md`` first, as the book keeps them)."""
    sources = []
    for name in toc_documents(root):
        for suffix in (".md", ".ipynb"):
            if (root / f"{name}{suffix}").exists():
                sources.append(root / f"{name}{suffix}")
                break
    return sources


def is_notebook_source(path: Path) -> bool:
    """True for a MyST markdown notebook (myst-nb executes it); plain pages are False."""
    from myst_nb.core.read import is_myst_markdown_notebook

    return path.suffix == ".md" and is_myst_markdown_notebook(path.read_text(encoding="utf-8"))


def myst_config(root: Path):
    """The MyST parser configuration the build uses, from ``_config.yml``'s ``parse`` section."""
    import yaml
    from myst_parser.config.main import MdParserConfig

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    return MdParserConfig(enable_extensions=set(config.get("parse", {}).get("myst_enable_extensions", [])))


def read_like_myst_nb(path: Path, md_config):
    """The notebook myst-nb builds from a MyST source (None for a plain markdown page).

    This is the one place that depends on myst-nb's reader (``myst_nb.core.read``, not a
    documented API): the build's cache key is the hash of this notebook, so prebuild must read
    pages exactly as myst-nb does. ``tests/test_book.py`` fails loudly when a myst-nb change
    makes the two disagree.
    """
    from myst_nb.core.read import read_myst_markdown_notebook

    if not is_notebook_source(path):
        return None
    return read_myst_markdown_notebook(path.read_text(encoding="utf-8"), config=md_config, add_source_map=True,
                                       path=path)
