"""Exercise set 12: evaluating honestly.

Numeric answers are recomputed here, from the learner's own arrays where they
are passed and otherwise from the seeds the questions fix; discrete answers
are compared as salted digests (see ``paramlab.grading.hashing``).

The grid ``CS`` leaves out ``C=1``, LogisticRegression's default, so that an
answer copied from the default instead of chosen on validation data cannot pass.
"""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np

from ..grading.answers import (not_swapped, splits, arrays, choice, expect_close, expect_hashed, expect_validation_choice,
                               expect_value, matches_hashed, names_among, number, one_of, tolerance,
                               whole_number)
from ..grading.core import ExerciseSet, Wrong

SET = ExerciseSet.declared(__file__)

CS = (0.004, 0.04, 0.4, 4, 40, 400)
DEFAULT_C = 1.0  # LogisticRegression's default
KS = tuple(range(1, 40, 2))
NAMES = ("w", "b", "lr", "n_steps", "l2", "X")
MODELS = ("1-NN", "40-NN", "same")

# Question 5: the digest of each name that descent learns (per name), and of the whole set.
_LEARNED_NAMES = ("e5fd0223bce53e7d1d2380ec81860381c2685736a97e71f349308102d0aa5eb3",
                  "51ccd2d37c1b452152d5dc2e945de50d3f5344e19695839ba56bdca0dee773fd")
_LEARNED_SET = "4696bb7d6d7b774851c092271f1f1151e47a014df725e4e2e5d9e85eb016f2ea"


def _reading(value: Any, what: str) -> tuple[float, Callable[[float], bool]]:
    """The learner's number, and a test "is it this value?" at the precision it was given in."""
    got, rel = number(value, what), tolerance(value, 1e-9)
    return got, lambda other: math.isclose(got, float(other), rel_tol=rel, abs_tol=1e-12)


def _logistic(C: float) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=C, solver="newton-cholesky"))


def _coin_flip_data(seed: int) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    rng = np.random.default_rng(seed)
    X, y = rng.normal(size=(300, 10)), rng.integers(0, 2, size=300)
    return (X[:100], y[:100]), (X[100:200], y[100:200]), (X[200:], y[200:])


def _best(scores: dict[Any, float]) -> Any:
    return max(scores, key=scores.get)


@SET.question("q1")
def q1(chosen_C: Any, test_score: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any,
       X_test: Any, y_test: Any) -> None:
    X, y, Xv, yv = splits(X_train, y_train, X_val, y_val)
    Xt, yt = arrays(X_test, y_test, "X_test")
    given = number(chosen_C, "chosen_C")
    if math.isclose(given, DEFAULT_C) and not any(math.isclose(given, c) for c in CS):
        raise Wrong("C=1 is LogisticRegression's default, and it is not in Cs: choose among the values of "
                    "Cs by their validation accuracy")
    C = one_of(chosen_C, CS, "chosen_C", "the values in Cs")
    fitted = {c: _logistic(c).fit(X, y) for c in CS}
    val = {c: m.score(Xv, yv) for c, m in fitted.items()}
    chosen = _best(val)
    if not expect_validation_choice(C, chosen, lambda: _best({c: m.score(Xt, yt) for c, m in fitted.items()}),
                                    lambda: _best({c: m.score(X, y) for c, m in fitted.items()}),
                                    "C", "weaker regularization always fits better"):
        raise Wrong("chosen_C is not the C with the highest validation accuracy (the first one on a tie)")
    score, is_ = _reading(test_score, "test_score")
    X_both, y_both = np.vstack([X, Xv]), np.concatenate([y, yv])
    final = _logistic(chosen).fit(X_both, y_both)
    expected = final.score(Xt, yt)
    if is_(expected):
        return
    if is_(val[chosen]):
        raise Wrong("test_score is the validation score of the winner, which is optimistic: it is the "
                    "score the choice was made by; score the test part")
    if is_(fitted[chosen].score(Xt, yt)):
        raise Wrong("test_score comes from the model fitted on the training part only: refit the chosen "
                    "C on training plus validation data before the one test score")
    if is_(final.score(X_both, y_both)):
        raise Wrong("test_score is the final model's accuracy on the rows it was fitted on (training plus "
                    "validation): score it on the test part")
    if is_(1 - expected):
        raise Wrong("test_score looks like an error rate (1 - accuracy): .score returns the accuracy")
    expect_close(score, expected, "test_score", rel=1e-9)


@SET.question("q2")
def q2(best_check_score: Any, fresh_score: Any) -> None:
    from sklearn.neighbors import KNeighborsClassifier

    (Xf, yf), (Xc, yc), (Xn, yn) = _coin_flip_data(0)
    fitted = {k: KNeighborsClassifier(n_neighbors=k).fit(Xf, yf) for k in KS}
    check = {k: m.score(Xc, yc) for k, m in fitted.items()}
    best_k = _best(check)
    tied_best = [k for k, score in check.items() if score == check[best_k]]  # any of them may be chosen
    fresh_all = {k: m.score(Xn, yn) for k, m in fitted.items()}
    best, is_ = _reading(best_check_score, "best_check_score")
    if not is_(check[best_k]):
        if is_(np.mean(list(check.values()))):
            raise Wrong("best_check_score should be the best of the check scores, not their mean")
        if is_(max(m.score(Xf, yf) for m in fitted.values())):
            raise Wrong("best_check_score is a score on the rows the models were fitted on: score each k "
                        "on X_check")
        if is_(max(fresh_all.values())):
            raise Wrong("best_check_score is the best score on the fresh part: choose k on the check part")
        expect_close(best, check[best_k], "best_check_score", rel=1e-9)
    fresh, is_ = _reading(fresh_score, "fresh_score")
    if any(is_(fresh_all[k]) for k in tied_best):
        return
    if is_(max(fresh_all.values())):
        raise Wrong("fresh_score picked k again, by its fresh score: that repeats the mistake; score the k "
                    "chosen on the check part")
    if is_(check[best_k]):
        raise Wrong("fresh_score is the winner's check score again: score that same model on X_fresh")
    if is_(np.mean(list(fresh_all.values()))):
        raise Wrong("fresh_score is the mean fresh score of every k: score only the k chosen on the "
                    "check part")
    raise Wrong("fresh_score should be the score, on the fresh part, of the k chosen on the check part")


def _iris_search(cv: Any) -> Any:
    from sklearn.model_selection import GridSearchCV
    from sklearn.svm import SVC

    return GridSearchCV(SVC(kernel="rbf"), {"C": [1, 10, 100], "gamma": [0.01, 0.1]}, cv=cv)


@SET.question("q3")
def q3(non_nested_score: Any, nested_score: Any) -> None:
    from sklearn.datasets import load_iris
    from sklearn.model_selection import KFold, cross_val_score

    X, y = load_iris(return_X_y=True)
    folds = KFold(n_splits=4, shuffle=True, random_state=0)
    search = _iris_search(folds).fit(X, y)
    non_nested = search.best_score_
    outer = cross_val_score(_iris_search(folds), X, y, cv=folds)
    nested = outer.mean()
    _, non_is = _reading(non_nested_score, "non_nested_score")
    _, nested_is = _reading(nested_score, "nested_score")
    if non_is(nested) and nested_is(non_nested) and not math.isclose(nested, non_nested):
        raise Wrong("non_nested_score holds the outer cross-validation of the whole search, and "
                    "nested_score the search's own best_score_: the score a search chose by is the "
                    "non-nested one")
    expect_value(non_nested_score, non_nested, "non_nested_score", [
        (nested, "non_nested_score is the nested estimate (cross_val_score of the search): the non-nested "
                 "score is the search's own best_score_"),
        (lambda: search.score(X, y), "non_nested_score is the refitted search's accuracy on all of iris, the "
                                     "rows it learned from; best_score_ is the winner's mean score over the "
                                     "search's folds"),
        (lambda: np.mean(search.cv_results_["mean_test_score"]),
         "non_nested_score is the mean over every setting of the grid; best_score_ is the winner's mean only")])
    expect_value(nested_score, nested, "nested_score", [
        (non_nested, "nested_score is the non-nested search's best_score_: run the whole search inside "
                     "cross_val_score with the outer folds"),
        (outer.std(), "nested_score is the spread (std) of the outer scores: take their mean"),
        (outer.max(), "nested_score is the best outer fold: take the mean over the outer folds"),
        (lambda: cross_val_score(_iris_search(folds), X, y).mean(),
         "nested_score used cross_val_score's default folds: pass cv=folds for the outer loop"),
        (lambda: cross_val_score(_iris_search(5), X, y, cv=folds).mean(),
         "the inner search of nested_score used GridSearchCV's default folds: give it cv=folds")])


@SET.question("q4")
def q4(leaky_score: Any, honest_score: Any) -> None:
    from sklearn.feature_selection import SelectKBest, f_classif
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_score
    from sklearn.pipeline import make_pipeline

    rng = np.random.default_rng(0)
    X = rng.normal(size=(100, 1000))
    y = rng.integers(0, 2, size=100)
    cv5 = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)

    def scores(leaky: bool, k: int = 20, solver: str = "liblinear", cv: Any = cv5) -> np.ndarray:
        selector, model = SelectKBest(f_classif, k=k), LogisticRegression(solver=solver)
        if leaky:
            return cross_val_score(model, selector.fit_transform(X, y), y, cv=cv)
        return cross_val_score(make_pipeline(selector, model), X, y, cv=cv)

    leaky_folds, honest_folds = scores(True), scores(False)
    leaky, honest = leaky_folds.mean(), honest_folds.mean()
    not_swapped((leaky_score, honest_score), (leaky, honest), "leaky_score holds the pipeline's score and "
                "honest_score the other one: which version lets the selector see the validation folds?")
    expect_value(leaky_score, leaky, "leaky_score", [
        (leaky_folds.std(), "leaky_score is the spread (std) of the fold scores: take their mean"),
        (lambda: scores(True, cv=5).mean(), "leaky_score used cross_val_score's default folds: pass cv=cv5"),
        (lambda: scores(True, k=10).mean(),
         "leaky_score kept 10 features, SelectKBest's default k: the question keeps k=20"),
        (lambda: scores(True, solver="lbfgs").mean(),
         "leaky_score used LogisticRegression's default solver: the question uses solver='liblinear'"),
        (lambda: _fitted_score(SelectKBest(f_classif, k=20).fit_transform(X, y), y),
         "leaky_score is the accuracy on the rows the model was fitted on: cross-validate the model on the "
         "selected features")])
    expect_value(honest_score, honest, "honest_score", [
        (leaky, "honest_score is the same as leaky_score: in the honest version the selector sits inside a "
                "pipeline, so that each training fold fits its own selector"),
        (honest_folds.std(), "honest_score is the spread (std) of the fold scores: take their mean"),
        (lambda: scores(False, k=10).mean(),
         "honest_score kept 10 features, SelectKBest's default k: the question keeps k=20")])


def _fitted_score(X: np.ndarray, y: np.ndarray) -> float:
    """Accuracy of liblinear logistic regression on the rows it was fitted on."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(solver="liblinear").fit(X, y).score(X, y)


@SET.question("q5")
def q5(updated_by_descent: Any) -> None:
    given = names_among(updated_by_descent, "updated_by_descent", NAMES, "ex12.NAMES")
    if any(not matches_hashed(name, "ex12.q5.name", _LEARNED_NAMES) for name in given):
        raise Wrong("updated_by_descent holds a name that the loop only reads: it gets its value before "
                    "training (a setting you chose, or the data) and no line of the loop assigns to it")
    if not matches_hashed(given, "ex12.q5", (_LEARNED_SET,)):
        raise Wrong("updated_by_descent misses a name that the loop changes: look for every name that a "
                    "line inside the for loop assigns to")


@SET.question("q6")
def q6(n_values_1nn: Any, n_values_40nn: Any, train_accuracy_1nn: Any, train_accuracy_40nn: Any,
       memorises_noise: Any) -> None:
    from sklearn.neighbors import KNeighborsClassifier

    rng = np.random.default_rng(1)
    X = rng.normal(size=(200, 2))
    y = rng.integers(0, 2, size=200)
    expected = X.size
    n1, n40 = whole_number(n_values_1nn, "n_values_1nn"), whole_number(n_values_40nn, "n_values_40nn")
    for n, what in ((n1, "n_values_1nn"), (n40, "n_values_40nn")):
        if n in (1, 40, 0):
            raise Wrong(f"{what}: n_neighbors is a hyperparameter, not a learned value; k-NN learns by "
                        "storing the training set")
        if n == len(X):
            raise Wrong(f"{what}: that is the number of rows; count every stored value (rows x features)")
        if n != expected:
            raise Wrong(f"{what} should be what inspection.count_learned_values reports for the fitted model")
    accuracy = {k: KNeighborsClassifier(n_neighbors=k).fit(X, y).score(X, y) for k in (1, 40)}
    a1, a1_is = _reading(train_accuracy_1nn, "train_accuracy_1nn")
    a40, a40_is = _reading(train_accuracy_40nn, "train_accuracy_40nn")
    if a1_is(accuracy[40]) and a40_is(accuracy[1]) and accuracy[1] != accuracy[40]:
        raise Wrong("the two training accuracies are each other's: train_accuracy_1nn is the score of the "
                    "model with n_neighbors=1")
    for got, is_, k, what in ((a1, a1_is, 1, "train_accuracy_1nn"), (a40, a40_is, 40, "train_accuracy_40nn")):
        if not 0 <= got <= 1:
            raise Wrong(f"{what} should be an accuracy, a fraction between 0 and 1 (model.score)")
        if not is_(accuracy[k]):
            raise Wrong(f"{what} is not the {k}-NN model's accuracy on its own training data, "
                        "model.score(X_r, y_r)")
    label = choice(memorises_noise, MODELS, "memorises_noise")
    expect_hashed(label, "ex12.q6",
                  ["072a8dce442965c8c457d4d7863c3ab321b8b2ef8b2b8ddd7e0f05d5dd55c60d"],
                  "memorises_noise does not agree with the training accuracies you measured: the model "
                  "that memorises coin flips is the one that fits them better",
                  known_wrong={"71c1ea14b9e9d429f2e7da260531416acd1e21f479d005765fd074c2a389c304":
                               "the counts are the same, but the training accuracies you measured are not"})


def _tuned(X: np.ndarray, y: np.ndarray, response_method: str = "auto") -> Any:
    """Question 7's tuned classifier: balanced accuracy over 5 folds, refitted on all of X."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import TunedThresholdClassifierCV
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return TunedThresholdClassifierCV(make_pipeline(StandardScaler(), LogisticRegression()),
                                      scoring="balanced_accuracy", cv=5,
                                      response_method=response_method).fit(X, y)


@SET.question("q7")
def q7(best_threshold: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any, X_test: Any,
       y_test: Any) -> None:
    X, y, Xv, yv, Xt, yt = splits(X_train, y_train, X_val, y_val, X_test, y_test)
    got = number(best_threshold, "best_threshold")
    tuned = _tuned(X, y)
    expected = float(tuned.best_threshold_)
    rows = tuned.estimator_.predict_proba(np.vstack([X, Xv, Xt])).ravel()  # both columns of every row
    expect_value(best_threshold, expected, "best_threshold", [
        (0.5, "0.5 is the fixed threshold that predict applies to predict_proba by default: it is the value "
              "being tuned; store the one TunedThresholdClassifierCV learned, best_threshold_"),
        (float(tuned.best_score_), "best_threshold is the best balanced accuracy (best_score_), not a "
                                   "threshold: store best_threshold_"),
        (lambda: float(_tuned(X, y, "decision_function").best_threshold_),
         "best_threshold is on the decision_function scale (log-odds, centred on 0): for this pipeline "
         "the default response_method='auto' uses predict_proba, so tune with the defaults and store a "
         "probability"),
        (math.log(expected / (1 - expected)) if 0 < expected < 1 else None,
         "best_threshold was turned into log-odds: best_threshold_ is already on the predict_proba scale "
         "the tuned classifier uses; store it as it is"),
        (lambda: float(rows[np.argmin(np.abs(rows - got))]),
         "best_threshold is a probability predicted for one row: the threshold is learned from the "
         "cross-validation folds of the training part; read best_threshold_"),
        (lambda: float(_tuned(np.vstack([X, Xv]), np.concatenate([y, yv])).best_threshold_),
         "best_threshold was tuned on training plus validation data: fit TunedThresholdClassifierCV on "
         "the training part only")])


def _grouped_data(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """40 groups of 5 near-duplicate rows (a centre plus small noise), one coin-flip label per group."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(40, 5))
    labels = rng.integers(0, 2, size=40)
    groups = rng.permutation(np.repeat(np.arange(40), 5))
    X = centres[groups] + 0.2 * rng.normal(size=(200, 5))
    return X, labels[groups], groups


@SET.question("q8")
def q8(kfold_score: Any, group_score: Any) -> None:
    from sklearn.model_selection import GroupKFold, KFold, cross_val_score
    from sklearn.neighbors import KNeighborsClassifier

    X, y, groups = _grouped_data(0)
    knn = KNeighborsClassifier(n_neighbors=1)
    kfold_folds = cross_val_score(knn, X, y, cv=KFold(5, shuffle=True, random_state=0))
    group_folds = cross_val_score(knn, X, y, cv=GroupKFold(5), groups=groups)
    kfold, group = kfold_folds.mean(), group_folds.mean()
    not_swapped((kfold_score, group_score), (kfold, group), "kfold_score and group_score are swapped: which "
                "folds put rows of one group on both sides of a split?")
    expect_value(kfold_score, kfold, "kfold_score", [
        (kfold_folds.std(), "kfold_score is the spread (std) of the fold scores: take their mean"),
        (lambda: cross_val_score(knn, X, y, cv=5).mean(),
         "kfold_score used cross_val_score's default folds (stratified, unshuffled): pass "
         "cv=KFold(5, shuffle=True, random_state=0)")])
    expect_value(group_score, group, "group_score", [
        (kfold, "group_score is the KFold score again: split with GroupKFold(5) and pass groups=groups, so "
                "that each group's rows stay on one side of every split"),
        (group_folds.std(), "group_score is the spread (std) of the fold scores: take their mean")])


score = SET.score
__all__ = ["SET", "CS", "KS", "NAMES", "MODELS", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "score"]
