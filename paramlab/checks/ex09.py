"""Exercise set 09: support vector machines.

Numeric answers are recomputed from the learner's own data inside each check;
discrete answers are compared as salted digests (see ``paramlab.grading.hashing``),
so the right choice is not readable here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

from ..grading.core import ExerciseSet, Wrong
from ..grading.answers import expect_close, expect_hashed, expect_validation_choice

SET = ExerciseSet("ex09", "Support vector machines")

#: The grid of question 3: C is the outer loop, gamma the inner one.
C_VALUES = (0.1, 1, 10, 100, 1000)
GAMMA_VALUES = (0.01, 0.1, 1, 10, 100)


def _as_int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise Wrong(f"{what} should be one whole number (an int), got {type(value).__name__}")
    return int(value)


def _as_number(value: Any, what: str) -> float:
    array = np.asarray(value)
    if array.dtype.kind not in "iuf" or array.size != 1:
        raise Wrong(f"{what} should be one number, got {type(value).__name__}"
                    + (f" with {array.size} values" if array.size != 1 else ""))
    return float(array.reshape(-1)[0])


def _arrays(X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim != 2 or len(X) != len(y):
        raise Wrong("pass the data exactly as the notebook loaded it (one row of X per label in y)")
    return X, y


def _linear_svm(X: np.ndarray, y: np.ndarray, C: float) -> Any:
    return make_pipeline(StandardScaler(), SVC(kernel="linear", C=C)).fit(X, y)[-1]


@SET.question("q1", "what a linear SVM learns",
              hint="After fitting make_pipeline(StandardScaler(), SVC(kernel='linear', C=1)), the SVC step "
                   "holds support_vectors_ (one row per support vector) and dual_coef_ (one weight per "
                   "support vector); w is dual_coef_ @ support_vectors_.")
def q1(n_sv: Any, w: Any, X_train: Any, y_train: Any) -> None:
    X, y = _arrays(X_train, y_train)
    svm = _linear_svm(X, y, 1.0)
    if isinstance(n_sv, (list, tuple, np.ndarray)):
        raise Wrong("n_sv should be one whole number: the total number of support vectors, not one per class")
    n = _as_int(n_sv, "n_sv")
    if n == len(X):
        raise Wrong("that is the number of training rows; only some of them become support vectors")
    if n in set(int(k) for k in svm.n_support_) and n != svm.support_vectors_.shape[0]:
        raise Wrong("that is the number of support vectors of one class; count both classes")
    if n != svm.support_vectors_.shape[0]:
        raise Wrong("n_sv is not the number of support vectors of the fitted SVC step")
    weights = np.asarray(w, dtype=float).reshape(-1) if np.asarray(w).dtype.kind in "iuf" else None
    if weights is None:
        raise Wrong("w should be an array of numbers, one per feature")
    if weights.size == svm.dual_coef_.size:
        raise Wrong("w has one value per support vector: that is dual_coef_ itself; multiply it by "
                    "support_vectors_ to get one weight per feature")
    if weights.size != X.shape[1]:
        raise Wrong(f"w should hold one weight per feature ({X.shape[1]} values), got {weights.size}")
    expected = svm.coef_.reshape(-1)
    if np.allclose(weights, -expected, rtol=1e-6, atol=1e-8):
        raise Wrong("w has the right size but the opposite sign; use dual_coef_ as it is stored")
    if not np.allclose(weights, expected, rtol=1e-6, atol=1e-8):
        raw = SVC(kernel="linear", C=1.0).fit(X, y).coef_.reshape(-1) if len(X) <= 1000 else None
        if raw is not None and np.allclose(weights, raw, rtol=1e-4, atol=1e-6):
            raise Wrong("w comes from an SVC fitted on unscaled features; fit the pipeline with the scaler")
        raise Wrong("w is not dual_coef_ @ support_vectors_ of the SVC fitted (with C=1) on the scaled "
                    "training part")


@SET.question("q2", "predict, then verify: C and the support vectors",
              hint="Fit make_pipeline(StandardScaler(), SVC(kernel='linear', C=C)) for C=0.01 and C=100 on "
                   "the training part and compare support_vectors_.shape[0]. A large C makes margin "
                   "violations expensive.")
def q2(prediction: Any, n_sv_small_C: Any, n_sv_large_C: Any, X_train: Any, y_train: Any) -> None:
    X, y = _arrays(X_train, y_train)
    if not isinstance(prediction, str) or prediction.strip().lower() not in {"more", "fewer", "same"}:
        raise Wrong("prediction should be one of the strings 'more', 'fewer' or 'same'")
    small = _as_int(n_sv_small_C, "n_sv_small_C")
    large = _as_int(n_sv_large_C, "n_sv_large_C")
    expected_small = _linear_svm(X, y, 0.01).support_vectors_.shape[0]
    expected_large = _linear_svm(X, y, 100.0).support_vectors_.shape[0]
    if (small, large) == (expected_large, expected_small):
        raise Wrong("n_sv_small_C and n_sv_large_C are swapped")
    if small != expected_small:
        raise Wrong("n_sv_small_C is not the number of support vectors of the scaled linear SVC with C=0.01")
    if large != expected_large:
        raise Wrong("n_sv_large_C is not the number of support vectors of the scaled linear SVC with C=100")
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


@SET.question("q3", "choose C and gamma together on validation data",
              hint="Loop over C in ex09.C_VALUES (outer) and gamma in ex09.GAMMA_VALUES (inner); fit "
                   "SVC(kernel='rbf', C=C, gamma=gamma) on the training part, score it on the validation "
                   "part and keep the first pair with the highest accuracy.")
def q3(best_C: Any, best_gamma: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any,
       X_test: Any, y_test: Any) -> None:
    X, y = _arrays(X_train, y_train)
    Xv, yv = _arrays(X_val, y_val)
    Xt, yt = _arrays(X_test, y_test)
    C, gamma = _as_number(best_C, "best_C"), _as_number(best_gamma, "best_gamma")
    if C not in C_VALUES or gamma not in GAMMA_VALUES:
        raise Wrong("best_C and best_gamma should be values from ex09.C_VALUES and ex09.GAMMA_VALUES")
    pair = (C, gamma)
    if expect_validation_choice(pair, _first_best(_grid_scores(X, y, Xv, yv)),
                                lambda: _first_best(_grid_scores(X, y, Xt, yt)),
                                lambda: _first_best(_grid_scores(X, y, X, y)),
                                "pair", "the most flexible boundary always wins"):
        return
    raise Wrong("(best_C, best_gamma) is not the pair with the highest validation accuracy (the first one "
                "in loop order on a tie)")


@SET.question("q4", "an RBF decision value by hand",
              hint="f(x) = sum over support vectors of dual_coef_[0, i] * exp(-gamma * ||sv_i - x||^2), "
                   "plus intercept_[0]. Use gamma=0.5, the value the model was given.")
def q4(decision_by_hand: Any, X_train: Any, y_train: Any, X_val: Any) -> None:
    X, y = _arrays(X_train, y_train)
    Xv = np.asarray(X_val)
    if Xv.ndim != 2 or Xv.shape[1] != X.shape[1] or not len(Xv):
        raise Wrong("pass X_val exactly as the notebook loaded it (a 2-D array)")
    value = _as_number(decision_by_hand, "decision_by_hand")
    svm = SVC(kernel="rbf", C=1.0, gamma=0.5).fit(X, y)
    expected = float(svm.decision_function(Xv[:1])[0])
    if abs(value - expected) <= 1e-6 * max(1.0, abs(expected)):
        return
    if abs(value - (expected - svm.intercept_[0])) <= 1e-6 * max(1.0, abs(expected)):
        raise Wrong("decision_by_hand is missing the bias: add intercept_[0] to the kernel sum")
    if abs(value + expected) <= 1e-6 * max(1.0, abs(expected)):
        raise Wrong("decision_by_hand has the opposite sign; dual_coef_ already carries the sign of each label")
    expect_close(value, expected, "decision_by_hand", rel=1e-6, abs_=1e-6)


q1, q2, q3, q4 = (SET.questions[k] for k in ("q1", "q2", "q3", "q4"))
score = SET.score
__all__ = ["SET", "C_VALUES", "GAMMA_VALUES", "q1", "q2", "q3", "q4", "score"]
