"""The checks of exercise set 05 called directly: right answers pass, plausible wrong ones are
rejected with the intended message, placeholders are 'not attempted'."""

import numpy as np
import pytest
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from paramlab import datasets
from paramlab.checks import ex05
from paramlab.grading.core import Outcome


@pytest.fixture(scope="module")
def cancer():
    data = datasets.load("breast_cancer")
    return datasets.split(data.X, data.y, val_size=0.2, test_size=0.2, seed=0)


@pytest.fixture(scope="module")
def moons():
    data = datasets.load("moons", n_samples=400, noise=0.35, seed=1)
    return datasets.split(data.X, data.y, val_size=0.25, test_size=0.25, seed=0)


@pytest.fixture(scope="module")
def wine():
    data = datasets.load("wine")
    return data, datasets.split(data.X, data.y, val_size=0.25, test_size=0.25, seed=0)


def outcome(question, **answers):
    return question.evaluate(**answers)


def test_every_question_has_a_hint_and_a_title():
    assert len(ex05.SET.questions) >= 4
    for q in ex05.SET.questions.values():
        assert q.hint_text and q.title


def test_q1_counts_the_stored_inputs(cancer):
    rows, features = cancer.X_train.shape
    more = (rows + len(cancer.X_val)) * features
    data = dict(X_train=cancer.X_train, X_val=cancer.X_val)
    assert outcome(ex05.q1, n_stored=rows * features, n_stored_more=more, **data).passed
    linear = outcome(ex05.q1, n_stored=features + 1, n_stored_more=more, **data)
    assert linear.outcome is Outcome.WRONG and "linear model" in linear.message
    assert "training rows" in outcome(ex05.q1, n_stored=rows, n_stored_more=more, **data).message
    assert "labels" in outcome(ex05.q1, n_stored=rows * (features + 1), n_stored_more=more, **data).message
    assert "no weights" in outcome(ex05.q1, n_stored=0, n_stored_more=more, **data).message
    same = outcome(ex05.q1, n_stored=rows * features, n_stored_more=rows * features, **data)
    assert "grows" in same.message
    assert outcome(ex05.q1, n_stored=..., n_stored_more=..., **data).outcome is Outcome.NOT_ATTEMPTED


def test_q2_recomputes_the_training_accuracy_and_checks_the_prediction(cancer):
    data = dict(X_train=cancer.X_train, y_train=cancer.y_train, X_val=cancer.X_val, y_val=cancer.y_val)
    model = KNeighborsClassifier(n_neighbors=25, weights="distance").fit(cancer.X_train, cancer.y_train)
    right = model.score(cancer.X_train, cancer.y_train)
    assert outcome(ex05.q2, prediction="perfect", train_acc=right, **data).passed
    wrong_guess = outcome(ex05.q2, prediction="below perfect", train_acc=right, **data)
    assert wrong_guess.outcome is Outcome.WRONG and "distance from a training point to itself" in wrong_guess.message
    on_val = outcome(ex05.q2, prediction="perfect", train_acc=model.score(cancer.X_val, cancer.y_val), **data)
    assert "validation part" in on_val.message
    uniform = KNeighborsClassifier(n_neighbors=25).fit(cancer.X_train, cancer.y_train)
    assert "uniform weights" in outcome(ex05.q2, prediction="perfect",
                                        train_acc=uniform.score(cancer.X_train, cancer.y_train), **data).message
    assert "'perfect' or 'below perfect'" in outcome(ex05.q2, prediction="yes", train_acc=right, **data).message
    assert outcome(ex05.q2, prediction=..., train_acc=..., **data).outcome is Outcome.NOT_ATTEMPTED


def _best_on(parts, X, y):
    scores = {k: KNeighborsClassifier(n_neighbors=k).fit(parts.X_train, parts.y_train).score(X, y)
              for k in ex05.K_VALUES}
    return max(scores, key=scores.get)


def test_q3_accepts_the_validation_choice_and_rejects_test_and_training_choices(moons):
    data = dict(X_train=moons.X_train, y_train=moons.y_train, X_val=moons.X_val, y_val=moons.y_val,
                X_test=moons.X_test, y_test=moons.y_test)
    on_val = _best_on(moons, moons.X_val, moons.y_val)
    on_test = _best_on(moons, moons.X_test, moons.y_test)
    on_train = _best_on(moons, moons.X_train, moons.y_train)
    assert len({on_val, on_test, on_train}) == 3, "the split must make each wrong choice distinguishable"
    assert outcome(ex05.q3, best_k=on_val, **data).passed
    assert "TEST part" in outcome(ex05.q3, best_k=on_test, **data).message
    assert "TRAINING part" in outcome(ex05.q3, best_k=on_train, **data).message
    assert "1 to 40" in outcome(ex05.q3, best_k=99, **data).message
    assert outcome(ex05.q3, best_k=..., **data).outcome is Outcome.NOT_ATTEMPTED


def test_q3_recomputes_from_the_learners_own_split():
    data = datasets.load("moons", n_samples=400, noise=0.35, seed=1)
    other = datasets.split(data.X, data.y, val_size=0.25, test_size=0.25, seed=4)
    best = _best_on(other, other.X_val, other.y_val)
    assert outcome(ex05.q3, best_k=best, X_train=other.X_train, y_train=other.y_train, X_val=other.X_val,
                   y_val=other.y_val, X_test=other.X_test, y_test=other.y_test).passed


def test_q4_scaling(wine):
    data, parts = wine
    args = dict(X_train=parts.X_train, y_train=parts.y_train, X_val=parts.X_val, y_val=parts.y_val)
    raw = KNeighborsClassifier(n_neighbors=5).fit(parts.X_train, parts.y_train).score(parts.X_val, parts.y_val)
    scaled = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=5)).fit(
        parts.X_train, parts.y_train).score(parts.X_val, parts.y_val)
    assert raw != scaled
    top = data.feature_names[int(np.argmax(parts.X_train.var(axis=0)))]
    assert outcome(ex05.q4, acc_raw=raw, acc_scaled=scaled, dominant_feature=top, **args).passed
    assert "swapped" in outcome(ex05.q4, acc_raw=scaled, acc_scaled=raw, dominant_feature=top, **args).message
    second = data.feature_names[int(np.argsort(parts.X_train.var(axis=0))[-2])]
    runner_up = outcome(ex05.q4, acc_raw=raw, acc_scaled=scaled, dominant_feature=second, **args)
    assert runner_up.outcome is Outcome.WRONG and "second-largest" in runner_up.message
    other = outcome(ex05.q4, acc_raw=raw, acc_scaled=scaled, dominant_feature="hue", **args)
    assert "largest variance" in other.message
    off = outcome(ex05.q4, acc_raw=0.5, acc_scaled=scaled, dominant_feature=top, **args)
    assert off.outcome is Outcome.WRONG and "acc_raw" in off.message


def test_q5_which_hyperparameters_change_predictions():
    right = {"n_neighbors", "weights", "metric", "p"}
    assert outcome(ex05.q5, changes_predictions=right).passed
    assert outcome(ex05.q5, changes_predictions=[" p", "metric ", "weights", "n_neighbors"]).passed
    with_algorithm = outcome(ex05.q5, changes_predictions=right | {"algorithm"})
    assert with_algorithm.outcome is Outcome.WRONG and "how the neighbours are searched" in with_algorithm.message
    assert "how fast" in outcome(ex05.q5, changes_predictions=set(ex05.CANDIDATES)).message
    assert "Minkowski" in outcome(ex05.q5, changes_predictions=right - {"p"}).message
    assert "not the only one" in outcome(ex05.q5, changes_predictions={"n_neighbors"}).message
    assert "not a candidate" in outcome(ex05.q5, changes_predictions={"gamma"}).message
    assert "set of names" in outcome(ex05.q5, changes_predictions="n_neighbors").message
