"""Exercise set 11: searching hyperparameters.

Every numeric answer is recomputed here from the learner's own data (the same
model, folds and seeds as the notebook's data cell); discrete answers are
compared as salted digests (see ``paramlab.grading.hashing``).
"""

from __future__ import annotations

import functools
import math
from typing import Any, Callable

import numpy as np
from threadpoolctl import threadpool_limits

from ..grading.core import ExerciseSet, Wrong
from ..grading.answers import expect_close, expect_hashed, whole_number as _as_int

SET = ExerciseSet("ex11", "Searching hyperparameters")

CS = (0.001, 0.01, 0.1, 1, 10, 100)


def _model(C: float = 1.0) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=C, solver="newton-cholesky"))


def _cv(shuffle: bool = True) -> Any:
    from sklearn.model_selection import StratifiedKFold

    return StratifiedKFold(n_splits=5, shuffle=shuffle, random_state=0 if shuffle else None)


def _arrays(X: Any, y: Any, what: str = "X_train, y_train") -> tuple[np.ndarray, np.ndarray]:
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim != 2 or len(X) != len(y):
        raise Wrong(f"pass {what} exactly as the notebook's data cell loaded them")
    return X, y


def _as_C(value: Any, what: str) -> float:
    if isinstance(value, bool):
        raise Wrong(f"{what} should be a number, one value of C")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise Wrong(f"{what} should be a number, one value of C, got {type(value).__name__}") from None
    if not math.isfinite(number) or number <= 0:
        raise Wrong(f"{what} should be a positive value of C")
    return number


def _one_thread(checker: Callable[..., None]) -> Callable[..., None]:
    """Recompute with one thread per native library (BLAS, OpenMP), as `paramlab grade` and
    `make` already run every kernel (OMP_NUM_THREADS=1): a check run by hand in JupyterLab then
    runs exactly as it does under grading."""

    @functools.wraps(checker)
    def wrapper(**answers: Any) -> None:
        with threadpool_limits(limits=1):
            checker(**answers)

    return wrapper


def _best(scores: dict[float, float]) -> float:
    return max(scores, key=scores.get)


@SET.question("q1", "the outer loop by hand",
              hint="For each C in Cs: cross_val_score(make_model(C), X_train, y_train, cv=cv).mean(). "
                   "Keep the C with the largest mean (the first one on a tie).")
@_one_thread
def q1(best_C: Any, X_train: Any, y_train: Any, X_test: Any, y_test: Any) -> None:
    from sklearn.model_selection import cross_val_score

    X, y = _arrays(X_train, y_train)
    Xt, yt = _arrays(X_test, y_test, "X_test, y_test")
    C = _as_C(best_C, "best_C")
    if not any(math.isclose(C, c) for c in CS):
        raise Wrong("best_C should be one of the values in Cs")
    cv_scores = {c: cross_val_score(_model(c), X, y, cv=_cv()).mean() for c in CS}
    top = max(cv_scores.values())
    if any(math.isclose(C, c) and math.isclose(score, top, rel_tol=1e-12) for c, score in cv_scores.items()):
        return  # the best mean (a tie for it is accepted too)
    fitted = {c: _model(c).fit(X, y) for c in CS}
    train = {c: m.score(X, y) for c, m in fitted.items()}
    if math.isclose(C, _best(train)):
        raise Wrong("that C is the best on the TRAINING part, where weaker regularization always "
                    "looks better; judge each C by its mean cross-validated accuracy")
    test = {c: m.score(Xt, yt) for c, m in fitted.items()}
    unshuffled = {c: cross_val_score(_model(c), X, y, cv=_cv(shuffle=False)).mean() for c in CS}
    if math.isclose(C, _best(test)) or math.isclose(C, _best(unshuffled)):
        raise Wrong("that C wins on the TEST part or with unshuffled folds (cv=5): choose on the "
                    "training part with cross_val_score and the cv object of the data cell")
    raise Wrong("best_C is not the C with the highest mean cross-validated accuracy")


@SET.question("q2", "the same loop as a grid search",
              hint="make_pipeline names each step after its class in lower case; a grid key is "
                   "'<step>__<hyperparameter>'. A grid search fits every setting once per fold, "
                   "then refits the best once on all the data.")
def q2(param_name: Any, n_fits: Any, Cs: Any) -> None:
    if not isinstance(param_name, str):
        raise Wrong("param_name should be a string, the key of the grid")
    if param_name.strip() == "C":
        raise Wrong("'C' alone does not reach inside a pipeline: prefix it with the step's name "
                    "and a double underscore")
    if "__" not in param_name:
        raise Wrong("a pipeline step's hyperparameter is addressed as '<step>__<hyperparameter>' "
                    "(two underscores)")
    expect_hashed(param_name, "ex11.q2",
                  ["aa07da167f20f5f1b0047111b8aa82a5eba5b051d3f13bcddfd345afd79fe8ef"],
                  "param_name does not name the logistic regression step's C: print "
                  "make_model().get_params().keys() to see the valid names")
    n_settings = len(list(Cs))
    n = _as_int(n_fits, "n_fits")
    if n == n_settings * 5:
        raise Wrong("you counted the fits on the folds but not the final refit of the best setting")
    if n in (n_settings, n_settings + 1):
        raise Wrong("each setting is fitted once per fold, not once")
    if n != n_settings * 5 + 1:
        raise Wrong("n_fits should count one fit per setting and fold, plus the refit")


@SET.question("q3", "read cv_results_",
              hint="threshold = mean_test_score[best_index_] - std_test_score[best_index_]; count the "
                   "settings whose mean_test_score is >= threshold (the best one included).")
def q3(n_close: Any, search: Any) -> None:
    results = getattr(search, "cv_results_", None)
    if results is None or not hasattr(search, "best_index_"):
        raise Wrong("search should be the fitted GridSearchCV of question 2")
    if len(results["params"]) != len(CS):
        raise Wrong("search should try every value in Cs (the GridSearchCV of question 2)")
    means, stds = np.asarray(results["mean_test_score"]), np.asarray(results["std_test_score"])
    best = int(search.best_index_)
    expected = int((means >= means[best] - stds[best]).sum())
    n = _as_int(n_close, "n_close")
    if n == expected - 1:
        raise Wrong("count the best setting itself too")
    if n == int((means >= means[best] - stds.mean()).sum()) and n != expected:
        raise Wrong("use the best setting's own std_test_score, not an average of all of them")
    if n != expected:
        raise Wrong("n_close should count the settings whose mean_test_score is at least the best "
                    "mean minus the best setting's std_test_score")


@SET.question("q4", "random search with a continuous distribution",
              hint="RandomizedSearchCV(make_model(), {param_name: loguniform(1e-3, 1e3)}, n_iter=8, "
                   "cv=cv, random_state=0), fitted on the training part; best_params_ holds the winner.")
@_one_thread
def q4(best_C_random: Any, X_train: Any, y_train: Any) -> None:
    from scipy.stats import loguniform
    from sklearn.model_selection import RandomizedSearchCV

    X, y = _arrays(X_train, y_train)
    C = _as_C(best_C_random, "best_C_random")
    if any(math.isclose(C, c) for c in CS):
        raise Wrong("that is a value of the grid Cs: random search draws C from loguniform(1e-3, 1e3) "
                    "instead")
    search = RandomizedSearchCV(_model(), {"logisticregression__C": loguniform(1e-3, 1e3)},
                                n_iter=8, cv=_cv(), random_state=0).fit(X, y)
    tried = [float(v) for v in search.cv_results_["param_logisticregression__C"]]
    expected = float(search.best_params_["logisticregression__C"])
    if not math.isclose(C, expected, rel_tol=1e-6) and any(math.isclose(C, t, rel_tol=1e-6) for t in tried):
        raise Wrong("that C was drawn by the search but is not the one with the best mean score")
    expect_close(C, expected, "best_C_random", rel=1e-6)


@SET.question("q5", "why random beats a grid",
              hint="A grid of 4 x 4 repeats each value of a for every value of b. Random draws give "
                   "every fit a new value of each hyperparameter.")
def q5(grid_values_of_a: Any, random_values_of_a: Any) -> None:
    g = _as_int(grid_values_of_a, "grid_values_of_a")
    r = _as_int(random_values_of_a, "random_values_of_a")
    if (g, r) == (16, 4):
        raise Wrong("the two counts are swapped: which method repeats values of a?")
    if g == 16:
        raise Wrong("grid_values_of_a: the grid makes 16 fits, but how many of them use a new value of a?")
    if g != 4:
        raise Wrong("grid_values_of_a should count the distinct values of a on a 4 x 4 grid")
    if r == 4:
        raise Wrong("random_values_of_a: random draws do not line up on a grid; each of the 16 fits "
                    "draws its own value of a")
    if r != 16:
        raise Wrong("random_values_of_a should count the distinct values of a among 16 random draws")


@SET.question("q6", "successive halving, counted",
              hint="sum(halving.n_candidates_) candidates were evaluated over all rounds, each once per "
                   "fold (halving.n_splits_); then the best is refitted once.")
@_one_thread
def q6(halving_fits: Any, X_train: Any, y_train: Any) -> None:
    from sklearn.experimental import enable_halving_search_cv  # noqa: F401
    from sklearn.model_selection import HalvingGridSearchCV

    X, y = _arrays(X_train, y_train)
    n = _as_int(halving_fits, "halving_fits")
    halving = HalvingGridSearchCV(_model(), {"logisticregression__C": list(CS)}, cv=_cv(), factor=3,
                                  random_state=0).fit(X, y)
    per_fold = sum(int(c) for c in halving.n_candidates_)
    if n == len(CS) * 5 + 1:
        raise Wrong("that is the full grid search's count: successive halving fits every candidate in "
                    "the first round and the survivors again in later rounds")
    if n == per_fold * 5:
        raise Wrong("you counted the fits of every round but not the final refit")
    if n in (per_fold, per_fold + 1):
        raise Wrong("each candidate of each round is fitted once per fold, not once")
    if n != per_fold * 5 + 1:
        raise Wrong("halving_fits should count one fit per candidate, round and fold, plus the refit")


q1, q2, q3, q4, q5, q6 = (SET.questions[k] for k in ("q1", "q2", "q3", "q4", "q5", "q6"))
score = SET.score
__all__ = ["SET", "CS", "q1", "q2", "q3", "q4", "q5", "q6", "score"]
