"""Exercise set 05: k-nearest neighbours.

Numeric answers are recomputed from the learner's own data inside each check;
discrete answers are compared as salted digests (see ``paramlab.grading.hashing``),
so the right choice is not readable here.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from .. import datasets
from ..grading.core import ExerciseSet, Wrong
from ..grading.answers import (not_swapped, splits, arrays, choice, expect_hashed, expect_training_accuracy,
                               expect_validation_choice, is_close, names_among, number, whole_number)

SET = ExerciseSet.declared(__file__)

#: Hyperparameters of KNeighborsClassifier offered in question 5.
CANDIDATES = ("n_neighbors", "weights", "metric", "p", "algorithm", "leaf_size", "n_jobs")

#: The values of n_neighbors searched in question 3.
K_VALUES = tuple(range(1, 41))

#: The predictions offered in question 2.
PREDICTIONS = ("both perfect", "only distance perfect", "only uniform perfect", "neither perfect")


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)




def _accuracy(value: Any, what: str) -> float:
    """An accuracy: a number; a percentage or an error rate is named as such by the caller."""
    got = number(value, what)
    if got > 1:
        raise Wrong(f"{what} = {got:g} is not a fraction: an accuracy lies between 0 and 1 (no percentages)")
    return got


@SET.question("q1")
def q1(n_stored: Any, n_stored_more: Any, X_train: Any, X_val: Any) -> None:
    X, Xv = np.asarray(X_train), np.asarray(X_val)
    if X.ndim != 2 or Xv.ndim != 2:
        raise Wrong("pass X_train and X_val exactly as the notebook loaded them (2-D arrays)")
    n_rows, n_features = X.shape
    n = whole_number(n_stored, "n_stored")
    if n == 0:
        raise Wrong("k-NN learns no weights, but fit is not empty-handed: count the training inputs it keeps")
    if n in (n_features, n_features + 1):
        raise Wrong("that is what a linear model learns (a weight per feature); k-NN keeps something much "
                    "larger")
    if n == n_rows:
        raise Wrong("that is the number of training rows; the model keeps every feature value of every row")
    if n == n_rows * (n_features + 1):
        raise Wrong("count only the stored inputs (n_samples_fit_ x n_features_in_), not the labels the model keeps beside them")
    if n != n_rows * n_features:
        raise Wrong("n_stored should be the number of values in the training inputs the fitted model keeps")
    more = whole_number(n_stored_more, "n_stored_more")
    if more == n:
        raise Wrong("n_stored_more is unchanged: refit on training plus validation rows, and the stored set "
                    "grows with them")
    if more != (n_rows + len(Xv)) * n_features:
        raise Wrong("n_stored_more should count the inputs kept by a model fitted on training plus "
                    "validation rows together")


def _knn_training_accuracy(value: Any, what: str, weights: str, X: np.ndarray, y: np.ndarray,
                           Xv: np.ndarray, yv: np.ndarray) -> None:
    """Wrong unless ``value`` is the training accuracy of n_neighbors=25 with these weights."""
    other = "uniform" if weights == "distance" else "distance"
    model = KNeighborsClassifier(n_neighbors=25, weights=weights).fit(X, y)
    expect_training_accuracy(value, what, model.score(X, y), lambda: model.score(Xv, yv), [
        (lambda: KNeighborsClassifier(n_neighbors=25, weights=other).fit(X, y).score(X, y),
         f"{what} matches the model with weights='{other}'; this one asks for weights='{weights}'"),
        (lambda: KNeighborsClassifier(weights=weights).fit(X, y).score(X, y),
         f"{what} was measured with the default n_neighbors=5; the question uses n_neighbors=25")],
        f"{what} is not the training accuracy of KNeighborsClassifier(n_neighbors=25, weights='{weights}') "
        "fitted on X_train")


@SET.question("q2")
def q2(prediction: Any, train_acc_uniform: Any, train_acc_distance: Any, X_train: Any, y_train: Any,
       X_val: Any, y_val: Any) -> None:
    X, y, Xv, yv = splits(X_train, y_train, X_val, y_val)
    prediction = choice(prediction, PREDICTIONS, "prediction")
    _knn_training_accuracy(train_acc_uniform, "train_acc_uniform", "uniform", X, y, Xv, yv)
    _knn_training_accuracy(train_acc_distance, "train_acc_distance", "distance", X, y, Xv, yv)
    expect_hashed(prediction, "ex05.q2",
                  ["6fc6897fa5107a09c89b96abe1f71cfd09b2d72ac2b0dafbbcd5091293bb59cf"],
                  "prediction does not agree with the two training accuracies you measured: which of them, "
                  "if any, is exactly 1.0? Then think about the distance from a training point to itself")


def _k_scores(X: np.ndarray, y: np.ndarray, X_eval: np.ndarray, y_eval: np.ndarray) -> dict[int, float]:
    return {k: KNeighborsClassifier(n_neighbors=k).fit(X, y).score(X_eval, y_eval) for k in K_VALUES}


def _first_best(scores: dict[int, float]) -> int:
    return max(scores, key=scores.get)  # dicts keep insertion order: the smallest k wins a tie


@SET.question("q3")
def q3(best_k: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any, X_test: Any, y_test: Any) -> None:
    X, y, Xv, yv = splits(X_train, y_train, X_val, y_val)
    Xt, yt = arrays(X_test, y_test, "X_test")
    k = whole_number(best_k, "best_k")
    if k not in K_VALUES:
        raise Wrong("best_k should be one of the values you tried, 1 to 40")
    val = _k_scores(X, y, Xv, yv)
    best = _first_best(val)
    if k != best and _close(val[k], val[best]):
        raise Wrong("several values of n_neighbors tie for the best validation accuracy: keep the smallest "
                    "of them")
    if expect_validation_choice(k, best,
                                lambda: _first_best(_k_scores(X, y, Xt, yt)),
                                lambda: _first_best(_k_scores(X, y, X, y)),
                                "n_neighbors", "one neighbour is always perfect"):
        return
    if k + 1 == best:
        raise Wrong("best_k looks like a position in your list of scores (np.argmax counts from 0), not the "
                    "n_neighbors at that position (k counts from 1)")
    raise Wrong("best_k is not the n_neighbors with the highest validation accuracy (smallest k on a tie)")


@functools.cache
def _wine_features() -> tuple[str, ...]:
    return datasets.load("wine").feature_names


@SET.question("q4")
def q4(acc_raw: Any, acc_scaled: Any, dominant_feature: Any, X_train: Any, y_train: Any,
       X_val: Any, y_val: Any) -> None:
    X, y, Xv, yv = splits(X_train, y_train, X_val, y_val)
    raw, scaled = _accuracy(acc_raw, "acc_raw"), _accuracy(acc_scaled, "acc_scaled")
    raw_model = KNeighborsClassifier(n_neighbors=5).fit(X, y)
    expected_raw = raw_model.score(Xv, yv)
    pipeline = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=5)).fit(X, y)
    expected_scaled = pipeline.score(Xv, yv)
    not_swapped((acc_raw, acc_scaled), (expected_raw, expected_scaled), "acc_raw and acc_scaled are swapped")
    if not is_close(acc_raw, expected_raw):
        if is_close(acc_raw, raw_model.score(X, y)):
            raise Wrong("acc_raw is a training accuracy; score on the validation part")
        raise Wrong("acc_raw is not the validation accuracy of KNeighborsClassifier(n_neighbors=5) fitted on the "
                    f"raw training part; acc_raw = {raw:g} does not match")
    if not is_close(acc_scaled, expected_scaled):
        if is_close(acc_scaled, expected_raw):
            raise Wrong("acc_scaled equals acc_raw: the scaled model's score should come from the pipeline "
                        "(StandardScaler, then KNeighborsClassifier), fitted on the raw training part")
        if is_close(acc_scaled, pipeline.score(X, y)):
            raise Wrong("acc_scaled is a training accuracy; score the pipeline on the validation part")
        seen_validation = StandardScaler().fit(np.vstack([X, Xv]))
        leaked = KNeighborsClassifier(n_neighbors=5).fit(seen_validation.transform(X), y).score(
            seen_validation.transform(Xv), yv)
        if is_close(acc_scaled, leaked):
            raise Wrong("acc_scaled comes from a scaler that saw the validation rows (fitted on training and "
                        "validation rows together, or on the whole data before splitting): the score then "
                        "uses information it should not have. Fit the scaler on the training part only "
                        "(a pipeline does that)")
        own_scaler = KNeighborsClassifier(n_neighbors=5).fit(StandardScaler().fit_transform(X), y).score(
            StandardScaler().fit_transform(Xv), yv)
        if is_close(acc_scaled, own_scaler):
            raise Wrong("acc_scaled comes from a second scaler fitted on the validation part: the validation "
                        "rows must be transformed with the scaler fitted on the training part (a pipeline "
                        "does that)")
        raise Wrong("acc_scaled is not the validation accuracy of make_pipeline(StandardScaler(), "
                    f"KNeighborsClassifier(n_neighbors=5)) fitted on the raw training part; acc_scaled = "
                    f"{scaled:g} does not match")
    if isinstance(dominant_feature, (int, np.integer)) and not isinstance(dominant_feature, bool):
        raise Wrong("dominant_feature should be the feature's name (wine.feature_names[i]), not its column "
                    "index")
    feature = choice(dominant_feature, _wine_features(), "dominant_feature")
    expect_hashed(feature, "ex05.q4",
                  ["c7e25c661aac694cf0cf71b9eab36ef9a40babe6d8f6203375f072adaf328ff4"],
                  "dominant_feature is not the feature with the largest variance on the raw training part",
                  known_wrong={
                      "288cf9fcc84bd5c67e842ee88cbec9532a890f1e51de134614c2cc1d732b07c8":
                          "that feature has the second-largest variance on the raw training part: print "
                          "X_train.var(axis=0) beside wine.feature_names and compare the two largest",
                      "4f3d72523540504fcec24bbecfd910ec288aeb40edc887471fbf05d1fb8654d4":
                          "that feature spreads little on the raw training part; if you took the variances "
                          "after scaling, they are all 1 and argmax returns the first column: use the raw "
                          "training part",
                      "eed68796efc421a040fff022225c934d1af55a6d2f34b882b880febf403adbce":
                          "that feature has the smallest variance on the raw training part (argmin?); the "
                          "question asks for the largest",
                  })


# One digest per candidate that changes the predictions (salted per question; the set itself is not stored).
_CHANGES = frozenset({
    "fd71edbd304811f354c6e9d007cb6a1ab142039c6a630c32e6be3fe12660fec7",
    "ebc94c15cd7964ad454d903e6e949e9ac74f0373686b088777b735003bfafe35",
    "4612413309e9bc78a21cae763536d19b7fe644d6ccbe74bf9a0a79a5a105d9d3",
    "8cea7ed23cf30029c5cef89b8d1526ae3878813578143e0fd28ed7231857692f",
})


def _changes(name: str) -> bool:
    try:
        expect_hashed(name, "ex05.q5.changes", _CHANGES, "changes_predictions", exact_case=True)
    except Wrong:
        return False
    return True


@SET.question("q5")
def q5(changes_predictions: Any) -> None:
    given = names_among(changes_predictions, "changes_predictions", CANDIDATES, "ex05.CANDIDATES")
    if not given:
        raise Wrong("changes_predictions is empty: change the candidates one at a time and compare "
                    "predict_proba with the default model's")
    extra = any(not _changes(n) for n in given)
    missing = any(_changes(n) and n not in given for n in CANDIDATES)
    if not extra and not missing:
        return
    wrong_in = ("your set holds at least one candidate that changes only how (or how fast) the neighbours "
                "are searched, not which ones are found or how they vote")
    left_out = ("a candidate you left out does change the predicted probabilities; if a change seemed to do "
                "nothing, check that the value you tried behaves differently from the default (a value can "
                "spell the default behaviour another way)")
    if extra and missing:
        raise Wrong(f"{wrong_in}, and {left_out}")
    if extra:
        raise Wrong(f"{wrong_in}: change each one alone and compare predict_proba with np.allclose")
    raise Wrong(left_out)


score = SET.score
__all__ = ["SET", "CANDIDATES", "K_VALUES", "PREDICTIONS", "q1", "q2", "q3", "q4", "q5", "score"]
