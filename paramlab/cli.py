"""The ``paramlab`` command.

``paramlab grade NOTEBOOK...``
    Run exercise notebooks under nbval and print a score table per notebook.
    Exit 0 only when every check passed; 1 when some did not; 2 when a path
    cannot be graded at all. The notebooks are read, never written.
``paramlab exercises [--check]``
    Regenerate ``exercises/`` from ``solutions/`` (or only report differences).
``paramlab sync [--check]``
    Re-pair every ``.ipynb`` with its MyST ``.md`` source (or only report).
``paramlab hash SET.QUESTION ANSWER``
    Print the digest a maintainer stores for a discrete answer.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

__all__ = ["main"]


def _find_root(start: Path | None = None) -> Path:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "solutions").is_dir() and all((folder / name).exists() for name in ("_toc.yml", "_config.yml")):
            return folder
    raise SystemExit("paramlab: run this inside the course repository (no solutions/, _toc.yml and _config.yml "
                     "found)")


def _validate(path: Path) -> str | None:
    """Why ``path`` cannot be graded, or None when it is a readable notebook."""
    if not path.exists():
        return "no such file"
    if path.is_dir():
        return "is a folder; give the notebook files (e.g. exercises/01_*.ipynb)"
    if path.suffix != ".ipynb":
        hint = " (grade the paired .ipynb instead)" if path.suffix == ".md" else ""
        return f"not a Jupyter notebook: expected a .ipynb file{hint}"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return "not a Jupyter notebook: the file is not text"
    except json.JSONDecodeError as exc:
        return f"not a valid notebook: the JSON is broken at line {exc.lineno}, column {exc.colno}"
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return "not a valid notebook: it has no list of cells"
    return None


def grade(paths: list[str], timeout: int = 60, verbose: bool = False) -> int:
    from .grading.display import format_scores
    from .grading.report import NotebookScore

    notebooks: list[Path] = []
    bad = False
    for raw in paths:
        path = Path(raw)
        problem = _validate(path)
        if problem:
            print(f"paramlab grade: cannot grade {raw}: {problem}", file=sys.stderr)
            bad = True
        else:
            notebooks.append(path)
    if bad:
        return 2
    if not notebooks:
        print("paramlab grade: give at least one notebook, e.g. paramlab grade exercises/01_*.ipynb",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="paramlab-grade-") as tmp:
        results = Path(tmp) / "results.jsonl"
        scores_file = Path(tmp) / "scores.json"
        ini = Path(tmp) / "pytest.ini"
        ini.write_text("[pytest]\n")
        env = dict(os.environ)
        env.pop("PARAMLAB_RESULTS", None)
        command = [
            sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env",
            f"--nbval-cell-timeout={timeout}", f"--paramlab-results={results}", f"--paramlab-scores={scores_file}",
            "-c", str(ini), "--rootdir", tmp, "-p", "no:cacheprovider", "-q", "--color=no",
            *[str(p.resolve()) for p in notebooks],
        ]
        run = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp)
        if verbose:
            print(run.stdout)
            print(run.stderr, file=sys.stderr)
        if run.returncode not in (0, 1):
            tail = "\n".join((run.stdout + run.stderr).strip().splitlines()[-8:])
            print(f"paramlab grade: the notebooks could not be run (pytest exit {run.returncode}):\n{tail}",
                  file=sys.stderr)
            return 2
        if not scores_file.exists():
            tail = "\n".join((run.stdout + run.stderr).strip().splitlines()[-8:])
            print(f"paramlab grade: the run produced no scores:\n{tail}", file=sys.stderr)
            return 2
        scores = [NotebookScore.from_dict(d) for d in json.loads(scores_file.read_text(encoding="utf-8"))]
    print(format_scores(scores), end="")
    return 0 if all(s.all_passed for s in scores) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="paramlab", description="Course helpers: grading and notebook upkeep.")
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("grade", help="grade exercise notebooks (read-only) and print a score table")
    g.add_argument("notebooks", nargs="*", help="exercise notebooks (.ipynb)")
    g.add_argument("--timeout", type=int, default=60, help="seconds one cell may run (default 60)")
    g.add_argument("--verbose", action="store_true", help="also show nbval's own output")
    e = sub.add_parser("exercises", help="regenerate exercises/ from solutions/")
    e.add_argument("--check", action="store_true", help="only report exercises that differ; exit 1 if any")
    s = sub.add_parser("sync", help="pair every .ipynb with its .md source")
    s.add_argument("--check", action="store_true", help="only report pairs out of sync; exit 1 if any")
    h = sub.add_parser("hash", help="the stored digest of a discrete answer")
    h.add_argument("question", help="SET.QUESTION, e.g. ex01.q2")
    h.add_argument("answer", help="the answer; a comma-separated list is hashed as a set")
    args = parser.parse_args(argv)

    if args.command == "grade":
        return grade(args.notebooks, timeout=args.timeout, verbose=args.verbose)
    if args.command == "exercises":
        from .grading.generate import generate_exercises

        root = _find_root()
        diffs = generate_exercises(root, check=args.check)
        for d in diffs:
            print(f"stale: {d}")
        if args.check:
            print("exercises are up to date" if not diffs else "run `make exercises` to regenerate them")
        return 1 if diffs else 0
    if args.command == "sync":
        from .pairs import out_of_sync, sync_pairs

        root = _find_root()
        if args.check:
            problems = out_of_sync(root)
            for p in problems:
                print(p)
            return 1 if problems else 0
        for path in sync_pairs(root):
            print(f"updated {path.relative_to(root)}")
        return 0
    if args.command == "hash":
        from .grading.hashing import digest

        answer: object = args.answer
        if "," in args.answer:
            answer = {part for part in args.answer.split(",")}
        print(digest(args.question, answer))
        return 0
    return 2  # pragma: no cover


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
