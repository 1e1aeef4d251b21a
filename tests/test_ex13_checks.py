"""The checks of exercise set 13 (a hashed quiz) called directly: right answers pass, the
predictable wrong answers get their specific messages, placeholders are 'not attempted'."""

import pytest

from paramlab.checks import ex13
from paramlab.grading.core import Outcome


def test_every_question_has_a_hint_and_a_title():
    assert len(ex13.SET.questions) >= 4
    for q in ex13.SET.questions.values():
        assert q.hint_text and q.title


def test_q1_the_weight_is_stored_out_by_in():
    torch = pytest.importorskip("torch")
    layer = torch.nn.Linear(20, 64)
    assert ex13.q1.evaluate(weight_shape=tuple(layer.weight.shape)).passed
    assert ex13.q1.evaluate(weight_shape=layer.weight.shape).passed  # a torch.Size is accepted
    transposed = ex13.q1.evaluate(weight_shape=(20, 64))
    assert transposed.outcome is Outcome.WRONG and "other way round" in transposed.message
    assert "two numbers" in ex13.q1.evaluate(weight_shape=(64, 20, 1)).message
    assert "tuple of two whole numbers" in ex13.q1.evaluate(weight_shape="64x20").message
    assert ex13.q1.evaluate(weight_shape=...).outcome is Outcome.NOT_ATTEMPTED


def test_q2_counts_weights_and_biases():
    torch = pytest.importorskip("torch")
    net = torch.nn.Sequential(torch.nn.Linear(20, 64), torch.nn.ReLU(), torch.nn.Dropout(0.3),
                              torch.nn.Linear(64, 1))
    total = sum(p.numel() for p in net.parameters())
    assert ex13.q2.evaluate(n_parameters=total).passed
    weights_only = sum(p.numel() for name, p in net.named_parameters() if name.endswith("weight"))
    assert "no bias" in ex13.q2.evaluate(n_parameters=weights_only).message
    assert "output layer has a bias" in ex13.q2.evaluate(n_parameters=total - 1).message
    assert "hidden layer has one bias" in ex13.q2.evaluate(n_parameters=total - 64).message
    assert "whole number" in ex13.q2.evaluate(n_parameters=float(total)).message


def test_q3():
    right = {"decision tree", "random forest", "k-nearest neighbours"}
    assert ex13.q3.evaluate(no_gradient=right).passed
    assert ex13.q3.evaluate(no_gradient=["Decision Tree ", "random forest", "k-nearest neighbours"]).passed
    boosting = ex13.q3.evaluate(no_gradient=right | {"gradient boosting"})
    assert boosting.outcome is Outcome.WRONG and "function space" in boosting.message
    assert "not right yet" in ex13.q3.evaluate(no_gradient={"decision tree"}).message
    assert "not a candidate" in ex13.q3.evaluate(no_gradient={"svm"}).message


def test_q4():
    right = {"n_estimators", "learning_rate", "max_depth", "n_neighbors"}
    assert ex13.q4.evaluate(hyperparameter_names=right).passed
    with_alpha = ex13.q4.evaluate(hyperparameter_names=right | {"alpha_"})
    assert with_alpha.outcome is Outcome.WRONG and "RidgeCV" in with_alpha.message
    assert "learned, not set" in ex13.q4.evaluate(hyperparameter_names=right | {"coef_"}).message
    assert "missing a hyperparameter" in ex13.q4.evaluate(hyperparameter_names=right - {"learning_rate"}).message


def test_q5():
    assert ex13.q5.evaluate(tune_on="validation", reported_score="optimistic").passed
    on_test = ex13.q5.evaluate(tune_on="test", reported_score="optimistic")
    assert on_test.outcome is Outcome.WRONG and "must not make any decision" in on_test.message
    unbiased = ex13.q5.evaluate(tune_on="validation", reported_score="unbiased")
    assert "reported_score is not right" in unbiased.message and "tune_on" not in unbiased.message
    assert "should be one of" in ex13.q5.evaluate(tune_on="dev", reported_score="optimistic").message


def test_q6():
    assert ex13.q6.evaluate(knn_learns="the stored training set").passed
    nothing = ex13.q6.evaluate(knn_learns="nothing")
    assert nothing.outcome is Outcome.WRONG and "does keep something" in nothing.message
    assert "set by you" in ex13.q6.evaluate(knn_learns="the best n_neighbors").message
