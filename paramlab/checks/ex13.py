"""Exercise set 13: a self-check quiz over the whole course.

Every answer is discrete, so every answer is stored only as a salted digest
(see ``paramlab.grading.hashing``); predictable wrong answers have their own
digests and messages.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..grading.core import ExerciseSet, Wrong
from ..grading.answers import expect_hashed

SET = ExerciseSet("ex13", "Cheat sheet and interview: a self-check quiz")

ALGORITHMS = ("logistic regression", "decision tree", "random forest", "gradient boosting",
              "k-nearest neighbours", "neural network")
NAMES = ("n_estimators", "learning_rate", "coef_", "support_vectors_", "max_depth", "alpha_",
         "n_neighbors", "feature_importances_")
PARTS = ("training", "validation", "test")
BIASES = ("optimistic", "pessimistic", "unbiased")
KNN_CHOICES = ("nothing", "the stored training set", "one weight per feature", "the best n_neighbors")


def _name_set(value: Any, what: str, allowed: tuple[str, ...]) -> set[str]:
    if not isinstance(value, (set, frozenset, list, tuple)):
        raise Wrong(f"{what} should be a set of names, e.g. {{'name1', 'name2'}}")
    names = {" ".join(str(v).strip().lower().split()) for v in value}
    unknown = names - set(allowed)
    if unknown:
        raise Wrong(f"choose only among the candidates listed in the question; not a candidate: {sorted(unknown)}")
    return names


def _choice(value: Any, what: str, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or " ".join(value.strip().lower().split()) not in allowed:
        raise Wrong(f"{what} should be one of: " + ", ".join(repr(a) for a in allowed))
    return value


@SET.question("q1", "the shape of a torch weight",
              hint="nn.Linear(in_features, out_features) computes x @ W.T + b: PyTorch stores W with one row "
                   "per output unit.")
def q1(weight_shape: Any) -> None:
    shape = getattr(weight_shape, "shape", weight_shape)  # accept a tensor, a torch.Size or a tuple
    if not isinstance(shape, (tuple, list)) or not all(isinstance(v, (int, np.integer)) and not isinstance(v, bool)
                                                       for v in shape):
        raise Wrong("weight_shape should be a tuple of two whole numbers, e.g. (3, 4)")
    shape = tuple(int(v) for v in shape)
    if len(shape) != 2:
        raise Wrong("a linear layer's weight is a matrix: weight_shape should have two numbers")
    expect_hashed(shape, "ex13.q1",
                  ["b60cc8a1df9ca3be5db298b87912dd6a0d9444489852838ee527fa841c913e24"],
                  "weight_shape should hold the two sizes of the layer, in the order PyTorch stores them",
                  known_wrong={"32d4de60ace686e1da38638fd5ee95a8c9a44278110843653eaece2412a80b56":
                               "that is (in, out), the order of the constructor's arguments; PyTorch "
                               "stores the weight the other way round"})


@SET.question("q2", "a network's parameter count",
              hint="Each nn.Linear(i, o) holds an o x i weight and o biases; ReLU and Dropout hold none. "
                   "Add the two layers.")
def q2(n_parameters: Any) -> None:
    if isinstance(n_parameters, bool) or not isinstance(n_parameters, (int, np.integer)):
        raise Wrong(f"n_parameters should be a whole number (an int), got {type(n_parameters).__name__}")
    expect_hashed(int(n_parameters), "ex13.q2",
                  ["a7e22823b78df08761f316b3cfd7c695ae7427a6867be87cd29dbfa58fb0a39b"],
                  "n_parameters should count every weight and every bias of both linear layers",
                  known_wrong={
                      "013994cbdcc6d51554061e5e268d172f08535fc440b43e95e46568c8715868c8":
                          "you counted the weights but no bias: each linear layer has one bias per output",
                      "7e0bc692387d946ac40197435fa8bfa5b6ea9458e9716f5f766cc2bd40250152":
                          "one bias is missing: the output layer has a bias too",
                      "87d3aba0572e242a56446bc546fa4bac2845065060325f16c1d9d6ed436f1a15":
                          "one set of biases is missing: the hidden layer has one bias per hidden unit",
                  })


@SET.question("q3", "learning without gradients",
              hint="Ask of each algorithm: does fit compute a derivative of the loss? A tree chooses splits by "
                   "comparing impurities; k-NN only stores; boosting fits each tree to a gradient.")
def q3(no_gradient: Any) -> None:
    names = _name_set(no_gradient, "no_gradient", ALGORITHMS)
    expect_hashed(names, "ex13.q3",
                  ["e8a9950429299fd53b7b3d8a2c43a8893f2e028aa35ceac64c782c5eaa6c07a3"],
                  "no_gradient is not right yet: for each algorithm, recall what its fit does (chapter 2)",
                  known_wrong={"8c261680d5c0e1c95df4b4f3de2cae8c452ebdf91bfdcf79df28352c5ba60283":
                               "gradient boosting does use gradients: each new tree is fitted to the "
                               "negative gradient of the loss (gradient descent in function space)"})


@SET.question("q4", "set or learned?",
              hint="A trailing underscore marks what fit computed from the data; everything else in the list "
                   "is a constructor argument.")
def q4(hyperparameter_names: Any) -> None:
    names = _name_set(hyperparameter_names, "hyperparameter_names", NAMES)
    if "alpha_" in names:
        raise Wrong("alpha_ (with the underscore) is the alpha that RidgeCV or LassoCV learned by its inner "
                    "search: for that object it is learned")
    if any(n.endswith("_") for n in names):
        raise Wrong("a name ending in '_' is an attribute that fit creates: it is learned, not set")
    expect_hashed(names, "ex13.q4",
                  ["665096e03061f8abac095d9fdb87d1e33befba2fb90e0e2453e25ca7580559ff"],
                  "hyperparameter_names is missing a hyperparameter: every constructor argument in the "
                  "list belongs in the set")


@SET.question("q5", "where tuning happens",
              hint="The test set is for one final estimate. A number picked as the maximum of many noisy "
                   "numbers tends to be too high.")
def q5(tune_on: Any, reported_score: Any) -> None:
    _choice(tune_on, "tune_on", PARTS)
    _choice(reported_score, "reported_score", BIASES)
    problems = []
    try:
        expect_hashed(tune_on, "ex13.q5.tune",
                      ["1f25bc727d7c322ad621dee97a8ab1aae566ac3447b567b8c32a720e5aa06cfa"],
                      "tune_on is not right: hyperparameters are chosen on data that fit did not learn from "
                      "and that the final estimate does not use",
                      known_wrong={"863f28757eadb0ecafb5844a242527184564fc4e514de1b228a1c9f01b3e5a2d":
                                   "tune_on: the test part must not make any decision, or its score is no "
                                   "longer an honest estimate"})
    except Wrong as exc:
        problems.append(str(exc))
    try:
        expect_hashed(reported_score, "ex13.q5.score",
                      ["637eefde4f1aa01aef6c4db085847a5215712a5a783b730ed91c09e15000c9d4"],
                      "reported_score is not right: chapter 12 measured this bias on random labels")
    except Wrong as exc:
        problems.append(str(exc))
    if problems:
        raise Wrong("; ".join(problems))


@SET.question("q6", "what k-NN learns",
              hint="After fit, a KNeighborsClassifier can predict for a new point. What must it have kept "
                   "to do that? n_neighbors was passed to its constructor.")
def q6(knn_learns: Any) -> None:
    _choice(knn_learns, "knn_learns", KNN_CHOICES)
    expect_hashed(knn_learns, "ex13.q6",
                  ["88f5b882ed2c5de5b669cc01bcc3882863c1a3292199824ee9fbeb0377170b36"],
                  "knn_learns is not right yet: n_neighbors is set by you, and k-NN has no weights",
                  known_wrong={"a31a166e9f020e4515b1d24a4b16b304b3c00829b06293e0647ba3b56d1e6de6":
                               "k-NN optimizes nothing, but its fit does keep something it needs to predict"})


q1, q2, q3, q4, q5, q6 = (SET.questions[k] for k in ("q1", "q2", "q3", "q4", "q5", "q6"))
score = SET.score
__all__ = ["SET", "ALGORITHMS", "NAMES", "PARTS", "BIASES", "KNN_CHOICES",
           "q1", "q2", "q3", "q4", "q5", "q6", "score"]
