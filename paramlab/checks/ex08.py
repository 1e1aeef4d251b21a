"""Exercise set 08: gradient boosting.

Numeric answers are recomputed from the learner's own data inside each check;
discrete answers are compared as salted digests (see ``paramlab.grading.hashing``),
so the right choice is not readable here.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_squared_error
from sklearn.tree import DecisionTreeRegressor

from ..grading.core import ExerciseSet, Wrong
from ..grading.answers import expect_close, expect_hashed, whole_number as _as_int, number as _as_float, expect_validation_choice

SET = ExerciseSet("ex08", "Gradient boosting")

RATES = ("0.05", "0.5")
ATTRIBUTES = ("n_estimators", "n_estimators_")


def _arrays(X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim != 2 or len(X) != len(y):
        raise Wrong("pass the data exactly as the notebook loaded it (X with one row per target in y)")
    return X, y.astype(float)


def _rate_choice(value: Any) -> str:
    """The learning rate a learner named, as the canonical string in RATES ("0.50" and 0.5 -> "0.5")."""
    if isinstance(value, (str, int, float, np.integer, np.floating)) and not isinstance(value, bool):
        try:
            number = float(value.strip() if isinstance(value, str) else value)
        except ValueError:
            number = math.nan
        for rate in RATES:
            if math.isclose(number, float(rate), rel_tol=1e-9):
                return rate
    raise Wrong("needs_more_trees should name one of the two learning rates: 0.05 or 0.5 "
                "(as a string such as '0.05' or as the number)")


def _staged_best(model: GradientBoostingRegressor, X: np.ndarray, y: np.ndarray) -> int:
    errors = [mean_squared_error(y, pred) for pred in model.staged_predict(X)]
    return int(np.argmin(errors)) + 1


def _boosted(X: np.ndarray, y: np.ndarray, **params: Any) -> GradientBoostingRegressor:
    return GradientBoostingRegressor(max_depth=2, random_state=0, **params).fit(X, y)


@SET.question("q1", "one boosting step by hand",
              hint="F0 is the mean of y_train. The residuals y_train - F0 are the negative gradient of the "
                   "squared loss: fit DecisionTreeRegressor(max_depth=3, random_state=0) to them, then "
                   "F1(X_val) = F0 + 0.1 * tree.predict(X_val), and compare F1 with y_val.")
def q1(init_value: Any, val_mse_one_step: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any) -> None:
    X, y = _arrays(X_train, y_train)
    Xv, yv = _arrays(X_val, y_val)
    f0 = _as_float(init_value, "init_value")
    got = _as_float(val_mse_one_step, "val_mse_one_step")
    if math.isclose(f0, float(np.median(y)), rel_tol=1e-9) and not math.isclose(f0, float(y.mean())):
        raise Wrong("init_value is the median; for the squared loss boosting starts from the constant that "
                    "minimizes it, the mean")
    expect_close(f0, float(y.mean()), "init_value", rel=1e-9)
    mean = y.mean()
    tree = DecisionTreeRegressor(max_depth=3, random_state=0).fit(X, y - mean)
    expected = mean_squared_error(yv, mean + 0.1 * tree.predict(Xv))
    if math.isclose(got, mean_squared_error(yv, np.full_like(yv, mean)), rel_tol=1e-9):
        raise Wrong("that is the error of the constant start F0; add the first tree's step")
    if math.isclose(got, mean_squared_error(yv, mean + tree.predict(Xv)), rel_tol=1e-9):
        raise Wrong("you took a full step; the step is learning_rate (0.1) times the tree's prediction")
    on_y = DecisionTreeRegressor(max_depth=3, random_state=0).fit(X, y)
    if math.isclose(got, mean_squared_error(yv, mean + 0.1 * on_y.predict(Xv)), rel_tol=1e-9):
        raise Wrong("the tree was fitted to y itself; boosting fits it to the residuals y_train - F0")
    if math.isclose(got, mean_squared_error(y, mean + 0.1 * tree.predict(X)), rel_tol=1e-9):
        raise Wrong("that error was measured on the training part; measure it on the validation part")
    expect_close(got, expected, "val_mse_one_step", rel=1e-9)


@SET.question("q2", "choose n_estimators on validation data with staged_predict",
              hint="Fit GradientBoostingRegressor(n_estimators=300, learning_rate=0.1, max_depth=2, "
                   "random_state=0) once on the training part; staged_predict(X_val) yields the "
                   "prediction after 1, 2, ..., 300 trees. The best count is the position of the smallest "
                   "validation MSE, counted from 1.")
def q2(best_n_trees: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any, X_test: Any, y_test: Any) -> None:
    X, y = _arrays(X_train, y_train)
    Xv, yv = _arrays(X_val, y_val)
    Xt, yt = _arrays(X_test, y_test)
    n = _as_int(best_n_trees, "best_n_trees")
    if not 1 <= n <= 300:
        raise Wrong("best_n_trees should be a number of trees between 1 and 300")
    model = _boosted(X, y, n_estimators=300, learning_rate=0.1)
    best_val = _staged_best(model, Xv, yv)
    if n == best_val:
        return
    if n == best_val - 1:
        raise Wrong("off by one: staged_predict's first prediction is after 1 tree, so add 1 to the index")
    expect_validation_choice(n, best_val, lambda: _staged_best(model, Xt, yt),
                             lambda: _staged_best(model, X, y), "count", "more trees always fit better")
    raise Wrong("best_n_trees is not the count with the lowest validation MSE")


@SET.question("q3", "predict, then verify: step size and number of trees",
              hint="A smaller learning rate takes smaller steps down the loss. For each rate fit "
                   "GradientBoostingRegressor(n_estimators=300, learning_rate=rate, max_depth=2, "
                   "random_state=0) and find its best number of trees on the validation part, as in q2.")
def q3(needs_more_trees: Any, best_n_small: Any, best_n_large: Any, X_train: Any, y_train: Any,
       X_val: Any, y_val: Any) -> None:
    X, y = _arrays(X_train, y_train)
    Xv, yv = _arrays(X_val, y_val)
    choice = _rate_choice(needs_more_trees)
    small = _staged_best(_boosted(X, y, n_estimators=300, learning_rate=0.05), Xv, yv)
    large = _staged_best(_boosted(X, y, n_estimators=300, learning_rate=0.5), Xv, yv)
    got_small = _as_int(best_n_small, "best_n_small")
    got_large = _as_int(best_n_large, "best_n_large")
    if got_small == large and got_large == small:
        raise Wrong("best_n_small and best_n_large are swapped: best_n_small belongs to learning_rate=0.05")
    if got_small != small:
        raise Wrong("best_n_small is not the best number of trees on validation for learning_rate=0.05")
    if got_large != large:
        raise Wrong("best_n_large is not the best number of trees on validation for learning_rate=0.5")
    expect_hashed(choice, "ex08.q3",
                  ["c4094ee99a058232401934c0e63c0e9848425f050934676a031fa36a0f135736"],
                  "needs_more_trees does not agree with the two counts you measured: compare them")


@SET.question("q4", "early stopping learns the number of trees",
              hint="Fit GradientBoostingRegressor(n_estimators=500, learning_rate=0.1, n_iter_no_change=5, "
                   "validation_fraction=0.2, random_state=0) on the training part. Which attribute "
                   "appears only after fit, with a trailing underscore?")
def q4(n_trees_used: Any, learned_attribute: Any, X_train: Any, y_train: Any) -> None:
    X, y = _arrays(X_train, y_train)
    if not isinstance(learned_attribute, str) or learned_attribute.strip() not in ATTRIBUTES:
        raise Wrong("learned_attribute should be the string 'n_estimators' or 'n_estimators_'")
    n = _as_int(n_trees_used, "n_trees_used")
    model = GradientBoostingRegressor(n_estimators=500, learning_rate=0.1, n_iter_no_change=5,
                                      validation_fraction=0.2, random_state=0).fit(X, y)
    if n == 500:
        raise Wrong("500 is the ceiling you set (n_estimators); with early stopping fit keeps fewer trees")
    if n != model.n_estimators_:
        raise Wrong("n_trees_used is not the number of trees that early stopping kept on X_train")
    expect_hashed(learned_attribute, "ex08.q4",
                  ["73484e6b61f063fa77bd3a83b28e41183c1279a86e16935a039d1c9e9b5a5d72"],
                  "learned_attribute names the constructor argument; the learned count is stored under "
                  "another name")


q1, q2, q3, q4 = (SET.questions[k] for k in ("q1", "q2", "q3", "q4"))
score = SET.score
__all__ = ["SET", "RATES", "ATTRIBUTES", "q1", "q2", "q3", "q4", "score"]
