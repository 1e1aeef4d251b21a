"""Attempts at exercise set 09 (support vector machines)."""

from __future__ import annotations

import functools
import warnings

import numpy as np
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

from paramlab import datasets
from paramlab.checks import ex09

from attempts import chosen_on_another_part, pick, right, split, wrong


def moons_split(seed: int = 0) -> dict:
    """The moons parts of questions 3 and 4, named as the notebook names them (``moons_X_train``, ...).

    attempts.split cannot pass the dataset's own seed (1) next to the split's."""
    moons = datasets.load("moons", n_samples=300, noise=0.3, seed=1)
    parts = datasets.split(moons.X, moons.y, val_size=0.25, test_size=0.25, seed=seed)
    return {f"moons_{k}_{p}": getattr(parts, f"{k}_{p}") for p in ("train", "val", "test") for k in "Xy"}


def linear(X, y, C, scaled=True):
    return make_pipeline(StandardScaler(), SVC(kernel="linear", C=C)).fit(X, y)[-1] if scaled else \
        SVC(kernel="linear", C=C).fit(X, y)


def best_pair(parts, X_eval, y_eval):
    scores = {(C, g): SVC(kernel="rbf", C=C, gamma=g).fit(parts["moons_X_train"], parts["moons_y_train"])
              .score(X_eval, y_eval)
              for C in ex09.C_VALUES for g in ex09.GAMMA_VALUES}
    return max(scores, key=scores.get)


@functools.cache
def data() -> dict:
    d = {"cancer": split("breast_cancer"), "moons": moons_split()}
    X, y = d["cancer"]["X_train"], d["cancer"]["y_train"]
    d["svm"], d["raw"] = linear(X, y, 1.0), linear(X, y, 1.0, scaled=False)
    d["rbf_count"] = make_pipeline(StandardScaler(), SVC(C=1.0)).fit(X, y)[-1].support_vectors_.shape[0]
    assert d["raw"].support_vectors_.shape[0] not in {d["svm"].support_vectors_.shape[0], d["rbf_count"], len(X)}
    d["small"], d["large"] = (linear(X, y, C).support_vectors_.shape[0] for C in (0.01, 100))
    assert d["small"] != d["large"]
    m = d["moons"]
    d["on_val"], d["on_test"], d["on_train"] = (best_pair(m, m[f"moons_X_{p}"], m[f"moons_y_{p}"])
                                                for p in ("val", "test", "train"))
    assert len({d["on_val"], d["on_test"], d["on_train"]}) == 3, "the split must tell each wrong choice apart"
    rbf = SVC(kernel="rbf", C=1, gamma=0.5).fit(m["moons_X_train"], m["moons_y_train"])
    d["rbf"] = rbf
    d["sq"] = ((rbf.support_vectors_ - m["moons_X_val"][0]) ** 2).sum(axis=1)
    d["f"] = float(rbf.decision_function(m["moons_X_val"][:1])[0])
    return d


def q1(n, w):
    return lambda d: {"n_sv": n(d), "w": w(d), **pick(d["cancer"], "X_train", "y_train")}


def q2(prediction, small=lambda d: d["small"], large=lambda d: d["large"]):
    return lambda d: {"prediction": prediction, "n_sv_small_C": small(d), "n_sv_large_C": large(d),
                      **pick(d["cancer"], "X_train", "y_train")}


def q3(pair):
    return lambda d: dict(zip(("best_C", "best_gamma"), pair(d)), **d["moons"])


def q4(value):
    return lambda d: {"decision_by_hand": value(d), **pick(d["moons"], "moons_X_train", "moons_y_train",
                                                            "moons_X_val")}


N = lambda d: d["svm"].support_vectors_.shape[0]  # noqa: E731
W = lambda d: (d["svm"].dual_coef_ @ d["svm"].support_vectors_).ravel()  # noqa: E731


def by_hand(d, kernel=lambda d: np.exp(-0.5 * d["sq"]), weights=lambda d: d["rbf"].dual_coef_[0], bias=1.0):
    return float(weights(d) @ kernel(d) + bias * d["rbf"].intercept_[0])


def probability(d, seed, column):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = SVC(kernel="rbf", C=1, gamma=0.5, probability=True, random_state=seed)
        return model.fit(d["moons"]["moons_X_train"], d["moons"]["moons_y_train"]).predict_proba(d["moons"]["moons_X_val"][:1])[0, column]


def decision_of(d, rows, model=None):
    return float((model or d["rbf"]).decision_function(rows)[0])


ATTEMPTS = [
    right("q1", "the count as a float, w as coef_ (2-D)", q1(lambda d: float(N(d)), lambda d: d["svm"].coef_)),
    right("q1", "w as a list", q1(N, lambda d: list(W(d)))),
    wrong("q1", "one count per class", q1(lambda d: d["svm"].n_support_, W), "not one per class"),
    wrong("q1", "one class only", q1(lambda d: int(d["svm"].n_support_[0]), W), "one class"),
    wrong("q1", "the training rows", q1(lambda d: len(d["cancer"]["X_train"]), W), "training rows"),
    wrong("q1", "the count of an unscaled SVC (issue 14)", q1(lambda d: d["raw"].support_vectors_.shape[0], W),
          "unscaled features"),
    wrong("q1", "the count of an RBF SVC", q1(lambda d: d["rbf_count"], W), "default kernel"),
    wrong("q1", "a count off by one", q1(lambda d: N(d) + 1, W), "not the number of support vectors"),
    wrong("q1", "w as dual_coef_", q1(N, lambda d: d["svm"].dual_coef_), "dual_coef_ itself"),
    wrong("q1", "w with the opposite sign", q1(N, lambda d: -W(d)), "opposite sign"),
    wrong("q1", "w of the unscaled SVC", q1(N, lambda d: d["raw"].coef_), "unscaled"),
    wrong("q1", "w of the SVC with C=100", q1(N, lambda d: linear(d["cancer"]["X_train"], d["cancer"]["y_train"],
                                                                   100.0).coef_), "w is not dual_coef_"),
    wrong("q1", "w as text", q1(N, lambda d: "w"), "not text"),

    right("q2", "the prediction in capitals, the counts as numpy ints",
          q2(" Fewer", lambda d: np.int64(d["small"]), lambda d: np.int64(d["large"]))),
    wrong("q2", "predicted more", q2("more"), "width of the margin"),
    wrong("q2", "predicted the same", q2("same"), "bounds every dual coefficient"),
    wrong("q2", "the counts swapped", q2("fewer", lambda d: d["large"], lambda d: d["small"]), "swapped"),
    wrong("q2", "a small-C count off by one", q2("fewer", lambda d: d["small"] + 1), "C=0.01"),
    wrong("q2", "a large-C count off by one", q2("fewer", large=lambda d: d["large"] + 1), "C=100"),
    wrong("q2", "a word that is not an option", q2("less"), "'more', 'fewer' or 'same'"),

    right("q3", "the validation winner", q3(lambda d: d["on_val"])),
    right("q3", "as a float and a numpy float", q3(lambda d: (float(d["on_val"][0]), np.float64(d["on_val"][1])))),
    *chosen_on_another_part("q3", q3),
    wrong("q3", "a C that is not in the grid", q3(lambda d: (3, d["on_val"][1])), "ex09.C_VALUES"),
    wrong("q3", "a gamma that is not in the grid", q3(lambda d: (d["on_val"][0], "scale")), "best_gamma"),
    wrong("q3", "the breast cancer training part instead of the moons one",
          lambda d: {"best_C": d["on_val"][0], "best_gamma": d["on_val"][1],
                     **{**d["moons"], **{"moons_X_train": d["cancer"]["X_train"]}}}, "moons_X_train"),
    wrong("q3", "C and gamma swapped", q3(lambda d: d["on_val"][::-1]), "highest validation accuracy"),

    right("q4", "as a one-element array", q4(lambda d: np.array([d["f"]]))),
    right("q4", "as a float32", q4(lambda d: np.float32(by_hand(d)))),
    wrong("q4", "left out the bias", q4(lambda d: by_hand(d, bias=0.0)), "adds its bias, intercept_[0]"),
    wrong("q4", "subtracted the bias", q4(lambda d: by_hand(d, bias=-1.0)), "subtracts intercept_[0]"),
    wrong("q4", "the other class's sign", q4(lambda d: -d["f"]), "sign of the other class"),
    wrong("q4", "the second validation point", q4(lambda d: decision_of(d, d["moons"]["moons_X_val"][1:2])),
          "second validation point"),
    wrong("q4", "the first training point", q4(lambda d: decision_of(d, d["moons"]["moons_X_train"][:1])),
          "first TRAINING point"),
    wrong("q4", "gamma 1 in the kernel", q4(lambda d: by_hand(d, kernel=lambda d: np.exp(-d["sq"]))),
          "gamma=1"),
    wrong("q4", "the default gamma", q4(lambda d: decision_of(d, d["moons"]["moons_X_val"][:1],
                                                             SVC(C=1).fit(d["moons"]["moons_X_train"],
                                                                          d["moons"]["moons_y_train"]))),
          "default gamma"),
    wrong("q4", "an unsquared distance", q4(lambda d: by_hand(d, kernel=lambda d: np.exp(-0.5 * np.sqrt(d["sq"])))),
          "SQUARED distance"),
    wrong("q4", "the labels 0 and 1 for y_i",
          q4(lambda d: by_hand(d, weights=lambda d: np.abs(d["rbf"].dual_coef_[0])
                               * (d["moons"]["moons_y_train"][d["rbf"].support_] == 1))), "labels 0 and 1"),
    wrong("q4", "a model on standardized features (the scaled model)",
          q4(lambda d: decision_of(d, d["moons"]["moons_X_val"][:1],
                                   make_pipeline(StandardScaler(), SVC(C=1, gamma=0.5))
                                   .fit(d["moons"]["moons_X_train"], d["moons"]["moons_y_train"]))), "standardized"),
    wrong("q4", "the predicted class", q4(lambda d: d["rbf"].predict(d["moons"]["moons_X_val"][:1])), "class label"),
    wrong("q4", "a probability of class 1 (predict_proba)", q4(lambda d: probability(d, 1, 1)), "probability"),
    wrong("q4", "a probability of class 0, another seed", q4(lambda d: probability(d, 3, 0)), "probability"),
    wrong("q4", "the model with gamma=1", q4(lambda d: decision_of(d, d["moons"]["moons_X_val"][:1],
                                                                  SVC(C=1, gamma=1.0).fit(d["moons"]["moons_X_train"],
                                                                                          d["moons"]["moons_y_train"]))),
          "check each part of the formula"),
    wrong("q4", "every validation point", q4(lambda d: d["rbf"].decision_function(d["moons"]["moons_X_val"])),
          "single number"),
]
