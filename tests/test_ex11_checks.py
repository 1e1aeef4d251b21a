"""The checks of exercise set 11 called directly: right answers pass, plausible wrong ones are
rejected with the intended message, placeholders are 'not attempted'."""

import pytest
from scipy.stats import loguniform
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (GridSearchCV, HalvingGridSearchCV, RandomizedSearchCV,
                                     StratifiedKFold, cross_val_score)
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from paramlab import datasets
from paramlab.checks import ex11
from paramlab.grading.core import Outcome

CS = list(ex11.CS)
KEY = "logisticregression__C"


def make_model(C=1.0):
    return make_pipeline(StandardScaler(), LogisticRegression(C=C, solver="newton-cholesky"))


@pytest.fixture(scope="module")
def parts():
    data = datasets.load("breast_cancer")
    return datasets.split(data.X, data.y, test_size=0.25, seed=0)


@pytest.fixture(scope="module")
def cv():
    return StratifiedKFold(n_splits=5, shuffle=True, random_state=0)


@pytest.fixture(scope="module")
def search(parts, cv):
    return GridSearchCV(make_model(), {KEY: CS}, cv=cv).fit(parts.X_train, parts.y_train)


def test_every_question_has_a_hint_and_a_title():
    assert len(ex11.SET.questions) >= 4
    for q in ex11.SET.questions.values():
        assert q.hint_text and q.title


def test_q1_accepts_the_cv_choice_and_rejects_training_and_test_choices(parts, cv):
    data = dict(X_train=parts.X_train, y_train=parts.y_train, X_test=parts.X_test, y_test=parts.y_test)
    means = {C: cross_val_score(make_model(C), parts.X_train, parts.y_train, cv=cv).mean() for C in CS}
    best = max(means, key=means.get)
    assert ex11.q1.evaluate(best_C=best, **data).passed
    train = {C: make_model(C).fit(parts.X_train, parts.y_train).score(parts.X_train, parts.y_train) for C in CS}
    on_train = max(train, key=train.get)
    assert on_train != best, "the data must make a training-set choice distinguishable"
    wrong = ex11.q1.evaluate(best_C=on_train, **data)
    assert wrong.outcome is Outcome.WRONG and "TRAINING part" in wrong.message
    test = {C: make_model(C).fit(parts.X_train, parts.y_train).score(parts.X_test, parts.y_test) for C in CS}
    on_test = max(test, key=test.get)
    assert on_test != best
    assert "TEST part" in ex11.q1.evaluate(best_C=on_test, **data).message
    assert "one of the values in Cs" in ex11.q1.evaluate(best_C=3.0, **data).message
    assert ex11.q1.evaluate(best_C=..., **data).outcome is Outcome.NOT_ATTEMPTED


def test_q2():
    n = len(CS)
    assert ex11.q2.evaluate(param_name=KEY, n_fits=5 * n + 1, Cs=CS).passed
    bare = ex11.q2.evaluate(param_name="C", n_fits=5 * n + 1, Cs=CS)
    assert bare.outcome is Outcome.WRONG and "step's name" in bare.message
    assert "two underscores" in ex11.q2.evaluate(param_name="logisticregression_C", n_fits=5 * n + 1, Cs=CS).message
    assert "get_params" in ex11.q2.evaluate(param_name="svc__C", n_fits=5 * n + 1, Cs=CS).message
    no_refit = ex11.q2.evaluate(param_name=KEY, n_fits=5 * n, Cs=CS)
    assert "refit" in no_refit.message
    assert "once per fold" in ex11.q2.evaluate(param_name=KEY, n_fits=n, Cs=CS).message
    assert ex11.q2.evaluate(param_name=..., n_fits=..., Cs=CS).outcome is Outcome.NOT_ATTEMPTED


def test_q3(search):
    r = search.cv_results_
    best = search.best_index_
    n = int((r["mean_test_score"] >= r["mean_test_score"][best] - r["std_test_score"][best]).sum())
    assert ex11.q3.evaluate(n_close=n, search=search).passed
    without_best = ex11.q3.evaluate(n_close=n - 1, search=search)
    assert without_best.outcome is Outcome.WRONG and "best setting itself" in without_best.message
    assert "fitted GridSearchCV" in ex11.q3.evaluate(n_close=n, search=make_model()).message


def test_q4(parts, cv):
    rs = RandomizedSearchCV(make_model(), {KEY: loguniform(1e-3, 1e3)}, n_iter=8, cv=cv,
                            random_state=0).fit(parts.X_train, parts.y_train)
    best = float(rs.best_params_[KEY])
    data = dict(X_train=parts.X_train, y_train=parts.y_train)
    assert ex11.q4.evaluate(best_C_random=best, **data).passed
    assert "value of the grid" in ex11.q4.evaluate(best_C_random=1, **data).message
    other = next(float(v) for v in rs.cv_results_["param_" + KEY] if float(v) != best)
    assert "not the one with the best mean" in ex11.q4.evaluate(best_C_random=other, **data).message


def test_q5():
    assert ex11.q5.evaluate(grid_values_of_a=4, random_values_of_a=16).passed
    assert "swapped" in ex11.q5.evaluate(grid_values_of_a=16, random_values_of_a=4).message
    fits = ex11.q5.evaluate(grid_values_of_a=16, random_values_of_a=16)
    assert fits.outcome is Outcome.WRONG and "new value of a" in fits.message
    assert "own value of a" in ex11.q5.evaluate(grid_values_of_a=4, random_values_of_a=4).message


def test_q6(parts, cv):
    halving = HalvingGridSearchCV(make_model(), {KEY: CS}, cv=cv, factor=3,
                                  random_state=0).fit(parts.X_train, parts.y_train)
    per_fold = sum(halving.n_candidates_)
    data = dict(X_train=parts.X_train, y_train=parts.y_train)
    assert ex11.q6.evaluate(halving_fits=per_fold * 5 + 1, **data).passed
    grid_count = ex11.q6.evaluate(halving_fits=len(CS) * 5 + 1, **data)
    assert grid_count.outcome is Outcome.WRONG and "full grid search" in grid_count.message
    assert "final refit" in ex11.q6.evaluate(halving_fits=per_fold * 5, **data).message
    assert "whole number" in ex11.q6.evaluate(halving_fits=41.5, **data).message
