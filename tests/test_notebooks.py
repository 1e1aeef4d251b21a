"""Exercise notebooks under nbval, as CI and learners run them."""

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_pytest_on

SOLUTIONS = sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("[0-9][0-9]_*.ipynb"))
CHECK_CALL = re.compile(r"\b(ex\d\d)\.(q\d+)\.check\(")

pytestmark = pytest.mark.slow


def check_cells(notebook: Path) -> int:
    data = json.loads(notebook.read_text())
    return sum(bool(CHECK_CALL.search("".join(c["source"]))) for c in data["cells"] if c["cell_type"] == "code")


def test_every_solution_has_an_exercise_and_at_least_five_checks():
    assert SOLUTIONS, "no solution notebooks found"
    assert [p.name for p in SOLUTIONS] == [p.name for p in EXERCISES]
    for notebook in SOLUTIONS:
        assert check_cells(notebook) >= 4, notebook


def test_solutions_pass_every_check_strictly_with_full_score(tmp_path):
    run = run_pytest_on("--nbval-lax", f"--paramlab-results={tmp_path / 'r.jsonl'}",
                        *map(str, SOLUTIONS))
    assert run.returncode == 0, run.stdout[-4000:]
    records = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    checks = [r for r in records if r.get("kind", "check") == "check"]
    assert len(checks) == sum(check_cells(n) for n in SOLUTIONS)
    assert {r["outcome"] for r in checks} == {"passed"}
    for notebook in SOLUTIONS:
        n = check_cells(notebook)
        assert f"score: {n}/{n}" in run.stdout


def test_untouched_exercises_fail_every_check(tmp_path):
    """Expect-fail mode: the run succeeds only because every check fails on the placeholders."""
    run = run_pytest_on("--nbval-lax", "--paramlab-expect-fail", f"--paramlab-results={tmp_path / 'r.jsonl'}",
                        *map(str, EXERCISES))
    assert run.returncode == 0, run.stdout[-4000:]
    records = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    checks = [r for r in records if r["kind"] == "check"]
    assert len(checks) == sum(check_cells(n) for n in EXERCISES)
    assert all(r["outcome"] != "passed" for r in checks)


def test_a_check_that_passes_untouched_is_reported_as_vacuous(tmp_path):
    """Make one exercise answer itself (as a careless solution-to-exercise edit would): CI must fail."""
    source = EXERCISES[0]
    data = json.loads(source.read_text())
    cell = next(c for c in data["cells"] if c["cell_type"] == "code" and "labels = ..." in "".join(c["source"]))
    cell["source"] = "labels = {v: 'learned' if v.endswith('_') else 'hyperparameter' for v in ex01.SEARCH_VALUES}\n"
    copy = tmp_path / source.name
    copy.write_text(json.dumps(data))
    run = run_pytest_on("--nbval-lax", "--paramlab-expect-fail", str(copy), cwd=tmp_path)
    assert run.returncode == 1
    assert "VacuousCheck: ex01.q5 passed on the untouched exercise: the check is vacuous" in run.stdout
    assert re.search(r"\b1 failed\b", run.stdout), run.stdout[-2000:]  # the one vacuous check, nothing else


def test_plain_nbval_on_an_exercise_prints_the_score_and_concise_messages():
    notebook = EXERCISES[0]
    run = run_pytest_on("--nbval-lax", str(notebook))
    assert run.returncode == 1
    assert "paramlab score (strict)" in run.stdout
    assert f"score: 0/{check_cells(notebook)}" in run.stdout
    assert "CheckFailed: ex01.q1 not attempted" in run.stdout
    assert "\x1b[" not in run.stdout, "messages must be colour-free"
