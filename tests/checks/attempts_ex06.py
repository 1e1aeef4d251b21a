"""Attempts at exercise set 06 (decision trees)."""

from __future__ import annotations

import functools

import numpy as np
import torch
from sklearn.tree import DecisionTreeClassifier

from attempts import chosen_on_another_part, pick, right, split, wrong


def gini(labels):
    p = np.bincount(labels, minlength=2) / len(labels)
    return 1.0 - np.sum(p ** 2)


def entropy(labels):
    p = np.bincount(labels, minlength=2) / len(labels)
    p = p[p > 0]
    return -np.sum(p * np.log2(p))


def decrease(y, left, impurity):
    return impurity(y) - left.mean() * impurity(y[left]) - (~left).mean() * impurity(y[~left])


@functools.cache
def data() -> dict:
    d = dict(split("breast_cancer"))
    X, y, Xv, yv = d["X_train"], d["y_train"], d["X_val"], d["y_val"]
    tree = DecisionTreeClassifier(random_state=0).fit(X, y)
    t = tree.tree_
    d["feature"], d["threshold"] = int(t.feature[0]), float(t.threshold[0])
    inner = t.children_left[0] if t.children_left[t.children_left[0]] != -1 else t.children_right[0]
    d["child"] = (int(t.feature[inner]), float(t.threshold[inner]))
    e = DecisionTreeClassifier(criterion="entropy", random_state=0).fit(X, y)
    d["entropy_root"] = (int(e.tree_.feature[0]), float(e.tree_.threshold[0]))
    assert d["entropy_root"][0] not in (d["feature"], d["feature"] + 1, d["child"][0])

    left = X[:, d["feature"]] <= d["threshold"]
    d["left"] = left
    d["decrease"] = decrease(y, left, gini)
    rounded = X[:, d["feature"]] <= round(d["threshold"], 2)
    assert np.any(rounded != left), "rounding the threshold to 2 decimals must move a row"
    d["decrease_rounded"] = decrease(y, rounded, gini)

    d["acc"] = {c: DecisionTreeClassifier(criterion=c, random_state=0).fit(X, y) for c in ("gini", "entropy")}
    d["train"] = {c: m.score(X, y) for c, m in d["acc"].items()}
    d["val"] = {c: m.score(Xv, yv) for c, m in d["acc"].items()}
    d["depth1_train"] = DecisionTreeClassifier(max_depth=1, random_state=0).fit(X, y).score(X, y)
    assert d["train"] == {"gini": 1.0, "entropy": 1.0} and d["val"]["gini"] != d["val"]["entropy"]

    alphas = DecisionTreeClassifier(random_state=0).cost_complexity_pruning_path(X, y).ccp_alphas
    d["alphas"] = alphas

    def best(X_eval, y_eval):
        scores = np.array([DecisionTreeClassifier(ccp_alpha=a, random_state=0).fit(X, y).score(X_eval, y_eval)
                           for a in alphas[:-1]])
        return alphas[:-1][scores == scores.max()], scores

    d["val_best"], d["val_scores"] = best(Xv, yv)
    d["test_best"], _ = best(d["X_test"], d["y_test"])
    d["train_best"], _ = best(X, y)
    d["on_val"] = float(d["val_best"].max())
    d["on_test"] = float(d["test_best"].max())
    d["on_train"] = float(d["train_best"].max())
    assert len({d["on_val"], d["on_test"], d["on_train"]}) == 3
    d["on_val_index"] = int(np.flatnonzero(alphas == d["on_val"])[0])
    assert d["on_val_index"] >= 1 and round(d["on_val"], 4) not in set(alphas)

    capped = DecisionTreeClassifier(max_leaf_nodes=8, random_state=0).fit(X, y)
    d["capped"] = (capped.get_n_leaves(), capped.get_depth(), capped.tree_.node_count)
    d["unlimited"] = (tree.get_n_leaves(), tree.get_depth())
    assert d["capped"][1] not in (3, d["capped"][0]) and d["unlimited"][1] != d["capped"][1] + 1
    return d


def q1(feature, threshold):
    return lambda d: {"root_feature": feature(d), "root_threshold": threshold(d), **pick(d, "X_train", "y_train")}


def q2(value):
    return lambda d: {"gini_decrease": value(d), **pick(d, "X_train", "y_train")}


def q3(effect, gini_acc, entropy_acc):
    return lambda d: {"effect": effect, "train_acc_gini": gini_acc(d), "train_acc_entropy": entropy_acc(d),
                      **pick(d, "X_train", "y_train", "X_val", "y_val")}


def q4(alpha):
    return lambda d: {"best_alpha": alpha(d), **pick(d, "X_train", "y_train", "X_val", "y_val", "X_test", "y_test")}


def q5(leaves, depth):
    return lambda d: {"n_leaves": leaves(d), "depth": depth(d), **pick(d, "X_train", "y_train")}


def _leaves(d):
    return d["capped"][0]


def _depth(d):
    return d["capped"][1]


def _feature(d):
    return d["feature"]


def _threshold(d):
    return d["threshold"]


def _y(d):
    return d["y_train"]


def _gini_train(d):
    return d["train"]["gini"]


def _entropy_train(d):
    return d["train"]["entropy"]


ATTEMPTS = [
    right("q1", "numpy values straight from tree_", q1(lambda d: np.int64(d["feature"]),
                                                      lambda d: np.float64(d["threshold"]))),
    right("q1", "feature as a float, threshold as a float32 tensor",
          q1(lambda d: float(d["feature"]), lambda d: torch.tensor(d["threshold"], dtype=torch.float32))),
    right("q1", "threshold rounded to 6 significant digits", q1(_feature, lambda d: float(f"{d['threshold']:.6g}"))),
    wrong("q1", "read a child node", q1(lambda d: d["child"][0], lambda d: d["child"][1]), "child node"),
    wrong("q1", "the feature's name", q1(lambda d: "worst radius", _threshold), "column index"),
    wrong("q1", "threshold rounded to 2 decimals", q1(_feature, lambda d: round(d["threshold"], 2)),
          "rounded to 2 decimals"),
    wrong("q1", "threshold rounded to 4 decimals as printed", q1(_feature, lambda d: round(d["threshold"], 4)),
          "rounded to 4 decimals"),
    wrong("q1", "a threshold off by one", q1(_feature, lambda d: d["threshold"] + 1.0),
          "root_threshold is not the threshold stored at the root"),
    wrong("q1", "the root of an entropy tree", q1(lambda d: d["entropy_root"][0], lambda d: d["entropy_root"][1]),
          "criterion='entropy'"),
    wrong("q1", "counted the features from 1", q1(lambda d: d["feature"] + 1, _threshold), "count from 0"),
    wrong("q1", "swapped feature and threshold", q1(_threshold, lambda d: float(d["feature"])), "swapped"),

    right("q2", "the decrease as a numpy float", q2(lambda d: np.float64(d["decrease"]))),
    right("q2", "the decrease as a one-element float32 array", q2(lambda d: np.array([d["decrease"]], np.float32))),
    right("q2", "from the tree's own impurities",
          q2(lambda d: d["acc"]["gini"].tree_.impurity[0]
             - d["left"].mean() * d["acc"]["gini"].tree_.impurity[d["acc"]["gini"].tree_.children_left[0]]
             - (~d["left"]).mean() * d["acc"]["gini"].tree_.impurity[d["acc"]["gini"].tree_.children_right[0]])),
    wrong("q2", "averaged the children equally",
          q2(lambda d: gini(_y(d)) - (gini(_y(d)[d["left"]]) + gini(_y(d)[~d["left"]])) / 2),
          "averaged the two children equally"),
    wrong("q2", "the children's impurity only",
          q2(lambda d: d["left"].mean() * gini(_y(d)[d["left"]]) + (~d["left"]).mean() * gini(_y(d)[~d["left"]])),
          "weighted impurity of the children"),
    wrong("q2", "entropy instead of Gini", q2(lambda d: decrease(_y(d), d["left"], entropy)), "entropy"),
    wrong("q2", "weighted by row counts",
          q2(lambda d: gini(_y(d)) - d["left"].sum() * gini(_y(d)[d["left"]])
             - (~d["left"]).sum() * gini(_y(d)[~d["left"]])), "number of rows"),
    wrong("q2", "the parent's impurity alone", q2(lambda d: gini(_y(d))), "parent's impurity alone"),
    wrong("q2", "sum of squares without the 1 -",
          q2(lambda d: decrease(_y(d), d["left"], lambda labels: 1 - gini(labels))), "purity"),
    wrong("q2", "split with the threshold rounded to 2 decimals", q2(lambda d: d["decrease_rounded"]),
          "rounded threshold"),
    wrong("q2", "the decrease with the sign flipped", q2(lambda d: -d["decrease"] - 0.01), "never increases"),
    wrong("q2", "a made-up number", q2(lambda d: 0.25), "gini_decrease is not G(parent)"),

    right("q3", "the word capitalised, accuracies as ints", q3("Same", lambda d: 1, lambda d: 1)),
    wrong("q3", "predicted higher", q3("higher", _gini_train, _entropy_train), "compare them"),
    wrong("q3", "predicted lower", q3("lower", _gini_train, _entropy_train), "compare them"),
    wrong("q3", "validation accuracies", q3("same", lambda d: d["val"]["gini"], lambda d: d["val"]["entropy"]),
          "train_acc_gini is the accuracy on the validation part"),
    wrong("q3", "the Gini tree's validation accuracy for both",
          q3("same", _gini_train, lambda d: d["val"]["gini"]),
          "train_acc_entropy is the validation accuracy of the criterion='gini' tree"),
    wrong("q3", "a depth-1 tree (from question 2)", q3("same", lambda d: d["depth1_train"], _entropy_train),
          "depth-1 tree"),
    wrong("q3", "error rates", q3("same", lambda d: 0.0, lambda d: 0.0), "error rate"),
    wrong("q3", "percentages", q3("same", lambda d: 100.0, lambda d: 100.0), "no percentages"),
    wrong("q3", "a made-up accuracy", q3("same", lambda d: 0.9, _entropy_train), "train_acc_gini is not the training"),
    wrong("q3", "an effect that is not an option", q3("up", _gini_train, _entropy_train),
          "'higher', 'lower' or 'same'"),

    right("q4", "the validation winner as a numpy float", q4(lambda d: np.float64(d["on_val"]))),
    right("q4", "the validation winner as a one-element array", q4(lambda d: np.array([d["on_val"]]))),
    *chosen_on_another_part("q4", q4),
    wrong("q4", "kept the last alpha of the path", q4(lambda d: float(d["alphas"][-1])), "down to its root"),
    wrong("q4", "an alpha not on the path", q4(lambda d: 0.5), "pruning path"),
    wrong("q4", "copied the rounded alpha from the printed table", q4(lambda d: round(d["on_val"], 4)),
          "looks rounded"),
    wrong("q4", "the index of the best score", q4(lambda d: d["on_val_index"]), "position in the list"),
    wrong("q4", "the best validation accuracy instead of the alpha", q4(lambda d: float(d["val_scores"].max())),
          "best validation accuracy"),

    right("q5", "numpy integers", q5(lambda d: np.int64(_leaves(d)), lambda d: np.int64(_depth(d)))),
    right("q5", "floats with whole values", q5(lambda d: float(_leaves(d)), lambda d: float(_depth(d)))),
    wrong("q5", "swapped", q5(_depth, _leaves), "swapped"),
    wrong("q5", "node_count instead of the leaves", q5(lambda d: d["capped"][2], _depth), "node_count"),
    wrong("q5", "the unlimited tree's values", q5(lambda d: d["unlimited"][0], lambda d: d["unlimited"][1]),
          "tree without max_leaf_nodes"),
    wrong("q5", "the unlimited tree's depth", q5(_leaves, lambda d: d["unlimited"][1]),
          "depth is the depth of a tree without max_leaf_nodes"),
    wrong("q5", "counted the root as a level", q5(_leaves, lambda d: _depth(d) + 1), "counts the root"),
    wrong("q5", "assumed a balanced tree", q5(_leaves, lambda d: 3), "balanced tree"),
    wrong("q5", "node count and depth both off", q5(lambda d: d["capped"][2], lambda d: _depth(d) + 1),
          "only the leaves: get_n_leaves(); depth counts the root"),
    wrong("q5", "a depth with a fraction", q5(_leaves, lambda d: 4.5), "whole number"),
]
