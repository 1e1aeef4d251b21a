"""Pairs in sync, notebooks without outputs, exercises generated from solutions."""

import ast
import json

import jupytext
import pytest

from conftest import ROOT, run_paramlab
from paramlab.grading.generate import exercise_from_solution, generate_exercises, stub_for
from paramlab.pairs import out_of_sync


def test_every_pair_is_in_sync_and_has_no_outputs():
    problems = out_of_sync(ROOT)
    assert not problems, "\n".join(map(str, problems))


def test_no_committed_notebook_holds_outputs_or_counts():
    for folder in ("book", "exercises", "solutions"):
        for path in (ROOT / folder).glob("*.ipynb"):
            for cell in json.loads(path.read_text())["cells"]:
                if cell["cell_type"] == "code":
                    assert cell["outputs"] == [] and cell["execution_count"] is None, path


def test_exercises_are_up_to_date_with_their_solutions():
    assert generate_exercises(ROOT, check=True) == []


def test_paramlab_exercises_check_reports_a_stale_exercise(tmp_path):
    for folder in ("solutions", "exercises"):
        (tmp_path / folder).mkdir()
        for path in (ROOT / folder).glob("*"):
            (tmp_path / folder / path.name).write_bytes(path.read_bytes())
    (tmp_path / "_toc.yml").write_text("root: x\n")
    (tmp_path / "_config.yml").write_text((ROOT / "_config.yml").read_text())  # the setup cell's repository
    stale = next((tmp_path / "exercises").glob("*.md"))
    stale.write_text(stale.read_text() + "\nedited by hand\n")
    run = run_paramlab("exercises", "--check", cwd=tmp_path)
    assert run.returncode == 1 and f"stale: {stale}" in run.stdout


def test_stub_keeps_instructions_and_replaces_every_assignment():
    source = "# Fit it.\nmodel = make()\nmodel.fit(X)\na, b = 1, 2\nc += 1\n"
    stub = stub_for(source)
    assert stub.splitlines()[0] == "# Fit it."
    assert "model = ...\na = ...\nb = ...\nc = ..." in stub
    assert "fit(" not in stub and "make" not in stub
    ast.parse(stub)


def test_stub_refuses_a_solution_cell_without_an_answer():
    with pytest.raises(ValueError, match="assign"):
        stub_for("print('hi')\n")


def test_exercise_drops_solution_only_cells_and_retitles():
    solution = jupytext.read(next((ROOT / "solutions").glob("01_*.md")))
    exercise = exercise_from_solution(solution)
    assert len(exercise.cells) < len(solution.cells)
    assert not any("solution" in c.metadata.get("tags", []) or "solution-only" in c.metadata.get("tags", [])
                   for c in exercise.cells)
    first_heading = next(c.source for c in exercise.cells if c.cell_type == "markdown" and "# " in c.source)
    assert "Exercises" in first_heading and "Solutions" not in first_heading
    assert len(solution.cells) == len(jupytext.read(next((ROOT / "solutions").glob("01_*.md"))).cells)


def test_every_solution_cell_leaves_placeholders_in_the_exercise():
    for solution in (ROOT / "solutions").glob("[0-9][0-9]_*.md"):
        exercise = jupytext.read(ROOT / "exercises" / solution.name)
        stubs = [c for c in exercise.cells if "exercise" in c.metadata.get("tags", [])]
        assert stubs and all("= ..." in c.source for c in stubs)


WIDTH = 88  # characters of code that fit a code cell of the site at 1280 px (tests/site checks the pixels)


def test_visible_code_lines_fit_the_page():
    """Code the site shows (chapters, exercise sets) has no line longer than WIDTH characters."""
    too_long = []
    for folder in ("book", "exercises"):
        for path in sorted((ROOT / folder).glob("*.md")):
            for cell in jupytext.read(path).cells:
                tags = cell.metadata.get("tags", [])
                if cell.cell_type != "code" or "remove-cell" in tags or "remove-input" in tags:
                    continue
                too_long += [f"{folder}/{path.name}: {line[:60]}... ({len(line)})"
                             for line in cell.source.splitlines() if len(line) > WIDTH]
    assert not too_long, f"{len(too_long)} code lines wider than {WIDTH} characters:\n" + "\n".join(too_long[:20])


def _code_of(chapter: str) -> ast.Module:
    notebook = jupytext.read(ROOT / "book" / chapter)
    return ast.parse("\n".join(c.source for c in notebook.cells if c.cell_type == "code"
                               and not c.source.lstrip().startswith(("%", "!"))))


def test_chapter_13_lists_the_baseline_that_chapter_10_trains():
    """The cheat sheet's network row types chapter 10's train() defaults (no module holds them): keep them equal."""
    train = next(n for n in ast.walk(_code_of("10_neural_networks.md"))
                 if isinstance(n, ast.FunctionDef) and n.name == "train")
    names = [a.arg for a in train.args.args]
    defaults = dict(zip(names[len(names) - len(train.args.defaults):],
                        (ast.literal_eval(d) for d in train.args.defaults)))
    baseline = next(n.value for n in ast.walk(_code_of("13_cheat_sheet_and_interview.md"))
                    if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", None) == "BASELINE")
    listed = {k.arg: ast.literal_eval(k.value) for k in baseline.keywords}
    assert listed, "chapter 13's BASELINE lists no setting"
    differ = {k: (v, defaults.get(k, "not an argument of train")) for k, v in listed.items()
              if defaults.get(k, object()) != v}
    assert not differ, f"chapter 13's BASELINE against chapter 10's train() defaults: {differ}"
