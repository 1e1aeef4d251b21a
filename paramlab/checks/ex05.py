"""Exercise set 05: k-nearest neighbours.

Numeric answers are recomputed from the learner's own data inside each check;
discrete answers are compared as salted digests (see ``paramlab.grading.hashing``),
so the right choice is not readable here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from ..grading.core import ExerciseSet, Wrong
from ..grading.answers import expect_close, expect_hashed, whole_number as _as_int, expect_validation_choice

SET = ExerciseSet("ex05", "k-nearest neighbours")

#: Hyperparameters of KNeighborsClassifier offered in question 5.
CANDIDATES = ("n_neighbors", "weights", "metric", "p", "algorithm", "leaf_size", "n_jobs")

#: The values of n_neighbors searched in question 3.
K_VALUES = tuple(range(1, 41))


def _as_float(value: Any, what: str) -> float:
    if isinstance(value, (bool, str)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise Wrong(f"{what} should be a number between 0 and 1, got {type(value).__name__}")
    return float(value)


def _arrays(X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim != 2 or len(X) != len(y):
        raise Wrong("pass the data exactly as the notebook loaded it (one row of X per label in y)")
    return X, y


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9


@SET.question("q1", "count what k-NN stores",
              hint="A fitted KNeighborsClassifier keeps its training inputs in the private attribute "
                   "_fit_X: one value per row and per feature. Look at its .size (or at the shape of "
                   "the data you fitted on).")
def q1(n_stored: Any, n_stored_more: Any, X_train: Any, X_val: Any) -> None:
    X, Xv = np.asarray(X_train), np.asarray(X_val)
    if X.ndim != 2 or Xv.ndim != 2:
        raise Wrong("pass X_train and X_val exactly as the notebook loaded them (2-D arrays)")
    n_rows, n_features = X.shape
    n = _as_int(n_stored, "n_stored")
    if n == 0:
        raise Wrong("k-NN learns no weights, but fit is not empty-handed: count the training inputs it keeps")
    if n in (n_features, n_features + 1):
        raise Wrong("that is what a linear model learns (a weight per feature); k-NN keeps something much "
                    "larger")
    if n == n_rows:
        raise Wrong("that is the number of training rows; the model keeps every feature value of every row")
    if n == n_rows * (n_features + 1):
        raise Wrong("count only the stored inputs (_fit_X), not the labels the model keeps beside them")
    if n != n_rows * n_features:
        raise Wrong("n_stored should be the number of values in the training inputs the fitted model keeps")
    more = _as_int(n_stored_more, "n_stored_more")
    if more == n:
        raise Wrong("n_stored_more is unchanged: refit on training plus validation rows, and the stored set "
                    "grows with them")
    if more != (n_rows + len(Xv)) * n_features:
        raise Wrong("n_stored_more should count the inputs kept by a model fitted on training plus "
                    "validation rows together")


@SET.question("q2", "predict, then verify: training accuracy with distance weights",
              hint="With weights='distance', a training point queried against the model sits at distance "
                   "zero from itself. Fit KNeighborsClassifier(n_neighbors=25, weights='distance') on the "
                   "training part and score it on the same part.")
def q2(prediction: Any, train_acc: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any) -> None:
    X, y = _arrays(X_train, y_train)
    Xv, yv = _arrays(X_val, y_val)
    if not isinstance(prediction, str) or prediction.strip().lower() not in {"perfect", "below perfect"}:
        raise Wrong("prediction should be one of the strings 'perfect' or 'below perfect'")
    acc = _as_float(train_acc, "train_acc")
    model = KNeighborsClassifier(n_neighbors=25, weights="distance").fit(X, y)
    expected = model.score(X, y)
    if not _close(acc, expected):
        if _close(acc, model.score(Xv, yv)):
            raise Wrong("train_acc is the accuracy on the validation part; score the model on the training "
                        "part it was fitted on")
        if _close(acc, KNeighborsClassifier(n_neighbors=25).fit(X, y).score(X, y)):
            raise Wrong("train_acc was measured with uniform weights; the question asks for weights='distance'")
        expect_close(acc, expected, "train_acc")
    expect_hashed(prediction, "ex05.q2",
                  ["8f9ae60e5006129478031a6688b1a191ea502cac338e773539b7d5fed89ab25d"],
                  "prediction",
                  known_wrong={
                      "36fe595db75ea51d632aaec4e513db512bcb38b51eb77951a6d1d25759f263c5":
                          "prediction does not match what you measured: compare it with train_acc and think "
                          "about the distance from a training point to itself",
                  })


def _k_scores(X: np.ndarray, y: np.ndarray, X_eval: np.ndarray, y_eval: np.ndarray) -> dict[int, float]:
    return {k: KNeighborsClassifier(n_neighbors=k).fit(X, y).score(X_eval, y_eval) for k in K_VALUES}


def _first_best(scores: dict[int, float]) -> int:
    return max(scores, key=scores.get)  # dicts keep insertion order: the smallest k wins a tie


@SET.question("q3", "choose n_neighbors on validation data",
              hint="For each n_neighbors from 1 to 40, fit KNeighborsClassifier(n_neighbors=k) on the "
                   "training part of the moons and score it on the validation part; keep the k with the "
                   "highest validation accuracy (the smallest one if several tie).")
def q3(best_k: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any, X_test: Any, y_test: Any) -> None:
    X, y = _arrays(X_train, y_train)
    Xv, yv = _arrays(X_val, y_val)
    Xt, yt = _arrays(X_test, y_test)
    k = _as_int(best_k, "best_k")
    if k not in K_VALUES:
        raise Wrong("best_k should be one of the values you tried, 1 to 40")
    if expect_validation_choice(k, _first_best(_k_scores(X, y, Xv, yv)),
                                lambda: _first_best(_k_scores(X, y, Xt, yt)),
                                lambda: _first_best(_k_scores(X, y, X, y)),
                                "n_neighbors", "one neighbour is always perfect"):
        return
    raise Wrong("best_k is not the n_neighbors with the highest validation accuracy (smallest k on a tie)")


@SET.question("q4", "scaling decides what near means",
              hint="Score KNeighborsClassifier(n_neighbors=5) fitted on the raw training part, and "
                   "make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=5)) fitted on the same "
                   "part, both on the validation part. The dominant feature is the one whose values spread "
                   "the most (largest variance) on the raw training part.")
def q4(acc_raw: Any, acc_scaled: Any, dominant_feature: Any, X_train: Any, y_train: Any,
       X_val: Any, y_val: Any) -> None:
    X, y = _arrays(X_train, y_train)
    Xv, yv = _arrays(X_val, y_val)
    raw, scaled = _as_float(acc_raw, "acc_raw"), _as_float(acc_scaled, "acc_scaled")
    expected_raw = KNeighborsClassifier(n_neighbors=5).fit(X, y).score(Xv, yv)
    expected_scaled = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=5)).fit(X, y).score(Xv, yv)
    if _close(raw, expected_scaled) and _close(scaled, expected_raw):
        raise Wrong("acc_raw and acc_scaled are swapped")
    if not _close(raw, expected_raw):
        if _close(raw, KNeighborsClassifier(n_neighbors=5).fit(X, y).score(X, y)):
            raise Wrong("acc_raw is a training accuracy; score on the validation part")
        expect_close(raw, expected_raw, "acc_raw")
    if not _close(scaled, expected_scaled):
        scaler = StandardScaler().fit(np.vstack([X, Xv]))
        leaked = KNeighborsClassifier(n_neighbors=5).fit(scaler.transform(X), y).score(scaler.transform(Xv), yv)
        if _close(scaled, leaked):
            raise Wrong("acc_scaled comes from a scaler fitted on training and validation rows together; fit "
                        "the scaler on the training part only (a pipeline does that)")
        expect_close(scaled, expected_scaled, "acc_scaled")
    if not isinstance(dominant_feature, str):
        raise Wrong("dominant_feature should be a feature name (a string), e.g. 'alcohol'")
    expect_hashed(dominant_feature, "ex05.q4",
                  ["c7e25c661aac694cf0cf71b9eab36ef9a40babe6d8f6203375f072adaf328ff4"],
                  "dominant_feature is not the feature with the largest variance on the raw training part",
                  known_wrong={
                      "288cf9fcc84bd5c67e842ee88cbec9532a890f1e51de134614c2cc1d732b07c8":
                          "that feature has the second-largest spread; one feature's variance is hundreds of "
                          "times larger",
                  })


# Digests of predictable near misses (the sets themselves are not stored).
_Q5_NEAR_MISSES = {
    "f0d0e0fd9a94b7a10ec673dbee6dc08fc1178bb9ffb30bf7ca2465a0d28cd2fb":
        "algorithm only chooses how the neighbours are searched (tree or brute force), not which ones are found",
    "17fdd735af5cf4c170055431c3b55ee320319b4854088dfa1287a38b282a962e":
        "some of these only change how fast the neighbours are found; compare the predictions to tell them apart",
    "799be7ce22a22e71963ddeef9de041089b121c436ca1d05386c0a26335f94d66":
        "n_neighbors is not the only one: which points count as near, and how much each vote weighs, are set "
        "by hyperparameters too",
    "a33c31262e3da12fb523b5ff8e1cb362a49b22b7d4d440be62c666b5ef7f8835":
        "almost: the default metric is 'minkowski', and one more candidate sets which Minkowski distance it is",
}


@SET.question("q5", "which hyperparameters change the predictions",
              hint="Fit a default KNeighborsClassifier and, for each candidate, one with only that "
                   "hyperparameter changed (e.g. n_neighbors=15, weights='distance', metric='manhattan', "
                   "p=1, algorithm='brute', leaf_size=5, n_jobs=2); compare predict_proba on the validation "
                   "points.")
def q5(changes_predictions: Any) -> None:
    if not isinstance(changes_predictions, (set, frozenset, list, tuple)):
        raise Wrong("changes_predictions should be a set of names, e.g. {'name1', 'name2'}")
    names = {str(n).strip() for n in changes_predictions}
    unknown = names - set(CANDIDATES)
    if unknown:
        raise Wrong(f"choose only among ex05.CANDIDATES; not a candidate: {sorted(unknown)}")
    if not names:
        raise Wrong("changes_predictions is empty, yet n_neighbors alone changes what k-NN predicts")
    expect_hashed(names, "ex05.q5",
                  ["4bbb13c5e070ded7e9fdf6deb3a80034dfe7a5e2bb8958edd5ba55cc0f9c8ade"],
                  "changes_predictions is not right yet: change one candidate at a time and compare the "
                  "predicted probabilities",
                  known_wrong=_Q5_NEAR_MISSES)


q1, q2, q3, q4, q5 = (SET.questions[k] for k in ("q1", "q2", "q3", "q4", "q5"))
score = SET.score
__all__ = ["SET", "CANDIDATES", "K_VALUES", "q1", "q2", "q3", "q4", "q5", "score"]
