"""Attempts at exercise set 07 (random forests)."""

from __future__ import annotations

import functools

import numpy as np
import torch
from sklearn.ensemble import RandomForestClassifier

from paramlab.checks import ex07

from attempts import chosen_on_another_part, pick, right, split, wrong


@functools.cache
def data() -> dict:
    d = dict(split("breast_cancer"))
    X, y, Xv, yv = d["X_train"], d["y_train"], d["X_val"], d["y_val"]
    forest = RandomForestClassifier(n_estimators=50, random_state=0).fit(X, y)
    trees = forest.estimators_
    d["nodes"] = [est.tree_.node_count for est in trees]
    d["leaves"] = sum(est.tree_.n_leaves for est in trees)

    grower = RandomForestClassifier(n_estimators=25, oob_score=True, warm_start=True, random_state=0)
    d["oob"] = []
    for n in ex07.TREE_COUNTS:
        grower.set_params(n_estimators=n)
        grower.fit(X, y)
        d["oob"].append(grower.oob_score_)
    d["oob_separate"] = [RandomForestClassifier(n_estimators=n, oob_score=True, random_state=0).fit(X, y).oob_score_
                         for n in ex07.TREE_COUNTS]
    assert d["oob"][0] != d["oob"][-1], "a reversed list must differ from the right one"

    def best(X_eval, y_eval):
        scores = {m: RandomForestClassifier(n_estimators=50, max_features=m, random_state=0).fit(X, y)
                  .score(X_eval, y_eval) for m in ex07.FEATURE_COUNTS}
        return max(scores, key=scores.get)

    d["m_val"], d["m_test"], d["m_train"] = best(Xv, yv), best(d["X_test"], d["y_test"]), best(X, y)
    assert len({d["m_val"], d["m_test"], d["m_train"]}) == 3

    per_tree = [np.mean(est.predict(Xv) == yv) for est in trees]
    d["tree_val"], d["first_tree_val"], d["median_tree_val"] = np.mean(per_tree), per_tree[0], np.median(per_tree)
    d["tree_train"] = np.mean([np.mean(est.predict(X) == y) for est in trees])
    d["forest_val"], d["forest_train"] = forest.score(Xv, yv), forest.score(X, y)
    values = [d[k] for k in ("tree_val", "first_tree_val", "median_tree_val", "tree_train", "forest_val",
                             "forest_train")]
    assert len(set(values)) == len(values)
    return d


def q1(n):
    return lambda d: {"total_nodes": n(d), **pick(d, "X_train", "y_train")}


def q2(shape, scores):
    return lambda d: {"shape": shape, "oob_scores": scores(d), **pick(d, "X_train", "y_train")}


def q3(m):
    return lambda d: {"best_max_features": m(d), **pick(d, "X_train", "y_train", "X_val", "y_val", "X_test", "y_test")}


def q4(mean_tree, forest):
    return lambda d: {"mean_tree_acc": mean_tree(d), "forest_acc": forest(d),
                      **pick(d, "X_train", "y_train", "X_val", "y_val")}


def _oob(d):
    return d["oob"]


def _tree_val(d):
    return d["tree_val"]


def _forest_val(d):
    return d["forest_val"]


ATTEMPTS = [
    right("q1", "the sum as a numpy int", q1(lambda d: np.int64(sum(d["nodes"])))),
    right("q1", "the sum as a float", q1(lambda d: float(sum(d["nodes"])))),
    wrong("q1", "the first tree only", q1(lambda d: d["nodes"][0]), "first tree only"),
    wrong("q1", "leaves only", q1(lambda d: d["leaves"]), "leaves only"),
    wrong("q1", "split nodes only", q1(lambda d: sum(d["nodes"]) - d["leaves"]), "split nodes only"),
    wrong("q1", "the number of trees", q1(lambda d: 50), "number of trees"),
    wrong("q1", "the mean node count", q1(lambda d: np.mean(d["nodes"])), "whole number"),
    wrong("q1", "a made-up count", q1(lambda d: 1000), "sum of tree_.node_count"),

    right("q2", "the words capitalised, scores as an array", q2("Levels Off", lambda d: np.array(d["oob"]))),
    right("q2", "three separate forests instead of one grown", q2("levels off", lambda d: d["oob_separate"])),
    right("q2", "scores as a float32 tensor", q2("levels off", lambda d: torch.tensor(d["oob"], dtype=torch.float32))),
    wrong("q2", "predicted the forest overfits", q2("rises", _oob), "fall steadily"),
    wrong("q2", "predicted the error falls to zero", q2("falls to zero", _oob), "OOB score of 1.0"),
    wrong("q2", "error rates instead of scores", q2("levels off", lambda d: [1 - s for s in d["oob"]]), "error rates"),
    wrong("q2", "the scores in reverse order", q2("levels off", lambda d: d["oob"][::-1]), "reverse order"),
    wrong("q2", "training accuracies", q2("levels off", lambda d: [1.0, 1.0, 1.0]), "training accuracies"),
    wrong("q2", "one score only", q2("levels off", lambda d: d["oob"][-1]), "list of 3 numbers"),
    wrong("q2", "a score typed with 2 decimals", q2("levels off", lambda d: [round(s, 2) for s in d["oob"]]),
          "the OOB score at 25 trees"),
    wrong("q2", "a shape that is not an option", q2("flat", _oob), "'rises', 'levels off' or 'falls to zero'"),

    right("q3", "the validation winner as a numpy int", q3(lambda d: np.int64(d["m_val"]))),
    right("q3", "the validation winner as a float", q3(lambda d: float(d["m_val"]))),
    *chosen_on_another_part("q3", q3, "m_test", "m_train"),
    wrong("q3", "the default as a string", q3(lambda d: "sqrt"), "not a string"),
    wrong("q3", "a value not tried", q3(lambda d: 3), "values you tried"),

    right("q4", "numpy floats", q4(lambda d: np.float64(d["tree_val"]), lambda d: np.float64(d["forest_val"]))),
    right("q4", "float32 tensors", q4(lambda d: torch.tensor(d["tree_val"], dtype=torch.float32),
                                      lambda d: torch.tensor(d["forest_val"], dtype=torch.float32))),
    right("q4", "one-element arrays", q4(lambda d: np.array([d["tree_val"]]), lambda d: np.array([d["forest_val"]]))),
    wrong("q4", "trees scored on the training part", q4(lambda d: d["tree_train"], _forest_val),
          "mean_tree_acc was measured on the training part"),
    wrong("q4", "the forest's accuracy twice", q4(_forest_val, _forest_val), "single trees"),
    wrong("q4", "the first tree only", q4(lambda d: d["first_tree_val"], _forest_val), "first tree only"),
    wrong("q4", "the median tree", q4(lambda d: d["median_tree_val"], _forest_val), "median"),
    wrong("q4", "a made-up mean", q4(lambda d: 0.5, _forest_val),
          "mean_tree_acc is not the mean validation accuracy of the 50 trees"),
    wrong("q4", "forest scored on the training part", q4(_tree_val, lambda d: d["forest_train"]),
          "forest_acc was measured on the training part"),
    wrong("q4", "the trees' mean twice", q4(_tree_val, _tree_val), "forest_acc equals the mean accuracy"),
    wrong("q4", "a made-up forest accuracy", q4(_tree_val, lambda d: 0.99),
          "forest_acc is not the validation accuracy"),
]
