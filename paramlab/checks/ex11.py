"""Exercise set 11: searching hyperparameters.

Every numeric answer is recomputed here from the learner's own data (the same
model, folds and seeds as the notebook's data cell); discrete answers are
compared as salted digests (see ``paramlab.grading.hashing``).

The grid ``CS`` leaves out ``C=1``, LogisticRegression's default, so that an
answer copied from the default instead of searched for cannot pass.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np

from ..grading.answers import (arrays, diagnose, every, expect_close, expect_hashed, expect_value, is_close,
                               matches_hashed, number, one_of, whole_number)
from ..grading.core import ExerciseSet, Wrong

SET = ExerciseSet.declared(__file__)

CS = (0.004, 0.04, 0.4, 4, 40, 400)
DEFAULT_C = 1.0  # LogisticRegression's default


def _model(C: float = 1.0) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=C, solver="newton-cholesky"))


def _cv(shuffle: bool = True) -> Any:
    from sklearn.model_selection import StratifiedKFold

    return StratifiedKFold(n_splits=5, shuffle=shuffle, random_state=0 if shuffle else None)


def _key() -> str:
    """The grid key of C in the pipeline, read from the pipeline itself (not written here)."""
    return next(k for k in _model().get_params() if k.endswith("__C"))


def _best(scores: dict[float, float]) -> float:
    return max(scores, key=scores.get)


def _is(value: float, other: float) -> bool:
    return math.isclose(value, other, rel_tol=1e-6)


def _expect_fit_count(n: int, candidates: int, name: str, each: str, unit: str,
                      without_refit: str) -> None:
    """A search's fit count: one fit per candidate and fold (5 folds), plus the refit of the winner."""
    if n == candidates * 5:
        raise Wrong(without_refit)
    if n in (candidates, candidates + 1):
        raise Wrong(f"each {each} is fitted once per fold, not once")
    if n != candidates * 5 + 1:
        raise Wrong(f"{name} should count one fit per {unit} and fold, plus the refit")


@SET.question("q1")
def q1(best_C: Any, X_train: Any, y_train: Any, X_test: Any, y_test: Any) -> None:
    from sklearn.model_selection import cross_val_score

    X, y = arrays(X_train, y_train)
    Xt, yt = arrays(X_test, y_test, "X_test")
    given = number(best_C, "best_C")
    if _is(given, DEFAULT_C) and not any(_is(given, c) for c in CS):
        raise Wrong("C=1 is LogisticRegression's default, and it is not in Cs: the search has to find "
                    "the winner among the values of Cs")
    cv_scores = {c: cross_val_score(_model(c), X, y, cv=_cv()).mean() for c in CS}
    if not any(_is(given, c) for c in CS):
        if any(math.isclose(given, s, rel_tol=1e-9) for s in cv_scores.values()):
            raise Wrong("best_C is a mean accuracy: store the C that reached the best mean, not the mean")
    C = one_of(best_C, CS, "best_C", "the values in Cs")
    top = max(cv_scores.values())
    if any(_is(C, c) and math.isclose(score, top, rel_tol=1e-12) for c, score in cv_scores.items()):
        return  # the best mean (a tie for it is accepted too)
    fitted = {c: _model(c).fit(X, y) for c in CS}
    if _is(C, _best({c: m.score(X, y) for c, m in fitted.items()})):
        raise Wrong("that C is the best on the TRAINING part, where weaker regularization always "
                    "looks better; judge each C by its mean cross-validated accuracy")
    if _is(C, _best({c: m.score(Xt, yt) for c, m in fitted.items()})):
        raise Wrong("that C wins on the TEST part: choose on the training part with cross_val_score, "
                    "and leave the test part out of every decision")
    if _is(C, _best({c: cross_val_score(_model(c), X, y, cv=_cv(shuffle=False)).mean() for c in CS})):
        raise Wrong("that C wins with unshuffled folds (cv=5): pass cv=cv, the folds of the data cell")
    raise Wrong("best_C is not the C with the highest mean cross-validated accuracy")


@SET.question("q2")
def q2(param_name: Any, n_fits: Any, Cs: Any) -> None:
    if not isinstance(param_name, str):
        raise Wrong("param_name should be a string, the key of the grid")
    if param_name.strip().lower() == "c":
        raise Wrong("'C' alone does not reach inside a pipeline: prefix it with the step's name "
                    "and a double underscore")
    if "__" not in param_name:
        raise Wrong("a pipeline step's hyperparameter is addressed as '<step>__<hyperparameter>' "
                    "(two underscores)")
    if not matches_hashed(param_name, "ex11.q2", ["80c7321b3a9d28ffd89d4f42b3701905050b8279aecbe39c262cbf7845f6eb2c"],
                          exact_case=True):
        if matches_hashed(param_name, "ex11.q2", ["aa07da167f20f5f1b0047111b8aa82a5eba5b051d3f13bcddfd345afd79fe8ef"]):
            raise Wrong("param_name has the right letters in the wrong case, and parameter names are "
                        "case-sensitive (GridSearchCV rejects it): make_pipeline names each step after its "
                        "class in lower case, and the part after '__' is spelled exactly as the "
                        "estimator's own argument")
        raise Wrong("param_name does not name the logistic regression step's C: print "
                    "make_model().get_params().keys() to see the valid names")
    n_settings = len(list(Cs))
    _expect_fit_count(whole_number(n_fits, "n_fits"), n_settings, "n_fits", "setting", "setting",
                      "you counted the fits on the folds but not the final refit of the best setting")


@SET.question("q3")
def q3(n_close: Any, search: Any) -> None:
    results = getattr(search, "cv_results_", None)
    if results is None or not hasattr(search, "best_index_"):
        raise Wrong("search should be the fitted GridSearchCV of question 2")
    if len(results["params"]) != len(CS):
        raise Wrong("search should try every value in Cs (the GridSearchCV of question 2)")
    means, stds = np.asarray(results["mean_test_score"]), np.asarray(results["std_test_score"])
    best = int(search.best_index_)
    expected = int((means >= means[best] - stds[best]).sum())
    n = whole_number(n_close, "n_close")
    if n == expected:
        return
    if n == expected - 1:
        raise Wrong("count the best setting itself too")
    if n == int((means >= means[best] - stds.mean()).sum()):
        raise Wrong("use the best setting's own std_test_score, not an average of all of them")
    if n == int((means + stds >= means[best]).sum()):
        raise Wrong("you widened each setting by its own std_test_score; the question uses one "
                    "threshold: the best mean minus the best setting's std")
    if n == int((means >= means[best] - 2 * stds[best]).sum()):
        raise Wrong("that counts within two standard deviations of the best mean; the question asks "
                    "for one")
    if n == len(means) - expected:
        raise Wrong("you counted the settings below the threshold; count those at or above it")
    raise Wrong("n_close should count the settings whose mean_test_score is at least the best "
                "mean minus the best setting's std_test_score")


def _random_search(X: np.ndarray, y: np.ndarray, distribution: Any = None, n_iter: int = 8) -> Any:
    from scipy.stats import loguniform
    from sklearn.model_selection import RandomizedSearchCV

    distribution = loguniform(1e-3, 1e3) if distribution is None else distribution
    return RandomizedSearchCV(_model(), {_key(): distribution}, n_iter=n_iter, cv=_cv(),
                              random_state=0).fit(X, y)


@SET.question("q4")
def q4(best_C_random: Any, X_train: Any, y_train: Any) -> None:
    from scipy.stats import uniform

    X, y = arrays(X_train, y_train)
    C = number(best_C_random, "best_C_random")
    if C <= 0:
        raise Wrong("best_C_random should be a positive value of C")
    if _is(C, DEFAULT_C):
        raise Wrong("C=1 is LogisticRegression's default: read the C the random search chose from its "
                    "best_params_")
    key = _key()
    search = _random_search(X, y)
    expected = float(search.best_params_[key])
    if _is(C, expected):
        return
    if C.is_integer() and int(C) == int(search.best_index_):
        raise Wrong("that is best_index_, the winner's position in cv_results_; its C is in best_params_")
    if any(_is(C, c) for c in CS):
        raise Wrong("that is a value of the grid Cs: random search draws C from loguniform(1e-3, 1e3) "
                    "instead")
    if math.isclose(C, float(search.best_score_), rel_tol=1e-9):
        raise Wrong("that is best_score_, the winner's mean accuracy; the question asks for its C "
                    "(best_params_)")
    tried = [float(v) for v in search.cv_results_[f"param_{key}"]]
    if any(_is(C, t) for t in tried):
        raise Wrong("that C was drawn by the search but is not the one with the best mean score")
    if _is(C, float(_random_search(X, y, n_iter=10).best_params_[key])):
        raise Wrong("that C wins among 10 draws, RandomizedSearchCV's default n_iter; the question "
                    "asks for n_iter=8")
    if _is(C, float(_random_search(X, y, uniform(1e-3, 1e3)).best_params_[key])):
        raise Wrong("that C was drawn from uniform(1e-3, 1e3), which puts almost every draw above 1; "
                    "loguniform spreads the draws evenly over the powers of ten")
    expect_close(C, expected, "best_C_random", rel=1e-6)


@SET.question("q5")
def q5(grid_values_of_a: Any, random_values_of_a: Any) -> None:
    g = whole_number(grid_values_of_a, "grid_values_of_a")
    r = whole_number(random_values_of_a, "random_values_of_a")
    every(lambda: expect_hashed(
        g, "ex11.q5.grid", ["6f6c604cab5b2fbe9d7881e0c4fe61d9108b33e33f07c371c3572eeb68f86155"],
        "grid_values_of_a is not the number of distinct values of a on the grid: list the grid's (a, b) "
        "settings and count the different values of a among them",
        known_wrong={"7afaa21a3fe2d19a79c4fbab5bb118851647842bdf9889934ba24ed7454cbe3f":
                     "grid_values_of_a counts fits, not distinct values: on a grid, many settings share "
                     "each value of a"}),
          lambda: expect_hashed(
        r, "ex11.q5.random", ["f6b4e63dec9a7c0ccaed9638d85c5de5583c5e60c38172b32c0c5e82df86cc1a"],
        "random_values_of_a is not the number of distinct values of a among the random draws: draw them "
        "(ParameterSampler) and count the different values of a",
        known_wrong={"fe51924b868621fa9de27eeb8c99ab9e0f1e5e1d4d6a5aa706fd871ef29552e1":
                     "random_values_of_a: a random search has no short list of values of a to come back "
                     "to, as a grid has; reread what the question says about repeated draws"}))


@SET.question("q6")
def q6(halving_fits: Any, X_train: Any, y_train: Any) -> None:
    from sklearn.experimental import enable_halving_search_cv  # noqa: F401
    from sklearn.model_selection import HalvingGridSearchCV

    X, y = arrays(X_train, y_train)
    n = whole_number(halving_fits, "halving_fits")
    halving = HalvingGridSearchCV(_model(), {_key(): list(CS)}, cv=_cv(), factor=3,
                                  random_state=0).fit(X, y)
    per_fold = sum(int(c) for c in halving.n_candidates_)
    if n == len(CS) * 5 + 1:
        raise Wrong("that is the full grid search's count: successive halving fits every candidate in "
                    "the first round and the survivors again in later rounds")
    _expect_fit_count(n, per_fold, "halving_fits", "candidate of each round",
                      "candidate, round", "you counted the fits of every round but not the final refit")


FINE_CS = (0.01, 0.05, 0.1, 0.3, 2, 10, 100)  # question 7: fine enough that several C tie within the noise


def _one_se_picks(X: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """The Cs of fine_Cs that question 7 and its known mistakes pick, by name."""
    from sklearn.model_selection import cross_validate

    folds = _cv()
    scores = np.array([cross_validate(_model(c), X, y, cv=folds)["test_score"] for c in FINE_CS])
    means, stds = scores.mean(axis=1), scores.std(axis=1)
    best = int(np.argmax(means))  # the first on a tie, as GridSearchCV ranks
    Cs = np.array(FINE_CS, dtype=float)

    def band(width: float) -> np.ndarray:
        return Cs[means >= means[best] - width]

    se = stds[best] / math.sqrt(folds.get_n_splits())
    return {"best": float(Cs[best]), "smallest": float(band(se).min()), "largest": float(band(se).max()),
            "smallest_std": float(band(stds[best]).min())}


@SET.question("q7")
def q7(chosen_C: Any, plain_best_C: Any, X_train: Any, y_train: Any) -> None:
    X, y = arrays(X_train, y_train)
    chosen = one_of(chosen_C, FINE_CS, "chosen_C", "the values in fine_Cs")
    plain = one_of(plain_best_C, FINE_CS, "plain_best_C", "the values in fine_Cs")
    picks = _one_se_picks(X, y)
    if chosen == picks["best"] and plain == picks["smallest"]:
        raise Wrong("chosen_C and plain_best_C are swapped: chosen_C is what refit=one_se picked "
                    "(best_params_), plain_best_C the C with the highest mean_test_score")
    every(lambda: is_close(chosen, picks["smallest"]) or diagnose(chosen, [
        (picks["best"], "chosen_C is the plain winner, the C with the highest mean: one_se should return "
                        "the index of the smallest C whose mean is within one standard error of it"),
        (picks["smallest_std"], "chosen_C used a band one standard DEVIATION wide: the standard error of "
                                "the best mean is std_test_score / sqrt(n_splits), narrower"),
        (picks["largest"], "chosen_C is the largest C within the band: the rule prefers the simplest "
                           "model, and a smaller C regularizes more")],
        "chosen_C is not the smallest C of fine_Cs within one standard error of the best mean"),
          lambda: is_close(plain, picks["best"]) or diagnose(plain, [
        (picks["smallest"], "plain_best_C is the C the one-standard-error rule picks: store the C with the "
                            "highest mean_test_score")],
        "plain_best_C is not the C with the highest mean_test_score"))


def _study(X: np.ndarray, y: np.ndarray, direction: str = "maximize", log: bool = True) -> Any:
    """Question 8's study, recomputed: 15 seeded TPE trials of C on the set's folds."""
    import warnings

    from sklearn.model_selection import cross_val_score

    with warnings.catch_warnings():  # tqdm, imported by optuna, warns that it cannot draw notebook bars
        warnings.filterwarnings("ignore", message="IProgress not found")
        import optuna
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    folds = _cv()

    def objective(trial: Any) -> float:
        C = trial.suggest_float("C", 1e-3, 1e3, log=log)
        return float(cross_val_score(_model(C), X, y, cv=folds).mean())

    study = optuna.create_study(direction=direction, sampler=optuna.samplers.TPESampler(seed=0))
    study.optimize(objective, n_trials=15)
    return study


@SET.question("q8")
def q8(best_C_optuna: Any, best_value: Any, X_train: Any, y_train: Any) -> None:
    X, y = arrays(X_train, y_train)
    number(best_C_optuna, "best_C_optuna"), number(best_value, "best_value")
    study = _study(X, y)
    expected_C, expected_value = float(study.best_params["C"]), float(study.best_value)
    worst = functools.cache(lambda: _study(X, y, direction="minimize"))
    every(lambda: expect_value(best_C_optuna, expected_C, "best_C_optuna", [
        (expected_value, "best_C_optuna is a score, the best mean accuracy (study.best_value): store the "
                         "C of the best trial, study.best_params['C']"),
        (DEFAULT_C, "C=1 is LogisticRegression's default: read the C the study found from best_params"),
        (lambda: worst().best_params["C"],
         "best_C_optuna is the WORST trial's C: create_study minimizes by default, so the study hunted "
         "for the lowest accuracy; pass direction='maximize'"),
        (float(study.trials[-1].params["C"]),
         "best_C_optuna is the C of the last trial, not of the best one: the study's order of trials is "
         "not a ranking; read study.best_params"),
        (lambda: _study(X, y, log=False).best_params["C"],
         "best_C_optuna was drawn without log=True: suggest_float then spreads C evenly from 0.001 to 1000, "
         "so almost every trial lands above 1")],
        rel=1e-6),
          lambda: expect_value(best_value, expected_value, "best_value", [
        (expected_C, "best_value is a C: store the best trial's mean accuracy, study.best_value"),
        (lambda: worst().best_value,
         "best_value is the WORST mean accuracy: create_study minimizes by default; pass "
         "direction='maximize'")],
        rel=1e-6))


score = SET.score
__all__ = ["SET", "CS", "FINE_CS", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "score"]
