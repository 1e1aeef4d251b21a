"""What is specific to exercise set 04 (the shared properties and the attempts are in test_sets.py)."""

from paramlab.checks import ex04

from attempts_ex04 import lasso, regression_split


def test_q3_recomputes_from_the_learners_own_split():
    other = regression_split(seed=5)
    scores = {a: lasso(a).fit(other["X_train"], other["y_train"]).score(other["X_val"], other["y_val"])
              for a in ex04.ALPHA_GRID}
    assert ex04.q3.evaluate(best_alpha=max(scores, key=scores.get), **other).passed
