"""Exercise set 04: ridge and lasso.

Numeric answers are recomputed from the learner's own data inside each check;
discrete answers are compared as salted digests (see ``paramlab.grading.hashing``),
so the right choice is not readable here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.linear_model import Lasso, Ridge, RidgeCV
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import MaxAbsScaler, MinMaxScaler, RobustScaler, StandardScaler

from ..grading.answers import (arrays, expect_best_on_validation, expect_choice, number, one_of, splits,
                               vector, whole_number)
from ..grading.core import ExerciseSet, Wrong

SET = ExerciseSet.declared(__file__)

#: The values of alpha tried for the lasso in question 3.
ALPHA_GRID = tuple(float(a) for a in np.logspace(-1, 2, 7))
#: The candidates given to RidgeCV in question 4.
RIDGE_ALPHAS = tuple(float(a) for a in np.logspace(-2, 4, 13))
SCALERS = (StandardScaler, MinMaxScaler, RobustScaler, MaxAbsScaler)


@SET.question("q1")
def q1(w_ridge: Any, X_train: Any, y_train: Any) -> None:
    X, y = arrays(X_train, y_train, dtype=float)
    alpha, d, n = 10.0, X.shape[1], len(y)
    w = vector(w_ridge, d, "w_ridge")
    expected = Ridge(alpha=alpha).fit(X, y).coef_
    if np.allclose(w, expected, rtol=1e-6, atol=1e-8):
        return
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    same = lambda other: np.allclose(w, other, rtol=1e-6, atol=1e-8)  # noqa: E731
    if same(np.linalg.solve(X.T @ X + alpha * np.eye(d), X.T @ y)):
        raise Wrong("you solved without centring: with no intercept the weights have to absorb the mean; "
                    "centre X and y first (that is how Ridge leaves the intercept unpenalized)")
    if same(np.linalg.solve(Xc.T @ Xc + n * alpha * np.eye(d), Xc.T @ yc)):
        raise Wrong("your penalty is n times too strong: Ridge SUMS the squared errors, so use alpha * I, "
                    "not n * alpha * I")
    if same(make_pipeline(StandardScaler(), Ridge(alpha=alpha)).fit(X, y)[-1].coef_):
        raise Wrong("those are the weights of Ridge(alpha=10) on standardized features; the question asks for "
                    "the weights on X_train as it is, with no scaling")
    if same(np.linalg.lstsq(Xc, yc, rcond=None)[0]):
        raise Wrong("those are the unpenalized least-squares weights: add alpha * I to Xc.T @ Xc")
    raise Wrong("w_ridge is not Ridge(alpha=10)'s coef_ on X_train: check the formula")


def _zeros(model: Pipeline, X: np.ndarray, y: np.ndarray) -> int:
    return int(np.sum(model.fit(X, y)[-1].coef_ == 0))


@SET.question("q2")
def q2(n_zero_ridge: Any, n_zero_lasso: Any, ridge_effect: Any, X_train: Any, y_train: Any) -> None:
    X, y = arrays(X_train, y_train, dtype=float)
    ridge_count, lasso_count = whole_number(n_zero_ridge, "n_zero_ridge"), whole_number(n_zero_lasso, "n_zero_lasso")
    expected_ridge = _zeros(make_pipeline(StandardScaler(), Ridge(alpha=1000)), X, y)
    expected_lasso = _zeros(make_pipeline(StandardScaler(), Lasso(alpha=10, max_iter=10_000)), X, y)
    d = X.shape[1]
    if (ridge_count, lasso_count) == (d - expected_ridge, d - expected_lasso):
        raise Wrong("you counted the non-zero weights; count the weights that are exactly zero")
    if ridge_count != expected_ridge:
        raise Wrong("n_zero_ridge is not the number of exactly-zero weights of the ridge pipeline (alpha=1000); "
                    "a tiny weight such as 1e-3 is not zero")
    if lasso_count != expected_lasso:
        raise Wrong("n_zero_lasso is not the number of exactly-zero weights of the lasso pipeline (alpha=10)")
    expect_choice(ridge_effect, ("none are zero", "some are zero", "all are zero"), "ridge_effect", "ex04.q2",
                  ["7b32dcc6880fd5d1e78b07eb6c8ff7cef3a886077a9881f6b5af6cbcbb60e08b"],
                  "ridge_effect does not agree with your own count for ridge")


def _r2(models: dict[float, Pipeline], X_eval: np.ndarray, y_eval: np.ndarray) -> dict[float, float]:
    return {a: m.score(X_eval, y_eval) for a, m in models.items()}


@SET.question("q3")
def q3(best_alpha: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any, X_test: Any, y_test: Any) -> None:
    parts = splits(X_train, y_train, X_val, y_val, X_test, y_test, dtype=float)
    alpha = one_of(best_alpha, ALPHA_GRID, "best_alpha", "the values you tried: ex04.ALPHA_GRID")
    models = {a: make_pipeline(StandardScaler(), Lasso(alpha=a, max_iter=10_000)).fit(*parts[:2]) for a in ALPHA_GRID}
    expect_best_on_validation(alpha, lambda X_eval, y_eval: _r2(models, X_eval, y_eval), parts, "alpha",
                              "a weaker penalty always looks better",
                              worst="that alpha has the LOWEST validation R²: a higher R² is better",
                              otherwise="best_alpha is not the alpha with the highest validation R²")


@SET.question("q4")
def q4(fixed_model: Any, alpha_learned: Any, X_train: Any, y_train: Any) -> None:
    X, y = arrays(X_train, y_train, dtype=float)
    if isinstance(fixed_model, RidgeCV):
        raise Wrong("fixed_model is a bare RidgeCV: put the scaler inside a Pipeline so that it is fitted "
                    "on the same rows as the model")
    if not isinstance(fixed_model, Pipeline) or not isinstance(fixed_model.steps[-1][1], RidgeCV):
        raise Wrong("fixed_model should be a Pipeline (make_pipeline(...)) ending in a RidgeCV")
    steps = [step for _, step in fixed_model.steps]
    scalers = [s for s in steps[:-1] if isinstance(s, SCALERS)]
    if not scalers:
        raise Wrong("fixed_model has no scaling step before the RidgeCV (e.g. StandardScaler())")
    inner = steps[-1]
    if not hasattr(inner, "alpha_"):
        raise Wrong("fixed_model is not fitted yet: call .fit(X_train, y_train)")
    if inner.alphas is None or len(np.ravel(inner.alphas)) != len(RIDGE_ALPHAS) or not np.allclose(
            np.ravel(inner.alphas), RIDGE_ALPHAS):
        raise Wrong("give RidgeCV the candidates of the broken snippet: alphas=ex04.RIDGE_ALPHAS")
    columns = getattr(fixed_model, "n_features_in_", X.shape[1])
    if columns != X.shape[1]:
        raise Wrong(f"fixed_model was fitted on {columns} columns, X_train has {X.shape[1]}: fit the pipeline on "
                    "every feature of X_train")
    rows = getattr(scalers[0], "n_samples_seen_", len(y))
    if np.ndim(rows) == 0 and rows != len(y):
        leak = (": the other rows still leak into the scaler and the choice of alpha" if rows > len(y) else "")
        raise Wrong(f"the pipeline's {type(scalers[0]).__name__} saw {int(rows)} rows, the training part has "
                    f"{len(y)}{leak}; fit the pipeline on X_train, y_train only")
    refit = clone(fixed_model).fit(X, y)[-1]
    expected = refit.alpha_
    if not np.isclose(inner.alpha_, expected) or np.shape(inner.coef_) != np.shape(refit.coef_) or not np.allclose(
            inner.coef_, refit.coef_, rtol=1e-6, atol=1e-8):
        raise Wrong("fixed_model's learned alpha_ and weights are not those your pipeline learns from X_train, "
                    "y_train: it was fitted on other rows or labels; fit it on X_train, y_train only")
    learned = number(alpha_learned, "alpha_learned")
    if not np.isclose(learned, expected):
        raise Wrong("alpha_learned should be the alpha_ that your fitted pipeline's RidgeCV learned")


score = SET.score
__all__ = ["SET", "ALPHA_GRID", "RIDGE_ALPHAS", "q1", "q2", "q3", "q4", "score"]
