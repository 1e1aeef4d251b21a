"""Where learners open a notebook: a bare Jupyter (Colab, a download) and Binder.

Offline stand-ins for the places CI cannot reach:

* **bare**: a fresh virtual environment with only ``ipykernel``, registered as a
  kernel, runs the ``.ipynb`` files that the built site's download button serves
  (chapter 01 and exercise set 01). Their setup cell installs the course from
  ``PARAMLAB_INSTALL`` (a copy of the package, as Colab would get it from the
  repository), then ``paramlab grade`` from that environment grades the exercise.
* **binder**: ``binder/requirements.txt`` installs into a fresh venv, where the
  setup cell is a silent no-op and a chapter runs top to bottom.

Both let pip pick the known-good versions of ``requirements.txt`` (a constraints
file) and use pip's own cache, so a second run downloads nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT
from paramlab.kernels import IsolatedAsyncKernelManager
from paramlab.setup_cell import MARKER

pytestmark = pytest.mark.slow
SOURCES = ROOT / "_build" / "html" / "_sources"
CHAPTER = "book/01_parameters_vs_hyperparameters.ipynb"
EXERCISE = "exercises/01_parameters_vs_hyperparameters.ipynb"


def _constraints(tmp: Path) -> Path:
    """requirements.txt's exact pins as a pip constraints file (no `-e .`)."""
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    path = tmp / "constraints.txt"
    path.write_text("\n".join(line for line in lines if line and not line.startswith("-")) + "\n")
    return path


def _package_copy(tmp: Path, *extra: str) -> Path:
    """The files pip builds paramlab from (what a clone of the repository holds), outside the checkout."""
    copy = tmp / "course"
    copy.mkdir()
    shutil.copytree(ROOT / "paramlab", copy / "paramlab", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", *extra):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, copy / name)
    return copy


def _pip_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARAMLAB_", "VIRTUAL_ENV", "PYTEST"))}
    env["PIP_CONSTRAINT"] = str(_constraints(tmp))
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if not p.startswith(str(ROOT / ".venv")))
    return env


def _venv(path: Path, env: dict[str, str], *packages: str, cwd: Path | None = None) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True, env=env)
    python = path / "bin" / "python"
    if packages:
        run = subprocess.run([str(python), "-m", "pip", "install", "--quiet", *packages], env=env, cwd=cwd,
                             capture_output=True, text=True, timeout=900)
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return python


def _kernel(tmp: Path, python: Path, name: str, monkeypatch) -> str:
    """Register ``python`` as a Jupyter kernel for this test only."""
    spec = tmp / "jupyter" / "kernels" / name
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": name, "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp / "jupyter"))
    return name


def _run(notebook: Path, kernel: str, cwd: Path, timeout: int = 600) -> nbformat.NotebookNode:
    """Execute top to bottom as a learner's "Run all" would; a failing cell raises."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    NotebookClient(nb, kernel_name=kernel, timeout=timeout, startup_timeout=120,
                   kernel_manager_class=IsolatedAsyncKernelManager,
                   resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def _text(cell) -> str:
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts.append(output.get("data", {}).get("text/plain", ""))
    return "".join(parts)


@pytest.fixture(scope="module")
def downloads(book_build) -> dict[str, Path]:
    """The .ipynb files the built site's download button serves."""
    assert book_build.returncode == 0, (book_build.stdout + book_build.stderr)[-3000:]
    found = {name: SOURCES / name for name in (CHAPTER, EXERCISE)}
    for name, path in found.items():
        assert path.exists(), f"the site serves no {name}"
        first = nbformat.read(path, as_version=4).cells[0]
        assert first.cell_type == "code" and first.source.startswith(MARKER), f"{name}: no setup cell first"
    return found


def test_a_downloaded_chapter_and_exercise_run_in_a_bare_kernel_and_grade(downloads, tmp_path, monkeypatch):
    start = time.perf_counter()
    env = _pip_env(tmp_path)
    python = _venv(tmp_path / "bare", env, "ipykernel")
    kernel = _kernel(tmp_path, python, "bare", monkeypatch)
    learner = tmp_path / "learner"  # not the checkout: `import paramlab` must find the installed package
    learner.mkdir()
    package = _package_copy(tmp_path)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("PARAMLAB_INSTALL", str(package))
    for key in [k for k in os.environ if k.startswith(("PARAMLAB_GRADING", "PARAMLAB_RESULTS"))]:
        monkeypatch.delenv(key)

    chapter = _run(downloads[CHAPTER], kernel, learner)
    said = _text(chapter.cells[0]).strip().splitlines()
    assert said == [f"setup: installing paramlab @ {package.as_uri()} (a minute or two) ... done"], said
    assert not any(o.get("output_type") == "error" for c in chapter.cells for o in c.get("outputs", []))

    exercise_file = learner / Path(EXERCISE).name
    shutil.copy(downloads[EXERCISE], exercise_file)
    exercise = _run(exercise_file, kernel, learner)
    said = _text(exercise.cells[0]).strip().splitlines()
    assert said == [f"setup: installing paramlab[grade] @ {package.as_uri()} (a minute or two) ... done"], said
    reports = [_text(c) for c in exercise.cells if c.cell_type == "code" and ".check(" in c.source]
    assert len(reports) == 5 and all(r.startswith("[not attempted] ex01.q") for r in reports), reports

    before = exercise_file.read_bytes()
    graded = subprocess.run([str(python.with_name("paramlab")), "grade", str(exercise_file)], cwd=learner,
                            capture_output=True, text=True, env={**os.environ}, timeout=300)
    assert graded.returncode == 1, graded.stdout + graded.stderr
    assert graded.stdout.count("not attempted") == 5 and "score: 0/5" in graded.stdout, graded.stdout
    assert exercise_file.read_bytes() == before, "grading wrote to the learner's notebook"
    print(f"bare environment: install, two notebooks and a grade in {time.perf_counter() - start:.1f} s")


def test_binder_environment_installs_and_runs_a_chapter_with_a_silent_setup_cell(tmp_path, monkeypatch):
    start = time.perf_counter()
    env = _pip_env(tmp_path)
    course = _package_copy(tmp_path, "binder")
    requirements = course / "binder" / "requirements.txt"
    # The CPU index of PyTorch cannot be reached offline; here pip takes the local CPU wheel instead.
    lines = requirements.read_text().splitlines()
    assert any(line.startswith("--extra-index-url") for line in lines), "Binder would pull a CUDA torch"
    requirements.write_text("\n".join(line for line in lines if not line.startswith("--extra-index-url")))
    python = _venv(tmp_path / "binder", env, "-r", str(requirements), cwd=course)  # repo2docker: repo root

    listed = subprocess.run([str(python), "-m", "pip", "list", "--format=json"], capture_output=True, text=True,
                            env=env, check=True)
    names = {p["name"].lower().replace("_", "-") for p in json.loads(listed.stdout)}
    assert {"paramlab", "torch", "nbval", "jupyterlab", "jupyterlab-myst"} <= names
    assert not names & {"jupyter-book", "sphinx", "playwright", "pytest-xdist", "jupytext"}, names

    kernel = _kernel(tmp_path, python, "binder", monkeypatch)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    learner = tmp_path / "learner"
    learner.mkdir()
    chapter = _run(ROOT / CHAPTER, kernel, learner)
    assert chapter.cells[0].source.startswith(MARKER) and chapter.cells[0].outputs == []
    print(f"binder environment: install and one chapter in {time.perf_counter() - start:.1f} s")
