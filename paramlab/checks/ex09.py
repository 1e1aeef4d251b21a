"""Exercise set 09: support vector machines.

Numeric answers are recomputed from the learner's own data inside each check;
discrete answers are compared as salted digests (see ``paramlab.grading.hashing``),
so the right choice is not readable here.
"""

from __future__ import annotations

import math
import warnings
from typing import Any, Callable

import numpy as np
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

from ..grading.answers import (splits, arrays, choice, expect_hashed, expect_pair, expect_validation_choice, number, one_of,
                               tolerance, vector, whole_number)
from ..grading.core import ExerciseSet, Wrong

SET = ExerciseSet.declared(__file__)

#: The grid of question 3: C is the outer loop, gamma the inner one.
C_VALUES = (0.1, 1, 10, 100, 1000)
GAMMA_VALUES = (0.01, 0.1, 1, 10, 100)

#: Question 4's model.
Q4_C, Q4_GAMMA = 1.0, 0.5


def _linear_svm(X: np.ndarray, y: np.ndarray, C: float) -> Any:
    return make_pipeline(StandardScaler(), SVC(kernel="linear", C=C)).fit(X, y)[-1]


def _lazy(make: Callable[[], Any]) -> Callable[[], Any]:
    """``make()`` computed on the first call only (a refit that only some wrong answers need)."""
    cache: list[Any] = []

    def get() -> Any:
        if not cache:
            cache.append(make())
        return cache[0]

    return get


@SET.question("q1")
def q1(n_sv: Any, w: Any, X_train: Any, y_train: Any) -> None:
    X, y = arrays(X_train, y_train)
    svm = _linear_svm(X, y, 1.0)
    # Fitting on unscaled features is slow (about half a second here): only the answers that may come from it pay.
    unscaled = _lazy(lambda: SVC(kernel="linear", C=1.0).fit(X, y) if len(X) <= 1000 else None)
    if isinstance(n_sv, (list, tuple, np.ndarray)) and np.size(n_sv) > 1:
        raise Wrong("n_sv should be one whole number: the total number of support vectors, not one per class")
    n = whole_number(n_sv, "n_sv")
    if n != svm.support_vectors_.shape[0]:
        if n == len(X):
            raise Wrong("that is the number of training rows; only some of them become support vectors")
        if n in {int(k) for k in svm.n_support_}:
            raise Wrong("that is the number of support vectors of one class; count both classes")
        if unscaled() is not None and n == unscaled().support_vectors_.shape[0]:
            raise Wrong("that count comes from an SVC fitted on unscaled features; fit the pipeline with the "
                        "scaler and count the support vectors of its SVC step")
        if n == make_pipeline(StandardScaler(), SVC(C=1.0)).fit(X, y)[-1].support_vectors_.shape[0]:
            raise Wrong("that count comes from an SVC with the default kernel (RBF); the question's SVC is "
                        "linear: SVC(kernel='linear', C=1)")
        raise Wrong("n_sv is not the number of support vectors of the fitted SVC step")
    try:
        weights = vector(w, X.shape[1], "w")
    except Wrong:
        if np.size(w) == svm.dual_coef_.size and not isinstance(w, str):
            raise Wrong("w has one value per support vector: that is dual_coef_ itself; multiply it by "
                        "support_vectors_ to get one weight per feature") from None
        raise
    expected = svm.coef_.reshape(-1)
    if np.allclose(weights, expected, rtol=1e-6, atol=1e-8):
        return
    if np.allclose(weights, -expected, rtol=1e-6, atol=1e-8):
        raise Wrong("w has the right size but the opposite sign; use dual_coef_ as it is stored")
    if unscaled() is not None and np.allclose(weights, unscaled().coef_.reshape(-1), rtol=1e-4, atol=1e-6):
        raise Wrong("w comes from an SVC fitted on unscaled features; fit the pipeline with the scaler")
    raise Wrong("w is not dual_coef_ @ support_vectors_ of the SVC fitted (with C=1) on the scaled "
                "training part")


@SET.question("q2")
def q2(prediction: Any, n_sv_small_C: Any, n_sv_large_C: Any, X_train: Any, y_train: Any) -> None:
    X, y = arrays(X_train, y_train)
    prediction = choice(prediction, ("more", "fewer", "same"), "prediction")
    small = whole_number(n_sv_small_C, "n_sv_small_C")
    large = whole_number(n_sv_large_C, "n_sv_large_C")
    expected_small = _linear_svm(X, y, 0.01).support_vectors_.shape[0]
    expected_large = _linear_svm(X, y, 100.0).support_vectors_.shape[0]
    expect_pair((small, large), (expected_small, expected_large), ("n_sv_small_C", "n_sv_large_C"),
                tuple(f"the number of support vectors of the scaled linear SVC with C={C}" for C in ("0.01", "100")))
    expect_hashed(prediction, "ex09.q2",
                  ["2919e89df99ef346a19a5357e259fb0f9defc11e05cff1d3d3e1e297caa166b4"],
                  "prediction",
                  known_wrong={
                      "608cacdc4a45477a4630bd612c36447ffb84d761b1ae2471b3d0a98bb900c91a":
                          "prediction does not match your two counts: compare them, and think about what a "
                          "large C does to the width of the margin",
                      "3caa560998dace13d2f0f9e6ff8f3ab29c19e71a1c99034dc40c6cecc1afdb98":
                          "prediction does not match your two counts: C bounds every dual coefficient, so "
                          "it changes which points end up inside the margin",
                  })


def _grid_scores(X: np.ndarray, y: np.ndarray, X_eval: np.ndarray, y_eval: np.ndarray) -> dict[tuple, float]:
    return {(C, gamma): SVC(kernel="rbf", C=C, gamma=gamma).fit(X, y).score(X_eval, y_eval)
            for C in C_VALUES for gamma in GAMMA_VALUES}


def _first_best(scores: dict[tuple, float]) -> tuple:
    return max(scores, key=scores.get)  # insertion order: the first pair in loop order wins a tie


@SET.question("q3")
def q3(best_C: Any, best_gamma: Any, moons_X_train: Any, moons_y_train: Any, moons_X_val: Any, moons_y_val: Any,
       moons_X_test: Any, moons_y_test: Any) -> None:
    X, y, Xv, yv, Xt, yt = splits(moons_X_train, moons_y_train, moons_X_val, moons_y_val, moons_X_test,
                                  moons_y_test, prefix="moons_")
    pair = (one_of(best_C, C_VALUES, "best_C", "the values in ex09.C_VALUES"),
            one_of(best_gamma, GAMMA_VALUES, "best_gamma", "the values in ex09.GAMMA_VALUES"))
    if expect_validation_choice(pair, _first_best(_grid_scores(X, y, Xv, yv)),
                                lambda: _first_best(_grid_scores(X, y, Xt, yt)),
                                lambda: _first_best(_grid_scores(X, y, X, y)),
                                "pair", "the most flexible boundary always wins"):
        return
    raise Wrong("(best_C, best_gamma) is not the pair with the highest validation accuracy (the first one "
                "in loop order on a tie)")


def _probabilities(X: np.ndarray, y: np.ndarray, x: np.ndarray) -> np.ndarray | None:
    """predict_proba of the question's model at ``x`` (Platt scaling), or None where this scikit-learn lacks it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = SVC(kernel="rbf", C=Q4_C, gamma=Q4_GAMMA, probability=True, random_state=0).fit(X, y)
            return model.predict_proba(x[None, :])[0]
    except (TypeError, ValueError, AttributeError):
        return None


def _q4_mistakes(svm: SVC, X: np.ndarray, y: np.ndarray, Xv: np.ndarray) -> list[tuple[Callable[[], Any], str]]:
    """The values of the usual mistakes, each computed only when reached, with the message that names it."""
    x = Xv[0]
    sq = ((svm.support_vectors_ - x) ** 2).sum(axis=1)
    coef, bias = svm.dual_coef_[0], float(svm.intercept_[0])
    with_bias = lambda kernel, weights=coef: float(weights @ kernel) + bias  # noqa: E731
    labels = y[svm.support_] == svm.classes_[1]
    decision = lambda model, rows: model.decision_function(rows).reshape(-1)  # noqa: E731
    rows = [(X[:1], "the first TRAINING point")]
    if len(Xv) > 1:
        rows += [(Xv[1:2], "the second validation point, moons_X_val[1]"), (Xv[-1:], "the last validation point")]
    mistakes = [
        (lambda: float(coef @ np.exp(-Q4_GAMMA * sq)),
         "decision_by_hand is the kernel sum alone: the model's f(x) also adds its bias, intercept_[0]"),
        (lambda: float(coef @ np.exp(-Q4_GAMMA * sq)) - bias,
         "decision_by_hand subtracts intercept_[0]; in f(x) the bias is added to the kernel sum"),
        (lambda: -with_bias(np.exp(-Q4_GAMMA * sq)),
         "decision_by_hand has the sign of the other class: scikit-learn's decision value is positive for "
         "classes_[1], and dual_coef_ as stored already carries each label's sign"),
    ] + [
        (lambda r=r: float(decision(svm, r)[0]), f"that is the decision value of {where}; the question asks "
                                                  "for the first validation point, moons_X_val[0]")
        for r, where in rows
    ] + [
        (lambda: with_bias(np.exp(-sq)),
         "your kernel used gamma=1 (exp(-||sv - x||^2)); the model was given gamma=0.5"),
        (lambda: float(decision(SVC(kernel="rbf", C=Q4_C).fit(X, y), Xv[:1])[0]),
         "that is the decision value of an SVC with the default gamma ('scale'); the question's model was "
         "given gamma=0.5"),
        (lambda: with_bias(np.exp(-Q4_GAMMA * np.sqrt(sq))),
         "your kernel used the distance ||sv - x||; the RBF kernel uses the SQUARED distance"),
        (lambda: with_bias(np.exp(-Q4_GAMMA * sq), np.abs(coef)),
         "you dropped the signs of dual_coef_: it holds alpha_i * y_i, with y_i = -1 or +1"),
        (lambda: with_bias(np.exp(-Q4_GAMMA * sq), np.abs(coef) * labels),
         "you multiplied by the labels 0 and 1: in the SVM's formula y_i is -1 or +1, and dual_coef_ "
         "already holds alpha_i * y_i"),
        (lambda: float(decision(make_pipeline(StandardScaler(), SVC(kernel="rbf", C=Q4_C, gamma=Q4_GAMMA))
                                .fit(X, y), Xv[:1])[0]),
         "that is the decision value of a model fitted on standardized features; the question's model is "
         "fitted on the moons features as they are"),
    ]
    return mistakes


@SET.question("q4")
def q4(decision_by_hand: Any, moons_X_train: Any, moons_y_train: Any, moons_X_val: Any) -> None:
    X, y = arrays(moons_X_train, moons_y_train, "moons_X_train")
    try:
        Xv = np.asarray(moons_X_val, dtype=float)
    except (TypeError, ValueError):
        Xv = np.empty(0)
    if Xv.ndim != 2 or Xv.shape[1] != X.shape[1] or not len(Xv):
        raise Wrong("pass moons_X_val exactly as the notebook built it (a 2-D array)")
    value = number(decision_by_hand, "decision_by_hand")
    svm = SVC(kernel="rbf", C=Q4_C, gamma=Q4_GAMMA).fit(X, y)
    expected = float(svm.decision_function(Xv[:1])[0])
    rel = tolerance(decision_by_hand, 1e-6)

    def near(target: float) -> bool:
        return math.isclose(value, target, rel_tol=rel, abs_tol=1e-6)

    if near(expected):
        return
    for mistake, message in _q4_mistakes(svm, X, y, Xv):
        if near(mistake()):
            raise Wrong(message)
    if value in {float(c) for c in svm.classes_ if isinstance(c, (int, float, np.number))}:
        raise Wrong("decision_by_hand is a class label; the decision value is a signed score, and its sign "
                    "decides the class")
    if 0.0 <= value <= 1.0:
        probabilities = _probabilities(X, y, Xv[0])
        if probabilities is not None and np.min(np.abs(probabilities - value)) <= 0.05:
            raise Wrong("decision_by_hand is close to a probability that predict_proba gives here. If it is "
                        "one: the decision value is not a probability but the signed kernel sum plus the bias, "
                        "not bounded by 0 and 1. If not, check each part of the formula in the hint")
    raise Wrong("decision_by_hand is not f(x) of the fitted model at moons_X_val[0]: check each part of "
                "the formula in the hint against the fitted attributes")


score = SET.score
__all__ = ["SET", "C_VALUES", "GAMMA_VALUES", "q1", "q2", "q3", "q4", "score"]
