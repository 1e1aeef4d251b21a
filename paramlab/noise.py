"""The course's noise rule, in one place: when is one score ahead of another?

Every chapter compares hyperparameter values by the same rule (stated in chapter 1):
a value is **ahead** of another only when the mean of their *paired* score differences
is more than :data:`RULE` standard errors away from zero. Paired means both values
were scored on the same rows, the same cross-validation folds or the same seeds, so
what the two share (an easy fold, a lucky seed) cancels out of the difference.

``gap(a, b)`` does that for any two equal-length score arrays: per-row correctness
(0/1) of two models on one validation set, per-fold scores from ``cv_results_``, or
per-seed scores. ``search_gaps(search)`` compares every candidate of a fitted search
with its winner. A caveat the chapters repeat: cross-validation folds share training
rows, so the standard error of a fold mean is, if anything, too small (there is no
unbiased estimate of it; Bengio & Grandvalet 2004). A gap near the rule is not a win.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

RULE = 2.0
"""A gap counts when it is larger than this many standard errors."""


@dataclass(frozen=True)
class Gap:
    """Mean paired difference ``a - b``, its standard error and how many pairs."""

    diff: float
    se: float
    n: int

    @property
    def ratio(self) -> float:
        """The difference in standard errors (inf when every pair differs alike)."""
        if self.se == 0:
            return 0.0 if self.diff == 0 else float(np.copysign(np.inf, self.diff))
        return self.diff / self.se

    @property
    def clear(self) -> bool:
        """True when the gap is larger than the noise: ``|diff| > RULE * se``."""
        return abs(self.ratio) > RULE

    @property
    def verdict(self) -> str:
        """'ahead', 'behind' or 'tied', read from the point of view of ``a``."""
        if not self.clear:
            return "tied"
        return "ahead" if self.diff > 0 else "behind"

    def __str__(self) -> str:
        return f"{self.diff:+.3f} ± {self.se:.3f} ({self.ratio:+.1f} SE over {self.n} pairs): {self.verdict}"


def gap(a: Sequence[float] | np.ndarray, b: Sequence[float] | np.ndarray) -> Gap:
    """The paired gap between two score arrays measured on the same rows, folds or seeds."""
    a_arr = np.asarray(a, dtype=float).ravel()
    b_arr = np.asarray(b, dtype=float).ravel()
    if a_arr.shape != b_arr.shape:
        raise ValueError(f"paired scores need equal lengths, got {a_arr.size} and {b_arr.size}")
    if a_arr.size < 2:
        raise ValueError("a standard error needs at least two pairs of scores")
    d = a_arr - b_arr
    return Gap(float(d.mean()), float(d.std(ddof=1) / np.sqrt(d.size)), int(d.size))


def accuracy_se(accuracy: float, n: int) -> float:
    """Standard error of one accuracy measured on ``n`` rows: sqrt(p(1-p)/n)."""
    return float(np.sqrt(accuracy * (1 - accuracy) / n))


def fold_scores(search: Any) -> np.ndarray:
    """Test scores of a fitted search, one row per candidate, one column per split."""
    results = search.cv_results_
    n_splits = sum(1 for key in results if key.startswith("split") and key.endswith("_test_score"))
    if n_splits == 0:
        raise ValueError("the search kept no per-split test scores (is scoring a single metric?)")
    return np.column_stack([results[f"split{i}_test_score"] for i in range(n_splits)])


def search_gaps(search: Any) -> list[Gap]:
    """Every candidate of a fitted search against the winner, paired over the same splits.

    ``gaps[i].verdict`` is 'behind' when candidate ``i`` is worse than the winner by more
    than the noise and 'tied' otherwise (the winner is tied with itself).
    """
    scores = fold_scores(search)
    best = scores[search.best_index_]
    return [gap(row, best) if i != search.best_index_ else Gap(0.0, 0.0, scores.shape[1])
            for i, row in enumerate(scores)]
