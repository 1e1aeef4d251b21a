"""Attempts at exercise set 02 (how parameters are learned)."""

from __future__ import annotations

import functools

import numpy as np
import torch
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from paramlab.checks import ex02

from attempts import chosen_on_another_part, pick, right, split, wrong


def descent(X, y, lr, steps, penalty=1.0, data_scale=1.0, sequential=False):
    """The learner's gradient descent; ``penalty`` and ``data_scale`` multiply the two gradient terms."""
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            p = 1 / (1 + np.exp(-(X @ w + b)))
            w = w - lr * (data_scale * X.T @ (p - y) / n + penalty * w / (ex02.C * n))
            if sequential:  # the intercept's step from the updated weights
                p = 1 / (1 + np.exp(-(X @ w + b)))
            b = b - lr * np.mean(p - y)
    return w, b


def best_rates(d, X_eval, y_eval):
    losses = {rate: log_loss(y_eval, model.predict_proba(X_eval)) for rate, model in d["boosters"].items()}
    return min(losses, key=losses.get), max(losses, key=losses.get)


@functools.cache
def data() -> dict:
    d = dict(split("breast_cancer", scaled=True))
    X, y = d["X_train"], d["y_train"]
    n = len(y)
    d["grad_w"], d["grad_b"] = X.T @ (0.5 - y) / n, float(np.mean(0.5 - y))
    d["gd"] = descent(X, y, 0.5, 3000)
    d["slow"], d["fast"] = descent(X, y, 0.1, 3000)[0], descent(X, y, 1.0, 3000)[0]
    d["boosters"] = {rate: GradientBoostingClassifier(n_estimators=50, learning_rate=rate, max_depth=2,
                                                      random_state=0).fit(X, y) for rate in ex02.BOOSTING_RATES}
    d["on_val"], _ = best_rates(d, d["X_val"], d["y_val"])
    d["on_test"], _ = best_rates(d, d["X_test"], d["y_test"])
    d["on_train"], _ = best_rates(d, X, y)
    assert len({d["on_val"], d["on_test"], d["on_train"]}) == 3, "each choice must be told apart"
    return d


def q1(grad_w, grad_b):
    return lambda d: {"grad_w": grad_w(d), "grad_b": grad_b(d), **pick(d, "X_train", "y_train")}


def q2(run):
    def answers(d):
        w, b = run(d)
        return {"w_gd": w, "b_gd": b, **pick(d, "X_train", "y_train")}
    return answers


def q3(slow, fast, gap, effect="same weights"):
    def answers(d):
        w_slow, w_fast = slow(d), fast(d)
        return {"w_slow": w_slow, "w_fast": w_fast, "gap": gap(w_slow, w_fast), "effect": effect,
                **pick(d, "X_train", "y_train")}
    return answers


SLOW, FAST = (lambda d: d["slow"]), (lambda d: d["fast"])


def GAP(w_slow, w_fast):
    return np.max(np.abs(w_slow - w_fast))


@functools.cache
def OTHER():
    """The two runs of q3 on another split (seed 1)."""
    other = split("breast_cancer", scaled=True, seed=1)
    return tuple(descent(other["X_train"], other["y_train"], lr, 3000)[0] for lr in (0.1, 1.0))


def q4(rate):
    return lambda d: {"best_rate": rate(d), **pick(d, "X_train", "y_train", "X_val", "y_val", "X_test", "y_test")}


def sklearn_weights(d, C):
    model = LogisticRegression(C=C, tol=1e-10, max_iter=10_000).fit(d["X_train"], d["y_train"])
    return model.coef_[0], model.intercept_[0]


ATTEMPTS = [
    right("q1", "a list and a numpy scalar", q1(lambda d: list(d["grad_w"]), lambda d: np.float64(d["grad_b"]))),
    right("q1", "torch tensors", q1(lambda d: torch.tensor(d["grad_w"]), lambda d: torch.tensor(d["grad_b"]))),
    wrong("q1", "used y - p", q1(lambda d: -d["grad_w"], lambda d: -d["grad_b"]), "grad_w has the wrong sign"),
    wrong("q1", "summed instead of averaging", q1(lambda d: len(d["y_train"]) * d["grad_w"], lambda d: d["grad_b"]),
          "n times too large"),
    wrong("q1", "only the first five weights", q1(lambda d: d["grad_w"][:5], lambda d: d["grad_b"]),
          "should hold 30 numbers"),
    wrong("q1", "the intercept's sign flipped", q1(lambda d: d["grad_w"], lambda d: -d["grad_b"]),
          "grad_b has the wrong sign"),
    wrong("q1", "the intercept summed", q1(lambda d: d["grad_w"], lambda d: len(d["y_train"]) * d["grad_b"]),
          "grad_b is n times too large"),
    wrong("q1", "the gradient as text", q1(lambda d: d["grad_w"], lambda d: str(d["grad_b"])), "drop the quotes"),

    right("q2", "converged descent as a list and a one-element array",
          q2(lambda d: (list(d["gd"][0]), np.array([d["gd"][1]])))),
    right("q2", "scikit-learn's own weights", q2(lambda d: sklearn_weights(d, ex02.C))),
    wrong("q2", "a penalty n times too strong, at a small rate",
          q2(lambda d: descent(d["X_train"], d["y_train"], 0.1, 3000, penalty=len(d["y_train"]))),
          "n times too strong"),
    wrong("q2", "the penalty w / C at the hint's rate: diverged",
          q2(lambda d: descent(d["X_train"], d["y_train"], 0.5, 3000, penalty=len(d["y_train"]))),
          "a penalty w / C instead of w / (C n)"),
    wrong("q2", "the data term not divided by n, 300 steps: huge weights",
          q2(lambda d: descent(d["X_train"], d["y_train"], 0.5, 300, data_scale=len(d["y_train"]))),
          "more than 10 times larger"),
    wrong("q2", "left the penalty out", q2(lambda d: descent(d["X_train"], d["y_train"], 0.5, 3000, penalty=0)),
          "includes the penalty term"),
    wrong("q2", "kept the 2 of the penalty: half as strong",
          q2(lambda d: descent(d["X_train"], d["y_train"], 0.5, 3000, penalty=0.5)), "half as strong"),
    wrong("q2", "stopped after 20 steps", q2(lambda d: descent(d["X_train"], d["y_train"], 0.5, 20)),
          "not there yet"),
    wrong("q2", "the weights of the starting point", q2(lambda d: (np.zeros(30), 0.0)), "far from"),
    wrong("q2", "nan weights", q2(lambda d: (np.full(30, np.nan), 0.0)), "diverged"),

    right("q3", "float32 tensors, 'Same Weights'",
          q3(lambda d: torch.tensor(d["slow"], dtype=torch.float32),
             lambda d: torch.tensor(d["fast"], dtype=torch.float32),
             lambda s, f: torch.max(torch.abs(s - f)), "Same Weights")),
    right("q3", "the intercept updated after the weights (rounding differs), gap from w_fast - w_slow",
          q3(lambda d: descent(d["X_train"], d["y_train"], 0.1, 3000, sequential=True)[0],
             lambda d: descent(d["X_train"], d["y_train"], 1.0, 3000, sequential=True)[0],
             lambda s, f: float(np.abs(f - s).max()))),
    wrong("q3", "right runs and gap, other conclusion", q3(SLOW, FAST, GAP, "different weights"),
          "does not agree with your own gap"),
    wrong("q3", "only 300 steps", q3(lambda d: descent(d["X_train"], d["y_train"], 0.1, 300)[0],
                                     lambda d: descent(d["X_train"], d["y_train"], 1.0, 300)[0], GAP,
                                     "different weights"), "3000 steps"),
    wrong("q3", "the slow run at rate 0.01", q3(lambda d: descent(d["X_train"], d["y_train"], 0.01, 3000)[0], FAST,
                                                GAP, "different weights"), "w_slow is not the weights"),
    wrong("q3", "the runs swapped", q3(FAST, SLOW, GAP), "swapped"),
    wrong("q3", "the same rate twice", q3(FAST, FAST, GAP), "identical"),
    wrong("q3", "the runs of another split", q3(lambda d: OTHER()[0], lambda d: OTHER()[1], GAP),
          "w_fast is not the weights"),
    wrong("q3", "the norm of the difference", q3(SLOW, FAST, lambda s, f: np.linalg.norm(s - f)), "norm"),
    wrong("q3", "the mean absolute difference", q3(SLOW, FAST, lambda s, f: np.mean(np.abs(s - f))),
          "mean absolute difference"),
    wrong("q3", "no abs", q3(SLOW, FAST, lambda s, f: np.max(s - f)), "largest signed difference"),
    wrong("q3", "a made-up gap", q3(SLOW, FAST, lambda s, f: 1e-9), "is not the largest absolute difference"),
    wrong("q3", "a conclusion that is not an option", q3(SLOW, FAST, GAP, "same"),
          "'same weights' or 'different weights'"),
    wrong("q3", "the gap as text", q3(SLOW, FAST, lambda s, f: "2e-5"), "drop the quotes"),

    right("q4", "the validation winner as a numpy float32", q4(lambda d: np.float32(d["on_val"]))),
    *chosen_on_another_part("q4", q4),
    wrong("q4", "kept boosting's default rate", q4(lambda d: 0.1), "default learning_rate"),
    wrong("q4", "a rate that was not tried", q4(lambda d: 0.3), "ex02.BOOSTING_RATES"),
    wrong("q4", "the winner as text", q4(lambda d: str(d["on_val"])), "drop the quotes"),
]
