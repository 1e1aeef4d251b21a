"""Attempts at exercise set 08 (gradient boosting)."""

from __future__ import annotations

import functools

import numpy as np
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_squared_error
from sklearn.tree import DecisionTreeRegressor

from paramlab.checks import ex08

from attempts import chosen_on_another_part, pick, right, split, wrong


def _best(model, X, y):
    return int(np.argmin([mean_squared_error(y, p) for p in model.staged_predict(X)])) + 1


@functools.cache
def data() -> dict:
    d = dict(split("diabetes"))
    X, y, Xv, yv = d["X_train"], d["y_train"], d["X_val"], d["y_val"]
    # q1: one boosting step
    f0 = y.mean()
    tree = DecisionTreeRegressor(max_depth=3, random_state=0).fit(X, y - f0)
    on_y = DecisionTreeRegressor(max_depth=3, random_state=0).fit(X, y)
    d["f0"], d["median"] = f0, float(np.median(y))
    d["mse_right"] = mean_squared_error(yv, f0 + 0.1 * tree.predict(Xv))
    d["mse_full_step"] = mean_squared_error(yv, f0 + tree.predict(Xv))
    d["mse_uphill"] = mean_squared_error(yv, f0 - 0.1 * tree.predict(Xv))
    d["mse_on_y"] = mean_squared_error(yv, f0 + 0.1 * on_y.predict(Xv))
    d["mse_train"] = mean_squared_error(y, f0 + 0.1 * tree.predict(X))
    d["mse_start"] = mean_squared_error(yv, np.full_like(yv, f0))
    # q2: staged_predict on one model
    model = GradientBoostingRegressor(n_estimators=300, learning_rate=0.1, max_depth=2, random_state=0).fit(X, y)
    d["on_val"], d["on_test"], d["on_train"] = _best(model, Xv, yv), _best(model, d["X_test"], d["y_test"]), \
        _best(model, X, y)
    assert len({d["on_val"], d["on_test"], d["on_train"], d["on_val"] - 1}) == 4, \
        "the split must tell each wrong choice apart"
    # q3: two learning rates
    d["small"], d["large"] = (
        _best(GradientBoostingRegressor(n_estimators=300, learning_rate=r, max_depth=2, random_state=0).fit(X, y),
              Xv, yv) for r in (0.05, 0.5))
    assert d["small"] != d["large"]
    # q4: early stopping
    stopper = GradientBoostingRegressor(n_estimators=500, learning_rate=0.1, n_iter_no_change=5,
                                        validation_fraction=0.2, random_state=0).fit(X, y)
    d["stopper"] = stopper
    assert stopper.n_estimators_ not in (100, 500) and stopper.n_estimators_ > 5, "early stopping must stop early"
    return d


def q1(f0, mse):
    return lambda d: {"init_value": f0(d), "val_mse_one_step": mse(d), **pick(d, "X_train", "y_train", "X_val", "y_val")}


def q2(n):
    return lambda d: {"best_n_trees": n(d), **pick(d, "X_train", "y_train", "X_val", "y_val", "X_test", "y_test")}


def q3(rate, small=lambda d: d["small"], large=lambda d: d["large"]):
    return lambda d: {"needs_more_trees": rate, "best_n_small": small(d), "best_n_large": large(d),
                      **pick(d, "X_train", "y_train", "X_val", "y_val")}


def q4(n, name):
    return lambda d: {"n_trees_used": n(d), "learned_attribute": name, **pick(d, "X_train", "y_train")}


KEPT = lambda d: len(d["stopper"].estimators_)  # noqa: E731

ATTEMPTS = [
    right("q1", "the mean as a one-element array (issue 14)",
          q1(lambda d: np.array([d["f0"]]), lambda d: np.float64(d["mse_right"]))),
    right("q1", "the mean as a 0-d array", q1(lambda d: np.asarray(d["f0"]), lambda d: d["mse_right"])),
    wrong("q1", "started from the median", q1(lambda d: d["median"], lambda d: d["mse_right"]), "median"),
    wrong("q1", "started from the validation mean", q1(lambda d: d["y_val"].mean(), lambda d: d["mse_right"]),
          "from y_val"),
    wrong("q1", "started from zero", q1(lambda d: 0.0, lambda d: d["mse_right"]), "does not start from 0"),
    wrong("q1", "took a full step", q1(lambda d: d["f0"], lambda d: d["mse_full_step"]), "full step"),
    wrong("q1", "stepped along the gradient", q1(lambda d: d["f0"], lambda d: d["mse_uphill"]), "uphill"),
    wrong("q1", "fitted the tree to y", q1(lambda d: d["f0"], lambda d: d["mse_on_y"]), "residuals"),
    wrong("q1", "measured on the training part", q1(lambda d: d["f0"], lambda d: d["mse_train"]),
          "training part"),
    wrong("q1", "stopped at F0", q1(lambda d: d["f0"], lambda d: d["mse_start"]), "constant start F0"),
    wrong("q1", "reported the RMSE", q1(lambda d: d["f0"], lambda d: np.sqrt(d["mse_right"])), "RMSE"),
    wrong("q1", "the mean as text", q1(lambda d: str(d["f0"]), lambda d: d["mse_right"]), "drop the quotes"),

    right("q2", "the validation winner as a float", q2(lambda d: float(d["on_val"]))),
    *chosen_on_another_part("q2", q2),
    wrong("q2", "kept the 0-based index", q2(lambda d: d["on_val"] - 1), "off by one"),
    wrong("q2", "more trees than were fitted", q2(lambda d: 301), "between 1 and 300"),

    right("q3", "the rate as a number", q3(0.05)),
    right("q3", "the rate as a string with spaces", q3(" 0.05 ")),
    right("q3", "the rate as a float32", q3(np.float32(0.05))),
    wrong("q3", "the other rate, as a string", q3("0.5"), "compare them"),
    wrong("q3", "the other rate, as a number", q3(0.5), "compare them"),
    wrong("q3", "the counts swapped", q3("0.05", lambda d: d["large"], lambda d: d["small"]), "swapped"),
    wrong("q3", "a count off by one", q3("0.05", lambda d: d["small"] - 1), "learning_rate=0.05"),
    wrong("q3", "a word instead of a rate", q3("small"), "'0.05' or '0.5'"),
    wrong("q3", "the rate as text with a trailing zero (write the number, or the text as offered)", q3("0.050"),
          "'0.05' or '0.5'"),
    wrong("q3", "the other rate as text with a trailing zero", q3("0.50"), "'0.05' or '0.5'"),
    wrong("q3", "a rate that is not offered", q3(0.1), "0.05 or 0.5"),
    wrong("q3", "True", q3(True), "should be a number"),
    wrong("q3", "None", q3(None), "single number"),

    right("q4", "the count as a numpy int, the name with spaces",
          q4(lambda d: np.int64(KEPT(d)), " n_estimators_ ")),
    wrong("q4", "the ceiling that was set", q4(lambda d: 500, "n_estimators_"), "ceiling"),
    wrong("q4", "went back to the last improvement", q4(lambda d: KEPT(d) - 5, "n_estimators_"),
          "does not go back"),
    wrong("q4", "the constructor argument (issue 14: no other option revealed)", q4(KEPT, "n_estimators"),
          "constructor argument"),
    wrong("q4", "the trees themselves", q4(KEPT, "estimators_"), "one entry per kept tree"),
    wrong("q4", "the training scores", q4(KEPT, "train_score_"), "one entry per kept tree"),
    wrong("q4", "a learned number that is not the count", q4(KEPT, "n_features_in_"), "holds 10"),
    wrong("q4", "the early-stopping patience", q4(KEPT, "n_iter_no_change"), "constructor argument"),
    wrong("q4", "with the object", q4(KEPT, "stopper.n_estimators_"), "without the object"),
    wrong("q4", "in capitals", q4(KEPT, "N_ESTIMATORS_"), "case-sensitive"),
    wrong("q4", "a name the model does not have", q4(KEPT, "n_trees_"), "no attribute 'n_trees_'"),
    wrong("q4", "the value instead of the name", q4(KEPT, 20), "not its value"),
]
