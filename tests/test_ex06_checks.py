"""The checks of exercise set 06 called directly: right answers pass, plausible wrong ones are
rejected with the intended message, placeholders are 'not attempted'."""

import numpy as np
import pytest
from sklearn.tree import DecisionTreeClassifier

from paramlab import datasets
from paramlab.checks import ex06
from paramlab.grading.core import Outcome


@pytest.fixture(scope="module")
def parts():
    data = datasets.load("breast_cancer")
    return datasets.split(data.X, data.y, val_size=0.2, test_size=0.2, seed=0)


@pytest.fixture(scope="module")
def tree(parts):
    return DecisionTreeClassifier(random_state=0).fit(parts.X_train, parts.y_train)


def gini(labels):
    p = np.bincount(labels, minlength=2) / len(labels)
    return 1.0 - np.sum(p ** 2)


def test_every_question_has_a_hint_and_a_title():
    assert len(ex06.SET.questions) >= 4
    for q in ex06.SET.questions.values():
        assert q.hint_text and q.title


def test_q1(parts, tree):
    t = tree.tree_
    data = dict(X_train=parts.X_train, y_train=parts.y_train)
    assert ex06.q1.evaluate(root_feature=int(t.feature[0]), root_threshold=float(t.threshold[0]), **data).passed
    child = t.children_left[0] if t.children_left[t.children_left[0]] != -1 else t.children_right[0]
    wrong_node = ex06.q1.evaluate(root_feature=int(t.feature[child]), root_threshold=float(t.threshold[child]),
                                  **data)
    assert wrong_node.outcome is Outcome.WRONG and "child node" in wrong_node.message
    name = ex06.q1.evaluate(root_feature="worst radius", root_threshold=float(t.threshold[0]), **data)
    assert "column index" in name.message
    off = ex06.q1.evaluate(root_feature=int(t.feature[0]), root_threshold=float(t.threshold[0]) + 1.0, **data)
    assert off.outcome is Outcome.WRONG and "root_threshold" in off.message
    assert ex06.q1.evaluate(root_feature=..., root_threshold=..., **data).outcome is Outcome.NOT_ATTEMPTED


def test_q2(parts, tree):
    X, y = parts.X_train, parts.y_train
    t = tree.tree_
    left = X[:, t.feature[0]] <= t.threshold[0]
    wl, wr = left.mean(), (~left).mean()
    right_answer = gini(y) - wl * gini(y[left]) - wr * gini(y[~left])
    data = dict(X_train=X, y_train=y)
    assert ex06.q2.evaluate(gini_decrease=right_answer, **data).passed
    unweighted = ex06.q2.evaluate(gini_decrease=gini(y) - (gini(y[left]) + gini(y[~left])) / 2, **data)
    assert unweighted.outcome is Outcome.WRONG and "averaged the two children equally" in unweighted.message
    children_only = ex06.q2.evaluate(gini_decrease=wl * gini(y[left]) + wr * gini(y[~left]), **data)
    assert "weighted impurity of the children" in children_only.message
    assert ex06.q2.evaluate(gini_decrease=..., **data).outcome is Outcome.NOT_ATTEMPTED


def test_q3(parts):
    X, y = parts.X_train, parts.y_train
    acc = {c: DecisionTreeClassifier(criterion=c, random_state=0).fit(X, y).score(X, y)
           for c in ("gini", "entropy")}
    data = dict(X_train=X, y_train=y)
    assert ex06.q3.evaluate(effect="same", train_acc_gini=acc["gini"], train_acc_entropy=acc["entropy"],
                            **data).passed
    wrong_effect = ex06.q3.evaluate(effect="higher", train_acc_gini=acc["gini"],
                                    train_acc_entropy=acc["entropy"], **data)
    assert wrong_effect.outcome is Outcome.WRONG and "compare them" in wrong_effect.message
    validation = ex06.q3.evaluate(effect="same", train_acc_gini=0.9, train_acc_entropy=acc["entropy"], **data)
    assert "train_acc_gini" in validation.message
    assert "'higher', 'lower', 'same'" in ex06.q3.evaluate(
        effect="up", train_acc_gini=acc["gini"], train_acc_entropy=acc["entropy"], **data).message


def _choices(parts):
    X, y = parts.X_train, parts.y_train
    alphas = DecisionTreeClassifier(random_state=0).cost_complexity_pruning_path(X, y).ccp_alphas[:-1]

    def largest_best(X_eval, y_eval):
        scores = np.array([DecisionTreeClassifier(ccp_alpha=a, random_state=0).fit(X, y).score(X_eval, y_eval)
                           for a in alphas])
        return float(alphas[scores == scores.max()].max())

    return alphas, largest_best(parts.X_val, parts.y_val), largest_best(parts.X_test, parts.y_test)


def test_q4_accepts_the_validation_choice_and_rejects_a_test_choice(parts):
    alphas, on_val, on_test = _choices(parts)
    assert on_val != on_test, "the split must make a test-set choice distinguishable"
    data = dict(X_train=parts.X_train, y_train=parts.y_train, X_val=parts.X_val, y_val=parts.y_val,
                X_test=parts.X_test, y_test=parts.y_test)
    assert ex06.q4.evaluate(best_alpha=on_val, **data).passed
    tuned_on_test = ex06.q4.evaluate(best_alpha=on_test, **data)
    assert tuned_on_test.outcome is Outcome.WRONG and "TEST part" in tuned_on_test.message
    on_train = ex06.q4.evaluate(best_alpha=0.0, **data)
    assert "TRAINING part" in on_train.message
    assert "pruning path" in ex06.q4.evaluate(best_alpha=0.5, **data).message
    assert ex06.q4.evaluate(best_alpha=..., **data).outcome is Outcome.NOT_ATTEMPTED


def test_q4_recomputes_from_the_learners_own_split():
    data = datasets.load("breast_cancer")
    other = datasets.split(data.X, data.y, val_size=0.2, test_size=0.2, seed=3)
    _, on_val, _ = _choices(other)
    kwargs = dict(X_train=other.X_train, y_train=other.y_train, X_val=other.X_val, y_val=other.y_val,
                  X_test=other.X_test, y_test=other.y_test)
    assert ex06.q4.evaluate(best_alpha=on_val, **kwargs).passed
