"""How grading looks: a check's report, a hint, a notebook's score table, the command's tables.

Every rendering of the grading framework lives here: HTML for Jupyter and plain
text elsewhere (:class:`Report`, :class:`Hint`, :class:`ScoreTable`, shown by
:func:`show`), and the plain-text tables of ``paramlab grade`` and the pytest
plugin (:func:`format_scores`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .outcomes import Outcome, Result

if TYPE_CHECKING:
    from .core import Question
    from .report import NotebookScore

__all__ = ["Report", "Hint", "ScoreTable", "show", "format_scores"]


_ICONS = {Outcome.PASSED: "✔", Outcome.NOT_ATTEMPTED: "…", Outcome.WRONG: "✘", Outcome.ERROR: "!"}
_COLOURS = {Outcome.PASSED: "#1a7f37", Outcome.NOT_ATTEMPTED: "#6e7781",
            Outcome.WRONG: "#cf222e", Outcome.ERROR: "#9a6700"}


class Report:
    """Displays as coloured HTML in Jupyter and as plain text anywhere else."""

    def __init__(self, result: Result, extra: str = "") -> None:
        self.result = result
        self.extra = extra

    def __repr__(self) -> str:
        r = self.result
        text = f"[{r.outcome.value}] {r.set_id}.{r.question} ({r.title}): {r.message}"
        return text + (f"\n{self.extra}" if self.extra else "")

    def _repr_html_(self) -> str:
        r = self.result
        colour = _COLOURS[r.outcome]
        extra = f"<br><small>{html.escape(self.extra)}</small>" if self.extra else ""
        return (
            f'<div class="paramlab-check paramlab-{r.outcome.name.lower()}" role="status" '
            f'style="border-left:4px solid {colour};padding:4px 10px;margin:4px 0">'
            f'<strong style="color:{colour}">{_ICONS[r.outcome]} {html.escape(r.outcome.value)}</strong> '
            f"· {html.escape(r.set_id)}.{html.escape(r.question)} ({html.escape(r.title)})<br>"
            f"{html.escape(r.message)}{extra}</div>"
        )


def show(obj: Any) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython is pinned
        print(repr(obj))
        return
    if get_ipython() is None:
        print(repr(obj))
    else:
        display(obj)


class Hint:
    def __init__(self, question: "Question") -> None:
        self.q = question

    def __repr__(self) -> str:
        return f"Hint for {self.q.set_id}.{self.q.name}: {self.q.hint_text}"

    def _repr_html_(self) -> str:
        return (f'<div class="paramlab-hint" style="border-left:4px solid #0969da;padding:4px 10px">'
                f"<strong>Hint</strong> · {html.escape(self.q.set_id)}.{html.escape(self.q.name)}<br>"
                f"{html.escape(self.q.hint_text)}</div>")


@dataclass
class ScoreTable:
    set_id: str
    title: str
    rows: list[tuple[str, str, str, str]]

    @property
    def passed(self) -> int:
        return sum(1 for r in self.rows if r[2] == Outcome.PASSED.value)

    def __repr__(self) -> str:
        width = max(len(r[1]) for r in self.rows) if self.rows else 10
        lines = [f"Score for exercise set {self.set_id}: {self.title}"]
        for name, title, outcome, _ in self.rows:
            lines.append(f"  {name:<4} {title:<{width}}  {outcome}")
        lines.append(f"  total: {self.passed}/{len(self.rows)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        body = "".join(
            f"<tr><td>{html.escape(n)}</td><td>{html.escape(t)}</td><td>{html.escape(o)}</td></tr>"
            for n, t, o, _ in self.rows
        )
        return (f'<table class="paramlab-score"><caption>Exercise set {html.escape(self.set_id)}: '
                f"{html.escape(self.title)}</caption><thead><tr><th>question</th><th>topic</th>"
                f"<th>outcome</th></tr></thead><tbody>{body}</tbody><tfoot><tr><td colspan=2>total</td>"
                f"<td>{self.passed}/{len(self.rows)}</td></tr></tfoot></table>")


def format_scores(scores: "list[NotebookScore]") -> str:
    """Plain-text tables, one per notebook, and a total."""
    lines: list[str] = []
    grand_passed = grand_total = 0
    for score in scores:
        header = f"{score.path}" + (f"  [{score.set_id}: {score.title}]" if score.title else "")
        lines.append(header)
        width = max((len(q.title) for q in score.questions), default=10)
        for q in score.questions:
            message = f"  {q.message}" if q.message and not q.passed else ""
            lines.append(f"  {q.name:<4} {q.title:<{width}}  {q.status.value:<13}{message}")
        for problem in score.problems:
            lines.append(f"  ! {problem}")
        lines.append(f"  score: {score.passed}/{score.total}")
        lines.append("")
        grand_passed += score.passed
        grand_total += score.total
    if len(scores) > 1:
        lines.append(f"total: {grand_passed}/{grand_total}")
    return "\n".join(lines).rstrip() + "\n"


def format_class(graded: "list[tuple[object, NotebookScore]]") -> str:
    """One line per learner and notebook (set, score, what did not pass), then each learner's total."""
    lines: list[str] = []
    totals: dict[str, list[int]] = {}
    for submission, score in graded:
        learner = getattr(submission, "learner", "")
        not_passed = ", ".join(f"{q.name} {q.status.value}" for q in score.questions if not q.passed)
        lines.append(f"{learner:<20} {score.set_id or '-':<5} {score.passed:>2}/{score.total:<2}  "
                     f"{not_passed or '; '.join(score.problems)}".rstrip())
        total = totals.setdefault(learner, [0, 0])
        total[0] += score.passed
        total[1] += score.total
    lines.append("")
    lines.extend(f"{learner:<20} total {p}/{t}" for learner, (p, t) in totals.items())
    return "\n".join(lines) + "\n"
