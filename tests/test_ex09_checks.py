"""The checks of exercise set 09 called directly: right answers pass, plausible wrong ones are
rejected with the intended message, placeholders are 'not attempted'."""

import numpy as np
import pytest
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

from paramlab import datasets
from paramlab.checks import ex09
from paramlab.grading.core import Outcome


@pytest.fixture(scope="module")
def cancer():
    data = datasets.load("breast_cancer")
    return datasets.split(data.X, data.y, val_size=0.2, test_size=0.2, seed=0)


@pytest.fixture(scope="module")
def moons():
    data = datasets.load("moons", n_samples=300, noise=0.3, seed=1)
    return datasets.split(data.X, data.y, val_size=0.25, test_size=0.25, seed=0)


def outcome(question, **answers):
    return question.evaluate(**answers)


def linear(parts, C):
    return make_pipeline(StandardScaler(), SVC(kernel="linear", C=C)).fit(parts.X_train, parts.y_train)[-1]


def test_every_question_has_a_hint_and_a_title():
    assert len(ex09.SET.questions) >= 4
    for q in ex09.SET.questions.values():
        assert q.hint_text and q.title


def test_q1_support_vectors_and_rebuilt_weights(cancer):
    svm = linear(cancer, 1.0)
    data = dict(X_train=cancer.X_train, y_train=cancer.y_train)
    n, w = svm.support_vectors_.shape[0], (svm.dual_coef_ @ svm.support_vectors_).ravel()
    assert outcome(ex09.q1, n_sv=n, w=w, **data).passed
    assert outcome(ex09.q1, n_sv=n, w=svm.coef_, **data).passed  # coef_ is the same vector
    per_class = outcome(ex09.q1, n_sv=svm.n_support_, w=w, **data)
    assert per_class.outcome is Outcome.WRONG and "not one per class" in per_class.message
    assert "one class" in outcome(ex09.q1, n_sv=int(svm.n_support_[0]), w=w, **data).message
    assert "training rows" in outcome(ex09.q1, n_sv=len(cancer.X_train), w=w, **data).message
    assert "dual_coef_ itself" in outcome(ex09.q1, n_sv=n, w=svm.dual_coef_, **data).message
    assert "opposite sign" in outcome(ex09.q1, n_sv=n, w=-w, **data).message
    unscaled = SVC(kernel="linear", C=1.0).fit(cancer.X_train, cancer.y_train).coef_
    assert "unscaled" in outcome(ex09.q1, n_sv=n, w=unscaled, **data).message
    assert outcome(ex09.q1, n_sv=..., w=..., **data).outcome is Outcome.NOT_ATTEMPTED


def test_q2_recomputes_the_counts_and_checks_the_prediction(cancer):
    small, large = (linear(cancer, C).support_vectors_.shape[0] for C in (0.01, 100))
    assert small != large
    data = dict(X_train=cancer.X_train, y_train=cancer.y_train)
    assert outcome(ex09.q2, prediction="fewer", n_sv_small_C=small, n_sv_large_C=large, **data).passed
    more = outcome(ex09.q2, prediction="more", n_sv_small_C=small, n_sv_large_C=large, **data)
    assert more.outcome is Outcome.WRONG and "width of the margin" in more.message
    same = outcome(ex09.q2, prediction="same", n_sv_small_C=small, n_sv_large_C=large, **data)
    assert "bounds every dual coefficient" in same.message
    assert "swapped" in outcome(ex09.q2, prediction="fewer", n_sv_small_C=large, n_sv_large_C=small,
                                **data).message
    assert "C=0.01" in outcome(ex09.q2, prediction="fewer", n_sv_small_C=small + 1, n_sv_large_C=large,
                               **data).message
    assert "'more', 'fewer' or 'same'" in outcome(ex09.q2, prediction="less", n_sv_small_C=small,
                                                  n_sv_large_C=large, **data).message


def _best_on(parts, X, y):
    scores = {(C, g): SVC(kernel="rbf", C=C, gamma=g).fit(parts.X_train, parts.y_train).score(X, y)
              for C in ex09.C_VALUES for g in ex09.GAMMA_VALUES}
    return max(scores, key=scores.get)


def test_q3_accepts_the_validation_choice_and_rejects_test_and_training_choices(moons):
    data = dict(X_train=moons.X_train, y_train=moons.y_train, X_val=moons.X_val, y_val=moons.y_val,
                X_test=moons.X_test, y_test=moons.y_test)
    on_val = _best_on(moons, moons.X_val, moons.y_val)
    on_test = _best_on(moons, moons.X_test, moons.y_test)
    on_train = _best_on(moons, moons.X_train, moons.y_train)
    assert len({on_val, on_test, on_train}) == 3, "the split must make each wrong choice distinguishable"
    assert outcome(ex09.q3, best_C=on_val[0], best_gamma=on_val[1], **data).passed
    assert outcome(ex09.q3, best_C=float(on_val[0]), best_gamma=np.float64(on_val[1]), **data).passed
    assert "TEST part" in outcome(ex09.q3, best_C=on_test[0], best_gamma=on_test[1], **data).message
    assert "TRAINING part" in outcome(ex09.q3, best_C=on_train[0], best_gamma=on_train[1], **data).message
    assert "C_VALUES" in outcome(ex09.q3, best_C=3, best_gamma=on_val[1], **data).message
    assert outcome(ex09.q3, best_C=..., best_gamma=..., **data).outcome is Outcome.NOT_ATTEMPTED


def test_q3_recomputes_from_the_learners_own_split():
    data = datasets.load("moons", n_samples=300, noise=0.3, seed=1)
    other = datasets.split(data.X, data.y, val_size=0.25, test_size=0.25, seed=5)
    best = _best_on(other, other.X_val, other.y_val)
    assert outcome(ex09.q3, best_C=best[0], best_gamma=best[1], X_train=other.X_train, y_train=other.y_train,
                   X_val=other.X_val, y_val=other.y_val, X_test=other.X_test, y_test=other.y_test).passed


def test_q4_decision_value_by_hand(moons):
    data = dict(X_train=moons.X_train, y_train=moons.y_train, X_val=moons.X_val)
    rbf = SVC(kernel="rbf", C=1, gamma=0.5).fit(moons.X_train, moons.y_train)
    value = float(rbf.decision_function(moons.X_val[:1])[0])
    assert outcome(ex09.q4, decision_by_hand=value, **data).passed
    assert outcome(ex09.q4, decision_by_hand=np.array([value]), **data).passed
    no_bias = outcome(ex09.q4, decision_by_hand=value - rbf.intercept_[0], **data)
    assert no_bias.outcome is Outcome.WRONG and "intercept_" in no_bias.message
    assert "opposite sign" in outcome(ex09.q4, decision_by_hand=-value, **data).message
    other_gamma = SVC(kernel="rbf", C=1, gamma=1.0).fit(moons.X_train, moons.y_train)
    wrong = outcome(ex09.q4, decision_by_hand=float(other_gamma.decision_function(moons.X_val[:1])[0]), **data)
    assert wrong.outcome is Outcome.WRONG and "decision_by_hand" in wrong.message
    assert "one number" in outcome(ex09.q4, decision_by_hand=rbf.decision_function(moons.X_val), **data).message


def test_q4_formula_is_in_the_hint_not_in_the_exercise_instructions():
    from pathlib import Path

    exercise = (Path(__file__).resolve().parents[1] / "exercises" / "09_support_vector_machines.md").read_text()
    question = exercise[exercise.index("## Question 4"):]
    assert "exp(-gamma" not in question
    assert "exp(-gamma" in ex09.q4.hint_text
