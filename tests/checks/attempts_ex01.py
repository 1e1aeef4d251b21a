"""Attempts at exercise set 01 (parameters vs hyperparameters)."""

from __future__ import annotations

import functools

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.tree import DecisionTreeClassifier

from paramlab.checks import ex01

from attempts import chosen_on_another_part, pick, right, split, wrong

DEPTHS = range(1, 9)


@functools.cache
def data() -> dict:
    d = dict(split("breast_cancer"))
    X, y = d["X_train"], d["y_train"]
    d["n_features"] = X.shape[1]
    d["shallow"] = DecisionTreeClassifier(max_depth=2, random_state=0).fit(X, y).tree_
    d["deep"] = DecisionTreeClassifier(max_depth=6, random_state=0).fit(X, y).tree_

    def best_on(X_eval, y_eval):
        scores = {k: DecisionTreeClassifier(max_depth=k, random_state=0).fit(X, y).score(X_eval, y_eval)
                  for k in DEPTHS}
        return max(scores, key=scores.get)

    d["on_val"], d["on_test"], d["on_train"] = best_on(d["X_val"], d["y_val"]), best_on(d["X_test"], d["y_test"]), \
        best_on(X, y)
    assert d["on_val"] != d["on_test"], "the split must tell a test-set choice apart"
    return d


def q1(n):
    return lambda d: {"n_learned": n(d), "X_train": d["X_train"]}


def q3(shallow, deep, effect):
    return lambda d: {"n_nodes_shallow": shallow(d), "n_nodes_deep": deep(d), "effect": effect,
                      **pick(d, "X_train", "y_train")}


def q4(depth):
    return lambda d: {"best_depth": depth(d), **pick(d, "X_train", "y_train", "X_val", "y_val", "X_test", "y_test")}


def q5(labels):
    return lambda d: {"labels": labels()}


#: The right labels of q5, written as the solution writes them.
LABELS = {"search.param_grid": "hyperparameter", "search.cv": "hyperparameter", "search.best_params_": "learned",
          "search.best_estimator_.max_depth": "hyperparameter", "search.best_estimator_.tree_": "learned",
          "final.max_depth": "hyperparameter", "final.tree_": "learned"}

RIGHT_NAMES = {n for n in ex01.CANDIDATES if n in LogisticRegression().get_params()}

ATTEMPTS = [
    right("q1", "counted as a numpy int", q1(lambda d: np.int64(d["n_features"] + 1))),
    right("q1", "counted as a float", q1(lambda d: float(d["n_features"] + 1))),
    wrong("q1", "forgot the bias", q1(lambda d: d["n_features"]), "not the learned bias in intercept_"),
    wrong("q1", "counted rows", q1(lambda d: len(d["X_train"])), "number of training rows"),
    wrong("q1", "counted two biases", q1(lambda d: d["n_features"] + 2), "every value in coef_ and intercept_"),
    wrong("q1", "wrote the count as text", q1(lambda d: str(d["n_features"] + 1)), "drop the quotes"),

    right("q2", "a list with spaces", lambda d: {"hyperparameter_names": [f" {n}" for n in sorted(RIGHT_NAMES)]}),
    wrong("q2", "added a learned attribute", lambda d: {"hyperparameter_names": RIGHT_NAMES | {"coef_"}},
          "learned, not set"),
    wrong("q2", "only C", lambda d: {"hyperparameter_names": {"C"}}, "get_params"),
    wrong("q2", "a name that is not a candidate", lambda d: {"hyperparameter_names": {"alpha"}}, "not a candidate"),
    wrong("q2", "one string", lambda d: {"hyperparameter_names": "C"}, "set of strings"),

    right("q3", "counts from the fitted trees, effect capitalised",
          q3(lambda d: d["shallow"].node_count, lambda d: d["deep"].node_count, "More nodes")),
    wrong("q3", "counted leaves", q3(lambda d: d["shallow"].n_leaves, lambda d: d["deep"].n_leaves, "more nodes"),
          "leaves only"),
    wrong("q3", "predicted fewer nodes",
          q3(lambda d: d["shallow"].node_count, lambda d: d["deep"].node_count, "fewer nodes"), "effect"),
    wrong("q3", "swapped the counts",
          q3(lambda d: d["deep"].node_count, lambda d: d["shallow"].node_count, "more nodes"), "n_nodes_shallow"),
    wrong("q3", "an effect that is not an option",
          q3(lambda d: d["shallow"].node_count, lambda d: d["deep"].node_count, "bigger"), "'more nodes'"),

    right("q4", "the validation winner as a numpy int", q4(lambda d: np.int64(d["on_val"]))),
    *chosen_on_another_part("q4", q4),
    wrong("q4", "a depth outside the range", q4(lambda d: 12), "1 to 8"),

    right("q5", "labels computed from the trailing underscore, capitalised",
          q5(lambda: {v: "Learned" if v.endswith("_") else "Hyperparameter" for v in ex01.SEARCH_VALUES})),
    right("q5", "the solution's labels with spaces around the keys",
          q5(lambda: {f" {k} ": v for k, v in LABELS.items()})),
    wrong("q5", "everything a hyperparameter", q5(lambda: dict.fromkeys(ex01.SEARCH_VALUES, "hyperparameter")),
          "every value the label 'hyperparameter'"),
    wrong("q5", "labelled by object: the search learns, the final model is set",
          q5(lambda: {v: "hyperparameter" if v.startswith("final.") else "learned" for v in ex01.SEARCH_VALUES}),
          "labelled whole objects"),
    wrong("q5", "the depth is learned wherever it appears",
          q5(lambda: {**LABELS, "search.best_estimator_.max_depth": "learned", "final.max_depth": "learned"}),
          "hold the same depth"),
    wrong("q5", "the refitted tree's depth counted as learned",
          q5(lambda: {**LABELS, "search.best_estimator_.max_depth": "learned"}), "some labels are not right yet"),
    wrong("q5", "every label swapped",
          q5(lambda: {k: "learned" if v == "hyperparameter" else "hyperparameter" for k, v in LABELS.items()}),
          "some labels are not right yet"),
    wrong("q5", "left one value out", q5(lambda: {k: v for k, v in LABELS.items() if k != "search.cv"}),
          "no label for ['search.cv']"),
    wrong("q5", "other words", q5(lambda: {**LABELS, "final.tree_": "fitted"}), "'learned' or 'hyperparameter'"),
    wrong("q5", "a list of labels", q5(lambda: list(LABELS.values())), "should be a dict"),
]
