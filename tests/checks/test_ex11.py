"""What is specific to exercise set 11 (the shared properties and the attempts are in test_sets.py)."""

import inspect

from sklearn.model_selection import StratifiedKFold, cross_val_score

from paramlab.checks import ex11

from attempts import pick, split
from attempts_ex11 import CS, KEY, make_model


def test_q1_recomputes_from_the_learners_own_split():
    other = split("breast_cancer", val_size=0.0, test_size=0.25, seed=3)
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    means = {C: cross_val_score(make_model(C), other["X_train"], other["y_train"], cv=cv).mean() for C in CS}
    answers = pick(other, "X_train", "y_train", "X_test", "y_test")
    assert ex11.q1.evaluate(best_C=max(means, key=means.get), **answers).passed


def test_q2_the_grid_key_is_not_written_in_the_checks_nor_in_the_case_message():
    assert KEY.lower() not in inspect.getsource(ex11).lower()
    for name in ("LogisticRegression__C", "logisticregression__c", "LOGISTICREGRESSION__C"):
        result = ex11.q2.evaluate(param_name=name, n_fits=5 * len(CS) + 1, Cs=CS)
        assert not result.passed and "case-sensitive" in result.message
        assert KEY not in result.message and "logisticregression" not in result.message
