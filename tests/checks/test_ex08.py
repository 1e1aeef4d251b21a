"""What is specific to exercise set 08 (the shared properties and the attempts are in test_sets.py)."""

import numpy as np
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_squared_error

from paramlab.checks import ex08

from attempts import pick, split


def test_q2_recomputes_from_the_learners_own_split():
    other = split("diabetes", seed=3)
    model = GradientBoostingRegressor(n_estimators=300, learning_rate=0.1, max_depth=2, random_state=0)
    model.fit(other["X_train"], other["y_train"])
    curve = [mean_squared_error(other["y_val"], p) for p in model.staged_predict(other["X_val"])]
    assert ex08.q2.evaluate(best_n_trees=int(np.argmin(curve)) + 1, **other).passed


def test_q4_recomputes_the_kept_count_from_the_learners_own_split():
    other = split("diabetes", seed=3)
    stopper = GradientBoostingRegressor(n_estimators=500, learning_rate=0.1, n_iter_no_change=5,
                                        validation_fraction=0.2, random_state=0).fit(other["X_train"],
                                                                                     other["y_train"])
    assert stopper.n_estimators_ != len(split("diabetes")["X_train"])
    answers = pick(other, "X_train", "y_train")
    assert ex08.q4.evaluate(n_trees_used=stopper.n_estimators_, learned_attribute="n_estimators_", **answers).passed


def test_q4_states_no_option_of_the_label():
    exercise = ex08.q4.hint_text + ex08.q4.title
    assert "n_estimators_" not in exercise and "'n_estimators'" not in exercise
