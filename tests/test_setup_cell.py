"""The setup cell of every notebook, the declared dependencies and the version-drift line."""

from __future__ import annotations

import importlib.metadata
import json
import re
import subprocess
import sys
import types
from pathlib import Path

import jupytext
import pytest
from packaging.requirements import Requirement

from conftest import ROOT
from paramlab import environment
from paramlab.pairs import out_of_sync, paired_sources
from paramlab.setup_cell import MARKER, extras_for, setup_cell_problem, setup_source

PUBLISHED = "git+https://github.com/paramlab-course/parameters-vs-hyperparameters.git@main"


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if "==" in line and not line.startswith("-"):
            name, version = line.split("==")
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    return pins


def _pyproject() -> dict:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


# ----------------------------------------------------------------------------- every notebook has it


def test_every_notebook_starts_with_the_current_setup_cell():
    sources = paired_sources(ROOT)
    assert len(sources) == 14 + 13 + 13, [str(s) for s in sources]
    for md in sources:
        nb = jupytext.read(md)
        assert setup_cell_problem(nb, setup_source(ROOT, md, nb)) is None, md
        paired = jupytext.read(md.with_suffix(".ipynb"))
        assert paired.cells[0].source == nb.cells[0].source, md.with_suffix(".ipynb")


def test_a_missing_or_stale_setup_cell_is_reported(tmp_path):
    for folder in ("book", "exercises", "solutions"):
        (tmp_path / folder).mkdir()
    for name in ("_config.yml", "book/01_parameters_vs_hyperparameters.md",
                 "book/01_parameters_vs_hyperparameters.ipynb", "book/02_how_parameters_are_learned.md",
                 "book/02_how_parameters_are_learned.ipynb"):
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    assert out_of_sync(tmp_path) == []
    stale = tmp_path / "book/01_parameters_vs_hyperparameters.md"
    stale.write_text(stale.read_text().replace('"scikit-learn": "1.9"', '"scikit-learn": "1.8"'))
    gone = tmp_path / "book/02_how_parameters_are_learned.md"
    text = gone.read_text()
    start = text.index("```{code-cell} ipython3\n:tags: [remove-cell]")
    gone.write_text(text[:start] + text[text.index("```\n", text.index(MARKER)) + 4:])
    problems = {Path(p.path).name: p.reason for p in out_of_sync(tmp_path) if p.path.suffix == ".md"}
    assert problems == {"01_parameters_vs_hyperparameters.md": "holds an out-of-date setup cell: run `make sync`",
                        "02_how_parameters_are_learned.md": "has no setup cell at the top: run `make sync`"}


def test_extras_follow_what_each_notebook_needs():
    def extras(name):
        return extras_for(ROOT / name, jupytext.read(ROOT / name))

    assert extras("book/01_parameters_vs_hyperparameters.md") == []
    assert extras("book/10_neural_networks.md") == ["torch"]
    assert extras("exercises/01_parameters_vs_hyperparameters.md") == ["grade"]
    assert extras("solutions/10_neural_networks.md") == ["grade", "torch"]
    assert extras("solutions/11_searching_hyperparameters.md") == ["grade", "optuna"]
    assert extras("book/11_searching_hyperparameters.md") == ["optuna"]


def test_the_built_pages_show_nothing_of_the_setup_cell(book_build):
    assert book_build.returncode == 0
    for name in ("book/01_parameters_vs_hyperparameters", "exercises/10_neural_networks"):
        html = (ROOT / "_build" / "html" / f"{name}.html").read_text()
        assert "Setup: lets this notebook" not in html and "_setup(" not in html and "setup: " not in html


# ----------------------------------------------------------------------------- what the cell does


WATCHED = ("numpy", "scipy", "sklearn", "matplotlib", "torch")


class FakeEnvironment:
    """Installed versions before and after a pip run, the modules already loaded, and pip's commands."""

    def __init__(self, monkeypatch, before: dict, after: dict | None = None, pip_fails: bool = False,
                 loaded: dict | None = None):
        self.versions, self.after, self.commands = dict(before), after, []
        self.pip_fails = pip_fails
        monkeypatch.setattr(importlib.metadata, "version", self.version)
        monkeypatch.setattr(subprocess, "run", self.run)
        monkeypatch.delenv("PARAMLAB_INSTALL", raising=False)
        for module in WATCHED:  # what the kernel has imported so far: only what the test says
            monkeypatch.delitem(sys.modules, module, raising=False)
        for module, version in (loaded or {}).items():
            monkeypatch.setitem(sys.modules, module, types.SimpleNamespace(__version__=version))

    def version(self, name):
        if name not in self.versions:
            raise importlib.metadata.PackageNotFoundError(name)
        return self.versions[name]

    def run(self, command, **kwargs):
        self.commands.append(command)
        if self.after is not None:
            self.versions.update(self.after)
        return subprocess.CompletedProcess(command, 1 if self.pip_fails else 0, "", "ERROR: no network")


def _run_cell(source: str) -> None:
    exec(compile(source, "setup-cell", "exec"), {})


def _source(name: str) -> str:
    md = ROOT / name
    return setup_source(ROOT, md, jupytext.read(md))


COURSE = {"paramlab": "0.1.0", "scikit-learn": "1.9.1", "numpy": "2.4.6", "nbval": "0.11.0", "torch": "2.13.0"}


def test_setup_is_silent_where_the_course_is_installed(monkeypatch, capsys):
    fake = FakeEnvironment(monkeypatch, COURSE)
    _run_cell(_source("solutions/10_neural_networks.md"))
    assert fake.commands == [] and capsys.readouterr().out == ""


def test_setup_is_silent_in_the_projects_own_venv():
    """The real thing, in this .venv: no output at all (the built pages show none either)."""
    for name in ("book/01_parameters_vs_hyperparameters.md", "exercises/10_neural_networks.md"):
        run = subprocess.run([sys.executable, "-c", _source(name)], capture_output=True, text=True, cwd="/tmp")
        assert run.returncode == 0 and run.stdout == "" and run.stderr == "", (name, run)


def test_setup_installs_the_published_course_with_the_notebooks_extras(monkeypatch, capsys):
    fake = FakeEnvironment(monkeypatch, {"numpy": "2.0.2"}, after={"paramlab": "0.1.0", "scikit-learn": "1.9.1",
                                                                    "nbval": "0.11.0"})
    _run_cell(_source("exercises/01_parameters_vs_hyperparameters.md"))
    assert fake.commands == [[sys.executable, "-m", "pip", "install", "--quiet", f"paramlab[grade] @ {PUBLISHED}"]]
    assert capsys.readouterr().out == f"setup: installing paramlab[grade] @ {PUBLISHED} (a minute or two) ... done\n"


def test_setup_takes_torch_from_the_cpu_index_when_none_is_installed(monkeypatch, capsys):
    fake = FakeEnvironment(monkeypatch, {}, after={"paramlab": "0.1.0", "scikit-learn": "1.9.1", "torch": "2.13.0"})
    _run_cell(_source("book/10_neural_networks.md"))
    if sys.platform.startswith("linux"):
        assert fake.commands[0][-2:] == ["--extra-index-url", "https://download.pytorch.org/whl/cpu"]
    fake = FakeEnvironment(monkeypatch, {"torch": "2.5.1+cu121"},
                           after={"paramlab": "0.1.0", "scikit-learn": "1.9.1"})
    _run_cell(_source("book/10_neural_networks.md"))  # Colab's own CUDA torch is kept: no index, no restart
    assert fake.commands[0][-1] == f"paramlab[torch] @ {PUBLISHED}"


def test_setup_installs_from_paramlab_install_a_folder_or_a_requirement(monkeypatch, capsys, tmp_path):
    done = {"paramlab": "0.1.0", "scikit-learn": "1.9.1", "torch": "2.13.0"}
    fake = FakeEnvironment(monkeypatch, {"torch": "2.13.0"}, after=done)
    monkeypatch.setenv("PARAMLAB_INSTALL", str(tmp_path))
    _run_cell(_source("book/10_neural_networks.md"))
    fake.versions = {"torch": "2.13.0"}
    monkeypatch.setenv("PARAMLAB_INSTALL", "paramlab[torch]==0.1.0")
    _run_cell(_source("book/10_neural_networks.md"))
    assert [c[-1] for c in fake.commands] == [f"paramlab[torch] @ {tmp_path.as_uri()}", "paramlab[torch]==0.1.0"]


RESTART = "restart the kernel (Colab: Runtime > Restart session), then run all again."


def _stopped(source: str) -> str:
    with pytest.raises(Exception) as raised:
        _run_cell(source)
    message = raised.value._render_traceback_()
    assert len(message) == 1, message
    return message[0]


def test_setup_asks_for_a_restart_in_one_line_when_it_replaced_a_loaded_package(monkeypatch, capsys):
    FakeEnvironment(monkeypatch, {"numpy": "1.26.4", "scikit-learn": "1.6.1"}, loaded={"numpy": "1.26.4"},
                    after={"numpy": "2.4.6", "scikit-learn": "1.9.1", "paramlab": "0.1.0"})
    message = _stopped(_source("book/01_parameters_vs_hyperparameters.md"))
    assert message == f"setup: numpy 1.26.4 -> 2.4.6 cannot be used yet: {RESTART}"


def test_setup_rerun_without_the_restart_still_asks_for_it(monkeypatch):
    fake = FakeEnvironment(monkeypatch, {"numpy": "2.4.6", "scikit-learn": "1.9.1", "paramlab": "0.1.0"},
                           loaded={"numpy": "1.26.4"})
    message = _stopped(_source("book/01_parameters_vs_hyperparameters.md"))
    assert message == f"setup: numpy 1.26.4 -> 2.4.6 was installed while in use: {RESTART}"
    assert fake.commands == []


def test_setup_says_when_the_repository_holds_another_version_than_the_notebook(monkeypatch, capsys):
    FakeEnvironment(monkeypatch, {}, after={"paramlab": "0.2.0", "scikit-learn": "1.9.1"})
    message = _stopped(_source("book/01_parameters_vs_hyperparameters.md"))
    assert "got paramlab 0.2.0, scikit-learn 1.9.1: download the notebook again from the course site" in message


def test_setup_says_what_failed_when_pip_fails(monkeypatch, capsys):
    FakeEnvironment(monkeypatch, {}, pip_fails=True)
    message = _stopped(_source("book/01_parameters_vs_hyperparameters.md"))
    assert message == f"setup: pip could not install paramlab @ {PUBLISHED}; its last words are above."
    assert "failed\nERROR: no network" in capsys.readouterr().out


# ----------------------------------------------------------------------------- dependencies and drift


def test_tested_versions_are_the_pinned_ones():
    pins = _pins(ROOT / "requirements.txt")
    assert environment.TESTED == {name: ".".join(pins[name].split(".")[:2]) for name in environment.TESTED}


def test_every_declared_requirement_is_met_by_the_pinned_set():
    project = _pyproject()
    pins = _pins(ROOT / "requirements.txt")
    declared = list(project["dependencies"]) + [r for extra in project["optional-dependencies"].values()
                                                for r in extra]
    assert set(project["optional-dependencies"]) == {"torch", "optuna", "grade", "book", "test"}
    for line in declared:
        requirement = Requirement(line)
        name = requirement.name.lower().replace("_", "-")
        assert name in pins, f"{line}: not pinned in requirements.txt"
        assert requirement.specifier.contains(pins[name], prereleases=True), f"{line} excludes the pin {pins[name]}"
        assert requirement.specifier, f"{line}: give the range the course was tested with"
    assert Requirement(next(r for r in project["dependencies"] if r.startswith("scikit-learn"))).specifier \
        == Requirement("scikit-learn>=1.9,<1.10").specifier


def test_binder_pins_agree_with_requirements_and_leave_out_the_build_and_test_stack():
    pins = _pins(ROOT / "requirements.txt")
    binder = _pins(ROOT / "binder" / "requirements.txt")
    assert {name: pins.get(name) for name in binder} == binder
    assert {"torch", "scikit-learn", "jupyterlab", "jupyterlab-myst", "nbval"} <= set(binder)
    assert not set(binder) & {"jupyter-book", "sphinx", "myst-nb", "playwright", "pytest-xdist", "jupytext",
                              "django-static-mathjax"}
    text = (ROOT / "binder" / "requirements.txt").read_text()
    assert re.search(r"^-e \.\[torch,optuna,grade\]$", text, re.M)
    # repo2docker's default Python is older than the course's; numpy 2.4 needs 3.11
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"


def test_drift_is_one_line_naming_both_versions_and_the_fix():
    found = {"numpy": "2.0.2", "scikit-learn": "1.9.1", "torch": "2.5.1+cu121"}
    drift = environment.untested(found.get)
    assert drift == {"numpy": "2.0.2", "torch": "2.5.1+cu121"}
    message = environment.drift_message(drift)
    assert "\n" not in message
    assert "found numpy 2.0.2 and torch 2.5.1+cu121" in message and "tested with numpy 2.4 and torch 2.13" in message
    assert message.endswith("pip install 'numpy==2.4.*' 'torch==2.13.*', then restart the kernel.")
    assert environment.untested({"numpy": "2.4.0", "scikit-learn": "1.9.3", "torch": "2.13.0+cpu"}.get) == {}
    assert environment.untested({}.get) == {}  # torch not installed: nothing to say


def test_on_colab_the_drift_line_only_warns(monkeypatch):
    monkeypatch.setenv("COLAB_RELEASE_TAG", "release-colab-2026")
    message = environment.drift_message({"torch": "2.5.1+cu121"})
    assert message.endswith("numbers may differ from the site.") and "pip install" not in message


def test_import_paramlab_prints_the_drift_line_and_never_raises(monkeypatch, capsys):
    monkeypatch.setattr(environment, "installed_version", lambda name: {"scikit-learn": "1.6.1"}.get(name))
    environment.warn_if_untested()
    assert capsys.readouterr().err.startswith("paramlab: found scikit-learn 1.6.1, but this course was tested")

    def broken(name):
        raise OSError("unreadable metadata")

    monkeypatch.setattr(environment, "installed_version", broken)
    environment.warn_if_untested()
    assert capsys.readouterr().err == ""


def test_import_paramlab_is_silent_with_the_tested_versions():
    run = subprocess.run([sys.executable, "-c", "import paramlab"], capture_output=True, text=True, cwd="/tmp")
    assert run.returncode == 0 and run.stdout == "" and run.stderr == ""
