"""What is specific to exercise set 07 (the shared properties and the attempts are in test_sets.py)."""

from sklearn.ensemble import RandomForestClassifier

from paramlab.checks import ex07

from attempts import split
from attempts_ex07 import data


def test_q3_recomputes_from_the_learners_own_split():
    other = split("breast_cancer", seed=3)
    scores = {m: RandomForestClassifier(n_estimators=50, max_features=m, random_state=0)
              .fit(other["X_train"], other["y_train"]).score(other["X_val"], other["y_val"])
              for m in ex07.FEATURE_COUNTS}
    best = max(scores, key=scores.get)
    assert best != data()["m_val"]
    assert ex07.q3.evaluate(best_max_features=best, **other).passed
