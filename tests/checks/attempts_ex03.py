"""Attempts at exercise set 03 (logistic regression)."""

from __future__ import annotations

import functools
import warnings

import numpy as np
import torch
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
from sklearn.metrics import accuracy_score, recall_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, PowerTransformer, QuantileTransformer, StandardScaler

from paramlab.checks import ex03

from attempts import chosen_on_another_part, pick, right, split, wrong


def pipeline(C=1.0, **kwargs):
    return make_pipeline(StandardScaler(), LogisticRegression(C=C, **kwargs))


def quietly_fitted(model, X, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model.fit(X, y)


@functools.cache
def data() -> dict:
    d = dict(split("breast_cancer"))
    X, y = d["X_train"], d["y_train"]
    model = pipeline().fit(X, y)
    d["p"] = model.predict_proba(d["X_val"][:1])[0, 1]
    w, b = model[-1].coef_[0], model[-1].intercept_[0]
    d["z"] = float(model[0].transform(d["X_val"][:1])[0] @ w + b)
    with np.errstate(over="ignore"):
        d["raw"] = float(1 / (1 + np.exp(-(d["X_val"][0] @ w + b))))

    def zeros(C):
        return int(np.sum(pipeline(C, l1_ratio=1, solver="liblinear").fit(X, y)[-1].coef_ == 0))

    d["weak"], d["strong"] = zeros(1.0), zeros(0.05)
    assert d["strong"] > d["weak"]
    fits = {C: pipeline(C).fit(X, y) for C in ex03.C_GRID}

    def best_on(X_eval, y_eval):
        scores = {C: model.score(X_eval, y_eval) for C, model in fits.items()}
        return max(scores, key=scores.get)

    d["on_val"], d["on_test"], d["on_train"] = best_on(d["X_val"], d["y_val"]), best_on(d["X_test"], d["y_test"]), \
        best_on(X, y)
    assert len({d["on_val"], d["on_test"], d["on_train"], 1.0}) == 4, "each choice and the default must differ"
    d["X_all"] = np.vstack([X, d["X_val"], d["X_test"]])
    d["y_all"] = np.concatenate([y, d["y_val"], d["y_test"]])

    X_imb, y_imb = make_classification(n_samples=600, weights=[0.9, 0.1], random_state=0)
    Xi, Xh, yi, yh = train_test_split(X_imb, y_imb, test_size=0.25, stratify=y_imb, random_state=0)
    d.update(X_imb_train=Xi, y_imb_train=yi, X_imb_test=Xh, y_imb_test=yh)
    imb = {"none": pipeline().fit(Xi, yi), "balanced": pipeline(class_weight="balanced").fit(Xi, yi)}
    d["recall"] = {w: recall_score(yh, m.predict(Xh)) for w, m in imb.items()}
    d["imb_accuracy"] = {w: accuracy_score(yh, m.predict(Xh)) for w, m in imb.items()}
    d["recall_0"] = {w: recall_score(yh, m.predict(Xh), pos_label=0) for w, m in imb.items()}
    d["recall_train"] = {w: recall_score(yi, m.predict(Xi)) for w, m in imb.items()}
    assert d["recall"]["none"] != d["recall"]["balanced"]

    def cv_C(Cs=ex03.C_GRID, scaled=True):
        model = LogisticRegressionCV(Cs=Cs, cv=5, l1_ratios=(0,), scoring="accuracy", use_legacy_attributes=False)
        quietly_fitted(make_pipeline(StandardScaler(), model) if scaled else model, X, y)
        return model.C_

    d["cv_C"], d["cv_C_6"], d["cv_C_10"], d["cv_C_raw"] = cv_C(), cv_C(6), cv_C(10), cv_C(scaled=False)
    assert len({d["cv_C"], d["cv_C_6"], d["cv_C_10"], d["cv_C_raw"], 1.0}) == 5
    legacy = LogisticRegressionCV(Cs=ex03.C_GRID, cv=5, l1_ratios=(0,), scoring="accuracy",
                                  use_legacy_attributes=True)
    quietly_fitted(make_pipeline(StandardScaler(), legacy), X, y)
    d["cv_C_legacy"] = legacy.C_
    return d


def q1(p):
    return lambda d: {"p_first": p(d), **pick(d, "X_train", "y_train", "X_val")}


def q2(weak, strong, effect):
    return lambda d: {"n_zero_weak": weak(d), "n_zero_strong": strong(d), "effect": effect,
                      **pick(d, "X_train", "y_train")}


def q3(C):
    return lambda d: {"best_C": C(d), **pick(d, "X_train", "y_train", "X_val", "y_val", "X_test", "y_test")}


def q4(model):
    return lambda d: {"fixed_model": model(d), **pick(d, "X_train", "y_train")}


def q5(no_weight, balanced):
    return lambda d: {"recall_no_weight": no_weight(d), "recall_balanced": balanced(d),
                      **pick(d, "X_imb_train", "y_imb_train", "X_imb_test", "y_imb_test")}


def q6(C):
    return lambda d: {"learned_C": C(d), **pick(d, "X_train", "y_train")}


def fitted(model):
    """``model`` fitted on the training part, warnings silenced (the learner saw them)."""
    return lambda d: quietly_fitted(model(), d["X_train"], d["y_train"])


WEAK, STRONG = (lambda d: d["weak"]), (lambda d: d["strong"])
NO_WEIGHT, BALANCED = (lambda d: d["recall"]["none"]), (lambda d: d["recall"]["balanced"])

ATTEMPTS = [
    right("q1", "a one-element array", q1(lambda d: np.array([d["p"]]))),
    right("q1", "a float32 tensor", q1(lambda d: torch.tensor(d["p"], dtype=torch.float32))),
    wrong("q1", "stopped at the log-odds", q1(lambda d: d["z"]), "log-odds"),
    wrong("q1", "the probability of class 0", q1(lambda d: 1 - d["p"]), "class 0"),
    wrong("q1", "used the raw row", q1(lambda d: d["raw"]), "raw row"),
    wrong("q1", "a percentage", q1(lambda d: 100 * d["p"]), "between 0 and 1"),
    wrong("q1", "the probability as text", q1(lambda d: f"{d['p']:.4f}"), "drop the quotes"),

    right("q2", "counts as floats, capitalised effect", q2(lambda d: float(d["weak"]), lambda d: float(d["strong"]),
                                                            "More Zeros")),
    wrong("q2", "counted the non-zero weights", q2(lambda d: 30 - d["weak"], lambda d: 30 - d["strong"], "more zeros"),
          "non-zero"),
    wrong("q2", "swapped the counts", q2(STRONG, WEAK, "more zeros"), "swapped"),
    wrong("q2", "predicted fewer zeros", q2(WEAK, STRONG, "fewer zeros"), "does not agree with your own counts"),
    wrong("q2", "counted with the L2 penalty", q2(lambda d: 0, lambda d: 0, "same"), "n_zero_weak is not"),
    wrong("q2", "an effect that is not an option", q2(WEAK, STRONG, "sparser"), "'more zeros'"),
    wrong("q2", "a count with a fraction", q2(lambda d: d["weak"] + 0.5, STRONG, "more zeros"), "whole number"),

    right("q3", "the validation winner as a numpy float", q3(lambda d: np.float64(d["on_val"]))),
    *chosen_on_another_part("q3", q3),
    wrong("q3", "skipped the search: LogisticRegression's default", q3(lambda d: 1), "default C"),
    wrong("q3", "a C that is not in the grid", q3(lambda d: 0.1), "ex03.C_GRID"),
    wrong("q3", "the winner as text", q3(lambda d: str(d["on_val"])), "drop the quotes"),

    right("q4", "a scaling pipeline", q4(fitted(pipeline))),
    right("q4", "a power transformer", q4(fitted(lambda: make_pipeline(PowerTransformer(), LogisticRegression())))),
    right("q4", "a quantile transformer", q4(fitted(lambda: make_pipeline(
        QuantileTransformer(n_quantiles=100, random_state=0), LogisticRegression())))),
    wrong("q4", "a bigger budget instead", q4(fitted(lambda: LogisticRegression(max_iter=1000))), "max_iter hides"),
    wrong("q4", "a pipeline without a scaler", q4(lambda d: make_pipeline(LogisticRegression())), "no scaling step"),
    wrong("q4", "forgot to fit", q4(lambda d: pipeline()), "not fitted"),
    wrong("q4", "fitted on every part", q4(lambda d: pipeline().fit(d["X_all"], d["y_all"])),
          "saw 569 rows, the training part has 341"),
    wrong("q4", "a power transformer fitted on training and validation rows",
          q4(lambda d: make_pipeline(PowerTransformer(), LogisticRegression()).fit(
              np.vstack([d["X_train"], d["X_val"]]), np.concatenate([d["y_train"], d["y_val"]]))),
          "learned weights are not those"),
    wrong("q4", "fitted on the first ten columns", q4(lambda d: pipeline().fit(d["X_train"][:, :10], d["y_train"])),
          "fitted on 10 columns, X_train has 30"),
    wrong("q4", "scaled, but with a bigger budget", q4(fitted(lambda: pipeline(max_iter=10_000))),
          "default max_iter"),
    wrong("q4", "scaled, but a looser tolerance", q4(fitted(lambda: pipeline(tol=1.0))), "default tol"),
    wrong("q4", "scaled, but a starved budget", q4(fitted(lambda: pipeline(max_iter=2))),
          "a smaller budget stops the solver"),
    wrong("q4", "scaled, but a tighter tolerance", q4(fitted(lambda: pipeline(tol=1e-8))),
          "a tighter tolerance asks for more iterations"),
    wrong("q4", "scaled, but another solver", q4(fitted(lambda: pipeline(solver="saga"))), "default solver"),
    wrong("q4", "a step that changes nothing", q4(fitted(lambda: make_pipeline(FunctionTransformer(),
                                                                              LogisticRegression()))),
          "does not converge"),

    right("q5", "the recalls as numpy floats", q5(lambda d: np.float64(d["recall"]["none"]),
                                                 lambda d: np.float64(d["recall"]["balanced"]))),
    right("q5", "one recall as a float32 tensor",
          q5(lambda d: torch.tensor(d["recall"]["none"], dtype=torch.float32), BALANCED)),
    wrong("q5", "swapped the recalls", q5(BALANCED, NO_WEIGHT), "swapped"),
    wrong("q5", "accuracy instead of recall", q5(lambda d: d["imb_accuracy"]["none"], BALANCED),
          "recall_no_weight is the accuracy on X_imb_test"),
    wrong("q5", "both accuracies", q5(lambda d: d["imb_accuracy"]["none"], lambda d: d["imb_accuracy"]["balanced"]),
          "recall_balanced is the accuracy on X_imb_test"),
    wrong("q5", "the recall of the majority class", q5(lambda d: d["recall_0"]["none"],
                                                       lambda d: d["recall_0"]["balanced"]), "majority class 0"),
    wrong("q5", "scored on the training part", q5(NO_WEIGHT, lambda d: d["recall_train"]["balanced"]),
          "recall_balanced is the recall on the TRAINING part"),
    wrong("q5", "percentages", q5(lambda d: 100 * d["recall"]["none"], BALANCED), "percentage"),
    wrong("q5", "the recall as text", q5(lambda d: f"{d['recall']['none']:.3f}", BALANCED), "drop the quotes"),

    right("q6", "C_ as a float", q6(lambda d: float(d["cv_C"]))),
    right("q6", "the legacy C_ array of one value", q6(lambda d: d["cv_C_legacy"])),
    wrong("q6", "LogisticRegression's default C", q6(lambda d: 1.0), "default C"),
    wrong("q6", "Cs=6 instead of the grid", q6(lambda d: d["cv_C_6"]), "Cs=6"),
    wrong("q6", "LogisticRegressionCV's default grid", q6(lambda d: d["cv_C_10"]), "default grid (Cs=10)"),
    wrong("q6", "fitted without the scaler", q6(lambda d: d["cv_C_raw"]), "unscaled features"),
    wrong("q6", "a C that is no candidate", q6(lambda d: 0.3), "learned_C is not the value computed"),
    wrong("q6", "the CV model itself", q6(lambda d: LogisticRegressionCV()), "single number"),
]
