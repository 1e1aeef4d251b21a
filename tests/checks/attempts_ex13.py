"""Attempts at exercise set 13 (a self-check quiz over the whole course)."""

from __future__ import annotations

import functools

import numpy as np
import torch
from torch import nn

from attempts import right, wrong

RIGHT_NAMES = ["n_estimators", "learning_rate", "max_depth", "n_neighbors"]
NO_GRADIENT = ["Decision Tree ", "random forest", " K-Nearest  Neighbours"]


@functools.cache
def data() -> dict:
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Dropout(0.3), nn.Linear(64, 1))
    params = dict(net.named_parameters())
    return {"layer": net[0], "total": sum(p.numel() for p in net.parameters()),
            "weights": sum(p.numel() for n, p in params.items() if n.endswith("weight"))}


def q1(value):
    return lambda d: {"weight_shape": value(d)}


def q2(value):
    return lambda d: {"n_parameters": value(d)}


def q3(value):
    return lambda d: {"no_gradient": value}


def q4(value):
    return lambda d: {"hyperparameter_names": value}


def q5(tune_on, reported_score):
    return lambda d: {"tune_on": tune_on, "reported_score": reported_score}


def q6(value):
    return lambda d: {"knn_learns": value}


ATTEMPTS = [
    right("q1", "the torch.Size itself", q1(lambda d: d["layer"].weight.shape)),
    right("q1", "a numpy array", q1(lambda d: np.array([64, 20]))),
    right("q1", "a torch tensor", q1(lambda d: torch.tensor([64, 20]))),
    right("q1", "a list", q1(lambda d: [64, 20])),
    wrong("q1", "in the constructor's order", q1(lambda d: (20, 64)), "other way round"),
    wrong("q1", "three sizes", q1(lambda d: (64, 20, 1)), "two sizes"),
    wrong("q1", "one size", q1(lambda d: (1280,)), "two sizes"),
    wrong("q1", "written as text", q1(lambda d: "64x20"), "should be a shape"),
    wrong("q1", "passed the weight itself", q1(lambda d: d["layer"].weight.detach()), "its .shape"),

    right("q2", "the count as a float", q2(lambda d: float(d["total"]))),
    right("q2", "the count as a torch scalar", q2(lambda d: torch.tensor(d["total"]))),
    wrong("q2", "weights only", q2(lambda d: d["weights"]), "no bias"),
    wrong("q2", "forgot the output bias", q2(lambda d: d["total"] - 1), "output layer has a bias"),
    wrong("q2", "forgot the hidden biases", q2(lambda d: d["total"] - 64), "hidden layer has one bias"),
    wrong("q2", "a guess", q2(lambda d: 1000), "every weight and every bias"),
    wrong("q2", "the count as text", q2(lambda d: str(d["total"])), "drop the quotes"),
    wrong("q2", "half a parameter", q2(lambda d: d["total"] + 0.5), "whole number"),

    right("q3", "a list, capitals and spaces", q3(NO_GRADIENT)),
    wrong("q3", "added gradient boosting", q3(NO_GRADIENT + ["gradient boosting"]), "function space"),
    wrong("q3", "only the tree", q3({"decision tree"}), "not right yet"),
    wrong("q3", "an algorithm not listed", q3({"svm"}), "not a candidate"),
    wrong("q3", "one string", q3("decision tree, random forest"), "set of strings"),

    right("q4", "a list with spaces", q4([f" {n} " for n in RIGHT_NAMES])),
    wrong("q4", "added alpha_", q4(set(RIGHT_NAMES) | {"alpha_"}), "self-tuning model"),
    wrong("q4", "added coef_", q4(set(RIGHT_NAMES) | {"coef_"}), "fit creates"),
    wrong("q4", "added feature_importances_", q4(set(RIGHT_NAMES) | {"feature_importances_"}), "fit creates"),
    wrong("q4", "left out learning_rate", q4(set(RIGHT_NAMES) - {"learning_rate"}), "misses a hyperparameter"),
    wrong("q4", "a capital letter", q4({"N_estimators"}), "case-sensitive"),
    wrong("q4", "alpha without the underscore", q4({"alpha"}), "not a candidate"),

    right("q5", "capitals and spaces", q5("Validation", " OPTIMISTIC ")),
    wrong("q5", "tuned on the test part", q5("test", "optimistic"), "must not make any decision"),
    wrong("q5", "tuned on the training part", q5("training", "optimistic"), "tune_on is not right"),
    wrong("q5", "thought the score unbiased", q5("validation", "unbiased"), "reported_score is not right"),
    wrong("q5", "both wrong", q5("test", "pessimistic"), "honest estimate; reported_score is not right"),
    wrong("q5", "a part not offered", q5("dev", "optimistic"), "should be 'training', 'validation' or 'test'"),

    right("q6", "capitalised", q6("The stored training set")),
    wrong("q6", "nothing", q6("nothing"), "does keep something"),
    wrong("q6", "the best n_neighbors", q6("the best n_neighbors"), "set by you"),
    wrong("q6", "one weight per feature", q6("one weight per feature"), "no coef_"),
    wrong("q6", "not one of the options", q6("the training set"), "should be 'nothing'"),
]
