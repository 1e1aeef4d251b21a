"""Exercise set 12: evaluating honestly.

Numeric answers are recomputed here, from the learner's own arrays where they
are passed and otherwise from the seeds the questions fix; discrete answers
are compared as salted digests (see ``paramlab.grading.hashing``).
"""

from __future__ import annotations

import functools
import math
from typing import Any, Callable

import numpy as np
from threadpoolctl import threadpool_limits

from ..grading.core import ExerciseSet, Wrong
from ..grading.answers import expect_close, expect_hashed, whole_number as _as_int

SET = ExerciseSet("ex12", "Evaluating honestly")

CS = (0.001, 0.01, 0.1, 1, 10, 100)
KS = tuple(range(1, 40, 2))
NAMES = ("w", "b", "lr", "n_steps")
MODELS = ("1-NN", "40-NN", "same")


def _one_thread(checker: Callable[..., None]) -> Callable[..., None]:
    """Recompute with one thread per native library (BLAS, OpenMP), as `paramlab grade` and
    `make` already run every kernel (OMP_NUM_THREADS=1): a check run by hand in JupyterLab then
    runs exactly as it does under grading."""

    @functools.wraps(checker)
    def wrapper(**answers: Any) -> None:
        with threadpool_limits(limits=1):
            checker(**answers)

    return wrapper


def _arrays(X: Any, y: Any, what: str) -> tuple[np.ndarray, np.ndarray]:
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim != 2 or len(X) != len(y):
        raise Wrong(f"pass {what} exactly as the notebook's data cell loaded them")
    return X, y


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool):
        raise Wrong(f"{what} should be a number")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise Wrong(f"{what} should be a number, got {type(value).__name__}") from None
    if not math.isfinite(number):
        raise Wrong(f"{what} should be a finite number")
    return number


def _logistic(C: float) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=C, solver="newton-cholesky"))


def _coin_flip_data(seed: int) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    rng = np.random.default_rng(seed)
    X, y = rng.normal(size=(300, 10)), rng.integers(0, 2, size=300)
    return (X[:100], y[:100]), (X[100:200], y[100:200]), (X[200:], y[200:])


@SET.question("q1", "the protocol",
              hint="Fit logistic(C) on the training part for each C and score it on the validation part; "
                   "then fit logistic(chosen_C) on np.vstack([X_train, X_val]) with the labels joined the "
                   "same way, and call .score(X_test, y_test) once.")
@_one_thread
def q1(chosen_C: Any, test_score: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any,
       X_test: Any, y_test: Any) -> None:
    X, y = _arrays(X_train, y_train, "X_train, y_train")
    Xv, yv = _arrays(X_val, y_val, "X_val, y_val")
    Xt, yt = _arrays(X_test, y_test, "X_test, y_test")
    C = _number(chosen_C, "chosen_C")
    if not any(math.isclose(C, c) for c in CS):
        raise Wrong("chosen_C should be one of the values in Cs")
    fitted = {c: _logistic(c).fit(X, y) for c in CS}
    val = {c: m.score(Xv, yv) for c, m in fitted.items()}
    best_val = max(val, key=val.get)
    if not math.isclose(C, best_val):
        test = {c: m.score(Xt, yt) for c, m in fitted.items()}
        if math.isclose(C, max(test, key=test.get)):
            raise Wrong("that C is the best on the TEST part: the test part may not make any decision; "
                        "choose on the validation part")
        train = {c: m.score(X, y) for c, m in fitted.items()}
        if math.isclose(C, max(train, key=train.get)):
            raise Wrong("that C is the best on the TRAINING part; choose on the validation part")
        raise Wrong("chosen_C is not the C with the highest validation accuracy")
    score = _number(test_score, "test_score")
    final = _logistic(best_val).fit(np.vstack([X, Xv]), np.concatenate([y, yv]))
    expected = final.score(Xt, yt)
    if math.isclose(score, expected, rel_tol=1e-9):
        return
    if math.isclose(score, val[best_val], rel_tol=1e-9) and not math.isclose(score, expected):
        raise Wrong("test_score is the validation score of the winner, which is optimistic: score the "
                    "test part")
    if math.isclose(score, fitted[best_val].score(Xt, yt), rel_tol=1e-9):
        raise Wrong("test_score comes from the model fitted on the training part only: refit the chosen "
                    "C on training plus validation data before the one test score")
    expect_close(score, expected, "test_score", rel=1e-9)


@SET.question("q2", "optimism on random labels",
              hint="Fit one KNeighborsClassifier per k on the first part, score each on X_check, keep the "
                   "k with the best score (on a tie, any of the tied k), then score THAT fitted model on "
                   "X_fresh.")
@_one_thread
def q2(best_check_score: Any, fresh_score: Any) -> None:
    from sklearn.neighbors import KNeighborsClassifier

    (Xf, yf), (Xc, yc), (Xn, yn) = _coin_flip_data(0)
    fitted = {k: KNeighborsClassifier(n_neighbors=k).fit(Xf, yf) for k in KS}
    check = {k: m.score(Xc, yc) for k, m in fitted.items()}
    best_k = max(check, key=check.get)
    tied_best = [k for k, score in check.items() if score == check[best_k]]  # any of them may be chosen
    best = _number(best_check_score, "best_check_score")
    if math.isclose(best, float(np.mean(list(check.values()))), rel_tol=1e-9) and best != check[best_k]:
        raise Wrong("best_check_score should be the best of the check scores, not their mean")
    expect_close(best, check[best_k], "best_check_score", rel=1e-9)
    fresh = _number(fresh_score, "fresh_score")
    fresh_all = {k: m.score(Xn, yn) for k, m in fitted.items()}
    if any(math.isclose(fresh, fresh_all[k], rel_tol=1e-9) for k in tied_best):
        return
    if math.isclose(fresh, max(fresh_all.values()), rel_tol=1e-9):
        raise Wrong("fresh_score picked k again, by its fresh score: that repeats the mistake; score the k "
                    "chosen on the check part")
    raise Wrong("fresh_score should be the score, on the fresh part, of the k chosen on the check part")


@SET.question("q3", "nested versus non-nested, one trial",
              hint="non_nested_score = search.fit(X_iris, y_iris).best_score_; nested_score = "
                   "cross_val_score(search, X_iris, y_iris, cv=folds).mean(), with the same KFold "
                   "(4 splits, shuffle=True, random_state=0) as cv of the search and as outer folds.")
@_one_thread
def q3(non_nested_score: Any, nested_score: Any) -> None:
    from sklearn.datasets import load_iris
    from sklearn.model_selection import GridSearchCV, KFold, cross_val_score
    from sklearn.svm import SVC

    X, y = load_iris(return_X_y=True)
    folds = KFold(n_splits=4, shuffle=True, random_state=0)
    search = GridSearchCV(SVC(kernel="rbf"), {"C": [1, 10, 100], "gamma": [0.01, 0.1]}, cv=folds)
    non_nested = search.fit(X, y).best_score_
    nested = cross_val_score(search, X, y, cv=folds).mean()
    got_non, got_nested = _number(non_nested_score, "non_nested_score"), _number(nested_score, "nested_score")
    if (math.isclose(got_non, nested, rel_tol=1e-9) and math.isclose(got_nested, non_nested, rel_tol=1e-9)
            and not math.isclose(nested, non_nested)):
        raise Wrong("the two scores are swapped: best_score_ of the search is the non-nested one")
    expect_close(got_non, non_nested, "non_nested_score", rel=1e-9)
    expect_close(got_nested, nested, "nested_score", rel=1e-9)


@SET.question("q4", "leakage through feature selection",
              hint="Leaky: cross_val_score(model, selector.fit_transform(X_noise, y_noise), y_noise, cv=cv5). "
                   "Honest: cross_val_score(make_pipeline(selector, model), X_noise, y_noise, cv=cv5).")
@_one_thread
def q4(leaky_score: Any, honest_score: Any) -> None:
    from sklearn.feature_selection import SelectKBest, f_classif
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_score
    from sklearn.pipeline import make_pipeline

    rng = np.random.default_rng(0)
    X = rng.normal(size=(100, 1000))
    y = rng.integers(0, 2, size=100)
    cv5 = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    selector, model = SelectKBest(f_classif, k=20), LogisticRegression(solver="liblinear")
    leaky = cross_val_score(model, selector.fit_transform(X, y), y, cv=cv5).mean()
    honest = cross_val_score(make_pipeline(selector, model), X, y, cv=cv5).mean()
    got_leaky, got_honest = _number(leaky_score, "leaky_score"), _number(honest_score, "honest_score")
    if math.isclose(got_leaky, honest, rel_tol=1e-9) and math.isclose(got_honest, leaky, rel_tol=1e-9):
        raise Wrong("the two scores are swapped: which version lets the selector see the validation folds?")
    expect_close(got_leaky, leaky, "leaky_score", rel=1e-9)
    expect_close(got_honest, honest, "honest_score", rel=1e-9)


@SET.question("q5", "the learning rate is not a weight",
              hint="Read the update line: which names appear on the left of -= ? The learning rate only "
                   "multiplies the gradient.")
def q5(updated_by_descent: Any) -> None:
    if not isinstance(updated_by_descent, (set, frozenset, list, tuple)):
        raise Wrong("updated_by_descent should be a set of names, e.g. {'name1', 'name2'}")
    names = {str(n).strip() for n in updated_by_descent}
    unknown = names - set(NAMES)
    if unknown:
        raise Wrong(f"choose only among 'w', 'b', 'lr' and 'n_steps'; not a candidate: {sorted(unknown)}")
    if "lr" in names:
        raise Wrong("the learning rate is set before training and the update never changes it: it is a "
                    "hyperparameter, not a weight")
    if "n_steps" in names:
        raise Wrong("the number of steps is a budget you set; the update does not change it")
    expect_hashed(names, "ex12.q5",
                  ["4696bb7d6d7b774851c092271f1f1151e47a014df725e4e2e5d9e85eb016f2ea"],
                  "updated_by_descent is missing a learned parameter: the update changes the weights "
                  "and the bias")


@SET.question("q6", "counting is not complexity",
              hint="count_learned_values counts the stored training set of a k-NN model, which does not "
                   "depend on n_neighbors. Compare model.score(X_r, y_r) of the two models.")
@_one_thread
def q6(n_values_1nn: Any, n_values_40nn: Any, memorises_noise: Any) -> None:
    rng = np.random.default_rng(1)
    X = rng.normal(size=(200, 2))
    expected = X.size
    n1, n40 = _as_int(n_values_1nn, "n_values_1nn"), _as_int(n_values_40nn, "n_values_40nn")
    for n, what in ((n1, "n_values_1nn"), (n40, "n_values_40nn")):
        if n in (1, 40, 0):
            raise Wrong(f"{what}: n_neighbors is a hyperparameter, not a learned value; k-NN learns by "
                        "storing the training set")
        if n == len(X):
            raise Wrong(f"{what}: that is the number of rows; count every stored value (rows x features)")
        if n != expected:
            raise Wrong(f"{what} should be what inspection.count_learned_values reports for the fitted model")
    if not isinstance(memorises_noise, str) or memorises_noise.strip().lower() not in {m.lower() for m in MODELS}:
        raise Wrong("memorises_noise should be one of '1-NN', '40-NN' or 'same'")
    expect_hashed(memorises_noise, "ex12.q6",
                  ["072a8dce442965c8c457d4d7863c3ab321b8b2ef8b2b8ddd7e0f05d5dd55c60d"],
                  "memorises_noise is not right yet: compare the two models' accuracy on their own "
                  "training data",
                  known_wrong={"71c1ea14b9e9d429f2e7da260531416acd1e21f479d005765fd074c2a389c304":
                               "the counts are the same, but the training accuracies are not: measure them"})


q1, q2, q3, q4, q5, q6 = (SET.questions[k] for k in ("q1", "q2", "q3", "q4", "q5", "q6"))
score = SET.score
__all__ = ["SET", "CS", "KS", "NAMES", "MODELS", "q1", "q2", "q3", "q4", "q5", "q6", "score"]
