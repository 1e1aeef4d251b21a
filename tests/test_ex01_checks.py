"""The checks of exercise set 01 called directly: right answers pass, plausible wrong ones are
rejected with the intended message, placeholders are 'not attempted'."""

import pytest
from sklearn.linear_model import LogisticRegression

from paramlab import datasets
from paramlab.checks import ex01
from paramlab.grading.core import Outcome


@pytest.fixture(scope="module")
def parts():
    data = datasets.load("breast_cancer")
    return datasets.split(data.X, data.y, val_size=0.2, test_size=0.2, seed=0)


def outcome(question, **answers):
    return question.evaluate(**answers)


def test_every_question_has_a_hint_and_a_title():
    assert len(ex01.SET.questions) >= 5
    for q in ex01.SET.questions.values():
        assert q.hint_text and q.title


def test_q1(parts):
    n = parts.X_train.shape[1]
    assert outcome(ex01.q1, n_learned=n + 1, X_train=parts.X_train).passed
    wrong = outcome(ex01.q1, n_learned=n, X_train=parts.X_train)
    assert wrong.outcome is Outcome.WRONG and "intercept_" in wrong.message
    rows = outcome(ex01.q1, n_learned=len(parts.X_train), X_train=parts.X_train)
    assert "training rows" in rows.message
    assert outcome(ex01.q1, n_learned=..., X_train=parts.X_train).outcome is Outcome.NOT_ATTEMPTED


def test_q2():
    right = {n for n in ex01.CANDIDATES if n in LogisticRegression().get_params()}
    assert outcome(ex01.q2, hyperparameter_names=right).passed
    with_learned = outcome(ex01.q2, hyperparameter_names=right | {"coef_"})
    assert "learned, not set" in with_learned.message
    partial = outcome(ex01.q2, hyperparameter_names={"C"})
    assert partial.outcome is Outcome.WRONG and "get_params" in partial.message
    assert "not a candidate" in outcome(ex01.q2, hyperparameter_names={"alpha"}).message
    assert "set of names" in outcome(ex01.q2, hyperparameter_names="C").message


def test_q3(parts):
    from sklearn.tree import DecisionTreeClassifier
    shallow = DecisionTreeClassifier(max_depth=2, random_state=0).fit(parts.X_train, parts.y_train).tree_
    deep = DecisionTreeClassifier(max_depth=6, random_state=0).fit(parts.X_train, parts.y_train).tree_
    base = dict(X_train=parts.X_train, y_train=parts.y_train)
    assert outcome(ex01.q3, n_nodes_shallow=shallow.node_count, n_nodes_deep=deep.node_count,
                   effect="more nodes", **base).passed
    leaves = outcome(ex01.q3, n_nodes_shallow=shallow.n_leaves, n_nodes_deep=deep.n_leaves,
                     effect="more nodes", **base)
    assert "leaves only" in leaves.message
    wrong_effect = outcome(ex01.q3, n_nodes_shallow=shallow.node_count, n_nodes_deep=deep.node_count,
                           effect="fewer nodes", **base)
    assert wrong_effect.outcome is Outcome.WRONG and wrong_effect.message == "effect is not right yet"


def test_q4_accepts_the_validation_choice_and_rejects_a_test_choice(parts):
    from sklearn.tree import DecisionTreeClassifier

    def best_on(X, y):
        scores = {d: DecisionTreeClassifier(max_depth=d, random_state=0).fit(parts.X_train, parts.y_train)
                  .score(X, y) for d in range(1, 9)}
        return max(scores, key=scores.get)

    data = dict(X_train=parts.X_train, y_train=parts.y_train, X_val=parts.X_val, y_val=parts.y_val,
                X_test=parts.X_test, y_test=parts.y_test)
    on_val, on_test = best_on(parts.X_val, parts.y_val), best_on(parts.X_test, parts.y_test)
    assert on_val != on_test, "the split must make a test-set choice distinguishable"
    assert outcome(ex01.q4, best_depth=on_val, **data).passed
    tuned_on_test = outcome(ex01.q4, best_depth=on_test, **data)
    assert "TEST part" in tuned_on_test.message
    assert "1 to 8" in outcome(ex01.q4, best_depth=12, **data).message


def test_q4_recomputes_from_the_learners_own_split():
    data = datasets.load("breast_cancer")
    other = datasets.split(data.X, data.y, val_size=0.2, test_size=0.2, seed=3)
    from sklearn.tree import DecisionTreeClassifier
    scores = {d: DecisionTreeClassifier(max_depth=d, random_state=0).fit(other.X_train, other.y_train)
              .score(other.X_val, other.y_val) for d in range(1, 9)}
    best = max(scores, key=scores.get)
    kwargs = dict(X_train=other.X_train, y_train=other.y_train, X_val=other.X_val, y_val=other.y_val,
                  X_test=other.X_test, y_test=other.y_test)
    assert outcome(ex01.q4, best_depth=best, **kwargs).passed


def test_q5():
    assert outcome(ex01.q5, for_the_search="learned", for_the_model="hyperparameter").passed
    swapped = outcome(ex01.q5, for_the_search="hyperparameter", for_the_model="learned")
    assert "swapped" in swapped.message
    half = outcome(ex01.q5, for_the_search="learned", for_the_model="learned")
    assert "for_the_model" in half.message
    assert "'learned' or 'hyperparameter'" in outcome(ex01.q5, for_the_search="x", for_the_model="y").message
