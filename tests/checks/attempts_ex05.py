"""Attempts at exercise set 05 (k-nearest neighbours)."""

from __future__ import annotations

import functools

import numpy as np
import torch
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from paramlab import datasets
from paramlab.checks import ex05

from attempts import chosen_on_another_part, pick, right, split, wrong

RIGHT_CHANGES = {"n_neighbors", "weights", "metric", "p"}


def _parts(data, **kwargs) -> dict:
    p = datasets.split(data.X, data.y, **kwargs)
    return {"X_train": p.X_train, "y_train": p.y_train, "X_val": p.X_val, "y_val": p.y_val,
            "X_test": p.X_test, "y_test": p.y_test}


def _best(scores: dict) -> int:
    return max(scores, key=scores.get)


@functools.cache
def data() -> dict:
    d = {"cancer": split("breast_cancer"),
         "moons": _parts(datasets.load("moons", n_samples=400, noise=0.35, seed=1),
                         val_size=0.25, test_size=0.25, seed=0),
         "wine_data": datasets.load("wine")}
    d["wine"] = _parts(d["wine_data"], val_size=0.25, test_size=0.25, seed=30)

    c = d["cancer"]
    d["rows"], d["features"] = c["X_train"].shape
    for weights in ("uniform", "distance"):
        model = KNeighborsClassifier(n_neighbors=25, weights=weights).fit(c["X_train"], c["y_train"])
        d[f"{weights}_train"] = model.score(c["X_train"], c["y_train"])
        d[f"{weights}_val"] = model.score(c["X_val"], c["y_val"])
    d["uniform_k5_train"] = KNeighborsClassifier().fit(c["X_train"], c["y_train"]).score(c["X_train"], c["y_train"])
    assert d["distance_train"] == 1.0 and d["uniform_train"] < 1.0

    m = d["moons"]
    def k_scores(X_eval, y_eval):
        return {k: KNeighborsClassifier(n_neighbors=k).fit(m["X_train"], m["y_train"]).score(X_eval, y_eval)
                for k in ex05.K_VALUES}
    val = k_scores(m["X_val"], m["y_val"])
    d["k_val"], d["k_test"], d["k_train"] = _best(val), _best(k_scores(m["X_test"], m["y_test"])), \
        _best(k_scores(m["X_train"], m["y_train"]))
    d["k_tied"] = max(k for k in val if val[k] == val[d["k_val"]])
    assert len({d["k_val"], d["k_test"], d["k_train"], d["k_tied"], d["k_val"] - 1}) == 5

    w = d["wine"]
    X, y, Xv, yv = w["X_train"], w["y_train"], w["X_val"], w["y_val"]
    knn = lambda: KNeighborsClassifier(n_neighbors=5)  # noqa: E731
    raw = knn().fit(X, y)
    d["raw"], d["raw_train"] = raw.score(Xv, yv), raw.score(X, y)
    pipeline = make_pipeline(StandardScaler(), knn()).fit(X, y)
    d["scaled"], d["scaled_train"] = pipeline.score(Xv, yv), pipeline.score(X, y)
    seen_val = StandardScaler().fit(np.vstack([X, Xv]))
    d["leaky"] = knn().fit(seen_val.transform(X), y).score(seen_val.transform(Xv), yv)
    whole = StandardScaler().fit(d["wine_data"].X)
    d["leaky_whole"] = knn().fit(whole.transform(X), y).score(whole.transform(Xv), yv)
    d["own_val_scaler"] = knn().fit(StandardScaler().fit_transform(X), y).score(StandardScaler().fit_transform(Xv), yv)
    values = [d[k] for k in ("raw", "raw_train", "scaled", "scaled_train", "leaky", "own_val_scaler")]
    assert len(set(values)) == len(values), "q4's wrong values must differ from the right ones"
    order = np.argsort(X.var(axis=0))
    names = d["wine_data"].feature_names
    d["most_spread"], d["second_spread"], d["least_spread"] = names[order[-1]], names[order[-2]], names[order[0]]
    d["first_column"] = names[0]
    return d


def q1(n, more):
    return lambda d: {"n_stored": n(d), "n_stored_more": more(d), **pick(d["cancer"], "X_train", "X_val")}


def _more(d):
    return (d["rows"] + len(d["cancer"]["X_val"])) * d["features"]


def _stored(d):
    return d["rows"] * d["features"]


def q2(prediction, uniform, distance):
    return lambda d: {"prediction": prediction, "train_acc_uniform": uniform(d), "train_acc_distance": distance(d),
                      **pick(d["cancer"], "X_train", "y_train", "X_val", "y_val")}


def q3(k):
    return lambda d: {"best_k": k(d), **d["moons"]}


def q4(raw, scaled, feature):
    return lambda d: {"acc_raw": raw(d), "acc_scaled": scaled(d), "dominant_feature": feature(d),
                      **pick(d["wine"], "X_train", "y_train", "X_val", "y_val")}


def q5(value):
    return lambda d: {"changes_predictions": value}


RIGHT_PREDICTION = "only distance perfect"

ATTEMPTS = [
    right("q1", "counts as numpy ints", q1(lambda d: np.int64(_stored(d)), lambda d: np.int64(_more(d)))),
    right("q1", "counts as floats", q1(lambda d: float(_stored(d)), lambda d: float(_more(d)))),
    wrong("q1", "a weight per feature and a bias", q1(lambda d: d["features"] + 1, _more), "linear model"),
    wrong("q1", "counted rows", q1(lambda d: d["rows"], _more), "training rows"),
    wrong("q1", "counted the labels too", q1(lambda d: d["rows"] * (d["features"] + 1), _more), "labels"),
    wrong("q1", "nothing is learned", q1(lambda d: 0, _more), "no weights"),
    wrong("q1", "the same count after the refit", q1(_stored, _stored), "grows"),
    wrong("q1", "the refit count on the validation rows only",
          q1(_stored, lambda d: len(d["cancer"]["X_val"]) * d["features"]), "training plus validation rows"),
    wrong("q1", "the count as text", q1(lambda d: str(_stored(d)), _more), "drop the quotes"),

    right("q2", "prediction capitalised, accuracies as numpy floats",
          q2(" Only Distance Perfect", lambda d: np.float64(d["uniform_train"]),
             lambda d: np.float64(d["distance_train"]))),
    right("q2", "accuracies as float32 tensors",
          q2(RIGHT_PREDICTION, lambda d: torch.tensor(d["uniform_train"], dtype=torch.float32),
             lambda d: torch.tensor(1.0, dtype=torch.float32))),
    right("q2", "distance accuracy as the int 1", q2(RIGHT_PREDICTION, lambda d: d["uniform_train"], lambda d: 1)),
    wrong("q2", "predicted both perfect, measured right",
          q2("both perfect", lambda d: d["uniform_train"], lambda d: d["distance_train"]),
          "does not agree with the two training accuracies you measured"),
    wrong("q2", "predicted neither perfect, measured right",
          q2("neither perfect", lambda d: d["uniform_train"], lambda d: d["distance_train"]),
          "does not agree with the two training accuracies you measured"),
    wrong("q2", "the old two-option answer", q2("perfect", lambda d: d["uniform_train"], lambda d: 1.0),
          "'both perfect', 'only distance perfect', 'only uniform perfect' or 'neither perfect'"),
    wrong("q2", "right label, no evidence: guessed accuracies", q2(RIGHT_PREDICTION, lambda d: 0.9, lambda d: 1.0),
          "train_acc_uniform is not the training accuracy"),
    wrong("q2", "scored on the validation part",
          q2(RIGHT_PREDICTION, lambda d: d["uniform_val"], lambda d: d["distance_val"]), "validation part"),
    wrong("q2", "uniform accuracy from the distance model",
          q2(RIGHT_PREDICTION, lambda d: d["distance_train"], lambda d: d["distance_train"]),
          "matches the model with weights='distance'"),
    wrong("q2", "distance accuracy from the uniform model",
          q2(RIGHT_PREDICTION, lambda d: d["uniform_train"], lambda d: d["uniform_train"]),
          "matches the model with weights='uniform'"),
    wrong("q2", "forgot n_neighbors=25", q2(RIGHT_PREDICTION, lambda d: d["uniform_k5_train"], lambda d: 1.0),
          "default n_neighbors=5"),
    wrong("q2", "error rates", q2(RIGHT_PREDICTION, lambda d: 1 - d["uniform_train"], lambda d: 1.0),
          "error rate"),
    wrong("q2", "a percentage", q2(RIGHT_PREDICTION, lambda d: 100 * d["uniform_train"], lambda d: 100.0),
          "no percentages"),

    right("q3", "the validation winner as a float", q3(lambda d: float(d["k_val"]))),
    right("q3", "the validation winner as a numpy float", q3(lambda d: np.float64(d["k_val"]))),
    right("q3", "the validation winner as a one-element tensor", q3(lambda d: torch.tensor([d["k_val"]]))),
    *chosen_on_another_part("q3", q3, "k_test", "k_train"),
    wrong("q3", "kept the last of the tied winners", q3(lambda d: d["k_tied"]), "keep the smallest"),
    wrong("q3", "np.argmax of the list of scores", q3(lambda d: d["k_val"] - 1), "np.argmax counts from 0"),
    wrong("q3", "a k outside the range", q3(lambda d: 99), "1 to 40"),
    wrong("q3", "a fractional k", q3(lambda d: 13.5), "whole number"),

    right("q4", "feature name capitalised, accuracies as float32 tensors",
          q4(lambda d: torch.tensor(d["raw"], dtype=torch.float32),
             lambda d: torch.tensor(d["scaled"], dtype=torch.float32), lambda d: d["most_spread"].title())),
    wrong("q4", "a made-up scaled accuracy", q4(lambda d: d["raw"], lambda d: 0.99, lambda d: d["most_spread"]),
          "acc_scaled is not the validation accuracy of make_pipeline"),
    wrong("q4", "swapped the accuracies", q4(lambda d: d["scaled"], lambda d: d["raw"], lambda d: d["most_spread"]),
          "swapped"),
    wrong("q4", "raw training accuracy", q4(lambda d: d["raw_train"], lambda d: d["scaled"],
                                            lambda d: d["most_spread"]), "acc_raw is a training accuracy"),
    wrong("q4", "a made-up raw accuracy", q4(lambda d: 0.5, lambda d: d["scaled"], lambda d: d["most_spread"]),
          "acc_raw is not the validation accuracy"),
    wrong("q4", "scaler fitted on training and validation rows",
          q4(lambda d: d["raw"], lambda d: d["leaky"], lambda d: d["most_spread"]), "saw the validation rows"),
    wrong("q4", "scaled the whole data before splitting",
          q4(lambda d: d["raw"], lambda d: d["leaky_whole"], lambda d: d["most_spread"]), "saw the validation rows"),
    wrong("q4", "a second scaler fitted on the validation part",
          q4(lambda d: d["raw"], lambda d: d["own_val_scaler"], lambda d: d["most_spread"]),
          "second scaler fitted on the validation part"),
    wrong("q4", "scaled training accuracy", q4(lambda d: d["raw"], lambda d: d["scaled_train"],
                                               lambda d: d["most_spread"]), "acc_scaled is a training accuracy"),
    wrong("q4", "forgot to scale", q4(lambda d: d["raw"], lambda d: d["raw"], lambda d: d["most_spread"]),
          "acc_scaled equals acc_raw"),
    wrong("q4", "the runner-up feature", q4(lambda d: d["raw"], lambda d: d["scaled"], lambda d: d["second_spread"]),
          "second-largest"),
    wrong("q4", "variances after scaling", q4(lambda d: d["raw"], lambda d: d["scaled"], lambda d: d["first_column"]),
          "after scaling"),
    wrong("q4", "argmin instead of argmax",
          q4(lambda d: d["raw"], lambda d: d["scaled"], lambda d: d["least_spread"]), "smallest variance"),
    wrong("q4", "another feature", q4(lambda d: d["raw"], lambda d: d["scaled"], lambda d: "hue"), "largest variance"),
    wrong("q4", "the column index", q4(lambda d: d["raw"], lambda d: d["scaled"], lambda d: np.int64(12)),
          "not its column index"),
    wrong("q4", "a name that is not a wine feature",
          q4(lambda d: d["raw"], lambda d: d["scaled"], lambda d: "price"), "'proline'"),

    right("q5", "a list with spaces", q5([" p", "metric ", "weights", "n_neighbors"])),
    right("q5", "a tuple", q5(tuple(sorted(RIGHT_CHANGES)))),
    wrong("q5", "added a speed-only candidate", q5(RIGHT_CHANGES | {"algorithm"}), "how fast"),
    wrong("q5", "every candidate", q5(set(ex05.CANDIDATES)), "how fast"),
    wrong("q5", "tried metric='euclidean', so left metric and p out", q5({"n_neighbors", "weights"}),
          "behaves differently from the default"),
    wrong("q5", "left p out", q5(RIGHT_CHANGES - {"p"}), "a candidate you left out"),
    wrong("q5", "only n_neighbors", q5({"n_neighbors"}), "a candidate you left out"),
    wrong("q5", "one missing and one extra", q5(RIGHT_CHANGES - {"p"} | {"leaf_size"}),
          "and a candidate you left out"),
    wrong("q5", "an empty set", q5(set()), "empty"),
    wrong("q5", "a capitalised name", q5({"N_neighbors", "weights"}), "case-sensitive"),
    wrong("q5", "a hyperparameter of another model", q5({"gamma"}), "not a candidate"),
    wrong("q5", "one string", q5("n_neighbors"), "set of strings"),
]
