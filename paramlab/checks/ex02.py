"""Exercise set 02: how parameters are learned.

Numeric answers are recomputed from the learner's own data inside each check;
discrete answers are compared as salted digests (see ``paramlab.grading.hashing``),
so the right choice is not readable here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from ..grading.answers import (arrays, expect_best_on_validation, expect_choice, number, one_of, splits,
                               vector)
from ..grading.core import ExerciseSet, Wrong

SET = ExerciseSet.declared(__file__)

#: The regularization strength used throughout the set, as in LogisticRegression(C=0.1).
C = 0.1
#: The learning rates of boosting tried in question 4.
BOOSTING_RATES = (0.05, 0.2, 0.5, 1.0)
#: The boosting model of question 4, but for its learning rate.
_BOOSTING = {"n_estimators": 50, "max_depth": 2, "random_state": 0}
#: The two runs of question 3: learning rates and number of steps.
_RATES_Q3, _STEPS_Q3 = (0.1, 1.0), 3000

_DIVERGED = ("{what} contains inf or nan: your descent diverged. With the gradient of the MEAN loss, the rate "
             "0.5 of the hint does not diverge on this data, so check the gradient before the rate: a term "
             "n times too large (the data term not divided by n, or a penalty w / C instead of w / (C n)) "
             "makes every step overshoot")


def _close(a: Any, b: Any) -> bool:
    return bool(np.allclose(a, b, rtol=1e-6, atol=1e-9))


@SET.question("q1")
def q1(grad_w: Any, grad_b: Any, X_train: Any, y_train: Any) -> None:
    X, y = arrays(X_train, y_train, dtype=float)
    n = len(y)
    expected_w = X.T @ (0.5 - y) / n
    expected_b = float(np.mean(0.5 - y))
    gw = vector(grad_w, X.shape[1], "grad_w")
    gb = number(grad_b, "grad_b")
    if _close(gw, -expected_w):
        raise Wrong("grad_w has the wrong sign: that is the direction of the update (-gradient), "
                    "not the gradient; use p - y")
    if _close(gw, n * expected_w):
        raise Wrong("grad_w is n times too large: the loss is the MEAN over rows, so divide the sum by n")
    if not _close(gw, expected_w):
        raise Wrong("grad_w is not the gradient of the mean log-loss at w = 0, b = 0 on X_train")
    if _close(gb, -expected_b):
        raise Wrong("grad_b has the wrong sign: use mean(p - y)")
    if _close(gb, n * expected_b):
        raise Wrong("grad_b is n times too large: the loss is the MEAN over rows, so take the mean of p - y")
    if not _close(gb, expected_b):
        raise Wrong("grad_b is not the derivative of the mean log-loss with respect to b at the start")


def _sklearn_fit(X: np.ndarray, y: np.ndarray, C_value: float) -> LogisticRegression:
    return LogisticRegression(C=C_value, tol=1e-10, max_iter=10_000).fit(X, y)


def _loss(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> float:
    z = X @ w + b
    return float(np.mean(np.logaddexp(0, z) - y * z) + w @ w / (2 * C * len(y)))


@SET.question("q2")
def q2(w_gd: Any, b_gd: Any, X_train: Any, y_train: Any) -> None:
    X, y = arrays(X_train, y_train, dtype=float)
    w = vector(w_gd, X.shape[1], "w_gd", if_not_finite=_DIVERGED.format(what="w_gd"))
    b = number(b_gd, "b_gd", if_not_finite=_DIVERGED.format(what="b_gd"))
    reference = _sklearn_fit(X, y, C)
    gap = max(np.max(np.abs(w - reference.coef_[0])), abs(b - reference.intercept_[0]))
    if gap <= 1e-3:
        return
    n = len(y)
    if np.max(np.abs(w - _sklearn_fit(X, y, C / n).coef_[0])) <= 1e-3:
        raise Wrong("your penalty is n times too strong: C multiplies the SUM of the losses, so on the "
                    "mean loss the penalty is ||w||^2 / (2 C n), whose gradient is w / (C n)")
    if np.max(np.abs(w - _sklearn_fit(X, y, 2 * C).coef_[0])) <= 1e-3:
        raise Wrong("your penalty is half as strong as it should be: the gradient of ||w||^2 / (2 C n) is "
                    "w / (C n), the 2 cancels")
    if np.max(np.abs(w)) > 10 * np.max(np.abs(reference.coef_[0])):
        raise Wrong("w_gd holds weights more than 10 times larger than those that minimize L: check the "
                    "gradient, term by term: the data term of the MEAN loss is X.T @ (p - y) / n (a sum "
                    "makes the steps overshoot), and the penalty term w / (C n) keeps the weights small")
    if np.linalg.norm(w) > 1.5 * np.linalg.norm(reference.coef_[0]):
        raise Wrong("w_gd is much larger (in norm) than the weights that minimize L, which the penalty keeps "
                    "small: check that your gradient includes the penalty term w / (C n)")
    loss, best = _loss(X, y, w, b), _loss(X, y, reference.coef_[0], reference.intercept_[0])
    if best < loss < best + 0.05:
        raise Wrong("your weights are on the way but not there yet: the loss is still above its minimum; "
                    "take more steps or a larger (stable) learning rate")
    raise Wrong("w_gd and b_gd are far from LogisticRegression(C=0.1)'s coef_ and intercept_ on X_train: "
                "check the loss, the gradient and the update w -= lr * grad")


def _descent(X: np.ndarray, y: np.ndarray, lr: float, steps: int) -> np.ndarray:
    """The weights of the gradient descent of question 2, from zero."""
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(X @ w + b)))
        w, b = w - lr * (X.T @ (p - y) / n + w / (C * n)), b - lr * np.mean(p - y)
    return w


@SET.question("q3")
def q3(effect: Any, w_slow: Any, w_fast: Any, gap: Any, X_train: Any, y_train: Any) -> None:
    X, y = arrays(X_train, y_train, dtype=float)
    diverged = "{} contains inf or nan: that run diverged; use your descent of question 2, which does not"
    slow_given = vector(w_slow, X.shape[1], "w_slow", if_not_finite=diverged.format("w_slow"))
    fast_given = vector(w_fast, X.shape[1], "w_fast", if_not_finite=diverged.format("w_fast"))
    g = number(gap, "gap")
    if np.array_equal(slow_given, fast_given):
        raise Wrong("w_slow and w_fast are identical: did you run gradient descent twice with the same "
                    "learning rate?")
    slow, fast = (_descent(X, y, lr, _STEPS_Q3) for lr in _RATES_Q3)
    tol = 0.1 * float(np.max(np.abs(slow - fast)))  # implementations differ in rounding, far less than this
    off = lambda given, run: float(np.max(np.abs(given - run))) > tol  # noqa: E731
    if not off(slow_given, fast) and not off(fast_given, slow):
        raise Wrong("w_slow and w_fast are swapped: w_slow is the run at learning rate 0.1, w_fast at 1.0")
    for given, run, name, rate in ((fast_given, fast, "w_fast", "1.0"), (slow_given, slow, "w_slow", "0.1")):
        if off(given, run):
            raise Wrong(f"{name} is not the weights of 3000 steps of your descent of question 2 from zero at "
                        f"learning rate {rate} on X_train: check the rate, the number of steps and the start")
    difference = slow_given - fast_given
    if not np.isclose(g, np.max(np.abs(difference)), rtol=1e-5, atol=0.0):
        if np.isclose(g, np.linalg.norm(difference), rtol=1e-5):
            raise Wrong("that is the length (norm) of the difference of the two weight vectors; gap is the "
                        "largest ABSOLUTE difference of one weight")
        if np.isclose(g, np.mean(np.abs(difference)), rtol=1e-5):
            raise Wrong("that is the mean absolute difference; gap is the LARGEST absolute difference")
        if np.isclose(g, np.max(difference), rtol=1e-5) or np.isclose(g, np.max(-difference), rtol=1e-5):
            raise Wrong("that is the largest signed difference; gap is the largest ABSOLUTE difference "
                        "(np.abs before np.max)")
        if g < 0:
            raise Wrong("gap is a largest absolute difference: it cannot be negative")
        raise Wrong("gap is not the largest absolute difference between your w_slow and w_fast")
    expect_choice(effect, ("same weights", "different weights"), "effect", "ex02.q3",
                  ["cc421f8fd3882bd58917a838f640f4888962f9d75785a39fdcf7fb736ff1fc9a"],
                  "effect does not agree with your own gap: compare the gap with the size of the weights, "
                  "np.max(np.abs(w_fast))")


def _boosting_losses(X_eval: np.ndarray, y_eval: np.ndarray,
                     models: dict[float, GradientBoostingClassifier]) -> dict[float, float]:
    return {lr: log_loss(y_eval, m.predict_proba(X_eval)) for lr, m in models.items()}


@SET.question("q4")
def q4(best_rate: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any, X_test: Any, y_test: Any) -> None:
    parts = splits(X_train, y_train, X_val, y_val, X_test, y_test, dtype=float)
    X, y = parts[:2]
    rate = number(best_rate, "best_rate")
    default = GradientBoostingClassifier().learning_rate
    if np.isclose(rate, default) and not any(np.isclose(default, r) for r in BOOSTING_RATES):
        raise Wrong(f"{rate:g} is GradientBoostingClassifier's default learning_rate, and it is not among the "
                    "rates to try: fit one model per rate of ex02.BOOSTING_RATES and compare them")
    rate = one_of(best_rate, BOOSTING_RATES, "best_rate", "the learning rates you tried: ex02.BOOSTING_RATES")
    models = {lr: GradientBoostingClassifier(learning_rate=lr, **_BOOSTING).fit(X, y) for lr in BOOSTING_RATES}
    expect_best_on_validation(rate, lambda X_eval, y_eval: _boosting_losses(X_eval, y_eval, models), parts, "rate",
                              "larger steps always fit the training rows better", lower_is_better=True,
                              worst="that rate has the HIGHEST validation log-loss: a loss is better when lower",
                              otherwise="best_rate is not the rate with the lowest validation log-loss")


score = SET.score
__all__ = ["SET", "C", "BOOSTING_RATES", "q1", "q2", "q3", "q4", "score"]
