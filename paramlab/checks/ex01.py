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
from ..grading.answers import arrays, choice, expect_hashed, expect_validation_choice, names, whole_number

SET = ExerciseSet("ex01", "Parameters vs hyperparameters")

CANDIDATES = ("C", "coef_", "max_iter", "intercept_", "tol", "n_iter_", "classes_", "solver")


@SET.question("q1", "count what logistic regression learns",
              hint="A fitted LogisticRegression learns one weight per feature in coef_ and a bias in "
                   "intercept_. Look at .size of each after fit.")
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


@SET.question("q2", "tell the set from the learned",
              hint="Hyperparameters are constructor arguments (they appear in get_params()); "
                   "learned attributes end with an underscore and exist only after fit.")
def q2(hyperparameter_names: Any) -> None:
    given = names(hyperparameter_names, "hyperparameter_names")
    unknown = given - set(CANDIDATES)
    if unknown:
        raise Wrong(f"choose only among the candidates listed in the question; not a candidate: {sorted(unknown)}")
    if any(n.endswith("_") for n in given):
        raise Wrong("a name ending in '_' is an attribute that fit creates: it is learned, not set")
    expect_hashed(given, "ex01.q2",
                  ["7103c17a5b9a86ae37da652c724bacc8b4cd0ad98ebb8330b6d6e14d6f76d817"],
                  "hyperparameter_names is not right yet: test each candidate against "
                  "LogisticRegression().get_params() and against what exists only after fit")


@SET.question("q3", "a hyperparameter shapes what is learned",
              hint="Fit DecisionTreeClassifier(max_depth=2, random_state=0) and max_depth=6 on the "
                   "training part; tree_.node_count is the number of learned nodes.")
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
    effect = choice(effect, ("more nodes", "fewer nodes", "same"), "effect")
    expect_hashed(effect, "ex01.q3",
                  ["3e10e66bd4b0b81a66642f5beb098b06641ca616de5766559434de67b7dfad92"],
                  "effect")


def _depth_scores(X_train: np.ndarray, y_train: np.ndarray, X_eval: np.ndarray, y_eval: np.ndarray) -> dict[int, float]:
    return {
        depth: DecisionTreeClassifier(max_depth=depth, random_state=0).fit(X_train, y_train).score(X_eval, y_eval)
        for depth in range(1, 9)
    }


@SET.question("q4", "the outer loop: choose max_depth on validation data",
              hint="For each depth from 1 to 8, fit DecisionTreeClassifier(max_depth=depth, random_state=0) "
                   "on the training part and score it on the validation part; keep the depth with the "
                   "highest validation accuracy (the smallest one if several tie).")
def q4(best_depth: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any, X_test: Any, y_test: Any) -> None:
    X, y = arrays(X_train, y_train)
    Xv, yv = arrays(X_val, y_val, "X_val")
    Xt, yt = arrays(X_test, y_test, "X_test")
    depth = whole_number(best_depth, "best_depth")
    if not 1 <= depth <= 8:
        raise Wrong("best_depth should be one of the depths you tried, 1 to 8")
    def best(scores: dict[int, float]) -> int:
        return max(scores, key=scores.get)

    if expect_validation_choice(depth, best(_depth_scores(X, y, Xv, yv)),
                                lambda: best(_depth_scores(X, y, Xt, yt)),
                                lambda: best(_depth_scores(X, y, X, y)),
                                "depth", "deeper trees always look better"):
        return
    raise Wrong("best_depth is not the depth with the highest validation accuracy")


@SET.question("q5", "where the line blurs",
              hint="Ask who produced the value: fit() of the search object produced best_params_, "
                   "but the final model received it as a constructor argument.")
def q5(for_the_search: Any, for_the_model: Any) -> None:
    for label, value in (("for_the_search", for_the_search), ("for_the_model", for_the_model)):
        choice(value, ("learned", "hyperparameter"), label)
    search_ok = expect_hashed_bool(for_the_search, "ex01.q5.search",
                                   "c047a91ee4fbc4b08d992f602ac8e4bb530a21259bd2c6b3a362a49c743f9513")
    model_ok = expect_hashed_bool(for_the_model, "ex01.q5.model",
                                  "3114a78a3c586d1cfc14da423f2ef207cb10bcb98684cc1c8d618926c9459354")
    if not search_ok and not model_ok:
        raise Wrong("both labels are swapped: think about which object's fit() produced the value")
    if not search_ok:
        raise Wrong("for_the_search is not right: what does GridSearchCV.fit() produce, and how is it named?")
    if not model_ok:
        raise Wrong("for_the_model is not right: how does the final model receive the value?")


def expect_hashed_bool(value: str, namespace: str, accepted: str) -> bool:
    try:
        expect_hashed(value, namespace, [accepted], namespace)
    except Wrong:
        return False
    return True


score = SET.score
__all__ = ["SET", "CANDIDATES", "q1", "q2", "q3", "q4", "q5", "score"]
