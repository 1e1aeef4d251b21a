"""Copy MathJax 3 from the venv into site/_static/mathjax, so the site reads offline.

The book sets ``mathjax_path: mathjax/tex-mml-chtml.js`` and
``html_static_path: [site/_static]`` (see _config.yml), so every page loads
MathJax from the site itself, never from a CDN. MathJax comes from the PyPI
package ``django-static-mathjax`` (MathJax 3.2.2, Apache-2.0; it has no
dependencies, Django is not needed), pinned in requirements.txt and installed
by ``make venv``. ``make book`` / ``make test`` run this script; it only copies
when the installed version differs from the copy already in place.

What is copied: the combined ``tex-mml-chtml.js`` and everything it may load
later (TeX extensions on first use, the CHTML fonts, the menu, the
accessibility explorer and its speech rules). Left out: the other combined
builds, the SVG output, node-only files, and ``latest.js`` (which fetches
MathJax from a CDN).

Usage: ``python site/install_assets.py [--check]`` (``--check``: exit 1 if the
copy is missing or stale, copy nothing).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from importlib import resources
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE / "_static" / "mathjax"
ENTRY = "tex-mml-chtml.js"
KEEP_TOP = {ENTRY}
KEEP_DIRS = {"input", "output", "ui", "a11y", "sre"}
SKIP_OUTPUT = ("svg",)  # output/svg.js and output/svg/: this site renders CHTML


def source() -> Path:
    """The es5 folder of the installed MathJax package."""
    try:
        root = resources.files("mathjax") / "static" / "mathjax"
    except ModuleNotFoundError:
        sys.exit("install_assets: MathJax is not installed; run `make venv` "
                 "(requirements.txt pins django-static-mathjax)")
    es5 = Path(str(root)) / "es5"
    if not (es5 / ENTRY).is_file():
        sys.exit(f"install_assets: {es5 / ENTRY} is missing; reinstall django-static-mathjax")
    return es5


def version(es5: Path) -> str:
    return json.loads((es5.parent / "package.json").read_text())["version"]


def wanted(es5: Path) -> list[Path]:
    files: list[Path] = [es5 / name for name in sorted(KEEP_TOP)]
    for folder in sorted(KEEP_DIRS):
        for path in sorted((es5 / folder).rglob("*")):
            rel = path.relative_to(es5)
            if not path.is_file():
                continue
            if rel.parts[0] == "output" and rel.parts[1].startswith(SKIP_OUTPUT):
                continue
            files.append(path)
    return files


def up_to_date(es5: Path) -> bool:
    stamp = TARGET / "VERSION"
    return (TARGET / ENTRY).is_file() and stamp.is_file() and stamp.read_text().strip() == version(es5)


def install() -> Path:
    es5 = source()
    if up_to_date(es5):
        (TARGET / "VERSION").touch()  # newer than the venv: make sees the copy as current
        return TARGET
    if TARGET.exists():
        shutil.rmtree(TARGET)
    for path in wanted(es5):
        dest = TARGET / path.relative_to(es5)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
    shutil.copyfile(es5.parent / "LICENSE", TARGET / "LICENSE")
    (TARGET / "VERSION").write_text(version(es5) + "\n")
    return TARGET


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether the copy is current")
    args = parser.parse_args(argv)
    if args.check:
        ok = up_to_date(source())
        print(f"MathJax in {TARGET}: {'current' if ok else 'missing or stale'}")
        return 0 if ok else 1
    target = install()
    count = sum(1 for p in target.rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    print(f"MathJax {(target / 'VERSION').read_text().strip()}: {count} files, "
          f"{size / 1e6:.1f} MB in {target.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
