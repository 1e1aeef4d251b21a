"""Exercise set 06: decision trees.

Numeric answers are recomputed from the learner's own data inside each check;
discrete answers are compared as salted digests (see ``paramlab.grading.hashing``),
so the right choice is not readable here.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from sklearn.tree import DecisionTreeClassifier

from ..grading.core import ExerciseSet, Wrong
from ..grading.answers import expect_close, expect_hashed, whole_number as _as_int, number as _as_float, arrays as _arrays

SET = ExerciseSet("ex06", "Decision trees")

EFFECTS = ("higher", "lower", "same")


def _tree(X: np.ndarray, y: np.ndarray, **params: Any) -> DecisionTreeClassifier:
    return DecisionTreeClassifier(random_state=0, **params).fit(X, y)


def _gini(labels: np.ndarray) -> float:
    _, counts = np.unique(labels, return_counts=True)
    p = counts / counts.sum()
    return float(1.0 - np.sum(p ** 2))


@SET.question("q1", "read the root split",
              hint="After fit, the tree's arrays live in tree_: tree_.feature and tree_.threshold hold "
                   "one entry per node, and node 0 is the root.")
def q1(root_feature: Any, root_threshold: Any, X_train: Any, y_train: Any) -> None:
    X, y = _arrays(X_train, y_train)
    t = _tree(X, y).tree_
    if isinstance(root_feature, str):
        raise Wrong("root_feature should be the feature's column index (an int), not its name")
    feature = _as_int(root_feature, "root_feature")
    threshold = _as_float(root_threshold, "root_threshold")
    children = [c for c in (t.children_left[0], t.children_right[0]) if t.children_left[c] != -1]
    if any(feature == t.feature[c] and math.isclose(threshold, t.threshold[c], rel_tol=1e-6)
           for c in children):
        raise Wrong("that is the split of a child node; the root is node 0")
    if feature != t.feature[0]:
        raise Wrong("root_feature is not the feature index stored at the root of a tree fitted on X_train")
    expect_close(threshold, float(t.threshold[0]), "root_threshold", rel=1e-6)


@SET.question("q2", "the impurity decrease of the root split, by hand",
              hint="Gini impurity is 1 - sum_k p_k**2. Split y_train with the root's rule "
                   "(X_train[:, feature] <= threshold goes left), then subtract from the parent's "
                   "impurity each child's impurity weighted by its share of the rows.")
def q2(gini_decrease: Any, X_train: Any, y_train: Any) -> None:
    X, y = _arrays(X_train, y_train)
    t = _tree(X, y, max_depth=1).tree_
    goes_left = X[:, t.feature[0]] <= t.threshold[0]
    left, right = y[goes_left], y[~goes_left]
    parent, g_left, g_right = _gini(y), _gini(left), _gini(right)
    w_left, w_right = len(left) / len(y), len(right) / len(y)
    expected = parent - w_left * g_left - w_right * g_right
    value = _as_float(gini_decrease, "gini_decrease")
    if math.isclose(value, parent - (g_left + g_right) / 2, rel_tol=1e-6):
        raise Wrong("you averaged the two children equally; weight each child by its share of the rows")
    if math.isclose(value, w_left * g_left + w_right * g_right, rel_tol=1e-6):
        raise Wrong("that is the weighted impurity of the children; the decrease is the parent's impurity "
                    "minus it")
    if value < 0:
        raise Wrong("a split chosen by fit never increases impurity: the decrease should be positive")
    expect_close(value, expected, "gini_decrease", rel=1e-6)


@SET.question("q3", "predict, then verify: criterion and training accuracy",
              hint="An unlimited tree keeps splitting until every leaf is pure (or cannot be split). "
                   "What does that mean for its accuracy on the rows it was trained on, whatever the "
                   "impurity measure?")
def q3(effect: Any, train_acc_gini: Any, train_acc_entropy: Any, X_train: Any, y_train: Any) -> None:
    X, y = _arrays(X_train, y_train)
    if not isinstance(effect, str) or effect.strip().lower() not in EFFECTS:
        raise Wrong("effect should be one of the strings 'higher', 'lower', 'same'")
    got_gini = _as_float(train_acc_gini, "train_acc_gini")
    got_entropy = _as_float(train_acc_entropy, "train_acc_entropy")
    gini_tree = _tree(X, y, criterion="gini")
    entropy_tree = _tree(X, y, criterion="entropy")
    expect_close(got_gini, gini_tree.score(X, y), "train_acc_gini")
    if math.isclose(got_entropy, got_gini) and not math.isclose(got_entropy, entropy_tree.score(X, y)):
        raise Wrong("train_acc_entropy should come from a tree fitted with criterion='entropy'")
    expect_close(got_entropy, entropy_tree.score(X, y), "train_acc_entropy")
    expect_hashed(effect, "ex06.q3",
                  ["67463ec9e9418b24bb746943e2008e88f0a2025f1ad6f6328c2e8c731e7e69d2"],
                  "effect does not agree with the two training accuracies you measured: compare them")


def _path_scores(X: np.ndarray, y: np.ndarray, X_eval: np.ndarray, y_eval: np.ndarray,
                 alphas: np.ndarray) -> np.ndarray:
    return np.array([_tree(X, y, ccp_alpha=a).score(X_eval, y_eval) for a in alphas])


def _best_alphas(alphas: np.ndarray, scores: np.ndarray) -> np.ndarray:
    return alphas[scores == scores.max()]


@SET.question("q4", "choose ccp_alpha on validation data",
              hint="Compute the pruning path on the training part only "
                   "(DecisionTreeClassifier(random_state=0).cost_complexity_pruning_path), drop its last "
                   "alpha, fit one tree per alpha on the training part, score each on the validation "
                   "part, and keep the largest alpha among those with the best validation accuracy.")
def q4(best_alpha: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any, X_test: Any, y_test: Any) -> None:
    X, y = _arrays(X_train, y_train)
    Xv, yv = _arrays(X_val, y_val)
    Xt, yt = _arrays(X_test, y_test)
    alpha = _as_float(best_alpha, "best_alpha")
    path = DecisionTreeClassifier(random_state=0).cost_complexity_pruning_path(X, y)
    alphas = path.ccp_alphas[:-1]

    def among(candidates: np.ndarray) -> bool:
        return bool(np.any(np.isclose(alpha, candidates, rtol=1e-6, atol=1e-12)))

    if not among(path.ccp_alphas):
        raise Wrong("best_alpha should be one of the ccp_alphas of the pruning path computed on X_train")
    if among(path.ccp_alphas[-1:]):
        raise Wrong("the last alpha of the path prunes the tree down to its root: drop it from the candidates")
    val = _path_scores(X, y, Xv, yv, alphas)
    best_val = _best_alphas(alphas, val)
    if math.isclose(alpha, float(best_val.max()), rel_tol=1e-6, abs_tol=1e-12):
        return
    if among(best_val):
        raise Wrong("several alphas tie for the best validation accuracy: keep the largest of them "
                    "(the simplest tree)")
    if among(_best_alphas(alphas, _path_scores(X, y, X, y, alphas))):
        raise Wrong("that alpha is the best on the TRAINING part, where the unpruned tree always wins; "
                    "score on the validation part")
    if among(_best_alphas(alphas, _path_scores(X, y, Xt, yt, alphas))):
        raise Wrong("that alpha is among the best on the TEST part: choose on the validation part and keep "
                    "the test part for the final estimate")
    raise Wrong("best_alpha is not the alpha with the highest validation accuracy")


q1, q2, q3, q4 = (SET.questions[k] for k in ("q1", "q2", "q3", "q4"))
score = SET.score
__all__ = ["SET", "q1", "q2", "q3", "q4", "score"]
