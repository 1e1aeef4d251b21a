"""The ``paramlab`` command.

``paramlab grade [--jobs N] [--out DIR] NOTEBOOK_OR_FOLDER...``
    Run each notebook in its own kernel and decide every verdict outside it
    (:mod:`paramlab.grading.runner`); print a score table per notebook (one
    learner) or per learner (a class), and with ``--out`` write the gradebook.
    Exit 0 only when every check passed; 1 when some did not or a file could
    not be graded; 2 when nothing could be graded. Notebooks are read, never
    written.
``paramlab exercises [--check]``
    Regenerate ``exercises/`` from ``solutions/`` (or only report differences).
``paramlab sync [--check]``
    Re-pair every ``.ipynb`` with its MyST ``.md`` source (or only report).
``paramlab hash SET.QUESTION ANSWER``
    Print the digest a maintainer stores for a discrete answer.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["main"]


def _find_root(start: Path | None = None) -> Path:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "solutions").is_dir() and all((folder / name).exists() for name in ("_toc.yml", "_config.yml")):
            return folder
    raise SystemExit("paramlab: run this inside the course repository (no solutions/, _toc.yml and _config.yml "
                     "found)")


def grade(paths: list[str], timeout: float = 60, jobs: int = 1, out: str | None = None,
          limit: float = 600) -> int:
    from .grading.batch import find_submissions, grade_all, problem_with
    from .grading.display import format_class, format_scores

    if not paths:
        print("paramlab grade: give notebooks or a folder of submissions, e.g. paramlab grade exercises/01_*.ipynb",
              file=sys.stderr)
        return 2
    submissions = find_submissions([Path(p) for p in paths])
    for raw in paths:
        if Path(raw).is_dir() and not any(s.path.is_relative_to(Path(raw)) for s in submissions):
            print(f"paramlab grade: {raw} holds no notebook (.ipynb)", file=sys.stderr)
    problems = {s.path: problem_with(s.path) for s in submissions}
    for submission in submissions:
        if problems[submission.path]:
            print(f"paramlab grade: cannot grade {submission.path}: {problems[submission.path]}", file=sys.stderr)
    readable = [s for s in submissions if not problems[s.path]]
    if not readable and not out:
        return 2
    scores = grade_all(submissions, jobs=jobs, timeout=timeout, limit=limit)
    graded = [(s, score) for s, score in zip(submissions, scores) if not problems[s.path]]
    learners = {s.learner for s, _ in graded}
    if graded:
        print(format_scores([score for _, score in graded]) if len(learners) <= 1 else format_class(graded), end="")
    if out:
        from .grading.gradebook import write_gradebook

        written = write_gradebook(Path(out), list(zip(submissions, scores)))
        print(f"gradebook: {len(written)} files in {out} (gradebook.csv, gradebook.json, junit.xml, gradescope/)")
    if not readable:
        return 2
    return 0 if len(readable) == len(submissions) and all(score.all_passed for _, score in graded) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="paramlab", description="Course helpers: grading and notebook upkeep.")
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("grade", help="grade exercise notebooks or folders of submissions (read-only)")
    g.add_argument("notebooks", nargs="*", help="exercise notebooks (.ipynb) or folders (submissions/<learner>/...)")
    g.add_argument("--timeout", type=float, default=60, help="seconds one cell may run (default 60)")
    g.add_argument("--limit", type=float, default=600, help="seconds one notebook may run (default 600)")
    g.add_argument("--jobs", type=int, default=1, help="notebooks graded at once, each in its own kernel")
    g.add_argument("--out", help="write the gradebook (CSV, JSON, JUnit XML, Gradescope) into this folder")
    e = sub.add_parser("exercises", help="regenerate exercises/ from solutions/")
    e.add_argument("--check", action="store_true", help="only report exercises that differ; exit 1 if any")
    s = sub.add_parser("sync", help="pair every .ipynb with its .md source")
    s.add_argument("--check", action="store_true", help="only report pairs out of sync; exit 1 if any")
    h = sub.add_parser("hash", help="the stored digest of a discrete answer")
    h.add_argument("question", help="SET.QUESTION, e.g. ex01.q2")
    h.add_argument("answer", help="the answer; a comma-separated list is hashed as a set")
    args = parser.parse_args(argv)

    if args.command == "grade":
        return grade(args.notebooks, timeout=args.timeout, jobs=max(1, args.jobs), out=args.out, limit=args.limit)
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
