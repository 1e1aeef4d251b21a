"""Grade the attempt suite with the real command: each attempt built into a learner's notebook.

    .venv/bin/python tests/checks/grade_attempts.py [ex01 ex02 ...] [--out results.json]

Round k of a set is its solution notebook with, before each question's check cell, a cell that
sets the values of that question's k-th attempt (restored after the check cell, so the rest of
the notebook runs on the notebook's own values). Every round's notebook is graded by one
``paramlab grade`` run; each question's line in its report is compared with the verdict and
message the attempt must get. Prints the right-accepted / wrong-rejected counts.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from paramlab.grading.registry import set_ids  # noqa: E402

ROW = re.compile(r"^\s+(q\d+)\s+.*?\s{2,}(passed|not attempted|wrong|error|missing|not run)(?:\s+(.*))?$")


def _code(source: str) -> dict:
    return {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": source}


def build_rounds(set_id: str, folder: Path) -> list[tuple[Path, dict[str, object]]]:
    """The round notebooks of one set and, for each, question -> the attempt it holds."""
    module = importlib.import_module(f"attempts_{set_id}")
    solution = next((ROOT / "solutions").glob(f"{set_id[2:]}_*.ipynb"))
    by_question: dict[str, list[int]] = defaultdict(list)
    for index, attempt in enumerate(module.ATTEMPTS):
        by_question[attempt.question].append(index)
    rounds = []
    for k in range(max(len(v) for v in by_question.values())):
        data = json.loads(solution.read_text(encoding="utf-8"))
        cells, held = [], {}
        for cell in data["cells"]:
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            match = re.search(rf"\b{set_id}\.(q\d+)\.check\(", source) if cell["cell_type"] == "code" else None
            if match and len(by_question[match.group(1)]) > k:
                index = by_question[match.group(1)][k]
                held[match.group(1)] = module.ATTEMPTS[index]
                cells.append(_code(
                    f"import sys\nsys.path.insert(0, {str(HERE)!r})\nimport attempts_{set_id} as _attempts\n"
                    f"_answers = _attempts.ATTEMPTS[{index}].answers(_attempts.data())\n"
                    "_saved = {k: globals()[k] for k in _answers if k in globals()}\n"
                    "globals().update(_answers)"))
                cells.append(cell)
                cells.append(_code("globals().update(_saved)"))
                continue
            cells.append(cell)
        data["cells"] = cells
        path = folder / f"{solution.stem}__round{k}.ipynb"
        path.write_text(json.dumps(data), encoding="utf-8")
        rounds.append((path, held))
    return rounds


def grade(paths: list[Path], cwd: Path) -> dict[str, dict[str, tuple[str, str]]]:
    """Notebook path -> question -> (outcome, message), from one `paramlab grade` run."""
    run = subprocess.run([sys.executable, "-m", "paramlab.cli", "grade", "--timeout", "120", *map(str, paths)],
                         capture_output=True, text=True, cwd=cwd)
    reports: dict[str, dict[str, tuple[str, str]]] = {}
    current = None
    for line in run.stdout.splitlines():
        if line and not line.startswith(" ") and line.split("  [")[0].endswith(".ipynb"):
            current = reports.setdefault(line.split("  [")[0], {})
        elif current is not None and (match := ROW.match(line)):
            current[match.group(1)] = (match.group(2), match.group(3) or "")
    if len(reports) < len(paths):
        print(f"paramlab grade (exit {run.returncode}) reported {len(reports)} of {len(paths)} notebooks:\n"
              + run.stderr[-3000:], file=sys.stderr)
    return reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", default=None)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    sets = args.sets or set_ids()
    counts = {"right": [0, 0], "wrong": [0, 0]}
    mismatches = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="paramlab-attempts-") as tmp:
        rounds = [r for s in sets for r in build_rounds(s, Path(tmp))]
        reports = grade([path for path, _ in rounds], Path(tmp))
        for path, held in rounds:
            report = reports.get(str(path), {})
            for question, attempt in held.items():
                outcome, message = report.get(question, ("absent", "no line in the report"))
                kind = "right" if attempt.verdict == "passed" else "wrong"
                ok = outcome == attempt.verdict and attempt.says in message
                counts[kind][0] += ok
                counts[kind][1] += 1
                if not ok:
                    mismatches.append(f"{path.name} {question} ({attempt.did}): expected {attempt.verdict} "
                                      f"with {attempt.says!r}, got {outcome}: {message}")
    seconds = time.perf_counter() - start
    print("\n".join(mismatches))
    print(f"right answers accepted: {counts['right'][0]} of {counts['right'][1]}; wrong answers rejected with "
          f"their message: {counts['wrong'][0]} of {counts['wrong'][1]}; {len(rounds)} notebooks graded in "
          f"{seconds:.0f} s")
    if args.out:
        args.out.write_text(json.dumps({"counts": counts, "mismatches": mismatches, "notebooks": len(rounds),
                                        "seconds": seconds}, indent=1))
    return 0 if not mismatches else 1


if __name__ == "__main__":
    sys.exit(main())
