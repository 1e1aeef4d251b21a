"""Exercise set 03: logistic regression.

Numeric answers are recomputed from the learner's own data inside each check;
discrete answers are compared as salted digests (see ``paramlab.grading.hashing``),
so the right choice is not readable here.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
from sklearn.metrics import accuracy_score, recall_score
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

from ..grading.answers import (not_swapped, arrays, every, expect_best_on_validation, expect_choice, expect_pair,
                               expect_value, number, one_of, splits, whole_number)
from ..grading.core import ExerciseSet, Wrong

SET = ExerciseSet.declared(__file__)

#: The values of C tried in question 3 (a decade apart; LogisticRegression's default C=1 is not among them).
C_GRID = tuple(float(c) for c in 5 * np.logspace(-4, 1, 6))


def _pipeline(C: float = 1.0, **kwargs: Any) -> Pipeline:
    return make_pipeline(StandardScaler(), LogisticRegression(C=C, **kwargs))


@SET.question("q1")
def q1(p_first: Any, X_train: Any, y_train: Any, X_val: Any) -> None:
    X, y = arrays(X_train, y_train, dtype=float)
    Xv = np.asarray(X_val, dtype=float)
    if Xv.ndim != 2 or Xv.shape[1] != X.shape[1]:
        raise Wrong("pass X_val exactly as the notebook loaded it (rows with the features of X_train)")
    p = number(p_first, "p_first")
    model = _pipeline().fit(X, y)
    expected = model.predict_proba(Xv[:1])[0, 1]
    if np.isclose(p, expected, rtol=1e-6, atol=1e-9):
        return
    lr = model[-1]
    z = float(model[0].transform(Xv[:1])[0] @ lr.coef_[0] + lr.intercept_[0])
    if np.isclose(p, z, rtol=1e-6):
        raise Wrong("that is the score z = w.x + b (the log-odds); turn it into a probability with the sigmoid")
    if np.isclose(p, 1 - expected, rtol=1e-6, atol=1e-9):
        raise Wrong("that is the probability of class 0; p_first should be the probability of class 1")
    with np.errstate(over="ignore"):
        raw = 1 / (1 + np.exp(-(Xv[0] @ lr.coef_[0] + lr.intercept_[0])))
    if np.isclose(p, raw, rtol=1e-6, atol=1e-9):
        raise Wrong("you used the raw row: the weights were learned on scaled features, so scale the row "
                    "with the pipeline's fitted scaler first")
    if not 0 <= p <= 1:
        raise Wrong("p_first should be a probability, between 0 and 1")
    raise Wrong("p_first is not the probability of class 1 that the fitted pipeline gives the first "
                "validation row")


def _zeros(C: float, X: np.ndarray, y: np.ndarray) -> int:
    model = _pipeline(C, l1_ratio=1, solver="liblinear").fit(X, y)
    return int(np.sum(model[-1].coef_ == 0))


@SET.question("q2")
def q2(n_zero_weak: Any, n_zero_strong: Any, effect: Any, X_train: Any, y_train: Any) -> None:
    X, y = arrays(X_train, y_train, dtype=float)
    weak, strong = whole_number(n_zero_weak, "n_zero_weak"), whole_number(n_zero_strong, "n_zero_strong")
    expected_weak, expected_strong = _zeros(1.0, X, y), _zeros(0.05, X, y)
    n_features = X.shape[1]
    if (weak, strong) == (n_features - expected_weak, n_features - expected_strong):
        raise Wrong("you counted the non-zero weights; count the weights that are exactly zero")
    expect_pair((weak, strong), (expected_weak, expected_strong), ("n_zero_weak", "n_zero_strong"),
                tuple(f"the number of zero weights of the L1 pipeline with C={C} on X_train" for C in (1, 0.05)),
                swapped="the two counts are swapped: n_zero_weak is for C=1 (weak penalty), n_zero_strong for "
                        "C=0.05")
    expect_choice(effect, ("more zeros", "fewer zeros", "same"), "effect", "ex03.q2",
                  ["8892cd9fbf3cfdc681493ab60bca80317f224e951cdcadc91036cb2051fe01d7"],
                  "effect does not agree with your own counts: which C gave more zero weights?")


@SET.question("q3")
def q3(best_C: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any, X_test: Any, y_test: Any) -> None:
    parts = splits(X_train, y_train, X_val, y_val, X_test, y_test, dtype=float)
    X, y = parts[:2]
    default = LogisticRegression().C
    if np.isclose(number(best_C, "best_C"), default) and not any(np.isclose(default, c) for c in C_GRID):
        raise Wrong(f"{default:g} is LogisticRegression's default C, and it is not in ex03.C_GRID: fit one "
                    "pipeline per C of the grid and compare their validation accuracies")
    C = one_of(best_C, C_GRID, "best_C", "the values you tried: ex03.C_GRID")
    models = {c: _pipeline(c).fit(X, y) for c in C_GRID}
    expect_best_on_validation(C, lambda X_eval, y_eval: {c: m.score(X_eval, y_eval) for c, m in models.items()},
                              parts, "C", "a weaker penalty always looks better",
                              otherwise="best_C is not the C with the highest validation accuracy (the smallest "
                                        "one if several tie)")


#: LogisticRegression's own defaults that question 4 asks the learner to keep, and why, by the direction of
#: the change (larger / smaller than the default; the solver only differs).
KEPT_DEFAULTS = {
    "max_iter": ("keep LogisticRegression's default max_iter: a bigger budget hides the problem instead of "
                 "fixing it; make the features well conditioned",
                 "keep LogisticRegression's default max_iter: a smaller budget stops the solver before it "
                 "converges; make the features well conditioned so that the default is enough"),
    "tol": ("keep LogisticRegression's default tol: a looser tolerance stops the solver early instead of "
            "fixing the problem",
            "keep LogisticRegression's default tol: a tighter tolerance asks for more iterations; make the "
            "features well conditioned so that the default converges"),
    "solver": ("keep LogisticRegression's default solver: the task is to make the problem well conditioned "
               "for it",) * 2,
}


@SET.question("q4")
def q4(fixed_model: Any, X_train: Any, y_train: Any) -> None:
    X, y = arrays(X_train, y_train, dtype=float)
    if isinstance(fixed_model, LogisticRegression):
        raise Wrong("fixed_model is a bare LogisticRegression: raising max_iter hides the problem; put a "
                    "scaler in front of it in a Pipeline")
    if not isinstance(fixed_model, Pipeline):
        raise Wrong("fixed_model should be a Pipeline (make_pipeline(...)) ending in a LogisticRegression")
    steps = [step for _, step in fixed_model.steps]
    if not isinstance(steps[-1], LogisticRegression):
        raise Wrong("the last step of fixed_model should be a LogisticRegression")
    defaults, chosen = LogisticRegression().get_params(), steps[-1].get_params()
    for name, (if_larger, if_smaller) in KEPT_DEFAULTS.items():
        if chosen[name] != defaults[name]:
            smaller = name != "solver" and isinstance(chosen[name], (int, float)) and chosen[name] < defaults[name]
            raise Wrong(if_smaller if smaller else if_larger)
    transformers = [s for s in steps[:-1] if s is not None and s != "passthrough" and hasattr(s, "transform")]
    if not transformers:
        raise Wrong("fixed_model has no scaling step (no transformer) before the LogisticRegression")
    if not hasattr(steps[-1], "coef_"):
        raise Wrong("fixed_model is not fitted yet: call .fit(X_train, y_train)")
    columns = getattr(fixed_model, "n_features_in_", X.shape[1])
    if columns != X.shape[1]:
        raise Wrong(f"fixed_model was fitted on {columns} columns, X_train has {X.shape[1]}: fit the pipeline on "
                    "every feature of X_train")
    for t in transformers:
        rows = getattr(t, "n_samples_seen_", len(y))
        if np.ndim(rows) == 0 and rows != len(y):
            raise Wrong(f"the pipeline's {type(t).__name__} saw {int(rows)} rows, the training part has "
                        f"{len(y)}: fit the whole pipeline on the training part only")
    refit = clone(fixed_model)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")                    # e.g. a transformer's note about its settings
        warnings.simplefilter("error", ConvergenceWarning)
        try:
            refit.fit(X, y)
        except ConvergenceWarning:
            raise Wrong("fixed_model still does not converge on the training part (ConvergenceWarning)") from None
    lr = refit[-1]
    if int(np.max(lr.n_iter_)) >= lr.max_iter:
        raise Wrong("the solver used its whole max_iter budget: it has not converged")
    if np.shape(steps[-1].coef_) != np.shape(lr.coef_) or not np.allclose(
            steps[-1].coef_, lr.coef_, rtol=1e-3, atol=1e-4):
        raise Wrong("fixed_model's learned weights are not those your pipeline learns from X_train, y_train: "
                    "it was fitted on other rows or labels; fit it on the training part as the notebook "
                    "loaded it")


#: Question 5's two settings of class_weight, in the order of the answers (recall_no_weight, recall_balanced).
CLASS_WEIGHTS = (None, "balanced")


def _imbalanced(X_imb_train: Any, y_imb_train: Any, X_imb_test: Any,
                y_imb_test: Any) -> tuple[np.ndarray, ...]:
    X, y = arrays(X_imb_train, y_imb_train, "X_imb_train", dtype=float)
    Xt, yt = arrays(X_imb_test, y_imb_test, "X_imb_test", dtype=float)
    if X.shape[1] != Xt.shape[1] or set(np.unique(y)) != {0.0, 1.0} or set(np.unique(yt)) != {0.0, 1.0}:
        raise Wrong("pass the imbalanced data exactly as the notebook built it (labels 0 and 1, the same "
                    "features in both parts)")
    return X, y.astype(int), Xt, yt.astype(int)


@SET.question("q5")
def q5(recall_no_weight: Any, recall_balanced: Any, X_imb_train: Any, y_imb_train: Any, X_imb_test: Any,
       y_imb_test: Any) -> None:
    X, y, Xt, yt = _imbalanced(X_imb_train, y_imb_train, X_imb_test, y_imb_test)
    got = (number(recall_no_weight, "recall_no_weight"), number(recall_balanced, "recall_balanced"))
    models = [_pipeline(class_weight=w).fit(X, y) for w in CLASS_WEIGHTS]
    expected = [recall_score(yt, m.predict(Xt)) for m in models]
    not_swapped(got, expected, "the two recalls are swapped: recall_no_weight is for class_weight=None, "
                "recall_balanced for class_weight='balanced'")

    def one(value: Any, what: str, model: Pipeline, want: float) -> Any:
        return lambda: expect_value(value, want, what, [
            (lambda: accuracy_score(yt, model.predict(Xt)),
             f"{what} is the accuracy on X_imb_test: on imbalanced data accuracy hides the minority class; "
             "store the recall of class 1, recall_score(y_imb_test, predictions)"),
            (lambda: recall_score(yt, model.predict(Xt), pos_label=0),
             f"{what} is the recall of the majority class 0; the question asks how much of the minority "
             "class (label 1) the model finds: recall_score's default pos_label=1"),
            (lambda: recall_score(y, model.predict(X)),
             f"{what} is the recall on the TRAINING part the model was fitted on; score it on the held-out "
             "part, X_imb_test"),
            (100 * want, f"{what} looks like a percentage: store the recall as a fraction between 0 and 1")])

    every(*(one(value, what, model, want) for value, what, model, want in
            zip((recall_no_weight, recall_balanced), ("recall_no_weight", "recall_balanced"), models, expected)))


def _cv_C(X: np.ndarray, y: np.ndarray, Cs: Any = C_GRID, scaled: bool = True) -> float:
    model = LogisticRegressionCV(Cs=Cs, cv=5, l1_ratios=(0,), scoring="accuracy", use_legacy_attributes=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")                    # the unscaled fits do not converge
        (make_pipeline(StandardScaler(), model) if scaled else model).fit(X, y)
    return float(model.C_)


@SET.question("q6")
def q6(learned_C: Any, X_train: Any, y_train: Any) -> None:
    X, y = arrays(X_train, y_train, dtype=float)
    value = number(learned_C, "learned_C")
    default = LogisticRegression().C
    expect_value(value, _cv_C(X, y), "learned_C", [
        (default, f"{default:g} is LogisticRegression's default C, which LogisticRegressionCV does not use: "
                  "read C_, the value its own cross-validation picked, from the fitted last step"),
        (lambda: _cv_C(X, y, Cs=len(C_GRID)),
         "that C comes from Cs=6, which makes LogisticRegressionCV build its own grid of six values; pass the "
         "grid itself, Cs=ex03.C_GRID"),
        (lambda: _cv_C(X, y, Cs=10),
         "that C comes from LogisticRegressionCV's default grid (Cs=10); pass Cs=ex03.C_GRID"),
        (lambda: _cv_C(X, y, scaled=False),
         "that is the C_ of a LogisticRegressionCV fitted on unscaled features; put it in a pipeline after a "
         "StandardScaler, as every model of this set"),
    ])


score = SET.score
__all__ = ["SET", "C_GRID", "CLASS_WEIGHTS", "q1", "q2", "q3", "q4", "q5", "q6", "score"]
