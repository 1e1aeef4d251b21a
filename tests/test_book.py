"""The book builds with zero warnings, every page executed, and a broken cell fails the build."""

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from paramlab.book import toc_documents

pytestmark = pytest.mark.slow
JB = str(Path(sys.executable).with_name("jupyter-book"))


def toc_files() -> list[str]:
    return toc_documents(ROOT)


@pytest.fixture(scope="module")
def build(book_build):
    return book_build


def test_after_prebuild_the_build_executes_nothing(build):
    """`make book` runs paramlab.prebuild first; the build must find every page it reads cached."""
    log = build.stdout + build.stderr
    assert "Executed notebook" not in log, "prebuild and myst-nb disagree on cache keys"


def test_every_page_read_as_prebuild_reads_it_is_the_one_the_build_cached(build):
    """Loud when myst-nb changes its reader: paramlab.book.read_like_myst_nb must give the build's cache key."""
    from jupyter_cache import get_cache

    from paramlab.book import myst_config, read_like_myst_nb, toc_sources

    cache = get_cache(str(ROOT / "_build" / ".jupyter_cache"))
    config = myst_config(ROOT)
    pages = [p for p in toc_sources(ROOT) if read_like_myst_nb(p, config) is not None]
    assert len(pages) == 40  # 14 book pages (intro included), 13 exercise sets, 13 solutions
    for page in pages:
        try:
            cache.match_cache_notebook(read_like_myst_nb(page, config))
        except KeyError:
            pytest.fail(f"{page.relative_to(ROOT)}: myst-nb now reads pages differently from "
                        "paramlab.book.read_like_myst_nb; update it")


class Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def test_book_builds_with_zero_warnings(build):
    log = build.stdout + build.stderr
    assert build.returncode == 0, log[-5000:]
    assert "WARNING" not in log and "ERROR" not in log, log[-5000:]


def test_every_toc_page_is_built(build):
    for name in toc_files():
        assert (ROOT / "_build" / "html" / f"{name}.html").exists(), name


def test_chapter_pages_show_figures_with_descriptive_alt_text(build):
    for name in toc_files():
        if not name.startswith("book/0"):
            continue
        parser = Images()
        parser.feed((ROOT / "_build" / "html" / f"{name}.html").read_text())
        figures = [img for img in parser.images if "_images/" in img.get("src", "")]
        assert figures, f"{name}: no figures rendered"
        for img in figures:
            alt = img.get("alt", "")
            assert len(alt) > 15 and not re.search(r"\.(png|jpg|svg)$|_images|jupyter_execute", alt), (name, alt)


def test_exercise_pages_render_the_checks_feedback(build):
    html = (ROOT / "_build/html/exercises/01_parameters_vs_hyperparameters.html").read_text()
    assert html.count("paramlab-not_attempted") == 5
    assert "paramlab-score" in html
    solved = (ROOT / "_build/html/solutions/01_parameters_vs_hyperparameters.html").read_text()
    assert solved.count("paramlab-passed") == 5


def test_notebook_pages_offer_download_and_launch_buttons(build):
    config = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]
    repo = config["url"].removeprefix("https://github.com/")
    for name in toc_files():
        if not name.startswith(("book/0", "book/1", "exercises/", "solutions/")):
            continue
        html = (ROOT / "_build" / "html" / f"{name}.html").read_text()
        page = name.split("/")[-1]
        assert f'_sources/{name}.ipynb"' in html, f"{name}: no .ipynb download"
        assert (f"https://colab.research.google.com/github/{repo}/blob/{config['branch']}/{name}.ipynb"
                in html), f"{name}: no Colab launch link to the .ipynb"
        assert f"https://mybinder.org/v2/gh/{repo}/{config['branch']}?urlpath=lab/tree/{name}.ipynb" in html, page


def test_a_failing_cell_or_stray_stderr_fails_the_build(tmp_path):
    """Prove the build guard: a cell that raises and a cell that warns each fail the build."""
    header = ("---\njupytext:\n  text_representation:\n    format_name: myst\nkernelspec:\n"
              "  display_name: Python 3\n  language: python\n  name: python3\n---\n")
    (tmp_path / "raises.md").write_text(header + "# Raises\n\n```{code-cell} ipython3\n1 / 0\n```\n")
    (tmp_path / "warns.md").write_text(
        header + "# Warns\n\n```{code-cell} ipython3\nimport warnings\nwarnings.warn('stray')\n```\n")
    (tmp_path / "intro.md").write_text("# Home\n")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n- file: raises\n- file: warns\n")
    config = (ROOT / "_config.yml").read_text()
    (tmp_path / "_config.yml").write_text(config)
    # Run from the book's folder, as `make book` does: Jupyter Book resolves the relative cache
    # path of _config.yml against the working directory.
    pre = subprocess.run([sys.executable, "-m", "paramlab.prebuild"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=300)
    assert "raises.md failed" in pre.stdout, "a failing page must not be cached by the prebuild"
    assert "warns.md executed" in pre.stdout
    run = subprocess.run([JB, "build", ".", "-W", "-n", "--keep-going"], cwd=tmp_path, capture_output=True,
                         text=True, timeout=300)
    log = run.stdout + run.stderr
    assert run.returncode != 0
    assert "ZeroDivisionError" in log
    # on a cold cache, the page prebuild executed is read from the cache (same keys as myst-nb) ...
    assert re.search(r"warns\.md: Using cached notebook", log), log[-3000:]
    # ... and the page it could not execute is executed (and fails) in the build itself
    assert re.search(r"raises\.md: WARNING: Executing notebook failed", re.sub(r"\x1b\[[0-9;]*m", "", log)), log[-3000:]
    assert "stray" in log or "stderr" in log
