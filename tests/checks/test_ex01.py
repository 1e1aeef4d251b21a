"""What is specific to exercise set 01 (the shared properties and the attempts are in test_sets.py)."""

from sklearn.tree import DecisionTreeClassifier

from paramlab.checks import ex01

from attempts import split


def test_q4_recomputes_from_the_learners_own_split():
    other = split("breast_cancer", seed=3)
    scores = {d: DecisionTreeClassifier(max_depth=d, random_state=0).fit(other["X_train"], other["y_train"])
              .score(other["X_val"], other["y_val"]) for d in range(1, 9)}
    assert ex01.q4.evaluate(best_depth=max(scores, key=scores.get), **other).passed
