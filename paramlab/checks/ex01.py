"""Exercise set 01: parameters vs hyperparameters.

Numeric answers are recomputed from the learner's own data inside each check;
discrete answers are compared as salted digests (see ``paramlab.grading.hashing``),
so the right choice is not readable here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.tree import DecisionTreeClassifier

from ..grading.core import ExerciseSet, Wrong
from ..grading.answers import (arrays, choice, expect_best_on_validation, expect_choice, expect_hashed,
                               names_among, splits, whole_number)

SET = ExerciseSet.declared(__file__)

CANDIDATES = ("C", "coef_", "max_iter", "intercept_", "tol", "n_iter_", "classes_", "solver")


@SET.question("q1")
def q1(n_learned: Any, X_train: Any) -> None:
    X = np.asarray(X_train)
    if X.ndim != 2:
        raise Wrong("pass X_train exactly as the notebook loaded it (a 2-D array)")
    n = whole_number(n_learned, "n_learned")
    expected = X.shape[1] + 1
    if n == X.shape[1]:
        raise Wrong("you counted the weights in coef_ but not the learned bias in intercept_")
    if n == X.shape[0]:
        raise Wrong("that is the number of training rows; the model learns values per feature, not per row")
    if n != expected:
        raise Wrong("n_learned should count every value in coef_ and intercept_ of the fitted model")


@SET.question("q2")
def q2(hyperparameter_names: Any) -> None:
    given = names_among(hyperparameter_names, "hyperparameter_names", CANDIDATES)
    if any(n.endswith("_") for n in given):
        raise Wrong("a name ending in '_' is an attribute that fit creates: it is learned, not set")
    expect_hashed(given, "ex01.q2",
                  ["7103c17a5b9a86ae37da652c724bacc8b4cd0ad98ebb8330b6d6e14d6f76d817"],
                  "hyperparameter_names is not right yet: test each candidate against "
                  "LogisticRegression().get_params() and against what exists only after fit")


@SET.question("q3")
def q3(n_nodes_shallow: Any, n_nodes_deep: Any, effect: Any, X_train: Any, y_train: Any) -> None:
    X, y = arrays(X_train, y_train)
    shallow = DecisionTreeClassifier(max_depth=2, random_state=0).fit(X, y).tree_
    deep = DecisionTreeClassifier(max_depth=6, random_state=0).fit(X, y).tree_
    got_shallow = whole_number(n_nodes_shallow, "n_nodes_shallow")
    got_deep = whole_number(n_nodes_deep, "n_nodes_deep")
    if got_shallow == shallow.n_leaves or got_deep == deep.n_leaves:
        raise Wrong("you counted leaves only; split nodes hold learned thresholds too (count every node)")
    if got_shallow != shallow.node_count:
        raise Wrong("n_nodes_shallow is not the node count of a max_depth=2 tree fitted on X_train")
    if got_deep != deep.node_count:
        raise Wrong("n_nodes_deep is not the node count of a max_depth=6 tree fitted on X_train")
    expect_choice(effect, ("more nodes", "fewer nodes", "same"), "effect", "ex01.q3",
                  ["3e10e66bd4b0b81a66642f5beb098b06641ca616de5766559434de67b7dfad92"],
                  "effect")


def _depth_scores(X_train: np.ndarray, y_train: np.ndarray, X_eval: np.ndarray, y_eval: np.ndarray) -> dict[int, float]:
    return {
        depth: DecisionTreeClassifier(max_depth=depth, random_state=0).fit(X_train, y_train).score(X_eval, y_eval)
        for depth in range(1, 9)
    }


@SET.question("q4")
def q4(best_depth: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any, X_test: Any, y_test: Any) -> None:
    parts = splits(X_train, y_train, X_val, y_val, X_test, y_test)
    depth = whole_number(best_depth, "best_depth")
    if not 1 <= depth <= 8:
        raise Wrong("best_depth should be one of the depths you tried, 1 to 8")
    expect_best_on_validation(depth, lambda X_eval, y_eval: _depth_scores(parts[0], parts[1], X_eval, y_eval),
                              parts, "depth", "deeper trees always look better",
                              otherwise="best_depth is not the depth with the highest validation accuracy")


#: The values of question 5: a grid search over a tree's max_depth, and a final tree built from its winner.
SEARCH_VALUES = ("search.param_grid", "search.cv", "search.best_params_", "search.best_estimator_.max_depth",
                 "search.best_estimator_.tree_", "final.max_depth", "final.tree_")
#: The three values that hold the same depth.
_SAME_DEPTH = ("search.best_params_", "search.best_estimator_.max_depth", "final.max_depth")


def _holder(value: str) -> str:
    return value.rsplit(".", 1)[0]


@SET.question("q5")
def q5(labels: Any) -> None:
    if not isinstance(labels, dict):
        raise Wrong("labels should be a dict mapping each name of ex01.SEARCH_VALUES to 'learned' or "
                    f"'hyperparameter', got {type(labels).__name__}")
    given = {}
    for key, value in labels.items():
        if not isinstance(key, str) or key.strip() not in SEARCH_VALUES:
            raise Wrong(f"labels has the key {key!r}, which is not a name of ex01.SEARCH_VALUES")
        given[key.strip()] = choice(value, ("learned", "hyperparameter"), f"labels[{key.strip()!r}]")
    missing = [v for v in SEARCH_VALUES if v not in given]
    if missing:
        raise Wrong(f"labels has no label for {missing}: label every name of ex01.SEARCH_VALUES")
    if len(set(given.values())) == 1:
        raise Wrong(f"you gave every value the label {next(iter(given.values()))!r}: an object holds values "
                    "of both kinds, those it was given before its fit() and those its fit() computed")
    by_holder = {}
    for value, label in given.items():
        by_holder.setdefault(_holder(value), set()).add(label)
    if all(len(found) == 1 for found in by_holder.values()):
        raise Wrong("you labelled whole objects (search, search.best_estimator_, final), not values: each of "
                    "them holds values it was given before its fit() and values its own fit() computed")
    if len({given[v] for v in _SAME_DEPTH}) == 1:
        raise Wrong(f"{', '.join(_SAME_DEPTH)} hold the same depth, yet they did not all get it the same way: "
                    "the label says how the holder got the value, not what the value is")
    expect_hashed({v for v, label in given.items() if label == "learned"}, "ex01.q5",
                  ["ee22c08ba060ab0c2b4d0c22a31fd1f4f2a177de6a6dd0de01721035ac918da1"],
                  "some labels are not right yet: for each name, take the object before the last dot and ask "
                  "whether its own fit() computed the value (learned) or the value was given to it before "
                  "that fit (hyperparameter)")


score = SET.score
__all__ = ["SET", "CANDIDATES", "SEARCH_VALUES", "q1", "q2", "q3", "q4", "q5", "score"]
