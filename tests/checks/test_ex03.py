"""What is specific to exercise set 03 (the shared properties and the attempts are in test_sets.py)."""

import warnings

from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from paramlab.checks import ex03

from attempts import split


def test_q3_recomputes_from_the_learners_own_split():
    other = split("breast_cancer", seed=3)
    scores = {C: make_pipeline(StandardScaler(), LogisticRegression(C=C)).fit(other["X_train"], other["y_train"])
              .score(other["X_val"], other["y_val"]) for C in ex03.C_GRID}
    assert ex03.q3.evaluate(best_C=max(scores, key=scores.get), **other).passed


def test_q4_refit_keeps_its_convergence_warning_to_itself(recwarn):
    data = split("breast_cancer")
    X, y = data["X_train"], data["y_train"]
    identity = make_pipeline(FunctionTransformer(), LogisticRegression())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        identity.fit(X, y)
    result = ex03.q4.evaluate(fixed_model=identity, X_train=X, y_train=y)
    assert not result.passed and "does not converge" in result.message
    assert not [w for w in recwarn if "converge" in str(w.message)]
