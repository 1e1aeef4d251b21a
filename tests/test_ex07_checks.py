"""The checks of exercise set 07 called directly: right answers pass, plausible wrong ones are
rejected with the intended message, placeholders are 'not attempted'."""

import numpy as np
import pytest
from sklearn.ensemble import RandomForestClassifier

from paramlab import datasets
from paramlab.checks import ex07
from paramlab.grading.core import Outcome


@pytest.fixture(scope="module")
def parts():
    data = datasets.load("breast_cancer")
    return datasets.split(data.X, data.y, val_size=0.2, test_size=0.2, seed=0)


@pytest.fixture(scope="module")
def forest(parts):
    return RandomForestClassifier(n_estimators=50, random_state=0).fit(parts.X_train, parts.y_train)


def test_every_question_has_a_hint_and_a_title():
    assert len(ex07.SET.questions) >= 4
    for q in ex07.SET.questions.values():
        assert q.hint_text and q.title


def test_q1(parts, forest):
    data = dict(X_train=parts.X_train, y_train=parts.y_train)
    total = sum(est.tree_.node_count for est in forest.estimators_)
    assert ex07.q1.evaluate(total_nodes=total, **data).passed
    first = ex07.q1.evaluate(total_nodes=forest.estimators_[0].tree_.node_count, **data)
    assert first.outcome is Outcome.WRONG and "first tree only" in first.message
    leaves = ex07.q1.evaluate(total_nodes=sum(est.tree_.n_leaves for est in forest.estimators_), **data)
    assert "leaves only" in leaves.message
    assert "number of trees" in ex07.q1.evaluate(total_nodes=50, **data).message
    assert ex07.q1.evaluate(total_nodes=..., **data).outcome is Outcome.NOT_ATTEMPTED


@pytest.fixture(scope="module")
def oob_scores(parts):
    grower = RandomForestClassifier(n_estimators=25, oob_score=True, warm_start=True, random_state=0)
    scores = []
    for n in ex07.TREE_COUNTS:
        grower.set_params(n_estimators=n)
        grower.fit(parts.X_train, parts.y_train)
        scores.append(grower.oob_score_)
    return scores


def test_q2(parts, oob_scores):
    data = dict(X_train=parts.X_train, y_train=parts.y_train)
    assert ex07.q2.evaluate(shape="levels off", oob_scores=oob_scores, **data).passed
    overfit = ex07.q2.evaluate(shape="rises", oob_scores=oob_scores, **data)
    assert overfit.outcome is Outcome.WRONG and "do not make a forest overfit" in overfit.message
    zero = ex07.q2.evaluate(shape="falls to zero", oob_scores=oob_scores, **data)
    assert "cannot drive the OOB error to zero" in zero.message
    errors = ex07.q2.evaluate(shape="levels off", oob_scores=[1 - s for s in oob_scores], **data)
    assert "error rates" in errors.message
    assert "list of 3 numbers" in ex07.q2.evaluate(shape="levels off", oob_scores=0.95, **data).message
    assert ex07.q2.evaluate(shape=..., oob_scores=..., **data).outcome is Outcome.NOT_ATTEMPTED


def _best(parts, X_eval, y_eval):
    scores = {m: RandomForestClassifier(n_estimators=50, max_features=m, random_state=0)
              .fit(parts.X_train, parts.y_train).score(X_eval, y_eval) for m in ex07.FEATURE_COUNTS}
    return max(scores, key=scores.get)


def test_q3_accepts_the_validation_choice_and_rejects_a_test_choice(parts):
    on_val, on_test = _best(parts, parts.X_val, parts.y_val), _best(parts, parts.X_test, parts.y_test)
    assert on_val != on_test, "the split must make a test-set choice distinguishable"
    data = dict(X_train=parts.X_train, y_train=parts.y_train, X_val=parts.X_val, y_val=parts.y_val,
                X_test=parts.X_test, y_test=parts.y_test)
    assert ex07.q3.evaluate(best_max_features=on_val, **data).passed
    tuned_on_test = ex07.q3.evaluate(best_max_features=on_test, **data)
    assert tuned_on_test.outcome is Outcome.WRONG and "TEST part" in tuned_on_test.message
    assert "not a string" in ex07.q3.evaluate(best_max_features="sqrt", **data).message
    assert "values you tried" in ex07.q3.evaluate(best_max_features=3, **data).message


def test_q3_recomputes_from_the_learners_own_split():
    data = datasets.load("breast_cancer")
    other = datasets.split(data.X, data.y, val_size=0.2, test_size=0.2, seed=3)
    kwargs = dict(X_train=other.X_train, y_train=other.y_train, X_val=other.X_val, y_val=other.y_val,
                  X_test=other.X_test, y_test=other.y_test)
    assert ex07.q3.evaluate(best_max_features=_best(other, other.X_val, other.y_val), **kwargs).passed


def test_q4(parts, forest):
    X, y, Xv, yv = parts.X_train, parts.y_train, parts.X_val, parts.y_val
    data = dict(X_train=X, y_train=y, X_val=Xv, y_val=yv)
    tree_val = np.mean([np.mean(est.predict(Xv) == yv) for est in forest.estimators_])
    tree_train = np.mean([np.mean(est.predict(X) == y) for est in forest.estimators_])
    forest_val = forest.score(Xv, yv)
    assert ex07.q4.evaluate(mean_tree_acc=tree_val, forest_acc=forest_val, **data).passed
    on_train = ex07.q4.evaluate(mean_tree_acc=tree_train, forest_acc=forest_val, **data)
    assert on_train.outcome is Outcome.WRONG and "training part" in on_train.message
    forest_twice = ex07.q4.evaluate(mean_tree_acc=forest_val, forest_acc=forest_val, **data)
    assert "single trees" in forest_twice.message
    forest_train = ex07.q4.evaluate(mean_tree_acc=tree_val, forest_acc=forest.score(X, y), **data)
    assert "forest_acc was measured on the training part" in forest_train.message
