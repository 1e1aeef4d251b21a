"""Exercise set 13: a self-check quiz over the whole course.

Every answer is discrete, so every answer is stored only as a salted digest
(see ``paramlab.grading.hashing``); predictable wrong answers have their own
digests and messages.
"""

from __future__ import annotations

from typing import Any

from ..grading.answers import choice, every, expect_hashed, matches_hashed, names, shape, whole_number
from ..grading.core import ExerciseSet, Wrong

SET = ExerciseSet.declared(__file__)

ALGORITHMS = ("logistic regression", "decision tree", "random forest", "gradient boosting",
              "k-nearest neighbours", "neural network")
NAMES = ("n_estimators", "learning_rate", "coef_", "support_vectors_", "max_depth", "alpha_",
         "n_neighbors", "feature_importances_")
PARTS = ("training", "validation", "test")
BIASES = ("optimistic", "pessimistic", "unbiased")
KNN_CHOICES = ("nothing", "the stored training set", "one weight per feature", "the best n_neighbors")

# Question 4: the digest of each name that fit creates ("ex13.q4.learned"), and of the one a
# self-tuning model learns by its inner search ("ex13.q4.inner").
_LEARNED_NAMES = ("e3050f6ee646f7099f9d1879dbd2b1d8838f838742a1cd5348371d2d6acfc700",
                  "b8069bd8b28787d6af115e149a3330fbba7e1fb4b621bc3e516b70e5f896a6a5",
                  "97f28685d0fbbfddc51968c25e83f9e8382fde6938817784b5fa52e90a01f522",
                  "4c62d791c9790321b24d0e5c3c1eca9334f70ea8d663ce1cbcec5532ef277fab")
_INNER_SEARCH = ("562e8990f4dfb5d487b006567c5a38284ef4e9550f22c6e49b1ebc42340a1f00",)


def _among(value: Any, what: str, allowed: tuple[str, ...], case_sensitive: bool = False) -> set[str]:
    """A set of candidates: each name must be one of ``allowed`` (case and spacing ignored unless
    ``case_sensitive``, as for attribute names)."""
    chosen = set()
    for name in names(value, what):
        if case_sensitive:
            known = name in allowed
        else:
            try:
                name, known = choice(name, allowed, what), True
            except Wrong:
                known = False
        if not known:
            raise Wrong("choose only among the candidates listed in the question; not a candidate: "
                        f"{name!r}" + (" (names are case-sensitive)" if case_sensitive else ""))
        chosen.add(name)
    return chosen


@SET.question("q1")
def q1(weight_shape: Any) -> None:
    sizes = shape(weight_shape, "weight_shape")
    if len(sizes) != 2:
        raise Wrong("a linear layer's weight is a matrix: weight_shape should hold two sizes")
    expect_hashed(sizes, "ex13.q1",
                  ["b60cc8a1df9ca3be5db298b87912dd6a0d9444489852838ee527fa841c913e24"],
                  "weight_shape should hold the two sizes of the layer, in the order PyTorch stores them",
                  known_wrong={"32d4de60ace686e1da38638fd5ee95a8c9a44278110843653eaece2412a80b56":
                               "that is (in, out), the order of the constructor's arguments; PyTorch "
                               "stores the weight the other way round"})


@SET.question("q2")
def q2(n_parameters: Any) -> None:
    expect_hashed(whole_number(n_parameters, "n_parameters"), "ex13.q2",
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


@SET.question("q3")
def q3(no_gradient: Any) -> None:
    chosen = _among(no_gradient, "no_gradient", ALGORITHMS)
    expect_hashed(chosen, "ex13.q3",
                  ["e8a9950429299fd53b7b3d8a2c43a8893f2e028aa35ceac64c782c5eaa6c07a3"],
                  "no_gradient is not right yet: for each algorithm, recall what its fit does (chapter 2)",
                  known_wrong={"8c261680d5c0e1c95df4b4f3de2cae8c452ebdf91bfdcf79df28352c5ba60283":
                               "gradient boosting does use gradients: each new tree is fitted to the "
                               "negative gradient of the loss (gradient descent in function space)"})


@SET.question("q4")
def q4(hyperparameter_names: Any) -> None:
    chosen = _among(hyperparameter_names, "hyperparameter_names", NAMES, case_sensitive=True)
    if any(matches_hashed(name, "ex13.q4.inner", _INNER_SEARCH) for name in chosen):
        raise Wrong("hyperparameter_names holds the value that a self-tuning model (RidgeCV, LassoCV) "
                    "found by its own inner search: on that object, fit computes it, so it is learned")
    if any(matches_hashed(name, "ex13.q4.learned", _LEARNED_NAMES) for name in chosen):
        raise Wrong("hyperparameter_names holds a name that fit creates: a fresh, unfitted model does not "
                    "have it, and it is not in the model's get_params()")
    expect_hashed(chosen, "ex13.q4",
                  ["665096e03061f8abac095d9fdb87d1e33befba2fb90e0e2453e25ca7580559ff"],
                  "hyperparameter_names misses a hyperparameter: check each name you left out against "
                  "get_params() of a model that carries it")


@SET.question("q5")
def q5(tune_on: Any, reported_score: Any) -> None:
    part = choice(tune_on, PARTS, "tune_on")
    bias = choice(reported_score, BIASES, "reported_score")
    every(
        lambda: expect_hashed(part, "ex13.q5.tune",
                              ["1f25bc727d7c322ad621dee97a8ab1aae566ac3447b567b8c32a720e5aa06cfa"],
                              "tune_on is not right: hyperparameters are chosen on data that fit did not learn from "
                              "and that the final estimate does not use",
                              known_wrong={"863f28757eadb0ecafb5844a242527184564fc4e514de1b228a1c9f01b3e5a2d":
                                           "tune_on: the test part must not make any decision, or its score is no "
                                           "longer an honest estimate"}),
        lambda: expect_hashed(bias, "ex13.q5.score",
                              ["637eefde4f1aa01aef6c4db085847a5215712a5a783b730ed91c09e15000c9d4"],
                              "reported_score is not right: chapter 12 measured this bias on random labels"),
    )


@SET.question("q6")
def q6(knn_learns: Any) -> None:
    expect_hashed(choice(knn_learns, KNN_CHOICES, "knn_learns"), "ex13.q6",
                  ["88f5b882ed2c5de5b669cc01bcc3882863c1a3292199824ee9fbeb0377170b36"],
                  "knn_learns is not right yet: ask what a fitted k-NN model needs in order to predict",
                  known_wrong={"a31a166e9f020e4515b1d24a4b16b304b3c00829b06293e0647ba3b56d1e6de6":
                               "k-NN optimizes nothing, but its fit does keep something it needs to predict",
                               "cfd678b91022d3e030b28883ac7184db910be2f82546fbcc9eb28c0b3a9c7479":
                               "a fitted KNeighborsClassifier has no coef_: look at which attributes its fit "
                               "creates (the names ending in '_')",
                               "a9cebbf3492a1ac3ccd05b7f4d4dc4074dac278087118cf19dcfdab2c11e7b5e":
                               "n_neighbors is set by you in the constructor; fit never changes it"})


score = SET.score
__all__ = ["SET", "ALGORITHMS", "NAMES", "PARTS", "BIASES", "KNN_CHOICES",
           "q1", "q2", "q3", "q4", "q5", "q6", "score"]
