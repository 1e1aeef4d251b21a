"""Exercise set 07: random forests.

Numeric answers are recomputed from the learner's own data inside each check;
discrete answers are compared as salted digests (see ``paramlab.grading.hashing``),
so the right choice is not readable here.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from sklearn.ensemble import RandomForestClassifier

from ..grading.core import ExerciseSet, Wrong
from ..grading.answers import (splits, arrays, choice, expect_hashed, expect_validation_choice, is_close,
                               number, tolerance, vector, whole_number)

SET = ExerciseSet.declared(__file__)

TREE_COUNTS = (25, 50, 100)
FEATURE_COUNTS = (1, 2, 4, 8, 16, 30)
SHAPES = ("rises", "levels off", "falls to zero")


def _forest(X: np.ndarray, y: np.ndarray, **params: Any) -> RandomForestClassifier:
    return RandomForestClassifier(random_state=0, **params).fit(X, y)


def _close(a: float, b: float, rel: float = 1e-9) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-12)




@SET.question("q1")
def q1(total_nodes: Any, X_train: Any, y_train: Any) -> None:
    X, y = arrays(X_train, y_train)
    trees = _forest(X, y, n_estimators=50).estimators_
    n = whole_number(total_nodes, "total_nodes")
    counts = [est.tree_.node_count for est in trees]
    leaves = sum(est.tree_.n_leaves for est in trees)
    if n == sum(counts):
        return
    if n == counts[0]:
        raise Wrong("that is the node count of the first tree only; the forest learned every tree's nodes")
    if n == leaves:
        raise Wrong("you counted leaves only; split nodes hold learned features and thresholds too")
    if n == sum(counts) - leaves:
        raise Wrong("you counted split nodes only; each leaf holds a learned prediction too (count every node)")
    if n == len(trees):
        raise Wrong("that is the number of trees (a hyperparameter you set), not what they learned")
    raise Wrong("total_nodes should be the sum of tree_.node_count over the 50 trees fitted on X_train")


def _oob_scores(X: np.ndarray, y: np.ndarray) -> list[float]:
    grower = RandomForestClassifier(n_estimators=TREE_COUNTS[0], oob_score=True, warm_start=True, random_state=0)
    scores = []
    for n in TREE_COUNTS:
        grower.set_params(n_estimators=n)
        grower.fit(X, y)
        scores.append(grower.oob_score_)
    return scores


@SET.question("q2")
def q2(shape: Any, oob_scores: Any, X_train: Any, y_train: Any) -> None:
    X, y = arrays(X_train, y_train)
    shape = choice(shape, SHAPES, "shape")
    size = None if isinstance(oob_scores, str) or np.ndim(oob_scores) == 0 else len(oob_scores)
    if size != len(TREE_COUNTS):
        raise Wrong(f"oob_scores should be a list of {len(TREE_COUNTS)} numbers, one per tree count "
                    f"{list(TREE_COUNTS)}")
    got = vector(oob_scores, len(TREE_COUNTS), "oob_scores")
    rel = tolerance(oob_scores, 1e-9)  # a float32 array or tensor is compared at its own precision
    expected = _oob_scores(X, y)
    if not all(_close(g, e, rel) for g, e in zip(got, expected)):
        if all(_close(g, 1 - e, rel) for g, e in zip(got, expected)):
            raise Wrong("those are OOB error rates; oob_scores should hold oob_score_ itself (an accuracy)")
        if all(_close(g, e, rel) for g, e in zip(got, reversed(expected))):
            raise Wrong(f"oob_scores is in reverse order: list the scores for {list(TREE_COUNTS)} trees, in "
                        "that order")
        if all(_close(g, 1.0) for g in got):
            raise Wrong("those look like training accuracies; read oob_score_ after each fit")
        for n, g, e in zip(TREE_COUNTS, got, expected):
            if not _close(g, e, rel):
                raise Wrong(f"the OOB score at {n} trees is not the oob_score_ of the forest grown on X_train "
                            f"as described; it is {g:g}")
    expect_hashed(shape, "ex07.q2",
                  ["9a1acbc29605bb80ff06691c91c80f201374fe939992778f1a5da15371b8d80a"],
                  "shape does not agree with the three OOB scores you measured: compare how much they move "
                  "with what one training row is worth (1 / len(y_train))",
                  known_wrong={
                      "443a01026da79d5bab128bebe937dec00f997f3f5ab95c6dabe32866f30a8cf3":
                          "if more trees made the forest overfit, the OOB score would fall steadily as trees "
                          "are added: does yours? Compare each change with what one row is worth "
                          "(1 / len(y_train))",
                      "792342168b325717aabd177d4e59568e64221ce1daf8c4fca96648cb4260afb8":
                          "an OOB error of zero means an OOB score of 1.0: how close do your three scores "
                          "get, and does the gap shrink as trees are added?",
                  })


def _feature_scores(X: np.ndarray, y: np.ndarray, evals: list[tuple[np.ndarray, np.ndarray]]) -> list[dict[int, float]]:
    out: list[dict[int, float]] = [{} for _ in evals]
    for m in FEATURE_COUNTS:
        model = _forest(X, y, n_estimators=50, max_features=m)
        for k, (Xe, ye) in enumerate(evals):
            out[k][m] = model.score(Xe, ye)
    return out


def _best(scores: dict[int, float]) -> int:
    return max(scores, key=scores.get)  # the first (smallest) among ties


@SET.question("q3")
def q3(best_max_features: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any, X_test: Any,
       y_test: Any) -> None:
    X, y, Xv, yv = splits(X_train, y_train, X_val, y_val)
    Xt, yt = arrays(X_test, y_test, "X_test")
    if isinstance(best_max_features, str):
        raise Wrong("best_max_features should be one of the numbers you tried, not a string such as 'sqrt'")
    m = whole_number(best_max_features, "best_max_features")
    if m not in FEATURE_COUNTS:
        raise Wrong(f"best_max_features should be one of the values you tried: {list(FEATURE_COUNTS)}")
    val, test, train = _feature_scores(X, y, [(Xv, yv), (Xt, yt), (X, y)])
    if m == _best(val):
        return
    if val[m] == max(val.values()):
        raise Wrong("several values tie for the best validation accuracy: keep the smallest of them")
    expect_validation_choice(m, _best(val), _best(test), _best(train), "value",
                             "every forest of deep trees scores (nearly) perfectly")
    raise Wrong("best_max_features is not the value with the highest validation accuracy")


@SET.question("q4")
def q4(mean_tree_acc: Any, forest_acc: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any) -> None:
    X, y, Xv, yv = splits(X_train, y_train, X_val, y_val)
    forest = _forest(X, y, n_estimators=50)
    per_tree = [float(np.mean(est.predict(Xv) == yv)) for est in forest.estimators_]
    tree_val = float(np.mean(per_tree))
    forest_val = forest.score(Xv, yv)
    mean_acc = number(mean_tree_acc, "mean_tree_acc")
    f_acc = number(forest_acc, "forest_acc")
    if not is_close(mean_tree_acc, tree_val):
        if is_close(mean_tree_acc, float(np.mean([np.mean(est.predict(X) == y) for est in forest.estimators_]))):
            raise Wrong("mean_tree_acc was measured on the training part; score the trees on the validation "
                        "part")
        if is_close(mean_tree_acc, forest_val):
            raise Wrong("mean_tree_acc equals the forest's accuracy; average the accuracies of the single trees")
        if is_close(mean_tree_acc, per_tree[0]):
            raise Wrong("that is the accuracy of the first tree only; average over all the trees")
        if is_close(mean_tree_acc, float(np.median(per_tree))):
            raise Wrong("that is the median of the trees' accuracies; the question asks for their mean")
        raise Wrong("mean_tree_acc is not the mean validation accuracy of the 50 trees of "
                    f"RandomForestClassifier(n_estimators=50, random_state=0) fitted on X_train; "
                    f"mean_tree_acc = {mean_acc:g} does not match")
    if not is_close(forest_acc, forest_val):
        if is_close(forest_acc, forest.score(X, y)):
            raise Wrong("forest_acc was measured on the training part; score the forest on the validation part")
        if is_close(forest_acc, tree_val):
            raise Wrong("forest_acc equals the mean accuracy of the single trees; score the forest itself, "
                        "forest.score(X_val, y_val)")
        raise Wrong("forest_acc is not the validation accuracy of RandomForestClassifier(n_estimators=50, "
                    f"random_state=0) fitted on X_train; forest_acc = {f_acc:g} does not match")


score = SET.score
__all__ = ["SET", "TREE_COUNTS", "FEATURE_COUNTS", "SHAPES", "q1", "q2", "q3", "q4", "score"]
