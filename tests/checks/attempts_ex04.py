"""Attempts at exercise set 04 (ridge and lasso)."""

from __future__ import annotations

import functools

import numpy as np
import torch
from sklearn.datasets import make_regression
from sklearn.linear_model import Lasso, Ridge, RidgeCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler

from paramlab import datasets
from paramlab.checks import ex04

from attempts import chosen_on_another_part, pick, right, wrong


@functools.cache
def regression_split(seed: int = 0) -> dict:
    """The notebook's regression problem, split as the notebook splits it."""
    X, y = make_regression(n_samples=150, n_features=40, n_informative=6, noise=40.0, random_state=0)
    parts = datasets.split(X, y, val_size=0.2, test_size=0.2, seed=seed)
    return {"X_train": parts.X_train, "y_train": parts.y_train, "X_val": parts.X_val, "y_val": parts.y_val,
            "X_test": parts.X_test, "y_test": parts.y_test}


def lasso(alpha):
    return make_pipeline(StandardScaler(), Lasso(alpha=alpha, max_iter=10_000))


def best_alpha_on(d, X_eval, y_eval):
    scores = {a: model.score(X_eval, y_eval) for a, model in d["lassos"].items()}
    return max(scores, key=scores.get), min(scores, key=scores.get)


@functools.cache
def data() -> dict:
    d = dict(regression_split())
    X, y = d["X_train"], d["y_train"]
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    n, k = X.shape
    d["w"] = np.linalg.solve(Xc.T @ Xc + 10 * np.eye(k), Xc.T @ yc)
    d["uncentred"] = np.linalg.solve(X.T @ X + 10 * np.eye(k), X.T @ y)
    d["mean_form"] = np.linalg.solve(Xc.T @ Xc + n * 10 * np.eye(k), Xc.T @ yc)
    d["ols"] = np.linalg.lstsq(Xc, yc, rcond=None)[0]
    d["ridge_coef"] = make_pipeline(StandardScaler(), Ridge(alpha=1000)).fit(X, y)[-1].coef_
    d["lasso_coef"] = lasso(10).fit(X, y)[-1].coef_
    d["n_ridge"], d["n_lasso"] = int(np.sum(d["ridge_coef"] == 0)), int(np.sum(d["lasso_coef"] == 0))
    assert d["n_ridge"] == 0 < d["n_lasso"]
    d["lassos"] = {a: lasso(a).fit(X, y) for a in ex04.ALPHA_GRID}
    d["on_val"], d["worst_val"] = best_alpha_on(d, d["X_val"], d["y_val"])
    d["on_test"], _ = best_alpha_on(d, d["X_test"], d["y_test"])
    d["on_train"], _ = best_alpha_on(d, X, y)
    assert len({d["on_val"], d["on_test"], d["on_train"], d["worst_val"]}) == 4, "each choice must be told apart"
    d["X_all"] = np.vstack([X, d["X_val"], d["X_test"]])
    d["y_all"] = np.concatenate([y, d["y_val"], d["y_test"]])
    return d


def q1(w):
    return lambda d: {"w_ridge": w(d), **pick(d, "X_train", "y_train")}


def q2(ridge, lasso_count, effect):
    return lambda d: {"n_zero_ridge": ridge(d), "n_zero_lasso": lasso_count(d), "ridge_effect": effect,
                      **pick(d, "X_train", "y_train")}


def q3(alpha):
    return lambda d: {"best_alpha": alpha(d), **pick(d, "X_train", "y_train", "X_val", "y_val", "X_test", "y_test")}


def learned_alpha(model):
    return (model[-1] if hasattr(model, "steps") else model).alpha_


def q4(model, alpha=learned_alpha):
    def answers(d):
        fixed = model(d)
        return {"fixed_model": fixed, "alpha_learned": alpha(fixed), **pick(d, "X_train", "y_train")}
    return answers


def ridge_cv(scaler=StandardScaler, **kwargs):
    return make_pipeline(scaler(), RidgeCV(alphas=kwargs.pop("alphas", ex04.RIDGE_ALPHAS), **kwargs))


def on_train(model):
    return lambda d: model().fit(d["X_train"], d["y_train"])


RIDGE, LASSO = (lambda d: d["n_ridge"]), (lambda d: d["n_lasso"])

ATTEMPTS = [
    right("q1", "Ridge's own coef_ as a list",
          q1(lambda d: list(Ridge(alpha=10).fit(d["X_train"], d["y_train"]).coef_))),
    right("q1", "a column of a float64 tensor", q1(lambda d: torch.tensor(d["w"]).reshape(-1, 1))),
    wrong("q1", "solved without centring", q1(lambda d: d["uncentred"]), "without centring"),
    wrong("q1", "the penalty of the mean loss", q1(lambda d: d["mean_form"]), "n times too strong"),
    wrong("q1", "least squares without the penalty", q1(lambda d: d["ols"]), "unpenalized"),
    wrong("q1", "only five weights", q1(lambda d: d["w"][:5]), "should hold 40 numbers"),
    wrong("q1", "the weights of the standardized problem",
          q1(lambda d: make_pipeline(StandardScaler(), Ridge(alpha=10)).fit(d["X_train"], d["y_train"])[-1].coef_),
          "standardized features"),

    right("q2", "counts as numpy ints, capitals",
          q2(lambda d: np.int64(d["n_ridge"]), lambda d: np.int64(d["n_lasso"]), "None Are Zero")),
    wrong("q2", "believes ridge zeroes weights", q2(RIDGE, LASSO, "some are zero"),
          "does not agree with your own count"),
    wrong("q2", "counted tiny ridge weights as zero",
          q2(lambda d: int(np.sum(np.abs(d["ridge_coef"]) < 1)), LASSO, "some are zero"), "not zero"),
    wrong("q2", "counted the non-zero weights", q2(lambda d: 40 - d["n_ridge"], lambda d: 40 - d["n_lasso"],
                                                   "none are zero"), "non-zero"),
    wrong("q2", "the lasso's count from a weaker alpha",
          q2(RIDGE, lambda d: int(np.sum(lasso(1).fit(d["X_train"], d["y_train"])[-1].coef_ == 0)), "none are zero"),
          "n_zero_lasso is not"),
    wrong("q2", "an effect that is not an option", q2(RIDGE, LASSO, "no zeros"), "'none are zero'"),

    right("q3", "the validation winner as a float32 scalar", q3(lambda d: np.float32(d["on_val"]))),
    *chosen_on_another_part("q3", q3),
    wrong("q3", "kept the lowest validation R²", q3(lambda d: d["worst_val"]), "LOWEST validation R²"),
    wrong("q3", "an alpha that is not in the grid", q3(lambda d: 7.0), "ex04.ALPHA_GRID"),
    wrong("q3", "the alpha as text", q3(lambda d: str(d["on_val"])), "drop the quotes"),

    right("q4", "a min-max scaler, alpha as a numpy float", q4(on_train(lambda: ridge_cv(MinMaxScaler)),
                                                              lambda model: np.float64(model[-1].alpha_))),
    right("q4", "a robust scaler", q4(on_train(lambda: ridge_cv(RobustScaler)))),
    wrong("q4", "the pipeline fitted on every row", q4(lambda d: ridge_cv().fit(d["X_all"], d["y_all"])),
          "saw 150 rows, the training part has 90: the other rows still leak"),
    wrong("q4", "a robust scaler fitted on every row", q4(lambda d: ridge_cv(RobustScaler).fit(d["X_all"], d["y_all"])),
          "fitted on other rows or labels"),
    wrong("q4", "fitted on the validation part", q4(lambda d: ridge_cv().fit(d["X_val"], d["y_val"])),
          "saw 30 rows, the training part has 90; fit"),
    wrong("q4", "a bare RidgeCV", q4(on_train(lambda: RidgeCV(alphas=ex04.RIDGE_ALPHAS))), "bare RidgeCV"),
    wrong("q4", "RidgeCV's own default grid", q4(on_train(lambda: make_pipeline(StandardScaler(), RidgeCV()))),
          "RIDGE_ALPHAS"),
    wrong("q4", "a pipeline without a scaler", q4(on_train(lambda: make_pipeline(RidgeCV(alphas=ex04.RIDGE_ALPHAS)))),
          "no scaling step"),
    wrong("q4", "the alpha ten times off", q4(on_train(ridge_cv), lambda model: model[-1].alpha_ * 10),
          "alpha_learned"),
    wrong("q4", "the first candidate instead of the learned alpha",
          q4(on_train(ridge_cv), lambda model: model[-1].alphas[0]), "alpha_learned"),
    wrong("q4", "forgot to fit", q4(lambda d: ridge_cv(), lambda model: 1.0), "not fitted"),
    wrong("q4", "fitted on the first ten columns", q4(lambda d: ridge_cv().fit(d["X_train"][:, :10], d["y_train"])),
          "fitted on 10 columns, X_train has 40"),
]
