"""Exercise set 06: decision trees.

Numeric answers are recomputed from the learner's own data inside each check;
discrete answers are compared as salted digests (see ``paramlab.grading.hashing``),
so the right choice is not readable here.
"""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np
from sklearn.tree import DecisionTreeClassifier

from ..grading.core import ExerciseSet, Wrong
from ..grading.answers import (not_swapped, splits, arrays, choice, every, expect_hashed, expect_training_accuracy, expect_value,
                               is_close, number, one_of, whole_number)

SET = ExerciseSet.declared(__file__)

EFFECTS = ("higher", "lower", "same")


def _tree(X: np.ndarray, y: np.ndarray, **params: Any) -> DecisionTreeClassifier:
    return DecisionTreeClassifier(random_state=0, **params).fit(X, y)




def _rounded_to(value: float, exact: float) -> int | None:
    """The number of decimals ``exact`` was rounded to, when ``value`` is such a rounding of it."""
    for decimals in range(0, 9):
        if math.isclose(value, round(exact, decimals), rel_tol=1e-12, abs_tol=1e-15):
            return decimals
    return None


def _proportions(labels: np.ndarray) -> np.ndarray:
    _, counts = np.unique(labels, return_counts=True)
    return counts / counts.sum()


def _gini(labels: np.ndarray) -> float:
    return float(1.0 - np.sum(_proportions(labels) ** 2))


def _entropy(labels: np.ndarray, log: Callable[[np.ndarray], np.ndarray] = np.log2) -> float:
    p = _proportions(labels)
    return float(-np.sum(p * log(p)))


def _misclassification(labels: np.ndarray) -> float:
    return float(1.0 - _proportions(labels).max())


def _purity(labels: np.ndarray) -> float:
    return float(np.sum(_proportions(labels) ** 2))


def _decrease(y: np.ndarray, goes_left: np.ndarray, impurity: Callable[[np.ndarray], float]) -> float:
    left, right = y[goes_left], y[~goes_left]
    return impurity(y) - len(left) / len(y) * impurity(left) - len(right) / len(y) * impurity(right)


@SET.question("q1")
def q1(root_feature: Any, root_threshold: Any, X_train: Any, y_train: Any) -> None:
    X, y = arrays(X_train, y_train)
    t = _tree(X, y).tree_
    if isinstance(root_feature, str):
        raise Wrong("root_feature should be the feature's column index (an int), not its name")
    threshold = number(root_threshold, "root_threshold")
    as_number = number(root_feature, "root_feature")
    if not as_number.is_integer() and is_close(root_feature, float(t.threshold[0]), rel=1e-6):
        raise Wrong("root_feature and root_threshold are swapped: the feature is a column index, the "
                    "threshold a value of that feature")
    feature = whole_number(root_feature, "root_feature")
    children = [c for c in (t.children_left[0], t.children_right[0]) if t.children_left[c] != -1]
    if any(feature == t.feature[c] and is_close(root_threshold, float(t.threshold[c]), rel=1e-6)
           for c in children):
        raise Wrong("that is the split of a child node; the root is node 0")
    if feature != t.feature[0]:
        entropy_root = _tree(X, y, criterion="entropy").tree_
        if feature == entropy_root.feature[0]:
            raise Wrong("that is the root feature of a tree fitted with criterion='entropy'; the question's "
                        "tree keeps every default but random_state")
        if feature == t.feature[0] + 1:
            raise Wrong("root_feature is not the index stored in tree_.feature[0]: column indices count "
                        "from 0 (did you count the feature names from 1?)")
        raise Wrong("root_feature is not the feature index stored at the root (node 0) of a tree fitted on "
                    "X_train")
    if is_close(root_threshold, float(t.threshold[0]), rel=1e-6):
        return
    decimals = _rounded_to(threshold, float(t.threshold[0]))
    if decimals is not None:
        raise Wrong(f"root_threshold looks rounded to {decimals} decimals: pass the value stored in "
                    "tree_.threshold[0] itself, not a rounded copy")
    raise Wrong("root_threshold is not the threshold stored at the root (node 0) of a tree fitted on X_train; "
                f"root_threshold = {threshold:g} does not match")


@SET.question("q2")
def q2(gini_decrease: Any, X_train: Any, y_train: Any) -> None:
    X, y = arrays(X_train, y_train)
    t = _tree(X, y, max_depth=1).tree_
    feature, threshold = t.feature[0], float(t.threshold[0])
    goes_left = X[:, feature] <= threshold
    value = number(gini_decrease, "gini_decrease")
    if is_close(gini_decrease, _decrease(y, goes_left, _gini), rel=1e-6):
        return
    left, right = y[goes_left], y[~goes_left]
    parent, g_left, g_right = _gini(y), _gini(left), _gini(right)
    mistakes = [
        (_decrease(y, goes_left, _entropy), "that is the decrease of the entropy (the information gain), "
                                            "not of the Gini impurity 1 - sum_k p_k**2"),
        (_decrease(y, goes_left, lambda labels: _entropy(labels, np.log)),
         "that is the decrease of the entropy (the information gain, with the natural log), not of the "
         "Gini impurity 1 - sum_k p_k**2"),
        (parent - (g_left + g_right) / 2, "you averaged the two children equally; weight each child by its "
                                          "share of the rows"),
        (parent - len(left) * g_left - len(right) * g_right,
         "you weighted each child by its number of rows; weight it by its share of the rows, n_L / n"),
        (len(left) / len(y) * g_left + len(right) / len(y) * g_right,
         "that is the weighted impurity of the children; the decrease is the parent's impurity minus it"),
        (parent, "that is the parent's impurity alone; subtract the weighted impurities of the two children"),
        (_decrease(y, goes_left, _purity), "you computed sum_k p_k**2 (the purity); the Gini impurity is 1 "
                                           "minus it"),
        (_decrease(y, goes_left, _misclassification),
         "that is the decrease of the misclassification rate 1 - max_k p_k, not of the Gini impurity "
         "1 - sum_k p_k**2"),
    ]
    for decimals in range(0, 6):
        rounded = X[:, feature] <= round(threshold, decimals)
        if np.any(rounded != goes_left):
            mistakes.append((_decrease(y, rounded, _gini), "your split used a rounded threshold, which sends "
                             "some rows to the other child: split with the threshold as stored in "
                             "tree_.threshold[0]"))
    for expected, message in mistakes:
        if is_close(gini_decrease, expected, rel=1e-6):
            raise Wrong(message)
    if value < 0:
        raise Wrong("a split chosen by fit never increases impurity: the decrease should be positive")
    raise Wrong("gini_decrease is not G(parent) - n_L/n G(left) - n_R/n G(right) for the root split of a tree "
                f"fitted on X_train; gini_decrease = {value:g} does not match")


def _training_accuracy(value: Any, what: str, criterion: str, X: np.ndarray, y: np.ndarray,
                       Xv: np.ndarray, yv: np.ndarray) -> None:
    """Wrong unless ``value`` is the training accuracy of an unlimited tree with this criterion."""
    other = "entropy" if criterion == "gini" else "gini"
    tree = _tree(X, y, criterion=criterion)
    expect_training_accuracy(value, what, tree.score(X, y), lambda: tree.score(Xv, yv), [
        (lambda: _tree(X, y, criterion=other).score(Xv, yv),
         f"{what} is the validation accuracy of the criterion='{other}' tree; score the "
         f"criterion='{criterion}' tree on the training part"),
        (lambda: _tree(X, y, criterion=criterion, max_depth=1).score(X, y),
         f"{what} is the training accuracy of a depth-1 tree (like question 2's); these trees have no "
         "depth limit")],
        f"{what} is not the training accuracy of DecisionTreeClassifier(criterion='{criterion}', "
        "random_state=0) fitted on X_train", scorer="tree")


@SET.question("q3")
def q3(effect: Any, train_acc_gini: Any, train_acc_entropy: Any, X_train: Any, y_train: Any,
       X_val: Any, y_val: Any) -> None:
    X, y, Xv, yv = splits(X_train, y_train, X_val, y_val)
    effect = choice(effect, EFFECTS, "effect")
    _training_accuracy(train_acc_gini, "train_acc_gini", "gini", X, y, Xv, yv)
    _training_accuracy(train_acc_entropy, "train_acc_entropy", "entropy", X, y, Xv, yv)
    expect_hashed(effect, "ex06.q3",
                  ["67463ec9e9418b24bb746943e2008e88f0a2025f1ad6f6328c2e8c731e7e69d2"],
                  "effect does not agree with the two training accuracies you measured: compare them")


def _path_scores(X: np.ndarray, y: np.ndarray, X_eval: np.ndarray, y_eval: np.ndarray,
                 alphas: np.ndarray) -> np.ndarray:
    return np.array([_tree(X, y, ccp_alpha=a).score(X_eval, y_eval) for a in alphas])


def _best_alphas(alphas: np.ndarray, scores: np.ndarray) -> np.ndarray:
    return alphas[scores == scores.max()]


@SET.question("q4")
def q4(best_alpha: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any, X_test: Any, y_test: Any) -> None:
    X, y, Xv, yv = splits(X_train, y_train, X_val, y_val)
    Xt, yt = arrays(X_test, y_test, "X_test")
    value = number(best_alpha, "best_alpha")
    path = DecisionTreeClassifier(random_state=0).cost_complexity_pruning_path(X, y)
    alphas = path.ccp_alphas[:-1]
    try:
        alpha = one_of(best_alpha, path.ccp_alphas, "best_alpha", "the ccp_alphas of the pruning path computed "
                                                                  "on X_train")
    except Wrong:
        val = _path_scores(X, y, Xv, yv, alphas)
        if is_close(best_alpha, float(val.max()), rel=1e-9):
            raise Wrong("best_alpha is the best validation accuracy; store the alpha that reached it") from None
        if value.is_integer() and 1 <= value < len(alphas):
            raise Wrong("best_alpha looks like a position in the list of candidates (an index), not an alpha "
                        "from the path") from None
        if any(_rounded_to(value, float(a)) is not None for a in path.ccp_alphas):
            raise Wrong("best_alpha looks rounded: pass the alpha from path.ccp_alphas itself, not a rounded "
                        "copy (the printed table rounds)") from None
        raise
    if alpha == path.ccp_alphas[-1]:
        raise Wrong("the last alpha of the path prunes the tree down to its root: drop it from the candidates")
    val = _path_scores(X, y, Xv, yv, alphas)
    best_val = _best_alphas(alphas, val)
    if alpha == best_val.max():
        return
    if alpha in best_val:
        raise Wrong("several alphas tie for the best validation accuracy: keep the largest of them "
                    "(the simplest tree)")
    if alpha in _best_alphas(alphas, _path_scores(X, y, X, y, alphas)):
        raise Wrong("that alpha is the best on the TRAINING part, where the unpruned tree always wins; "
                    "score on the validation part")
    if alpha in _best_alphas(alphas, _path_scores(X, y, Xt, yt, alphas)):
        raise Wrong("that alpha is among the best on the TEST part: choose on the validation part and keep "
                    "the test part for the final estimate")
    raise Wrong("best_alpha is not the alpha with the highest validation accuracy")


#: Question 5's cap on the number of leaves.
Q5_MAX_LEAF_NODES = 8


@SET.question("q5")
def q5(n_leaves: Any, depth: Any, X_train: Any, y_train: Any) -> None:
    X, y = arrays(X_train, y_train)
    got = (whole_number(n_leaves, "n_leaves"), whole_number(depth, "depth"))
    tree = _tree(X, y, max_leaf_nodes=Q5_MAX_LEAF_NODES)
    expected = (tree.get_n_leaves(), tree.get_depth())
    if got == expected:
        return
    not_swapped(got, expected, "n_leaves and depth are swapped: get_n_leaves() counts the leaves, "
                "get_depth() the levels below the root")
    unlimited = _tree(X, y)
    if got == (unlimited.get_n_leaves(), unlimited.get_depth()):
        raise Wrong("those are the values of a tree without max_leaf_nodes; fit the tree with "
                    f"max_leaf_nodes={Q5_MAX_LEAF_NODES}")
    every(lambda: expect_value(n_leaves, expected[0], "n_leaves", [
              (tree.tree_.node_count, "n_leaves is tree_.node_count, which counts every node, the split nodes "
                                      "too; count only the leaves: get_n_leaves()"),
              (unlimited.get_n_leaves(), "n_leaves is the leaf count of a tree without max_leaf_nodes")]),
          lambda: expect_value(depth, expected[1], "depth", [
              (unlimited.get_depth(), "depth is the depth of a tree without max_leaf_nodes: capping the leaves "
                                      "changes the learned structure; read get_depth() of the capped tree"),
              (expected[1] + 1, "depth counts the root as a level: get_depth() counts the splits from the root "
                                "to the deepest leaf (a single leaf has depth 0)"),
              (math.log2(Q5_MAX_LEAF_NODES) if expected[1] != math.log2(Q5_MAX_LEAF_NODES) else None,
               f"that is the depth of a balanced tree with {Q5_MAX_LEAF_NODES} leaves; this tree grows its best "
               "split first wherever it is, so it is not balanced: read get_depth()")]))


score = SET.score
__all__ = ["SET", "EFFECTS", "Q5_MAX_LEAF_NODES", "q1", "q2", "q3", "q4", "q5", "score"]
