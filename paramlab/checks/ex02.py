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

from ..grading.core import ExerciseSet, Wrong
from ..grading.answers import expect_hashed

SET = ExerciseSet("ex02", "How parameters are learned")

#: The regularization strength used throughout the set, as in LogisticRegression(C=0.1).
C = 0.1
#: The learning rates of boosting tried in question 4.
BOOSTING_RATES = (0.03, 0.1, 0.3, 1.0)


def _arrays(X: Any, y: Any, what: str = "X_train") -> tuple[np.ndarray, np.ndarray]:
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or len(X) != len(y):
        raise Wrong(f"pass {what} exactly as the notebook prepared it (one row per label)")
    return X, y


def _vector(value: Any, size: int, what: str) -> np.ndarray:
    try:
        v = np.asarray(value, dtype=float).ravel()
    except (TypeError, ValueError):
        raise Wrong(f"{what} should be an array of numbers") from None
    if v.size != size:
        raise Wrong(f"{what} should hold one number per feature ({size}), it holds {v.size}")
    if not np.all(np.isfinite(v)):
        raise Wrong(f"{what} contains inf or nan: the run diverged; use a smaller learning rate")
    return v


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool):
        raise Wrong(f"{what} should be a number")
    try:
        number = float(np.asarray(value, dtype=float).reshape(()))
    except (TypeError, ValueError):
        raise Wrong(f"{what} should be a single number") from None
    if not np.isfinite(number):
        raise Wrong(f"{what} is inf or nan: the run diverged; use a smaller learning rate")
    return number


@SET.question("q1", "the gradient at the start",
              hint="At w = 0 and b = 0 every predicted probability is sigmoid(0) = 0.5. The gradient of the "
                   "mean loss is X.T @ (p - y) / n for the weights and mean(p - y) for the intercept; the "
                   "penalty term w / (C n) is zero at w = 0.")
def q1(grad_w: Any, grad_b: Any, X_train: Any, y_train: Any) -> None:
    X, y = _arrays(X_train, y_train)
    n = len(y)
    expected_w = X.T @ (0.5 - y) / n
    expected_b = float(np.mean(0.5 - y))
    gw = _vector(grad_w, X.shape[1], "grad_w")
    gb = _number(grad_b, "grad_b")
    close = lambda a, b: np.allclose(a, b, rtol=1e-6, atol=1e-9)  # noqa: E731
    if close(gw, -expected_w):
        raise Wrong("grad_w has the wrong sign: that is the direction of the update (-gradient), "
                    "not the gradient; use p - y")
    if close(gw, n * expected_w):
        raise Wrong("grad_w is n times too large: the loss is the MEAN over rows, so divide the sum by n")
    if not close(gw, expected_w):
        raise Wrong("grad_w is not the gradient of the mean log-loss at w = 0, b = 0 on X_train")
    if close(gb, -expected_b):
        raise Wrong("grad_b has the wrong sign: use mean(p - y)")
    if not close(gb, expected_b):
        raise Wrong("grad_b is not the derivative of the mean log-loss with respect to b at the start")


def _sklearn_fit(X: np.ndarray, y: np.ndarray, C_value: float) -> LogisticRegression:
    return LogisticRegression(C=C_value, tol=1e-10, max_iter=10_000).fit(X, y)


@SET.question("q2", "gradient descent lands on scikit-learn's weights",
              hint="Minimize mean(log(1 + exp(z)) - y z) + ||w||^2 / (2 C n) with z = X w + b: the gradient "
                   "is X.T @ (p - y) / n + w / (C n) for w and mean(p - y) for b. Start at zero, use "
                   "learning rate 0.5 and a few thousand steps.")
def q2(w_gd: Any, b_gd: Any, X_train: Any, y_train: Any) -> None:
    X, y = _arrays(X_train, y_train)
    w = _vector(w_gd, X.shape[1], "w_gd")
    b = _number(b_gd, "b_gd")
    reference = _sklearn_fit(X, y, C)
    gap = max(np.max(np.abs(w - reference.coef_[0])), abs(b - reference.intercept_[0]))
    if gap <= 1e-3:
        return
    too_strong = _sklearn_fit(X, y, C / len(y))
    if np.max(np.abs(w - too_strong.coef_[0])) <= 1e-3:
        raise Wrong("your penalty is n times too strong: C multiplies the SUM of the losses, so on the "
                    "mean loss the penalty is ||w||^2 / (2 C n)")
    z = X @ w + b
    loss = np.mean(np.logaddexp(0, z) - y * z) + w @ w / (2 * C * len(y))
    zr = X @ reference.coef_[0] + reference.intercept_[0]
    best = np.mean(np.logaddexp(0, zr) - y * zr) + reference.coef_[0] @ reference.coef_[0] / (2 * C * len(y))
    if loss > best and loss - best < 0.05:
        raise Wrong("your weights are on the way but not there yet: the loss is still above its minimum; "
                    "take more steps or a larger (stable) learning rate")
    raise Wrong("w_gd and b_gd are far from LogisticRegression(C=0.1)'s coef_ and intercept_ on X_train: "
                "check the loss, the gradient and the update w -= lr * grad")


@SET.question("q3", "predict: does the learning rate change the destination?",
              hint="Both runs minimize the same convex loss from the same start. Compute "
                   "np.max(np.abs(w_a - w_b)) and compare it with the size of the weights themselves.")
def q3(effect: Any, gap: Any) -> None:
    if not isinstance(effect, str) or effect.strip().lower() not in {"same weights", "different weights"}:
        raise Wrong("effect should be 'same weights' or 'different weights'")
    g = _number(gap, "gap")
    if g < 0:
        raise Wrong("gap is a largest absolute difference: it cannot be negative")
    if g == 0:
        raise Wrong("gap is exactly 0: did you run gradient descent twice with the same learning rate?")
    if g > 1e-3:
        raise Wrong("gap is large: at least one of your runs has not converged (or diverged); use 3000 "
                    "steps, start both at zero and check your gradient")
    expect_hashed(effect, "ex02.q3",
                  ["cc421f8fd3882bd58917a838f640f4888962f9d75785a39fdcf7fb736ff1fc9a"],
                  "effect does not agree with your own gap: compare the gap with the size of the weights")


def _boosting_losses(X: np.ndarray, y: np.ndarray, X_eval: np.ndarray, y_eval: np.ndarray,
                     models: dict[float, GradientBoostingClassifier]) -> dict[float, float]:
    return {lr: log_loss(y_eval, m.predict_proba(X_eval)) for lr, m in models.items()}


@SET.question("q4", "choose boosting's learning rate on validation data",
              hint="For each learning rate in ex02.BOOSTING_RATES fit GradientBoostingClassifier("
                   "n_estimators=30, learning_rate=lr, max_depth=2, random_state=0) on the training part, "
                   "compute log_loss(y_val, model.predict_proba(X_val)), and keep the rate with the LOWEST "
                   "validation log-loss.")
def q4(best_rate: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any, X_test: Any, y_test: Any) -> None:
    X, y = _arrays(X_train, y_train)
    Xv, yv = _arrays(X_val, y_val, "X_val")
    Xt, yt = _arrays(X_test, y_test, "X_test")
    rate = _number(best_rate, "best_rate")
    matches = [r for r in BOOSTING_RATES if np.isclose(rate, r)]
    if not matches:
        raise Wrong("best_rate should be one of the learning rates you tried: ex02.BOOSTING_RATES")
    rate = matches[0]
    models = {lr: GradientBoostingClassifier(n_estimators=30, learning_rate=lr, max_depth=2,
                                             random_state=0).fit(X, y) for lr in BOOSTING_RATES}
    val = _boosting_losses(X, y, Xv, yv, models)
    if rate == min(val, key=val.get):
        return
    test = _boosting_losses(X, y, Xt, yt, models)
    if rate == min(test, key=test.get):
        raise Wrong("that rate is the best on the TEST part: choose on the validation part and keep the "
                    "test part for the final estimate")
    if max(val, key=val.get) == rate:
        raise Wrong("that rate has the HIGHEST validation log-loss: a loss is better when lower")
    raise Wrong("best_rate is not the rate with the lowest validation log-loss")


q1, q2, q3, q4 = (SET.questions[k] for k in ("q1", "q2", "q3", "q4"))
score = SET.score
__all__ = ["SET", "C", "BOOSTING_RATES", "q1", "q2", "q3", "q4", "score"]
