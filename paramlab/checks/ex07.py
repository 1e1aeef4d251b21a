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
from ..grading.answers import expect_close, expect_hashed, whole_number as _as_int, number as _as_float, expect_validation_choice

SET = ExerciseSet("ex07", "Random forests")

TREE_COUNTS = (25, 50, 100)
FEATURE_COUNTS = (1, 2, 4, 8, 16, 30)
SHAPES = ("rises", "levels off", "falls to zero")


def _arrays(X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim != 2 or len(X) != len(y):
        raise Wrong("pass the data exactly as the notebook loaded it (X with one row per label in y)")
    return X, y


def _forest(X: np.ndarray, y: np.ndarray, **params: Any) -> RandomForestClassifier:
    return RandomForestClassifier(random_state=0, **params).fit(X, y)


@SET.question("q1", "count what a forest learns",
              hint="A forest keeps its fitted trees in estimators_; each tree's tree_.node_count counts "
                   "its nodes (splits and leaves). Add them up over all the trees.")
def q1(total_nodes: Any, X_train: Any, y_train: Any) -> None:
    X, y = _arrays(X_train, y_train)
    trees = _forest(X, y, n_estimators=50).estimators_
    n = _as_int(total_nodes, "total_nodes")
    counts = [est.tree_.node_count for est in trees]
    if n == counts[0]:
        raise Wrong("that is the node count of the first tree only; the forest learned every tree's nodes")
    if n == sum(est.tree_.n_leaves for est in trees):
        raise Wrong("you counted leaves only; split nodes hold learned features and thresholds too")
    if n == 50:
        raise Wrong("that is the number of trees (a hyperparameter you set), not what they learned")
    if n != sum(counts):
        raise Wrong("total_nodes should be the sum of tree_.node_count over the 50 trees fitted on X_train")


@SET.question("q2", "predict, then verify: the OOB error as trees are added",
              hint="Each tree adds one vote to an average, and every OOB vote comes from trees that never "
                   "saw the row. Grow one forest with oob_score=True, warm_start=True, random_state=0; "
                   "set n_estimators to 25, 50, 100 in turn, call fit each time and record oob_score_.")
def q2(shape: Any, oob_scores: Any, X_train: Any, y_train: Any) -> None:
    X, y = _arrays(X_train, y_train)
    if not isinstance(shape, str) or shape.strip().lower() not in SHAPES:
        raise Wrong("shape should be one of the strings 'rises', 'levels off', 'falls to zero'")
    if not isinstance(oob_scores, (list, tuple, np.ndarray)) or len(oob_scores) != len(TREE_COUNTS):
        raise Wrong(f"oob_scores should be a list of {len(TREE_COUNTS)} numbers, one per tree count "
                    f"{list(TREE_COUNTS)}")
    got = [_as_float(v, "each OOB score") for v in oob_scores]
    grower = RandomForestClassifier(n_estimators=TREE_COUNTS[0], oob_score=True, warm_start=True,
                                    random_state=0)
    expected = []
    for n in TREE_COUNTS:
        grower.set_params(n_estimators=n)
        grower.fit(X, y)
        expected.append(grower.oob_score_)
    if all(math.isclose(g, 1 - e, abs_tol=1e-9) for g, e in zip(got, expected)):
        raise Wrong("those are OOB error rates; oob_scores should hold oob_score_ itself (an accuracy)")
    if all(math.isclose(g, 1.0) for g in got):
        raise Wrong("those look like training accuracies; read oob_score_ after each fit")
    for n, g, e in zip(TREE_COUNTS, got, expected):
        expect_close(g, e, f"the OOB score at {n} trees", rel=1e-9)
    expect_hashed(shape, "ex07.q2",
                  ["9a1acbc29605bb80ff06691c91c80f201374fe939992778f1a5da15371b8d80a"],
                  "shape does not describe what adding trees does: a tree adds one vote to an average, "
                  "and an OOB vote never comes from a tree that saw the row",
                  known_wrong={
                      "443a01026da79d5bab128bebe937dec00f997f3f5ab95c6dabe32866f30a8cf3":
                          "more trees do not make a forest overfit: look at your three OOB scores, they "
                          "move by noise only",
                      "792342168b325717aabd177d4e59568e64221ce1daf8c4fca96648cb4260afb8":
                          "an OOB vote comes only from trees that never saw the row, so more trees cannot "
                          "drive the OOB error to zero",
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


@SET.question("q3", "choose max_features on validation data",
              hint="For each m in 1, 2, 4, 8, 16, 30 fit RandomForestClassifier(n_estimators=50, "
                   "max_features=m, random_state=0) on the training part and score it on the validation "
                   "part; keep the m with the highest validation accuracy (the smallest if several tie).")
def q3(best_max_features: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any, X_test: Any,
       y_test: Any) -> None:
    X, y = _arrays(X_train, y_train)
    Xv, yv = _arrays(X_val, y_val)
    Xt, yt = _arrays(X_test, y_test)
    if isinstance(best_max_features, str):
        raise Wrong("best_max_features should be one of the numbers you tried, not a string such as 'sqrt'")
    m = _as_int(best_max_features, "best_max_features")
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


@SET.question("q4", "the forest against its own trees",
              hint="Fit RandomForestClassifier(n_estimators=50, random_state=0) on the training part. Score "
                   "each tree in estimators_ alone on the validation part (compare est.predict(X_val) with "
                   "y_val) and average; then score the forest itself on the validation part.")
def q4(mean_tree_acc: Any, forest_acc: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any) -> None:
    X, y = _arrays(X_train, y_train)
    Xv, yv = _arrays(X_val, y_val)
    forest = _forest(X, y, n_estimators=50)
    tree_val = float(np.mean([np.mean(est.predict(Xv) == yv) for est in forest.estimators_]))
    tree_train = float(np.mean([np.mean(est.predict(X) == y) for est in forest.estimators_]))
    forest_val = forest.score(Xv, yv)
    mean_acc = _as_float(mean_tree_acc, "mean_tree_acc")
    f_acc = _as_float(forest_acc, "forest_acc")
    if math.isclose(mean_acc, tree_train, rel_tol=1e-9):
        raise Wrong("mean_tree_acc was measured on the training part; score the trees on the validation part")
    if math.isclose(mean_acc, forest_val, rel_tol=1e-9) and not math.isclose(tree_val, forest_val, rel_tol=1e-9):
        raise Wrong("mean_tree_acc equals the forest's accuracy; average the accuracies of the single trees")
    if math.isclose(mean_acc, float(np.mean(forest.estimators_[0].predict(Xv) == yv)), rel_tol=1e-9) \
            and not math.isclose(mean_acc, tree_val, rel_tol=1e-9):
        raise Wrong("that is the accuracy of the first tree only; average over all the trees")
    expect_close(mean_acc, tree_val, "mean_tree_acc", rel=1e-9)
    if math.isclose(f_acc, forest.score(X, y), rel_tol=1e-9) and not math.isclose(f_acc, forest_val):
        raise Wrong("forest_acc was measured on the training part; score the forest on the validation part")
    expect_close(f_acc, forest_val, "forest_acc", rel=1e-9)


q1, q2, q3, q4 = (SET.questions[k] for k in ("q1", "q2", "q3", "q4"))
score = SET.score
__all__ = ["SET", "TREE_COUNTS", "FEATURE_COUNTS", "SHAPES", "q1", "q2", "q3", "q4", "score"]
