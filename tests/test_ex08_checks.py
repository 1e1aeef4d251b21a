"""The checks of exercise set 08 called directly: right answers pass, plausible wrong ones are
rejected with the intended message, placeholders are 'not attempted'."""

import numpy as np
import pytest
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_squared_error
from sklearn.tree import DecisionTreeRegressor

from paramlab import datasets
from paramlab.checks import ex08
from paramlab.grading.core import Outcome


@pytest.fixture(scope="module")
def parts():
    data = datasets.load("diabetes")
    return datasets.split(data.X, data.y, val_size=0.2, test_size=0.2, seed=0)


def test_every_question_has_a_hint_and_a_title():
    assert len(ex08.SET.questions) >= 4
    for q in ex08.SET.questions.values():
        assert q.hint_text and q.title


def test_q1(parts):
    X, y, Xv, yv = parts.X_train, parts.y_train, parts.X_val, parts.y_val
    data = dict(X_train=X, y_train=y, X_val=Xv, y_val=yv)
    f0 = y.mean()
    tree = DecisionTreeRegressor(max_depth=3, random_state=0).fit(X, y - f0)
    right = mean_squared_error(yv, f0 + 0.1 * tree.predict(Xv))
    assert ex08.q1.evaluate(init_value=f0, val_mse_one_step=right, **data).passed
    full_step = ex08.q1.evaluate(init_value=f0, val_mse_one_step=mean_squared_error(yv, f0 + tree.predict(Xv)),
                                 **data)
    assert full_step.outcome is Outcome.WRONG and "full step" in full_step.message
    on_y = DecisionTreeRegressor(max_depth=3, random_state=0).fit(X, y)
    fitted_on_y = ex08.q1.evaluate(init_value=f0, val_mse_one_step=mean_squared_error(yv, f0 + 0.1 * on_y.predict(Xv)),
                                   **data)
    assert "residuals" in fitted_on_y.message
    median = ex08.q1.evaluate(init_value=float(np.median(y)), val_mse_one_step=right, **data)
    assert "median" in median.message
    assert ex08.q1.evaluate(init_value=..., val_mse_one_step=..., **data).outcome is Outcome.NOT_ATTEMPTED


def _best(model, X, y):
    return int(np.argmin([mean_squared_error(y, p) for p in model.staged_predict(X)])) + 1


def test_q2_accepts_the_validation_choice_and_rejects_a_test_choice(parts):
    model = GradientBoostingRegressor(n_estimators=300, learning_rate=0.1, max_depth=2, random_state=0)
    model.fit(parts.X_train, parts.y_train)
    on_val, on_test = _best(model, parts.X_val, parts.y_val), _best(model, parts.X_test, parts.y_test)
    assert on_val != on_test and on_test != on_val - 1, "the split must make a test-set choice distinguishable"
    data = dict(X_train=parts.X_train, y_train=parts.y_train, X_val=parts.X_val, y_val=parts.y_val,
                X_test=parts.X_test, y_test=parts.y_test)
    assert ex08.q2.evaluate(best_n_trees=on_val, **data).passed
    tuned_on_test = ex08.q2.evaluate(best_n_trees=on_test, **data)
    assert tuned_on_test.outcome is Outcome.WRONG and "TEST part" in tuned_on_test.message
    assert "off by one" in ex08.q2.evaluate(best_n_trees=on_val - 1, **data).message
    assert "TRAINING part" in ex08.q2.evaluate(best_n_trees=300, **data).message
    assert ex08.q2.evaluate(best_n_trees=..., **data).outcome is Outcome.NOT_ATTEMPTED


def test_q3(parts):
    data = dict(X_train=parts.X_train, y_train=parts.y_train, X_val=parts.X_val, y_val=parts.y_val)
    counts = {}
    for rate in (0.05, 0.5):
        model = GradientBoostingRegressor(n_estimators=300, learning_rate=rate, max_depth=2, random_state=0)
        counts[rate] = _best(model.fit(parts.X_train, parts.y_train), parts.X_val, parts.y_val)
    assert ex08.q3.evaluate(needs_more_trees="0.05", best_n_small=counts[0.05], best_n_large=counts[0.5],
                            **data).passed
    wrong = ex08.q3.evaluate(needs_more_trees="0.5", best_n_small=counts[0.05], best_n_large=counts[0.5], **data)
    assert wrong.outcome is Outcome.WRONG and "compare them" in wrong.message
    swapped = ex08.q3.evaluate(needs_more_trees="0.05", best_n_small=counts[0.5], best_n_large=counts[0.05],
                               **data)
    assert "swapped" in swapped.message
    # The rate is compared as a number: 0.05, "0.050", 0.5 and "0.50" are read like "0.05" and "0.5".
    for spelled in (0.05, "0.050", " 0.05 "):
        assert ex08.q3.evaluate(needs_more_trees=spelled, best_n_small=counts[0.05], best_n_large=counts[0.5],
                                **data).passed
    for spelled in (0.5, "0.50"):
        other = ex08.q3.evaluate(needs_more_trees=spelled, best_n_small=counts[0.05], best_n_large=counts[0.5],
                                 **data)
        assert other.outcome is Outcome.WRONG and "compare them" in other.message
    for bad in ("small", 0.1, True, None):
        message = ex08.q3.evaluate(needs_more_trees=bad, best_n_small=counts[0.05], best_n_large=counts[0.5],
                                   **data).message
        assert "0.05 or 0.5" in message


def test_q4(parts):
    data = dict(X_train=parts.X_train, y_train=parts.y_train)
    model = GradientBoostingRegressor(n_estimators=500, learning_rate=0.1, n_iter_no_change=5,
                                      validation_fraction=0.2, random_state=0).fit(parts.X_train, parts.y_train)
    assert ex08.q4.evaluate(n_trees_used=model.n_estimators_, learned_attribute="n_estimators_", **data).passed
    ceiling = ex08.q4.evaluate(n_trees_used=500, learned_attribute="n_estimators_", **data)
    assert ceiling.outcome is Outcome.WRONG and "ceiling" in ceiling.message
    name = ex08.q4.evaluate(n_trees_used=model.n_estimators_, learned_attribute="n_estimators", **data)
    assert "constructor argument" in name.message
