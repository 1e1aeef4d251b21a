"""What is specific to exercise set 13 (the shared properties and the attempts are in test_sets.py)."""

from paramlab.checks import ex13


def test_q5_a_wrong_score_alone_says_nothing_about_tune_on():
    result = ex13.q5.evaluate(tune_on="validation", reported_score="unbiased")
    assert not result.passed and "tune_on" not in result.message


def test_q4_messages_name_no_candidate():
    right = {"n_estimators", "learning_rate", "max_depth", "n_neighbors"}
    for extra in ("alpha_", "coef_", "support_vectors_", "feature_importances_"):
        result = ex13.q4.evaluate(hyperparameter_names=right | {extra})
        assert not result.passed and not any(name in result.message for name in ex13.NAMES), result.message
    for missing in right:
        result = ex13.q4.evaluate(hyperparameter_names=right - {missing})
        assert not result.passed and not any(name in result.message for name in ex13.NAMES), result.message
    assert not any(name in ex13.q4.hint_text for name in ex13.NAMES)
