"""The checks of exercise set 12 called directly: right answers pass, plausible wrong ones are
rejected with the intended message, placeholders are 'not attempted'."""

import numpy as np
import pytest
from sklearn.datasets import load_iris
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, KFold, StratifiedKFold, cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from paramlab import datasets
from paramlab.checks import ex12
from paramlab.grading.core import Outcome
from sklearn.svm import SVC


def logistic(C):
    return make_pipeline(StandardScaler(), LogisticRegression(C=C, solver="newton-cholesky"))


@pytest.fixture(scope="module")
def parts():
    data = datasets.load("breast_cancer")
    return datasets.split(data.X, data.y, val_size=0.2, test_size=0.2, seed=0)


def test_every_question_has_a_hint_and_a_title():
    assert len(ex12.SET.questions) >= 4
    for q in ex12.SET.questions.values():
        assert q.hint_text and q.title


def test_q1_follows_the_protocol(parts):
    p = parts
    data = dict(X_train=p.X_train, y_train=p.y_train, X_val=p.X_val, y_val=p.y_val,
                X_test=p.X_test, y_test=p.y_test)
    fitted = {C: logistic(C).fit(p.X_train, p.y_train) for C in ex12.CS}
    val = {C: m.score(p.X_val, p.y_val) for C, m in fitted.items()}
    chosen = max(val, key=val.get)
    final = logistic(chosen).fit(np.vstack([p.X_train, p.X_val]), np.concatenate([p.y_train, p.y_val]))
    right = final.score(p.X_test, p.y_test)
    assert ex12.q1.evaluate(chosen_C=chosen, test_score=right, **data).passed
    train = {C: m.score(p.X_train, p.y_train) for C, m in fitted.items()}
    on_train = max(train, key=train.get)
    assert on_train != chosen
    assert "TRAINING part" in ex12.q1.evaluate(chosen_C=on_train, test_score=right, **data).message
    train_only = fitted[chosen].score(p.X_test, p.y_test)
    assert train_only != right, "the data must make a missing refit distinguishable"
    no_refit = ex12.q1.evaluate(chosen_C=chosen, test_score=train_only, **data)
    assert no_refit.outcome is Outcome.WRONG and "training plus validation" in no_refit.message
    assert "validation score of the winner" in ex12.q1.evaluate(chosen_C=chosen, test_score=val[chosen],
                                                                **data).message
    assert ex12.q1.evaluate(chosen_C=..., test_score=..., **data).outcome is Outcome.NOT_ATTEMPTED


def test_q2():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(300, 10)), rng.integers(0, 2, size=300)
    fitted = {k: KNeighborsClassifier(n_neighbors=k).fit(X[:100], y[:100]) for k in ex12.KS}
    check = {k: m.score(X[100:200], y[100:200]) for k, m in fitted.items()}
    best_k = max(check, key=check.get)
    fresh = {k: m.score(X[200:], y[200:]) for k, m in fitted.items()}
    assert ex12.q2.evaluate(best_check_score=check[best_k], fresh_score=fresh[best_k]).passed
    assert check[best_k] > 0.5, "choosing by the check score should look better than chance"
    rechosen = max(fresh.values())
    assert rechosen != fresh[best_k]
    wrong = ex12.q2.evaluate(best_check_score=check[best_k], fresh_score=rechosen)
    assert wrong.outcome is Outcome.WRONG and "repeats the mistake" in wrong.message
    mean = ex12.q2.evaluate(best_check_score=float(np.mean(list(check.values()))), fresh_score=fresh[best_k])
    assert "not their mean" in mean.message
    # A tie for the best check score: choosing any of the tied k is right (seed 0 has one).
    tied = [k for k in ex12.KS if check[k] == check[best_k]]
    assert len(tied) > 1 and len({fresh[k] for k in tied}) > 1
    for k in tied:
        assert ex12.q2.evaluate(best_check_score=check[k], fresh_score=fresh[k]).passed


def test_q3():
    X, y = load_iris(return_X_y=True)
    folds = KFold(n_splits=4, shuffle=True, random_state=0)
    search = GridSearchCV(SVC(kernel="rbf"), {"C": [1, 10, 100], "gamma": [0.01, 0.1]}, cv=folds)
    non_nested = search.fit(X, y).best_score_
    nested = cross_val_score(search, X, y, cv=folds).mean()
    assert ex12.q3.evaluate(non_nested_score=non_nested, nested_score=nested).passed
    swapped = ex12.q3.evaluate(non_nested_score=nested, nested_score=non_nested)
    assert swapped.outcome is Outcome.WRONG and "swapped" in swapped.message


def test_q4():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(100, 1000)), rng.integers(0, 2, size=100)
    cv5 = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    selector, model = SelectKBest(f_classif, k=20), LogisticRegression(solver="liblinear")
    leaky = cross_val_score(model, selector.fit_transform(X, y), y, cv=cv5).mean()
    honest = cross_val_score(make_pipeline(selector, model), X, y, cv=cv5).mean()
    assert leaky > honest + 0.1, "selection before CV must look clearly better on noise"
    assert ex12.q4.evaluate(leaky_score=leaky, honest_score=honest).passed
    assert "swapped" in ex12.q4.evaluate(leaky_score=honest, honest_score=leaky).message
    assert "honest_score" in ex12.q4.evaluate(leaky_score=leaky, honest_score=0.5 + 0.123).message


def test_q5():
    assert ex12.q5.evaluate(updated_by_descent={"w", "b"}).passed
    with_lr = ex12.q5.evaluate(updated_by_descent={"w", "b", "lr"})
    assert with_lr.outcome is Outcome.WRONG and "hyperparameter, not a weight" in with_lr.message
    assert "bias" in ex12.q5.evaluate(updated_by_descent={"w"}).message
    assert "not a candidate" in ex12.q5.evaluate(updated_by_descent={"theta"}).message


def test_q6():
    right = dict(n_values_1nn=400, n_values_40nn=400, memorises_noise="1-NN")
    assert ex12.q6.evaluate(**right).passed
    k_as_count = ex12.q6.evaluate(**{**right, "n_values_40nn": 40})
    assert "hyperparameter, not a learned value" in k_as_count.message
    assert "number of rows" in ex12.q6.evaluate(**{**right, "n_values_1nn": 200}).message
    same = ex12.q6.evaluate(**{**right, "memorises_noise": "same"})
    assert same.outcome is Outcome.WRONG and "training accuracies are not" in same.message
    assert "not right yet" in ex12.q6.evaluate(**{**right, "memorises_noise": "40-NN"}).message
