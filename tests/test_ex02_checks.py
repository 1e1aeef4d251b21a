"""The checks of exercise set 02 called directly: right answers pass, plausible wrong ones are
rejected with the intended message, placeholders are 'not attempted'."""

import numpy as np
import pytest
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.preprocessing import StandardScaler

from paramlab import datasets
from paramlab.checks import ex02
from paramlab.grading.core import Outcome


def scaled_split(seed=0):
    data = datasets.load("breast_cancer")
    parts = datasets.split(data.X, data.y, val_size=0.2, test_size=0.2, seed=seed)
    scaler = StandardScaler().fit(parts.X_train)
    return {"X_train": scaler.transform(parts.X_train), "y_train": parts.y_train,
            "X_val": scaler.transform(parts.X_val), "y_val": parts.y_val,
            "X_test": scaler.transform(parts.X_test), "y_test": parts.y_test}


@pytest.fixture(scope="module")
def data():
    return scaled_split()


def gradient_descent(X, y, lr, steps, penalty_scale=1.0):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(X @ w + b)))
        w = w - lr * (X.T @ (p - y) / n + penalty_scale * w / (ex02.C * n))
        b = b - lr * np.mean(p - y)
    return w, b


def test_every_question_has_a_hint_and_a_title():
    assert len(ex02.SET.questions) >= 4
    for q in ex02.SET.questions.values():
        assert q.hint_text and q.title


def test_q1_accepts_the_gradient_and_names_sign_and_sum_mistakes(data):
    X, y = data["X_train"], data["y_train"]
    grad_w, grad_b = X.T @ (0.5 - y) / len(y), np.mean(0.5 - y)
    base = dict(X_train=X, y_train=y)
    assert ex02.q1.evaluate(grad_w=grad_w, grad_b=grad_b, **base).passed
    flipped = ex02.q1.evaluate(grad_w=-grad_w, grad_b=-grad_b, **base)
    assert flipped.outcome is Outcome.WRONG and "wrong sign" in flipped.message
    summed = ex02.q1.evaluate(grad_w=grad_w * len(y), grad_b=grad_b, **base)
    assert "n times too large" in summed.message
    short = ex02.q1.evaluate(grad_w=grad_w[:5], grad_b=grad_b, **base)
    assert "one number per feature" in short.message
    bad_b = ex02.q1.evaluate(grad_w=grad_w, grad_b=-grad_b, **base)
    assert "grad_b has the wrong sign" in bad_b.message
    assert ex02.q1.evaluate(grad_w=..., grad_b=..., **base).outcome is Outcome.NOT_ATTEMPTED


def test_q2_accepts_converged_descent_and_explains_a_penalty_n_times_too_strong(data):
    X, y = data["X_train"], data["y_train"]
    w, b = gradient_descent(X, y, lr=0.5, steps=3000)
    assert ex02.q2.evaluate(w_gd=w, b_gd=b, X_train=X, y_train=y).passed
    strong = LogisticRegression(C=ex02.C / len(y), tol=1e-10, max_iter=10_000).fit(X, y)
    too_strong = ex02.q2.evaluate(w_gd=strong.coef_[0], b_gd=strong.intercept_[0], X_train=X, y_train=y)
    assert too_strong.outcome is Outcome.WRONG and "n times too strong" in too_strong.message
    w_early, b_early = gradient_descent(X, y, lr=0.5, steps=20)
    early = ex02.q2.evaluate(w_gd=w_early, b_gd=b_early, X_train=X, y_train=y)
    assert "not there yet" in early.message
    nan = ex02.q2.evaluate(w_gd=np.full(X.shape[1], np.nan), b_gd=0.0, X_train=X, y_train=y)
    assert "diverged" in nan.message


def test_q3_accepts_same_weights_and_rejects_the_other_prediction():
    assert ex02.q3.evaluate(effect="same weights", gap=2.3e-5).passed
    other = ex02.q3.evaluate(effect="different weights", gap=2.3e-5)
    assert other.outcome is Outcome.WRONG and "does not agree with your own gap" in other.message
    assert "exactly 0" in ex02.q3.evaluate(effect="same weights", gap=0.0).message
    assert "not converged" in ex02.q3.evaluate(effect="same weights", gap=0.4).message
    assert "'same weights' or" in ex02.q3.evaluate(effect="same", gap=1e-5).message


def best_rate_on(data, X_eval, y_eval):
    losses = {}
    for rate in ex02.BOOSTING_RATES:
        model = GradientBoostingClassifier(n_estimators=30, learning_rate=rate, max_depth=2,
                                           random_state=0).fit(data["X_train"], data["y_train"])
        losses[rate] = log_loss(y_eval, model.predict_proba(X_eval))
    return min(losses, key=losses.get), max(losses, key=losses.get)


def test_q4_accepts_the_validation_choice_and_rejects_a_test_choice(data):
    on_val, worst_val = best_rate_on(data, data["X_val"], data["y_val"])
    on_test, _ = best_rate_on(data, data["X_test"], data["y_test"])
    assert on_val != on_test, "the split must make a test-set choice distinguishable"
    assert ex02.q4.evaluate(best_rate=on_val, **data).passed
    tuned_on_test = ex02.q4.evaluate(best_rate=on_test, **data)
    assert tuned_on_test.outcome is Outcome.WRONG and "TEST part" in tuned_on_test.message
    if worst_val != on_test:
        assert "HIGHEST" in ex02.q4.evaluate(best_rate=worst_val, **data).message
    assert "BOOSTING_RATES" in ex02.q4.evaluate(best_rate=0.5, **data).message


def test_q4_recomputes_from_the_learners_own_split():
    other = scaled_split(seed=2)
    on_val, _ = best_rate_on(other, other["X_val"], other["y_val"])
    assert ex02.q4.evaluate(best_rate=on_val, **other).passed
