"""Attempts at exercise set 11 (searching hyperparameters)."""

from __future__ import annotations

import functools
import warnings

import numpy as np
from scipy.stats import loguniform, uniform
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (GridSearchCV, HalvingGridSearchCV, RandomizedSearchCV, StratifiedKFold,
                                     cross_val_score)
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from paramlab.checks import ex11

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="IProgress not found")
    import optuna

from attempts import pick, right, split, wrong

CS = list(ex11.CS)
FINE_CS = list(ex11.FINE_CS)
KEY = "logisticregression__C"


def make_model(C=1.0):
    return make_pipeline(StandardScaler(), LogisticRegression(C=C, solver="newton-cholesky"))


def best(scores: dict) -> float:
    return max(scores, key=scores.get)


@functools.cache
def data() -> dict:
    d = dict(split("breast_cancer", val_size=0.0, test_size=0.25))
    X, y = d["X_train"], d["y_train"]
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    d["cv_means"] = {C: cross_val_score(make_model(C), X, y, cv=cv).mean() for C in CS}
    d["best_C"] = best(d["cv_means"])
    fitted = {C: make_model(C).fit(X, y) for C in CS}
    d["on_train"] = best({C: m.score(X, y) for C, m in fitted.items()})
    d["on_test"] = best({C: m.score(d["X_test"], d["y_test"]) for C, m in fitted.items()})
    assert len({d["best_C"], d["on_train"], d["on_test"], 1.0}) == 4, \
        "the grid must tell the CV choice apart from training, test and default choices"

    d["search"] = GridSearchCV(make_model(), {KEY: CS}, cv=cv).fit(X, y)
    r, b = d["search"].cv_results_, d["search"].best_index_
    means, stds = r["mean_test_score"], r["std_test_score"]
    d["n_close"] = int((means >= means[b] - stds[b]).sum())
    d["n_close_mean_std"] = int((means >= means[b] - stds.mean()).sum())
    d["n_close_two_std"] = int((means >= means[b] - 2 * stds[b]).sum())
    assert len({d["n_close"], d["n_close"] - 1, d["n_close_mean_std"], d["n_close_two_std"]}) == 4

    def random_search(distribution, n_iter=8):
        return RandomizedSearchCV(make_model(), {KEY: distribution}, n_iter=n_iter, cv=cv,
                                  random_state=0).fit(X, y)

    d["random"] = random_search(loguniform(1e-3, 1e3))
    d["best_C_random"] = float(d["random"].best_params_[KEY])
    d["drawn_not_best"] = next(float(v) for v in d["random"].cv_results_["param_" + KEY]
                               if float(v) != d["best_C_random"])
    d["uniform_winner"] = float(random_search(uniform(1e-3, 1e3)).best_params_[KEY])
    assert d["uniform_winner"] not in [float(v) for v in d["random"].cv_results_["param_" + KEY]]
    assert d["random"].best_index_ in CS, "best_index_ collides with a grid value: q4 names best_index_ first"

    halving = HalvingGridSearchCV(make_model(), {KEY: CS}, cv=cv, factor=3, random_state=0).fit(X, y)
    d["per_fold"] = int(sum(halving.n_candidates_))

    fine = GridSearchCV(make_model(), {KEY: FINE_CS}, cv=cv).fit(X, y)
    means, stds = fine.cv_results_["mean_test_score"], fine.cv_results_["std_test_score"]
    top = int(np.argmax(means))

    def band(width):
        return [C for C, m in zip(FINE_CS, means) if m >= means[top] - width]

    d["plain_best_C"] = FINE_CS[top]
    d["one_se"], d["largest_in_band"] = min(band(stds[top] / np.sqrt(5))), max(band(stds[top] / np.sqrt(5)))
    d["one_std"] = min(band(stds[top]))
    assert len({d["plain_best_C"], d["one_se"], d["largest_in_band"], d["one_std"]}) == 4, \
        "fine_Cs must tell the one-standard-error choice apart from each known mistake"

    def study(direction="maximize", log=True):
        def objective(trial):
            C = trial.suggest_float("C", 1e-3, 1e3, log=log)
            return cross_val_score(make_model(C), X, y, cv=cv).mean()

        result = optuna.create_study(direction=direction, sampler=optuna.samplers.TPESampler(seed=0))
        result.optimize(objective, n_trials=15)
        return result

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    d["study"], d["worst_study"] = study(), study("minimize")
    d["best_C_optuna"], d["best_value"] = d["study"].best_params["C"], d["study"].best_value
    d["last_C"] = d["study"].trials[-1].params["C"]
    d["linear_C"] = study(log=False).best_params["C"]
    assert len({d["best_C_optuna"], d["worst_study"].best_params["C"], d["last_C"], d["linear_C"]}) == 4
    return d


def q1(C):
    return lambda d: {"best_C": C(d), **pick(d, "X_train", "y_train", "X_test", "y_test")}


def q2(name, n_fits=lambda n: 5 * n + 1):
    return lambda d: {"param_name": name, "n_fits": n_fits(len(CS)), "Cs": CS}


def q3(n):
    return lambda d: {"n_close": n(d), "search": d["search"]}


def q4(C):
    return lambda d: {"best_C_random": C(d), **pick(d, "X_train", "y_train")}


def q5(grid, random):
    return lambda d: {"grid_values_of_a": grid, "random_values_of_a": random}


def q6(n):
    return lambda d: {"halving_fits": n(d), **pick(d, "X_train", "y_train")}


def q7(chosen, plain=lambda d: d["plain_best_C"]):
    return lambda d: {"chosen_C": chosen(d), "plain_best_C": plain(d), **pick(d, "X_train", "y_train")}


def q8(C, value=lambda d: d["best_value"]):
    return lambda d: {"best_C_optuna": C(d), "best_value": value(d), **pick(d, "X_train", "y_train")}


ATTEMPTS = [
    right("q1", "the CV winner as a numpy float", q1(lambda d: np.float64(d["best_C"]))),
    right("q1", "the CV winner as a float32", q1(lambda d: np.float32(d["best_C"]))),
    wrong("q1", "chose on the training part", q1(lambda d: d["on_train"]), "TRAINING part"),
    wrong("q1", "chose on the test part", q1(lambda d: d["on_test"]), "TEST part"),
    wrong("q1", "skipped the search: LogisticRegression's default", q1(lambda d: 1.0), "default"),
    wrong("q1", "the default written as text", q1(lambda d: "1"), "drop the quotes"),
    wrong("q1", "the winner written as text", q1(lambda d: str(d["best_C"])), "drop the quotes"),
    wrong("q1", "a C outside the grid", q1(lambda d: 3.0), "one of the values in Cs"),
    wrong("q1", "stored the best mean accuracy", q1(lambda d: max(d["cv_means"].values())), "mean accuracy"),

    right("q2", "the key with spaces around, n_fits a float", q2(" logisticregression__C ", lambda n: 5.0 * n + 1)),
    right("q2", "n_fits as a numpy int", q2(KEY, lambda n: np.int64(5 * n + 1))),
    wrong("q2", "the class name capitalised", q2("LogisticRegression__C"), "case-sensitive"),
    wrong("q2", "all lower case", q2("logisticregression__c"), "case-sensitive"),
    wrong("q2", "C alone", q2("C"), "step's name"),
    wrong("q2", "one underscore", q2("logisticregression_C"), "two underscores"),
    wrong("q2", "another step's name", q2("svc__C"), "get_params"),
    wrong("q2", "the grid as the name", q2(["logisticregression__C"]), "should be a string"),
    wrong("q2", "forgot the refit", q2(KEY, lambda n: 5 * n), "final refit"),
    wrong("q2", "one fit per setting", q2(KEY, lambda n: n), "once per fold"),
    wrong("q2", "half a fit", q2(KEY, lambda n: 5 * n + 0.5), "whole number"),

    right("q3", "the count as a numpy int", q3(lambda d: np.int64(d["n_close"]))),
    right("q3", "the count as a float", q3(lambda d: float(d["n_close"]))),
    wrong("q3", "left out the best setting", q3(lambda d: d["n_close"] - 1), "best setting itself"),
    wrong("q3", "used the average std", q3(lambda d: d["n_close_mean_std"]), "not an average"),
    wrong("q3", "two standard deviations", q3(lambda d: d["n_close_two_std"]), "two standard deviations"),
    wrong("q3", "the count as text", q3(lambda d: str(d["n_close"])), "drop the quotes"),
    wrong("q3", "passed the unfitted model", lambda d: {"n_close": d["n_close"], "search": ex11._model()},
          "fitted GridSearchCV"),

    right("q4", "the winner as a numpy float", q4(lambda d: np.float64(d["best_C_random"]))),
    right("q4", "the winner as a one-element array", q4(lambda d: np.array([d["best_C_random"]]))),
    wrong("q4", "a value of the grid", q4(lambda d: d["best_C"]), "value of the grid"),
    wrong("q4", "LogisticRegression's default", q4(lambda d: 1), "default"),
    wrong("q4", "another drawn value", q4(lambda d: d["drawn_not_best"]), "not the one with the best mean"),
    wrong("q4", "stored best_score_", q4(lambda d: d["random"].best_score_), "best_score_"),
    wrong("q4", "stored best_index_", q4(lambda d: d["random"].best_index_), "best_index_"),
    wrong("q4", "drew from uniform", q4(lambda d: d["uniform_winner"]), "uniform(1e-3, 1e3)"),
    wrong("q4", "passed the whole best_params_", q4(lambda d: d["random"].best_params_), "single number"),

    right("q5", "counts as a float and a numpy int", q5(4.0, np.int64(16))),
    wrong("q5", "counted fits on the grid", q5(16, 16), "counts fits"),
    wrong("q5", "thought random draws repeat like the grid", q5(4, 4), "no short list"),
    wrong("q5", "both the other way round", q5(16, 4), "counts fits, not distinct values"),
    wrong("q5", "guessed", q5(2, 8), "not the number of distinct values of a on the grid"),
    wrong("q5", "a count as text", q5("4", 16), "drop the quotes"),

    right("q6", "the count as a float", q6(lambda d: float(d["per_fold"] * 5 + 1))),
    wrong("q6", "the full grid's count", q6(lambda d: len(CS) * 5 + 1), "full grid search"),
    wrong("q6", "forgot the refit", q6(lambda d: d["per_fold"] * 5), "final refit"),
    wrong("q6", "one fit per candidate", q6(lambda d: d["per_fold"]), "once per fold"),
    wrong("q6", "not a whole number", q6(lambda d: 41.5), "whole number"),

    right("q7", "both Cs as numpy floats",
          q7(lambda d: np.float64(d["one_se"]), lambda d: np.float64(d["plain_best_C"]))),
    wrong("q7", "the plain winner as chosen_C", q7(lambda d: d["plain_best_C"]), "plain winner"),
    wrong("q7", "a band one std wide", q7(lambda d: d["one_std"]), "standard DEVIATION"),
    wrong("q7", "the largest C within the band", q7(lambda d: d["largest_in_band"]), "largest C within the band"),
    wrong("q7", "swapped", q7(lambda d: d["plain_best_C"], lambda d: d["one_se"]), "swapped"),
    wrong("q7", "the rule's C for both", q7(lambda d: d["one_se"], lambda d: d["one_se"]),
          "plain_best_C is the C the one-standard-error rule picks"),
    wrong("q7", "a C of the coarse grid", q7(lambda d: 0.4), "one of the values in fine_Cs"),
    wrong("q7", "the plain winner and a wrong plain one", q7(lambda d: d["plain_best_C"], lambda d: 100),
          "standard error of it; plain_best_C is not the C with the highest"),

    right("q8", "the study's answers as float32",
          q8(lambda d: np.float32(d["best_C_optuna"]), lambda d: np.float32(d["best_value"]))),
    wrong("q8", "stored best_value as the C", q8(lambda d: d["best_value"]), "is a score"),
    wrong("q8", "the default direction (minimize)",
          q8(lambda d: d["worst_study"].best_params["C"], lambda d: d["worst_study"].best_value), "WORST"),
    wrong("q8", "the last trial's C", q8(lambda d: d["last_C"]), "last trial"),
    wrong("q8", "swapped C and score", q8(lambda d: d["best_value"], lambda d: d["best_C_optuna"]),
          "best_value is a C"),
    wrong("q8", "C drawn without log=True", q8(lambda d: d["linear_C"]), "log=True"),
    wrong("q8", "LogisticRegression's default", q8(lambda d: 1.0), "default"),
    wrong("q8", "the whole best_params", q8(lambda d: d["study"].best_params), "single number"),
]
