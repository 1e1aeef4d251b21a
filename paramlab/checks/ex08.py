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

from ..grading.answers import (splits, arrays, choice, expect_hashed, expect_pair, expect_validation_choice, number, one_of,
                               tolerance, whole_number)
from ..grading.core import ExerciseSet, Wrong

SET = ExerciseSet.declared(__file__)

#: The two learning rates of question 3, as the learner may write them.
RATES = ("0.05", "0.5")

#: Question 4's early-stopping model.
Q4_PARAMS = dict(n_estimators=500, learning_rate=0.1, n_iter_no_change=5, validation_fraction=0.2, random_state=0)


def _staged_best(model: GradientBoostingRegressor, X: np.ndarray, y: np.ndarray) -> int:
    errors = [mean_squared_error(y, pred) for pred in model.staged_predict(X)]
    return int(np.argmin(errors)) + 1


def _boosted(X: np.ndarray, y: np.ndarray, **params: Any) -> GradientBoostingRegressor:
    return GradientBoostingRegressor(max_depth=2, random_state=0, **params).fit(X, y)


@SET.question("q1")
def q1(init_value: Any, val_mse_one_step: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any) -> None:
    X, y, Xv, yv = splits(X_train, y_train, X_val, y_val, dtype=float)
    f0 = number(init_value, "init_value")
    got = number(val_mse_one_step, "val_mse_one_step")

    def near(value: float, target: float, given: Any = val_mse_one_step) -> bool:
        return math.isclose(value, target, rel_tol=tolerance(given, 1e-9), abs_tol=1e-12)

    mean = float(y.mean())
    if not near(f0, mean, init_value):
        if near(f0, float(np.median(y)), init_value):
            raise Wrong("init_value is the median of y_train: the median is the best constant for the absolute "
                        "error; boosting with the squared loss starts from the constant that minimizes the "
                        "squared loss")
        if near(f0, float(yv.mean()), init_value):
            raise Wrong("init_value was computed from y_val: like every learned value, F0 comes from the "
                        "training part only")
        if f0 == 0:
            raise Wrong("boosting does not start from 0: F0 is the best single constant for the loss on y_train")
        raise Wrong("init_value is not the constant that minimizes the squared loss over y_train")
    tree = DecisionTreeRegressor(max_depth=3, random_state=0).fit(X, y - mean)
    step = tree.predict(Xv)
    expected = mean_squared_error(yv, mean + 0.1 * step)
    if near(got, expected):
        return
    if near(got, math.sqrt(expected)):
        raise Wrong("val_mse_one_step is the root of the mean squared error (RMSE); store the MSE itself")
    if near(got, mean_squared_error(yv, np.full_like(yv, mean))):
        raise Wrong("that is the error of the constant start F0; add the first tree's step")
    if near(got, mean_squared_error(yv, mean + step)):
        raise Wrong("you took a full step; the step is learning_rate (0.1) times the tree's prediction")
    if near(got, mean_squared_error(yv, mean - 0.1 * step)):
        raise Wrong("your step went uphill: the tree is fitted to the NEGATIVE gradient of the loss, so adding "
                    "its prediction must lower the error")
    on_y = DecisionTreeRegressor(max_depth=3, random_state=0).fit(X, y)
    if near(got, mean_squared_error(yv, mean + 0.1 * on_y.predict(Xv))):
        raise Wrong("the tree was fitted to y itself; boosting fits it to the residuals y_train - F0")
    if near(got, mean_squared_error(y, mean + 0.1 * tree.predict(X))):
        raise Wrong("that error was measured on the training part; measure it on the validation part")
    raise Wrong("val_mse_one_step is not the validation MSE of F1 = F0 + 0.1 * (the first tree's prediction)")


@SET.question("q2")
def q2(best_n_trees: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any, X_test: Any, y_test: Any) -> None:
    X, y, Xv, yv = splits(X_train, y_train, X_val, y_val, dtype=float)
    Xt, yt = arrays(X_test, y_test, "X_test", dtype=float)
    n = whole_number(best_n_trees, "best_n_trees")
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


def _rate(value: Any) -> str:
    """The learning rate named, as the string of RATES; written as the number or as a string."""
    if isinstance(value, str):
        return choice(value, RATES, "needs_more_trees")
    rate = one_of(value, [float(r) for r in RATES], "needs_more_trees", "the two learning rates, 0.05 or 0.5")
    return f"{rate:g}"


@SET.question("q3")
def q3(needs_more_trees: Any, best_n_small: Any, best_n_large: Any, X_train: Any, y_train: Any,
       X_val: Any, y_val: Any) -> None:
    X, y, Xv, yv = splits(X_train, y_train, X_val, y_val, dtype=float)
    rate = _rate(needs_more_trees)
    got_small = whole_number(best_n_small, "best_n_small")
    got_large = whole_number(best_n_large, "best_n_large")
    small = _staged_best(_boosted(X, y, n_estimators=300, learning_rate=0.05), Xv, yv)
    large = _staged_best(_boosted(X, y, n_estimators=300, learning_rate=0.5), Xv, yv)
    expect_pair((got_small, got_large), (small, large), ("best_n_small", "best_n_large"),
                tuple(f"the best number of trees on validation for learning_rate={r}" for r in (0.05, 0.5)),
                swapped="best_n_small and best_n_large are swapped: best_n_small belongs to learning_rate=0.05")
    expect_hashed(rate, "ex08.q3",
                  ["c4094ee99a058232401934c0e63c0e9848425f050934676a031fa36a0f135736"],
                  "needs_more_trees does not agree with the two counts you measured: compare them")


def _describe(value: Any) -> str:
    shape = getattr(value, "shape", None)
    if shape is not None and len(shape):
        return f"an array of shape {tuple(shape)}"
    return f"{type(value).__name__} {value!r}" if isinstance(value, (str, type(None))) else repr(value)


@SET.question("q4")
def q4(n_trees_used: Any, learned_attribute: Any, X_train: Any, y_train: Any) -> None:
    X, y = arrays(X_train, y_train, dtype=float)
    n = whole_number(n_trees_used, "n_trees_used")
    if not isinstance(learned_attribute, str):
        raise Wrong(f"learned_attribute should be the attribute's name as a string (such as 'coef_'), not its "
                    f"value; got {type(learned_attribute).__name__}")
    model = GradientBoostingRegressor(**Q4_PARAMS).fit(X, y)
    kept = len(model.estimators_)
    if n != kept:
        if n == Q4_PARAMS["n_estimators"]:
            raise Wrong("500 is the ceiling you set (n_estimators); with early stopping fit keeps fewer trees")
        if n == kept - Q4_PARAMS["n_iter_no_change"]:
            raise Wrong("fit does not go back to the last improvement: it keeps every tree it built, up to the "
                        "one after which it stopped")
        raise Wrong("n_trees_used is not the number of trees that early stopping kept on X_train")
    name = learned_attribute.strip()
    attributes = {k: v for k, v in vars(model).items() if not k.startswith("_")}
    if name not in attributes:
        if "." in name:
            raise Wrong("write only the attribute's name in learned_attribute, without the object and the dot "
                        "(as in 'coef_', not 'model.coef_')")
        if name.lower() in {k.lower() for k in attributes}:
            raise Wrong(f"the fitted model has no attribute {name!r}: attribute names are case-sensitive")
        raise Wrong(f"the fitted model has no attribute {name!r}: list what it holds with vars(stopper)")
    if name in model.get_params():
        raise Wrong(f"{name!r} is a constructor argument: get_params() returns it and fit leaves it as you set "
                    f"it (here {attributes[name]!r}); the count that fit decided is an attribute that a fresh, "
                    "unfitted model does not have")
    value = attributes[name]
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        per_tree = getattr(value, "shape", (None,))[:1] == (kept,)
        raise Wrong(f"{name!r} is learned by fit, but it is {_describe(value)}"
                    + (", one entry per kept tree" if per_tree else "")
                    + ", not the count itself: which learned attribute is a single whole number?")
    if int(value) != kept:
        raise Wrong(f"{name!r} is learned by fit, but it holds {int(value)}, not the number of trees kept")
    expect_hashed(name, "ex08.q4", ["73484e6b61f063fa77bd3a83b28e41183c1279a86e16935a039d1c9e9b5a5d72"],
                  "learned_attribute is not the attribute where fit stores the number of trees it kept",
                  exact_case=True)


score = SET.score
__all__ = ["SET", "RATES", "q1", "q2", "q3", "q4", "score"]
