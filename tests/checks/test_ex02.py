"""What is specific to exercise set 02 (the shared properties and the attempts are in test_sets.py)."""

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import log_loss

from paramlab.checks import ex02

from attempts import split
from attempts_ex02 import descent


def validation_losses(parts):
    losses = {}
    for rate in ex02.BOOSTING_RATES:
        model = GradientBoostingClassifier(n_estimators=50, learning_rate=rate, max_depth=2,
                                           random_state=0).fit(parts["X_train"], parts["y_train"])
        losses[rate] = log_loss(parts["y_val"], model.predict_proba(parts["X_val"]))
    return losses


def test_q4_recomputes_from_the_learners_own_split_and_names_the_highest_loss():
    other = split("breast_cancer", scaled=True, seed=1)  # a split where the worst rate is no other part's winner
    losses = validation_losses(other)
    assert ex02.q4.evaluate(best_rate=min(losses, key=losses.get), **other).passed
    worst = ex02.q4.evaluate(best_rate=max(losses, key=losses.get), **other)
    assert not worst.passed and "HIGHEST validation log-loss" in worst.message


def test_q2_and_q3_recompute_from_the_learners_own_split():
    other = split("breast_cancer", scaled=True, seed=1)
    X, y = other["X_train"], other["y_train"]
    w, b = descent(X, y, 0.5, 3000)
    assert ex02.q2.evaluate(w_gd=w, b_gd=b, X_train=X, y_train=y).passed
    slow, fast = descent(X, y, 0.1, 3000)[0], descent(X, y, 1.0, 3000)[0]
    assert ex02.q3.evaluate(effect="same weights", w_slow=slow, w_fast=fast, gap=np.max(np.abs(slow - fast)),
                            X_train=X, y_train=y).passed
